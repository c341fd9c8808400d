// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! A decoded value together with the response it came from.
//!
//! Methods that return [`Response`] give access to the status, headers (rate-limit headers, say)
//! and request id next to the value; decoding the value is left to `decode`.
//! Build one with [`Response::from_raw`], which carries the request id over.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::runtime::request::RawResponse;

/// A decoded response value with the HTTP status and headers it arrived with.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The decoded value.
    pub value: T,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The request id header's value, when the client names one
    /// ([`CoreConfig::request_id_header`](crate::runtime::CoreConfig::request_id_header)).
    pub request_id: Option<String>,
}

impl<T> Response<T> {
    /// Pairs a decoded value with the status and headers of the response it came from.
    pub fn from_raw(raw: RawResponse, value: T) -> Self {
        Response {
            value,
            status: raw.status,
            headers: raw.headers,
            request_id: raw.request_id,
        }
    }

    /// Decodes `raw`'s body with `decode` and pairs the value with its status and headers.
    #[inline]
    #[allow(dead_code)] // used by `request_methods!`, which a build without operations never expands
    pub(crate) fn decoded(
        raw: RawResponse,
        decode: impl FnOnce(&RawResponse) -> crate::runtime::Result<T>,
    ) -> crate::runtime::Result<Self> {
        let value = decode(&raw)?;
        Ok(Response::from_raw(raw, value))
    }

    /// Drops the status and headers and returns the value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The request id header's value, to quote to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Transforms the value, keeping the status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: f(self.value),
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
        }
    }
}
