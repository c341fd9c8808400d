// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! The client, its configuration and credentials.
/// A client for the Cloudflare API - Resource Sharing.
/// Resource Sharing lets an account share Cloudflare resources (custom rulesets, Gateway
/// policies, destination IPs, block page settings, extended email matching and IdP
/// federation grants) with other accounts or with an organization. A share has recipients
/// and resources. Changes are not immediate: mutating calls return the updated object with
/// a new status.
///
/// Cheap to clone: clones share one connection pool and configuration.
#[derive(Clone, Debug)]
pub struct Client {
    core: crate::runtime::Core,
}
impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
    /// A client configured from environment variables; fails when no credentials are set.
    pub fn from_env() -> crate::runtime::Result<Client> {
        Self::builder().with_env().build()
    }
    /// The transport, for requests the generated methods do not cover.
    pub fn core(&self) -> &crate::runtime::Core {
        &self.core
    }
    /// Operations on `resource_sharing`.
    pub fn resource_sharing(
        &self,
    ) -> crate::resources::resource_sharing::ResourceSharing<'_> {
        crate::resources::resource_sharing::ResourceSharing::new(self)
    }
}
/// Configures a [`Client`].
#[derive(Clone, Default)]
pub struct ClientBuilder {
    base_url: ::std::option::Option<::std::string::String>,
    timeout: ::std::option::Option<::std::time::Duration>,
    max_retries: ::std::option::Option<u32>,
    http_client: ::std::option::Option<::reqwest::Client>,
    headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    api_email: ::std::option::Option<crate::runtime::Secret>,
    api_key: ::std::option::Option<crate::runtime::Secret>,
    api_token: ::std::option::Option<crate::runtime::Secret>,
}
impl ::std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let header_names: ::std::vec::Vec<&str> = self
            .headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("headers", &header_names)
            .field("api_email", &self.api_email)
            .field("api_key", &self.api_key)
            .field("api_token", &self.api_token)
            .finish_non_exhaustive()
    }
}
impl ClientBuilder {
    /// The server the API document names.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.cloudflare.com/client/v4";
    /// The environment variable that overrides the base URL in [`ClientBuilder::with_env`].
    pub const BASE_URL_ENV: &'static str = "CLOUDFLARE_BASE_URL";
    /// Sends requests to `url` instead of the default server.
    pub fn base_url(
        mut self,
        url: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.base_url = ::std::option::Option::Some(url.into());
        self
    }
    /// The time one attempt may take before it fails as a timeout (default 60 s).
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.timeout = ::std::option::Option::Some(timeout);
        self
    }
    /// How often a failed request is retried (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = ::std::option::Option::Some(max_retries);
        self
    }
    /// Uses a preconfigured `reqwest` client (proxies, TLS roots, connection pool settings).
    pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
        self.http_client = ::std::option::Option::Some(client);
        self
    }
    /// Adds a header to every request.
    pub fn header(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// Sets the `api_email` credential.
    ///
    /// The previous authorization scheme for interacting with the Cloudflare API, used in conjunction with a Global API key.
    ///
    /// Sent in the `X-Auth-Email` header.
    /// `Client::from_env` reads it from `CLOUDFLARE_EMAIL`.
    pub fn api_email(
        mut self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.api_email = ::std::option::Option::Some(crate::runtime::Secret::new(value));
        self
    }
    /// Sets the `api_key` credential.
    ///
    /// The previous authorization scheme for interacting with the Cloudflare API. When possible, use API tokens instead of Global API keys.
    ///
    /// Sent in the `X-Auth-Key` header.
    /// `Client::from_env` reads it from `CLOUDFLARE_API_KEY`.
    pub fn api_key(
        mut self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.api_key = ::std::option::Option::Some(crate::runtime::Secret::new(value));
        self
    }
    /// Sets the `api_token` credential.
    ///
    /// An API token, sent in the header `Authorization: Bearer <token>`.
    ///
    /// Sent as `Authorization: Bearer <value>`.
    /// `Client::from_env` reads it from `CLOUDFLARE_API_TOKEN`.
    pub fn api_token(
        mut self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.api_token = ::std::option::Option::Some(crate::runtime::Secret::new(value));
        self
    }
    /// Reads credentials and the base URL from the environment, keeping values not set there.
    pub fn with_env(mut self) -> Self {
        fn read_env(name: &str) -> ::std::option::Option<::std::string::String> {
            ::std::env::var(name).ok().filter(|value| !value.is_empty())
        }
        if let ::std::option::Option::Some(url) = read_env(Self::BASE_URL_ENV) {
            self = self.base_url(url);
        }
        if let ::std::option::Option::Some(value) = read_env("CLOUDFLARE_EMAIL") {
            self = self.api_email(value);
        }
        if let ::std::option::Option::Some(value) = read_env("CLOUDFLARE_API_KEY") {
            self = self.api_key(value);
        }
        if let ::std::option::Option::Some(value) = read_env("CLOUDFLARE_API_TOKEN") {
            self = self.api_token(value);
        }
        self
    }
    /// Builds the client, choosing credentials by the API's security requirements.
    pub fn build(self) -> crate::runtime::Result<Client> {
        let auth = 'credentials: {
            if let (
                ::std::option::Option::Some(api_email),
                ::std::option::Option::Some(api_key),
            ) = (&self.api_email, &self.api_key) {
                let headers = ::std::vec::Vec::from([
                    crate::runtime::AuthHeader::Header {
                        name: "X-Auth-Email",
                        value: api_email.clone(),
                    },
                    crate::runtime::AuthHeader::Header {
                        name: "X-Auth-Key",
                        value: api_key.clone(),
                    },
                ]);
                break 'credentials headers;
            }
            if let ::std::option::Option::Some(api_token) = &self.api_token {
                let headers = ::std::vec::Vec::from([
                    crate::runtime::AuthHeader::Bearer(api_token.clone()),
                ]);
                break 'credentials headers;
            }
            return ::std::result::Result::Err(
                crate::runtime::Error::Config(
                    ::std::string::String::from(
                        "no credentials: set api_email (CLOUDFLARE_EMAIL) and api_key (CLOUDFLARE_API_KEY), or api_token (CLOUDFLARE_API_TOKEN)",
                    ),
                ),
            );
        };
        let base_url = self
            .base_url
            .unwrap_or_else(|| ::std::string::String::from(Self::DEFAULT_BASE_URL));
        let user_agent = ::std::format!(
            "{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")
        );
        let mut config = crate::runtime::CoreConfig::new(base_url, user_agent);
        config.auth = auth;
        config.default_headers = self.headers;
        config.http_client = self.http_client;
        if let ::std::option::Option::Some(timeout) = self.timeout {
            config.timeout = timeout;
        }
        if let ::std::option::Option::Some(max_retries) = self.max_retries {
            config.max_retries = max_retries;
        }
        ::std::result::Result::Ok(Client {
            core: crate::runtime::Core::new(config)?,
        })
    }
}
