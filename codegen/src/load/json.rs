//! Parses a large JSON document on both cores.
//!
//! serde_json parses a document on one thread, before anything else can start: 160 ms of
//! Graph's load, 330 ms of Graph beta's. A document's bulk sits in a few maps of many
//! independent values (`paths`, `components/schemas`). One pass that follows only strings and
//! brackets finds where the members of the first [`SPLIT_DEPTH`] levels of objects start and
//! end; the large ones are cut into their members, serde_json parses the pieces on both cores,
//! and the maps are put back together in document order (a repeated key replaces the earlier
//! value in its place, as serde_json does). Graph: 160 -> 115 ms, Graph beta: 330 -> 230 ms;
//! the pass itself takes 12 and 24 ms, and the rest is bound by the kernel handing out fresh
//! pages, which two threads cannot do twice as fast.
//!
//! The pass checks the structure it cuts through (braces, colons, commas); serde_json checks
//! every piece and every key. Whatever either refuses sends the whole text back to serde_json,
//! which then reports the error as it always would, so only valid JSON takes this path.

use std::ops::Range;

use serde_json::{Map, Value};

/// Below this size, splitting costs more than a second core gives back.
const PARALLEL_FROM: usize = 1 << 20;
/// How many levels of objects the pass looks into.
const SPLIT_DEPTH: usize = 3;
/// A value is cut into its members when it holds at least this share of the text.
const SPLIT_SHARE: usize = 16;

/// The document `text` holds, parsed in pieces on both cores; `None` when `text` is small,
/// is not a JSON object, or is not valid JSON.
///
/// `skip` is shown where the members are and says which of `paths`' members to leave
/// unparsed (`load/unparsed.rs`): each is `null` in the tree then, and only its text is
/// known to be whole. It is honoured only where `paths` is cut into its members; the
/// members left unparsed come back, one flag for each of `spans.paths`.
pub fn parse_in_parts(
    text: &str,
    skip: impl FnOnce(&mut Spans) -> Vec<bool>,
) -> Option<(Value, Option<Spans>, Vec<bool>)> {
    if text.len() < PARALLEL_FROM {
        return None;
    }
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.skip_whitespace();
    let start = scanner.at;
    let members = scanner.object(SPLIT_DEPTH)?;
    let end = scanner.at;
    scanner.skip_whitespace();
    if scanner.at != text.len() {
        return None;
    }
    let mut spans = Spans::of(text, &members);
    let root = Node::Object {
        range: start..end,
        members,
    };
    let mut plan = root.plan(text.len() / SPLIT_SHARE);
    let skipped = match &mut spans {
        Some(spans) => plan.skip_paths_members(spans, skip),
        None => Vec::new(),
    };
    let mut leaves = Vec::new();
    plan.collect_leaves(&mut leaves);
    let parsed = crate::worker::map_all(leaves, |range| {
        serde_json::from_str::<Value>(&text[range]).ok()
    });
    let mut parsed = parsed.into_iter();
    Some((plan.assemble(text, &mut parsed)?, spans, skipped))
}

/// Where the document's members and `paths`' members are in its text, each by its key, so
/// that they can be hashed as text (`lower/replay.rs`): XXH3 over text is several times faster
/// than walking the parsed tree.
#[derive(Debug)]
pub struct Spans {
    /// The document's members: each key and its value's text.
    pub root: Vec<(String, Range<usize>)>,
    /// `paths`' members, when `paths` is an object.
    pub paths: Vec<(String, Range<usize>)>,
    /// Where `paths` is among `root`.
    paths_at: Option<usize>,
    /// The [`stable_hash`](crate::cache_file::stable_hash) of each of `paths`' texts, when
    /// [`Spans::hash_paths`] was called.
    pub paths_hashes: Vec<u64>,
    /// Which of `paths`' members were parsed in pieces rather than whole (empty: none). Such a
    /// member's text may not parse alone: serde_json counts its 128 levels of nesting from
    /// each piece (a review found an item that parsed in pieces and not whole).
    pub paths_split: Vec<bool>,
    /// [`Spans::outside_paths_hash`] without `info`, once worked out: loading, lowering's
    /// record and the index beside the item cache each ask for it.
    outside_paths: std::sync::OnceLock<u64>,
    /// Where every value the pass found ends, by where it starts: the document's members and
    /// theirs, [`SPLIT_DEPTH`] levels deep (`paths`' items and their operations, each schema
    /// of `components`).
    ends: Vec<(usize, usize)>,
}

