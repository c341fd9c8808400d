//! Emits `client.rs`: the `Client`, its builder with one setter per security scheme, and `from_env`.
//!
//! Which credentials are sent is decided once, at `build`, from the spec's security requirements:
//! the first alternative whose schemes are all set wins. The HTTP work itself is the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, sanitize};
use super::models::{ident, member};
use crate::config::Config;
use crate::ir::{Api, AuthKind};
use crate::naming::shouty;

pub fn emit_client(api: &Api, config: &Config) -> TokenStream {
    let title = format!(" A client for the {}.", api.title.trim_end_matches('.'));
    let description = api
        .description
        .as_deref()
        .map(|text| doc_attrs(&sanitize(text)));
    let accessors = api.resources.iter().map(|resource| {
        let module = member(&resource.name);
        let handle = ident(&resource.type_name);
        let doc = format!(" Operations on `{}`.", resource.name);
        quote! {
            #[doc = #doc]
            pub fn #module(&self) -> crate::resources::#module::#handle<'_> {
                crate::resources::#module::#handle::new(self)
            }
        }
    });
    let base_url_env = config
        .env
        .base_url
        .clone()
        .unwrap_or_else(|| format!("{}_BASE_URL", shouty(&config.crate_name)));
    let (default_base_url, base_url_choice) = match &api.base_url {
        Some(url) => (
            Some(quote! {
                /// The server the API document names.
                pub const DEFAULT_BASE_URL: &'static str = #url;
            }),
            quote! { self.base_url.unwrap_or_else(|| ::std::string::String::from(Self::DEFAULT_BASE_URL)) },
        ),
        None => (
            None,
            quote! {
                match self.base_url {
                    ::std::option::Option::Some(url) => url,
                    ::std::option::Option::None => {
                        return ::std::result::Result::Err(crate::runtime::Error::Config(
                            ::std::string::String::from("no base URL: the API document names no server, so call ClientBuilder::base_url"),
                        ))
                    }
                }
            },
        ),
    };
    let scheme_names: Vec<&str> = api
        .auth
        .schemes
        .iter()
        .map(|scheme| scheme.rust_name.as_str())
        .collect();
    let scheme_members: Vec<_> = api
        .auth
        .schemes
        .iter()
        .map(|scheme| member(&scheme.rust_name))
        .collect();
    let scheme_fields = api.auth.schemes.iter().map(|scheme| {
        let name = member(&scheme.rust_name);
        match scheme.kind {
            AuthKind::Basic => quote! { #name: ::std::option::Option<(crate::runtime::Secret, crate::runtime::Secret)> },
            _ => quote! { #name: ::std::option::Option<crate::runtime::Secret> },
        }
    });
    let scheme_setters = api.auth.schemes.iter().map(|scheme| {
        let name = member(&scheme.rust_name);
        let how = match &scheme.kind {
            AuthKind::Bearer => " Sent as `Authorization: Bearer <value>`.".to_owned(),
            AuthKind::Header { name } => format!(" Sent in the `{name}` header."),
            AuthKind::Query { name } => format!(" Sent as the `{name}` query parameter."),
            AuthKind::Basic => " Sent as `Authorization: Basic`.".to_owned(),
        };
        let summary = format!(" Sets the `{}` credential.", scheme.key);
        let description = scheme.description.as_deref().map(|text| {
            let docs = doc_attrs(&sanitize(text));
            quote! { #[doc = ""] #docs }
        });
        if scheme.kind == AuthKind::Basic {
            let env = format!(
                " `Client::from_env` reads `{0}_USERNAME` and `{0}_PASSWORD`.",
                scheme.env_var
            );
            return quote! {
                #[doc = #summary]
                #description
                #[doc = ""]
                #[doc = #how]
                #[doc = #env]
                pub fn #name(
                    mut self,
                    username: impl ::std::convert::Into<::std::string::String>,
                    password: impl ::std::convert::Into<::std::string::String>,
                ) -> Self {
                    self.#name = ::std::option::Option::Some((
                        crate::runtime::Secret::new(username),
                        crate::runtime::Secret::new(password),
                    ));
                    self
                }
            };
        }
        let env = format!(" `Client::from_env` reads it from `{}`.", scheme.env_var);
        quote! {
            #[doc = #summary]
            #description
            #[doc = ""]
            #[doc = #how]
            #[doc = #env]
            pub fn #name(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.#name = ::std::option::Option::Some(crate::runtime::Secret::new(value));
                self
            }
        }
    });
    let env_reads = api.auth.schemes.iter().map(|scheme| {
        let name = member(&scheme.rust_name);
        let var = &scheme.env_var;
        if scheme.kind == AuthKind::Basic {
            let (user_var, password_var) = (format!("{var}_USERNAME"), format!("{var}_PASSWORD"));
            return quote! {
                if let (::std::option::Option::Some(username), ::std::option::Option::Some(password)) =
                    (read_env(#user_var), read_env(#password_var))
                {
                    self = self.#name(username, password);
                }
            };
        }
        quote! {
            if let ::std::option::Option::Some(value) = read_env(#var) {
                self = self.#name(value);
            }
        }
    });
    let alternatives: Vec<TokenStream> = api.auth.requirements.iter().filter(|requirement| !requirement.is_empty()).map(|requirement| {
        let schemes: Vec<_> = requirement.iter().map(|idx| &api.auth.schemes[*idx]).collect();
        let names: Vec<_> = schemes.iter().map(|scheme| member(&scheme.rust_name)).collect();
        let headers = schemes.iter().map(|scheme| {
            let name = member(&scheme.rust_name);
            match &scheme.kind {
                AuthKind::Bearer => quote! { crate::runtime::AuthHeader::Bearer(#name.clone()) },
                AuthKind::Header { name: header } => {
                    quote! { crate::runtime::AuthHeader::Header { name: #header, value: #name.clone() } }
                }
                AuthKind::Query { name: parameter } => {
                    quote! { crate::runtime::AuthHeader::Query { name: #parameter, value: #name.clone() } }
                }
                AuthKind::Basic => quote! {
                    crate::runtime::AuthHeader::Basic { username: #name.0.clone(), password: #name.1.clone() }
                },
            }
        });
        // One scheme matches directly; several are matched together as a tuple.
        let pattern = match names.as_slice() {
            [single] => quote! { ::std::option::Option::Some(#single) = &self.#single },
            _ => quote! { ( #( ::std::option::Option::Some(#names), )* ) = ( #( &self.#names, )* ) },
        };
        quote! {
            if let #pattern {
                let headers = ::std::vec::Vec::from([ #( #headers ),* ]);
                break 'credentials headers;
            }
        }
    }).collect();
    let has_requirements = !api.auth.requirements.is_empty();
    let anonymous_allowed = api
        .auth
        .requirements
        .iter()
        .any(|requirement| requirement.is_empty());
    let missing = credentials_help(api);
    let no_credentials = match (has_requirements, anonymous_allowed) {
        (true, false) => quote! {
            return ::std::result::Result::Err(crate::runtime::Error::Config(::std::string::String::from(#missing)));
        },
        _ => quote! { ::std::vec::Vec::new() },
    };
    let auth_choice = match alternatives.is_empty() {
        true => quote! { ::std::vec::Vec::new() },
        false => quote! {
            'credentials: {
                #( #alternatives )*
                #no_credentials
            }
        },
    };
    quote! {
        #![doc = " The client, its configuration and credentials."]

        #[doc = #title]
        #description
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

            #( #accessors )*
        }

        /// Configures a [`Client`].
        #[derive(Clone, Default)]
        pub struct ClientBuilder {
            base_url: ::std::option::Option<::std::string::String>,
            timeout: ::std::option::Option<::std::time::Duration>,
            max_retries: ::std::option::Option<u32>,
            http_client: ::std::option::Option<::reqwest::Client>,
            headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
            #( #scheme_fields, )*
        }

        // Written by hand: extra headers may carry credentials, so only their names are shown.
        impl ::std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let header_names: ::std::vec::Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
                f.debug_struct("ClientBuilder")
                    .field("base_url", &self.base_url)
                    .field("timeout", &self.timeout)
                    .field("max_retries", &self.max_retries)
                    .field("headers", &header_names)
                    #( .field(#scheme_names, &self.#scheme_members) )*
                    .finish_non_exhaustive()
            }
        }

        impl ClientBuilder {
            #default_base_url

            /// The environment variable that overrides the base URL in [`ClientBuilder::with_env`].
            pub const BASE_URL_ENV: &'static str = #base_url_env;

            /// Sends requests to `url` instead of the default server.
            pub fn base_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
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
            pub fn header(mut self, name: impl ::std::convert::Into<::std::string::String>, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.headers.push((name.into(), value.into()));
                self
            }

            #( #scheme_setters )*

            /// Reads credentials and the base URL from the environment, keeping values not set there.
            pub fn with_env(mut self) -> Self {
                fn read_env(name: &str) -> ::std::option::Option<::std::string::String> {
                    ::std::env::var(name).ok().filter(|value| !value.is_empty())
                }
                if let ::std::option::Option::Some(url) = read_env(Self::BASE_URL_ENV) {
                    self = self.base_url(url);
                }
                #( #env_reads )*
                self
            }

            /// Builds the client, choosing credentials by the API's security requirements.
            pub fn build(self) -> crate::runtime::Result<Client> {
                let auth = #auth_choice;
                let base_url = #base_url_choice;
                let user_agent = ::std::format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
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
                ::std::result::Result::Ok(Client { core: crate::runtime::Core::new(config)? })
            }
        }
    }
}

/// "no credentials: set api_token (CLOUDFLARE_API_TOKEN), or api_email (…) and api_key (…)".
fn credentials_help(api: &Api) -> String {
    let alternatives: Vec<String> = api
        .auth
        .requirements
        .iter()
        .map(|requirement| {
            requirement
                .iter()
                .map(|idx| {
                    let scheme = &api.auth.schemes[*idx];
                    match scheme.kind {
                        AuthKind::Basic => format!(
                            "{0} ({1}_USERNAME and {1}_PASSWORD)",
                            scheme.rust_name, scheme.env_var
                        ),
                        _ => format!("{} ({})", scheme.rust_name, scheme.env_var),
                    }
                })
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect();
    format!("no credentials: set {}", alternatives.join(", or "))
}
