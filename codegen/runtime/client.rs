//! The client builder: the settings every API shares (base URL, timeout, retries, headers, the
//! HTTP client), generic over the credentials one API takes.
//!
//! The generated `client.rs` instantiates [`ClientBuilder`] with its own credentials type and
//! adds only what depends on the document: one setter per security scheme, the environment
//! reads, and the choice of credentials in `build`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::runtime::core::{AuthHeader, Core, CoreConfig};
use crate::runtime::error::{Error, Result};
use crate::runtime::transport::Transport;

/// Configures a client: shared settings here, credentials `C` from the generated setters.
#[derive(Clone, Default)]
pub struct ClientBuilder<C> {
    pub(crate) settings: Settings,
    pub(crate) credentials: C,
}

/// The settings of [`ClientBuilder`] that no API changes.
#[derive(Clone, Default)]
pub struct Settings {
    base_url: Option<String>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    http_client: Option<reqwest::Client>,
    headers: Vec<(String, String)>,
    transport: Option<Arc<dyn Transport>>,
}

impl<C> ClientBuilder<C> {
    /// Sends requests to `url` instead of the default server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.settings.base_url = Some(url.into());
        self
    }

    /// The time one attempt may take before it fails as a timeout (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = Some(timeout);
        self
    }

    /// How often a failed request is retried (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.settings.max_retries = Some(max_retries);
        self
    }

    /// Uses a preconfigured `reqwest` client (proxies, TLS roots, connection pool settings).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.settings.http_client = Some(client);
        self
    }

    /// Adds a header to every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.settings.headers.push((name.into(), value.into()));
        self
    }

    /// Sends every attempt through `transport` instead of the HTTP client; retries, timeouts
    /// and error mapping still run around it.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.settings.transport = Some(Arc::new(transport));
        self
    }
}

impl Settings {
    /// The transport for these settings, sending `auth`. The API decides the rest: the server
    /// its document names and the header carrying its request ids.
    pub fn into_core(
        self,
        default_base_url: Option<&str>,
        request_id_header: Option<&'static str>,
        auth: Vec<AuthHeader>,
    ) -> Result<Core> {
        let base_url = match (self.base_url, default_base_url) {
            (Some(url), _) => url,
            (None, Some(url)) => url.to_owned(),
            (None, None) => return Err(Error::Config(String::from(
                "no base URL: the API document names no server, so call ClientBuilder::base_url",
            ))),
        };
        let user_agent = format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
        let mut config = CoreConfig::new(base_url, user_agent);
        config.auth = auth;
        config.default_headers = self.headers;
        config.http_client = self.http_client;
        config.request_id_header = request_id_header;
        config.transport = self.transport;
        if let Some(timeout) = self.timeout {
            config.timeout = timeout;
        }
        if let Some(max_retries) = self.max_retries {
            config.max_retries = max_retries;
        }
        Core::new(config)
    }
}

/// An environment variable's value, when it is set and not empty.
pub fn read_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

// Written by hand: extra headers may carry credentials, so only their names are shown.
impl<C: fmt::Debug> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        let header_names: Vec<&str> = settings
            .headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        f.debug_struct("ClientBuilder")
            .field("base_url", &settings.base_url)
            .field("timeout", &settings.timeout)
            .field("max_retries", &settings.max_retries)
            .field("headers", &header_names)
            .field("transport", &settings.transport.as_ref().map(|_| "custom"))
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}
