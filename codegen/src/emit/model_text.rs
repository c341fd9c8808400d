//! The models whose items are printed straight from the IR (`text.rs`): a struct's definition
//! and its `new` and setters, and an enum's definition, `impl` blocks and `open_enum!` call.
//! These are most of a models file, and each is one of a few fixed shapes; the other models
//! (unions, wrappers, constants) and every `validate` body are built as tokens (`models.rs`).

use proc_macro2::TokenStream;

use super::docs::render;
use super::format::{printed_member, Built};
use super::impls::Param;
use super::members::{EnumMember, ModelMember};
use super::prelude::{DEFAULT, FROM, NONE, OPTION, OPTION_IS_NONE, SOME, STRING};
use super::rust::push_type_text;
use super::statements::{FieldValue, INDENT};
use super::text::{impl_into, setter_params, std_text, Body, Lines, Method, MethodDocs};
use super::tokens::lit_text;
use crate::ir::{Api, Enum, Field, FieldAlias, Presence, Struct, TypeDef, TypeRef};

/// Structs with more required fields than this take them in `new` anyway; clippy is told why.
const MAX_ARGUMENTS: usize = 7;

/// A struct's definition and its inherent `impl` (with `validate`, built as tokens, when it
/// lives there).
pub fn struct_items(
    api: &Api,
    type_def: &TypeDef,
    object: &Struct,
    validate: Option<TokenStream>,
    built: &mut Built,
) {
    built.printed(struct_definition(api, type_def, object));
    built.printed(struct_methods(api, type_def, object, validate));
}

/// Docs, derives, `pub struct Name {`, one field after another, `}`.
fn struct_definition(api: &Api, type_def: &TypeDef, object: &Struct) -> Result<String, String> {
    let mut lines = Lines::with_capacity(256 + 192 * object.fields.len());
    let fallback = format!("The `{}` object.", type_def.name);
    lines.doc_block(0, &render(&type_def.docs, None, &fallback));
    let all_optional = object
        .fields
        .iter()
        .all(|field| is_optional(field.presence) || is_fixed(api, field));
    let default = all_optional.then(|| [std_text(DEFAULT), String::from(", ")].concat());
    let derive = format!(
        "#[derive(Clone, Debug, PartialEq, {}::serde::Serialize, ::serde::Deserialize)]",
        default.unwrap_or_default()
    );
    lines.attribute(0, &derive);
    if let Some(wire_name) = &object.alias_wire_type {
        lines.attribute(0, &format!("#[serde(try_from = {})]", lit_text(wire_name)));
    }
    lines.unbreakable(0, "#[non_exhaustive]");
    let has_fields = !object.fields.is_empty() || object.additional.is_some();
    if !lines.struct_header(&type_def.name, has_fields) {
        return lines.finish();
    }
    let mut ty = String::with_capacity(64);
    for field in &object.fields {
        let fallback = format!("The `{}` property.", field.wire_name);
        let mut docs = render(&field.docs, Some(&field.constraints), &fallback);
        if let TypeRef::Json {
            fallback: Some(reason),
        } = &field.ty
        {
            docs.push_str(&format!("\n\nUntyped: {reason}."));
        }
        lines.doc_block(INDENT, &docs);
        for attribute in field_serde_attrs(type_def, field) {
            lines.attribute(INDENT, &attribute);
        }
        ty.clear();
        push_field_type_text(api, type_def, field, &mut ty);
        lines.field(INDENT, &format!("pub {}: ", field.rust_name), &ty);
    }
    if let Some(value) = &object.additional {
        lines.doc_block(INDENT, "Properties not declared by the schema.");
        lines.unbreakable(INDENT, "#[serde(flatten)]");
        ty.clear();
        ty.push_str("::std::collections::BTreeMap<");
        STRING.push_text(&mut ty);
        ty.push_str(", ");
        push_type_text(api, value, &mut ty);
        ty.push('>');
        let lead = format!("pub {}: ", ModelMember::AdditionalProperties.name());
        lines.field(INDENT, &lead, &ty);
    }
    lines.unbreakable(0, "}");
    lines.finish()
}

