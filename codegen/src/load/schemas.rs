//! Checks every schema of the raw tree on its own, before openapiv3 reads the whole document.
//!
//! openapiv3 reads a schema through untagged enums that retry each alternative, and each retry
//! reads the nested schemas again, so rejecting one malformed schema under n levels of nesting
//! takes time exponential in n (a 1 KB document never finishes). Here each schema is read by
//! openapiv3 itself, with its nested schemas replaced by `{}`: every node is read once, the
//! rules are exactly openapiv3's, and the first malformed schema is reported at its pointer.
//! The schema is read where it stands in the raw tree, borrowed, and pointers are written only
//! for the one that fails: copying each schema and naming each one cost as much as reading the
//! whole document.

use std::marker::PhantomData;

use openapiv3::Schema;
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{Deserialize, Deserializer, IntoDeserializer, Visitor};
use serde_json::{Map, Value};

use super::is_extension;
use super::value_de::{Refused, ValueError};
use crate::source_map::escape_segment;

/// Keywords whose value is one nested schema.
const ONE_SCHEMA: &[&str] = &["items", "not", "additionalProperties"];
/// Keywords whose value is a list of nested schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// The pointer of the first schema openapiv3 would refuse, with its message.
pub fn first_malformed_schema(raw: &Value) -> Option<(String, String)> {
    let schemas = document_schemas(raw, Sections::All);
    // Schemas are checked from the last one back, so the last run's failure is the one a
    // single pass would meet first.
    let failures = crate::worker::map_all(schema_runs(&schemas), |(first, run)| {
        first_malformed(run.to_vec(), &|idx| {
            document_schema_pointer(raw, first + idx)
        })
    });
    failures.into_iter().rev().flatten().next()
}

/// Every schema [`visit_document_schemas`] finds in `raw`, in its order.
fn document_schemas(raw: &Value, sections: Sections) -> Vec<&Value> {
    let mut schemas = Vec::new();
    visit_document_schemas(raw, sections, &mut |schema, _| schemas.push(schema));
    schemas
}

/// Which parts of a document its schemas are looked for in.
#[derive(Clone, Copy, PartialEq)]
pub enum Sections {
    All,
    /// All but `paths`, whose items a streamed load checks run by run
    /// ([`deep_path_items_malformed`]).
    AllButPaths,
}

