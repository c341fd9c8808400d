// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! The error type every client call returns, and the API's own error messages.
//!
//! A failed call ends in exactly one [`Error`]: the API answered with an error status or with
//! `success: false` (one variant per status family, each carrying an [`ApiError`]), the request
//! never got an answer (timeout, connection), the answer could not be decoded, or the request was
//! rejected before it was sent. Deciding which of these happened is left to `core` and `decode`;
//! this module only describes the outcome, in messages that never contain credentials.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::runtime::retry::is_retryable_status;

/// The result of a client call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling the API.
///
/// Match on the variant to react to a specific status, or use the accessors
/// ([`Error::status`], [`Error::api_error`], [`Error::request_id`]) to handle them all alike.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API rejected the request as malformed (HTTP 400).
    #[error("bad request: {0}")]
    BadRequest(Box<ApiError>),
    /// The credentials are missing or invalid (HTTP 401).
    #[error("unauthorized: {0}")]
    Unauthorized(Box<ApiError>),
    /// The credentials are valid but lack permission for this request (HTTP 403).
    #[error("forbidden: {0}")]
    Forbidden(Box<ApiError>),
    /// The resource does not exist (HTTP 404).
    #[error("not found: {0}")]
    NotFound(Box<ApiError>),
    /// The request conflicts with the resource's current state (HTTP 409).
    #[error("conflict: {0}")]
    Conflict(Box<ApiError>),
    /// The request was well-formed but semantically invalid (HTTP 422).
    #[error("unprocessable entity: {0}")]
    UnprocessableEntity(Box<ApiError>),
    /// Too many requests; retries were exhausted or disabled (HTTP 429).
    #[error("rate limited: {0}")]
    RateLimited(Box<ApiError>),
    /// The API failed on its side (HTTP 500 and above).
    #[error("server error: {0}")]
    Server(Box<ApiError>),
    /// Any other non-success status.
    #[error("unexpected status: {0}")]
    Status(Box<ApiError>),
    /// The API answered with a success status but reported `success: false` in the body.
    #[error("request unsuccessful: {0}")]
    Unsuccessful(Box<ApiError>),
    /// No attempt got a complete response within the timeout.
    #[error("request timed out after {}", plural_attempts(*.attempts))]
    Timeout {
        /// How many attempts were made, including the first.
        attempts: u32,
    },
    /// The request could not be sent or its response could not be read.
    #[error("could not reach the API after {}", plural_attempts(*.attempts))]
    Connection {
        /// How many attempts were made, including the first.
        attempts: u32,
        /// The transport error of the last attempt.
        #[source]
        source: reqwest::Error,
    },
    /// The response did not have the expected shape.
    ///
    /// The body excerpt is kept out of the message because a response may carry secrets
    /// (a newly created token, for example); read `excerpt` deliberately when debugging.
    #[error("could not decode the HTTP {status} response at `{path}`: {message}")]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// Where in the body decoding failed, e.g. `result.items[3].name` (`.` for the root).
        path: String,
        /// What was wrong there.
        message: String,
        /// The start of the body (at most 512 bytes, invalid UTF-8 replaced).
        excerpt: String,
    },
    /// The request was rejected before sending because a parameter breaks a rule of the API.
    #[error("invalid value for `{parameter}`: {message}")]
    InvalidRequest {
        /// The parameter, header or body that was rejected.
        parameter: String,
        /// The rule it breaks.
        message: String,
    },
    /// The client is misconfigured (unparsable base URL, invalid header, TLS setup failure).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

/// An error response from the API: its status and the messages of its envelope.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The envelope's `errors`, empty when the body was not an envelope.
    pub errors: Vec<ResponseMessage>,
    /// The envelope's `messages`, empty when the body was not an envelope.
    pub messages: Vec<ResponseMessage>,
    /// The request id header's value, when the client names one
    /// ([`CoreConfig::request_id_header`](crate::runtime::CoreConfig::request_id_header)).
    pub request_id: Option<String>,
    /// The raw response body (invalid UTF-8 replaced), useful when it is not an envelope.
    pub body: String,
    /// How many attempts were made, including the first.
    pub attempts: u32,
}

/// One entry of an envelope's `errors` or `messages` array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ResponseMessage {
    /// The API's numeric code, e.g. `1001` (also read from a numeric string).
    #[serde(deserialize_with = "lenient_code")]
    pub code: Option<i64>,
    /// The human-readable message.
    pub message: String,
    /// A link to documentation about this error.
    pub documentation_url: Option<String>,
    /// Which part of the request the message is about.
    pub source: Option<ErrorSource>,
}

/// The part of the request a [`ResponseMessage`] refers to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ErrorSource {
    /// A JSON pointer into the request body, e.g. `/name`.
    pub pointer: Option<String>,
}

impl Error {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode { status, .. } => Some(*status),
            _ => self.api_error().map(|api_error| api_error.status),
        }
    }

    /// The API's error response, for the variants that carry one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(api_error)
            | Error::Unauthorized(api_error)
            | Error::Forbidden(api_error)
            | Error::NotFound(api_error)
            | Error::Conflict(api_error)
            | Error::UnprocessableEntity(api_error)
            | Error::RateLimited(api_error)
            | Error::Server(api_error)
            | Error::Status(api_error)
            | Error::Unsuccessful(api_error) => Some(api_error),
            _ => None,
        }
    }

    /// The request id of the failed response, to quote to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        self.api_error()?.request_id.as_deref()
    }

    /// How many attempts were made, for errors that come from sending the request.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Timeout { attempts } | Error::Connection { attempts, .. } => Some(*attempts),
            _ => self.api_error().map(|api_error| api_error.attempts),
        }
    }

    /// Whether sending the same request again later might succeed.
    ///
    /// This is the status rule the client's own retries use (timeouts, connection errors,
    /// 408, 409, 429 and 5xx); by the time you see the error those retries are spent.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Connection { .. } => true,
            _ => self
                .api_error()
                .is_some_and(|api_error| is_retryable_status(api_error.status)),
        }
    }
}

