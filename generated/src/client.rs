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
    pub(crate) core: crate::runtime::Core,
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
    #[cfg(feature = "resource-sharing")]
    /// Operations on `resource_sharing`.
    pub fn resource_sharing(
        &self,
    ) -> crate::resources::resource_sharing::ResourceSharing<'_> {
        crate::resources::resource_sharing::ResourceSharing::new(self)
    }
}
/// Configures a [`Client`]: the settings every API shares, plus this API's credentials.
pub type ClientBuilder = crate::runtime::client::ClientBuilder<Credentials>;
/// The credentials a [`ClientBuilder`] holds, set with its setters; `Debug` shows none of them.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    api_email: ::std::option::Option<crate::runtime::Secret>,
    api_key: ::std::option::Option<crate::runtime::Secret>,
    api_token: ::std::option::Option<crate::runtime::Secret>,
}
impl ClientBuilder {
    /// The server the API document names.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.cloudflare.com/client/v4";
    /// The environment variable that overrides the base URL in [`ClientBuilder::with_env`].
    pub const BASE_URL_ENV: &'static str = "CLOUDFLARE_BASE_URL";
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
        self.credentials.api_email = ::std::option::Option::Some(
            crate::runtime::Secret::new(value),
        );
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
        self.credentials.api_key = ::std::option::Option::Some(
            crate::runtime::Secret::new(value),
        );
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
        self.credentials.api_token = ::std::option::Option::Some(
            crate::runtime::Secret::new(value),
        );
        self
    }
    /// Reads credentials and the base URL from the environment, keeping values not set there.
    pub fn with_env(mut self) -> Self {
        if let ::std::option::Option::Some(url) = crate::runtime::client::read_env(
            Self::BASE_URL_ENV,
        ) {
            self = self.base_url(url);
        }
        if let ::std::option::Option::Some(value) = crate::runtime::client::read_env(
            "CLOUDFLARE_EMAIL",
        ) {
            self = self.api_email(value);
        }
        if let ::std::option::Option::Some(value) = crate::runtime::client::read_env(
            "CLOUDFLARE_API_KEY",
        ) {
            self = self.api_key(value);
        }
        if let ::std::option::Option::Some(value) = crate::runtime::client::read_env(
            "CLOUDFLARE_API_TOKEN",
        ) {
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
            ) = (&self.credentials.api_email, &self.credentials.api_key) {
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
            if let ::std::option::Option::Some(api_token) = &self.credentials.api_token {
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
        let core = self
            .settings
            .into_core(
                ::std::option::Option::Some(Self::DEFAULT_BASE_URL),
                ::std::option::Option::Some("cf-ray"),
                auth,
            )?;
        ::std::result::Result::Ok(Client { core })
    }
}
