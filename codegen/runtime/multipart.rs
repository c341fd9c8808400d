//! `multipart/form-data` bodies (RFC 7578): text fields, JSON fields and files.
//!
//! The generated code passes the body (whose file fields do not serialise), its `encoding`
//! entries and its [`FilePart`]s. Scalars become text parts, arrays one part per item, objects
//! JSON parts (`application/json` unless the entry's `contentType` says otherwise), and files
//! come last, since some servers read the fields before the first file.
//! The body is written here, once, rather than streamed by reqwest's `multipart::Form`, so that
//! a retry resends the same bytes and the request can be inspected like any other.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};

use bytes::Bytes;
use serde_json::Value;

use crate::runtime::error::Result;
use crate::runtime::form::{body_fields, scalar_text, PartEncoding};

/// A file sent as one part of a multipart body: its bytes, and optionally a file name and a
/// content type.
///
/// Build one with `FilePart::new(bytes).filename("report.pdf").content_type("application/pdf")`.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FilePart {
    /// The file's contents.
    pub bytes: Bytes,
    /// The `filename` of the part's `Content-Disposition`; many servers treat a part without
    /// one as a text field.
    pub filename: Option<String>,
    /// The part's `Content-Type`; without one, the document's `encoding.contentType` when it
    /// names a single type, else `application/octet-stream`.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A file part with these contents and no name or content type.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            filename: None,
            content_type: None,
        }
    }

    /// Sets the file name the server sees.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the part's content type, e.g. `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

/// Shows the length, not the contents, which may be large or private.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The content type (with its boundary) and the bytes of a multipart body.
pub fn encode_multipart<B: serde::Serialize + ?Sized>(
    body: &B,
    encoding: &[PartEncoding],
    files: &[(&str, &FilePart)],
) -> Result<(String, Vec<u8>)> {
    encode_parts(body_fields(body)?, encoding, files)
}

/// The multipart body of a body's fields and its files; not generic, so compiled once.
fn encode_parts(
    fields: Vec<(String, Value)>,
    encoding: &[PartEncoding],
    files: &[(&str, &FilePart)],
) -> Result<(String, Vec<u8>)> {
    let entry = |name: &str| encoding.iter().find(|entry| entry.name == name);
    let mut parts: Vec<Part> = Vec::new();
    for (name, value) in fields {
        let content_type = entry(&name).and_then(|entry| entry.content_type);
        match &value {
            Value::Array(items) => parts.extend(
                items
                    .iter()
                    .filter_map(|item| value_part(&name, item, content_type)),
            ),
            other => parts.extend(value_part(&name, other, content_type)),
        }
    }
    for (name, file) in files {
        let declared = entry(name)
            .and_then(|entry| entry.content_type)
            .filter(|declared| !declared.contains([',', '*']));
        let content_type = file
            .content_type
            .clone()
            .or(declared.map(str::to_owned))
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        parts.push(Part {
            name: (*name).to_owned(),
            filename: file.filename.clone(),
            content_type: Some(content_type),
            bytes: file.bytes.clone(),
        });
    }
    let boundary = pick_boundary(&parts);
    Ok((
        format!("multipart/form-data; boundary={boundary}"),
        write_parts(&parts, &boundary),
    ))
}

/// One part before it is written.
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    bytes: Bytes,
}

/// A scalar as a text part (RFC 7578's default `text/plain`, so no header unless the document
/// names a type), anything else as a JSON part; `None` for `null`.
fn value_part(name: &str, value: &Value, content_type: Option<&str>) -> Option<Part> {
    let structured = matches!(value, Value::Object(_) | Value::Array(_));
    let content_type = match (content_type, structured) {
        (Some(declared), _) => Some(declared.to_owned()),
        (None, true) => Some("application/json".to_owned()),
        (None, false) => None,
    };
    Some(Part {
        name: name.to_owned(),
        filename: None,
        content_type,
        bytes: Bytes::from(scalar_text(value)?),
    })
}

