//! Cargo features: one per top-level resource (all on by default), and the `cfg` each emitted
//! item needs, so that building one resource compiles that resource and the models it uses.
//!
//! Reachability is computed once from the IR: a model belongs to every top-level resource whose
//! operations reach it (parameters, bodies, success and error responses), transitively through
//! fields, map values, alternatives and newtypes. `validate` exists only for sending, so it
//! belongs to the resources that send the model. A model no operation reaches belongs to no
//! resource and is always compiled. This module owns the feature names; the emitters ask it for
//! the attribute to put on each item and never spell a feature themselves.
//!
//! Models that need the same features share one module of `models/` (a [`ModelSet`]), so the
//! `cfg` is written once per set, on its `mod` line, instead of on every item: Microsoft Graph's
//! models once spent 42 % of their bytes on feature lists.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, OperationId, Resource, TypeDef, TypeId, TypeRef};

/// Features the generated crate defines besides the resources' (`testing`), and Cargo's own.
const RESERVED: &[&str] = &["default", "testing"];

/// The resources' features and which of them each model needs.
pub struct Features {
    /// The feature of each top-level resource, in `Api::resources` order.
    names: Vec<String>,
    /// Per type, by id index: the top-level resources whose operations reach it, ascending.
    reached_by: Vec<Vec<usize>>,
    /// Per type, by id index: the top-level resources whose operations send it, ascending.
    sent_by: Vec<Vec<usize>>,
    /// The distinct feature lists of models and of their `validate`, by module name.
    sets: Vec<ModelSet>,
    /// Each list's index in `sets`.
    set_of: BTreeMap<Vec<usize>, usize>,
}

/// Models that compile with exactly the same features: one module of `models/`, gated once.
#[derive(Hash)]
pub struct ModelSet {
    /// The module's name: the feature's resource module when there is one feature, else the
    /// first one's `_and_N_more`, numbered when two sets would share a name.
    pub module: String,
    /// The top-level resources whose features compile it, ascending.
    resources: Vec<usize>,
}

/// Where a model's `validate` goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidateHome {
    /// In the model's own inherent `impl`: the same features send and use it.
    WithModel,
    /// In an `impl` of its own, in the module of the set at this index of [`Features::sets`].
    Set(usize),
    /// Nowhere: no resource sends it.
    Nowhere,
}

