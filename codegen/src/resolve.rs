//! Follows `$ref`s: checks up front that every reference lands, then hands out the targets.
//!
//! Only local references (`#/…`) are supported; the document must be bundled. Lowering decides
//! what a target means; this module only finds it.

use std::borrow::Cow;

use openapiv3::ReferenceOr;

use crate::load::Component;
use rustc_hash::FxHashSet;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::load::Document;
use crate::source_map::{percent_decode, pointer_get};

/// How many references may be chained (`A` → `B` → …) before we call it a cycle.
const MAX_REF_CHAIN: usize = 32;

/// A resolved target and the pointer of the named place it came from, if any.
pub struct Resolved<'a, T: Clone> {
    pub value: Cow<'a, T>,
    /// The last `$ref` followed, e.g. `#/components/schemas/Share`; `None` for inline values.
    pub target: Option<String>,
}

/// Typed access to `$ref` targets of one document.
pub struct Resolver<'a> {
    document: &'a Document,
}

/// Every `$ref` string the document writes, once each, after checking that each lands.
///
/// Fails with the first `$ref` in document order that does not land, naming where it is
/// written. Each distinct reference is resolved once: a large document writes the same few
/// thousand references hundreds of thousands of times. Only a failure pays for the walk that
/// keeps track of where each reference is written.
pub fn checked_references(document: &Document) -> Result<&FxHashSet<String>, Error> {
    let written = &document.references;
    let all_land = written
        .iter()
        .all(|reference| broken_ref_message(&document.raw, reference).is_none());
    if !all_land {
        // Where each is written: in path items left unparsed too.
        let raw = document.whole_raw()?;
        let mut broken = Vec::new();
        collect_broken_refs(&raw, &raw, &mut Vec::new(), &mut broken);
        if let Some((pointer, message)) = broken.first() {
            let more = match broken.len() {
                1 => String::new(),
                n => format!(" (and {} more broken references)", n - 1),
            };
            return Err(document.invalid(pointer, format!("{message}{more}")));
        }
    }
    Ok(written)
}

impl<'a> Resolver<'a> {
    pub fn new(document: &'a Document) -> Resolver<'a> {
        Resolver { document }
    }

    pub fn document(&self) -> &'a Document {
        self.document
    }

    /// Resolves a schema `$ref` string, e.g. `#/components/schemas/Share`.
    pub fn schema_reference(
        &self,
        reference: &str,
    ) -> Result<Resolved<'a, openapiv3::Schema>, Error> {
        let mut resolved = match self.component::<openapiv3::Schema>(reference) {
            Some(item) => self.follow(item)?,
            None => Resolved {
                value: Cow::Owned(self.deserialize_at(reference)?),
                target: None,
            },
        };
        resolved.target.get_or_insert_with(|| reference.to_owned());
        Ok(resolved)
    }

    pub fn parameter(
        &self,
        item: &'a ReferenceOr<openapiv3::Parameter>,
    ) -> Result<Resolved<'a, openapiv3::Parameter>, Error> {
        self.follow(item)
    }

    pub fn request_body(
        &self,
        item: &'a ReferenceOr<openapiv3::RequestBody>,
    ) -> Result<Resolved<'a, openapiv3::RequestBody>, Error> {
        self.follow(item)
    }

    pub fn response(
        &self,
        item: &'a ReferenceOr<openapiv3::Response>,
    ) -> Result<Resolved<'a, openapiv3::Response>, Error> {
        self.follow(item)
    }

    /// Follows a chain of references to a value, preferring `T`'s section of the typed
    /// components (`#/components/schemas/`) and falling back to deserialising the raw tree for
    /// references elsewhere in the document.
    fn follow<T: Component + Clone + DeserializeOwned>(
        &self,
        item: &'a ReferenceOr<T>,
    ) -> Result<Resolved<'a, T>, Error> {
        let mut current = item;
        let mut target = None;
        for _ in 0..MAX_REF_CHAIN {
            let reference = match current {
                ReferenceOr::Item(value) => {
                    return Ok(Resolved {
                        value: Cow::Borrowed(value),
                        target,
                    })
                }
                ReferenceOr::Reference { reference } => reference,
            };
            target = Some(reference.clone());
            match self.component(reference) {
                Some(next) => current = next,
                None => {
                    return self.deserialize_at(reference).map(|value| Resolved {
                        value: Cow::Owned(value),
                        target,
                    })
                }
            }
        }
        let pointer = target.unwrap_or_else(|| "#".to_owned());
        Err(self
            .document
            .invalid(&pointer, "`$ref` chain is cyclic or longer than 32 steps"))
    }

    /// The typed component `reference` names in `T`'s section (`#/components/schemas/…`), if
    /// it names one that reads.
    fn component<T: Component>(&self, reference: &str) -> Option<&'a ReferenceOr<T>> {
        self.document
            .component(&crate::load::named::<T>(reference)?)
    }

    fn deserialize_at<T: DeserializeOwned>(&self, reference: &str) -> Result<T, Error> {
        let raw = reference
            .strip_prefix('#')
            .and_then(|pointer| pointer_get(&self.document.raw, &percent_decode(pointer)))
            .ok_or_else(|| {
                self.document.invalid(
                    reference,
                    format!("`$ref` target {reference} does not exist"),
                )
            })?;
        serde_path_to_error::deserialize(raw).map_err(|error| {
            self.document.invalid(
                reference,
                format!(
                    "the `$ref` target {reference} has an unexpected shape: {}",
                    error.inner()
                ),
            )
        })
    }
}

