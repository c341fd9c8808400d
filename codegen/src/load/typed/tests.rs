use std::fmt::Debug;

use openapiv3::{Components, Parameter, PathItem, ReferenceOr, Schema};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::schema::schema;
use super::{component_parts, component_sections, merge_components, path_item, reference_or};
use crate::load::value_de;

/// `components` read as loading reads it: cut into parts (of two members, to cut every
/// section), each read alone, then merged.
fn components(value: &Value) -> Option<Components> {
    let sections = component_sections(value)?;
    let parts = component_parts(value, &sections, 2);
    let read: Option<Vec<Components>> = parts.iter().map(|part| part.read()).collect();
    Some(merge_components(read?))
}

/// The hand-written read of `value`, which must read it and agree with serde.
fn reads_as_serde<T>(value: Value, hand: impl Fn(&Value) -> Option<T>) -> T
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let serde: T = value_de::from_value(&value).expect("serde reads the value");
    let hand = hand(&value).unwrap_or_else(|| panic!("the hand read declined {value}"));
    assert_eq!(hand, serde, "for {value}");
    hand
}

fn schema_item(value: &Value) -> Option<ReferenceOr<Schema>> {
    reference_or(value, schema)
}

#[test]
fn every_schema_kind_reads_as_serde_reads_it() {
    let schemas = [
        json!({"type": "string", "format": "date-time", "pattern": "^a", "minLength": 1}),
        json!({"type": "string", "enum": ["a", null], "nullable": true}),
        json!({"type": "string", "format": "binary", "x-kind": {"deep": [1, 2]}}),
        json!({"type": "number", "minimum": 1.5, "exclusiveMaximum": true, "enum": [1, 2.5]}),
        json!({"type": "integer", "format": "int64", "maximum": 9, "multipleOf": 3}),
        json!({"type": "boolean", "enum": [true, null], "default": false}),
        json!({"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#/x"}},
               "additionalProperties": {"type": "string"}, "minProperties": 1}),
        json!({"type": "object", "additionalProperties": false}),
        json!({"type": "array", "items": {"type": "array", "items": {}}, "uniqueItems": true}),
        json!({"oneOf": [{"$ref": "#/a"}, {"type": "string"}],
               "discriminator": {"propertyName": "kind", "mapping": {"a": "#/a"}}}),
        json!({"allOf": [{"$ref": "#/a"}], "description": "d", "readOnly": true}),
        json!({"anyOf": [{"type": "integer"}], "externalDocs": {"url": "https://x"}}),
        json!({"not": {"type": "string"}}),
        json!({}),
        json!({"example": null, "default": null, "title": "only data"}),
    ];
    for value in schemas {
        let read = reads_as_serde(value, schema_item);
        assert!(matches!(read, ReferenceOr::Item(_)));
    }
}

/// openapiv3 takes a schema whose keywords do not all belong to its type, or whose values do
/// not fit it, as `Any`; the hand read must choose as it does.
#[test]
fn mixed_keywords_read_as_any_as_serde_reads_them() {
    let schemas = [
        json!({"type": "string", "minimum": 1}),
        json!({"type": "string", "enum": ["a", 1]}),
        json!({"type": "integer", "minimum": 1.5}),
        json!({"type": "integer", "enum": [1, 2.0]}),
        json!({"type": "boolean", "format": "flag"}),
        json!({"type": "object", "items": {}}),
        json!({"type": "array", "properties": {}}),
        json!({"type": "frog", "oneOf": []}),
        json!({"oneOf": [], "allOf": []}),
        json!({"oneOf": [], "properties": {"a": {}}}),
        json!({"type": "string", "oneOf": [{"type": "string"}]}),
        json!({"properties": {"a": {"type": "string"}}, "required": ["a"]}),
        json!({"$ref": "#/components/schemas/A", "description": "ignored beside $ref"}),
    ];
    for value in schemas {
        reads_as_serde(value, schema_item);
    }
}

