// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! Where in a JSON document a `serde_json` error happened, as a serde path (`a.b[0].c`, `.` for
//! the root), found by scanning the bytes up to the error's line and column.
//!
//! Decoding a second time through `serde_path_to_error` would say the same, but it instantiates
//! every model's `Deserialize` again for its wrapper deserializer, which was the largest part of
//! a generated crate's compile time. The scan knows the JSON's shape, not the type being decoded:
//! the position says which value serde was reading, and for errors about a container's
//! punctuation the message says the path ends at the container. Invalid JSON is scanned as far
//! as it goes, so the path is then a best guess.

use std::ops::Range;

/// The path of the value that was being read when `error` happened while decoding `bytes`.
pub fn error_path(bytes: &[u8], error: &serde_json::Error) -> String {
    render(bytes, &segments_at(bytes, error))
}

/// The first segment of [`error_path`] alone: the top-level member the error is in.
pub fn error_member(bytes: &[u8], error: &serde_json::Error) -> String {
    let segments = segments_at(bytes, error);
    render(bytes, &segments[..segments.len().min(1)])
}

/// One step of a path.
enum Segment {
    /// An object member, by the byte range of its key, quotes included.
    Key(Range<usize>),
    Index(usize),
}

/// An object or array the scan is inside, with the member being read in it.
enum Frame {
    /// `key` is the range of the member's key (quotes included), once the key is complete.
    Object { key: Option<Range<usize>> },
    /// `started` says whether element `index` has begun.
    Array { index: usize, started: bool },
}

impl Frame {
    fn segment(&self) -> Option<Segment> {
        match self {
            Frame::Object { key } => key.clone().map(Segment::Key),
            Frame::Array { index, started } => started.then_some(Segment::Index(*index)),
        }
    }

    /// Forgets the member being read, so the path ends at this container.
    fn leave_member(&mut self) {
        match self {
            Frame::Object { key } => *key = None,
            Frame::Array { started, .. } => *started = false,
        }
    }
}

/// What the scan had just read at the error's position, when it matters to the path.
enum Last {
    /// A closing bracket, with the object or array it closed.
    Closed(Frame),
    /// A comma (and perhaps whitespace after it).
    Comma,
    Other,
}

/// What an error's message says about its place, beyond its position.
enum Kind {
    /// About a container's punctuation: the path ends at the container.
    Punctuation,
    /// A type's verdict on a whole object or array it read: a missing field, too few elements.
    WholeContainer,
    /// A value of the wrong type, reported at its start when it is an object or array.
    InvalidType,
    /// Any other failure of a type to accept a value.
    Data,
    /// Invalid JSON or the end of the input, reported where it is.
    Syntax,
}

fn segments_at(bytes: &[u8], error: &serde_json::Error) -> Vec<Segment> {
    let Some(offset) = error_offset(bytes, error) else {
        return Vec::new();
    };
    let kind = kind_of(error);
    // A missing comma is reported just past the byte in its place, which belongs to no member.
    let scan_to = match kind {
        Kind::Punctuation if !error.is_eof() => offset.saturating_sub(1),
        _ => offset,
    };
    let (mut frames, last) = scan(&bytes[..scan_to]);
    match kind {
        Kind::Punctuation => {
            if let Some(frame) = frames.last_mut() {
                frame.leave_member();
            }
        }
        Kind::Data | Kind::InvalidType => {
            let starts_value = matches!(bytes.get(offset), Some(b'{' | b'['));
            let reported_at_start = matches!(kind, Kind::InvalidType) && starts_value;
            if !reported_at_start {
                place_after_read(&mut frames, last, bytes.get(offset));
            }
        }
        Kind::WholeContainer | Kind::Syntax => {}
    }
    frames.iter().filter_map(Frame::segment).collect()
}

/// Moves the path to the member that failed, for an error a type raised after serde_json had
/// read its value (a buffered union, a checked constant): such an error gets the position where
/// the enclosing object or array ends. That is past its closing bracket when the value was its
/// last member, past the comma after the value in an array, and at that comma in an object.
fn place_after_read(frames: &mut Vec<Frame>, last: Last, next: Option<&u8>) {
    match (last, frames.last_mut()) {
        (Last::Comma, Some(Frame::Array { index, started })) => {
            *index = index.saturating_sub(1);
            *started = true;
        }
        // At a comma in an object the object's own member failed, whatever it ended with. (The
        // member of an object that closed just before such a comma would look the same; the
        // path then stops one step short rather than naming the wrong member.)
        (Last::Closed(_), Some(Frame::Object { .. })) if next == Some(&b',') => {}
        (Last::Closed(frame), _) => frames.push(frame),
        _ => {}
    }
}

