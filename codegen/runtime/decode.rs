//! Turning a successful [`RawResponse`] into typed values.
//!
//! Most Cloudflare endpoints wrap their answer in an envelope,
//! `{"success": …, "errors": […], "messages": […], "result": …, "result_info": {…}}`;
//! [`envelope_result`] and [`envelope_page`] unwrap it, others read a plain body. Only
//! `success: false` counts as failure: a non-empty `errors` next to `success: true` (mock servers
//! send that) does not. Every failure to decode is an [`Error::Decode`] with the serde path of the
//! offending value and the start of the body. Error statuses never get here: `core` turns them
//! into errors first.

use std::fmt;
use std::hash::{DefaultHasher, Hasher};

use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::runtime::error::{lenient_messages, ApiError, Error, Result};
use crate::runtime::pagination::{Page, PageInfo};
use crate::runtime::request::RawResponse;

/// Decodes the envelope's `result` as `T`.
///
/// A missing or null `result` decodes when `T` accepts null (`Option<_>`, `()`,
/// `serde_json::Value`). An empty body reads as an envelope without a result.
/// `success: false` gives [`Error::Unsuccessful`] whatever the result.
pub fn envelope_result<T: DeserializeOwned>(raw: &RawResponse) -> Result<T> {
    let bytes = envelope_bytes(raw);
    let head: Envelope<IgnoredAny> = decode_json(raw, bytes)?;
    head.ensure_success(raw)?;
    let envelope: ResultEnvelope<T> = decode_json(raw, bytes)?;
    match envelope.result {
        Some(result) => Ok(result),
        // Missing and null both mean "no result"; whether that is acceptable is up to `T`.
        None => T::deserialize(serde_json::Value::Null)
            .map_err(|error| decode_error(raw, "result".to_owned(), error.to_string())),
    }
}

/// Decodes one page of a list endpoint: `result` as the items, `result_info` as its [`PageInfo`].
///
/// A missing or null `result` is an empty page. A missing or malformed `result_info` gives a
/// page without info rather than an error, since the items are what the caller asked for.
pub fn envelope_page<T: DeserializeOwned>(raw: &RawResponse) -> Result<Page<T>> {
    let bytes = envelope_bytes(raw);
    let head: Envelope<Fingerprint> = decode_json(raw, bytes)?;
    head.ensure_success(raw)?;
    let envelope: PageEnvelope<T> = decode_json(raw, bytes)?;
    let next_cursor = envelope.result_info.as_ref().and_then(next_cursor);
    let info = envelope
        .result_info
        .and_then(|info| PageInfo::deserialize(info).ok());
    let page = Page::new(envelope.result.unwrap_or_default(), info).with_next_cursor(next_cursor);
    match head.result {
        Some(Fingerprint(fingerprint)) => Ok(page.with_fingerprint(fingerprint)),
        None => Ok(page),
    }
}

/// The cursor of the next page: `result_info.cursor`, or `result_info.cursors.after` (as
/// Cloudflare's list items write it).
fn next_cursor(result_info: &serde_json::Value) -> Option<String> {
    let cursor = result_info
        .get("cursor")
        .or_else(|| result_info.get("cursors")?.get("after"))?;
    cursor.as_str().map(str::to_owned)
}

/// Decodes a plain JSON body (no envelope) as `T`.
pub fn json<T: DeserializeOwned>(raw: &RawResponse) -> Result<T> {
    decode_json(raw, &raw.body)
}

/// Returns the body as text; a body that is not valid UTF-8 is a decode error.
pub fn text(raw: &RawResponse) -> Result<String> {
    String::from_utf8(raw.body.to_vec()).map_err(|error| {
        decode_error(
            raw,
            ".".to_owned(),
            format!("body is not valid UTF-8: {}", error.utf8_error()),
        )
    })
}

/// Accepts any body, except an envelope that reports `success: false`.
pub fn empty(raw: &RawResponse) -> Result<()> {
    match serde_json::from_slice::<Envelope<IgnoredAny>>(&raw.body) {
        Ok(head) => head.ensure_success(raw),
        Err(_) => Ok(()),
    }
}

/// The envelope fields that say whether the call succeeded, with the result read as `R`
/// (skipped with `IgnoredAny`, or hashed with `Fingerprint`).
///
/// The fields are read as loose JSON so that an odd `errors` entry cannot hide the outcome.
#[derive(Deserialize)]
struct Envelope<R> {
    success: Option<serde_json::Value>,
    errors: Option<serde_json::Value>,
    messages: Option<serde_json::Value>,
    result: Option<R>,
}