impl Spans {
    /// The spans of the members the pass found; `None` when a key repeats at either level,
    /// where serde_json keeps one place and the last value, and the text would say otherwise.
    fn of(text: &str, members: &[(Range<usize>, Node)]) -> Option<Spans> {
        let keyed = |members: &[(Range<usize>, Node)]| -> Option<Vec<(String, Range<usize>)>> {
            let keyed: Vec<(String, Range<usize>)> = members
                .iter()
                .map(|(key, value)| {
                    Some((
                        serde_json::from_str(&text[key.clone()]).ok()?,
                        value.range(),
                    ))
                })
                .collect::<Option<_>>()?;
            let distinct: std::collections::HashSet<&str> =
                keyed.iter().map(|(key, _)| key.as_str()).collect();
            (distinct.len() == keyed.len()).then_some(keyed)
        };
        let root = keyed(members)?;
        // Found by its key as read, which may be spelled with escapes (`"p\u0061ths"`).
        let paths_at = root.iter().position(|(key, _)| key == "paths");
        let paths = match paths_at.map(|at| &members[at].1) {
            Some(Node::Object { members, .. }) => keyed(members)?,
            _ => Vec::new(),
        };
        let mut ends = Vec::new();
        let mut pending: Vec<&[(Range<usize>, Node)]> = vec![members];
        while let Some(members) = pending.pop() {
            for (_, value) in members {
                ends.push((value.range().start, value.range().end));
                if let Node::Object { members, .. } = value {
                    pending.push(members);
                }
            }
        }
        Some(Spans {
            root,
            paths,
            paths_at,
            paths_hashes: Vec::new(),
            paths_split: Vec::new(),
            outside_paths: std::sync::OnceLock::new(),
            ends,
        })
    }

    /// Where the values the pass found end, by where they start, for passing over the ones
    /// that hold no warning when the warnings are placed.
    pub fn value_ends(&self) -> rustc_hash::FxHashMap<usize, usize> {
        self.ends.iter().copied().collect()
    }

    /// Hashes each of `paths`' members' text into [`Spans::paths_hashes`], on every core.
    pub fn hash_paths(&mut self, text: &str) {
        let runs: Vec<&[(String, Range<usize>)]> = self.paths.chunks(256).collect();
        let hashed = crate::worker::map_all(runs, |run| {
            run.iter()
                .map(|(_, range)| crate::cache_file::stable_hash(&text.as_bytes()[range.clone()]))
                .collect::<Vec<u64>>()
        });
        self.paths_hashes = hashed.concat();
    }

    /// The hash of the document's `text` outside `paths`, and outside `info` unless
    /// `with_info`: each other member's key and text, with their lengths (without them,
    /// `"a": 12, "b": …` wrote what `"a": 1, "2b": …` writes), in order. XXH3, as
    /// [`stable_hash`](crate::cache_file::stable_hash).
    /// `text` is the document's, whose members these spans are.
    pub fn outside_paths_hash(&self, text: &str, with_info: bool) -> u64 {
        match with_info {
            false => *self
                .outside_paths
                .get_or_init(|| self.hash_outside_paths(text, false)),
            true => self.hash_outside_paths(text, true),
        }
    }

    fn hash_outside_paths(&self, text: &str, with_info: bool) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let hashed = |key: &str| key != "paths" && (with_info || key != "info");
        for (key, range) in self.root.iter().filter(|(key, _)| hashed(key)) {
            hasher.update(&(key.len() as u64).to_le_bytes());
            hasher.update(key.as_bytes());
            hasher.update(&(range.len() as u64).to_le_bytes());
            hasher.update(&text.as_bytes()[range.clone()]);
        }
        hasher.digest()
    }
}

/// A value the pass went through: an object whose members it found, or anything else.
enum Node {
    Object {
        range: Range<usize>,
        members: Vec<(Range<usize>, Node)>,
    },
    Other(Range<usize>),
}

