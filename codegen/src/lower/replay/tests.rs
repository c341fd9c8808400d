//! Replayed lowering against lowering from scratch, on real documents changed the ways spec
//! updates change them: every output must be the same, and the items that could be replayed
//! must have been.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{REPLAYED, STATE};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::load::{parse_document, parse_document_cached, parse_document_streamed};

/// The project's document and fidelity fixtures with many types and unions.
const DOCUMENTS: [&str; 4] = [
    "spec/resource-sharing.openapi.yaml",
    "tests/fixtures/fidelity/unions.yaml",
    "tests/fixtures/fidelity/composition.yaml",
    "tests/fixtures/fidelity/pagination.yaml",
];

fn raw(document: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join(document)).unwrap();
    parse_document(document.to_owned(), text).unwrap().raw
}

/// The config of every run here: records are kept only for the same config.
fn config(item_cache: Option<PathBuf>) -> Config {
    Config {
        crate_name: String::from("replayed"),
        item_cache,
        ..Config::default()
    }
}

/// How a document is read before it is lowered.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Read {
    /// Whole, path items and all.
    Whole,
    /// Path items read as lowering takes them.
    Streamed,
    /// As `generate` reads a document past 1 MB: parsed in parts, path items read as lowering
    /// takes them, and those whose text the index beside the item cache holds left unparsed.
    /// The document is padded past 1 MB inside `paths`, with an extension no one reads.
    Padded,
}

const READS: [Read; 3] = [Read::Whole, Read::Streamed, Read::Padded];

/// The document `raw` as `read` parses it.
fn parse(
    raw: &Value,
    item_cache: Option<&Path>,
    read: Read,
) -> Result<crate::load::Document, crate::error::Error> {
    let file = String::from("spec.json");
    match read {
        Read::Whole => parse_document(file, serde_json::to_string_pretty(raw).unwrap()),
        Read::Streamed => parse_document_streamed(file, serde_json::to_string_pretty(raw).unwrap()),
        Read::Padded => {
            let mut padded = raw.clone();
            if let Some(paths) = padded["paths"].as_object_mut() {
                paths.insert(String::from("x-padding"), json!("p".repeat(1 << 20)));
            }
            let text = serde_json::to_string_pretty(&padded).unwrap();
            let document = parse_document_cached(file, text, item_cache)?;
            assert!(
                document.spans.is_some(),
                "a padded document is parsed in parts"
            );
            Ok(document)
        }
    }
}

/// What lowering `raw` gives: the API as JSON and the hash of the state after the path items,
/// its warnings, and how many path items were replayed.
fn lower(
    raw: &Value,
    item_cache: Option<&Path>,
    read: Read,
) -> ((Value, u64), Vec<Diagnostic>, usize) {
    let document = parse(raw, item_cache, read).unwrap();
    let left_unparsed = document.left_unparsed();
    let config = config(item_cache.map(Path::to_path_buf));
    REPLAYED.set(None);
    let (api, diagnostics) = super::super::lower_owned(document, &config).unwrap();
    let replayed = REPLAYED.take().unwrap_or(0);
    let state = STATE.take().unwrap();
    // An item replayed had the text it had when the index beside the record was written.
    assert!(
        read != Read::Padded || left_unparsed >= replayed,
        "{left_unparsed} path items left unparsed, {replayed} replayed"
    );
    (
        (serde_json::to_value(&api).unwrap(), state),
        diagnostics,
        replayed,
    )
}

/// Lowers `before` with a record at `cache`, then `after` with it, checks `after` against
/// lowering it from scratch, and returns how many of its path items were replayed.
fn replayed_after(before: &Value, after: &Value, read: Read) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let cache: PathBuf = dir.path().join("run.items");
    lower(before, Some(&cache), read);
    let (api, diagnostics, replayed) = lower(after, Some(&cache), read);
    let (fresh, fresh_diagnostics, _) = lower(after, None, read);
    assert!(
        api.0 == fresh.0,
        "a replayed lowering's API differs from one from scratch"
    );
    assert_eq!(api.1, fresh.1, "a replayed lowering left another state");
    assert_eq!(diagnostics, fresh_diagnostics);
    replayed
}

fn items(raw: &mut Value) -> &mut serde_json::Map<String, Value> {
    raw["paths"].as_object_mut().unwrap()
}

fn first_operation(raw: &mut Value) -> &mut Value {
    let item = items(raw).values_mut().next().unwrap();
    let verb = ["get", "post", "put", "patch", "delete"]
        .into_iter()
        .find(|verb| item.get(verb).is_some())
        .unwrap();
    &mut item[verb]
}

/// Adds a query parameter with `schema` to the first operation.
fn add_query_parameter(raw: &mut Value, schema: Value) {
    let operation = first_operation(raw).as_object_mut().unwrap();
    let parameters = operation.entry("parameters").or_insert(json!([]));
    let parameter = json!({ "name": "added", "in": "query", "schema": schema });
    parameters.as_array_mut().unwrap().push(parameter);
}