/// The wire name, and how absence and `null` are read and written: the field's `#[serde]`
/// attributes, each written flat.
pub fn field_serde_attrs(type_def: &TypeDef, field: &Field) -> Vec<String> {
    // A file travels as a multipart part of its own, never inside the serialised fields.
    if field.ty.any(&|ty| *ty == TypeRef::File) {
        return vec![String::from("#[serde(skip)]")];
    }
    let mut attributes = Vec::with_capacity(2);
    if field.rust_name != field.wire_name {
        attributes.push(format!("#[serde(rename = {})]", lit_text(&field.wire_name)));
    }
    let any_json = matches!(field.ty, TypeRef::Json { .. });
    let skip_none = format!("skip_serializing_if = \"{}\"", OPTION_IS_NONE.path());
    let nullable = |read: &str| {
        format!("#[serde(default, {skip_none}, deserialize_with = \"crate::runtime::nullable::{read}\")]")
    };
    let presence = match field.presence {
        Presence::OptionalNullable if double_option(type_def, field) => {
            Some(nullable("deserialize"))
        }
        // For a field holding any JSON value, a present `null` is data and must survive a round trip.
        Presence::Optional | Presence::OptionalNullable if any_json => Some(nullable("present")),
        Presence::Optional | Presence::OptionalNullable => {
            Some(format!("#[serde(default, {skip_none})]"))
        }
        // Null and absent read the same; `null` is what gets sent.
        Presence::RequiredNullable => Some(String::from("#[serde(default)]")),
        Presence::Required => None,
    };
    attributes.extend(presence);
    attributes
}

/// A field's Rust type, with the `Option`s its presence adds, on the end of `out`.
pub fn push_field_type_text(api: &Api, type_def: &TypeDef, field: &Field, out: &mut String) {
    let options = match field.presence {
        Presence::Required => 0,
        Presence::OptionalNullable if double_option(type_def, field) => 2,
        _ => 1,
    };
    for _ in 0..options {
        OPTION.push_text(out);
        out.push('<');
    }
    push_type_text(api, &field.ty, out);
    for _ in 0..options {
        out.push('>');
    }
}

/// Absent and `null` differ only when sending (absent leaves a value alone, `null` clears it),
/// so only request types pay for `Option<Option<T>>`.
pub fn double_option(type_def: &TypeDef, field: &Field) -> bool {
    type_def.used_in_request
        && field.presence == Presence::OptionalNullable
        && field.ty != TypeRef::Unit
}

/// A required field holding a constant: it has one possible value, so no caller passes it.
pub fn is_fixed(api: &Api, field: &Field) -> bool {
    field.presence == Presence::Required && super::rust::is_const(api, &field.ty)
}

pub fn is_optional(presence: Presence) -> bool {
    matches!(presence, Presence::Optional | Presence::OptionalNullable)
}

/// `new` for required fields, a setter per optional field, deprecated alias setters, and
/// `validate` when the type is sent by the features that compile it.
///
/// Every struct gets the constructor and setters, not only request types: a test (with the
/// `testing` fake or without) builds response values the same way, and they cost no dependency.
fn struct_methods(
    api: &Api,
    type_def: &TypeDef,
    object: &Struct,
    validate: Option<TokenStream>,
) -> Result<String, String> {
    let mut members = Lines::with_capacity(512);
    push_constructor(&mut members, api, type_def, object);
    for field in &object.fields {
        if is_optional(field.presence) {
            push_setter(&mut members, api, type_def, field);
        }
    }
    for alias in &object.aliases {
        let field = object
            .fields
            .iter()
            .find(|field| field.rust_name == alias.target_rust_name);
        if let Some(field) = field {
            push_alias_setter(&mut members, api, alias, field);
        }
    }
    if let Some(validate) = validate {
        members.printed(printed_member(validate))?;
    }
    members.block(&format!("impl {}", type_def.name)).finish()
}

