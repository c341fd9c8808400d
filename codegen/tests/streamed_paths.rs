//! A document whose `paths` items are read while lowering takes them
//! (`load_document_streamed`) generates what the document read whole does, and fails with the
//! error it would: the same files, warnings and messages, on the project's document, every
//! fidelity fixture, and documents with many runs of items.

#[path = "fuzz/difference.rs"]
mod difference;

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

/// Files and warnings, or the error's message.
fn generated(document: Result<codegen::Document, codegen::Error>) -> Result<String, String> {
    let document = document.map_err(|error| error.to_string())?;
    let output = codegen::generate(&document, &codegen::Config::default())
        .map_err(|error| error.to_string())?;
    Ok(format!("{:?}\n{:?}", output.files, output.diagnostics))
}

/// What the document at `path` generates read whole, after checking that it generates the
/// same with its path items streamed.
fn both_ways(path: &Path) -> Result<String, String> {
    let whole = generated(codegen::load_document(path));
    let streamed = generated(codegen::load_document_streamed(path));
    let (whole_text, streamed_text) = match (&whole, &streamed) {
        (Ok(a), Ok(b)) | (Err(a), Err(b)) => (a, b),
        _ => panic!("{}: {whole:.300?} against {streamed:.300?}", path.display()),
    };
    assert!(
        whole_text == streamed_text,
        "{} differs: {}",
        path.display(),
        difference::first_difference(whole_text, streamed_text)
    );
    whole
}

#[test]
fn streamed_paths_generate_what_the_whole_document_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut documents = vec![root.join("spec/resource-sharing.openapi.yaml")];
    let fixtures = std::fs::read_dir(root.join("tests/fixtures/fidelity")).unwrap();
    documents.extend(
        fixtures
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml")),
    );
    assert!(documents.len() > 10, "the fidelity fixtures are there");
    for path in &documents {
        let whole = both_ways(path);
        assert!(whole.is_ok(), "{}: {whole:?}", path.display());
    }
}

#[test]
fn many_runs_of_items_lower_in_document_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "many.json", &many_paths(200, |_, _| {}));
    let whole = both_ways(&path).unwrap();
    // Inline bodies named alike are numbered in the order their operations are lowered.
    assert!(whole.contains("CreateBody2"), "names collide, as meant");
}

#[test]
fn an_item_that_does_not_read_fails_as_it_does_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    for at in [0, 5, 150, 199] {
        let document = many_paths(200, |n, item| {
            if n == at {
                item["get"]["parameters"] = json!([{"name": "q", "in": "query", "schema": 7}]);
            }
        });
        let error = both_ways(&write(&dir, "bad.json", &document)).unwrap_err();
        assert!(error.contains(&format!("#/paths/~1things{at}")), "{error}");
    }
}

#[test]
fn a_malformed_schema_nested_deep_in_an_item_is_named_at_once() {
    // openapiv3 would take time exponential in the nesting to refuse it.
    let mut schema = json!({"type": "string", "minLength": "long"});
    for _ in 0..40 {
        schema = json!({"type": "object", "properties": {"a": schema}});
    }
    let document = many_paths(200, |n, item| {
        if n == 130 {
            item["post"]["requestBody"]["content"]["application/json"]["schema"] = schema.clone();
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let error = both_ways(&write(&dir, "deep.json", &document)).unwrap_err();
    let pointer = "#/paths/~1things130/post/requestBody/content/application~1json/schema";
    let pointer = format!("{pointer}{}", "/properties/a".repeat(40));
    assert!(error.contains(&format!("({pointer})")), "{error}");
}

#[test]
fn an_unreadable_item_is_reported_before_a_broken_reference() {
    let dir = tempfile::tempdir().unwrap();
    let document = many_paths(200, |n, item| match n {
        3 => item["get"]["responses"]["200"] = json!({"$ref": "#/components/responses/Gone"}),
        120 => item["post"]["requestBody"] = json!({"content": "text"}),
        _ => {}
    });
    let error = both_ways(&write(&dir, "both.json", &document)).unwrap_err();
    assert!(error.contains("#/paths/~1things120"), "{error}");
    let only_broken = many_paths(200, |n, item| {
        if n == 3 {
            item["get"]["responses"]["200"] = json!({"$ref": "#/components/responses/Gone"});
        }
    });
    let error = both_ways(&write(&dir, "broken.json", &only_broken)).unwrap_err();
    assert!(error.contains("Gone"), "{error}");
}

/// A JSON document of `count` paths, each with a listing that pages, a creation with an inline
/// body (named alike in every resource pair, so the names collide), and its own security,
/// among keys `paths` ignores; `edit` changes item `n` before it is written.
fn many_paths(count: usize, edit: impl Fn(usize, &mut Value)) -> Value {
    let mut paths = Map::new();
    paths.insert("x-note".into(), json!("ignored"));
    paths.insert("not-a-path".into(), json!(1));
    for n in 0..count {
        let tag = format!("group{}", n / 2);
        let mut item = json!({
            "get": {
                "operationId": format!("listThings{n}"),
                "tags": [tag],
                "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
                }}}},
            },
            "post": {
                "operationId": "create",
                "tags": [tag],
                "security": [{"key": []}],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
                }}}},
                "responses": {"201": {"description": "made", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Thing"}
                }}}},
            },
        });
        edit(n, &mut item);
        paths.insert(format!("/things{n}"), item);
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Many", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}},
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        },
    })
}

fn write(dir: &tempfile::TempDir, name: &str, document: &Value) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(document).unwrap()).unwrap();
    path
}