/// `schemas` cut into [`SCHEMA_RUNS`] runs, each with the index of its first schema, for
/// `worker::map_all` to take from one queue on both cores: a few schemas hold most of the
/// nodes, and two fixed halves left one core idle for half the check.
fn schema_runs<'a>(schemas: &'a [&'a Value]) -> Vec<(usize, &'a [&'a Value])> {
    let per_run = schemas.len().div_ceil(SCHEMA_RUNS).max(1);
    schemas
        .chunks(per_run)
        .enumerate()
        .map(|(run_idx, run)| (run_idx * per_run, run))
        .collect()
}

/// How deep inside one of the document's schemas a schema may be nested for openapiv3 to refuse
/// it, when malformed, in little time. openapiv3 reads a schema again for every alternative of
/// its untagged `SchemaKind` that fails below it, so the time doubles with each level of
/// nesting above the failure (measured: 1.5 ms at 8 levels, 6 ms at 10, 96 ms at 14).
const QUICK_DEPTH: usize = 8;

/// Whether a schema nested [`QUICK_DEPTH`] levels or more inside one of the document's schemas
/// is malformed, or any schema is no object: the first are the schemas openapiv3 would take
/// long to refuse, so they are checked before it reads the document, and the second cost
/// nothing to find, where openapiv3 would read some (`schema: null`) as no schema at all. A
/// shallower malformed schema makes that read fail in little time, and [`first_malformed_schema`]
/// then names the first one. Checking every schema first took as long as a third of the
/// document's typed read.
pub fn deep_schema_malformed(raw: &Value, sections: Sections) -> bool {
    let roots = document_schemas(raw, sections);
    // In runs on both cores: Graph beta's schemas took 70 ms to walk on one.
    crate::worker::map_all(schema_runs(&roots), |(_, run)| deep_run_malformed(run))
        .into_iter()
        .any(|malformed| malformed)
}

/// [`deep_schema_malformed`] for the schemas of `members` of `paths`.
pub fn deep_path_items_malformed(members: &[(&String, &Value)]) -> bool {
    let mut roots = Vec::new();
    for (path, item) in members.iter().filter(|(key, _)| !is_extension(key)) {
        visit_path_item_schemas(path, item, &mut |schema, _| roots.push(schema));
    }
    deep_run_malformed(&roots)
}

/// [`deep_schema_malformed`] for the document's schemas `roots`.
fn deep_run_malformed(roots: &[&Value]) -> bool {
    let mut frontier = Vec::new();
    let mut pending: Vec<(&Value, usize)> = Vec::new();
    for root in roots {
        pending.push((root, 0));
        while let Some((schema, depth)) = pending.pop() {
            let Value::Object(object) = schema else {
                return true;
            };
            if depth == QUICK_DEPTH {
                frontier.push(schema);
                continue;
            }
            if !object.contains_key("$ref") {
                for_each_nested(object, |_, nested| pending.push((nested, depth + 1)));
            }
        }
    }
    first_malformed(frontier, &|_| String::new()).is_some()
}

/// How many runs [`first_malformed_schema`] cuts the schemas into: enough that the run with
/// the largest schemas is a small share of the check.
const SCHEMA_RUNS: usize = 64;

/// Reads `node` as one schema, nested schemas one at a time as above; the pointer returned is
/// relative to `node`. For nodes found outside the places [`first_malformed_schema`] looks.
pub fn malformed_schema_at(node: &Value) -> Option<(String, String)> {
    first_malformed(vec![node], &|_| String::new())
}

/// Checks `schemas` and everything nested in them; `root_pointer` names the pointer of one of
/// `schemas` by its index, for the one that fails.
fn first_malformed(
    schemas: Vec<&Value>,
    root_pointer: &dyn Fn(usize) -> String,
) -> Option<(String, String)> {
    // Pointers are built only for the schema that fails: each pending schema names its parent
    // and its step from it, in `steps`.
    let mut steps: Vec<Step> = Vec::new();
    let mut pending: Vec<(usize, &Value)> = Vec::with_capacity(schemas.len());
    for (idx, schema) in schemas.into_iter().enumerate() {
        pending.push((steps.len(), schema));
        steps.push(Step::Root(idx));
    }
    let pointer_of = |steps: &[Step], at| pointer_of(steps, at, root_pointer);
    while let Some((at, schema)) = pending.pop() {
        let Value::Object(object) = schema else {
            return Some((
                pointer_of(&steps, at),
                String::from("a schema must be an object"),
            ));
        };
        if object.contains_key("$ref") {
            continue;
        }
        // Read first with an error that costs nothing to make (openapiv3's untagged enums
        // fail and retry throughout a valid schema); serde_json's read of one that fails has
        // the last word, and the message.
        if Schema::deserialize(Shallow::<Refused>::schema(object)).is_err() {
            if let Err(error) = Schema::deserialize(Shallow::<serde_json::Error>::schema(object)) {
                return Some((pointer_of(&steps, at), error.to_string()));
            }
        }
        for_each_nested(object, |via, nested| {
            pending.push((steps.len(), nested));
            steps.push(Step::Nested(at, via));
        });
    }
    None
}

/// Calls `visit` with each schema nested directly in the schema `object` and how it is reached.
fn for_each_nested<'a>(object: &'a Map<String, Value>, mut visit: impl FnMut(Via<'a>, &'a Value)) {
    for (keyword, value) in object {
        match Nested::of(keyword, value) {
            Nested::One(schema) => visit(Via::Key(keyword), schema),
            Nested::List(items) => {
                for (idx, item) in items.iter().enumerate() {
                    visit(Via::Index(keyword, idx), item);
                }
            }
            Nested::Properties(properties) => {
                for (name, property) in properties {
                    visit(Via::Property(name), property);
                }
            }
            Nested::None(_) => {}
        }
    }
}

