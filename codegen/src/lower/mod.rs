//! Lowers a resolved document into the [`ir::Api`](crate::ir::Api): types, operations, resources, auth.
//!
//! Lowering degrades instead of dying: what it cannot model becomes `serde_json::Value` plus a
//! located [`Diagnostic`]. It fails only when the document itself is broken (a dangling `$ref`).

mod operation;
mod schema;
mod view;

use crate::config::Config;
use crate::error::{Diagnostic, Error};
use crate::ir::{
    Api, Auth, AuthKind, AuthScheme, Operation, Presence, Resource, TypeDef, TypeId, TypeKind,
    TypeRef,
};
use crate::load::Document;
use crate::naming::{pascal_ident, shouty, snake_ident, NameScope};
use crate::resolve::{check_refs, Resolver};

use schema::TypeTable;

/// Names the generated `Client` and its builder already use.
/// `resources` is the module that holds every resource, so no resource may take its name.
const CLIENT_MEMBERS: &[&str] = &["builder", "from_env", "core", "clone", "fmt", "resources"];
const BUILDER_MEMBERS: &[&str] = &[
    "base_url",
    "timeout",
    "max_retries",
    "http_client",
    "header",
    "build",
    "user_agent",
];

/// Lowers `document` into the IR, returning every warning with its place.
pub fn lower(document: &Document, config: &Config) -> Result<(Api, Vec<Diagnostic>), Error> {
    check_refs(document)?;
    let mut lowerer = Lowerer {
        resolver: Resolver::new(document),
        config,
        table: TypeTable::default(),
        diagnostics: Vec::new(),
    };
    let schema_names: Vec<String> = document
        .openapi
        .components
        .iter()
        .flat_map(|components| components.schemas.keys().cloned())
        .collect();
    lowerer.table.name_components(&schema_names);
    let mut operations = lowerer.lower_operations();
    resolve_method_collisions(&mut operations);
    let resources = build_resources(&operations);
    let auth = lowerer.lower_auth();
    let mut types = lowerer.table.types;
    mark_usage(&mut types, &operations);
    relax_directional_fields(&mut types);
    let info = &document.openapi.info;
    let api = Api {
        title: info.title.clone(),
        description: info.description.clone(),
        version: info.version.clone(),
        base_url: document
            .openapi
            .servers
            .first()
            .map(|server| server.url.trim_end_matches('/').to_owned()),
        types,
        operations,
        resources,
        auth,
    };
    Ok((api, lowerer.diagnostics))
}

/// Lowering state: the resolver, the type table and the warnings so far.
pub struct Lowerer<'a> {
    resolver: Resolver<'a>,
    config: &'a Config,
    table: TypeTable,
    diagnostics: Vec<Diagnostic>,
}

impl Lowerer<'_> {
    fn warn(&mut self, pointer: &str, message: &str) {
        self.diagnostics.push(Diagnostic {
            location: self.resolver.document().locate(pointer),
            message: message.to_owned(),
        });
    }

    fn lower_auth(&mut self) -> Auth {
        let document = self.resolver.document();
        let mut auth = Auth::default();
        let mut names = NameScope::new();
        BUILDER_MEMBERS
            .iter()
            .for_each(|member| names.reserve(member));
        let declared = document
            .openapi
            .components
            .iter()
            .flat_map(|components| &components.security_schemes);
        for (key, scheme) in declared {
            let pointer = format!(
                "#/components/securitySchemes/{}",
                crate::source_map::escape_segment(key)
            );
            let openapiv3::ReferenceOr::Item(scheme) = scheme else {
                self.warn(
                    &pointer,
                    "referenced security schemes are not supported; the scheme is skipped",
                );
                continue;
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::APIKey {
                    location: openapiv3::APIKeyLocation::Header,
                    name,
                    description,
                    ..
                } => (AuthKind::Header { name: name.clone() }, description),
                openapiv3::SecurityScheme::APIKey {
                    location: openapiv3::APIKeyLocation::Query,
                    name,
                    description,
                    ..
                } => (AuthKind::Query { name: name.clone() }, description),
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("basic") => (AuthKind::Basic, description),
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("bearer") => (AuthKind::Bearer, description),
                openapiv3::SecurityScheme::OAuth2 { description, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (AuthKind::Bearer, description)
                }
                _ => {
                    self.warn(&pointer, "cookie API keys and HTTP schemes other than bearer and basic are not supported; the scheme is skipped");
                    continue;
                }
            };
            let env_var = match self.config.env.schemes.get(key) {
                Some(name) => name.clone(),
                None => format!("{}_{}", shouty(&self.config.crate_name), shouty(key)),
            };
            auth.schemes.push(AuthScheme {
                key: key.clone(),
                rust_name: names.claim(snake_ident(key)),
                kind,
                description: description.clone(),
                env_var,
            });
        }
        let global = document.openapi.security.iter().flatten();
        let per_operation = document
            .openapi
            .paths
            .paths
            .values()
            .filter_map(|item| item.as_item())
            .flat_map(|item| item.iter().map(|(_, operation)| operation))
            .flat_map(|operation| operation.security.iter().flatten());
        for requirement in global.chain(per_operation) {
            let indexes: Option<Vec<usize>> = requirement
                .keys()
                .map(|key| auth.schemes.iter().position(|scheme| &scheme.key == key))
                .collect();
            if let Some(indexes) = indexes.filter(|indexes| !auth.requirements.contains(indexes)) {
                auth.requirements.push(indexes);
            }
        }
        auth
    }
}

