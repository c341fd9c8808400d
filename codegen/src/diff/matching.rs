//! Which old item is which new item: types by name, then by the pointer they were declared at;
//! operations by `operationId`, then by method and path with parameter names normalised.
//!
//! Also answers whether two type references name the same Rust type, since that needs the type
//! matches. It depends on the IR only.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, IntegerKind, OperationId, PathSegment, PathTemplate, TypeId, TypeRef};

/// The two APIs and how their named types correspond.
pub struct Apis<'a> {
    pub old: &'a Api,
    pub new: &'a Api,
    old_to_new: BTreeMap<TypeId, TypeId>,
}

/// One operation on either side: matched, removed (`new` is `None`) or added (`old` is `None`).
#[derive(Clone, Copy, Debug)]
pub struct OperationPair {
    pub old: Option<OperationId>,
    pub new: Option<OperationId>,
}

impl<'a> Apis<'a> {
    /// Matches named types: the same Rust name first, then the same declaring pointer (a rename).
    pub fn match_types(old: &'a Api, new: &'a Api) -> Apis<'a> {
        let mut old_to_new = BTreeMap::new();
        let new_by_name: BTreeMap<&str, TypeId> = new
            .types
            .iter()
            .map(|type_def| (type_def.name.as_str(), type_def.id))
            .collect();
        for type_def in &old.types {
            if let Some(new_id) = new_by_name.get(type_def.name.as_str()) {
                old_to_new.insert(type_def.id, *new_id);
            }
        }
        let taken: BTreeSet<TypeId> = old_to_new.values().copied().collect();
        let new_by_pointer: BTreeMap<&str, TypeId> = new
            .types
            .iter()
            .filter(|type_def| !taken.contains(&type_def.id))
            .map(|type_def| (type_def.pointer.as_str(), type_def.id))
            .collect();
        for type_def in &old.types {
            if old_to_new.contains_key(&type_def.id) {
                continue;
            }
            if let Some(new_id) = new_by_pointer.get(type_def.pointer.as_str()) {
                old_to_new.insert(type_def.id, *new_id);
            }
        }
        Apis {
            old,
            new,
            old_to_new,
        }
    }

    /// Matched types as (old, new), in the old API's order.
    pub fn type_pairs(&self) -> impl Iterator<Item = (TypeId, TypeId)> + '_ {
        self.old_to_new.iter().map(|(old, new)| (*old, *new))
    }

    /// Old types with no counterpart.
    pub fn removed_types(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.old
            .types
            .iter()
            .map(|type_def| type_def.id)
            .filter(|id| !self.old_to_new.contains_key(id))
    }

    /// New types with no counterpart.
    pub fn added_types(&self) -> impl Iterator<Item = TypeId> + '_ {
        let matched: BTreeSet<TypeId> = self.old_to_new.values().copied().collect();
        self.new
            .types
            .iter()
            .map(|type_def| type_def.id)
            .filter(move |id| !matched.contains(id))
    }

    /// Whether `old` and `new` are the same Rust type: the same shape, with named types matched.
    pub fn same_type(&self, old: &TypeRef, new: &TypeRef) -> bool {
        match (old, new) {
            (TypeRef::Named(old_id), TypeRef::Named(new_id)) => {
                self.old_to_new.get(old_id) == Some(new_id)
            }
            (TypeRef::Array(old), TypeRef::Array(new))
            | (TypeRef::Map(old), TypeRef::Map(new))
            | (TypeRef::Boxed(old), TypeRef::Boxed(new)) => self.same_type(old, new),
            // A fallback's reason is prose; the Rust type is `Value` either way.
            (TypeRef::Json { .. }, TypeRef::Json { .. }) => true,
            _ => old == new,
        }
    }

    /// Pairs every operation: by `operationId`, then by method and normalised path.
    pub fn match_operations(&self) -> Vec<OperationPair> {
        let mut pairs = Vec::new();
        let mut new_taken = BTreeSet::new();
        let mut unmatched_old = Vec::new();
        for (old_id, old_op) in self.old.operations_with_ids() {
            let found = self.new.operations_with_ids().find(|(new_id, new_op)| {
                !new_taken.contains(new_id)
                    && old_op.operation_id.is_some()
                    && old_op.operation_id == new_op.operation_id
            });
            match found {
                Some((new_id, _)) => {
                    new_taken.insert(new_id);
                    pairs.push(OperationPair {
                        old: Some(old_id),
                        new: Some(new_id),
                    });
                }
                None => unmatched_old.push(old_id),
            }
        }
        for old_id in unmatched_old {
            let old_op = self.old.operation(old_id);
            let found = self.new.operations_with_ids().find(|(new_id, new_op)| {
                !new_taken.contains(new_id)
                    && new_op.method == old_op.method
                    && path_shape(&new_op.path) == path_shape(&old_op.path)
            });
            let new = found.map(|(new_id, _)| new_id);
            new_taken.extend(new);
            pairs.push(OperationPair {
                old: Some(old_id),
                new,
            });
        }
        for (new_id, _) in self.new.operations_with_ids() {
            if !new_taken.contains(&new_id) {
                pairs.push(OperationPair {
                    old: None,
                    new: Some(new_id),
                });
            }
        }
        pairs
    }
}

/// How a reference reads in Rust, for messages: `Vec<Share>`, `Option` is added by callers.
pub fn type_label(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        TypeRef::Array(inner) => format!("Vec<{}>", type_label(api, inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", type_label(api, inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_label(api, inner)),
        other => rust_spelling(other).to_owned(),
    }
}

/// The path with every parameter name replaced by `{}`, so a renamed parameter still matches.
pub fn path_shape(path: &PathTemplate) -> String {
    path.segments()
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => text.as_str(),
            PathSegment::Param(_) => "{}",
        })
        .collect()
}

/// The Rust spelling of a type that names no model (named and nested types are handled above).
fn rust_spelling(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::Binary => "String",
        TypeRef::Bool => "bool",
        TypeRef::Integer(IntegerKind::I32) => "i32",
        TypeRef::Integer(IntegerKind::I64) => "i64",
        TypeRef::Integer(IntegerKind::U32) => "u32",
        TypeRef::Integer(IntegerKind::U64) => "u64",
        TypeRef::Number => "f64",
        TypeRef::DateTime => "DateTime<Utc>",
        TypeRef::Date => "NaiveDate",
        TypeRef::Uuid => "Uuid",
        TypeRef::Base64 => "Base64",
        TypeRef::File => "FilePart",
        TypeRef::JsonObject => "Map<String, Value>",
        TypeRef::Json { .. } => "Value",
        TypeRef::Unit => "()",
        TypeRef::Array(_) => "Vec<_>",
        TypeRef::Map(_) => "BTreeMap<String, _>",
        TypeRef::Named(_) => "_",
        TypeRef::Boxed(_) => "Box<_>",
    }
}
