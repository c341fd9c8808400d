//! Compile witnesses for `codegen::diff`: a consumer program written against a generated crate's
//! API, derived from its IR, so it can be compiled against the next version of the crate.
//!
//! The program uses every item the way a caller would: each method with its old arguments, each
//! setter, each response read at its old type, each constructor (without the required constants
//! it fills in itself) and field, an exhaustive `match` where the enum allows one, each constant
//! as a value with its `VALUE`, each wrapper's `.0`, each credential setter. It never runs;
//! `any::<T>()` only has to type-check. Building and compiling is left to `tests/tests/diff_witnesses.rs`.

use std::fmt::Write;

use codegen::emit::members::{ConstMember, ModelMember};
use codegen::ir::{
    Api, BodyKind, Decode, Enum, IntegerKind, Operation, Presence, Struct, TypeDef, TypeKind,
    TypeRef, Union,
};

/// The consumer's `src/lib.rs`; the generated crate is its dependency `api`.
pub fn consumer_source(api: &Api) -> String {
    let mut out = String::from(
        "#![allow(deprecated, unused, clippy::all)]\n\
         //! Written against the old crate; compiled against the new one.\n\n\
         fn any<T>() -> T {\n    unimplemented!()\n}\n\n",
    );
    out.push_str("pub async fn operations(client: &api::Client) {\n");
    for operation in api.operations() {
        write_operation(api, operation, &mut out);
    }
    out.push_str("}\n\npub fn credentials() {\n");
    for scheme in &api.auth().schemes {
        let args = match scheme.kind {
            codegen::ir::AuthKind::Basic => "any::<String>(), any::<String>()",
            _ => "any::<String>()",
        };
        let _ = writeln!(
            out,
            "    let _ = api::Client::builder().{}({args});",
            scheme.rust_name
        );
    }
    out.push_str("}\n");
    for type_def in &api.types {
        match &type_def.kind {
            TypeKind::Struct(object) => write_struct(api, type_def, object, &mut out),
            TypeKind::Enum(values) => write_enum(type_def, values, &mut out),
            TypeKind::Union(union) => write_union(api, type_def, union, &mut out),
            TypeKind::Const(_) => write_const(type_def, &mut out),
            TypeKind::Newtype(inner) => write_newtype(api, type_def, inner, &mut out),
        }
    }
    out
}

/// Whether the consumer names `uuid` or `chrono` types, so its manifest needs them.
pub fn uses(api: &Api, wanted: fn(&TypeRef) -> bool) -> bool {
    let mut found = false;
    api.walk_type_refs(&mut |ty| found |= wanted(ty));
    found
}

fn write_operation(api: &Api, operation: &Operation, out: &mut String) {
    let handle: String = operation
        .group
        .iter()
        .map(|group| format!(".{group}()"))
        .collect();
    let module = operation.group.join("::");
    let mut args: Vec<String> = operation
        .required_params()
        .map(|param| format!("any::<{}>()", rust_type(api, &param.ty)))
        .collect();
    let body_ty = operation.body.as_ref().map(|body| match body.kind {
        BodyKind::Bytes => String::from("Vec<u8>"),
        BodyKind::Text => String::from("String"),
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart => rust_type(api, &body.ty),
    });
    if let (Some(ty), true) = (&body_ty, operation.body_is_argument()) {
        args.push(format!("any::<{ty}>()"));
    }
    let _ = writeln!(
        out,
        "    {{\n        let builder: api::resources::{module}::{} = client{handle}.{}({});",
        operation.request_type,
        operation.method_name,
        args.join(", ")
    );
    for param in operation.optional_params() {
        let _ = writeln!(
            out,
            "        let builder = builder.{}(any::<{}>());",
            param.rust_name,
            rust_type(api, &param.ty)
        );
    }
    if let (Some(ty), false) = (&body_ty, operation.body_is_argument()) {
        let _ = writeln!(out, "        let builder = builder.body(any::<{ty}>());");
    }
    let _ = writeln!(
        out,
        "        let _: {} = builder.send().await.unwrap();\n    }}",
        output_type(api, operation)
    );
}

