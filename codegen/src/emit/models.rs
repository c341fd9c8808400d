//! Emits `models.rs`: one Rust type per IR [`TypeDef`], with serde attributes for the wire names.
//!
//! Structs are `#[non_exhaustive]` so the API can grow without breaking callers; request types get
//! a constructor for required fields, setters for optional ones, and client-side validation.
//! Enums are open: unknown values round-trip through a catch-all variant.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, render};
use super::members::{EnumMember, ModelMember};
use super::rust::{ident, type_tokens};
use crate::ir::{
    Api, Constraints, Enum, Field, Presence, Struct, TypeDef, TypeKind, TypeRef, Union, UnionTag,
};

/// Structs with more required fields than this take them in `new` anyway; clippy is told why.
const MAX_ARGUMENTS: usize = 7;

/// The whole `models.rs` module.
pub fn emit_models(api: &Api) -> TokenStream {
    let types = api.types.iter().map(|type_def| match &type_def.kind {
        TypeKind::Struct(object) => emit_struct(api, type_def, object),
        TypeKind::Enum(values) => emit_enum(type_def, values),
        TypeKind::Union(union) => {
            let union_type = emit_union(api, type_def, union);
            let validate = emit_union_validate(api, type_def, union);
            quote! { #union_type #validate }
        }
    });
    quote! {
        #![doc = " The types the API sends and receives, one per schema the operations use."]
        #( #types )*
    }
}

fn emit_struct(api: &Api, type_def: &TypeDef, object: &Struct) -> TokenStream {
    let name = ident(&type_def.name);
    let docs = doc_attrs(&render(
        &type_def.docs,
        None,
        &format!("The `{}` object.", type_def.name),
    ));
    let all_optional = object
        .fields
        .iter()
        .all(|field| is_optional(field.presence));
    let default_derive = all_optional.then(|| quote! { ::std::default::Default, });
    let fields = object
        .fields
        .iter()
        .map(|field| emit_field(api, type_def, field));
    let additional_properties = ModelMember::AdditionalProperties;
    let additional = object.additional.as_ref().map(|value| {
        let value = type_tokens(api, value);
        quote! {
            /// Properties not declared by the schema.
            #[serde(flatten)]
            pub #additional_properties: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let methods = if type_def.used_in_request {
        emit_request_methods(api, type_def, object)
    } else {
        TokenStream::new()
    };
    let (wire_attr, wire) = match &object.alias_wire_type {
        None => (TokenStream::new(), TokenStream::new()),
        Some(wire_name) => (
            quote! { #[serde(try_from = #wire_name)] },
            emit_alias_wire(api, type_def, object, wire_name),
        ),
    };
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, #default_derive ::serde::Serialize, ::serde::Deserialize)]
        #wire_attr
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
            #additional
        }
        #methods
        #wire
    }
}

fn emit_field(api: &Api, type_def: &TypeDef, field: &Field) -> TokenStream {
    let rust_name = ident(&field.rust_name);
    let ty = field_type(api, type_def, field);
    let docs = doc_attrs(&render(
        &field.docs,
        Some(&field.constraints),
        &format!("The `{}` property.", field.wire_name),
    ));
    let serde = field_serde_attrs(type_def, field);
    let fallback = match &field.ty {
        TypeRef::Json {
            fallback: Some(reason),
        } => {
            let note = format!(" Untyped: {reason}.");
            quote! { #[doc = ""] #[doc = #note] }
        }
        _ => TokenStream::new(),
    };
    quote! {
        #docs
        #fallback
        #serde
        pub #rust_name: #ty,
    }
}

/// The wire name, and how absence and `null` are read and written.
fn field_serde_attrs(type_def: &TypeDef, field: &Field) -> TokenStream {
    // A file travels as a multipart part of its own, never inside the serialised fields.
    if field.ty.any(&|ty| *ty == TypeRef::File) {
        return quote! { #[serde(skip)] };
    }
    let wire_name = &field.wire_name;
    let rename =
        (field.rust_name != field.wire_name).then(|| quote! { #[serde(rename = #wire_name)] });
    let any_json = matches!(field.ty, TypeRef::Json { .. });
    let presence = match field.presence {
        Presence::OptionalNullable if double_option(type_def, field) => quote! {
            #[serde(
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                deserialize_with = "crate::runtime::nullable::deserialize"
            )]
        },
        // For a field holding any JSON value, a present `null` is data and must survive a round trip.
        Presence::Optional | Presence::OptionalNullable if any_json => quote! {
            #[serde(
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                deserialize_with = "crate::runtime::nullable::present"
            )]
        },
        Presence::Optional | Presence::OptionalNullable => {
            quote! { #[serde(default, skip_serializing_if = "::std::option::Option::is_none")] }
        }
        // Null and absent read the same; `null` is what gets sent.
        Presence::RequiredNullable => quote! { #[serde(default)] },
        Presence::Required => TokenStream::new(),
    };
    quote! { #rename #presence }
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
        let serde = field_serde_attrs(type_def, field);
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
            quote! { ::std::option::Option<#ty> }
        };
        let wire_name = &field.wire_name;
        fields.push(quote! {
            #[serde(rename = #wire_name, default)]
            #rust_name: #optional_ty,
        });
        let mut value = quote! { wire.#rust_name };
        for alias in &aliases {
            // Alias names share the fields' scope, so they never collide with a field.
            let alias_name = ident(&alias.rust_name);
            let old = &alias.wire_name;
            fields.push(quote! {
                #[serde(rename = #old, default)]
                #alias_name: #optional_ty,
            });
            value = quote! { #value.or(wire.#alias_name) };
        }
        if !is_optional(field.presence) {
            let missing = format!("missing field `{wire_name}`");
            value = quote! { #value.ok_or_else(|| ::std::string::String::from(#missing))? };
        }
        inits.push(quote! { #rust_name: #value, });
    }
    if let Some(additional) = &object.additional {
        let value = type_tokens(api, additional);
        let additional_properties = ModelMember::AdditionalProperties;
        fields.push(quote! {
            #[serde(flatten)]
            #additional_properties: ::std::collections::BTreeMap<::std::string::String, #value>,
        });
        inits.push(quote! { #additional_properties: wire.#additional_properties, });
    }
    quote! {
        #[derive(::serde::Deserialize)]
        struct #wire {
            #( #fields )*
        }

        impl ::std::convert::TryFrom<#wire> for #name {
            type Error = ::std::string::String;

            fn try_from(wire: #wire) -> ::std::result::Result<Self, Self::Error> {
                ::std::result::Result::Ok(Self { #( #inits )* })
            }
        }
    }
}

fn field_type(api: &Api, type_def: &TypeDef, field: &Field) -> TokenStream {
    let inner = type_tokens(api, &field.ty);
    match field.presence {
        Presence::Required => inner,
        Presence::OptionalNullable if double_option(type_def, field) => {
            quote! { ::std::option::Option<::std::option::Option<#inner>> }
        }
        _ => quote! { ::std::option::Option<#inner> },
    }
}

/// Absent and `null` differ only when sending (absent leaves a value alone, `null` clears it),
/// so only request types pay for `Option<Option<T>>`.
fn double_option(type_def: &TypeDef, field: &Field) -> bool {
    type_def.used_in_request
        && field.presence == Presence::OptionalNullable
        && field.ty != TypeRef::Unit
}

fn is_optional(presence: Presence) -> bool {
    matches!(presence, Presence::Optional | Presence::OptionalNullable)
}

/// `new` for required fields, a setter per optional field, deprecated alias setters, and `validate`.
fn emit_request_methods(api: &Api, type_def: &TypeDef, object: &Struct) -> TokenStream {
    let name = ident(&type_def.name);
    let required: Vec<&Field> = object
        .fields
        .iter()
        .filter(|field| !is_optional(field.presence))
        .collect();
    let constructor = (!required.is_empty()).then(|| {
        let args = required.iter().map(|field| {
            let rust_name = ident(&field.rust_name);
            let ty = field_type(api, type_def, field);
            quote! { #rust_name: #ty }
        });
        let inits = object.fields.iter().map(|field| {
            let rust_name = ident(&field.rust_name);
            if is_optional(field.presence) {
                quote! { #rust_name: ::std::option::Option::None }
            } else {
                quote! { #rust_name }
            }
        });
        let additional_properties = ModelMember::AdditionalProperties;
        let additional = object
            .additional
            .as_ref()
            .map(|_| quote! { #additional_properties: ::std::collections::BTreeMap::new(), });
        let allow = (required.len() > MAX_ARGUMENTS).then(|| {
            quote! {
                // Every required property of the schema is an argument, so none can be forgotten.
                #[allow(clippy::too_many_arguments)]
            }
        });
        let doc = format!(" Creates a `{}` from its required fields.", type_def.name);
        let new = ModelMember::New;
        quote! {
            #[doc = #doc]
            #allow
            pub fn #new(#( #args ),*) -> Self {
                Self { #( #inits, )* #additional }
            }
        }
    });
    let setters = object
        .fields
        .iter()
        .filter(|field| is_optional(field.presence))
        .map(|field| {
            let rust_name = ident(&field.rust_name);
            let inner = type_tokens(api, &field.ty);
            if double_option(type_def, field) {
                let doc = format!(
                    " Sets `{}`; `None` sends an explicit `null`.",
                    field.wire_name
                );
                return quote! {
                    #[doc = #doc]
                    pub fn #rust_name(mut self, value: ::std::option::Option<#inner>) -> Self {
                        self.#rust_name = ::std::option::Option::Some(value);
                        self
                    }
                };
            }
            let doc = format!(" Sets `{}`.", field.wire_name);
            let deprecated = field.docs.deprecated.as_ref().map(|deprecation| {
                let note = deprecation
                    .note
                    .clone()
                    .unwrap_or_else(|| format!("`{}` is deprecated", field.wire_name));
                quote! { #[deprecated(note = #note)] }
            });
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #rust_name(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                    self.#rust_name = ::std::option::Option::Some(value.into());
                    self
                }
            }
        });
    let alias_setters = object.aliases.iter().filter_map(|alias| {
        let field = object
            .fields
            .iter()
            .find(|field| field.rust_name == alias.target_rust_name)?;
        let rust_name = ident(&alias.rust_name);
        let target = ident(&alias.target_rust_name);
        let inner = type_tokens(api, &field.ty);
        let note = &alias.note;
        let doc = format!(
            " Sets `{}` under its deprecated name `{}`; the value is sent as `{}`.",
            alias.target_rust_name, alias.wire_name, alias.target_wire_name
        );
        let assignment = if is_optional(field.presence) {
            quote! { self.#target = ::std::option::Option::Some(value.into()); }
        } else {
            quote! { self.#target = value.into(); }
        };
        Some(quote! {
            #[doc = #doc]
            #[deprecated(note = #note)]
            pub fn #rust_name(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                #assignment
                self
            }
        })
    });
    let validate = emit_validate(api, type_def, object);
    quote! {
        impl #name {
            #constructor
            #( #setters )*
            #( #alias_setters )*
            #validate
        }
    }
}

fn emit_validate(api: &Api, type_def: &TypeDef, object: &Struct) -> TokenStream {
    let mut checks: Vec<TokenStream> = object
        .fields
        .iter()
        .filter_map(|field| emit_field_check(api, type_def, field))
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
    let at = if checks.is_empty() {
        quote! { _at }
    } else {
        quote! { at }
    };
    let validate = ModelMember::Validate;
    quote! {
        /// Checks the schema's constraints before the value is sent; `at` names it in errors.
        pub(crate) fn #validate(&self, #at: &str) -> crate::runtime::Result<()> {
            #( #checks )*
            ::std::result::Result::Ok(())
        }
    }
}

fn emit_field_check(api: &Api, type_def: &TypeDef, field: &Field) -> Option<TokenStream> {
    let rust_name = ident(&field.rust_name);
    let wire_name = &field.wire_name;
    let check = super::validate::value_checks(
        api,
        &field.ty,
        &field.constraints,
        &quote! { value },
        &quote! { &path },
    )?;
    let body = quote! {
        let path = ::std::format!("{}.{}", at, #wire_name);
        #check
    };
    Some(match field.presence {
        Presence::Required => quote! { { let value = &self.#rust_name; #body } },
        _ if double_option(type_def, field) => {
            quote! { if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &self.#rust_name { #body } }
        }
        _ => quote! { if let ::std::option::Option::Some(value) = &self.#rust_name { #body } },
    })
}

/// A sent union's `validate`: the checks of whichever alternative it holds. Emitted so that
/// structs reached only through a union are checked (and their `validate` is not dead code).
fn emit_union_validate(api: &Api, type_def: &TypeDef, union: &Union) -> TokenStream {
    if !type_def.used_in_request {
        return TokenStream::new();
    }
    let name = ident(&type_def.name);
    let checked: Vec<(proc_macro2::Ident, TokenStream)> = union
        .variants
        .iter()
        .filter_map(|variant| {
            let checks = super::validate::value_checks(
                api,
                &variant.ty,
                &Constraints::default(),
                &quote! { value },
                &quote! { at },
            )?;
            Some((ident(&variant.rust_name), checks))
        })
        .collect();
    let arms = checked
        .iter()
        .map(|(variant, checks)| quote! { Self::#variant(value) => { #checks } });
    let n_alternatives = union.variants.len() + usize::from(union.tag.is_some());
    let body = match checked.as_slice() {
        [] => TokenStream::new(),
        // One checked alternative among several reads as `if let`, as clippy wants.
        [(variant, checks)] if n_alternatives > 1 => {
            quote! { if let Self::#variant(value) = self { #checks } }
        }
        _ if checked.len() == n_alternatives => quote! { match self { #( #arms )* } },
        _ => quote! { match self { #( #arms )* _ => {} } },
    };
    let at = if checked.is_empty() {
        quote! { _at }
    } else {
        quote! { at }
    };
    let validate = ModelMember::Validate;
    quote! {
        impl #name {
            /// Checks the schema's constraints before the value is sent; `at` names it in errors.
            pub(crate) fn #validate(&self, #at: &str) -> crate::runtime::Result<()> {
                #body
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn emit_enum(type_def: &TypeDef, values: &Enum) -> TokenStream {
    let name = ident(&type_def.name);
    let docs = doc_attrs(&render(
        &type_def.docs,
        None,
        &format!("The `{}` values.", type_def.name),
    ));
    let unknown = ident(&values.unknown_variant);
    let (values_const, as_str) = (EnumMember::Values, EnumMember::AsStr);
    let variants = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let fallback = format!("`{}`", variant.wire_value);
        let docs = doc_attrs(&render(&variant.docs, None, &fallback));
        quote! { #docs #variant_name, }
    });
    let as_str_arms = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        quote! { Self::#variant_name => #wire, }
    });
    let from_arms = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        quote! { #wire => Self::#variant_name, }
    });
    let wire_values = values.variants.iter().map(|variant| &variant.wire_value);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// A value this version of the client does not know; it is kept as sent.
            #unknown(::std::string::String),
        }

        impl #name {
            /// Every value the API documents, as sent on the wire.
            pub const #values_const: &'static [&'static str] = &[#( #wire_values ),*];

            /// The value as sent on the wire.
            pub fn #as_str(&self) -> &str {
                match self {
                    #( #as_str_arms )*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #from_arms )*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_ref()))
            }
        }
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
        let doc = format!(" The `{}` form.", variant.rust_name);
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
        let doc = format!(
            " `{property}` is {}.",
            variant
                .tag_values
                .iter()
                .map(|value| format!("`{value}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        );
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
    let unknown_doc = format!(
        " An object whose `{property}` this version of the client does not know; kept as sent."
    );
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
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( #serialize_arms )*
                    Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = match value.get(#property).and_then(::serde_json::Value::as_str) {
                    ::std::option::Option::Some(tag) => tag.to_owned(),
                    ::std::option::Option::None => return ::std::result::Result::Err(::serde::de::Error::missing_field(#property)),
                };
                match tag.as_str() {
                    #( #arms )*
                    _ => ::std::result::Result::Ok(Self::#unknown(value)),
                }
            }
        }
    }
}