impl ApiError {
    /// Decodes the raw body as the error type the spec documents for this status
    /// (for example a `Problem` model from a `4XX` response).
    pub fn decode_body<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(&self.body)
    }

    /// Builds an error from a response body, reading the envelope's arrays leniently.
    ///
    /// A body that is not an envelope (HTML from a proxy, an empty body) still gives an error,
    /// with empty `errors` and the raw text in `body`.
    pub fn from_body(status: u16, request_id: Option<String>, body: &[u8], attempts: u32) -> Self {
        let (errors, messages) = match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(value) => envelope_messages(&value),
            Err(_) => (Vec::new(), Vec::new()),
        };
        ApiError {
            status,
            errors,
            messages,
            request_id,
            body: String::from_utf8_lossy(body).into_owned(),
            attempts,
        }
    }

    /// Wraps this error in the [`Error`] variant for its status.
    pub fn into_error(self) -> Error {
        let api_error = Box::new(self);
        match api_error.status {
            400 => Error::BadRequest(api_error),
            401 => Error::Unauthorized(api_error),
            403 => Error::Forbidden(api_error),
            404 => Error::NotFound(api_error),
            409 => Error::Conflict(api_error),
            422 => Error::UnprocessableEntity(api_error),
            429 => Error::RateLimited(api_error),
            500.. => Error::Server(api_error),
            _ => Error::Status(api_error),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} after {}: ",
            self.status,
            plural_attempts(self.attempts)
        )?;
        // `messages` are informational, so they only explain the failure when `errors` is empty.
        let details = if self.errors.is_empty() {
            &self.messages
        } else {
            &self.errors
        };
        if details.is_empty() {
            write_body_summary(f, &self.body)?;
        }
        for (message_idx, message) in details.iter().enumerate() {
            if message_idx > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{message}")?;
        }
        match &self.request_id {
            Some(request_id) => write!(f, " (request id {request_id})"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for ResponseMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(code) = self.code {
            write!(f, "[{code}] ")?;
        }
        f.write_str(&self.message)?;
        match self
            .source
            .as_ref()
            .and_then(|source| source.pointer.as_deref())
        {
            Some(pointer) => write!(f, " (at {pointer})"),
            None => Ok(()),
        }
    }
}

/// Reads `errors` and `messages` from an envelope without failing on odd entries.
///
/// Entries that are plain strings become messages without a code; other shapes are skipped.
/// A body with no `errors` but a top-level `error` or `message` string (some endpoints answer
/// that way) gives that string as the single error.
pub(crate) fn envelope_messages(
    value: &serde_json::Value,
) -> (Vec<ResponseMessage>, Vec<ResponseMessage>) {
    let mut errors = lenient_messages(value.get("errors"));
    let messages = lenient_messages(value.get("messages"));
    if errors.is_empty() {
        let fallback = ["error", "message"]
            .iter()
            .find_map(|key| value.get(key).and_then(serde_json::Value::as_str));
        if let Some(message) = fallback {
            errors.push(ResponseMessage {
                message: message.to_owned(),
                ..ResponseMessage::default()
            });
        }
    }
    (errors, messages)
}

/// Reads one array of messages, skipping entries that are neither objects nor strings.
pub(crate) fn lenient_messages(value: Option<&serde_json::Value>) -> Vec<ResponseMessage> {
    let Some(serde_json::Value::Array(entries)) = value else {
        return Vec::new();
    };
    entries.iter().filter_map(lenient_message).collect()
}

/// Reads one message; an object with odd fields still gives its `message` text.
fn lenient_message(entry: &serde_json::Value) -> Option<ResponseMessage> {
    let text = match entry {
        serde_json::Value::String(text) => text,
        serde_json::Value::Object(fields) => match ResponseMessage::deserialize(entry) {
            Ok(message) => return Some(message),
            Err(_) => fields.get("message")?.as_str()?,
        },
        _ => return None,
    };
    Some(ResponseMessage {
        message: text.to_owned(),
        ..ResponseMessage::default()
    })
}

/// Reads an error code sent as a number or a numeric string; anything else reads as `None`.
fn lenient_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::Number(number)) => number.as_i64(),
            Some(serde_json::Value::String(text)) => text.trim().parse().ok(),
            _ => None,
        },
    )
}

/// Formats "1 attempt" or "N attempts".
fn plural_attempts(attempts: u32) -> String {
    match attempts {
        1 => "1 attempt".to_owned(),
        _ => format!("{attempts} attempts"),
    }
}

/// Writes the start of a non-envelope body on one line, so an HTML error page stays readable.
fn write_body_summary(f: &mut fmt::Formatter<'_>, body: &str) -> fmt::Result {
    const MAX_CHARS: usize = 200;
    let summary: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if summary.is_empty() {
        return f.write_str("empty response body");
    }
    match summary.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => write!(f, "{}…", &summary[..cut]),
        None => f.write_str(&summary),
    }
}
