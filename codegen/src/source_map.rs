//! Maps JSON pointers back to lines of the YAML or JSON source, for error messages.
//!
//! serde gives values without positions, so on the (rare) error path the source is parsed
//! again with `yaml-rust2`, whose events carry markers. JSON is parsed by the same YAML parser.
//! Lines and columns are 1-based, as serde_json and serde_yaml report them.

use std::borrow::Cow;
use std::fmt::Write;

use rustc_hash::{FxHashMap, FxHashSet};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column of every node, by JSON pointer.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: FxHashMap<String, (usize, usize)>,
    /// Every key and value in source order, for finding the node before a syntax error.
    in_order: Vec<((usize, usize), String)>,
}

impl SourceMap {
    /// Parses `text`; a document YAML cannot parse maps what comes before the syntax error.
    pub fn build(text: &str) -> SourceMap {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        // On a syntax error the nodes before it are still mapped, which is what places the error.
        let _ = parser.load(&mut builder, false);
        SourceMap {
            positions: builder.positions,
            in_order: builder.in_order,
        }
    }

    /// Maps only `pointers` and their ancestors (what [`SourceMap::position`] may fall back to),
    /// keeping nothing for the rest: a multi-megabyte document has millions of nodes.
    /// [`SourceMap::pointer_near`] finds nothing in such a map.
    pub fn build_for(text: &str, pointers: &[&str]) -> SourceMap {
        SourceMap::build_for_skipping(text, pointers, &FxHashMap::default())
    }

    /// [`SourceMap::build_for`], where `ends` says where some of JSON `text`'s values end, by
    /// where they start: one of them that holds no wanted pointer is passed over in one step,
    /// not read to its end. Loading knows where the document's members and `paths`' members
    /// are (`load::Spans`); placing stripe's warnings read all 2.5 MB of it, 4 ms on a core.
    pub fn build_for_skipping(
        text: &str,
        pointers: &[&str],
        ends: &FxHashMap<usize, usize>,
    ) -> SourceMap {
        let mut wanted = FxHashSet::default();
        for pointer in pointers {
            let mut current = pointer.trim_start_matches('#');
            loop {
                wanted.insert(current.to_owned());
                match current.rfind('/') {
                    Some(idx) => current = &current[..idx],
                    None => break,
                }
            }
        }
        // JSON is read by a scanner of its own, far faster than the YAML parser on the
        // multi-megabyte documents real APIs ship; anything it does not expect goes to YAML.
        if text.trim_start().starts_with('{') {
            if let Some(positions) = JsonScanner::scan(text, &wanted, ends) {
                return SourceMap {
                    positions,
                    in_order: Vec::new(),
                };
            }
        }
        let mut builder = Builder {
            wanted: Some(wanted),
            ..Builder::default()
        };
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        SourceMap {
            positions: builder.positions,
            in_order: builder.in_order,
        }
    }

    /// The pointer of the last key or value that starts at or before `line`:`column`, or `#`.
    pub fn pointer_near(&self, line: usize, column: usize) -> String {
        let n_before = self
            .in_order
            .partition_point(|(position, _)| *position <= (line, column));
        match n_before.checked_sub(1) {
            Some(node_idx) => format!("#{}", self.in_order[node_idx].1),
            None => String::from("#"),
        }
    }

    /// The position of `pointer` (`#/a/b`), or of its nearest mapped ancestor.
    pub fn position(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut current = pointer.trim_start_matches('#');
        loop {
            if let Some(found) = self.positions.get(current) {
                return Some(*found);
            }
            match current.rfind('/') {
                Some(idx) => current = &current[..idx],
                // A document with no nodes (only comments, say) still has a first line.
                None => return Some((1, 1)),
            }
        }
    }
}