fn output_type(api: &Api, operation: &Operation) -> String {
    if let Some(pagination) = &operation.pagination {
        return format!("api::Page<{}>", rust_type(api, &pagination.item));
    }
    match operation.response.decode {
        Decode::Bytes => String::from("_"),
        Decode::Empty => String::from("()"),
        Decode::Text => String::from("String"),
        Decode::Envelope | Decode::Json => rust_type(api, &operation.response.ty),
    }
}

fn write_struct(api: &Api, type_def: &TypeDef, object: &Struct, out: &mut String) {
    let name = format!("api::models::{}", type_def.name);
    let _ = writeln!(out, "\npub fn read_{}(value: &{name}) {{", type_def.name);
    for field in &object.fields {
        let _ = writeln!(
            out,
            "    let _: &{} = &value.{};",
            field_type(api, type_def, field.presence, &field.ty),
            field.rust_name
        );
    }
    if let Some(additional) = &object.additional {
        let _ = writeln!(
            out,
            "    let _: &std::collections::BTreeMap<String, {}> = &value.{};",
            rust_type(api, additional),
            ModelMember::AdditionalProperties.name()
        );
    }
    if object
        .fields
        .iter()
        .all(|field| is_optional(field.presence))
    {
        let _ = writeln!(out, "    let _: {name} = Default::default();");
    }
    out.push_str("}\n");
    if type_def.used_in_request {
        write_request_struct(api, type_def, object, out);
    }
}

/// The constructor with the old required fields, then every old setter.
fn write_request_struct(api: &Api, type_def: &TypeDef, object: &Struct, out: &mut String) {
    let name = format!("api::models::{}", type_def.name);
    let required: Vec<String> = object
        .fields
        .iter()
        .filter(|field| !is_optional(field.presence) && !is_fixed(api, field.presence, &field.ty))
        .map(|field| {
            format!(
                "any::<{}>()",
                field_type(api, type_def, field.presence, &field.ty)
            )
        })
        .collect();
    let _ = writeln!(out, "\npub fn build_{}() -> {name} {{", type_def.name);
    let all_optional = object
        .fields
        .iter()
        .all(|field| is_optional(field.presence));
    if all_optional {
        let _ = writeln!(out, "    let value = {name}::default();");
    } else {
        let new = ModelMember::New.name();
        let _ = writeln!(
            out,
            "    let value = {name}::{new}({});",
            required.join(", ")
        );
    }
    for field in object
        .fields
        .iter()
        .filter(|field| is_optional(field.presence))
    {
        let arg = if double_option(type_def, field.presence, &field.ty) {
            format!("Option<{}>", rust_type(api, &field.ty))
        } else {
            rust_type(api, &field.ty)
        };
        let _ = writeln!(
            out,
            "    let value = value.{}(any::<{arg}>());",
            field.rust_name
        );
    }
    for alias in &object.aliases {
        if let Some(field) = object
            .fields
            .iter()
            .find(|field| field.rust_name == alias.target_rust_name)
        {
            let _ = writeln!(
                out,
                "    let value = value.{}(any::<{}>());",
                alias.rust_name,
                rust_type(api, &field.ty)
            );
        }
    }
    out.push_str("    value\n}\n");
}

fn write_enum(type_def: &TypeDef, values: &Enum, out: &mut String) {
    let name = format!("api::models::{}", type_def.name);
    let _ = writeln!(
        out,
        "\npub fn match_{}(value: &{name}) -> &str {{\n    match value {{",
        type_def.name
    );
    for variant in &values.variants {
        let _ = writeln!(out, "        {name}::{} => {{}}", variant.rust_name);
    }
    let _ = writeln!(out, "        {name}::{}(_) => {{}}", values.unknown_variant);
    // Enums are `#[non_exhaustive]`: outside the crate a match needs a wildcard.
    out.push_str("        _ => {}\n    }\n    value.as_str()\n}\n");
}

