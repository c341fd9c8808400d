//! Emits `models.rs` and `models/`: one Rust type per IR [`TypeDef`], with serde attributes for
//! the wire names, in the module of the features that need it (`features.rs`'s model sets).
//!
//! Structs are `#[non_exhaustive]` so the API can grow without breaking callers; every struct gets
//! a constructor for required fields and setters for optional ones, and request types client-side
//! validation.
//! Enums are open: unknown values round-trip through a catch-all variant, and their string
//! traits come from the runtime's `open_enum!`; a one-value enum is a unit struct whose traits
//! come from `const_value!`.
//! Methods that are not generic (`new`, `validate`, an enum's `as_str` and `From<&str>`, and the
//! rest) are `#[inline]`, so they are compiled in the crate that calls them, as generic ones are
//! (`codegen/tests/inline_roots.rs` checks every one).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, render};
use super::features::Features;
use super::features::ValidateHome;
use super::format::{Built, Piece, RustFile};
use super::members::{ConstMember, ModelMember};
use super::model_text::{self, double_option, field_serde_attrs, is_optional};
use super::prelude::{Prelude, ERR, NONE, OK, OPTION, RESULT, SOME, STRING, TRY_FROM};
use super::rust::{ident, type_tokens};
use super::stand_in;
use super::tokens::{lit_str, moved, tokens_of};
use crate::ir::{
    Api, Const, Constraints, Field, Presence, RequiredAlternatives, Struct, TypeDef, TypeKind,
    TypeRef, Union, UnionTag,
};

/// How many types one piece of a models file holds: enough that a piece's own cost vanishes,
/// few enough that the pieces spread evenly over the cores.
const TYPES_PER_PIECE: usize = 64;

/// What one file of the models holds: types, and `validate` methods of types that live in
/// another file (their senders are fewer than their users).
#[derive(Default)]
struct ModelFile<'a> {
    types: Vec<&'a TypeDef>,
    validates: Vec<&'a TypeDef>,
}