/// Each document in both readings, changed by `change`: the replayed count `expect` gives for
/// the number of path items must be what was replayed.
fn check(change: impl Fn(&mut Value), expect: impl Fn(usize) -> usize) {
    for document in DOCUMENTS {
        let before = raw(document);
        let mut after = before.clone();
        change(&mut after);
        let count = after["paths"].as_object().unwrap().len();
        for read in READS {
            let replayed = replayed_after(&before, &after, read);
            assert_eq!(replayed, expect(count), "{document}, {read:?}");
        }
    }
}

#[test]
fn an_unchanged_document_replays_every_path_item() {
    check(|_| {}, |count| count);
}

#[test]
fn a_new_scalar_parameter_replays_every_other_path_item() {
    let change = |raw: &mut Value| add_query_parameter(raw, json!({ "type": "string" }));
    check(change, |count| count - 1);
}

#[test]
fn a_change_in_the_last_path_item_is_lowered_onto_the_replayed_state() {
    let change = |raw: &mut Value| {
        let item = items(raw).values_mut().last().unwrap();
        let verb = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .find(|verb| item.get(verb).is_some())
            .unwrap();
        let operation = item[verb].as_object_mut().unwrap();
        operation.insert(String::from("summary"), json!("Changed last."));
    };
    check(change, |count| count - 1);
}

#[test]
fn a_new_type_in_the_first_path_item_lowers_the_rest_again() {
    // The first item now declares an enum of its own, so every later type may be numbered or
    // named otherwise: nothing after it can be replayed.
    let change = |raw: &mut Value| {
        let schema = json!({ "type": "string", "enum": ["replay_one", "replay_two"] });
        add_query_parameter(raw, schema);
    };
    check(change, |_| 0);
}

#[test]
fn new_removed_and_moved_path_items_keep_the_output_right() {
    for document in DOCUMENTS {
        let before = raw(document);
        let mut added = before.clone();
        let mut paths: Vec<(String, Value)> = items(&mut added).clone().into_iter().collect();
        paths.insert(
            0,
            (
                String::from("/replay-added"),
                json!({ "get": { "responses": { "204": { "description": "none" } } } }),
            ),
        );
        *items(&mut added) = paths.iter().cloned().collect();
        let mut removed = before.clone();
        let first = items(&mut removed).keys().next().unwrap().clone();
        items(&mut removed).shift_remove(&first);
        let mut moved = before.clone();
        let mut reversed = paths[1..].to_vec();
        reversed.reverse();
        *items(&mut moved) = reversed.into_iter().collect();
        for after in [&added, &removed, &moved] {
            for read in READS {
                replayed_after(&before, after, read);
            }
        }
        // A new item that adds nothing to the state keeps every other replayable.
        let count = paths.len() - 1;
        for read in [Read::Streamed, Read::Padded] {
            assert_eq!(replayed_after(&before, &added, read), count, "{document}");
        }
    }
}

#[test]
fn a_change_outside_paths_or_a_damaged_record_replays_nothing() {
    for document in DOCUMENTS {
        let before = raw(document);
        let mut after = before.clone();
        after["servers"] = json!([{ "url": "https://elsewhere.example" }]);
        for read in [Read::Streamed, Read::Padded] {
            assert_eq!(replayed_after(&before, &after, read), 0, "{document}");
        }

        for read in [Read::Streamed, Read::Padded] {
            let dir = tempfile::tempdir().unwrap();
            let cache = dir.path().join("run.items");
            lower(&before, Some(&cache), read);
            let index = crate::cache_file::paths_index(&cache);
            // Only a document parsed in parts has its path items indexed.
            assert_eq!(index.exists(), read == Read::Padded);
            let record = crate::cache_file::lowering_record(&cache);
            for damaged in [record, index].into_iter().filter(|file| file.exists()) {
                let mut bytes = std::fs::read(&damaged).unwrap();
                let middle = bytes.len() / 2;
                bytes[middle] ^= 1;
                std::fs::write(&damaged, bytes).unwrap();
            }
            let (api, _, replayed) = lower(&before, Some(&cache), read);
            assert_eq!(replayed, 0);
            assert!(api == lower(&before, None, read).0);
        }
    }
}

#[test]
fn a_malformed_member_of_paths_that_is_no_path_item_is_refused_after_a_replay() {
    // Found by the fuzzer: every path item replayed, nothing read the member beside them.
    let before = raw(DOCUMENTS[0]);
    let mut after = before.clone();
    let parameter = json!({ "schema": { "properties": { "broken": [] } } });
    items(&mut after).insert(String::from("get"), json!({ "parameters": [parameter] }));
    for read in [Read::Streamed, Read::Padded] {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("run.items");
        lower(&before, Some(&cache), read);
        let lowered = |item_cache: Option<PathBuf>| {
            let document = parse(&after, item_cache.as_deref(), read);
            let config = config(item_cache);
            document.and_then(|document| super::super::lower_owned(document, &config))
        };
        let fresh = lowered(None).map(|_| ()).unwrap_err();
        let replayed = lowered(Some(cache)).map(|_| ()).unwrap_err();
        assert_eq!(replayed.to_string(), fresh.to_string());
    }
}

