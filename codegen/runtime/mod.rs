//! The hand-written runtime the generated client is built on.
//!
//! `client` holds the builder settings every API shares, `core` sends requests (with retries,
//! per `retry`), `decode` turns responses into values (and `error_path` says where one failed
//! to), `transport` is the seam where attempts leave (reqwest by default, or the in-process
//! `fake` of the `testing` feature), `pagination` streams list endpoints, `encode` and `validate`
//! prepare parameters, `form` and `multipart` write those bodies, `base64` carries `format: byte`
//! values, `open_enum` gives every enum its string traits and `const_value` every one-value
//! type its own, `request_methods` every request builder its `send`, and `error` describes
//! everything that can fail.
//! None of it knows about any particular API: the generated modules supply paths, types and
//! rules. The items most callers need are re-exported here.

pub mod base64;
pub mod client;
mod const_value;
pub mod core;
pub mod decode;
pub mod encode;
pub mod error;
mod error_path;
pub mod form;
pub mod multipart;
pub mod nullable;
mod open_enum;
pub mod pagination;
pub mod request;
mod request_methods;
pub mod response;
pub mod retry;
pub mod secret;
pub mod transport;
pub mod validate;

#[cfg(feature = "testing")]
pub mod fake;

pub use self::base64::Base64;
#[allow(unused_imports)] // as in `open_enum`: not every build has a one-value type
pub(crate) use self::const_value::const_value;
pub use self::core::{AuthHeader, Core, CoreConfig};
pub use self::error::{ApiError, Error, ErrorSource, ResponseMessage, Result};
pub use self::form::{FormStyle, PartEncoding};
pub use self::multipart::FilePart;
#[allow(unused_imports)] // as in `open_enum`: not every build has an enum
pub(crate) use self::open_enum::{open_enum, written_as_str};
pub use self::pagination::{Page, PageInfo, PageStream};
pub use self::request::{ApiRequest, RawResponse, RequestOptions, SendFuture};
#[allow(unused_imports)] // as in `open_enum`: not every build has an operation
pub(crate) use self::request_methods::request_methods;
pub use self::response::Response;
pub use self::retry::Backoff;
pub use self::secret::Secret;
pub use self::transport::{Transport, TransportFuture, TransportRequest, TransportResponse};
