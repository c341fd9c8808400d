// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! A decoded value together with the response it came from.
//!
//! Methods that return [`Response`] give access to the status and headers (rate-limit headers,
//! the `cf-ray` id) next to the value; decoding the value is left to `decode`.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::runtime::request::{request_id, RawResponse};

/// A decoded response value with the HTTP status and headers it arrived with.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The decoded value.
    pub value: T,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
}

impl<T> Response<T> {
    /// Pairs a decoded value with the status and headers of the response it came from.
    pub fn from_raw(raw: RawResponse, value: T) -> Self {
        Response {
            value,
            status: raw.status,
            headers: raw.headers,
        }
    }

    /// Drops the status and headers and returns the value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The `cf-ray` header, which Cloudflare support asks for.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// Transforms the value, keeping the status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: f(self.value),
            status: self.status,
            headers: self.headers,
        }
    }
}