#[test]
fn a_path_item_reads_as_serde_reads_it() {
    let item = json!({
        "summary": "s",
        "parameters": [{"$ref": "#/components/parameters/p"}],
        "x-item": true,
        "get": {
            "operationId": "get",
            "tags": ["t"],
            "deprecated": true,
            "security": [{"key": []}, {}],
            "parameters": [
                {"name": "q", "in": "query", "style": "deepObject", "explode": true,
                 "allowReserved": true, "schema": {"type": "object"}},
                {"name": "h", "in": "header", "required": true, "schema": {"type": "string"},
                 "examples": {"one": {"value": 1}, "two": {"$ref": "#/e"}}},
                {"name": "p", "in": "path", "style": "label", "required": true,
                 "allowReserved": "ignored where serde ignores it", "schema": {}},
                {"name": "c", "in": "cookie", "content": {"application/json": {"schema": {}}}},
            ],
            "responses": {
                "200": {"description": "ok", "headers": {
                    "X-Rate": {"schema": {"type": "integer"}, "x-h": 1},
                    "X-Ref": {"$ref": "#/h"}}},
                "2XX": {"description": "range"},
                "2xx": {"description": "the same range, later"},
                "default": {"$ref": "#/components/responses/error"},
                "x-responses": "skipped as a code, kept as an extension",
                "099": {"description": "not a code"},
            },
        },
        "post": {
            "requestBody": {"required": true, "content": {
                "application/json": {"schema": {"$ref": "#/s"}, "example": {"a": 1}},
                "text/plain": {},
                "application/x-www-form-urlencoded": {"encoding": {
                    "tags": {"style": "deepObject", "explode": true, "contentType": "text/plain",
                             "headers": {"X-Part": {"schema": {}}}}}}}},
            "responses": {"201": {"description": "made", "content": {"*/*": {}}}},
            "x-op": [null],
        },
        "delete": null,
    });
    let read = reads_as_serde(item, path_item);
    let ReferenceOr::Item(item) = read else {
        panic!("an item")
    };
    assert_eq!(item.get.map(|get| get.responses.responses.len()), Some(2));
}

#[test]
fn components_read_as_serde_reads_them() {
    let components_value = json!({
        "schemas": {"A": {"type": "string"}, "B": {"$ref": "#/components/schemas/A"}},
        "responses": {"error": {"description": "e"}},
        "parameters": {"p": {"name": "p", "in": "query", "schema": {}}},
        "examples": {"e": {"summary": "s", "externalValue": "https://x"}},
        "requestBodies": {"b": {"content": {}}},
        "headers": {"h": {"schema": {"type": "string"}}},
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}},
        "x-components": 1,
    });
    let read: Components = reads_as_serde(components_value, components);
    assert_eq!(read.security_schemes.len(), 1);
}

/// What the hand read leaves to serde: rare members, and values serde may read in ways of its
/// own (a `$ref` that is no string) or refuse.
#[test]
fn what_the_hand_read_declines_serde_still_decides() {
    let declined_items = [
        json!({"servers": [{"url": "https://x"}]}),
        json!({"get": {"responses": {}, "callbacks": {}}}),
        json!({"get": {"responses": {"200": {"description": "d", "links": {}}}}}),
        json!({"get": {"parameters": [{"name": "q", "in": "query",
                                       "schema": {}, "content": {}}], "responses": {}}}),
        json!({"get": {}}),
        json!({"$ref": 7}),
    ];
    for value in declined_items {
        assert_eq!(path_item(&value), None, "{value}");
        // serde decides: it reads some of these and refuses others.
        let _ = value_de::from_value::<ReferenceOr<PathItem>>(&value);
    }
    let declined_schemas = [
        json!({"nullable": null}),
        json!({"minLength": -1}),
        json!({"maxItems": 1.0}),
        json!({"minimum": "1"}),
        json!({"items": [{"type": "string"}]}),
    ];
    for value in declined_schemas {
        assert_eq!(schema_item(&value), None, "{value}");
        assert!(
            value_de::from_value::<ReferenceOr<Schema>>(&value).is_err(),
            "{value}"
        );
    }
    let parameter = json!({"name": "q", "in": "query", "style": "simple", "schema": {}});
    assert_eq!(super::operation::parameter(&parameter), None);
    assert!(value_de::from_value::<ReferenceOr<Parameter>>(&parameter).is_err());
}

/// Every path item of the project's own document and of the fidelity fixtures reads by hand,
/// as serde reads it (the check [`super::read`] makes in debug builds, here made explicit).
#[test]
fn the_projects_documents_read_by_hand_as_serde_reads_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut documents = vec![root.join("spec/resource-sharing.openapi.yaml")];
    let fixtures = root.join("tests/fixtures/fidelity");
    for entry in std::fs::read_dir(&fixtures).expect("the fixtures") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            documents.push(path);
        }
    }
    for path in documents {
        let document = crate::load::load_document(&path).expect("the document loads");
        // Every item reads by hand, so that a reader that came to decline what it should read
        // (leaving serde to do the work, slowly but correctly) fails here.
        for (_, item) in document.raw["paths"].as_object().into_iter().flatten() {
            reads_as_serde(item.clone(), path_item);
        }
        if let Some(components_value) = document.raw.get("components") {
            reads_as_serde(components_value.clone(), components);
            for (_, schema_value) in components_value["schemas"]
                .as_object()
                .into_iter()
                .flatten()
            {
                reads_as_serde(schema_value.clone(), schema_item);
            }
        }
    }
}