/// How a nested schema is reached from its parent: by a keyword, a keyword and an index, or a
/// property name.
#[derive(Clone, Copy)]
enum Via<'a> {
    Key(&'a str),
    Index(&'a str, usize),
    Property(&'a str),
}

/// How a pending schema is reached: from the document (its pointer), or from the schema at an
/// index of the step list.
enum Step<'a> {
    /// The index of a schema [`first_malformed`] was given.
    Root(usize),
    Nested(usize, Via<'a>),
}

/// The JSON pointer of the schema at `at`.
fn pointer_of(steps: &[Step], mut at: usize, root_pointer: &dyn Fn(usize) -> String) -> String {
    let mut segments = Vec::new();
    let root = loop {
        match &steps[at] {
            Step::Root(idx) => break root_pointer(*idx),
            Step::Nested(parent, via) => {
                segments.push(match via {
                    Via::Key(keyword) => (*keyword).to_owned(),
                    Via::Index(keyword, idx) => format!("{keyword}/{idx}"),
                    Via::Property(name) => format!("properties/{}", escape_segment(name)),
                });
                at = *parent;
            }
        }
    };
    segments
        .iter()
        .rev()
        .fold(root, |pointer, segment| format!("{pointer}/{segment}"))
}

/// A schema as openapiv3 reads it here, borrowed from the raw tree: its own values as they are,
/// each nested schema as `{}`, read with the error `E`. openapiv3's `Schema` flattens its
/// fields, so serde buffers the whole map through `deserialize_any`, the only method these
/// forward.
struct Shallow<'a, E> {
    node: Node<'a>,
    error: PhantomData<E>,
}

impl<E> Clone for Shallow<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Shallow<'_, E> {}

/// What a [`Shallow`] stands for.
#[derive(Clone, Copy)]
enum Node<'a> {
    /// A schema object, its nested schemas left out.
    Schema(&'a Map<String, Value>),
    /// A value that is not a nested schema.
    Value(&'a Value),
    /// A nested schema's place: `{}`.
    Empty,
    /// A list of `n` nested schemas: `[{}, …]`.
    Empties(usize),
    /// `properties`: each name with `{}`.
    Names(&'a Map<String, Value>),
}

/// What the value of a schema's keyword holds of nested schemas: the one place that says, for
/// both the checks that follow them and the view that leaves them out.
enum Nested<'a> {
    /// One nested schema (`items`, `not`, `additionalProperties`).
    One(&'a Value),
    /// A list of them (`allOf`, `oneOf`, `anyOf`).
    List(&'a [Value]),
    /// `properties`: one per name.
    Properties(&'a Map<String, Value>),
    /// None: the value is the schema's own.
    None(&'a Value),
}

impl<'a> Nested<'a> {
    fn of(keyword: &str, value: &'a Value) -> Nested<'a> {
        match (keyword, value) {
            (keyword, Value::Object(_)) if ONE_SCHEMA.contains(&keyword) => Nested::One(value),
            (keyword, Value::Array(items)) if SCHEMA_LISTS.contains(&keyword) => {
                Nested::List(items)
            }
            ("properties", Value::Object(properties)) => Nested::Properties(properties),
            _ => Nested::None(value),
        }
    }
}

impl<'a, E> Shallow<'a, E> {
    fn schema(object: &'a Map<String, Value>) -> Self {
        Self::new(Node::Schema(object))
    }

    fn new(node: Node<'a>) -> Self {
        Shallow {
            node,
            error: PhantomData,
        }
    }

    /// The value of `keyword` in a schema, its nested schemas left out.
    fn of(keyword: &str, value: &'a Value) -> Self {
        Self::new(match Nested::of(keyword, value) {
            Nested::One(_) => Node::Empty,
            Nested::List(items) => Node::Empties(items.len()),
            Nested::Properties(properties) => Node::Names(properties),
            Nested::None(value) => Node::Value(value),
        })
    }
}

impl<'de, E: ValueError> Deserializer<'de> for Shallow<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        let empty = Self::new(Node::Empty);
        match self.node {
            Node::Schema(object) => visitor.visit_map(MapDeserializer::new(
                object
                    .iter()
                    .map(|(keyword, value)| (keyword.as_str(), Self::of(keyword, value))),
            )),
            Node::Value(value) => E::read_any(value, visitor),
            Node::Empty => {
                visitor.visit_map(MapDeserializer::new(std::iter::empty::<(&str, Self)>()))
            }
            Node::Empties(len) => {
                visitor.visit_seq(SeqDeserializer::new(std::iter::repeat_n(empty, len)))
            }
            Node::Names(properties) => visitor.visit_map(MapDeserializer::new(
                properties.keys().map(|name| (name.as_str(), empty)),
            )),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de, E: ValueError> IntoDeserializer<'de, E> for Shallow<'de, E> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Calls `visit` with each schema the document holds outside other schemas (components,
/// parameters, headers and media types, wherever operations, path items and components put
/// them), in document order, and with a way to write its pointer: a large document holds
/// tens of thousands, and writing every pointer cost more than checking every schema.
fn visit_document_schemas<'a>(
    raw: &'a Value,
    sections: Sections,
    visit: &mut dyn FnMut(&'a Value, &dyn Fn() -> String),
) {
    let components = raw.get("components");
    for (name, schema) in entries(components.and_then(|c| c.get("schemas"))) {
        visit(schema, &|| {
            format!("#/components/schemas/{}", escape_segment(name))
        });
    }
    for section in ["parameters", "headers", "responses", "requestBodies"] {
        for (name, item) in entries(components.and_then(|c| c.get(section))) {
            let pointer = || format!("#/components/{section}/{}", escape_segment(name));
            visit_holder_schemas(item, &pointer, visit);
        }
    }
    if sections == Sections::All {
        for (path, item) in entries(raw.get("paths")) {
            visit_path_item_schemas(path, item, visit);
        }
    }
}

/// The schemas of the member `path` of `paths`, in [`visit_document_schemas`]' order.
fn visit_path_item_schemas<'a>(
    path: &str,
    item: &'a Value,
    visit: &mut dyn FnMut(&'a Value, &dyn Fn() -> String),
) {
    let path_pointer = || format!("#/paths/{}", escape_segment(path));
    let parameters = || format!("{}/parameters", path_pointer());
    visit_list(item.get("parameters"), &parameters, visit);
    for (verb, operation) in entries(Some(item)) {
        let pointer = || format!("{}/{verb}", path_pointer());
        let parameters = || format!("{}/parameters", pointer());
        visit_list(operation.get("parameters"), &parameters, visit);
        if let Some(body) = operation.get("requestBody") {
            visit_holder_schemas(body, &|| format!("{}/requestBody", pointer()), visit);
        }
        for (status, response) in entries(operation.get("responses")) {
            let status_pointer = || format!("{}/responses/{}", pointer(), escape_segment(status));
            visit_holder_schemas(response, &status_pointer, visit);
        }
    }
}

/// The pointer of the schema [`visit_document_schemas`] visits `idx`th.
fn document_schema_pointer(raw: &Value, idx: usize) -> String {
    let mut seen = 0;
    let mut found = String::new();
    visit_document_schemas(raw, Sections::All, &mut |_, pointer| {
        if seen == idx {
            found = pointer();
        }
        seen += 1;
    });
    found
}

fn visit_list<'a>(
    list: Option<&'a Value>,
    pointer: &dyn Fn() -> String,
    visit: &mut dyn FnMut(&'a Value, &dyn Fn() -> String),
) {
    if let Some(Value::Array(items)) = list {
        for (idx, item) in items.iter().enumerate() {
            visit_holder_schemas(item, &|| format!("{}/{idx}", pointer()), visit);
        }
    }
}

/// The schemas of a parameter, header, request body or response: its own `schema`, those of
/// its `content` media types, and those of its `headers`.
fn visit_holder_schemas<'a>(
    holder: &'a Value,
    pointer: &dyn Fn() -> String,
    visit: &mut dyn FnMut(&'a Value, &dyn Fn() -> String),
) {
    if let Some(schema) = holder.get("schema") {
        visit(schema, &|| format!("{}/schema", pointer()));
    }
    for (media_type, media) in entries(holder.get("content")) {
        if let Some(schema) = media.get("schema") {
            let media_pointer = || {
                format!(
                    "{}/content/{}/schema",
                    pointer(),
                    escape_segment(media_type)
                )
            };
            visit(schema, &media_pointer);
        }
    }
    for (name, header) in entries(holder.get("headers")) {
        let header_pointer = || format!("{}/headers/{}", pointer(), escape_segment(name));
        visit_holder_schemas(header, &header_pointer, visit);
    }
}

/// The entries of an object value, skipping `x-` extensions; nothing for anything else.
fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(key, _)| !is_extension(key))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// openapiv3's own message for `schema` read alone (it has no nested schemas).
    fn openapiv3_says(schema: Value) -> String {
        serde_json::from_value::<Schema>(schema)
            .unwrap_err()
            .to_string()
    }

    fn first_in(schema: Value) -> Option<(String, String)> {
        first_malformed_schema(&json!({"components": {"schemas": {"S": schema}}}))
    }

    #[test]
    fn well_formed_schemas_pass_however_deep() {
        let schema = json!({
            "type": "object",
            "description": "a thing",
            "properties": {
                "a": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}},
                "b": {"allOf": [{"$ref": "#/components/schemas/T"}, {"type": "integer"}]},
                "c": {"type": "object", "additionalProperties": {"type": "number"}},
                "d": {"type": "object", "additionalProperties": true},
            },
        });
        assert_eq!(first_in(schema), None);
    }

    #[test]
    fn a_malformed_nested_schema_is_named_by_its_pointer_with_openapiv3s_message() {
        let leaf = json!({"type": "string", "minLength": "long"});
        let schema = json!({
            "type": "object",
            "properties": {"a": {"type": "array", "items": leaf.clone()}},
        });
        let expected = (
            String::from("#/components/schemas/S/properties/a/items"),
            openapiv3_says(leaf),
        );
        assert_eq!(first_in(schema), Some(expected));
    }

    #[test]
    fn list_members_and_escaped_property_names_make_their_pointer_segments() {
        let leaf = json!({"type": 7});
        let schema = json!({"properties": {"a/b~c": {"anyOf": [{}, leaf.clone()]}}});
        let expected = (
            String::from("#/components/schemas/S/properties/a~1b~0c/anyOf/1"),
            openapiv3_says(leaf),
        );
        assert_eq!(first_in(schema), Some(expected));
    }

    #[test]
    fn a_malformed_schema_under_an_operation_is_named_by_its_whole_pointer() {
        let leaf = json!({"type": "string", "minLength": "long"});
        let operation = |schema: Value| {
            json!({
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"content": {"application/json": {"schema": schema}}}},
            })
        };
        let raw = json!({
            "components": {"schemas": {"A": {"type": "string"}, "B": {"type": "integer"}}},
            "paths": {
                "/a": {"get": operation(json!({"type": "object"}))},
                "/b/{id}": {"parameters": [{"name": "id", "in": "path", "schema": {}}],
                    "post": operation(json!({"type": "object", "properties": {"x": leaf.clone()}}))},
            },
        });
        let expected = (
            String::from(
                "#/paths/~1b~1{id}/post/responses/200/content/application~1json/schema/properties/x",
            ),
            openapiv3_says(leaf),
        );
        assert_eq!(first_malformed_schema(&raw), Some(expected));
    }

    #[test]
    fn among_many_schemas_the_one_a_single_backward_pass_meets_is_named() {
        // More schemas than runs, so the two failures fall in different runs.
        let schemas: Map<String, Value> = (0..300)
            .map(|idx| {
                let schema = match idx {
                    17 | 211 => json!({"type": "string", "minLength": "long"}),
                    _ => json!({"type": "object", "properties": {"x": {"type": "integer"}}}),
                };
                (format!("S{idx:03}"), schema)
            })
            .collect();
        let raw = json!({"components": {"schemas": schemas}});
        let (pointer, _) = first_malformed_schema(&raw).expect("two schemas are malformed");
        assert_eq!(pointer, "#/components/schemas/S211");
    }

    /// Only schemas nested deeply enough to take openapiv3 long to refuse are checked before
    /// it reads the document; a shallower malformed one is left to that read.
    #[test]
    fn only_deeply_nested_malformed_schemas_are_found_before_the_typed_read() {
        let leaf = json!({"type": "string", "minLength": "long"});
        let nested = |depth: usize| {
            let mut schema = leaf.clone();
            for _ in 0..depth {
                schema = json!({"type": "array", "items": schema});
            }
            json!({"components": {"schemas": {"S": schema}}})
        };
        let deep = |raw: &Value| deep_schema_malformed(raw, Sections::All);
        assert!(!deep(&nested(QUICK_DEPTH - 1)));
        assert!(deep(&nested(QUICK_DEPTH)));
        assert!(deep(&nested(QUICK_DEPTH + 5)));
        assert!(!deep(&json!({"components": {"schemas": {
            "S": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/S"}}},
        }}})));
        // A schema that is no object is found at any depth.
        assert!(deep(&json!({"components": {"schemas": {
            "S": {"type": "object", "properties": {"a": null}},
        }}})));
    }

    /// A streamed load checks `paths`' items run by run, and the rest of the document first.
    #[test]
    fn deep_malformed_path_items_are_found_run_by_run() {
        let mut schema = json!({"type": "string", "minLength": "long"});
        for _ in 0..QUICK_DEPTH {
            schema = json!({"type": "array", "items": schema});
        }
        let body = json!({"content": {"application/json": {"schema": schema}}});
        let raw = json!({"paths": {
            "/a": {"get": {"responses": {"200": {"description": "ok"}}}},
            "/b": {"post": {"requestBody": body}},
        }});
        assert!(deep_schema_malformed(&raw, Sections::All));
        assert!(!deep_schema_malformed(&raw, Sections::AllButPaths));
        let members: Vec<(&String, &Value)> = raw["paths"].as_object().unwrap().iter().collect();
        assert!(!deep_path_items_malformed(&members[..1]));
        assert!(deep_path_items_malformed(&members[1..]));
    }

    #[test]
    fn a_schema_that_is_not_an_object_is_refused_where_it_stands() {
        let schema = json!({"type": "object", "properties": {"n": 5}});
        let expected = (
            String::from("#/components/schemas/S/properties/n"),
            String::from("a schema must be an object"),
        );
        assert_eq!(first_in(schema), Some(expected));
    }

    #[test]
    fn a_schema_is_judged_without_its_nested_schemas() {
        // The parent is well formed once its malformed child stands as `{}`; the child is
        // reported, not the parent.
        let leaf = json!({"type": "boolean", "default": {"not": "a boolean"}, "nullable": "yes"});
        let schema = json!({"type": "object", "additionalProperties": leaf.clone()});
        let expected = (
            String::from("#/components/schemas/S/additionalProperties"),
            openapiv3_says(leaf),
        );
        assert_eq!(first_in(schema), Some(expected));
    }
}