impl Features {
    /// Names every top-level resource's feature and computes which resources reach each model.
    pub fn of(api: &Api) -> Features {
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|name| (*name).to_owned()).collect();
        let names = api
            .resources()
            .iter()
            .map(|resource| claim(&mut taken, feature_name(&resource.name), '-'))
            .collect();
        let mut reached_by = vec![Vec::new(); api.types.len()];
        let mut sent_by = vec![Vec::new(); api.types.len()];
        for (resource_idx, resource) in api.resources().iter().enumerate() {
            let mut operations = Vec::new();
            collect_operations(resource, &mut operations);
            let operations: Vec<_> = operations.iter().map(|id| api.operation(*id)).collect();
            let everything = operations
                .iter()
                .flat_map(|operation| operation.type_refs());
            mark(api, everything, resource_idx, &mut reached_by);
            let sent = operations.iter().flat_map(|operation| {
                let params = operation.params.iter().map(|param| &param.ty);
                params.chain(operation.body.as_ref().map(|body| &body.ty))
            });
            mark(api, sent, resource_idx, &mut sent_by);
        }
        let (sets, set_of) = model_sets(api, &reached_by, &sent_by);
        Features {
            names,
            reached_by,
            sent_by,
            sets,
            set_of,
        }
    }

    /// The index in `Api::resources` of the resource whose feature is `feature`.
    pub fn resource_of(&self, feature: &str) -> Option<usize> {
        self.names.iter().position(|name| name == feature)
    }

    /// The modules of `models/`, sorted by name.
    pub fn sets(&self) -> &[ModelSet] {
        &self.sets
    }

    /// Everything [`Features::sets`], [`Features::set_cfg`] and [`Features::set_feature_names`]
    /// answer from, for the key of a piece made from them.
    pub fn sets_identity(&self) -> impl std::hash::Hash + '_ {
        (&self.names, &self.sets)
    }

    /// The index in [`Features::sets`] of the module that holds `type_def`, or `None` when no
    /// operation reaches it and it is always compiled, in `models.rs` itself.
    pub fn model_set(&self, type_def: &TypeDef) -> Option<usize> {
        let reached_by = &self.reached_by[type_def.id.index()];
        (!reached_by.is_empty()).then(|| self.set_of[reached_by])
    }

    /// Where `validate` goes for a model that has one: with the model when the features that
    /// send it are the ones that compile it, else in the module of the narrower set.
    pub fn validate_home(&self, type_def: &TypeDef) -> ValidateHome {
        let (reached_by, sent_by) = (
            &self.reached_by[type_def.id.index()],
            &self.sent_by[type_def.id.index()],
        );
        if reached_by.is_empty() || sent_by == reached_by {
            ValidateHome::WithModel
        } else if sent_by.is_empty() {
            ValidateHome::Nowhere
        } else {
            ValidateHome::Set(self.set_of[sent_by])
        }
    }

    /// `#[cfg(…)]` for the set at `set_idx` of [`Features::sets`].
    pub fn set_cfg(&self, set_idx: usize) -> TokenStream {
        self.cfg(&self.sets[set_idx].resources)
    }

    /// The features of the set at `set_idx`, for its module's docs.
    pub fn set_feature_names(&self, set_idx: usize) -> impl Iterator<Item = &str> {
        self.sets[set_idx]
            .resources
            .iter()
            .map(|idx| self.names[*idx].as_str())
    }

    /// `#[cfg(feature = "…")]` for the top-level resource at `resource_idx` of `Api::resources`.
    pub fn resource_cfg(&self, resource_idx: usize) -> TokenStream {
        self.cfg(&[resource_idx])
    }

    /// The same attribute as text, for files written without `quote`.
    pub fn resource_cfg_line(&self, resource_idx: usize) -> String {
        format!("#[cfg({})]", self.resource_predicate(resource_idx))
    }

    /// The feature of the top-level resource at `resource_idx`, which every spelling of its
    /// predicate is made from (so a memo key can state the predicate by it).
    pub fn resource_feature(&self, resource_idx: usize) -> &str {
        &self.names[resource_idx]
    }

    /// `feature = "…"`, the predicate alone, for `cfg_attr` written as text.
    pub fn resource_predicate(&self, resource_idx: usize) -> String {
        format!("feature = {:?}", self.resource_feature(resource_idx))
    }

    /// The predicate alone as tokens, for `cfg_attr`.
    pub fn resource_predicate_tokens(&self, resource_idx: usize) -> TokenStream {
        let name = self.resource_feature(resource_idx);
        quote! { feature = #name }
    }

    /// The `[features]` lines for the resources: `default` enables them all.
    pub fn cargo_lines(&self) -> String {
        let defaults: String = self
            .names
            .iter()
            .map(|name| format!("    {name:?},\n"))
            .collect();
        let each: String = self
            .names
            .iter()
            .map(|name| format!("{name} = []\n"))
            .collect();
        format!(
            "# One feature per top-level resource, each with the models its operations use; all by default.\n\
             default = [\n{defaults}]\n{each}"
        )
    }

    fn cfg(&self, resources: &[usize]) -> TokenStream {
        let names = resources.iter().map(|idx| self.names[*idx].as_str());
        match resources {
            [_] => quote! { #[cfg(#( feature = #names )*)] },
            _ => quote! { #[cfg(any(#( feature = #names ),*))] },
        }
    }
}

/// A resource's module name (`dns_records_for_a_zone`) as a feature (`dns-records-for-a-zone`).
fn feature_name(module: &str) -> String {
    let name = module.trim_matches('_').replace('_', "-");
    match name.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => name,
        _ => format!("resource-{name}").trim_end_matches('-').to_owned(),
    }
}

/// `name`, or `name-2`, `name-3`… (with `separator`) when it is reserved or taken.
fn claim(taken: &mut BTreeSet<String>, name: String, separator: char) -> String {
    let mut candidate = name.clone();
    let mut suffix = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{separator}{suffix}");
        suffix += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

pub(super) fn collect_operations(resource: &Resource, operations: &mut Vec<OperationId>) {
    operations.extend(&resource.operations);
    for child in &resource.children {
        collect_operations(child, operations);
    }
}

/// Adds `resource_idx` to every type `roots` reach; resources are marked in ascending order,
/// so each list stays sorted and a type is pushed once per resource.
fn mark<'a>(
    api: &Api,
    roots: impl Iterator<Item = &'a TypeRef>,
    resource_idx: usize,
    marks: &mut [Vec<usize>],
) {
    let mut pending: Vec<TypeId> = Vec::new();
    let push_named = |ty: &TypeRef, pending: &mut Vec<TypeId>| {
        ty.walk(&mut |ty| {
            if let TypeRef::Named(id) = ty {
                pending.push(*id);
            }
        })
    };
    for root in roots {
        push_named(root, &mut pending);
    }
    while let Some(id) = pending.pop() {
        let marked = &mut marks[id.index()];
        if marked.last() == Some(&resource_idx) {
            continue;
        }
        marked.push(resource_idx);
        for child in api.type_def(id).kind.type_refs() {
            push_named(child, &mut pending);
        }
    }
}

/// The distinct feature lists of models and of their `validate`, named and sorted by name, and
/// each list's index among them.
fn model_sets(
    api: &Api,
    reached_by: &[Vec<usize>],
    sent_by: &[Vec<usize>],
) -> (Vec<ModelSet>, BTreeMap<Vec<usize>, usize>) {
    let lists: BTreeSet<&Vec<usize>> = reached_by
        .iter()
        .chain(sent_by)
        .filter(|list| !list.is_empty())
        .collect();
    // Named in the order of the lists themselves, so a set's name does not depend on the
    // order of the document's schemas.
    let mut taken = BTreeSet::new();
    let mut sets: Vec<ModelSet> = lists
        .into_iter()
        .map(|resources| {
            let first = &api.resources()[resources[0]].name;
            let name = match resources.len() {
                1 => first.clone(),
                n => format!("{}_and_{}_more", first.trim_end_matches('_'), n - 1),
            };
            ModelSet {
                module: claim(&mut taken, name, '_'),
                resources: resources.clone(),
            }
        })
        .collect();
    sets.sort_by(|a, b| a.module.cmp(&b.module));
    let set_of = sets
        .iter()
        .enumerate()
        .map(|(idx, set)| (set.resources.clone(), idx))
        .collect();
    (sets, set_of)
}
