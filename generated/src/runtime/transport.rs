// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! The seam between [`Core`](crate::runtime::Core) and the network.
//!
//! By default `Core` sends each attempt with reqwest. A [`Transport`] set in
//! [`CoreConfig::transport`](crate::runtime::CoreConfig::transport) (or with
//! `ClientBuilder::transport`) receives each attempt instead: the fake of the `testing` feature
//! answers in process this way, and a transport of your own can add middleware around another.
//! Everything above the seam runs unchanged: URL and header building, retries and their waits,
//! the per-attempt timeout (applied around the transport's future), and the mapping of statuses
//! to errors. What happens below it is the transport's business.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};

/// One attempt of a request, fully built: credentials and default headers included.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TransportRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, query included.
    pub url: Url,
    /// Every header the attempt sends; values are marked sensitive.
    pub headers: HeaderMap,
    /// The body, empty when the request has none.
    pub body: Bytes,
}

/// A complete answer to one attempt, whatever its status.
#[derive(Clone, Debug)]
pub struct TransportResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

/// What [`Transport::send`] returns: a future that may borrow the transport.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = reqwest::Result<TransportResponse>> + Send + 'a>>;

/// Sends one attempt and reads its whole response.
///
/// An error is a failure to get any answer (it becomes `Error::Connection`); an error status is
/// an answer. Timeouts are applied by the caller, so a transport need not apply its own.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and reads the response.
    fn send(&self, request: TransportRequest) -> TransportFuture<'_>;
}