/// `segment` unescaped as serde_json unescapes it (`~1` then `~0`), in one pass: path keys
/// such as `~1v1~1customers` are looked up thousands of times.
pub fn unescaped(segment: &str) -> Cow<'_, str> {
    if !segment.contains('~') {
        return Cow::Borrowed(segment);
    }
    let mut out = String::with_capacity(segment.len());
    let mut rest = segment;
    while let Some(at) = rest.find('~') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let (text, taken) = match escape.as_bytes().get(1) {
            Some(b'1') => ("/", 2),
            Some(b'0') => ("~", 2),
            _ => ("~", 1),
        };
        out.push_str(text);
        rest = &escape[taken..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The node at the JSON pointer `pointer` (no `#`) in `root`, found as
/// `serde_json::Value::pointer` finds it, but without a new string per segment: lowering
/// looks up tens of thousands of pointers, and serde_json unescapes every segment of each
/// into a new string (12 % of stripe's lowering).
pub fn pointer_get<'v>(
    root: &'v serde_json::Value,
    pointer: &str,
) -> Option<&'v serde_json::Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut segments = pointer.strip_prefix('/')?.split('/');
    segments.try_fold(root, child)
}

/// The node one pointer segment below `node`.
fn child<'v>(node: &'v serde_json::Value, segment: &str) -> Option<&'v serde_json::Value> {
    match node {
        serde_json::Value::Object(map) => map.get(unescaped(segment).as_ref()),
        serde_json::Value::Array(items) => {
            array_index(&unescaped(segment)).and_then(|idx| items.get(idx))
        }
        _ => None,
    }
}

/// Finds pointers in one tree as [`pointer_get`] does, starting each from the deepest node
/// it shares with the pointer before: lowering asks for the pointers of a depth-first walk,
/// whose neighbours share most of their segments, and each segment costs an unescape and a
/// hashed lookup in a map of strings.
pub struct PointerCursor<'v> {
    root: &'v serde_json::Value,
    /// An object whose members the tree may hold as `null`, and where to read them instead.
    lazy: Option<(&'v serde_json::Value, &'v dyn LazyMembers)>,
    /// The last pointer asked for.
    last: String,
    /// The node after each of `last`'s segments that was found, with where that segment ends.
    found: Vec<(usize, &'v serde_json::Value)>,
}

impl<'v> PointerCursor<'v> {
    pub fn new(root: &'v serde_json::Value) -> PointerCursor<'v> {
        PointerCursor {
            root,
            lazy: None,
            last: String::new(),
            found: Vec::new(),
        }
    }

    /// This cursor, reading the members of `object` (a node of its tree) through `members`
    /// where that has them.
    pub fn with_lazy_members(
        self,
        object: &'v serde_json::Value,
        members: &'v dyn LazyMembers,
    ) -> PointerCursor<'v> {
        PointerCursor {
            lazy: Some((object, members)),
            ..self
        }
    }

    pub fn get(&mut self, pointer: &str) -> Option<&'v serde_json::Value> {
        if pointer.is_empty() {
            return Some(self.root);
        }
        if !pointer.starts_with('/') {
            return None;
        }
        let shared = shared_prefix(&self.last, pointer);
        // A segment is shared when both pointers end it at the same byte.
        let ends_there = |end: usize| end == pointer.len() || pointer.as_bytes()[end] == b'/';
        let kept = self
            .found
            .iter()
            .take_while(|(end, _)| *end < shared || (*end == shared && ends_there(*end)))
            .count();
        self.found.truncate(kept);
        self.last.clear();
        self.last.push_str(pointer);
        let (mut at, mut node) = self.found.last().copied().unwrap_or((0, self.root));
        while at < pointer.len() {
            let start = at + 1;
            let end = pointer[start..]
                .find('/')
                .map_or(pointer.len(), |len| start + len);
            let segment = &pointer[start..end];
            node = match &self.lazy {
                Some((object, members)) if std::ptr::eq(node, *object) => members
                    .member(&unescaped(segment))
                    .or_else(|| child(node, segment))?,
                _ => child(node, segment)?,
            };
            self.found.push((end, node));
            at = end;
        }
        Some(node)
    }
}

