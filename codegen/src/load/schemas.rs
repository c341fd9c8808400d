//! Checks every schema of the raw tree on its own, before openapiv3 reads the whole document.
//!
//! openapiv3 reads a schema through untagged enums that retry each alternative, and each retry
//! reads the nested schemas again, so rejecting one malformed schema under n levels of nesting
//! takes time exponential in n (a 1 KB document never finishes). Here each schema is read by
//! openapiv3 itself, with its nested schemas replaced by `{}`: every node is read once, the
//! rules are exactly openapiv3's, and the first malformed schema is reported at its pointer.

use openapiv3::Schema;
use serde_json::{Map, Value};

use crate::source_map::escape_segment;

/// Keywords whose value is one nested schema.
const ONE_SCHEMA: &[&str] = &["items", "not", "additionalProperties"];
/// Keywords whose value is a list of nested schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// The pointer of the first schema openapiv3 would refuse, with its message.
pub fn first_malformed_schema(raw: &Value) -> Option<(String, String)> {
    let mut schemas = Vec::new();
    collect_document_schemas(raw, &mut schemas);
    first_malformed(schemas)
}

/// Reads `node` as one schema, nested schemas one at a time as above; the pointer returned is
/// relative to `node`. For nodes found outside the places [`first_malformed_schema`] looks.
pub fn malformed_schema_at(node: &Value) -> Option<(String, String)> {
    first_malformed(vec![(String::new(), node)])
}

fn first_malformed(schemas: Vec<(String, &Value)>) -> Option<(String, String)> {
    let mut pending = schemas;
    while let Some((pointer, schema)) = pending.pop() {
        let Value::Object(object) = schema else {
            return Some((pointer, String::from("a schema must be an object")));
        };
        if object.contains_key("$ref") {
            continue;
        }
        let (shallow, children) = split_children(object, &pointer);
        if let Err(error) = serde_json::from_value::<Schema>(Value::Object(shallow)) {
            return Some((pointer, error.to_string()));
        }
        pending.extend(children);
    }
    None
}

/// The schema with each nested schema replaced by `{}`, and the nested schemas with their pointers.
/// Only the schema's own values are copied, never its nested schemas.
fn split_children<'a>(
    object: &'a Map<String, Value>,
    pointer: &str,
) -> (Map<String, Value>, Vec<(String, &'a Value)>) {
    let mut shallow = Map::new();
    let mut children = Vec::new();
    for (keyword, value) in object {
        let placeholder = match (keyword.as_str(), value) {
            (keyword, Value::Object(_)) if ONE_SCHEMA.contains(&keyword) => {
                children.push((format!("{pointer}/{keyword}"), value));
                Value::Object(Map::new())
            }
            (keyword, Value::Array(items)) if SCHEMA_LISTS.contains(&keyword) => {
                for (idx, child) in items.iter().enumerate() {
                    children.push((format!("{pointer}/{keyword}/{idx}"), child));
                }
                Value::Array(vec![Value::Object(Map::new()); items.len()])
            }
            ("properties", Value::Object(properties)) => {
                let mut placeholders = Map::new();
                for (name, child) in properties {
                    children.push((
                        format!("{pointer}/properties/{}", escape_segment(name)),
                        child,
                    ));
                    placeholders.insert(name.clone(), Value::Object(Map::new()));
                }
                Value::Object(placeholders)
            }
            _ => value.clone(),
        };
        shallow.insert(keyword.clone(), placeholder);
    }
    (shallow, children)
}

/// The schemas the document holds outside other schemas: components, parameters, headers and
/// media types, wherever operations, path items and components put them.
fn collect_document_schemas<'a>(raw: &'a Value, out: &mut Vec<(String, &'a Value)>) {
    let components = raw.get("components");
    for (name, schema) in entries(components.and_then(|c| c.get("schemas"))) {
        out.push((
            format!("#/components/schemas/{}", escape_segment(name)),
            schema,
        ));
    }
    for section in ["parameters", "headers", "responses", "requestBodies"] {
        for (name, item) in entries(components.and_then(|c| c.get(section))) {
            let pointer = format!("#/components/{section}/{}", escape_segment(name));
            collect_holder_schemas(item, &pointer, out);
        }
    }
    for (path, item) in entries(raw.get("paths")) {
        let path_pointer = format!("#/paths/{}", escape_segment(path));
        collect_list(
            item.get("parameters"),
            &format!("{path_pointer}/parameters"),
            out,
        );
        for (verb, operation) in entries(Some(item)) {
            let pointer = format!("{path_pointer}/{verb}");
            collect_list(
                operation.get("parameters"),
                &format!("{pointer}/parameters"),
                out,
            );
            if let Some(body) = operation.get("requestBody") {
                collect_holder_schemas(body, &format!("{pointer}/requestBody"), out);
            }
            for (status, response) in entries(operation.get("responses")) {
                let status_pointer = format!("{pointer}/responses/{}", escape_segment(status));
                collect_holder_schemas(response, &status_pointer, out);
            }
        }
    }
}

fn collect_list<'a>(list: Option<&'a Value>, pointer: &str, out: &mut Vec<(String, &'a Value)>) {
    if let Some(Value::Array(items)) = list {
        for (idx, item) in items.iter().enumerate() {
            collect_holder_schemas(item, &format!("{pointer}/{idx}"), out);
        }
    }
}

/// The schemas of a parameter, header, request body or response: its own `schema`, those of
/// its `content` media types, and those of its `headers`.
fn collect_holder_schemas<'a>(
    holder: &'a Value,
    pointer: &str,
    out: &mut Vec<(String, &'a Value)>,
) {
    if let Some(schema) = holder.get("schema") {
        out.push((format!("{pointer}/schema"), schema));
    }
    for (media_type, media) in entries(holder.get("content")) {
        if let Some(schema) = media.get("schema") {
            let media_pointer = format!("{pointer}/content/{}", escape_segment(media_type));
            out.push((format!("{media_pointer}/schema"), schema));
        }
    }
    for (name, header) in entries(holder.get("headers")) {
        let header_pointer = format!("{pointer}/headers/{}", escape_segment(name));
        collect_holder_schemas(header, &header_pointer, out);
    }
}

/// The entries of an object value, skipping `x-` extensions; nothing for anything else.
fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(key, _)| !key.starts_with("x-"))
}
