// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! The client core: configuration, and sending one [`ApiRequest`] with retries.
//!
//! [`Core`] owns the HTTP connection pool and the settings every request shares (base URL,
//! credentials, timeout, retry budget, request id header). [`Core::execute`] builds the URL and headers, sends the
//! request, retries it as the Stainless SDKs do (the rules live in `retry`), and turns an error
//! status into an [`Error`]. It returns the body undecoded: decoding is left to `decode`, and
//! building requests to the generated code.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use percent_encoding::percent_decode_str;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
};
use reqwest::{redirect, StatusCode, Url};
use tracing::field::Empty;
use tracing::Instrument;

use crate::runtime::base64::Base64;
use crate::runtime::encode::query_component;
use crate::runtime::error::{ApiError, Error, Result};
use crate::runtime::request::{ApiRequest, RawResponse, RequestOptions};
use crate::runtime::retry::{self, Backoff};
use crate::runtime::secret::Secret;
use crate::runtime::transport::{Transport, TransportRequest};

/// A credential sent with every request.
#[derive(Clone, Debug)]
pub enum AuthHeader {
    /// Sends `Authorization: Bearer <token>` (an API token).
    Bearer(Secret),
    /// Sends a header of its own, e.g. `X-Auth-Email` and `X-Auth-Key` for a global API key.
    Header {
        /// The header name.
        name: &'static str,
        /// The header value.
        value: Secret,
    },
    /// Sends `Authorization: Basic <base64(username:password)>`.
    Basic {
        /// The user name.
        username: Secret,
        /// The password.
        password: Secret,
    },
    /// Sends a query parameter, e.g. `?api_key=…`; reqwest errors then carry no URL, so the key
    /// cannot leak through an error message.
    Query {
        /// The query parameter name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
}

/// The settings shared by every request of a client.
///
/// Start from [`CoreConfig::new`], which fills in the defaults, and change fields as needed.
#[derive(Clone)]
pub struct CoreConfig {
    /// The API root, e.g. `https://api.cloudflare.com/client/v4`; a trailing `/` is ignored.
    pub base_url: String,
    /// Credentials sent with every request.
    pub auth: Vec<AuthHeader>,
    /// The timeout of each attempt, from connecting until the whole body is read (default 60 s).
    pub timeout: Duration,
    /// How many times a failed attempt is retried (default 2, so at most 3 attempts).
    pub max_retries: u32,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Headers sent with every request, after the user agent and before the credentials.
    pub default_headers: Vec<(String, String)>,
    /// The HTTP client to use; `None` builds one with rustls.
    ///
    /// A client of your own keeps its own redirect policy: the one built here follows redirects
    /// only within the same origin, so credentials in custom headers never reach another host.
    pub http_client: Option<reqwest::Client>,
    /// The wait between attempts when the server doesn't ask for one (default 0.5 s doubling up
    /// to 8 s).
    pub backoff: Backoff,
    /// The response header that identifies a request to the API's operators (e.g. `cf-ray`),
    /// reported by `request_id()` on responses and errors; `None` (the default) reports none.
    pub request_id_header: Option<&'static str>,
    /// Sends each attempt instead of `http_client` when set, e.g. the fake of the `testing`
    /// feature or middleware of your own; `None` (the default) sends with reqwest.
    pub transport: Option<Arc<dyn Transport>>,
}

/// The client core: cheap to clone, and every clone shares one connection pool.
#[derive(Clone)]
pub struct Core {
    inner: Arc<CoreInner>,
}

struct CoreInner {
    /// The base URL without a trailing `/`.
    base_url: String,
    client: reqwest::Client,
    /// `Accept`, `User-Agent`, the default headers and the credentials, validated once.
    headers: HeaderMap,
    /// Query-string credentials, name already encoded.
    auth_query: Vec<(String, Secret)>,
    timeout: Duration,
    max_retries: u32,
    backoff: Backoff,
    request_id_header: Option<HeaderName>,
    transport: Option<Arc<dyn Transport>>,
}

/// Why one attempt got no answer.
enum SendFailure {
    Http(reqwest::Error),
    /// The transport's future did not finish within the timeout.
    TimedOut,
}

/// A response whose body has been read, whatever its status.
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl CoreConfig {
    /// A configuration with the defaults: no credentials, 60 s timeout, 2 retries.
    pub fn new(base_url: impl Into<String>, user_agent: impl Into<String>) -> Self {
        CoreConfig {
            base_url: base_url.into(),
            auth: Vec::new(),
            timeout: Duration::from_secs(60),
            max_retries: 2,
            user_agent: user_agent.into(),
            default_headers: Vec::new(),
            http_client: None,
            backoff: Backoff::default(),
            request_id_header: None,
            transport: None,
        }
    }
}

impl Core {
    /// Checks the configuration and builds the HTTP client if none was given.
    ///
    /// Fails with [`Error::Config`] when the base URL is not an absolute `http(s)` URL, a header
    /// name or value is invalid, or the TLS backend cannot be initialised.
    pub fn new(config: CoreConfig) -> Result<Core> {
        let base_url = config.base_url.trim_end_matches('/').to_owned();
        check_base_url(&base_url)?;
        let headers = shared_headers(&config)?;
        let request_id_header = config
            .request_id_header
            .map(|name| {
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::Config(format!(
                        "request id header `{name}` is not a valid header name"
                    ))
                })
            })
            .transpose()?;
        let client = match config.http_client {
            Some(client) => client,
            None => build_client()?,
        };
        let auth_query = config
            .auth
            .iter()
            .filter_map(|auth| match auth {
                AuthHeader::Query { name, value } => Some((query_component(name), value.clone())),
                _ => None,
            })
            .collect();
        let inner = CoreInner {
            base_url,
            client,
            headers,
            auth_query,
            timeout: config.timeout,
            max_retries: config.max_retries,
            backoff: config.backoff,
            request_id_header,
            transport: config.transport,
        };
        Ok(Core {
            inner: Arc::new(inner),
        })
    }

    /// The base URL requests are sent under, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a request, retrying as configured, and returns the 2xx response with its body read.
    ///
    /// A non-2xx response becomes the [`Error`] variant for its status, with the envelope's
    /// messages when the body has them. Timeouts, connection errors, 408, 409, 429 and 5xx are
    /// retried (unless the response says `x-should-retry: false`), waiting as the server asks
    /// via `retry-after-ms` / `Retry-After` when that is at most 60 s, else with exponential
    /// backoff. Errors say how many attempts were made.
    ///
    /// Runs in a `http_request` tracing span with the method, path template, attempt number,
    /// final status and total duration; header values and bodies are never logged.
    pub async fn execute(
        &self,
        request: ApiRequest,
        options: &RequestOptions,
    ) -> Result<RawResponse> {
        let span = tracing::info_span!(
            "http_request",
            method = %request.method,
            path = request.path_template,
            attempt = Empty,
            status = Empty,
            duration_ms = Empty,
        );
        let started = Instant::now();
        let result = self
            .send_with_retries(&request, options, &span)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", duration_ms(started.elapsed()));
        let status = match &result {
            Ok(raw) => Some(raw.status.as_u16()),
            Err(error) => error.status(),
        };
        if let Some(status) = status {
            span.record("status", status);
        }
        result
    }

    async fn send_with_retries(
        &self,
        request: &ApiRequest,
        options: &RequestOptions,
        span: &tracing::Span,
    ) -> Result<RawResponse> {
        let url = self.url(request, options)?;
        let headers = self.headers(request, options)?;
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let max_retries = options.max_retries.unwrap_or(self.inner.max_retries);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let retries_left = attempt <= max_retries;
            let (failure, retry_headers) = match self
                .send_once(request, url.clone(), headers.clone(), timeout)
                .await
            {
                Ok(received) if received.status.is_success() => {
                    return Ok(RawResponse {
                        request_id: self.request_id(&received.headers),
                        status: received.status,
                        headers: received.headers,
                        body: received.body,
                        attempts: attempt,
                    });
                }
                Ok(received) => {
                    if !retries_left || !retry::should_retry(received.status, &received.headers) {
                        let request_id = self.request_id(&received.headers);
                        return Err(status_error(&received, request_id, attempt));
                    }
                    (
                        format!("HTTP {}", received.status.as_u16()),
                        Some(received.headers),
                    )
                }
                Err(SendFailure::TimedOut) => {
                    if !retries_left {
                        return Err(Error::Timeout { attempts: attempt });
                    }
                    (String::from("timed out"), None)
                }
                Err(SendFailure::Http(error)) => {
                    if !retries_left {
                        return Err(transport_error(error, attempt));
                    }
                    (error_chain(&error), None)
                }
            };
            let delay = retry::retry_delay(attempt, retry_headers.as_ref(), &self.inner.backoff);
            tracing::debug!(
                attempt,
                failure = %failure,
                delay_ms = duration_ms(delay),
                "retrying request"
            );
            tokio::time::sleep(delay).await;
        }
    }

    async fn send_once(
        &self,
        request: &ApiRequest,
        url: Url,
        headers: HeaderMap,
        timeout: Duration,
    ) -> std::result::Result<Received, SendFailure> {
        if let Some(transport) = &self.inner.transport {
            return send_through(transport.as_ref(), request, url, headers, timeout).await;
        }
        let mut builder = self
            .inner
            .client
            .request(request.method.clone(), url)
            .headers(headers)
            .timeout(timeout);
        if let Some(body) = &request.body {
            builder = builder.body(body.bytes.clone());
        }
        let mut response = builder.send().await.map_err(SendFailure::Http)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(SendFailure::Http)?;
        Ok(Received {
            status,
            headers,
            body,
        })
    }

    /// The value of the configured request id header, when there is one and it is text.
    fn request_id(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.inner.request_id_header.as_ref()?;
        headers.get(name)?.to_str().ok().map(str::to_owned)
    }

    /// Builds base URL + path + query (the request's pairs, then the options').
    fn url(&self, request: &ApiRequest, options: &RequestOptions) -> Result<Url> {
        check_path(&request.path)?;
        let mut url = self.inner.base_url.clone();
        if !request.path.starts_with('/') {
            url.push('/');
        }
        url.push_str(&request.path);
        // The request's pairs are encoded already; the options' pairs are encoded here.
        let option_pairs = options
            .query
            .iter()
            .map(|(name, value)| (query_component(name), query_component(value)));
        let credentials = self
            .inner
            .auth_query
            .iter()
            .map(|(name, value)| (name.clone(), query_component(value.expose())));
        let pairs = request
            .query
            .iter()
            .cloned()
            .chain(option_pairs)
            .chain(credentials);
        for (pair_idx, (name, value)) in pairs.enumerate() {
            url.push(if pair_idx == 0 { '?' } else { '&' });
            url.push_str(&name);
            url.push('=');
            url.push_str(&value);
        }
        Url::parse(&url).map_err(|error| Error::InvalidRequest {
            parameter: "path".to_owned(),
            message: format!("does not form a valid URL: {error}"),
        })
    }

    /// Adds the body's content type, the request's headers and the options' headers, in that
    /// order, to the shared ones; each stage replaces same-named headers of the earlier ones.
    fn headers(&self, request: &ApiRequest, options: &RequestOptions) -> Result<HeaderMap> {
        let mut headers = self.inner.headers.clone();
        if let Some(body) = &request.body {
            let content_type =
                HeaderValue::from_str(&body.content_type).map_err(|_| Error::InvalidRequest {
                    parameter: "content-type".to_owned(),
                    message: "contains characters not allowed in an HTTP header".to_owned(),
                })?;
            headers.insert(CONTENT_TYPE, content_type);
        }
        let request_headers = parse_headers(&request.headers, invalid_header)?;
        apply_headers(&mut headers, request_headers);
        let option_headers = parse_headers(&options.headers, invalid_header)?;
        apply_headers(&mut headers, option_headers);
        Ok(headers)
    }
}