/// Members of an object that its tree holds as `null`, read elsewhere (`load/unparsed.rs`).
pub trait LazyMembers: Sync {
    /// The member at `key`, when this holds it.
    fn member(&self, key: &str) -> Option<&serde_json::Value>;
}

/// Whether `reference` lands inside the document's `paths`, read as the resolver reads it
/// (percent-decoded, then the pointer's first segment unescaped): `#/%70aths/...` does. `#`
/// (the whole document) does not count: read as a schema, parameter, body or response, the
/// root's `paths` member is a field those types ignore.
pub fn lands_in_paths(reference: &str) -> bool {
    on_first_segment(reference, |first| first == Some("paths")).unwrap_or(false)
}

/// Whether the value `reference` names, read as the resolver reads it, holds anything of the
/// document's member `key`: it lands inside that member, or names the whole document (`#`).
pub fn reads_member(reference: &str, key: &str) -> bool {
    on_first_segment(reference, |first| first.is_none_or(|first| first == key)).unwrap_or(false)
}

/// `check` of the first segment of a local `$ref`'s pointer, percent-decoded and unescaped
/// (`None` for the whole document); `None` for a reference into another document. Borrowed
/// throughout: loading asks this of every `$ref` a document writes.
fn on_first_segment<R>(reference: &str, check: impl FnOnce(Option<&str>) -> R) -> Option<R> {
    let pointer = percent_decode(reference.strip_prefix('#')?);
    let Some(rest) = pointer.strip_prefix('/') else {
        return Some(check(None));
    };
    let first = rest.split('/').next().unwrap_or_default();
    Some(check(Some(&unescaped(first))))
}

