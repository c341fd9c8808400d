//! Emits `client.rs`: the `Client`, its credentials, and what the builder adds for this API.
//!
//! Settings every API shares live in the runtime's generic `ClientBuilder`; this module emits
//! only one setter per security scheme, the environment reads, and the choice of credentials in
//! `build`: the first security alternative whose schemes are all set wins.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, sanitize};
use super::features::Features;
use super::members::{ClientBuilderMember, ClientMember};
use super::prelude::{ERR, INTO, NONE, OK, OPTION, SOME, STRING, VEC};
use super::rust::ident;
use super::tokens::lit_str;
use crate::config::Config;
use crate::ir::{Api, AuthKind, AuthScheme};
use crate::naming::shouty;

pub fn emit_client(api: &Api, config: &Config, features: &Features) -> TokenStream {
    let title = format!(
        " A client for the {}.",
        api.info().title.trim_end_matches('.')
    );
    let description = api
        .info()
        .description
        .as_deref()
        .map(|text| doc_attrs(&sanitize(text)));
    let accessors = api.resources().iter().enumerate().map(|(idx, resource)| {
        let module = ident(&resource.name);
        let handle = ident(&resource.type_name);
        let doc = lit_str(&format!(" Operations on `{}`.", resource.name));
        let cfg = features.resource_cfg(idx);
        quote! {
            #cfg
            #[doc = #doc]
            pub fn #module(&self) -> crate::resources::#module::#handle<'_> {
                crate::resources::#module::#handle::new(self)
            }
        }
    });
    let (builder, from_env, core) = (
        ClientMember::Builder,
        ClientMember::FromEnv,
        ClientMember::Core,
    );
    let builder_impl = emit_builder_impl(api, config);
    let credentials = emit_credentials(api);
    quote! {
        #![doc = " The client, its configuration and credentials."]

        #[doc = #title]
        #description
        ///
        /// Cheap to clone: clones share one connection pool and configuration.
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) #core: crate::runtime::Core,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn #builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// A client configured from environment variables; fails when no credentials are set.
            pub fn #from_env() -> crate::runtime::Result<Client> {
                Self::builder().with_env().build()
            }

            /// The transport, for requests the generated methods do not cover.
            pub fn #core(&self) -> &crate::runtime::Core {
                &self.core
            }

            #( #accessors )*
        }

        /// Configures a [`Client`]: the settings every API shares, plus this API's credentials.
        pub type ClientBuilder = crate::runtime::client::ClientBuilder<Credentials>;

        #credentials

        #builder_impl
    }
}