/// How a value is parsed: whole, or as a map of its members (each key's range, quotes and
/// all, and how its value is parsed).
enum Plan {
    Whole(Range<usize>),
    Map(Vec<(Range<usize>, Plan)>),
    /// Left unparsed: `null` in the tree.
    Skip,
}

impl Node {
    fn range(&self) -> Range<usize> {
        match self {
            Node::Object { range, .. } | Node::Other(range) => range.clone(),
        }
    }

    /// Cuts every object of at least `large` bytes into its members.
    fn plan(self, large: usize) -> Plan {
        match self {
            Node::Object { range, members } if range.len() >= large && !members.is_empty() => {
                Plan::Map(
                    members
                        .into_iter()
                        .map(|(key, value)| (key, value.plan(large)))
                        .collect(),
                )
            }
            node => Plan::Whole(node.range()),
        }
    }
}

impl Plan {
    /// Marks the members of `paths` that `skip` names as left unparsed, where `paths` is cut
    /// into its members and the member is parsed whole; which ones were, one flag for each of
    /// `spans.paths`. Notes which members are parsed in pieces (`Spans::paths_split`).
    fn skip_paths_members(
        &mut self,
        spans: &mut Spans,
        skip: impl FnOnce(&mut Spans) -> Vec<bool>,
    ) -> Vec<bool> {
        let Plan::Map(root) = self else {
            return Vec::new();
        };
        let Some((_, Plan::Map(members))) = spans.paths_at.and_then(|at| root.get_mut(at)) else {
            return Vec::new();
        };
        spans.paths_split = members
            .iter()
            .map(|(_, plan)| matches!(plan, Plan::Map(_)))
            .collect();
        let mut skipped = skip(spans);
        if skipped.len() != members.len() {
            return Vec::new();
        }
        for ((_, plan), skip) in members.iter_mut().zip(&mut skipped) {
            *skip &= matches!(plan, Plan::Whole(_));
            if *skip {
                *plan = Plan::Skip;
            }
        }
        skipped
    }

    fn collect_leaves(&self, leaves: &mut Vec<Range<usize>>) {
        match self {
            Plan::Whole(range) => leaves.push(range.clone()),
            Plan::Map(members) => members
                .iter()
                .for_each(|(_, value)| value.collect_leaves(leaves)),
            Plan::Skip => {}
        }
    }

    /// The value, taking the parsed leaves in the order [`Plan::collect_leaves`] gave them.
    fn assemble(
        self,
        text: &str,
        parsed: &mut impl Iterator<Item = Option<Value>>,
    ) -> Option<Value> {
        match self {
            Plan::Whole(_) => parsed.next()?,
            Plan::Skip => Some(Value::Null),
            Plan::Map(members) => {
                let mut map = Map::with_capacity(members.len());
                for (key, value) in members {
                    let key: String = serde_json::from_str(&text[key]).ok()?;
                    map.insert(key, value.assemble(text, parsed)?);
                }
                Some(Value::Object(map))
            }
        }
    }
}