/// References are URI fragments, so `%7B` may stand for `{` in path keys.
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        let hex = bytes
            .get(idx + 1..idx + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok());
        match (
            bytes[idx],
            hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                out.push(byte);
                idx += 3;
            }
            (byte, _) => {
                out.push(byte);
                idx += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// How many leading bytes `a` and `b` share.
fn shared_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// An array index as RFC 6901 writes it: digits, without a sign or leading zeros.
fn array_index(segment: &str) -> Option<usize> {
    let leading_zero = segment.starts_with('0') && segment.len() != 1;
    match segment.starts_with('+') || leading_zero {
        true => None,
        false => segment.parse().ok(),
    }
}

/// `pointer` and then `/keyword/idx`, written at its final length: lowering writes one for
/// every enum value and every alternative, and `format!` grew each through reallocations.
pub fn indexed_pointer(pointer: &str, keyword: &str, idx: usize) -> String {
    let mut out = String::with_capacity(pointer.len() + keyword.len() + 22);
    for part in [pointer, "/", keyword, "/"] {
        out.push_str(part);
    }
    // Writing into a `String` cannot fail.
    let _ = write!(out, "{idx}");
    out
}

/// Escapes one JSON pointer segment (RFC 6901), copying the runs between escapes whole:
/// lowering escapes a segment for every pointer it writes.
pub fn escape_segment(segment: &str) -> String {
    let mut escaped = String::with_capacity(segment.len() + 8);
    let mut plain_from = 0;
    for (at, byte) in segment.bytes().enumerate() {
        let escape = match byte {
            b'~' => "~0",
            b'/' => "~1",
            _ => continue,
        };
        escaped.push_str(&segment[plain_from..at]);
        escaped.push_str(escape);
        plain_from = at + 1;
    }
    escaped.push_str(&segment[plain_from..]);
    escaped
}

enum Container {
    Mapping {
        key: Option<String>,
    },
    Sequence {
        next_idx: usize,
    },
    /// A sequence or mapping used as a key (`? [a, b]`): its contents have no pointer.
    ComplexKey,
}

#[derive(Default)]
struct Builder {
    positions: FxHashMap<String, (usize, usize)>,
    in_order: Vec<((usize, usize), String)>,
    stack: Vec<(String, Container)>,
    /// When set, only these pointers are recorded, and nothing in source order.
    wanted: Option<FxHashSet<String>>,
}

impl Builder {
    /// Decides the pointer of a value event, or returns `None` for a mapping key.
    fn value_pointer(&mut self, event: &Event, mark: Marker) -> Option<String> {
        let Some((base, container)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match container {
            Container::Mapping { key } => match key.take() {
                Some(key) => Some(format!("{base}/{}", escape_segment(&key))),
                None => {
                    let key_text = match event {
                        Event::Scalar(text, ..) => text.clone(),
                        _ => String::from("?"),
                    };
                    let pointer = format!("{base}/{}", escape_segment(&key_text));
                    *key = Some(key_text);
                    if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                        self.stack.push((pointer.clone(), Container::ComplexKey));
                    }
                    self.record(pointer, mark);
                    None
                }
            },
            Container::Sequence { next_idx } => {
                let pointer = format!("{base}/{next_idx}");
                *next_idx += 1;
                Some(pointer)
            }
            Container::ComplexKey => {
                if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                    let base = base.clone();
                    self.stack.push((base, Container::ComplexKey));
                }
                None
            }
        }
    }

    /// Remembers where `pointer` starts (its first occurrence wins), with 1-based columns.
    fn record(&mut self, pointer: String, mark: Marker) {
        let position = (mark.line(), mark.col() + 1);
        match &self.wanted {
            Some(wanted) => {
                if wanted.contains(&pointer) {
                    self.positions.entry(pointer).or_insert(position);
                }
            }
            None => {
                self.positions.entry(pointer.clone()).or_insert(position);
                self.in_order.push((position, pointer));
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                return;
            }
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {}
            _ => return,
        }
        let Some(pointer) = self.value_pointer(&event, mark) else {
            return;
        };
        self.record(pointer.clone(), mark);
        match event {
            Event::MappingStart(..) => self.stack.push((pointer, Container::Mapping { key: None })),
            Event::SequenceStart(..) => self
                .stack
                .push((pointer, Container::Sequence { next_idx: 0 })),
            _ => {}
        }
    }
}

/// Places JSON nodes as the YAML parser does: a member at its key's opening quote, an array item
/// at its first character, lines 1-based and columns 1-based in characters.
///
/// It reads plain JSON for the positions of the wanted pointers only. It descends only into values
/// whose pointer is wanted (every wanted pointer's ancestors are wanted too) and skips the rest
/// by matching brackets, and it counts lines and columns only up to where it records one: a
/// multi-megabyte document with a few warnings costs about one pass over its bytes.
struct JsonScanner<'a> {
    text: &'a str,
    idx: usize,
    path: String,
    wanted: &'a FxHashSet<String>,
    /// Where some values end, by where they start: passed over in one step when not wanted.
    ends: &'a FxHashMap<usize, usize>,
    positions: FxHashMap<String, (usize, usize)>,
    /// Lines and columns are counted up to this byte, where they were `line` and `col`.
    counted: usize,
    line: usize,
    col: usize,
}