#[test]
fn a_replayed_warning_names_no_line_that_moved() {
    // Found by the fuzzer: a warning quoting a resolver error said where the target schema was,
    // by line, and the replayed one kept the line from before a change moved it.
    let mut before = raw(DOCUMENTS[0]);
    let schemas = before["components"]["schemas"].as_object_mut().unwrap();
    schemas.insert(
        String::from("LoopA"),
        json!({ "$ref": "#/components/schemas/LoopB" }),
    );
    schemas.insert(
        String::from("LoopB"),
        json!({ "$ref": "#/components/schemas/LoopA" }),
    );
    let schema = json!({ "$ref": "#/components/schemas/LoopA" });
    let response =
        json!({ "description": "x", "content": { "application/json": { "schema": schema } } });
    items(&mut before).insert(
        String::from("/loop"),
        json!({ "get": { "responses": { "200": response } } }),
    );
    let mut after = before.clone();
    add_query_parameter(&mut after, json!({ "type": "string" }));
    let count = after["paths"].as_object().unwrap().len();
    for read in [Read::Streamed, Read::Padded] {
        assert_eq!(replayed_after(&before, &after, read), count - 1);
    }
}

/// What lowering `raw` makes, or the error it stops with, as text.
fn outcome(raw: &Value, item_cache: Option<&Path>, read: Read) -> String {
    let config = config(item_cache.map(Path::to_path_buf));
    let lowered = parse(raw, item_cache, read)
        .and_then(|document| super::super::lower_owned(document, &config));
    match lowered {
        Ok((api, diagnostics)) => {
            format!("{} {diagnostics:?}", serde_json::to_string(&api).unwrap())
        }
        Err(error) => format!("error: {error}"),
    }
}

/// Lowers `before` with a record, then asserts that `after` lowers with it as without it.
fn assert_replay_agrees(before: &Value, after: &Value) {
    for read in READS {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("run.items");
        outcome(before, Some(&cache), read);
        let replayed = outcome(after, Some(&cache), read);
        assert_eq!(replayed, outcome(after, None, read), "{read:?}");
    }
}

/// A document of one path item `/a` whose query parameter has `schema`.
fn with_parameter_schema(schema: Value) -> Value {
    let operation = json!({
        "parameters": [{ "name": "q", "in": "query", "schema": schema }],
        "responses": { "204": { "description": "none" } }
    });
    json!({
        "openapi": "3.0.3",
        "info": { "title": "t", "version": "1" },
        "paths": { "/a": { "get": operation } }
    })
}

#[test]
fn numbers_of_every_kind_hash_apart() {
    // Found by a review: a float, a negative and a large integer hashed alike by their bits,
    // so a changed item was replayed, and one that no longer reads was not read.
    let changed = [
        (json!(1.5), json!(4_609_434_218_613_702_656_u64)),
        (json!(-1), json!(u64::MAX)),
        (json!(i64::MIN), json!(9_223_372_036_854_775_808_u64)),
    ];
    for (before, after) in changed {
        let schema = |maximum| json!({ "type": "number", "maximum": maximum });
        assert_replay_agrees(
            &with_parameter_schema(schema(before)),
            &with_parameter_schema(schema(after)),
        );
    }
    assert_replay_agrees(
        &with_parameter_schema(json!({ "type": "string", "minLength": u64::MAX })),
        &with_parameter_schema(json!({ "type": "string", "minLength": -1 })),
    );
}

#[test]
fn a_ref_into_paths_however_spelled_keeps_the_record_unused() {
    // Found by a review: the resolver percent-decodes, so `#/%70aths/...` lands in `/b`.
    let document = |properties: Value| {
        let content = |schema| json!({ "application/json": { "schema": schema } });
        let get = |schema| json!({ "get": { "responses": { "200": { "description": "ok", "content": content(schema) } } } });
        let into_b =
            json!({ "$ref": "#/%70aths/~1b/get/responses/200/content/application~1json/schema" });
        json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": "1" },
            "paths": { "/a": get(into_b), "/b": get(json!({ "type": "object", "properties": properties })) }
        })
    };
    let before = document(json!({ "x": { "type": "string" } }));
    let after = document(json!({ "x": { "type": "string" }, "y": { "type": "integer" } }));
    assert_replay_agrees(&before, &after);
}

/// Numbers below each `n` asked for, drawn from `seed` (xorshift): the same every run.
fn draws(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    }
}

#[test]
fn chained_edits_of_path_items_lower_as_from_scratch() {
    // Items dropped, moved, copied under new paths and swapped, each run over the record the
    // run before left (a review's test, shortened).
    let mut next = draws(0x9E37_79B9_7F4A_7C15);
    for document in DOCUMENTS {
        let original = raw(document);
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("run.items");
        let mut current = original.clone();
        for round in 0..12 {
            let read = READS[next(READS.len())];
            let start = if next(4) == 0 { &original } else { &current };
            let mut paths: Vec<(String, Value)> = start["paths"]
                .as_object()
                .unwrap()
                .clone()
                .into_iter()
                .collect();
            for _ in 0..1 + next(3) {
                let len = paths.len();
                match next(4) {
                    0 if len > 1 => {
                        paths.remove(next(len));
                    }
                    1 => {
                        let item = paths.remove(next(len));
                        paths.insert(next(len), item);
                    }
                    2 => {
                        let (key, value) = paths[next(len)].clone();
                        paths.insert(next(len + 1), (format!("{key}/copy{round}"), value));
                    }
                    _ => {
                        let (a, b) = (next(len), next(len));
                        let value = paths[a].1.clone();
                        paths[a].1 = std::mem::replace(&mut paths[b].1, value);
                    }
                }
            }
            let mut after = start.clone();
            after["paths"] = Value::Object(paths.into_iter().collect());
            let replayed = outcome(&after, Some(&cache), read);
            assert_eq!(
                replayed,
                outcome(&after, None, read),
                "{document} round {round}"
            );
            current = after;
        }
    }
}

