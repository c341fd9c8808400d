//! Token helpers every emitter uses: identifiers, the Rust type of a [`TypeRef`], of a body and
//! of what an operation returns, and "bind if present". A leaf: it depends on the IR and nothing else in `emit`, so emitters depend on it
//! and never on each other.

use std::cell::Cell;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, ToTokens};

use super::prelude::{BOX, SOME, STRING, VEC};
use crate::ir::{Api, BodyKind, Decode, IntegerKind, Operation, Resource, TypeKind, TypeRef};

/// An identifier from a name lowering made (snake_case or PascalCase, keywords already suffixed).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The string literal of `text`, exactly as `quote!` writes a `String` (`Literal::string`).
///
/// proc_macro2 escapes a string one character at a time through `char::escape_debug`, which
/// was 6 % of a stripe run's instructions (doc stand-ins, setter docs, wire names). ASCII text,
/// most of what is emitted, is escaped here in one pass and read back as a literal; any other
/// text goes to proc_macro2. Debug builds check the two agree.
pub fn lit_str(text: &str) -> Literal {
    let literal = ascii_literal(text).unwrap_or_else(|| Literal::string(text));
    debug_assert_eq!(literal.to_string(), Literal::string(text).to_string());
    literal
}

/// `text`'s literal when it is ASCII without NUL (whose escape depends on what follows).
fn ascii_literal(text: &str) -> Option<Literal> {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\t' => "\\t",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b' '..=b'~' => continue,
            1..=0x1f | 0x7f => "",
            _ => return None,
        };
        repr.push_str(&text[plain_from..at]);
        match escape {
            "" => {
                use std::fmt::Write;
                let _ = write!(repr, "\\u{{{byte:x}}}");
            }
            escape => repr.push_str(escape),
        }
        plain_from = at + 1;
    }
    repr.push_str(&text[plain_from..]);
    repr.push('"');
    repr.parse().ok()
}

/// A token stream that `quote!` moves into what it builds instead of copying.
///
/// `quote!` interpolates a `TokenStream` by cloning it, and proc_macro2 then copies a shared
/// stream's trees one by one (each identifier and literal a new allocation) before the
/// original is dropped: for the nested streams of a large item, every level copies all below
/// it. That was 7 % of a stripe run's instructions. Interpolate it once; a second use panics.
pub struct Moved(Cell<Option<TokenStream>>);

/// `tokens`, to be moved by the one `quote!` that interpolates them.
pub fn moved(tokens: TokenStream) -> Moved {
    Moved(Cell::new(Some(tokens)))
}

impl ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let moved = self
            .0
            .take()
            .expect("a moved token stream is interpolated once");
        tokens.extend(std::iter::once(moved));
    }
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
            let inner = type_tokens(api, inner);
            quote! { #VEC<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(api, inner);
            quote! { ::std::collections::BTreeMap<#STRING, #inner> }
        }
        TypeRef::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            quote! { crate::models::#name }
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(api, inner);
            quote! { #BOX<#inner> }
        }
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
    binding: &TokenStream,
    place: &TokenStream,
    body: &TokenStream,
) -> TokenStream {
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
    let body = operation.body.as_ref()?;
    Some(match body.kind {
        BodyKind::Bytes => quote! { #VEC<u8> },
        BodyKind::Text => quote! { #STRING },
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart => type_tokens(api, &body.ty),
    })
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
    use proc_macro2::Literal;

    use super::*;

    #[test]
    fn string_literals_are_written_as_proc_macro2_writes_them() {
        let texts = [
            "",
            "plain words",
            "quotes \" and backslashes \\ and 'ticks'",
            "tab\tnew line\ncarriage\rreturn",
            "\u{1}0123456789abcdef",
            "\u{2}\u{1f}\u{7f}~",
            "NUL\u{0}1 and NUL\u{0}a",
            "café – ünïcode\u{301} and \u{200b}",
        ];
        for text in texts {
            assert_eq!(
                lit_str(text).to_string(),
                Literal::string(text).to_string(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_moved_stream_is_spliced_whole_into_what_quote_builds() {
        let inner = moved(quote! { a + b });
        assert_eq!(quote! { f(#inner) }.to_string(), "f (a + b)");
    }
}