impl<'a> JsonScanner<'a> {
    /// The positions of the wanted pointers, or `None` for text that is not plain JSON.
    fn scan(
        text: &'a str,
        wanted: &'a FxHashSet<String>,
        ends: &'a FxHashMap<usize, usize>,
    ) -> Option<FxHashMap<String, (usize, usize)>> {
        let mut scanner = JsonScanner {
            text,
            idx: 0,
            path: String::new(),
            wanted,
            ends,
            positions: FxHashMap::default(),
            counted: 0,
            line: 1,
            col: 0,
        };
        scanner.skip_whitespace();
        let wanted = scanner.record(scanner.idx);
        scanner.value(wanted)?;
        Some(scanner.positions)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.idx).copied()
    }

    /// The 1-based line and column of byte `at`, which is never before the last one asked for.
    /// Line breaks are found a word at a time (memchr); columns are counted on the last line.
    fn position_of(&mut self, at: usize) -> (usize, usize) {
        let mut line_start = self.counted;
        for newline in memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.counted..at]) {
            self.line += 1;
            line_start = self.counted + newline + 1;
        }
        if line_start > self.counted {
            self.col = 0;
        }
        // A column is a character (only the first byte of a UTF-8 character counts). Every
        // place asked for follows an ASCII byte, as a line's start does, so the text between is
        // a `str`, and std counts its characters a word at a time.
        self.col += match self.text.get(line_start..at) {
            Some(line) => line.chars().count(),
            None => self.text.as_bytes()[line_start..at]
                .iter()
                .filter(|&&byte| byte & 0xC0 != 0x80)
                .count(),
        };
        self.counted = at;
        (self.line, self.col + 1)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.idx += 1;
        }
    }

    /// Whether the value at the current path may hold a wanted pointer.
    fn is_wanted(&self) -> bool {
        self.wanted.contains(&self.path)
    }

    /// Records the current path, which starts at byte `at`, when it is wanted; returns whether
    /// it is, which its value is read or skipped by (one lookup of the path for both).
    fn record(&mut self, at: usize) -> bool {
        let wanted = self.is_wanted();
        if wanted && !self.positions.contains_key(&self.path) {
            let position = self.position_of(at);
            self.positions.insert(self.path.clone(), position);
        }
        wanted
    }

    /// Reads the value at the current path, or skips it when nothing in it is `wanted`.
    fn value(&mut self, wanted: bool) -> Option<()> {
        self.skip_whitespace();
        if !wanted {
            if let Some(&end) = self.ends.get(&self.idx) {
                self.idx = end;
                return Some(());
            }
            return self.skip_value();
        }
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(|_| ()),
            _ => self.skip_value(),
        }
    }

    /// Skips one value: a string, a scalar, or an object or array with all it holds.
    fn skip_value(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        loop {
            let Some(&byte) = bytes.get(self.idx) else {
                return (depth == 0).then_some(());
            };
            match byte {
                b'"' => {
                    self.skip_string()?;
                    if depth == 0 {
                        return Some(());
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.idx += 1;
                }
                // At depth 0 this closes the container around a scalar, which has ended.
                b'}' | b']' if depth == 0 => return Some(()),
                b'}' | b']' => {
                    depth -= 1;
                    self.idx += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Some(()),
                _ => self.idx += 1,
            }
        }
    }

    fn object(&mut self) -> Option<()> {
        self.idx += 1;
        let base = self.path.len();
        self.skip_whitespace();
        if self.peek()? == b'}' {
            self.idx += 1;
            return Some(());
        }
        loop {
            self.skip_whitespace();
            if self.peek()? != b'"' {
                return None;
            }
            let start = self.idx;
            let key = self.string()?;
            self.path.truncate(base);
            self.path.push('/');
            self.path.push_str(&escape_segment(&key));
            let wanted = self.record(start);
            self.skip_whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.idx += 1;
            self.value(wanted)?;
            if !self.next_or_end(b'}')? {
                break;
            }
        }
        self.path.truncate(base);
        Some(())
    }

    fn array(&mut self) -> Option<()> {
        self.idx += 1;
        let base = self.path.len();
        self.skip_whitespace();
        if self.peek()? == b']' {
            self.idx += 1;
            return Some(());
        }
        for item_idx in 0usize.. {
            self.skip_whitespace();
            self.path.truncate(base);
            self.path.push('/');
            self.path.push_str(&item_idx.to_string());
            let wanted = self.record(self.idx);
            self.value(wanted)?;
            if !self.next_or_end(b']')? {
                break;
            }
        }
        self.path.truncate(base);
        Some(())
    }

    /// After a member or item: `true` after a comma, `false` after the closing `end`.
    fn next_or_end(&mut self, end: u8) -> Option<bool> {
        self.skip_whitespace();
        let byte = self.peek()?;
        self.idx += 1;
        match byte {
            b',' => Some(true),
            byte if byte == end => Some(false),
            _ => None,
        }
    }

    /// Moves past a string, quotes included; returns whether it holds escapes. The next quote
    /// or backslash is found a word at a time (memchr): most of a document's bytes are in its
    /// strings.
    fn skip_string(&mut self) -> Option<bool> {
        let bytes = self.text.as_bytes();
        let mut escaped = false;
        self.idx += 1;
        loop {
            self.idx += memchr::memchr2(b'"', b'\\', bytes.get(self.idx..)?)?;
            if bytes[self.idx] == b'"' {
                break;
            }
            escaped = true;
            self.idx += 2;
        }
        self.idx += 1;
        Some(escaped)
    }

    /// Reads a string, quotes included, and returns its value.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.idx;
        let escaped = self.skip_string()?;
        let quoted = self.text.get(start..self.idx)?;
        if !escaped {
            return Some(Cow::Borrowed(&quoted[1..quoted.len() - 1]));
        }
        serde_json::from_str::<String>(quoted).ok().map(Cow::Owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_reads_the_member_it_lands_in_or_the_whole_document() {
        assert!(reads_member("#/info/x-schema", "info"));
        assert!(reads_member("#/%69nfo/x", "info"));
        assert!(reads_member("#", "info"));
        assert!(!reads_member("#/components/schemas/info", "info"));
        assert!(!reads_member("other.yaml#/info", "info"));
        assert!(lands_in_paths("#/p%61ths/~1a"));
        assert!(!lands_in_paths("#"));
        assert!(!lands_in_paths("#/components/schemas/paths"));
    }

    #[test]
    fn pointers_find_what_serde_json_finds() {
        let root = serde_json::json!({
            "a/b": {"c~d": [10, 11, {"": "empty key"}]},
            "~1": "escaped twice",
            "0": "key zero",
        });
        let pointers = [
            "",
            "/",
            "/a~1b",
            "/a~1b/c~0d",
            "/a~1b/c~0d/1",
            "/a~1b/c~0d/2/",
            "/a~1b/c~0d/01",
            "/a~1b/c~0d/+1",
            "/a~1b/c~0d/3",
            "/a~1b/c~0d/-",
            "/~01",
            "/~1",
            "/0",
            "a",
            "/a~1b/x",
        ];
        for pointer in pointers {
            assert_eq!(
                pointer_get(&root, pointer),
                root.pointer(pointer),
                "{pointer:?}"
            );
        }
    }

    /// Every pair of pointers in turn, so each lookup starts from what the one before found,
    /// missed or left half-way.
    #[test]
    fn a_cursor_finds_what_serde_json_finds_after_any_pointer() {
        let root = serde_json::json!({
            "a/b": {"c~d": [10, 11, {"": "empty key", "x": {"y": 1}}]},
            "a": {"b": 2, "bc": {"d": 3}},
            "ab": 4,
            "": {"": 5},
        });
        let pointers = [
            "",
            "/",
            "//",
            "/a~1b",
            "/a~1b/c~0d",
            "/a~1b/c~0d/2",
            "/a~1b/c~0d/2/",
            "/a~1b/c~0d/2/x/y",
            "/a~1b/c~0d/02",
            "/a~1b/x",
            "/a",
            "/a/b",
            "/a/bc",
            "/a/bc/d",
            "/a/b/c",
            "/ab",
            "/abc",
            "a",
            "/a/",
            "/a/bc/d/e",
        ];
        for first in pointers {
            for second in pointers {
                let mut cursor = PointerCursor::new(&root);
                cursor.get(first);
                assert_eq!(
                    cursor.get(second),
                    root.pointer(second),
                    "{second:?} after {first:?}"
                );
            }
        }
    }

    #[test]
    fn indexed_pointers_end_in_their_keyword_and_index() {
        assert_eq!(indexed_pointer("#/a~1b", "enum", 0), "#/a~1b/enum/0");
        assert_eq!(indexed_pointer("", "oneOf", 12), "/oneOf/12");
    }

    #[test]
    fn pointer_segments_escape_tildes_before_slashes() {
        assert_eq!(escape_segment("plain"), "plain");
        assert_eq!(escape_segment("/a~1/{b}"), "~1a~01~1{b}");
        assert_eq!(escape_segment("ü~é"), "ü~0é");
    }

    #[test]
    fn positions_are_one_based_and_keys_win_over_their_values() {
        let source_map = SourceMap::build("a:\n  b: [1, 2]\n");
        assert_eq!(source_map.position("#/a"), Some((1, 1)));
        assert_eq!(source_map.position("#/a/b"), Some((2, 3)));
        assert_eq!(source_map.position("#/a/b/1"), Some((2, 10)));
        assert_eq!(source_map.position("#/a/missing"), Some((1, 1)));
    }

    #[test]
    fn a_map_for_some_pointers_places_them_and_their_ancestors_alike() {
        let text = "a:\n  b: [1, 2]\n  c: {d: 1}\n";
        let full = SourceMap::build(text);
        let partial = SourceMap::build_for(text, &["#/a/b/1", "#/a/c/missing"]);
        for pointer in ["#/a/b/1", "#/a/c/missing", "#/a", "#/a/b"] {
            assert_eq!(
                partial.position(pointer),
                full.position(pointer),
                "{pointer}"
            );
        }
        assert_eq!(partial.position("#/a/c/d"), full.position("#/a/c"));
    }

    #[test]
    fn json_is_placed_exactly_as_the_yaml_parser_places_it() {
        let texts = [
            "{\"a\": {\"b~/c\": [1, {\"d\": true}, [], {}], \"é\": \"x\\\"y\"},\n  \"e\": [\"ü\", null, -1.5e3],\n\t\"k\\u00e9y\": {\"z\": \"naïve\"}}",
            "{\n  \"paths\": {\n    \"/a/{id}\": {\n      \"get\": {\"x\": [\n        1,\n        2\n      ]}\n    }\n  }\n}\n",
        ];
        for text in texts {
            let full = SourceMap::build(text);
            let pointers: Vec<String> =
                full.positions.keys().map(|key| format!("#{key}")).collect();
            let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
            let partial = SourceMap::build_for(text, &pointers);
            assert_eq!(partial.positions, full.positions, "{text}");
            // One pointer at a time, the scanner skips everything else and must still agree.
            for pointer in &pointers {
                let alone = SourceMap::build_for(text, &[pointer]);
                assert_eq!(
                    alone.position(pointer),
                    full.position(pointer),
                    "{pointer} in {text}"
                );
            }
        }
    }

    #[test]
    fn a_syntax_error_is_placed_after_the_last_node_before_it() {
        let source_map = SourceMap::build("a:\n  b: 1\n\tc: 2\n");
        assert_eq!(source_map.pointer_near(3, 1), "#/a/b");
        assert_eq!(source_map.pointer_near(1, 1), "#/a");
        assert_eq!(SourceMap::build("").pointer_near(1, 1), "#");
    }

    #[test]
    fn contents_of_complex_keys_are_not_mapped_and_do_not_shift_siblings() {
        let source_map = SourceMap::build("m:\n  ? [x, y]\n  : 1\n  after: 2\n");
        assert_eq!(source_map.position("#/m/?"), Some((2, 5)));
        assert_eq!(source_map.position("#/m/after"), Some((4, 3)));
        assert_eq!(source_map.position("#/m/x"), Some((1, 1)));
    }
}