#[test]
fn a_record_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("run.items");
    let before = raw(DOCUMENTS[1]);
    lower(&before, Some(&cache), Read::Streamed);
    let record = crate::cache_file::lowering_record(&cache);
    assert_eq!(record.file_name().unwrap(), "run.items.lowering");
    let bytes = std::fs::read(&record).unwrap();
    let body = crate::cache_file::checked_body(&bytes, super::MAGIC).unwrap();
    let (header, _) = postcard::take_from_bytes::<super::Header>(body).unwrap();
    let read = super::read(super::start_read(record.clone()), header.context).unwrap();
    let read = read.items().unwrap();
    let count = before["paths"].as_object().unwrap().len();
    assert_eq!(read.len(), count);
    let paths: Vec<&str> = read.iter().map(|item| item.path.as_str()).collect();
    let written: Vec<&str> = before["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(paths, written);
    assert!(super::read(super::start_read(record), header.context ^ 1).is_none());
}

#[test]
fn a_large_document_hashes_its_items_by_text_and_replays_the_same() {
    // Past 1 MB, JSON is parsed in parts and the items are hashed by their text.
    let mut large = raw(DOCUMENTS[0]);
    let originals: Vec<(String, Value)> = items(&mut large).clone().into_iter().collect();
    let mut copy = 0;
    while serde_json::to_string_pretty(&large).unwrap().len() < 1 << 20 {
        for (path, item) in &originals {
            items(&mut large).insert(format!("/copy{copy}{path}"), item.clone());
        }
        copy += 1;
    }
    let text = serde_json::to_string_pretty(&large).unwrap();
    assert!(parse_document_streamed(String::from("spec.json"), text)
        .unwrap()
        .spans
        .is_some());
    let count = large["paths"].as_object().unwrap().len();
    let mut changed = large.clone();
    add_query_parameter(&mut changed, json!({ "type": "string" }));
    for read in READS {
        assert_eq!(replayed_after(&large, &large, read), count);
        assert_eq!(replayed_after(&large, &changed, read), count - 1);
    }
    assert_replay_agrees(&large, &changed);
}

#[test]
fn members_hashed_by_text_keep_their_bounds() {
    // Found by a review: the context wrote each member's key and text with nothing between a
    // text and the next key, so these two documents, whose `S` differs, hashed alike and the
    // second replayed the first's `/s`. Both are padded past 1 MB to be hashed by text.
    let document = |n: &str, first: &str, m: &str, second: &str| {
        let pad = "p".repeat(1 << 20);
        let reference = r##"{"$ref": "#/components/schemas/S"}"##;
        let content = format!(r#"{{"application/json": {{"schema": {reference}}}}}"#);
        let get =
            format!(r#"{{"responses": {{"200": {{"description": "ok", "content": {content}}}}}}}"#);
        let schemas = |ty: &str| format!(r#"{{"schemas": {{"S": {{"type": "{ty}"}}}}}}"#);
        let (integer, string) = (schemas("integer"), schemas("string"));
        format!(
            r#"{{"openapi": "3.0.0", "info": {{"title": "t", "version": "1"}}, "x-pad": "{pad}",
            "x-n": {n}, "{first}": {integer}, "x-m": {m}, "{second}": {string},
            "paths": {{"/s": {{"get": {get}}}}}}}"#
        )
    };
    let before: Value =
        serde_json::from_str(&document("1", "2components", "34", "components")).unwrap();
    let after: Value =
        serde_json::from_str(&document("12", "components", "3", "4components")).unwrap();
    assert_ne!(before["components"], after["components"]);
    assert_replay_agrees(&before, &after);
}

#[test]
fn path_items_left_unparsed_are_read_where_an_error_needs_them() {
    // Each `after` fails, and must fail alike whatever was left unparsed: a schema that an
    // unchanged item refers to is gone (the error names where the item writes the `$ref`), or
    // a changed item does not read (the error comes from reading the document whole).
    let before = raw(DOCUMENTS[0]);
    let text = serde_json::to_string(&before["paths"]).unwrap();
    let schemas = before["components"]["schemas"].as_object().unwrap();
    let referred = schemas
        .keys()
        .find(|name| text.contains(&format!("\"#/components/schemas/{name}\"")))
        .unwrap();
    let mut gone = before.clone();
    gone["components"]["schemas"]
        .as_object_mut()
        .unwrap()
        .shift_remove(referred);
    let mut unreadable = before.clone();
    first_operation(&mut unreadable)["parameters"] = json!([{ "name": 1, "in": "query" }]);
    for after in [&gone, &unreadable] {
        assert!(outcome(after, None, Read::Whole).starts_with("error"));
        assert_replay_agrees(&before, after);
    }
}

#[test]
fn a_path_item_left_unparsed_but_lowered_is_read_from_its_text() {
    // The first item now declares a type, so `/b` is lowered, not replayed, though its text
    // is unchanged and was left unparsed: what lowering reads from the raw tree (a written
    // `explode: false`, an inline schema's docs) must come from its text.
    let document = |a_schema: Value| {
        let multipart = json!({
            "schema": {
                "type": "object",
                "description": "The upload, described.",
                "properties": { "tags": { "type": "array", "items": { "type": "string" } } }
            },
            "encoding": { "tags": { "style": "form", "explode": false } }
        });
        json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": "1" },
            "paths": {
                "/a": { "get": {
                    "parameters": [{ "name": "q", "in": "query", "schema": a_schema }],
                    "responses": { "204": { "description": "none" } }
                } },
                "/b": { "post": {
                    "requestBody": { "content": { "multipart/form-data": multipart } },
                    "responses": { "204": { "description": "none" } }
                } }
            }
        })
    };
    let before = document(json!({ "type": "string" }));
    let after = document(json!({ "type": "string", "enum": ["one", "two"] }));
    assert!(outcome(&after, None, Read::Whole).contains("The upload, described."));
    assert_replay_agrees(&before, &after);
}