#[derive(Deserialize)]
struct ResultEnvelope<T> {
    result: Option<T>,
}

#[derive(Deserialize)]
struct PageEnvelope<T> {
    result: Option<Vec<T>>,
    result_info: Option<serde_json::Value>,
}

/// A hash of a JSON value's content, computed while skipping over it.
///
/// Two pages with the same fingerprint have the same `result`, which is how `paginate` notices a
/// server that ignores the `page` parameter.
struct Fingerprint(u64);

struct FingerprintVisitor;

impl<R> Envelope<R> {
    /// Fails with [`Error::Unsuccessful`] when the envelope says `success: false`.
    fn ensure_success(&self, raw: &RawResponse) -> Result<()> {
        if self.success != Some(serde_json::Value::Bool(false)) {
            return Ok(());
        }
        let api_error = ApiError {
            status: raw.status.as_u16(),
            errors: lenient_messages(self.errors.as_ref()),
            messages: lenient_messages(self.messages.as_ref()),
            request_id: raw.request_id().map(str::to_owned),
            body: String::from_utf8_lossy(&raw.body).into_owned(),
            attempts: raw.attempts,
        };
        Err(Error::Unsuccessful(Box::new(api_error)))
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FingerprintVisitor)
    }
}

// Each kind of value hashes a distinct tag first, so `"1"`, `1` and `[1]` differ.
impl<'de> Visitor<'de> for FingerprintVisitor {
    type Value = Fingerprint;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Fingerprint, E> {
        Ok(hash_with(1, |hasher| hasher.write_u8(u8::from(value))))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Fingerprint, E> {
        Ok(hash_with(2, |hasher| hasher.write_i64(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Fingerprint, E> {
        Ok(hash_with(3, |hasher| hasher.write_u64(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Fingerprint, E> {
        Ok(hash_with(4, |hasher| hasher.write_u64(value.to_bits())))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Fingerprint, E> {
        Ok(hash_with(5, |hasher| {
            hasher.write_usize(value.len());
            hasher.write(value.as_bytes());
        }))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Fingerprint, E> {
        Ok(hash_with(6, |_| {}))
    }

    fn visit_none<E: de::Error>(self) -> Result<Fingerprint, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fingerprint, D::Error> {
        Fingerprint::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fingerprint, A::Error> {
        let mut hasher = tagged_hasher(7);
        while let Some(Fingerprint(element)) = seq.next_element()? {
            hasher.write_u64(element);
        }
        Ok(Fingerprint(hasher.finish()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fingerprint, A::Error> {
        let mut hasher = tagged_hasher(8);
        while let Some((Fingerprint(key), Fingerprint(value))) = map.next_entry()? {
            hasher.write_u64(key);
            hasher.write_u64(value);
        }
        Ok(Fingerprint(hasher.finish()))
    }
}

/// Decodes a whole JSON document, reporting where it went wrong.
fn decode_json<T: DeserializeOwned>(raw: &RawResponse, bytes: &[u8]) -> Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| decode_error(raw, error.path().to_string(), error.inner().to_string()))?;
    // Like `serde_json::from_slice`, refuse trailing data after the document.
    deserializer
        .end()
        .map_err(|error| decode_error(raw, ".".to_owned(), error.to_string()))?;
    Ok(value)
}

/// The body to read as an envelope: an empty body (a 204, say) counts as `{}`.
fn envelope_bytes(raw: &RawResponse) -> &[u8] {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return b"{}";
    }
    &raw.body
}

fn decode_error(raw: &RawResponse, path: String, message: String) -> Error {
    Error::Decode {
        status: raw.status.as_u16(),
        path,
        message,
        excerpt: excerpt(&raw.body),
    }
}

/// The first 512 bytes of the body as text, without cutting a character in half.
fn excerpt(body: &[u8]) -> String {
    const MAX_BYTES: usize = 512;
    let mut end = body.len().min(MAX_BYTES);
    if let Err(error) = std::str::from_utf8(&body[..end]) {
        // `error_len() == None` means the text is only cut short, not invalid.
        if error.error_len().is_none() {
            end = error.valid_up_to();
        }
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

fn tagged_hasher(tag: u8) -> DefaultHasher {
    let mut hasher = DefaultHasher::new();
    hasher.write_u8(tag);
    hasher
}

fn hash_with(tag: u8, write: impl FnOnce(&mut DefaultHasher)) -> Fingerprint {
    let mut hasher = tagged_hasher(tag);
    write(&mut hasher);
    Fingerprint(hasher.finish())
}
