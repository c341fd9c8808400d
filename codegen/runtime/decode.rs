//! Turning a successful [`RawResponse`] into typed values.
//!
//! Most Cloudflare endpoints wrap their answer in an envelope,
//! `{"success": …, "errors": […], "messages": […], "result": …, "result_info": {…}}`;
//! [`envelope_result`], [`envelope_page`] and [`envelope_page_in`] unwrap it, others read a
//! plain body. Only `success: false` counts as failure: a non-empty `errors` next to
//! `success: true` (mock servers send that) does not. Every failure to decode is an [`Error::Decode`] with the serde path of the
//! offending value and the start of the body. Error statuses never get here: `core` turns them
//! into errors first.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::runtime::error::{lenient_messages, ApiError, Error, Result};
use crate::runtime::error_path::{error_member, error_path};
use crate::runtime::pagination::{Page, PageInfo};
use crate::runtime::request::RawResponse;

/// Decodes the envelope's `result` as `T`.
///
/// A missing or null `result` decodes when `T` accepts null (`Option<_>`, `()`,
/// `serde_json::Value`). An empty body reads as an envelope without a result.
/// `success: false` gives [`Error::Unsuccessful`] whatever the result.
pub fn envelope_result<T: DeserializeOwned>(raw: &RawResponse) -> Result<T> {
    // One pass when all is well; the careful path runs only to explain a failure.
    if let Ok(envelope) = serde_json::from_slice::<FastEnvelope<T>>(envelope_bytes(raw)) {
        if envelope.succeeded() {
            if let Some(result) = envelope.result {
                return Ok(result);
            }
        }
    }
    let envelope = RawEnvelope::read(raw)?;
    envelope.ensure_success(raw)?;
    decode_result(raw, envelope.result)
}

/// Decodes one page of a list endpoint: `result` as the items, `result_info` as its [`PageInfo`].
///
/// A missing or null `result` is an empty page. A missing or malformed `result_info` gives a
/// page without info rather than an error, since the items are what the caller asked for.
pub fn envelope_page<T: DeserializeOwned>(raw: &RawResponse) -> Result<Page<T>> {
    let fingerprint = fingerprint(&raw.body);
    // One pass when all is well; the careful path runs only to explain a failure.
    if let Ok(envelope) = serde_json::from_slice::<FastEnvelope<Vec<T>>>(envelope_bytes(raw)) {
        if envelope.succeeded() {
            let (info, cursor) = page_info(envelope.result_info);
            let page = Page::new(envelope.result.unwrap_or_default(), info);
            return Ok(page.with_next_cursor(cursor).with_fingerprint(fingerprint));
        }
    }
    let envelope = RawEnvelope::read(raw)?;
    envelope.ensure_success(raw)?;
    let items: Option<Vec<T>> = decode_result(raw, envelope.result)?;
    let (info, cursor) = page_info(envelope.result_info);
    let page = Page::new(items.unwrap_or_default(), info);
    Ok(page.with_next_cursor(cursor).with_fingerprint(fingerprint))
}

/// Decodes one page whose items are the `property` of an object `result`
/// (`{"result": {"images": […], "count": 2}}`); the rest of `result` is not read.
///
/// A missing or null `result` or property is an empty page, as in [`envelope_page`].
pub fn envelope_page_in<T: DeserializeOwned>(raw: &RawResponse, property: &str) -> Result<Page<T>> {
    let envelope = RawEnvelope::read(raw)?;
    envelope.ensure_success(raw)?;
    let text = envelope.result.map_or("null", RawValue::get);
    let result: Option<std::collections::HashMap<String, &RawValue>> =
        serde_json::from_str(text)
            .map_err(|error| decode_error(raw, "result".to_owned(), error.to_string()))?;
    let items = result
        .as_ref()
        .and_then(|result| result.get(property).copied());
    let items: Option<Vec<T>> = decode_result(raw, items).map_err(|error| match error {
        Error::Decode {
            status,
            path,
            message,
            excerpt,
        } => Error::Decode {
            status,
            path: path.replacen("result", &format!("result.{property}"), 1),
            message,
            excerpt,
        },
        other => other,
    })?;
    let (info, cursor) = page_info(envelope.result_info);
    let page = Page::new(items.unwrap_or_default(), info);
    Ok(page
        .with_next_cursor(cursor)
        .with_fingerprint(fingerprint(&raw.body)))
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

/// Returns the body as it came.
#[inline]
pub fn bytes(raw: &RawResponse) -> Result<::bytes::Bytes> {
    Ok(raw.body.clone())
}

/// Accepts any body, except an envelope that reports `success: false`.
pub fn empty(raw: &RawResponse) -> Result<()> {
    match serde_json::from_slice::<RawEnvelope>(&raw.body) {
        Ok(head) => head.ensure_success(raw),
        Err(_) => Ok(()),
    }
}

/// The envelope as one pass reads it when the call succeeded: the messages are skipped, since
/// only a failure reports them.
#[derive(Deserialize)]
struct FastEnvelope<'a, T> {
    success: Option<serde_json::Value>,
    result: Option<T>,
    #[serde(borrow)]
    result_info: Option<&'a RawValue>,
}