#[test]
fn a_chunk_that_does_not_decode_ends_the_replay_there() {
    // A record that is whole but whose last chunk does not decode (only a bug or a forged
    // record makes one): the items of the chunks before it are replayed, the rest lowered.
    let before = raw(DOCUMENTS[0]);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("run.items");
    lower(&before, Some(&cache), Read::Streamed);
    let record = crate::cache_file::lowering_record(&cache);
    let bytes = std::fs::read(&record).unwrap();
    let body = crate::cache_file::checked_body(&bytes, super::MAGIC).unwrap();
    let (header, mut rest) = postcard::take_from_bytes::<super::Header>(body).unwrap();
    let mut chunks = Vec::new();
    for &len in &header.chunks {
        let (chunk, after) = rest.split_at(len);
        chunks.push(chunk.to_vec());
        rest = after;
    }
    assert!(chunks.len() > 1, "the document's record has several chunks");
    let kept: usize = chunks[..chunks.len() - 1]
        .iter()
        .map(|chunk| {
            postcard::from_bytes::<Vec<super::RecordedItem>>(chunk)
                .unwrap()
                .len()
        })
        .sum();
    chunks.last_mut().unwrap().fill(0xFF);
    let header = postcard::to_stdvec(&header).unwrap();
    let body: Vec<&[u8]> = std::iter::once(&header)
        .chain(&chunks)
        .map(Vec::as_slice)
        .collect();
    crate::cache_file::store_checked(&record, super::MAGIC, &body);
    let (api, diagnostics, replayed) = lower(&before, Some(&cache), Read::Streamed);
    assert_eq!(replayed, kept);
    let (fresh, fresh_diagnostics, _) = lower(&before, None, Read::Streamed);
    assert!(api == fresh);
    assert_eq!(diagnostics, fresh_diagnostics);
}

#[test]
fn a_large_path_item_parsed_in_pieces_is_not_vouched_for_by_the_index() {
    // Found by a review: past 1 MB an item of a sixteenth of the text is parsed member by
    // member, and serde_json counts its 128 levels of nesting from each piece, so the item
    // parsed so though its text alone does not. Left unparsed, then read from its text after
    // a change outside `paths`, it failed where a run without the index did not.
    let document = |title: &str| {
        let mut deep = json!([]);
        for _ in 0..125 {
            deep = json!([deep]);
        }
        let get = json!({
            "description": "d".repeat(100_000),
            "x-deep": deep,
            "responses": { "204": { "description": "none" } }
        });
        json!({
            "openapi": "3.0.3",
            "info": { "title": title, "version": "1" },
            "paths": { "/a": { "get": get } }
        })
    };
    let (before, after) = (document("t"), document("changed"));
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("run.items");
    let first = outcome(&before, Some(&cache), Read::Padded);
    assert!(!first.starts_with("error"), "{first}");
    assert!(crate::cache_file::paths_index(&cache).exists());
    let with_index = outcome(&after, Some(&cache), Read::Padded);
    assert!(with_index == outcome(&after, None, Read::Padded));
}

