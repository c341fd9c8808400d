//! Which `$ref` targets a schema reaches: the question lowering asks of every array, map and
//! union that might contain itself.
//!
//! Each target is visited once per question: a path guard (enter, then leave) would walk
//! every path through the graph, which is exponential on densely connected documents such as
//! Stripe's. The references each target's schema writes (inline children included) are
//! collected once per target and remembered, so a question walks short lists of ids instead
//! of every schema it can reach.

use openapiv3::Schema;
use rustc_hash::{FxHashMap, FxHashSet};

use super::view::{schema_children, Child};
use crate::resolve::Resolver;

/// A target of `$ref`s, by its place in [`ReferenceGraph::landings`].
type Landing = usize;

/// The document's references as a graph of landings, filled in as questions reach them.
#[derive(Default)]
pub struct ReferenceGraph {
    /// Each landing's id: the pointer a chain of `$ref`s ends on (`#/components/schemas/A`).
    ids: FxHashMap<String, Landing>,
    /// Each landing's pointer, by id.
    landings: Vec<String>,
    /// Where each written reference lands; `None` when it does not resolve.
    by_reference: FxHashMap<String, Option<Landing>>,
    /// The landings each landing's schema refers to, by id; `None` until first needed.
    edges: Vec<Option<Box<[Landing]>>>,
}

impl ReferenceGraph {
    /// Whether `schema` refers to `target` through one or more `$ref`s, directly or through
    /// the schemas those land on.
    pub fn reaches(&mut self, resolver: &Resolver, schema: &Schema, target: &str) -> bool {
        let target = self.id(target);
        let mut pending = self.referred(resolver, schema);
        let mut visited = FxHashSet::default();
        while let Some(landing) = pending.pop() {
            if landing == target {
                return true;
            }
            if visited.insert(landing) {
                pending.extend_from_slice(self.edges_of(resolver, landing));
            }
        }
        false
    }

    /// The landings of every `$ref` written in `schema` or in the schemas inline in it.
    fn referred(&mut self, resolver: &Resolver, schema: &Schema) -> Vec<Landing> {
        let mut found = Vec::new();
        let mut inline = vec![schema];
        while let Some(schema) = inline.pop() {
            for child in schema_children(schema) {
                match child {
                    Child::Inline(nested) => inline.push(nested),
                    Child::Reference(reference) => {
                        found.extend(self.landing_of(resolver, reference));
                    }
                }
            }
        }
        found
    }

    fn edges_of(&mut self, resolver: &Resolver, landing: Landing) -> &[Landing] {
        if self.edges[landing].is_none() {
            // A landing resolves to its own schema: it ends every chain that reaches it.
            let edges = match resolver.schema_reference(&self.landings[landing]) {
                Ok(resolved) => self.referred(resolver, &resolved.value),
                Err(_) => Vec::new(),
            };
            self.edges[landing] = Some(edges.into_boxed_slice());
        }
        self.edges[landing].as_deref().unwrap_or_default()
    }

    fn landing_of(&mut self, resolver: &Resolver, reference: &str) -> Option<Landing> {
        if let Some(landing) = self.by_reference.get(reference) {
            return *landing;
        }
        let landing = resolver.schema_reference(reference).ok().map(|resolved| {
            let pointer = resolved.target.as_deref().unwrap_or(reference);
            self.id(pointer)
        });
        self.by_reference.insert(reference.to_owned(), landing);
        landing
    }

    fn id(&mut self, pointer: &str) -> Landing {
        if let Some(&id) = self.ids.get(pointer) {
            return id;
        }
        let id = self.landings.len();
        self.ids.insert(pointer.to_owned(), id);
        self.landings.push(pointer.to_owned());
        self.edges.push(None);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_schemas(schemas: &str) -> crate::load::Document {
        let json = format!(
            r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}},
                "components": {{"schemas": {schemas}}}}}"#
        );
        crate::load::parse_document(String::from("api.json"), json).unwrap()
    }

    fn component<'d>(document: &'d crate::load::Document, name: &str) -> &'d Schema {
        let schema = document.component::<Schema>(name);
        schema.unwrap().as_item().unwrap()
    }

    /// Reachability through inline children, chains of `$ref`s and a cycle that does not
    /// pass through the target, asked in an order that reuses what earlier questions collected.
    #[test]
    fn a_schema_reaches_a_target_only_through_written_references() {
        let document = with_schemas(
            r##"{
                "Tree": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                "Node": {"oneOf": [
                    {"type": "string"},
                    {"type": "object", "properties": {
                        "children": {"$ref": "#/components/schemas/Alias"}}}]},
                "Alias": {"$ref": "#/components/schemas/Tree"},
                "Leaf": {"type": "array", "items": {"$ref": "#/components/schemas/Loop"}},
                "Loop": {"type": "object", "properties": {
                    "again": {"$ref": "#/components/schemas/Loop"},
                    "tree": {"$ref": "#/components/schemas/Tree"}}}
            }"##,
        );
        let resolver = Resolver::new(&document);
        let mut graph = ReferenceGraph::default();
        let tree = "#/components/schemas/Tree";
        let leaf = "#/components/schemas/Leaf";
        assert!(graph.reaches(&resolver, component(&document, "Tree"), tree));
        assert!(graph.reaches(&resolver, component(&document, "Node"), tree));
        assert!(!graph.reaches(&resolver, component(&document, "Leaf"), leaf));
        assert!(graph.reaches(&resolver, component(&document, "Leaf"), tree));
        assert!(!graph.reaches(&resolver, component(&document, "Loop"), leaf));
    }
}
