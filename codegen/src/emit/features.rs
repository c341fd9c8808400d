//! Cargo features: one per top-level resource (all on by default), and the `cfg` each emitted
//! item needs, so that building one resource compiles that resource and the models it uses.
//!
//! Reachability is computed once from the IR: a model belongs to every top-level resource whose
//! operations reach it (parameters, bodies, success and error responses), transitively through
//! fields, map values, alternatives and newtypes. `validate` exists only for sending, so it
//! belongs to the resources that send the model. A model no operation reaches belongs to no
//! resource and is always compiled. This module owns the feature names; the emitters ask it for
//! the attribute to put on each item and never spell a feature themselves.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

use super::items;
use super::members::ModelMember;
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
}

impl Features {
    /// Names every top-level resource's feature and computes which resources reach each model.
    pub fn of(api: &Api) -> Features {
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|name| (*name).to_owned()).collect();
        let names = api
            .resources
            .iter()
            .map(|resource| claim(&mut taken, feature_name(&resource.name)))
            .collect();
        let mut reached_by = vec![Vec::new(); api.types.len()];
        let mut sent_by = vec![Vec::new(); api.types.len()];
        for (resource_idx, resource) in api.resources.iter().enumerate() {
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
        Features {
            names,
            reached_by,
            sent_by,
        }
    }

    /// `#[cfg(feature = "…")]` for the top-level resource at `resource_idx` of `Api::resources`.
    pub fn resource_cfg(&self, resource_idx: usize) -> TokenStream {
        self.cfg(&[resource_idx])
    }

    /// The same attribute as text, for files written without `quote`.
    pub fn resource_cfg_line(&self, resource_idx: usize) -> String {
        format!("#[cfg({})]", self.resource_predicate(resource_idx))
    }

    /// `feature = "…"`, the predicate alone, for `cfg_attr` written as text.
    pub fn resource_predicate(&self, resource_idx: usize) -> String {
        format!("feature = {:?}", self.names[resource_idx])
    }

    /// The predicate alone as tokens, for `cfg_attr`.
    pub fn resource_predicate_tokens(&self, resource_idx: usize) -> TokenStream {
        let name = &self.names[resource_idx];
        quote! { feature = #name }
    }

    /// Puts the model's `cfg` on every item `tokens` declares for it, and the narrower one of
    /// the resources that send it on its `validate`. Works on tokens, not syntax trees: the
    /// formatter parses each item once, and a model parsed here too cost a quarter of all the
    /// generator's time.
    pub fn gate_model(&self, type_def: &TypeDef, tokens: TokenStream) -> TokenStream {
        let reached_by = &self.reached_by[type_def.id.index()];
        if reached_by.is_empty() {
            return tokens;
        }
        let item_cfg = self.cfg(reached_by);
        let validate_cfg = self.cfg(&self.sent_by[type_def.id.index()]);
        items::split(tokens)
            .into_iter()
            .flat_map(|item| insert_after_docs(gate_validate(item, &validate_cfg), &item_cfg))
            .collect()
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

/// `name`, or `name-2`, `name-3`… when it is reserved or another resource has it.
fn claim(taken: &mut BTreeSet<String>, name: String) -> String {
    let mut candidate = name.clone();
    let mut suffix = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}-{suffix}");
        suffix += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn collect_operations(resource: &Resource, operations: &mut Vec<OperationId>) {
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

/// `validate` exists for sending only, so in an inherent `impl` it needs one of the resources
/// that send the model.
fn gate_validate(mut item: Vec<TokenTree>, validate_cfg: &TokenStream) -> Vec<TokenTree> {
    let head = &item[items::docs_len(&item)..];
    let is_inherent_impl = head
        .iter()
        .find(|tree| !matches!(tree, TokenTree::Punct(_) | TokenTree::Group(_)))
        .is_some_and(|tree| matches!(tree, TokenTree::Ident(word) if word == "impl"))
        && !head
            .iter()
            .any(|tree| matches!(tree, TokenTree::Ident(word) if word == "for"));
    let Some(TokenTree::Group(body)) = item.last() else {
        return item;
    };
    if !is_inherent_impl || body.delimiter() != Delimiter::Brace {
        return item;
    }
    let validate = ModelMember::Validate.name();
    let methods = items::split(body.stream()).into_iter().flat_map(|method| {
        let is_validate = method.windows(2).any(|pair| {
            matches!(pair, [TokenTree::Ident(keyword), TokenTree::Ident(name)]
                if keyword == "fn" && *name == validate)
        });
        if is_validate {
            insert_after_docs(method, validate_cfg)
        } else {
            method
        }
    });
    let body = Group::new(Delimiter::Brace, methods.collect());
    if let Some(last) = item.last_mut() {
        *last = TokenTree::Group(body);
    }
    item
}

/// Docs stay first, as a reader expects them.
fn insert_after_docs(mut item: Vec<TokenTree>, cfg: &TokenStream) -> Vec<TokenTree> {
    let at = items::docs_len(&item);
    item.splice(at..at, cfg.clone());
    item
}
