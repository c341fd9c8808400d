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

use proc_macro2::TokenStream;
use quote::quote;

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
    /// the resources that send it on its `validate`.
    pub fn gate_model(&self, type_def: &TypeDef, tokens: TokenStream) -> TokenStream {
        let reached_by = &self.reached_by[type_def.id.index()];
        if reached_by.is_empty() {
            return tokens;
        }
        let file: syn::File = match syn::parse2(tokens.clone()) {
            Ok(file) => file,
            // Unparsable tokens fail formatting with a located error; keep them as they are.
            Err(_) => return tokens,
        };
        let item_cfg = self.cfg_attribute(reached_by);
        let validate_cfg = self.cfg_attribute(&self.sent_by[type_def.id.index()]);
        let items = file.items.into_iter().map(|mut item| {
            if let syn::Item::Impl(block) = &mut item {
                gate_validate(block, &validate_cfg);
            }
            match item_attrs(&mut item) {
                Some(attrs) => insert_after_docs(attrs, item_cfg.clone()),
                None => return quote! { #item_cfg #item },
            }
            quote! { #item }
        });
        quote! { #( #items )* }
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

    fn cfg_attribute(&self, resources: &[usize]) -> syn::Attribute {
        let cfg = self.cfg(resources);
        syn::parse_quote!(#cfg)
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

/// `validate` exists for sending only, so it needs one of the resources that send the model.
fn gate_validate(block: &mut syn::ItemImpl, validate_cfg: &syn::Attribute) {
    if block.trait_.is_some() {
        return;
    }
    for impl_item in &mut block.items {
        if let syn::ImplItem::Fn(method) = impl_item {
            if method.sig.ident == ModelMember::Validate.name() {
                insert_after_docs(&mut method.attrs, validate_cfg.clone());
            }
        }
    }
}

/// The attributes of the item kinds models declare.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(item) => Some(&mut item.attrs),
        syn::Item::Enum(item) => Some(&mut item.attrs),
        syn::Item::Impl(item) => Some(&mut item.attrs),
        syn::Item::Const(item) => Some(&mut item.attrs),
        syn::Item::Type(item) => Some(&mut item.attrs),
        syn::Item::Fn(item) => Some(&mut item.attrs),
        syn::Item::Mod(item) => Some(&mut item.attrs),
        _ => None,
    }
}

/// Docs stay first, as a reader expects them.
fn insert_after_docs(attrs: &mut Vec<syn::Attribute>, cfg: syn::Attribute) {
    let n_docs = attrs
        .iter()
        .take_while(|attr| attr.path().is_ident("doc"))
        .count();
    attrs.insert(n_docs, cfg);
}