impl fmt::Debug for CoreConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Default headers may carry credentials too, so only their names are shown.
        let default_headers: Vec<&str> = self
            .default_headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        f.debug_struct("CoreConfig")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("user_agent", &self.user_agent)
            .field("default_headers", &default_headers)
            .field("http_client", &self.http_client.as_ref().map(|_| "custom"))
            .field("backoff", &self.backoff)
            .field("request_id_header", &self.request_id_header)
            .field("transport", &self.transport.as_ref().map(|_| "custom"))
            .finish()
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.inner.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Core")
            .field("base_url", &self.inner.base_url)
            .field("headers", &header_names)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("backoff", &self.inner.backoff)
            .field("request_id_header", &self.inner.request_id_header)
            .finish_non_exhaustive()
    }
}

fn check_base_url(base_url: &str) -> Result<()> {
    let url = Url::parse(base_url).map_err(|error| {
        Error::Config(format!("base URL `{base_url}` is not a valid URL: {error}"))
    })?;
    match url.scheme() {
        "http" | "https" if url.has_host() => Ok(()),
        _ => Err(Error::Config(format!(
            "base URL `{base_url}` must be an absolute http:// or https:// URL"
        ))),
    }
}

/// Validates the headers every request carries. Credential values are marked sensitive, which
/// keeps them out of `HeaderMap`'s `Debug` output.
fn shared_headers(config: &CoreConfig) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    let user_agent = HeaderValue::from_str(&config.user_agent)
        .map_err(|_| Error::Config("the user agent is not a valid header value".to_owned()))?;
    headers.insert(USER_AGENT, user_agent);
    let defaults = parse_headers(&config.default_headers, |name, problem| {
        Error::Config(format!("default header `{name}` {problem}"))
    })?;
    apply_headers(&mut headers, defaults);
    let mut credentials = Vec::with_capacity(config.auth.len());
    for auth in &config.auth {
        let (name, value) = match auth {
            AuthHeader::Bearer(token) => (AUTHORIZATION, format!("Bearer {}", token.expose())),
            AuthHeader::Basic { username, password } => {
                let pair = format!("{}:{}", username.expose(), password.expose());
                (
                    AUTHORIZATION,
                    format!("Basic {}", Base64(pair.into_bytes()).encode()),
                )
            }
            // Query credentials go into the URL, not the headers.
            AuthHeader::Query { .. } => continue,
            AuthHeader::Header { name, value } => {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::Config(format!(
                        "credential header `{name}` is not a valid header name"
                    ))
                })?;
                (name, value.expose().to_owned())
            }
        };
        // The message names the header but never shows the value.
        let mut value = HeaderValue::from_str(&value).map_err(|_| {
            Error::Config(format!(
                "the credential for `{name}` is not a valid header value"
            ))
        })?;
        value.set_sensitive(true);
        credentials.push((name, value));
    }
    apply_headers(&mut headers, credentials);
    Ok(headers)
}

