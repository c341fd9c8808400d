//! Percent-encoding of values placed in a URL.
//!
//! Path parameters go through [`path_segment`], so a value can never add a segment or a query;
//! query pairs are encoded by [`query_component`] when `core` builds the URL. Turning typed values
//! into strings (booleans, numbers, enums) is left to the generated code, except for
//! structured values, which [`text_value`] writes as JSON text.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::runtime::error::{Error, Result};

/// Everything except RFC 3986's unreserved characters (`ALPHA DIGIT - . _ ~`).
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes a value as a single path segment.
///
/// Every character but the unreserved ones is percent-encoded, so `a/b?c` becomes `a%2Fb%3Fc`
/// and `../zones` becomes `..%2Fzones`. A value that is exactly `.` or `..` is encoded as
/// `%2E` / `%2E%2E`, because clients and proxies would otherwise resolve it as "this" or "parent"
/// directory and send the request to another resource.
pub fn path_segment(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, RESERVED).to_string(),
    }
}

/// The text form of a structured parameter value: strings as they are, anything else as JSON.
///
/// Enums serialise to their wire string, so they arrive unquoted; objects and arrays arrive as
/// JSON text, which is the only faithful text form OpenAPI leaves for them.
pub fn text_value<T: serde::Serialize + ?Sized>(parameter: &str, value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        Ok(other) => Ok(other.to_string()),
        Err(error) => Err(Error::InvalidRequest {
            parameter: parameter.to_owned(),
            message: format!("cannot be written as text: {error}"),
        }),
    }
}

/// The text forms of a list's items, as [`text_value`] writes each: one call for the whole list,
/// so that each operation does not compile a closure of its own.
pub fn text_values<T: serde::Serialize>(parameter: &str, values: &[T]) -> Result<Vec<String>> {
    values
        .iter()
        .map(|value| text_value(parameter, value))
        .collect()
}

/// Encodes a query name or value: everything but the unreserved characters, spaces as `%20`.
///
/// `env=production` becomes `env%3Dproduction`, so a value can never start another pair.
pub fn query_component(value: &str) -> String {
    utf8_percent_encode(value, RESERVED).to_string()
}