/// `new` taking every required field, when there is one.
fn push_constructor(lines: &mut Lines, api: &Api, type_def: &TypeDef, object: &Struct) {
    let required: Vec<&Field> = object
        .fields
        .iter()
        .filter(|field| !is_optional(field.presence))
        .collect();
    if required.is_empty() {
        return;
    }
    let params = required
        .iter()
        .filter(|field| !is_fixed(api, field))
        .map(|field| {
            let mut ty = String::new();
            push_field_type_text(api, type_def, field, &mut ty);
            Param::Typed {
                pattern: field.rust_name.clone(),
                ty,
            }
        })
        .collect();
    let mut values: Vec<(&str, Option<String>)> = object
        .fields
        .iter()
        .map(|field| {
            let value = if is_optional(field.presence) {
                Some(std_text(NONE))
            } else if is_fixed(api, field) {
                let mut constant = String::new();
                push_type_text(api, &field.ty, &mut constant);
                Some(constant)
            } else {
                None
            };
            (field.rust_name.as_str(), value)
        })
        .collect();
    if object.additional.is_some() {
        let new_map = String::from("::std::collections::BTreeMap::new()");
        values.push((ModelMember::AdditionalProperties.name(), Some(new_map)));
    }
    let fields = values
        .iter()
        .map(|(name, value)| FieldValue::text(name, value.as_deref()))
        .collect();
    let doc = format!(" Creates a `{}` from its required fields.", type_def.name);
    // Every required property of the schema is an argument, so none can be forgotten.
    let attributes: &[&str] = match required.len() > MAX_ARGUMENTS {
        true => &["#[allow(clippy::too_many_arguments)]", "#[inline]"],
        false => &["#[inline]"],
    };
    lines.method(Method::returning_self(
        MethodDocs::Line(&doc),
        attributes,
        ModelMember::New.name(),
        params,
        Body::Literal("Self", fields),
    ));
}

/// The setter of an optional field.
fn push_setter(lines: &mut Lines, api: &Api, type_def: &TypeDef, field: &Field) {
    let mut inner = String::new();
    push_type_text(api, &field.ty, &mut inner);
    let (name, some) = (&field.rust_name, std_text(SOME));
    if double_option(type_def, field) {
        let doc = format!(
            " Sets `{}`; `None` sends an explicit `null`.",
            field.wire_name
        );
        let ty = format!("{}<{inner}>", std_text(OPTION));
        let assignment = format!("self.{name} = {some}(value);");
        return lines.method(Method::returning_self(
            MethodDocs::Line(&doc),
            &["#[inline]"],
            name,
            setter_params(ty),
            Body::Lines(&[&assignment, "self"]),
        ));
    }
    let doc = format!(" Sets `{}`.", field.wire_name);
    let deprecated = field.docs.deprecated.as_ref().map(|deprecation| {
        let note = deprecation
            .note
            .clone()
            .unwrap_or_else(|| format!("`{}` is deprecated", field.wire_name));
        format!("#[deprecated(note = {})]", lit_text(&note))
    });
    let attributes: Vec<&str> = deprecated.as_deref().into_iter().collect();
    let assignment = format!("self.{name} = {some}(value.into());");
    lines.method(Method::returning_self(
        MethodDocs::Line(&doc),
        &attributes,
        name,
        setter_params(impl_into(&inner)),
        Body::Lines(&[&assignment, "self"]),
    ));
}

/// The setter of a deprecated alias, which sets its target.
fn push_alias_setter(lines: &mut Lines, api: &Api, alias: &FieldAlias, field: &Field) {
    let mut inner = String::new();
    push_type_text(api, &field.ty, &mut inner);
    let doc = format!(
        " Sets `{}` under its deprecated name `{}`; the value is sent as `{}`.",
        alias.target_rust_name, alias.wire_name, alias.target_wire_name
    );
    let deprecated = format!("#[deprecated(note = {})]", lit_text(&alias.note));
    let target = &alias.target_rust_name;
    let assignment = match is_optional(field.presence) {
        true => format!("self.{target} = {}(value.into());", std_text(SOME)),
        false => format!("self.{target} = value.into();"),
    };
    lines.method(Method::returning_self(
        MethodDocs::Line(&doc),
        &[&deprecated],
        &alias.rust_name,
        setter_params(impl_into(&inner)),
        Body::Lines(&[&assignment, "self"]),
    ));
}