/// The unit struct as a value, its wire value, and its `Default`.
fn write_const(type_def: &TypeDef, out: &mut String) {
    let name = format!("api::models::{}", type_def.name);
    let (as_str, value) = (ConstMember::AsStr.name(), ConstMember::Value.name());
    let _ = writeln!(
        out,
        "\npub fn use_{}() -> &'static str {{\n    let value: {name} = {name};\n    let _: {name} = Default::default();\n    let _: &str = value.{as_str}();\n    {name}::{value}\n}}",
        type_def.name
    );
}

/// A wrapper's one field, read at its old type.
fn write_newtype(api: &Api, type_def: &TypeDef, inner: &TypeRef, out: &mut String) {
    let name = format!("api::models::{}", type_def.name);
    let _ = writeln!(
        out,
        "\npub fn read_{}(value: &{name}) {{\n    let _: &{} = &value.0;\n}}",
        type_def.name,
        rust_type(api, inner)
    );
}

fn write_union(api: &Api, type_def: &TypeDef, union: &Union, out: &mut String) {
    let name = format!("api::models::{}", type_def.name);
    let _ = writeln!(
        out,
        "\npub fn match_{}(value: &{name}) {{\n    match value {{",
        type_def.name
    );
    for variant in &union.variants {
        let _ = writeln!(
            out,
            "        {name}::{}(inner) => {{ let _: &{} = inner; }}",
            variant.rust_name,
            rust_type(api, &variant.ty)
        );
    }
    // Untagged unions are exhaustive today, so the witness matches them without a wildcard.
    if union.tag.is_some() {
        out.push_str("        _ => {}\n");
    }
    out.push_str("    }\n}\n");
}

/// How emit/models.rs spells a field's type.
fn field_type(api: &Api, type_def: &TypeDef, presence: Presence, ty: &TypeRef) -> String {
    let inner = rust_type(api, ty);
    match presence {
        Presence::Required => inner,
        _ if double_option(type_def, presence, ty) => format!("Option<Option<{inner}>>"),
        _ => format!("Option<{inner}>"),
    }
}

fn double_option(type_def: &TypeDef, presence: Presence, ty: &TypeRef) -> bool {
    type_def.used_in_request && presence == Presence::OptionalNullable && *ty != TypeRef::Unit
}

/// A required constant: `new` fills it in, so it is no argument (emit/models.rs `is_fixed`).
fn is_fixed(api: &Api, presence: Presence, ty: &TypeRef) -> bool {
    presence == Presence::Required
        && matches!(ty, TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Const(_)))
}

fn is_optional(presence: Presence) -> bool {
    matches!(presence, Presence::Optional | Presence::OptionalNullable)
}

/// The type as a consumer spells it (`api::models::…` for models).
fn rust_type(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::Binary => String::from("String"),
        TypeRef::Bool => String::from("bool"),
        TypeRef::Integer(IntegerKind::I32) => String::from("i32"),
        TypeRef::Integer(IntegerKind::I64) => String::from("i64"),
        TypeRef::Integer(IntegerKind::U32) => String::from("u32"),
        TypeRef::Integer(IntegerKind::U64) => String::from("u64"),
        TypeRef::Number => String::from("f64"),
        TypeRef::DateTime => String::from("chrono::DateTime<chrono::Utc>"),
        TypeRef::Date => String::from("chrono::NaiveDate"),
        TypeRef::Uuid => String::from("uuid::Uuid"),
        TypeRef::Base64 => String::from("api::runtime::Base64"),
        TypeRef::File => String::from("api::runtime::FilePart"),
        TypeRef::JsonObject => String::from("serde_json::Map<String, serde_json::Value>"),
        TypeRef::Json { .. } => String::from("serde_json::Value"),
        TypeRef::Unit => String::from("()"),
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(api, inner)),
        TypeRef::Map(inner) => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(api, inner)
        ),
        TypeRef::Named(id) => format!("api::models::{}", api.type_def(*id).name),
        TypeRef::Boxed(inner) => format!("Box<{}>", rust_type(api, inner)),
    }
}