impl<T> FastEnvelope<'_, T> {
    fn succeeded(&self) -> bool {
        self.success != Some(serde_json::Value::Bool(false))
    }
}

/// The page info, when `result_info` is there and reads as one, and the next page's cursor.
fn page_info(result_info: Option<&RawValue>) -> (Option<PageInfo>, Option<String>) {
    let Some(info) =
        result_info.and_then(|info| serde_json::from_str::<serde_json::Value>(info.get()).ok())
    else {
        return (None, None);
    };
    let cursor = next_cursor(&info);
    (PageInfo::deserialize(info).ok(), cursor)
}

/// An envelope read in one pass: the outcome fields as loose JSON (so that an odd `errors`
/// entry cannot hide the outcome), `result` and `result_info` as the raw text they span, so
/// the result is decoded once, and only after `success` is known.
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    success: Option<serde_json::Value>,
    #[serde(borrow)]
    errors: Option<&'a RawValue>,
    #[serde(borrow)]
    messages: Option<&'a RawValue>,
    #[serde(borrow)]
    result: Option<&'a RawValue>,
    #[serde(borrow)]
    result_info: Option<&'a RawValue>,
}

impl<'a> RawEnvelope<'a> {
    fn read(raw: &'a RawResponse) -> Result<RawEnvelope<'a>> {
        // Every field is loose or raw, so only a body that is no JSON object fails here; the
        // path then says which field the body breaks off in, and no deeper, since the fields'
        // types are not known yet.
        let bytes = envelope_bytes(raw);
        serde_json::from_slice(bytes)
            .map_err(|error| decode_error(raw, error_member(bytes, &error), error.to_string()))
    }

    /// Fails with [`Error::Unsuccessful`] when the envelope says `success: false`.
    fn ensure_success(&self, raw: &RawResponse) -> Result<()> {
        if self.success != Some(serde_json::Value::Bool(false)) {
            return Ok(());
        }
        let loose = |value: Option<&RawValue>| {
            value.and_then(|value| serde_json::from_str::<serde_json::Value>(value.get()).ok())
        };
        let api_error = ApiError {
            status: raw.status.as_u16(),
            errors: lenient_messages(loose(self.errors).as_ref()),
            messages: lenient_messages(loose(self.messages).as_ref()),
            request_id: raw.request_id().map(str::to_owned),
            body: String::from_utf8_lossy(&raw.body).into_owned(),
            attempts: raw.attempts,
        };
        Err(Error::Unsuccessful(Box::new(api_error)))
    }
}

/// Decodes `result` as `T`; missing and null both mean "no result", and whether that is
/// acceptable is up to `T`. Paths in errors start at `result`.
fn decode_result<T: DeserializeOwned>(raw: &RawResponse, result: Option<&RawValue>) -> Result<T> {
    let text = result.map_or("null", RawValue::get);
    decode_json(raw, text.as_bytes()).map_err(|error| match error {
        Error::Decode {
            status,
            path,
            message,
            excerpt,
        } => Error::Decode {
            status,
            path: match path.as_str() {
                "." => "result".to_owned(),
                path if path.starts_with('[') => format!("result{path}"),
                path => format!("result.{path}"),
            },
            message,
            excerpt,
        },
        other => other,
    })
}

/// A fast hash of a page's body: two pages with the same fingerprint are the same answer,
/// which is how `paginate` notices a server that ignores the `page` parameter. Four lanes of
/// eight bytes each step, independent of one another so the processor runs them side by
/// side: a 50 KB page costs about a microsecond, not a second parse.
fn fingerprint(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let word = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        u64::from_le_bytes(word)
    };
    let mut lanes = [bytes.len() as u64, 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(chunk));
        }
    }
    let mut hash = lanes.into_iter().fold(0, step);
    for &byte in blocks.remainder() {
        hash = step(hash, u64::from(byte));
    }
    hash
}

/// Decodes a whole JSON document, reporting where it went wrong. The path comes from scanning
/// the bytes up to the error's position, not from decoding again with path tracking, so each
/// `T`'s `Deserialize` is compiled for one deserializer only.
fn decode_json<T: DeserializeOwned>(raw: &RawResponse, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice::<T>(bytes).map_err(|error| located_error(raw, bytes, &error))
}

/// The decode error for `error`, at the path of the value it happened in. Not generic, so it is
/// compiled once, and cold, so none of it is inlined into the decoding of every `T`.
#[cold]
fn located_error(raw: &RawResponse, bytes: &[u8], error: &serde_json::Error) -> Error {
    decode_error(raw, error_path(bytes, error), error.to_string())
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