/// An open enum: its definition, `VALUES` and `as_str`, `From<&str>`, and the `open_enum!`
/// call that gives it its string traits.
pub fn enum_items(type_def: &TypeDef, values: &Enum, built: &mut Built) {
    built.printed(enum_definition(type_def, values));
    built.printed(enum_methods(type_def, values));
    built.printed(enum_from_str(type_def, values));
    let mut call = Lines::with_capacity(64);
    call.line(
        0,
        &format!("crate::runtime::open_enum!({});", type_def.name),
    );
    built.printed(call.finish());
}

/// Docs, derives, a variant per value and the catch-all one.
fn enum_definition(type_def: &TypeDef, values: &Enum) -> Result<String, String> {
    let mut lines = Lines::with_capacity(256 + 64 * values.variants.len());
    let fallback = format!("The `{}` values.", type_def.name);
    lines.doc_block(0, &render(&type_def.docs, None, &fallback));
    lines.unbreakable(
        0,
        "#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]",
    );
    lines.unbreakable(0, "#[non_exhaustive]");
    lines.unbreakable(0, &format!("pub enum {} {{", type_def.name));
    for variant in &values.variants {
        let fallback = format!("`{}`", variant.wire_value);
        lines.doc_block(INDENT, &render(&variant.docs, None, &fallback));
        lines.line(INDENT, &format!("{},", variant.rust_name));
    }
    lines.doc_block(
        INDENT,
        "A value this version of the client does not know; it is kept as sent.",
    );
    let unknown = format!("{}({}),", values.unknown_variant, std_text(STRING));
    lines.line(INDENT, &unknown);
    lines.unbreakable(0, "}");
    lines.finish()
}

/// `impl Name { VALUES, as_str }`.
fn enum_methods(type_def: &TypeDef, values: &Enum) -> Result<String, String> {
    let mut members = Lines::with_capacity(256 + 64 * values.variants.len());
    members.doc_block(
        INDENT,
        "Every value the API documents, as sent on the wire.",
    );
    let literals: Vec<String> = values
        .variants
        .iter()
        .map(|variant| lit_text(&variant.wire_value))
        .collect();
    let head = format!(
        "pub const {}: &'static [&'static str] = &[",
        EnumMember::Values.name()
    );
    members.literal_list(INDENT, &head, &literals);
    members.doc_block(INDENT, "The value as sent on the wire.");
    members.unbreakable(INDENT, "#[inline]");
    let as_str = format!("pub fn {}(&self) -> &str {{", EnumMember::AsStr.name());
    members.line(INDENT, &as_str);
    members.line(2 * INDENT, "match self {");
    for (variant, literal) in values.variants.iter().zip(&literals) {
        members.line(
            3 * INDENT,
            &format!("Self::{} => {literal},", variant.rust_name),
        );
    }
    let unknown = format!("Self::{}(value) => value.as_str(),", values.unknown_variant);
    members.line(3 * INDENT, &unknown);
    members.unbreakable(2 * INDENT, "}");
    members.unbreakable(INDENT, "}");
    members.block(&format!("impl {}", type_def.name)).finish()
}

/// `impl From<&str> for Name`: a documented value's variant, or the catch-all one.
fn enum_from_str(type_def: &TypeDef, values: &Enum) -> Result<String, String> {
    let mut lines = Lines::with_capacity(128 + 64 * values.variants.len());
    let header = format!("impl {}<&str> for {} {{", std_text(FROM), type_def.name);
    lines.line(0, &header);
    lines.unbreakable(INDENT, "#[inline]");
    lines.line(INDENT, "fn from(value: &str) -> Self {");
    lines.line(2 * INDENT, "match value {");
    for variant in &values.variants {
        let arm = format!(
            "{} => Self::{},",
            lit_text(&variant.wire_value),
            variant.rust_name
        );
        lines.line(3 * INDENT, &arm);
    }
    let unknown = format!(
        "other => Self::{}(other.to_owned()),",
        values.unknown_variant
    );
    lines.line(3 * INDENT, &unknown);
    lines.unbreakable(2 * INDENT, "}");
    lines.unbreakable(INDENT, "}");
    lines.unbreakable(0, "}");
    lines.finish()
}