/// One step of the walk from the root to a node: an object key or an array index.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Walks the tree keeping the path as borrowed segments, so a pointer string is built only for
/// a broken reference rather than for every node of a multi-megabyte document.
fn collect_broken_refs<'a>(
    root: &serde_json::Value,
    value: &'a serde_json::Value,
    path: &mut Vec<Segment<'a>>,
    broken: &mut Vec<(String, String)>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                path.push(Segment::Key(key));
                // A `$ref` that is no string is a name, such as a property called `$ref`,
                // and what it holds is walked as `load::for_each_reference` walks it.
                match (key.as_str(), child.as_str()) {
                    ("$ref", Some(reference)) => {
                        if let Some(message) = broken_ref_message(root, reference) {
                            broken.push((pointer_of(path), message));
                        }
                    }
                    _ => collect_broken_refs(root, child, path, broken),
                }
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (idx, child) in items.iter().enumerate() {
                path.push(Segment::Index(idx));
                collect_broken_refs(root, child, path, broken);
                path.pop();
            }
        }
        _ => {}
    }
}

fn pointer_of(path: &[Segment<'_>]) -> String {
    let mut pointer = String::from("#");
    for segment in path {
        match segment {
            Segment::Key(key) => {
                pointer.push('/');
                pointer.push_str(&crate::source_map::escape_segment(key));
            }
            Segment::Index(idx) => pointer.push_str(&format!("/{idx}")),
        }
    }
    pointer
}

/// Every `$ref` string `raw` writes, anywhere, borrowed.
fn broken_ref_message(root: &serde_json::Value, reference: &str) -> Option<String> {
    let Some(pointer) = reference.strip_prefix('#') else {
        return Some(format!(
            "external `$ref` {reference} is not supported; bundle the document into one file first"
        ));
    };
    let decoded = percent_decode(pointer);
    match pointer_get(root, &decoded) {
        Some(_) => None,
        None => Some(format!(
            "dangling `$ref`: {reference} does not exist in this document"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document whose only content is `schemas`, the JSON of its component schemas.
    fn with_schemas(schemas: &str) -> Document {
        let json = format!(
            r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}},
                "components": {{"schemas": {schemas}}}}}"#
        );
        crate::load::parse_document(String::from("api.json"), json).unwrap()
    }

    #[test]
    fn each_reference_is_listed_once_when_all_land() {
        let document = with_schemas(
            r##"{
                "A": {"type": "object", "properties": {
                    "b": {"$ref": "#/components/schemas/B"},
                    "c": {"type": "array", "items": {"$ref": "#/components/schemas/B"}}}},
                "B": {"type": "string"}}"##,
        );
        let references = checked_references(&document).unwrap();
        let expected: FxHashSet<String> = [String::from("#/components/schemas/B")]
            .into_iter()
            .collect();
        assert_eq!(references, &expected);
    }

    #[test]
    fn the_first_broken_reference_is_named_with_a_count_of_every_other_place() {
        // `Missing` is written twice, `Gone` once: three broken places, the first in
        // document order named.
        let document = with_schemas(
            r##"{
                "A": {"type": "object", "properties": {
                    "x": {"$ref": "#/components/schemas/Missing"},
                    "y": {"$ref": "#/components/schemas/Gone"},
                    "z": {"$ref": "#/components/schemas/Missing"}}}}"##,
        );
        let error = checked_references(&document).unwrap_err().to_string();
        assert!(
            error.contains("#/components/schemas/A/properties/x/$ref"),
            "{error}"
        );
        assert!(
            error.contains("dangling `$ref`: #/components/schemas/Missing does not exist"),
            "{error}"
        );
        assert!(error.contains("(and 2 more broken references)"), "{error}");
    }

    #[test]
    fn a_broken_reference_under_a_property_called_ref_is_found_where_it_is_written() {
        // A fuzzer's find: the walk took the property `$ref` for a reference and went no
        // deeper, so lowering met the broken one and warned at no place in the document.
        let document = with_schemas(
            r##"{"Order": {"properties": {"$ref": {"$ref": "other.yaml#/components/schemas/Pet"}}}}"##,
        );
        let error = checked_references(&document).unwrap_err().to_string();
        let place = "#/components/schemas/Order/properties/$ref/$ref";
        assert!(error.contains(place), "{error}");
    }
}