/// A boundary that occurs in no part, so no part can end the body early.
fn pick_boundary(parts: &[Part]) -> String {
    loop {
        let random = RandomState::new();
        let (mut high, mut low) = (random.build_hasher(), random.build_hasher());
        high.write_u8(1);
        low.write_u8(2);
        let boundary = format!("----client-{:016x}{:016x}", high.finish(), low.finish());
        let needle = boundary.as_bytes();
        let clashes = parts.iter().any(|part| {
            part.bytes
                .windows(needle.len())
                .any(|window| window == needle)
        });
        if !clashes {
            return boundary;
        }
    }
}

fn write_parts(parts: &[Part], boundary: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut disposition = format!("form-data; name=\"{}\"", quoted(&part.name));
        if let Some(filename) = &part.filename {
            disposition.push_str(&format!("; filename=\"{}\"", quoted(filename)));
        }
        out.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
        if let Some(content_type) = &part.content_type {
            out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&part.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// Escapes a name for a quoted header parameter as browsers do (HTML's form encoding), so a
/// name can never end the header or the parameter.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// One part of a received multipart body, as the testing fake reads it.
#[cfg(feature = "testing")]
#[derive(Clone, Debug)]
pub struct ReceivedPart {
    /// The `name` of its `Content-Disposition`.
    pub name: String,
    /// The file name, for file parts.
    pub filename: Option<String>,
    /// Its `Content-Type`, when it has one.
    pub content_type: Option<String>,
    /// Its contents.
    pub bytes: Bytes,
}

#[cfg(feature = "testing")]
impl ReceivedPart {
    /// The part as a [`FilePart`].
    pub fn to_file(&self) -> FilePart {
        FilePart {
            bytes: self.bytes.clone(),
            filename: self.filename.clone(),
            content_type: self.content_type.clone(),
        }
    }
}

/// Splits a multipart body at the boundary its content type names; `Err` names what is wrong.
#[cfg(feature = "testing")]
pub fn decode_parts(
    content_type: &str,
    body: &[u8],
) -> std::result::Result<Vec<ReceivedPart>, String> {
    let boundary = header_parameter(content_type, "boundary")
        .ok_or_else(|| format!("content type `{content_type}` names no boundary"))?;
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body;
    rest = rest
        .strip_prefix(delimiter.as_bytes())
        .ok_or("the body does not open with its boundary")?;
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or("a boundary line does not end in CRLF")?;
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())
            .ok_or("a part is not closed by the boundary")?;
        parts.push(decode_part(&rest[..end])?);
        rest = &rest[end + 2 + delimiter.len()..];
    }
}

#[cfg(feature = "testing")]
fn decode_part(part: &[u8]) -> std::result::Result<ReceivedPart, String> {
    let split = find(part, b"\r\n\r\n").ok_or("a part has no blank line after its headers")?;
    let head = std::str::from_utf8(&part[..split]).map_err(|_| "part headers are not UTF-8")?;
    let (mut disposition, mut content_type) = (None, None);
    for line in head.split("\r\n") {
        let (name, value) = line.split_once(':').ok_or("a part header has no colon")?;
        match name.trim().to_ascii_lowercase().as_str() {
            "content-disposition" => disposition = Some(value.trim().to_owned()),
            "content-type" => content_type = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let disposition = disposition.ok_or("a part has no Content-Disposition")?;
    Ok(ReceivedPart {
        name: header_parameter(&disposition, "name").ok_or("a part has no name")?,
        filename: header_parameter(&disposition, "filename"),
        content_type,
        bytes: Bytes::copy_from_slice(&part[split + 4..]),
    })
}

/// A parameter of a header value (`name="x"` or `name=x`), unquoted and unescaped as `quoted`
/// escaped it.
#[cfg(feature = "testing")]
fn header_parameter(value: &str, wanted: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|parameter| {
        let (name, text) = parameter.trim().split_once('=')?;
        (name.eq_ignore_ascii_case(wanted)).then(|| {
            text.trim_matches('"')
                .replace("%22", "\"")
                .replace("%0D", "\r")
                .replace("%0A", "\n")
        })
    })
}

#[cfg(feature = "testing")]
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