/// The byte offset of `error`: serde_json counts lines from 1 (0 means it has no position) and
/// columns in bytes from the start of the line. Most errors point just past the value that
/// failed, syntax errors just past the offending byte.
fn error_offset(bytes: &[u8], error: &serde_json::Error) -> Option<usize> {
    let line_start = match error.line() {
        0 => return None,
        1 => 0,
        line => {
            let newlines = bytes.iter().enumerate().filter(|(_, byte)| **byte == b'\n');
            newlines.map(|(idx, _)| idx + 1).nth(line - 2)?
        }
    };
    Some((line_start + error.column()).min(bytes.len()))
}

fn kind_of(error: &serde_json::Error) -> Kind {
    let message = error.to_string();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|prefix| message.starts_with(prefix));
    if !error.is_data() {
        let punctuation = [
            "expected `,` or",
            "EOF while parsing a list",
            "EOF while parsing an object",
        ];
        if starts(&punctuation) {
            return Kind::Punctuation;
        }
        return Kind::Syntax;
    }
    if starts(&["missing field", "invalid length"]) {
        Kind::WholeContainer
    } else if starts(&["invalid type"]) {
        Kind::InvalidType
    } else {
        Kind::Data
    }
}

/// The objects and arrays open at the end of `bytes`, with their members, and what was read
/// last. Once the root value is complete, whatever follows (trailing characters) is at the root.
fn scan(bytes: &[u8]) -> (Vec<Frame>, Last) {
    let mut frames: Vec<Frame> = Vec::new();
    let mut last = Last::Other;
    let mut idx = 0;
    while idx < bytes.len() {
        match bytes[idx] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                idx += 1;
                continue;
            }
            b'"' => {
                let end = string_end(bytes, idx + 1);
                match frames.last_mut() {
                    Some(Frame::Object { key: key @ None }) if end < bytes.len() => {
                        *key = Some(idx..end + 1);
                    }
                    _ => start_element(&mut frames),
                }
                idx = end;
            }
            b'{' => {
                start_element(&mut frames);
                frames.push(Frame::Object { key: None });
            }
            b'[' => {
                start_element(&mut frames);
                frames.push(Frame::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                let closed = frames.pop();
                let root_done = frames.is_empty();
                last = closed.map_or(Last::Other, Last::Closed);
                if root_done {
                    return (frames, last);
                }
                idx += 1;
                continue;
            }
            b',' => {
                match frames.last_mut() {
                    Some(Frame::Object { key }) => *key = None,
                    Some(Frame::Array { index, started }) => {
                        *index += 1;
                        *started = false;
                    }
                    None => {}
                }
                last = Last::Comma;
                idx += 1;
                continue;
            }
            b':' => {}
            // A number or a literal.
            _ => start_element(&mut frames),
        }
        last = Last::Other;
        idx += 1;
    }
    (frames, last)
}

/// Marks the element of the innermost array as begun; in an object the key already did.
fn start_element(frames: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = frames.last_mut() {
        *started = true;
    }
}

/// The index of the quote that ends the string starting at `idx` (just past its opening quote),
/// or `bytes.len()` when it does not end.
fn string_end(bytes: &[u8], mut idx: usize) -> usize {
    while idx < bytes.len() {
        match bytes[idx] {
            b'"' => return idx,
            b'\\' => idx += 2,
            _ => idx += 1,
        }
    }
    bytes.len()
}

/// The path as `serde_path_to_error` writes it: keys joined by `.`, indexes in brackets.
fn render(bytes: &[u8], segments: &[Segment]) -> String {
    if segments.is_empty() {
        return ".".to_owned();
    }
    let mut path = String::new();
    for segment in segments {
        match segment {
            Segment::Key(range) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key_text(&bytes[range.clone()]));
            }
            Segment::Index(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// A key's text with its escapes resolved; `quoted` includes the quotes.
fn key_text(quoted: &[u8]) -> String {
    match serde_json::from_slice::<String>(quoted) {
        Ok(key) => key,
        Err(_) => String::from_utf8_lossy(&quoted[1..quoted.len() - 1]).into_owned(),
    }
}