/// `models.rs` and `models/*.rs`: the types no operation reaches (always compiled) and one
/// module per [`ModelSet`](super::features::ModelSet), whose `cfg` is on its `mod` line only,
/// each file in pieces of [`TYPES_PER_PIECE`] types built and formatted in parallel
/// (`format.rs`).
pub fn model_files<'a>(api: &'a Api, features: &'a Features) -> Vec<RustFile<'a>> {
    let mut top = ModelFile::default();
    let mut sets: Vec<ModelFile<'a>> = features
        .sets()
        .iter()
        .map(|_| ModelFile::default())
        .collect();
    for type_def in &api.types {
        match features.model_set(type_def) {
            None => top.types.push(type_def),
            Some(set_idx) => sets[set_idx].types.push(type_def),
        }
        if let (true, ValidateHome::Set(set_idx)) =
            (has_validate(type_def), features.validate_home(type_def))
        {
            sets[set_idx].validates.push(type_def);
        }
    }
    let reexported: Vec<bool> = sets.iter().map(|file| !file.types.is_empty()).collect();
    let declared = reexported.clone();
    let index = move || {
        let docs = quote! { #![doc = " The types the API sends and receives, one per schema the operations use."] };
        let modules = features.sets().iter().enumerate().map(|(set_idx, set)| {
            let (cfg, module) = (features.set_cfg(set_idx), ident(&set.module));
            let reexport = reexported[set_idx].then(|| {
                quote! { #cfg pub use #module::*; }
            });
            quote! { #cfg #[rustfmt::skip] mod #module; #reexport }
        });
        quote! { #docs #( #modules )* }
    };
    // `models.rs` re-exports every set, and a glob import shadows the prelude, so there a
    // name is free only when no model at all takes it.
    let everywhere = Prelude::beside(api.types.iter().flat_map(defined_names));
    let mut files = vec![RustFile {
        path: "src/models.rs".into(),
        pieces: std::iter::once(Piece::keyed(
            move |key| {
                key.value(&features.sets_identity()).value(&declared);
            },
            index,
        ))
        .chain(file_pieces(api, features, top, everywhere))
        .collect(),
    }];
    for (set_idx, file) in sets.into_iter().enumerate() {
        let module = &features.sets()[set_idx].module;
        let head = Piece::new(move || set_docs(features, set_idx));
        let prelude = Prelude::beside(file.types.iter().copied().flat_map(defined_names));
        files.push(RustFile {
            path: format!("src/models/{module}.rs"),
            pieces: std::iter::once(head)
                .chain(file_pieces(api, features, file, prelude))
                .collect(),
        });
    }
    files
}

/// The module docs of a set's file: which features compile it.
fn set_docs(features: &Features, set_idx: usize) -> TokenStream {
    let names: Vec<String> = features
        .set_feature_names(set_idx)
        .map(|name| format!("`{name}`"))
        .collect();
    let doc = match names.as_slice() {
        [one] => format!(" The types of the {one} feature, compiled only with it."),
        [rest @ .., last] if names.len() <= 4 => format!(
            " The types that the features {} and {last} share, compiled with any of them.",
            rest.join(", ")
        ),
        _ => format!(
            " The types that {} and {} other features share, compiled with any of them \
             (`models.rs` lists them on this module's `mod` line).",
            names[..3].join(", "),
            names.len() - 3
        ),
    };
    quote! { #![doc = #doc] }
}

/// A file's types, then the `validate` methods of types that live elsewhere, in pieces, with
/// the prelude names the file leaves free written short.
fn file_pieces<'a>(
    api: &'a Api,
    features: &'a Features,
    file: ModelFile<'a>,
    prelude: Prelude,
) -> Vec<Piece<'a>> {
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    for types in file.types.chunks(TYPES_PER_PIECE) {
        // Each type, and whether its `validate` is in its own `impl`: what the piece is made of.
        let types: Vec<(&TypeDef, bool)> = types
            .iter()
            .map(|&type_def| {
                let here = features.validate_home(type_def) == ValidateHome::WithModel;
                (type_def, here)
            })
            .collect();
        let declared = types.clone();
        pieces.push(Piece::keyed(
            move |key| {
                key.value(&prelude);
                for (type_def, here) in declared {
                    key.type_def(type_def.id).value(&here);
                }
            },
            move || {
                prelude.writing(|| {
                    let mut built = Built::default();
                    for (type_def, here) in types {
                        let validate = here.then(|| validate_method(api, type_def)).flatten();
                        emit_type(api, type_def, validate, &mut built);
                    }
                    built
                })
            },
        ));
    }
    for types in file.validates.chunks(TYPES_PER_PIECE).map(<[_]>::to_vec) {
        let declared = types.clone();
        pieces.push(Piece::keyed(
            move |key| {
                key.value(&prelude);
                for type_def in declared {
                    key.type_def(type_def.id);
                }
            },
            move || {
                prelude.writing(|| {
                    let impls = types.into_iter().map(|type_def| {
                        let name = ident(&type_def.name);
                        let method = validate_method(api, type_def);
                        quote! { impl crate::models::#name { #method } }
                    });
                    impls.collect::<TokenStream>()
                })
            },
        ));
    }
    pieces
}

/// The names a model declares in its module: its own, and its alias wire struct's.
fn defined_names(type_def: &TypeDef) -> impl Iterator<Item = &str> {
    let wire = match &type_def.kind {
        TypeKind::Struct(object) => object.alias_wire_type.as_deref(),
        _ => None,
    };
    std::iter::once(type_def.name.as_str()).chain(wire)
}

/// The model itself, with `validate` in its inherent `impl` when it lives there.
fn emit_type(api: &Api, type_def: &TypeDef, validate: Option<TokenStream>, built: &mut Built) {
    let name = ident(&type_def.name);
    let separate_validate = |validate: Option<TokenStream>| {
        validate.map(|method| {
            let method = moved(method);
            moved(quote! { impl #name { #method } })
        })
    };
    let tokens = match &type_def.kind {
        TypeKind::Struct(object) => {
            model_text::struct_items(api, type_def, object, validate, built);
            if let Some(wire_name) = &object.alias_wire_type {
                built.tokens(emit_alias_wire(api, type_def, object, wire_name));
            }
            return;
        }
        TypeKind::Enum(values) => return model_text::enum_items(type_def, values, built),
        TypeKind::Const(constant) => emit_const(type_def, constant),
        TypeKind::Newtype(inner) => {
            let separate = separate_validate(validate);
            let newtype = moved(emit_newtype(api, type_def, inner));
            quote! { #newtype #separate }
        }
        TypeKind::Union(union) => {
            let separate = separate_validate(validate);
            let union = moved(emit_union(api, type_def, union));
            quote! { #union #separate }
        }
    };
    built.tokens(tokens);
}

/// Whether the type is sent and so has a `validate` method.
fn has_validate(type_def: &TypeDef) -> bool {
    type_def.used_in_request
        && matches!(
            type_def.kind,
            TypeKind::Struct(_) | TypeKind::Newtype(_) | TypeKind::Union(_)
        )
}

/// The `validate` method of a type that is sent, wherever it goes.
fn validate_method(api: &Api, type_def: &TypeDef) -> Option<TokenStream> {
    if !has_validate(type_def) {
        return None;
    }
    match &type_def.kind {
        TypeKind::Struct(object) => Some(emit_validate(api, type_def, object)),
        TypeKind::Newtype(inner) => Some(newtype_validate(api, inner)),
        TypeKind::Union(union) => Some(union_validate(api, union)),
        TypeKind::Enum(_) | TypeKind::Const(_) => None,
    }
}

/// A struct with deprecated aliases reads through a private wire struct that has a field for
/// each name, so a body carrying both the old and the new name (as servers send during a
/// deprecation window) decodes, preferring the new name.
fn emit_alias_wire(api: &Api, type_def: &TypeDef, object: &Struct, wire_name: &str) -> TokenStream {
    let name = ident(&type_def.name);
    let wire = ident(wire_name);
    let mut fields = Vec::new();
    let mut inits = Vec::new();
    for field in &object.fields {
        let rust_name = ident(&field.rust_name);
        let serde = tokens_of(&field_serde_attrs(type_def, field).concat());
        let ty = field_type(api, type_def, field);
        let aliases: Vec<_> = object
            .aliases
            .iter()
            .filter(|alias| alias.target_rust_name == field.rust_name)
            .collect();
        if aliases.is_empty() {
            fields.push(quote! { #serde #rust_name: #ty, });
            inits.push(quote! { #rust_name: wire.#rust_name, });
            continue;
        }
        // The new name and each old one are optional on the wire; one of them must be there when required.
        let optional_ty = if is_optional(field.presence) {
            ty.clone()
        } else {
            quote! { #OPTION<#ty> }
        };
        let wire_name = lit_str(&field.wire_name);
        fields.push(quote! {
            #[serde(rename = #wire_name, default)]
            #rust_name: #optional_ty,
        });
        let mut value = quote! { wire.#rust_name };
        for alias in &aliases {
            // Alias names share the fields' scope, so they never collide with a field.
            let alias_name = ident(&alias.rust_name);
            let old = lit_str(&alias.wire_name);
            fields.push(quote! {
                #[serde(rename = #old, default)]
                #alias_name: #optional_ty,
            });
            value = quote! { #value.or(wire.#alias_name) };
        }
        if !is_optional(field.presence) {
            let missing = lit_str(&format!("missing field `{}`", field.wire_name));
            value = quote! { #value.ok_or_else(|| #STRING::from(#missing))? };
        }
        inits.push(quote! { #rust_name: #value, });
    }
    if let Some(additional) = &object.additional {
        let value = type_tokens(api, additional);
        let additional_properties = ModelMember::AdditionalProperties;
        fields.push(quote! {
            #[serde(flatten)]
            #additional_properties: ::std::collections::BTreeMap<#STRING, #value>,
        });
        inits.push(quote! { #additional_properties: wire.#additional_properties, });
    }
    quote! {
        #[derive(::serde::Deserialize)]
        struct #wire {
            #( #fields )*
        }

        impl #TRY_FROM<#wire> for #name {
            type Error = #STRING;

            #[inline]
            fn try_from(wire: #wire) -> #RESULT<Self, Self::Error> {
                #OK(Self { #( #inits )* })
            }
        }
    }
}

fn field_type(api: &Api, type_def: &TypeDef, field: &Field) -> TokenStream {
    let inner = type_tokens(api, &field.ty);
    if field.presence == Presence::Required {
        return inner;
    }
    let inner = moved(inner);
    match field.presence {
        Presence::OptionalNullable if double_option(type_def, field) => {
            quote! { #OPTION<#OPTION<#inner>> }
        }
        _ => quote! { #OPTION<#inner> },
    }
}

fn emit_validate(api: &Api, type_def: &TypeDef, object: &Struct) -> TokenStream {
    let mut checks: Vec<TokenStream> = object
        .fields
        .iter()
        .filter_map(|field| emit_field_check(api, type_def, field))
        .chain(
            object
                .required_alternatives
                .iter()
                .map(|rule| emit_required_alternatives_check(object, rule)),
        )
        .collect();
    let additional_properties = ModelMember::AdditionalProperties;
    let additional = object.additional.as_ref().and_then(|value| {
        super::validate::value_checks(
            api,
            &TypeRef::Map(Box::new(value.clone())),
            &Constraints::default(),
            &quote! { self.#additional_properties },
            &quote! { at },
        )
    });
    checks.extend(additional);
    let body = (!checks.is_empty()).then(|| {
        let checks = checks.into_iter().map(moved);
        quote! { #( #checks )* }
    });
    validate_fn(
        " Checks the schema's constraints before the value is sent; `at` names it in errors.",
        body,
    )
}

/// The `validate` method every sent type has; without checks it takes `_at`, which is unused.
fn validate_fn(doc: &str, checks: Option<TokenStream>) -> TokenStream {
    let at = match checks {
        Some(_) => quote! { at },
        None => quote! { _at },
    };
    let validate = ModelMember::Validate;
    let doc = lit_str(doc);
    let checks = checks.map(moved);
    let body = stand_in::method_body(quote! { #checks #OK(()) });
    quote! {
        #[doc = #doc]
        #[inline]
        pub(crate) fn #validate(&self, #at: &dyn crate::runtime::validate::Place) -> crate::runtime::Result<()> {
            #body
        }
    }
}

/// Which of the alternative sets of required properties are all set, checked as the
/// `oneOf`/`anyOf` says. A name the struct does not declare counts as set: it can only
/// travel in `additional_properties`, which is not inspected.
fn emit_required_alternatives_check(object: &Struct, rule: &RequiredAlternatives) -> TokenStream {
    let present = rule.alternatives.iter().map(|set| {
        let conditions: Vec<TokenStream> = set
            .iter()
            .filter_map(|wire_name| {
                let field = object
                    .fields
                    .iter()
                    .find(|field| &field.wire_name == wire_name)?;
                let rust_name = ident(&field.rust_name);
                is_optional(field.presence).then(|| quote! { self.#rust_name.is_some() })
            })
            .collect();
        match conditions.as_slice() {
            [] => quote! { true },
            _ => quote! { #( #conditions )&&* },
        }
    });
    let sets = rule
        .alternatives
        .iter()
        .map(|set| format!("`{}`", set.join("` + `")))
        .collect::<Vec<_>>()
        .join(", ");
    let check = if rule.exclusive {
        quote! { one_set_present }
    } else {
        quote! { any_set_present }
    };
    quote! {
        crate::runtime::validate::#check(at, &[#( #present ),*], #sets)?;
    }
}

fn emit_field_check(api: &Api, type_def: &TypeDef, field: &Field) -> Option<TokenStream> {
    let rust_name = ident(&field.rust_name);
    let wire_name = &field.wire_name;
    let body = super::validate::value_checks(
        api,
        &field.ty,
        &field.constraints,
        &quote! { value },
        &quote! { (at, #wire_name) },
    )?;
    Some(match field.presence {
        Presence::Required => quote! { { let value = &self.#rust_name; #body } },
        _ if double_option(type_def, field) => {
            quote! { if let #SOME(#SOME(value)) = &self.#rust_name { #body } }
        }
        _ => quote! { if let #SOME(value) = &self.#rust_name { #body } },
    })
}

/// A recursive array or map as a transparent tuple struct, so it can name itself.
fn emit_newtype(api: &Api, type_def: &TypeDef, inner_ref: &TypeRef) -> TokenStream {
    let name = ident(&type_def.name);
    let inner = type_tokens(api, inner_ref);
    let docs = doc_attrs(&render(
        &type_def.docs,
        None,
        &format!("The `{}` value.", type_def.name),
    ));
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub #inner);
    }
}

/// A sent wrapper checks its inner value, so structs reached only through it (a recursive
/// `FacetList(Vec<Facet>)`, say) are checked and their `validate` is not dead code.
fn newtype_validate(api: &Api, inner: &TypeRef) -> TokenStream {
    let checks = super::validate::value_checks(
        api,
        inner,
        &Constraints::default(),
        &quote! { value },
        &quote! { at },
    );
    validate_fn(
        " Checks the inner value's constraints before it is sent; `at` names it in errors.",
        checks.map(|checks| quote! { let value = &self.0; #checks }),
    )
}

/// A one-value enum as a unit struct: it writes its value and reads nothing else, which is
/// what lets a pinned property tell union alternatives apart.
fn emit_const(type_def: &TypeDef, constant: &Const) -> TokenStream {
    let name = ident(&type_def.name);
    let wire = &constant.wire_value;
    let docs = doc_attrs(&render(&type_def.docs, None, &format!("Always `{wire}`.")));
    let (value_const, as_str) = (ConstMember::Value, ConstMember::AsStr);
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name;

        impl #name {
            /// The value, as sent on the wire.
            pub const #value_const: &'static str = #wire;

            /// The value as sent on the wire.
            #[inline]
            pub fn #as_str(&self) -> &'static str {
                Self::#value_const
            }
        }

        crate::runtime::const_value!(#name);
    }
}

fn emit_union(api: &Api, type_def: &TypeDef, union: &Union) -> TokenStream {
    if let Some(tag) = &union.tag {
        return emit_tagged_union(api, type_def, union, tag);
    }
    let name = ident(&type_def.name);
    let docs = doc_attrs(&render(
        &type_def.docs,
        None,
        &format!("One of several shapes of `{}`.", type_def.name),
    ));
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = type_tokens(api, &variant.ty);
        let doc = lit_str(&format!(" The `{}` form.", variant.rust_name));
        quote! { #[doc = #doc] #variant_name(#ty), }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        // Variants mirror the spec's alternatives; boxing them would only add noise for callers.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #( #variants )*
        }
    }
}

/// A sent union checks whichever alternative it holds.
fn union_validate(api: &Api, union: &Union) -> TokenStream {
    let checked: Vec<(TokenStream, TokenStream)> = union
        .variants
        .iter()
        .filter_map(|variant| {
            let variant_name = ident(&variant.rust_name);
            let checks = super::validate::value_checks(
                api,
                &variant.ty,
                &Constraints::default(),
                &quote! { value },
                &quote! { at },
            )?;
            Some((quote! { Self::#variant_name(value) }, checks))
        })
        .collect();
    let every_variant = checked.len() == union.variants.len() && union.tag.is_none();
    let arms = checked
        .iter()
        .map(|(pattern, checks)| quote! { #pattern => { #checks } });
    // A wildcard only where some alternative (or the raw unknown one) has nothing to check;
    // with one arm that is an `if let`, as clippy prefers.
    let body = match (checked.as_slice(), every_variant) {
        ([], _) => None,
        (_, true) => Some(quote! { match self { #( #arms )* } }),
        ([(pattern, checks)], false) => Some(quote! { if let #pattern = self { #checks } }),
        (_, false) => Some(quote! { match self { #( #arms )* _ => {} } }),
    };
    validate_fn(
        " Checks the alternative's constraints before the value is sent; `at` names it in errors.",
        body,
    )
}

/// A discriminated union: the tag picks the alternative, which still sees the tag property
/// (variant structs keep it), and an unlisted tag is kept whole in the catch-all variant.
fn emit_tagged_union(api: &Api, type_def: &TypeDef, union: &Union, tag: &UnionTag) -> TokenStream {
    let name = ident(&type_def.name);
    let docs = doc_attrs(&render(
        &type_def.docs,
        None,
        &format!("One of several shapes of `{}`.", type_def.name),
    ));
    let property = &tag.property;
    let unknown = ident(&tag.unknown_variant);
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = type_tokens(api, &variant.ty);
        let doc = lit_str(&format!(
            " `{property}` is {}.",
            variant
                .tag_values
                .iter()
                .map(|value| format!("`{value}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
        quote! { #[doc = #doc] #variant_name(#ty), }
    });
    let arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let values = &variant.tag_values;
        quote! {
            #( #values )|* => ::serde_json::from_value(value).map(Self::#variant_name).map_err(::serde::de::Error::custom),
        }
    });
    let serialize_arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        quote! { Self::#variant_name(value) => ::serde::Serialize::serialize(value, serializer), }
    });
    let unknown_doc = lit_str(&format!(
        " An object whose `{property}` this version of the client does not know; kept as sent."
    ));
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        // Variants mirror the spec's alternatives; boxing them would only add noise for callers.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #( #variants )*
            #[doc = #unknown_doc]
            #unknown(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #RESULT<S::Ok, S::Error> {
                match self {
                    #( #serialize_arms )*
                    Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = match value.get(#property).and_then(::serde_json::Value::as_str) {
                    #SOME(tag) => tag.to_owned(),
                    #NONE => return #ERR(::serde::de::Error::missing_field(#property)),
                };
                match tag.as_str() {
                    #( #arms )*
                    _ => #OK(Self::#unknown(value)),
                }
            }
        }
    }
}