/// The credentials one client holds, one field per security scheme (`Secret` redacts `Debug`).
fn emit_credentials(api: &Api) -> TokenStream {
    let fields = api.auth().schemes.iter().map(|scheme| {
        let name = ident(&scheme.rust_name);
        match scheme.kind {
            AuthKind::Basic => {
                quote! { #name: #OPTION<(crate::runtime::Secret, crate::runtime::Secret)> }
            }
            _ => quote! { #name: #OPTION<crate::runtime::Secret> },
        }
    });
    quote! {
        /// The credentials a [`ClientBuilder`] holds, set with its setters; `Debug` shows none of them.
        #[derive(Clone, Debug, Default)]
        pub struct Credentials {
            #( #fields, )*
        }
    }
}

/// The builder methods that depend on the document: base URL constants, scheme setters,
/// environment reads and `build`.
fn emit_builder_impl(api: &Api, config: &Config) -> TokenStream {
    let base_url_env = config
        .env
        .base_url
        .clone()
        .unwrap_or_else(|| format!("{}_BASE_URL", shouty(&config.crate_name)));
    let (default_base_url, default_base_url_arg) = match &api.info().base_url {
        Some(url) => (
            Some(quote! {
                /// The server the API document names.
                pub const DEFAULT_BASE_URL: &'static str = #url;
            }),
            quote! { #SOME(Self::DEFAULT_BASE_URL) },
        ),
        None => (None, quote! { #NONE }),
    };
    let request_id_header = match &config.request_id_header {
        Some(name) => quote! { #SOME(#name) },
        None => quote! { #NONE },
    };
    let scheme_setters = api.auth().schemes.iter().map(emit_scheme_setter);
    let env_reads = api.auth().schemes.iter().map(emit_env_read);
    let auth_choice = emit_auth_choice(api);
    let (with_env, build, base_url, settings) = (
        ClientBuilderMember::WithEnv,
        ClientBuilderMember::Build,
        ClientBuilderMember::BaseUrl,
        ClientBuilderMember::Settings,
    );
    quote! {
        impl ClientBuilder {
            #default_base_url

            /// The environment variable that overrides the base URL in [`ClientBuilder::with_env`].
            pub const BASE_URL_ENV: &'static str = #base_url_env;

            #( #scheme_setters )*

            /// Reads credentials and the base URL from the environment, keeping values not set there.
            pub fn #with_env(mut self) -> Self {
                if let #SOME(url) = crate::runtime::client::read_env(Self::BASE_URL_ENV) {
                    self = self.#base_url(url);
                }
                #( #env_reads )*
                self
            }

            /// Builds the client, choosing credentials by the API's security requirements.
            pub fn #build(self) -> crate::runtime::Result<Client> {
                let auth = #auth_choice;
                let core = self.#settings.into_core(#default_base_url_arg, #request_id_header, auth)?;
                #OK(Client { core })
            }
        }
    }
}

fn emit_scheme_setter(scheme: &AuthScheme) -> TokenStream {
    let name = ident(&scheme.rust_name);
    let credentials = ClientBuilderMember::Credentials;
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
                username: impl #INTO<#STRING>,
                password: impl #INTO<#STRING>,
            ) -> Self {
                self.#credentials.#name = #SOME((
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
        pub fn #name(mut self, value: impl #INTO<#STRING>) -> Self {
            self.#credentials.#name = #SOME(crate::runtime::Secret::new(value));
            self
        }
    }
}

fn emit_env_read(scheme: &AuthScheme) -> TokenStream {
    let name = ident(&scheme.rust_name);
    let var = &scheme.env_var;
    if scheme.kind == AuthKind::Basic {
        let (user_var, password_var) = (format!("{var}_USERNAME"), format!("{var}_PASSWORD"));
        return quote! {
            if let (#SOME(username), #SOME(password)) =
                (crate::runtime::client::read_env(#user_var), crate::runtime::client::read_env(#password_var))
            {
                self = self.#name(username, password);
            }
        };
    }
    quote! {
        if let #SOME(value) = crate::runtime::client::read_env(#var) {
            self = self.#name(value);
        }
    }
}

/// A labelled block evaluating to the credentials of the first alternative that is fully set.
fn emit_auth_choice(api: &Api) -> TokenStream {
    let credentials = ClientBuilderMember::Credentials;
    let alternatives: Vec<TokenStream> = api
        .auth()
        .requirements
        .iter()
        .filter(|requirement| !requirement.is_empty())
        .map(|requirement| {
            let schemes: Vec<&AuthScheme> = requirement
                .iter()
                .map(|id| api.auth().scheme(*id))
                .collect();
            let names: Vec<_> = schemes
                .iter()
                .map(|scheme| ident(&scheme.rust_name))
                .collect();
            let headers = schemes.iter().map(|scheme| auth_header(scheme));
            // One scheme matches directly; several are matched together as a tuple.
            let pattern = match names.as_slice() {
                [single] => {
                    quote! { #SOME(#single) = &self.#credentials.#single }
                }
                _ => {
                    // A constant cannot be repeated by name (`quote` binds each repeated name).
                    let some = SOME;
                    quote! { ( #( #some(#names), )* ) = ( #( &self.#credentials.#names, )* ) }
                }
            };
            quote! {
                if let #pattern {
                    let headers = #VEC::from([ #( #headers ),* ]);
                    break 'credentials headers;
                }
            }
        })
        .collect();
    if alternatives.is_empty() {
        return quote! { #VEC::new() };
    }
    let anonymous_allowed = api
        .auth()
        .requirements
        .iter()
        .any(|requirement| requirement.is_empty());
    let missing = credentials_help(api);
    let no_credentials = if anonymous_allowed {
        quote! { #VEC::new() }
    } else {
        quote! {
            return #ERR(crate::runtime::Error::Config(#STRING::from(#missing)));
        }
    };
    quote! {
        'credentials: {
            #( #alternatives )*
            #no_credentials
        }
    }
}

/// The runtime's description of how the credential bound to the scheme's name is sent.
fn auth_header(scheme: &AuthScheme) -> TokenStream {
    let name = ident(&scheme.rust_name);
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
}

/// "no credentials: set api_token (CLOUDFLARE_API_TOKEN), or api_email (…) and api_key (…)".
fn credentials_help(api: &Api) -> String {
    let alternatives: Vec<String> = api
        .auth()
        .requirements
        .iter()
        .map(|requirement| {
            requirement
                .iter()
                .map(|id| {
                    let scheme = api.auth().scheme(*id);
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
