//! `surface`: the public API of a generated client as sorted lines, so two specs can be compared
//! with `diff`: resources and methods with their arguments, and every model with its fields.

use codegen::ir::{Api, Resource, TypeKind, TypeRef};

pub fn api_surface(api: &Api) -> String {
    let mut lines = Vec::new();
    for resource in api.resources() {
        resource_lines(api, resource, "client", &mut lines);
    }
    for type_def in &api.types {
        match &type_def.kind {
            TypeKind::Struct(object) => {
                for field in &object.fields {
                    lines.push(format!(
                        "struct {} .{}: {:?} {}",
                        type_def.name,
                        field.rust_name,
                        field.presence,
                        type_name(api, &field.ty)
                    ));
                }
                for alias in &object.aliases {
                    lines.push(format!(
                        "struct {} deprecated setter {} -> {}",
                        type_def.name, alias.rust_name, alias.target_rust_name
                    ));
                }
            }
            TypeKind::Enum(values) => {
                for variant in &values.variants {
                    lines.push(format!(
                        "enum {}::{} = {:?}",
                        type_def.name, variant.rust_name, variant.wire_value
                    ));
                }
            }
            TypeKind::Newtype(inner) => {
                lines.push(format!(
                    "newtype {}({})",
                    type_def.name,
                    type_name(api, inner)
                ));
            }
            TypeKind::Const(constant) => {
                lines.push(format!(
                    "const {} = {:?}",
                    type_def.name, constant.wire_value
                ));
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    lines.push(format!(
                        "union {}::{}({})",
                        type_def.name,
                        variant.rust_name,
                        type_name(api, &variant.ty)
                    ));
                }
            }
        }
    }
    lines.sort();
    lines.dedup();
    lines.iter().map(|line| format!("{line}\n")).collect()
}

fn resource_lines(api: &Api, resource: &Resource, prefix: &str, lines: &mut Vec<String>) {
    let path = format!("{prefix}.{}()", resource.name);
    for idx in &resource.operations {
        let operation = api.operation(*idx);
        let args: Vec<String> = operation
            .params
            .iter()
            .filter(|param| param.required)
            .map(|param| format!("{}: {}", param.rust_name, type_name(api, &param.ty)))
            .chain(
                operation
                    .body
                    .iter()
                    .filter(|body| body.required)
                    .map(|body| format!("body: {}", type_name(api, &body.ty))),
            )
            .collect();
        let returns = match &operation.pagination {
            Some(pagination) => format!("Page<{}>", type_name(api, &pagination.item)),
            None => type_name(api, &operation.response.ty),
        };
        lines.push(format!(
            "{path}.{}({}) -> {returns}",
            operation.method_name,
            args.join(", ")
        ));
        for param in operation.params.iter().filter(|param| !param.required) {
            lines.push(format!(
                "{path}.{}(..).{}({})",
                operation.method_name,
                param.rust_name,
                type_name(api, &param.ty)
            ));
        }
    }
    for child in &resource.children {
        resource_lines(api, child, &path, lines);
    }
}

fn type_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        TypeRef::Array(inner) => format!("Vec<{}>", type_name(api, inner)),
        TypeRef::Map(inner) => format!("Map<{}>", type_name(api, inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_name(api, inner)),
        TypeRef::Json { fallback: Some(_) } => "Value(untyped fallback)".to_owned(),
        other => format!("{other:?}"),
    }
}
