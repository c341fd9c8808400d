//! Unit tests of the hand-written runtime in `codegen/runtime/`, one file per runtime module.
//!
//! They call the runtime directly, with fake responses and fake page fetchers, so each rule is
//! checked without generating a crate. Only `core` needs a real HTTP server (wiremock on
//! loopback). How the runtime behaves inside a generated client is left to the tests in `tests/`.

mod base64;
mod const_value;
mod core;
mod decode;
mod encode;
mod error;
#[cfg(feature = "testing")]
mod fake;
mod form;
mod pagination;
mod retry;
mod secret;
mod transport;
mod validate;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::runtime::RawResponse;

/// A 200 response with `body`, as `core` would hand it to `decode`.
fn raw_response(body: &str) -> RawResponse {
    RawResponse {
        status: StatusCode::OK,
        headers: HeaderMap::new(),
        body: Bytes::from(body.to_owned()),
        attempts: 1,
        request_id: None,
    }
}