#[test]
fn a_ref_into_paths_parses_every_item_and_rewrites_no_index_when_nothing_changed() {
    // Found by a review: every run left the items unparsed, parsed them all again one by one
    // for the resolver, and rewrote the index.
    use std::os::unix::fs::MetadataExt;
    let content = |schema| json!({ "application/json": { "schema": schema } });
    let get = |schema| json!({ "get": { "responses": { "200": { "description": "ok", "content": content(schema) } } } });
    let into_b =
        json!({ "$ref": "#/paths/~1b/get/responses/200/content/application~1json/schema" });
    let document = json!({
        "openapi": "3.0.3",
        "info": { "title": "t", "version": "1" },
        "paths": { "/a": get(into_b), "/b": get(json!({ "type": "string" })) }
    });
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("run.items");
    let first = outcome(&document, Some(&cache), Read::Padded);
    let index = crate::cache_file::paths_index(&cache);
    let written = std::fs::metadata(&index).unwrap().ino();
    let padded = parse(&document, Some(&cache), Read::Padded).unwrap();
    assert_eq!(
        padded.skipped_at_load(),
        0,
        "the index says to parse every item"
    );
    assert_eq!(outcome(&document, Some(&cache), Read::Padded), first);
    assert_eq!(
        std::fs::metadata(&index).unwrap().ino(),
        written,
        "index written again"
    );
}

#[test]
fn components_the_index_vouches_for_are_read_where_lowering_asks() {
    // After a change to a path item alone, `components` is as the run that wrote the index
    // read it: only the members the changed item reaches are read at load, and the output is
    // a cold run's. After a change to
    // `components`, every member is read at load, so one that does not read is refused as a
    // cold run refuses it, though no operation refers to it.
    for document in DOCUMENTS {
        let before = raw(document);
        let mut path_item = before.clone();
        add_query_parameter(&mut path_item, json!({ "type": "string" }));
        let mut added = before.clone();
        added["components"]["schemas"]["Added"] = json!({ "type": "string" });
        let mut malformed = before.clone();
        malformed["components"]["schemas"]["Added"] = json!({ "type": 7 });
        let mut version = path_item.clone();
        version["servers"] = json!([{ "url": "https://elsewhere.example" }]);
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("run.items");
        lower(&before, Some(&cache), Read::Padded);
        let read_at_load = |after: &Value| {
            let document = parse(after, Some(&cache), Read::Padded).unwrap();
            document.components.read_count()
        };
        // Only the members the changed item reaches are read ahead; a change to `components`
        // reads every member, one more than before (`Added`).
        let (unchanged, reached, every) = (
            read_at_load(&before),
            read_at_load(&path_item),
            read_at_load(&added),
        );
        assert_eq!(unchanged, 0, "{document}");
        assert!(reached < every, "{document}");
        // After a change elsewhere outside `paths` (and `info`) nothing replays, and every
        // member is read.
        assert_eq!(read_at_load(&version), every - 1, "{document}");
        assert!(replayed_after(&before, &version, Read::Padded) == 0);
        assert!(replayed_after(&before, &path_item, Read::Padded) > 0);
        assert!(outcome(&malformed, None, Read::Padded).starts_with("error"));
        assert_replay_agrees(&before, &malformed);
    }
}

#[test]
fn no_effects_are_written_as_the_walk_recognises_them() {
    let effects = super::EffectsRef {
        declared: &[],
        names: Vec::new(),
        by_pointer: Vec::new(),
        enums: Vec::new(),
        warnings: Vec::new(),
    };
    assert_eq!(postcard::to_stdvec(&effects).unwrap(), super::NO_EFFECTS);
}

#[test]
fn a_version_bump_keeps_the_record_unless_a_ref_reads_info() {
    // Lowering the path items reads nothing of `info`: after a new version and title and a
    // changed first item, every other item replays, and the client's info is the new one.
    check(
        |raw| {
            raw["info"]["version"] = json!("2099-01-01");
            raw["info"]["title"] = json!("Renamed");
            add_query_parameter(raw, json!({ "type": "string" }));
        },
        |count| count - 1,
    );
    // A schema whose `$ref` lands in `info` makes `info` part of what the record is for.
    let mut before = with_parameter_schema(json!({ "$ref": "#/info/x-schema" }));
    before["info"]["x-schema"] = json!({ "type": "string" });
    let mut after = before.clone();
    after["info"]["x-schema"] = json!({ "type": "integer" });
    for read in [Read::Streamed, Read::Padded] {
        assert_eq!(replayed_after(&before, &after, read), 0, "{read:?}");
    }
    assert_replay_agrees(&before, &after);
}

#[test]
fn a_ref_into_info_however_spelled_keeps_info_in_the_context() {
    for reference in [
        "#/%69nfo/x-schema",
        "#/inf%6F/x-schema",
        "#%2Finfo%2Fx-schema",
        "#/info%2Fx-schema",
    ] {
        let mut before = with_parameter_schema(json!({ "$ref": reference }));
        before["info"]["x-schema"] = json!({ "type": "string", "description": "one" });
        let mut after = before.clone();
        after["info"]["x-schema"] = json!({ "type": "integer", "description": "two" });
        for read in [Read::Streamed, Read::Padded] {
            assert_eq!(
                replayed_after(&before, &after, read),
                0,
                "{reference} {read:?}"
            );
        }
        assert_replay_agrees(&before, &after);
    }
}

