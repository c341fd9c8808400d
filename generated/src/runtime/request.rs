// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! What one API call sends and what it gets back, before any decoding.
//!
//! The generated code builds an [`ApiRequest`] (path already encoded, query pairs, headers, body)
//! and the caller may pass [`RequestOptions`] to override the client's settings for one call.
//! Sending, retrying and turning error statuses into errors is left to `core`; decoding a
//! [`RawResponse`] into typed values is left to `decode`.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::runtime::encode::query_component;
use crate::runtime::error::{Error, Result};
use crate::runtime::form::{body_fields, encode_fields, PartEncoding};
use crate::runtime::multipart::{encode_multipart, FilePart};

/// What awaiting a request builder runs: its `send`, boxed so that every builder's
/// `IntoFuture` names one type.
pub type SendFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// One HTTP request to the API, described independently of the client that sends it.
#[derive(Clone)]
#[must_use = "a request does nothing until it is passed to `Core::execute`"]
pub struct ApiRequest {
    pub(crate) method: Method,
    pub(crate) path_template: &'static str,
    pub(crate) path: String,
    /// Query pairs, already percent-encoded (a list value keeps its literal commas).
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<RequestBody>,
}

/// Per-call overrides of the client's settings.
///
/// Unset fields fall back to the client's [`CoreConfig`](crate::runtime::CoreConfig).
#[derive(Clone, Default)]
#[must_use = "options do nothing until they are passed to a request"]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
}

/// A successful (2xx) response, body read but not decoded.
#[derive(Clone)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole response body.
    pub body: Bytes,
    /// How many attempts it took, including the first.
    pub attempts: u32,
    /// The request id header's value, when the client names one
    /// ([`CoreConfig::request_id_header`](crate::runtime::CoreConfig::request_id_header)).
    pub request_id: Option<String>,
}

/// A request body, already serialised, so retries resend the same bytes.
#[derive(Clone)]
pub(crate) struct RequestBody {
    /// Borrowed for the runtime's own encodings, so encoding a body allocates only its bytes.
    pub(crate) content_type: Cow<'static, str>,
    pub(crate) bytes: Bytes,
}

impl ApiRequest {
    /// Starts a request.
    ///
    /// `path_template` is the spec's path (e.g. `/zones/{zone_id}`), used only for tracing.
    /// `path` is the concrete path, already percent-encoded and starting with `/`; it is appended
    /// to the client's base URL.
    pub fn new(method: Method, path_template: &'static str, path: String) -> Self {
        ApiRequest {
            method,
            path_template,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Appends a query pair; repeat the name to send an array.
    ///
    /// Pass the value unencoded: it is percent-encoded here, so `env=production` is sent as
    /// `env%3Dproduction` and can never start another pair.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query
            .push((query_component(name), query_component(&value.into())));
        self
    }

    /// Appends one pair whose value is a comma-separated list (`explode: false`).
    ///
    /// Each item is encoded on its own and joined with a literal comma, so the server can still
    /// tell `["a,b"]` (`a%2Cb`) from `["a", "b"]` (`a,b`).
    pub fn query_list<I, S>(mut self, name: &str, items: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let joined = items
            .into_iter()
            .map(|item| query_component(item.as_ref()))
            .collect::<Vec<_>>()
            .join(",");
        self.query.push((query_component(name), joined));
        self
    }

    /// Adds a header; it replaces a client default of the same name.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Serialises `body` as the JSON request body.
    ///
    /// Fails with [`Error::InvalidRequest`] when the value cannot be represented as JSON
    /// (a map with non-string keys, for example).
    pub fn json<B: serde::Serialize + ?Sized>(self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|error| Error::InvalidRequest {
            parameter: "body".to_owned(),
            message: format!("cannot be serialised as JSON: {error}"),
        })?;
        Ok(self.with_body(Cow::Borrowed("application/json"), bytes))
    }

    /// Encodes `body` as an `application/x-www-form-urlencoded` request body, by OpenAPI's
    /// defaults and the document's `encoding` entries (see [`form`](crate::runtime::form)).
    ///
    /// Fails with [`Error::InvalidRequest`] when the body is not an object.
    pub fn form<B: serde::Serialize + ?Sized>(
        self,
        body: &B,
        encoding: &[PartEncoding],
    ) -> Result<Self> {
        self.form_fields(body_fields(body), encoding)
    }

    /// The rest of [`ApiRequest::form`], which does not depend on the body's type.
    fn form_fields(
        self,
        fields: Result<Vec<(String, serde_json::Value)>>,
        encoding: &[PartEncoding],
    ) -> Result<Self> {
        let text = encode_fields(fields?, encoding)?;
        Ok(self.with_body(
            Cow::Borrowed("application/x-www-form-urlencoded"),
            text.into_bytes(),
        ))
    }

    /// Encodes `body` and its `files` as a `multipart/form-data` request body (see
    /// [`multipart`](crate::runtime::multipart)); `files` pairs each file with its wire name.
    ///
    /// Fails with [`Error::InvalidRequest`] when the body is not an object.
    pub fn multipart<B: serde::Serialize + ?Sized>(
        self,
        body: &B,
        encoding: &[PartEncoding],
        files: &[(&str, &FilePart)],
    ) -> Result<Self> {
        let (content_type, bytes) = encode_multipart(body, encoding, files)?;
        Ok(self.body(&content_type, bytes))
    }

    /// Sets a pre-encoded request body and its content type.
    pub fn body(self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.with_body(Cow::Owned(content_type.to_owned()), bytes)
    }

    fn with_body(mut self, content_type: Cow<'static, str>, bytes: Vec<u8>) -> Self {
        self.body = Some(RequestBody {
            content_type,
            bytes: Bytes::from(bytes),
        });
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The spec's path template, e.g. `/zones/{zone_id}`.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// The concrete, percent-encoded path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Sets the timeout of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets how many times a failed attempt is retried; `0` disables retries.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Adds a header; it replaces a client or request header of the same name.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Appends a query pair after the request's own.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }
}

impl RawResponse {
    /// The request id header's value, to quote to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

// Header values and bodies can hold credentials, so the Debug impls below show only their names
// and sizes.

impl fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &header_names(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("headers", &header_names(&self.headers))
            .field("query", &self.query)
            .finish()
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("body_len", &self.body.len())
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBody")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

fn header_names(headers: &[(String, String)]) -> Vec<&str> {
    headers.iter().map(|(name, _)| name.as_str()).collect()
}
