//! Token helpers every emitter uses: identifiers, the Rust type of a [`TypeRef`], and "bind if
//! present". A leaf: it depends on the IR and nothing else in `emit`, so emitters depend on it
//! and never on each other.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, IntegerKind, TypeKind, TypeRef};

/// An identifier from a name lowering made (snake_case or PascalCase, keywords already suffixed).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for a use site in the crate (models are referred to through `crate::models`).
pub fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Binary => quote! { ::std::string::String },
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer(IntegerKind::I32) => quote! { i32 },
        TypeRef::Integer(IntegerKind::I64) => quote! { i64 },
        TypeRef::Integer(IntegerKind::U32) => quote! { u32 },
        TypeRef::Integer(IntegerKind::U64) => quote! { u64 },
        TypeRef::Number => quote! { f64 },
        TypeRef::DateTime => quote! { ::chrono::DateTime<::chrono::Utc> },
        TypeRef::Date => quote! { ::chrono::NaiveDate },
        TypeRef::Uuid => quote! { ::uuid::Uuid },
        TypeRef::Base64 => quote! { crate::runtime::Base64 },
        TypeRef::File => quote! { crate::runtime::FilePart },
        TypeRef::JsonObject => {
            quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> }
        }
        TypeRef::Json { .. } => quote! { ::serde_json::Value },
        TypeRef::Unit => quote! { () },
        TypeRef::Array(inner) => {
            let inner = type_tokens(api, inner);
            quote! { ::std::vec::Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(api, inner);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        TypeRef::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            quote! { crate::models::#name }
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(api, inner);
            quote! { ::std::boxed::Box<#inner> }
        }
    }
}

/// Whether the named type at `ty` is an enum (it then has `as_str` and `VALUES`).
pub fn is_enum(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Enum(_)))
}

/// Whether the named type at `ty` has a `validate` method: structs and unions that are sent.
pub fn is_validated(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if {
        let type_def = api.type_def(*id);
        matches!(type_def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) && type_def.used_in_request
    })
}

/// Runs `body` with `binding` bound to the value of `place`: directly when `required`, else
/// only when the `Option` at `place` is `Some`.
pub fn bind_if_present(
    required: bool,
    binding: &TokenStream,
    place: &TokenStream,
    body: &TokenStream,
) -> TokenStream {
    if required {
        return quote! { { let #binding = &#place; #body } };
    }
    quote! {
        if let ::std::option::Option::Some(#binding) = &#place {
            #body
        }
    }
}