#[test]
fn replayed_warnings_are_placed_where_they_are_after_info_grows() {
    // Two items that warn (a malformed template, a schema of no known shape), replayed after
    // `info` grew by 40 lines: their warnings name the lines they are on now.
    let mut before = with_parameter_schema(json!({ "type": "string" }));
    items(&mut before).insert(
        String::from("/b/{"),
        json!({ "get": { "responses": { "204": { "description": "none" } } } }),
    );
    items(&mut before).insert(
        String::from("/c"),
        json!({ "get": {
            "parameters": [{ "name": "c", "in": "query", "schema": { "$ref": "#/x-shape" } }],
            "responses": { "204": { "description": "none" } } } }),
    );
    before["x-shape"] = json!({ "type": 7 });
    let mut after = before.clone();
    after["info"]["x-lines"] = json!((0..40).collect::<Vec<u32>>());
    after["info"]["version"] = json!("2");
    for read in [Read::Streamed, Read::Padded] {
        let (_, before_diagnostics, _) = lower(&before, None, read);
        assert!(!before_diagnostics.is_empty());
        // `replayed_after` checks the diagnostics against a run from scratch.
        assert_eq!(replayed_after(&before, &after, read), 3, "{read:?}");
        let (_, after_diagnostics, _) = lower(&after, None, read);
        assert_ne!(before_diagnostics, after_diagnostics, "the lines moved");
    }
}

#[test]
fn effects_hash_alike_streamed_and_written_whole() {
    // Short and long inputs take different paths through XXH3; the record compares a lowered
    // item's streamed hash with the hash of the bytes it wrote.
    for count in [0, 1, 3, 10_000] {
        let names: Vec<String> = (0..count).map(|n| format!("Name{n}")).collect();
        let warnings: Vec<(String, String)> = (0..count / 2)
            .map(|n| (format!("#/paths/~1a{n}"), "a warning".repeat(n % 7)))
            .collect();
        let effects = super::EffectsRef {
            declared: &[],
            names: names.iter().collect(),
            by_pointer: Vec::new(),
            enums: Vec::new(),
            warnings: warnings.iter().collect(),
        };
        let written = postcard::to_stdvec(&effects).unwrap();
        assert_eq!(
            super::hash_of(&effects),
            Some(crate::cache_file::stable_hash(&written)),
            "{count}"
        );
    }
}

/// A document whose first path item reaches a component with a closure of its own through one
/// `$ref` at the top level of its response.
fn with_a_component_closure() -> Value {
    let object = |properties: Value| json!({ "type": "object", "properties": properties });
    let reply = |schema: &str| {
        let content = json!({ "application/json": { "schema": { "$ref": schema } } });
        json!({ "200": { "description": "ok", "content": content } })
    };
    let expand = json!({ "name": "expand", "in": "query",
        "schema": { "type": "array", "items": { "type": "string" } } });
    json!({
        "openapi": "3.0.0",
        "info": { "title": "t", "version": "1" },
        "paths": {
            "/accounts": { "get": { "operationId": "getAccount", "parameters": [expand],
                "responses": reply("#/components/schemas/Account") } },
            "/people": { "get": { "operationId": "getPerson",
                "responses": reply("#/components/schemas/Person") } },
        },
        "components": { "schemas": {
            "Account": object(json!({
                "id": { "type": "string" },
                "owner": { "$ref": "#/components/schemas/Person" },
                "settings": object(json!({ "mode": { "type": "string", "enum": ["a", "b"] } })),
                "status": { "type": "string", "enum": ["on", "off"] },
            })),
            "Person": object(json!({
                "name": { "type": "string" },
                "address": object(json!({ "city": { "type": "string" } })),
            })),
        } },
    })
}

/// [`replayed_after`], and how many `$ref`s were replayed inside changed items.
fn references_replayed_after(before: &Value, after: &Value, read: Read) -> (usize, usize) {
    super::references::REPLAYED_REFERENCES.set(0);
    let replayed = replayed_after(before, after, read);
    // `replayed_after` lowers `after` from scratch last, which replays nothing.
    (replayed, super::references::REPLAYED_REFERENCES.get())
}

#[test]
fn a_changed_item_replays_a_component_ref_met_after_what_it_appended_before() {
    let before = with_a_component_closure();
    let mut scalar = before.clone();
    add_query_parameter(&mut scalar, json!({ "type": "string" }));
    let mut described = before.clone();
    first_operation(&mut described)["description"] = json!("Changed.");
    for read in READS {
        // `Account` and what it reaches are appended from the record; `/people` is replayed.
        assert_eq!(
            references_replayed_after(&before, &scalar, read),
            (1, 1),
            "{read:?}"
        );
        assert_eq!(references_replayed_after(&before, &described, read), (1, 1));
    }
    // A body and a response, each through a `$ref`: the second is replayed after the first.
    let mut two = with_a_component_closure();
    let schemas = two["components"]["schemas"].as_object_mut().unwrap();
    let tone = json!({ "type": "string", "enum": ["warm", "cold"] });
    let labels = json!({ "type": "object", "properties": { "tone": tone } });
    let draft = json!({ "type": "object",
        "properties": { "title": { "type": "string" }, "labels": labels } });
    schemas.insert(String::from("Draft"), draft);
    let content =
        json!({ "application/json": { "schema": { "$ref": "#/components/schemas/Draft" } } });
    first_operation(&mut two)["requestBody"] = json!({ "content": content });
    let mut changed = two.clone();
    add_query_parameter(&mut changed, json!({ "type": "boolean" }));
    for read in READS {
        assert_eq!(
            references_replayed_after(&two, &changed, read),
            (1, 2),
            "{read:?}"
        );
    }
}