/// One attempt through a [`Transport`], under the same per-attempt timeout reqwest applies.
async fn send_through(
    transport: &dyn Transport,
    request: &ApiRequest,
    url: Url,
    headers: HeaderMap,
    timeout: Duration,
) -> std::result::Result<Received, SendFailure> {
    let attempt = TransportRequest {
        method: request.method.clone(),
        url,
        headers,
        body: request
            .body
            .as_ref()
            .map(|body| body.bytes.clone())
            .unwrap_or_default(),
    };
    match tokio::time::timeout(timeout, transport.send(attempt)).await {
        Ok(Ok(response)) => Ok(Received {
            status: response.status,
            headers: response.headers,
            body: response.body,
        }),
        Ok(Err(error)) => Err(SendFailure::Http(error)),
        Err(_elapsed) => Err(SendFailure::TimedOut),
    }
}

fn build_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(same_origin_redirects())
        .build()
        .map_err(|error| Error::Config(format!("could not build the HTTP client: {error}")))
}

/// Follows at most 10 redirects, and only within the origin of the first request.
///
/// reqwest drops `Authorization` on a cross-origin redirect but not custom credential headers
/// such as `X-Auth-Key`, so such redirects are not followed: the 3xx becomes an error instead.
fn same_origin_redirects() -> redirect::Policy {
    const MAX_REDIRECTS: usize = 10;
    redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Rejects a path with a `.` or `..` segment, even percent-encoded.
///
/// URL parsing (WHATWG rules, which reqwest follows) resolves `%2E%2E` like `..`, so encoding a
/// path parameter is not enough to stop it from reaching another resource.
fn check_path(path: &str) -> Result<()> {
    let dot_segment = path.split('/').find(|segment| {
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        decoded == "." || decoded == ".."
    });
    match dot_segment {
        Some(segment) => Err(Error::InvalidRequest {
            parameter: "path".to_owned(),
            message: format!("segment `{segment}` would change which resource is requested"),
        }),
        None => Ok(()),
    }
}

/// Parses name/value pairs, marking every value sensitive since any header may be a credential.
fn parse_headers(
    pairs: &[(String, String)],
    error: impl Fn(&str, &str) -> Error,
) -> Result<Vec<(HeaderName, HeaderValue)>> {
    pairs
        .iter()
        .map(|(name, value)| {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| error(name, "is not a valid HTTP header name"))?;
            let mut header_value = HeaderValue::from_str(value)
                .map_err(|_| error(name, "contains characters not allowed in an HTTP header"))?;
            header_value.set_sensitive(true);
            Ok((header_name, header_value))
        })
        .collect()
}

/// Adds one stage of headers: the first of a name replaces earlier stages, repeats add values.
fn apply_headers(headers: &mut HeaderMap, stage: Vec<(HeaderName, HeaderValue)>) {
    let mut seen: Vec<HeaderName> = Vec::with_capacity(stage.len());
    for (name, value) in stage {
        if seen.contains(&name) {
            headers.append(name, value);
        } else {
            headers.insert(name.clone(), value);
            seen.push(name);
        }
    }
}

fn invalid_header(name: &str, problem: &str) -> Error {
    Error::InvalidRequest {
        parameter: name.to_owned(),
        message: problem.to_owned(),
    }
}

fn status_error(received: &Received, request_id: Option<String>, attempts: u32) -> Error {
    ApiError::from_body(
        received.status.as_u16(),
        request_id,
        &received.body,
        attempts,
    )
    .into_error()
}

fn transport_error(error: reqwest::Error, attempts: u32) -> Error {
    if error.is_timeout() {
        return Error::Timeout { attempts };
    }
    // The URL may carry a query credential; the error must not.
    Error::Connection {
        attempts,
        source: error.without_url(),
    }
}

/// An error and its sources on one line, e.g. "error sending request: …: Connection refused".
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
