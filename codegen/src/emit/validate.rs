//! Emits client-side checks of the spec's constraints, run before a request is sent.
//!
//! The checks call `crate::runtime::validate`; this module only decides which apply to a value.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{ident, is_enum, is_validated};
use super::tokens::moved;
use crate::ir::{Api, Constraints, TypeRef};

/// Statements checking `value` (an expression of type `&T`) against `constraints`; `path` names
/// where it sits, as a `runtime::validate::Place`: a parameter's name, `at` (the place a
/// `validate` method is given), or a tuple naming a property or item of another place.
pub fn value_checks(
    api: &Api,
    ty: &TypeRef,
    constraints: &Constraints,
    value: &TokenStream,
    path: &TokenStream,
) -> Option<TokenStream> {
    nested_value_checks(api, ty, constraints, value, path, 0)
}

/// The loop variables of the list or map `depth` containers in: `idx`, `key` and `item` at the
/// first level, `idx_2`, `key_2` and `item_2` inside it, and so on, so that an inner loop never
/// shadows a name its place still spells (a map of maps names both keys).
fn loop_names(depth: usize) -> [proc_macro2::Ident; 3] {
    let suffix = match depth {
        0 => String::new(),
        depth => format!("_{}", depth + 1),
    };
    ["idx", "key", "item"].map(|name| ident(&format!("{name}{suffix}")))
}

fn nested_value_checks(
    api: &Api,
    ty: &TypeRef,
    constraints: &Constraints,
    value: &TokenStream,
    path: &TokenStream,
    depth: usize,
) -> Option<TokenStream> {
    let mut checks = Vec::new();
    let [idx, key, item] = loop_names(depth);
    match ty {
        TypeRef::String => {
            if let Some(max) = constraints.max_length {
                checks.push(quote! { crate::runtime::validate::max_length(#path, #value, #max)?; });
            }
            if let Some(min) = constraints.min_length {
                checks.push(quote! { crate::runtime::validate::min_length(#path, #value, #min)?; });
            }
        }
        TypeRef::Integer(_) | TypeRef::Number => {
            let as_f64 = match ty {
                TypeRef::Number => quote! { *#value },
                _ => quote! { *#value as f64 },
            };
            if let Some(bound) = constraints.minimum {
                let (limit, exclusive) = (bound.value, bound.exclusive);
                checks.push(quote! { crate::runtime::validate::minimum(#path, #as_f64, #limit, #exclusive)?; });
            }
            if let Some(bound) = constraints.maximum {
                let (limit, exclusive) = (bound.value, bound.exclusive);
                checks.push(quote! { crate::runtime::validate::maximum(#path, #as_f64, #limit, #exclusive)?; });
            }
        }
        TypeRef::Array(inner) => {
            if let Some(max) = constraints.max_items {
                checks.push(
                    quote! { crate::runtime::validate::max_items(#path, #value.len(), #max)?; },
                );
            }
            if let Some(min) = constraints.min_items {
                checks.push(
                    quote! { crate::runtime::validate::min_items(#path, #value.len(), #min)?; },
                );
            }
            // A list of enum values is checked in one call.
            if let TypeRef::Named(id) = &**inner {
                if is_enum(api, inner) {
                    let name = ident(&api.type_def(*id).name);
                    checks.push(quote! { crate::runtime::validate::known_values(#path, #value, crate::models::#name::VALUES)?; });
                    let checks = checks.into_iter().map(moved);
                    return Some(quote! { #( #checks )* });
                }
            }
            let item_checks = nested_value_checks(
                api,
                inner,
                &Constraints::default(),
                &quote! { #item },
                &quote! { (#path, #idx) },
                depth + 1,
            );
            if let Some(item_checks) = item_checks.map(moved) {
                checks.push(quote! {
                    for (#idx, #item) in #value.iter().enumerate() {
                        #item_checks
                    }
                });
            }
        }
        TypeRef::Map(inner) => {
            let value_checks = nested_value_checks(
                api,
                inner,
                &Constraints::default(),
                &quote! { #item },
                &quote! { (#path, #key.as_str()) },
                depth + 1,
            );
            if let Some(value_checks) = value_checks.map(moved) {
                checks.push(quote! {
                    for (#key, #item) in #value.iter() {
                        #value_checks
                    }
                });
            }
        }
        TypeRef::Named(id) if is_enum(api, ty) => {
            let name = ident(&api.type_def(*id).name);
            checks.push(quote! { crate::runtime::validate::known_value(#path, #value.as_str(), crate::models::#name::VALUES)?; });
        }
        // Structs and unions that are sent check themselves, alternatives and map values included.
        TypeRef::Named(_) if is_validated(api, ty) => {
            let place = as_dyn_place(path);
            checks.push(quote! { #value.validate(#place)?; });
        }
        // Method calls see through the box, so the inner checks apply as they are.
        TypeRef::Boxed(inner) => {
            return nested_value_checks(api, inner, constraints, value, path, depth)
        }
        _ => {}
    }
    if checks.is_empty() {
        None
    } else {
        let checks = checks.into_iter().map(moved);
        Some(quote! { #( #checks )* })
    }
}

/// `path` as the `&dyn Place` a `validate` method takes: `at` is one already; any other place
/// is borrowed.
fn as_dyn_place(path: &TokenStream) -> TokenStream {
    let mut trees = path.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(proc_macro2::TokenTree::Ident(at)), None) if at == "at" => path.clone(),
        _ => quote! { &#path },
    }
}