#[test]
fn a_component_ref_met_after_other_appends_is_lowered_again() {
    // A new enum before the response: the state at `Account` is not the recorded one.
    let before = with_a_component_closure();
    let mut after = before.clone();
    add_query_parameter(&mut after, json!({ "type": "string", "enum": ["x", "y"] }));
    for read in READS {
        assert_eq!(
            references_replayed_after(&before, &after, read),
            (0, 0),
            "{read:?}"
        );
    }
    // Every document, changed ahead of its responses' `$ref`s or not, lowers as from scratch.
    for document in DOCUMENTS {
        let before = raw(document);
        let mut after = before.clone();
        add_query_parameter(&mut after, json!({ "type": "integer" }));
        for read in READS {
            references_replayed_after(&before, &after, read);
        }
    }
}

/// Every `$ref` to a schema of `components` that `value` writes, once each.
fn schema_references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let reference = member
                    .as_str()
                    .filter(|text| key == "$ref" && text.starts_with("#/components/schemas/"));
                if let Some(reference) =
                    reference.filter(|text| !found.iter().any(|seen| seen == text))
                {
                    found.push(reference.to_owned());
                }
                schema_references(member, found);
            }
        }
        Value::Array(elements) => elements
            .iter()
            .for_each(|element| schema_references(element, found)),
        _ => {}
    }
}

/// A schema around `reference`, or none, of one of the shapes an edit writes.
fn shaped(reference: &str, shape: usize) -> Value {
    match shape {
        0 => json!({ "$ref": reference }),
        1 => json!({ "type": "array", "items": { "$ref": reference } }),
        2 => json!({ "type": "string" }),
        3 => json!({ "type": "string", "enum": [format!("v{shape}"), "w"] }),
        4 => json!({ "type": "object", "properties": { "inner": { "$ref": reference } } }),
        5 => json!({ "allOf": [{ "$ref": reference }] }),
        _ => json!({ "oneOf": [{ "$ref": reference }, { "type": "string" }] }),
    }
}

#[test]
fn edits_around_component_refs_inside_items_lower_as_from_scratch() {
    // Parameters, bodies and responses set to `$ref`s the document writes, in every shape,
    // removed or redescribed, each run over the record the run before left (a review's test,
    // shortened): the `$ref`s met at an item's top level are replayed where they can be.
    let mut next = draws(0x1234_5678_9ABC_DEF1);
    let mut documents: Vec<Value> = DOCUMENTS.iter().map(|document| raw(document)).collect();
    documents.push(with_a_component_closure());
    let mut replayed = 0;
    for original in documents {
        let mut references = Vec::new();
        schema_references(&original, &mut references);
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("run.items");
        let mut current = original.clone();
        for round in 0..10 {
            let read = READS[next(READS.len())];
            let mut after = current.clone();
            for _ in 0..1 + next(3) {
                let paths: Vec<String> = items(&mut after).keys().cloned().collect();
                let item = &mut items(&mut after)[&paths[next(paths.len())]];
                let verbs = ["get", "post", "put", "patch", "delete"];
                let Some(verb) = verbs.into_iter().find(|verb| item.get(verb).is_some()) else {
                    continue;
                };
                let reference = &references[next(references.len())];
                let schema = shaped(reference, next(7));
                let content = json!({ "application/json": { "schema": schema } });
                let operation = item[verb].as_object_mut().unwrap();
                match next(6) {
                    0 => {
                        let parameter = json!({ "name": format!("p{}", next(4)), "in": "query", "schema": schema });
                        let parameters = operation.entry("parameters").or_insert(json!([]));
                        parameters.as_array_mut().unwrap().insert(0, parameter);
                    }
                    1 => {
                        drop(operation.insert("requestBody".into(), json!({ "content": content })))
                    }
                    2 => {
                        let responses = operation.entry("responses").or_insert(json!({}));
                        responses["200"] = json!({ "description": "ok", "content": content });
                    }
                    3 => drop(operation.remove("parameters")),
                    4 => drop(operation.remove("requestBody")),
                    _ => drop(operation.insert("description".into(), json!(format!("d{round}")))),
                }
            }
            super::references::REPLAYED_REFERENCES.set(0);
            let (api, diagnostics, _) = lower(&after, Some(&cache), read);
            replayed += super::references::REPLAYED_REFERENCES.get();
            let (fresh, fresh_diagnostics, _) = lower(&after, None, read);
            assert!(api.0 == fresh.0, "round {round}, {read:?}: the API differs");
            assert_eq!(api.1, fresh.1, "round {round}, {read:?}: the state differs");
            assert_eq!(diagnostics, fresh_diagnostics, "round {round}, {read:?}");
            current = after;
        }
    }
    assert!(replayed > 0, "no `$ref` was replayed inside a changed item");
}
