//! Token helpers every emitter uses: identifiers, the Rust type of a [`TypeRef`], of a body and
//! of what an operation returns, and "bind if present". A leaf: it depends on the IR and nothing else in `emit`, so emitters depend on it
//! and never on each other.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::prelude::{Std, BOX, SOME, STRING, VEC};
use super::tokens::moved;
use crate::ir::{Api, BodyKind, Decode, IntegerKind, Operation, Resource, TypeKind, TypeRef};

/// An identifier from a name lowering made (snake_case or PascalCase, keywords already suffixed).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// How many operations one piece of a resource module holds (in `resources/` and in `fake/`
/// alike): their methods, in an `impl` block of their own, and their builders or inputs. A
/// resource with hundreds of operations is then formatted on every core, never held whole as
/// syntax, and one changed operation re-formats (with the item cache) one block of methods.
const OPERATIONS_PER_PIECE: usize = 16;

/// `operations` in pieces of [`OPERATIONS_PER_PIECE`]; the first piece also carries the
/// module's head, so a resource without operations still has that one, empty, piece.
pub fn operation_chunks<'a>(operations: &[&'a Operation]) -> Vec<Vec<&'a Operation>> {
    let mut chunks: Vec<Vec<&'a Operation>> = operations
        .chunks(OPERATIONS_PER_PIECE)
        .map(<[_]>::to_vec)
        .collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
}

/// The file of `resource`'s module under `dir`: `name.rs`, or `name/mod.rs` when it has
/// children (in `resources/` and in `fake/` alike).
pub fn module_file(dir: &str, resource: &Resource) -> String {
    if resource.children.is_empty() {
        format!("{dir}/{}.rs", resource.name)
    } else {
        format!("{dir}/{}/mod.rs", resource.name)
    }
}

/// The Rust type for a use site in the crate (models are referred to through `crate::models`).
pub fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Binary => quote! { #STRING },
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
            quote! { ::serde_json::Map<#STRING, ::serde_json::Value> }
        }
        TypeRef::Json { .. } => quote! { ::serde_json::Value },
        TypeRef::Unit => quote! { () },
        TypeRef::Array(inner) => {
            let inner = moved(type_tokens(api, inner));
            quote! { #VEC<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = moved(type_tokens(api, inner));
            quote! { ::std::collections::BTreeMap<#STRING, #inner> }
        }
        TypeRef::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            quote! { crate::models::#name }
        }
        TypeRef::Boxed(inner) => {
            let inner = moved(type_tokens(api, inner));
            quote! { #BOX<#inner> }
        }
    }
}

/// [`type_tokens`] as text, on one line as the printers write a type (`structs::type_text`),
/// on the end of `out`: for items an emitter prints itself.
pub fn push_type_text(api: &Api, ty: &TypeRef, out: &mut String) {
    let generic = |outer: Std, inner: &TypeRef, out: &mut String| {
        outer.push_text(out);
        out.push('<');
        push_type_text(api, inner, out);
        out.push('>');
    };
    match ty {
        TypeRef::String | TypeRef::Binary => STRING.push_text(out),
        TypeRef::Bool => out.push_str("bool"),
        TypeRef::Integer(IntegerKind::I32) => out.push_str("i32"),
        TypeRef::Integer(IntegerKind::I64) => out.push_str("i64"),
        TypeRef::Integer(IntegerKind::U32) => out.push_str("u32"),
        TypeRef::Integer(IntegerKind::U64) => out.push_str("u64"),
        TypeRef::Number => out.push_str("f64"),
        TypeRef::DateTime => out.push_str("::chrono::DateTime<::chrono::Utc>"),
        TypeRef::Date => out.push_str("::chrono::NaiveDate"),
        TypeRef::Uuid => out.push_str("::uuid::Uuid"),
        TypeRef::Base64 => out.push_str("crate::runtime::Base64"),
        TypeRef::File => out.push_str("crate::runtime::FilePart"),
        TypeRef::JsonObject => {
            out.push_str("::serde_json::Map<");
            STRING.push_text(out);
            out.push_str(", ::serde_json::Value>");
        }
        TypeRef::Json { .. } => out.push_str("::serde_json::Value"),
        TypeRef::Unit => out.push_str("()"),
        TypeRef::Array(inner) => generic(VEC, inner, out),
        TypeRef::Map(inner) => {
            out.push_str("::std::collections::BTreeMap<");
            STRING.push_text(out);
            out.push_str(", ");
            push_type_text(api, inner, out);
            out.push('>');
        }
        TypeRef::Named(id) => {
            out.push_str("crate::models::");
            out.push_str(&api.type_def(*id).name);
        }
        TypeRef::Boxed(inner) => generic(BOX, inner, out),
    }
}

/// Whether the named type at `ty` is an enum (it then has `as_str` and `VALUES`).
pub fn is_enum(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Enum(_)))
}