/// Where two operations in one group would get the same method name, both fall back to their operationIds.
fn resolve_method_collisions(operations: &mut [Operation]) {
    let mut seen: std::collections::HashMap<(Vec<String>, String), usize> =
        std::collections::HashMap::new();
    for operation in operations.iter() {
        *seen
            .entry((operation.group.clone(), operation.method_name.clone()))
            .or_default() += 1;
    }
    let mut scopes: std::collections::HashMap<Vec<String>, NameScope> =
        std::collections::HashMap::new();
    for operation in operations.iter_mut() {
        let clashes = seen[&(operation.group.clone(), operation.method_name.clone())] > 1;
        if clashes {
            operation.method_name = match &operation.operation_id {
                Some(id) => snake_ident(id),
                None => snake_ident(&format!("{:?} {}", operation.method, operation.path)),
            };
        }
        let scope = scopes.entry(operation.group.clone()).or_default();
        operation.method_name = scope.claim(operation.method_name.clone());
    }
}

fn build_resources(operations: &[Operation]) -> Vec<Resource> {
    let mut roots: Vec<Resource> = Vec::new();
    for (idx, operation) in operations.iter().enumerate() {
        insert_operation(&mut roots, &operation.group, idx);
    }
    let mut client_scope = NameScope::new();
    CLIENT_MEMBERS
        .iter()
        .for_each(|member| client_scope.reserve(member));
    for root in &mut roots {
        root.name = client_scope.claim(root.name.clone());
        rename_children(root, operations);
    }
    roots
}

fn insert_operation(level: &mut Vec<Resource>, group: &[String], idx: usize) {
    let Some((first, rest)) = group.split_first() else {
        return;
    };
    let position = match level.iter().position(|resource| &resource.name == first) {
        Some(position) => position,
        None => {
            level.push(Resource {
                name: first.clone(),
                type_name: pascal_ident(first),
                operations: Vec::new(),
                children: Vec::new(),
            });
            level.len() - 1
        }
    };
    match rest.is_empty() {
        true => level[position].operations.push(idx),
        false => insert_operation(&mut level[position].children, rest, idx),
    }
}

/// A child accessor must not collide with a method of the same resource.
fn rename_children(resource: &mut Resource, operations: &[Operation]) {
    let mut scope = NameScope::new();
    // A child module named like its parent would read `x::x` (clippy's module_inception).
    scope.reserve(&resource.name);
    for idx in &resource.operations {
        scope.reserve(&operations[*idx].method_name);
    }
    for child in &mut resource.children {
        child.name = scope.claim(child.name.clone());
        rename_children(child, operations);
    }
}

/// Marks which types are sent and which are received, so emitting gives request types constructors.
fn mark_usage(types: &mut [TypeDef], operations: &[Operation]) {
    for operation in operations {
        for param in &operation.params {
            mark(types, &param.ty, true);
        }
        if let Some(body) = &operation.body {
            mark(types, &body.ty, true);
        }
        mark(types, &operation.response.ty, false);
        for error in &operation.errors {
            mark(types, &error.ty, false);
        }
    }
}

/// A `readOnly` field is never sent and a `writeOnly` one never received, so neither can be required there.
fn relax_directional_fields(types: &mut [TypeDef]) {
    for type_def in types.iter_mut() {
        let (request, response) = (type_def.used_in_request, type_def.used_in_response);
        let TypeKind::Struct(object) = &mut type_def.kind else {
            continue;
        };
        for field in &mut object.fields {
            if (field.read_only && request) || (field.write_only && response) {
                field.presence = match field.presence {
                    Presence::Required => Presence::Optional,
                    Presence::RequiredNullable => Presence::OptionalNullable,
                    other => other,
                };
            }
        }
    }
}

fn mark(types: &mut [TypeDef], ty: &TypeRef, request: bool) {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
            mark(types, inner, request)
        }
        TypeRef::Named(id) => mark_named(types, *id, request),
        _ => {}
    }
}

fn mark_named(types: &mut [TypeDef], id: TypeId, request: bool) {
    let flag = match request {
        true => &mut types[id.0].used_in_request,
        false => &mut types[id.0].used_in_response,
    };
    if *flag {
        return;
    }
    *flag = true;
    let children: Vec<TypeRef> = match &types[id.0].kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .map(|field| field.ty.clone())
            .chain(object.additional.clone())
            .collect(),
        TypeKind::Union(union) => union
            .variants
            .iter()
            .map(|variant| variant.ty.clone())
            .collect(),
        TypeKind::Enum(_) => Vec::new(),
    };
    for child in &children {
        mark(types, child, request);
    }
}