/// Walks JSON text by its strings and brackets alone.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// The members of the object at the cursor, `depth` levels of objects deep, leaving the
    /// cursor after its `}`.
    fn object(&mut self, depth: usize) -> Option<Vec<(Range<usize>, Node)>> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        if self.eat(b'}').is_some() {
            return Some(members);
        }
        loop {
            self.skip_whitespace();
            let key_start = self.at;
            self.string()?;
            let key = key_start..self.at;
            self.eat(b':')?;
            self.skip_whitespace();
            members.push((key, self.value(depth - 1)?));
            if self.eat(b',').is_some() {
                continue;
            }
            self.eat(b'}')?;
            return Some(members);
        }
    }

    /// The value at the cursor, an object's members found `depth` levels deep.
    fn value(&mut self, depth: usize) -> Option<Node> {
        let start = self.at;
        if depth > 0 && self.bytes.get(self.at) == Some(&b'{') {
            let members = self.object(depth)?;
            return Some(Node::Object {
                range: start..self.at,
                members,
            });
        }
        self.skip_value()?;
        Some(Node::Other(start..self.at))
    }

    /// Moves past the string at the cursor, quotes included.
    fn string(&mut self) -> Option<()> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        loop {
            let found = memchr::memchr2(b'"', b'\\', &self.bytes[self.at..])?;
            self.at += found + 1;
            if self.bytes[self.at - 1] == b'"' {
                return Some(());
            }
            // An escape: the next byte is escaped, whatever it is.
            self.at += 1;
        }
    }

    /// Moves past the value at the cursor: a string, a bracketed value (brackets counted,
    /// strings skipped), or a scalar up to the next separator.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.string()?;
                    if depth == 0 {
                        return Some(());
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
                b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Some(()),
                _ => {}
            }
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document large enough to be split, with `paths` holding most of it.
    fn large_document(paths: usize) -> String {
        let items: Vec<String> = (0..paths)
            .map(|n| {
                format!(
                    r#""/items/{n}": {{"get": {{"summary": "item \"{n}\" \\ {{[", "responses": {{"200": {{"description": "ok", "x": [1, 2.5e3, -7, true, null, {{}}, []]}}}}}}}}"#
                )
            })
            .collect();
        format!(
            "{{\n  \"openapi\": \"3.0.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}},\n  \"paths\": {{{}}},\n  \"components\": {{\"schemas\": {{\"A\": {{\"type\": \"string\"}}}}}}, \"empty\": {{}}\n}}\n",
            items.join(",\n")
        )
    }

    #[test]
    fn a_large_document_parses_in_parts_into_what_serde_json_makes_of_it() {
        let text = large_document(20_000);
        assert!(text.len() >= PARALLEL_FROM);
        let whole: Value = serde_json::from_str(&text).unwrap();
        let (value, spans, _) = parse_in_parts(&text, |_| Vec::new()).unwrap();
        assert_eq!(value, whole);
        // Each member's text is what the tree holds under its key.
        let spans = spans.unwrap();
        for (key, range) in spans.root.iter().chain(&spans.paths) {
            let parsed: Value = serde_json::from_str(&text[range.clone()]).unwrap();
            let held = whole.get(key).or_else(|| whole["paths"].get(key)).unwrap();
            assert_eq!(&parsed, held, "{key}");
        }
        assert_eq!(spans.paths.len(), whole["paths"].as_object().unwrap().len());
    }

    #[test]
    fn repeated_keys_keep_their_first_place_and_last_value_as_in_serde_json() {
        let text = large_document(20_000).replacen(
            "\"/items/1\":",
            "\"/items/3\": 0, \"/items/1\": 1, \"/items/1\":",
            1,
        );
        let whole: Value = serde_json::from_str(&text).unwrap();
        let (value, spans, _) = parse_in_parts(&text, |_| Vec::new()).unwrap();
        assert_eq!(value, whole);
        assert!(spans.is_none(), "a repeated key has no one span");
    }

    #[test]
    fn paths_spelled_with_escapes_still_has_its_members_found() {
        let text = large_document(20_000).replacen("\"paths\"", "\"p\\u0061ths\"", 1);
        let (value, spans, _) = parse_in_parts(&text, |_| Vec::new()).unwrap();
        let members = value["paths"].as_object().unwrap().len();
        assert_eq!(spans.unwrap().paths.len(), members);
    }

    #[test]
    fn what_is_not_valid_json_is_left_to_serde_json() {
        let valid = large_document(20_000);
        for broken in [
            valid.replacen("\"ok\"", "\"o\nk\"", 1),
            valid.replacen("[1, ", "[1,, ", 1),
            valid
                .replacen("{\"get\"", "{\"get\" ", 1)
                .replacen("\"get\" ", "\"get\" :: ", 1),
            valid.replacen("}}}}", "}}]}", 1),
            format!("{valid} {{}}"),
            valid.replacen("\"summary\"", "summary", 1),
        ] {
            assert!(serde_json::from_str::<Value>(&broken).is_err());
            assert!(parse_in_parts(&broken, |_| Vec::new()).is_none());
        }
        assert!(
            parse_in_parts("{}", |_| Vec::new()).is_none(),
            "small documents are parsed whole"
        );
    }
}