/// Whether the named type at `ty` is a constant: a unit struct, its own only value.
pub fn is_const(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Const(_)))
}

/// Whether the named type at `ty` has a `validate` method: structs that are sent, and unions
/// and wrappers that are sent, which pass the check on to their alternative or inner value.
pub fn is_validated(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if {
        let type_def = api.type_def(*id);
        matches!(type_def.kind, TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::Newtype(_))
            && type_def.used_in_request
    })
}

/// Runs `body` with `binding` bound to the value of `place`: directly when `required`, else
/// only when the `Option` at `place` is `Some`.
pub fn bind_if_present(
    required: bool,
    binding: TokenStream,
    place: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let (binding, place, body) = (moved(binding), moved(place), moved(body));
    if required {
        return quote! { { let #binding = &#place; #body } };
    }
    quote! {
        if let #SOME(#binding) = &#place {
            #body
        }
    }
}

/// The Rust type of a body: bytes bodies take raw bytes, text bodies a string.
pub fn body_type(api: &Api, operation: &Operation) -> Option<TokenStream> {
    body_type_text(api, operation).map(|text| super::tokens::tokens_of(&text))
}

/// [`body_type`] as text, as [`push_type_text`] writes a type.
pub fn body_type_text(api: &Api, operation: &Operation) -> Option<String> {
    let body = operation.body.as_ref()?;
    let mut text = String::new();
    match body.kind {
        BodyKind::Bytes => {
            VEC.push_text(&mut text);
            text.push_str("<u8>");
        }
        BodyKind::Text => STRING.push_text(&mut text),
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart => {
            push_type_text(api, &body.ty, &mut text)
        }
    }
    Some(text)
}

/// What `send` returns.
pub fn output_type(api: &Api, operation: &Operation) -> TokenStream {
    if let Some(pagination) = &operation.pagination {
        let item = type_tokens(api, &pagination.item);
        return quote! { crate::runtime::Page<#item> };
    }
    match operation.response.decode {
        Decode::Bytes => quote! { ::bytes::Bytes },
        Decode::Empty => quote! { () },
        Decode::Text => quote! { #STRING },
        Decode::Envelope | Decode::Json => type_tokens(api, &operation.response.ty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::prelude::Prelude;
    use crate::emit::{structs, tree};
    use crate::ir::{TypeId, TypeRef};

    /// Every kind of type, each nested once: a new [`TypeRef`] variant fails to compile here
    /// until it is listed.
    fn every_type() -> Vec<TypeRef> {
        let named = TypeRef::Named(TypeId::from_index(0));
        let leaves = [
            TypeRef::String,
            TypeRef::Binary,
            TypeRef::Bool,
            TypeRef::Integer(IntegerKind::I32),
            TypeRef::Integer(IntegerKind::I64),
            TypeRef::Integer(IntegerKind::U32),
            TypeRef::Integer(IntegerKind::U64),
            TypeRef::Number,
            TypeRef::DateTime,
            TypeRef::Date,
            TypeRef::Uuid,
            TypeRef::Base64,
            TypeRef::File,
            TypeRef::JsonObject,
            TypeRef::Json { fallback: None },
            TypeRef::Unit,
            named.clone(),
        ];
        let mut all = leaves.to_vec();
        for leaf in leaves {
            all.push(TypeRef::Array(Box::new(leaf.clone())));
            all.push(TypeRef::Map(Box::new(leaf.clone())));
            all.push(TypeRef::Boxed(Box::new(leaf)));
        }
        for ty in &all {
            match ty {
                TypeRef::String
                | TypeRef::Binary
                | TypeRef::Bool
                | TypeRef::Integer(_)
                | TypeRef::Number
                | TypeRef::DateTime
                | TypeRef::Date
                | TypeRef::Uuid
                | TypeRef::Base64
                | TypeRef::File
                | TypeRef::JsonObject
                | TypeRef::Json { .. }
                | TypeRef::Unit
                | TypeRef::Array(_)
                | TypeRef::Map(_)
                | TypeRef::Named(_)
                | TypeRef::Boxed(_) => {}
            }
        }
        all
    }

    #[test]
    fn a_type_as_text_is_its_tokens_printed() {
        let api = Api::of_types(&["Pet"]);
        for prelude in [
            Prelude::beside([]),
            Prelude::beside(["String", "Vec", "Box"]),
        ] {
            for ty in every_type() {
                let (text, printed) = prelude.writing(|| {
                    let mut text = String::new();
                    push_type_text(&api, &ty, &mut text);
                    let trees = tree::trees(type_tokens(&api, &ty));
                    (text, structs::type_text(&trees))
                });
                assert_eq!(Some(text), printed, "{ty:?}");
            }
        }
    }
}
