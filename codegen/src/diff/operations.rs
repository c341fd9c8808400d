//! Compares operations: which were added, removed, renamed or moved, and for each matched pair
//! its parameters, body and response, as the generated method and request builder see them.
//!
//! The types those inputs and outputs name are compared once, by [`super::types`]; here a use
//! site only asks whether it still names the same type.

use super::change::{Changes, Pointers};
use super::impact::{Impact, Side};
use super::matching::{type_label, Apis, OperationPair};
use super::rules::Rule;
use super::types::{docs_differ, record_constraints};
use crate::ir::{Api, Body, BodyKind, Decode, Operation, Param, ParamLocation, TypeRef};

/// Reports every operation-level change.
pub fn diff_operations(apis: &Apis<'_>, changes: &mut Changes) {
    for pair in apis.match_operations() {
        match pair {
            OperationPair {
                old: Some(old),
                new: None,
            } => {
                let operation = apis.old.operation(old);
                changes.record(
                    Rule::OperationRemoved,
                    Side::Api,
                    Pointers::old(&operation.pointer),
                    format!("{} removed", label(operation)),
                );
            }
            OperationPair {
                old: None,
                new: Some(new),
            } => {
                let operation = apis.new.operation(new);
                changes.record(
                    Rule::OperationAdded,
                    Side::Api,
                    Pointers::new(&operation.pointer),
                    format!("{} added", label(operation)),
                );
            }
            OperationPair {
                old: Some(old),
                new: Some(new),
            } => diff_operation(
                apis,
                apis.old.operation(old),
                apis.new.operation(new),
                changes,
            ),
            OperationPair {
                old: None,
                new: None,
            } => {}
        }
    }
}

/// `resource_sharing().list (GET /accounts/{account_id}/shares)`: the Rust call and the HTTP call.
fn label(operation: &Operation) -> String {
    format!(
        "`{}` ({} {})",
        rust_path(operation),
        operation.method.as_str(),
        operation.path
    )
}

fn rust_path(operation: &Operation) -> String {
    let groups: String = operation
        .group
        .iter()
        .map(|group| format!("{group}()."))
        .collect();
    format!("{groups}{}", operation.method_name)
}

fn diff_operation(apis: &Apis<'_>, old: &Operation, new: &Operation, changes: &mut Changes) {
    let pointers = Pointers::both(&old.pointer, &new.pointer);
    let what = label(new);
    if rust_path(old) != rust_path(new) {
        changes.record(
            Rule::MethodRenamed,
            Side::Api,
            pointers,
            format!("`{}` renamed to {what}", rust_path(old)),
        );
    } else if old.request_type != new.request_type {
        changes.record(
            Rule::MethodRenamed,
            Side::Api,
            pointers,
            format!(
                "{what}: request builder `{}` renamed to `{}`",
                old.request_type, new.request_type
            ),
        );
    }
    if old.method != new.method || old.path.as_str() != new.path.as_str() && !same_shape(old, new) {
        changes.record(
            Rule::OperationMoved,
            Side::Api,
            pointers,
            format!("{what} moved from {} {}", old.method.as_str(), old.path),
        );
    }
    match (&old.docs.deprecated, &new.docs.deprecated) {
        (None, Some(_)) => changes.record(
            Rule::OperationDeprecated,
            Side::Api,
            pointers,
            format!("{what} deprecated"),
        ),
        (Some(_), None) => changes.record(
            Rule::OperationUndeprecated,
            Side::Api,
            pointers,
            format!("{what} no longer deprecated"),
        ),
        _ => {}
    }
    if docs_differ(&old.docs, &new.docs) {
        changes.record(
            Rule::DocsChanged,
            Side::Api,
            pointers,
            format!("docs of {what} changed"),
        );
    }
    diff_path_params(apis, old, new, changes);
    diff_other_params(apis, old, new, changes);
    diff_body(apis, old, new, changes);
    diff_response(apis, old, new, changes);
}

fn same_shape(old: &Operation, new: &Operation) -> bool {
    super::matching::path_shape(&old.path) == super::matching::path_shape(&new.path)
}

/// Path parameters are matched by position: the name never goes on the wire, and in Rust they
/// are positional arguments.
fn diff_path_params(apis: &Apis<'_>, old: &Operation, new: &Operation, changes: &mut Changes) {
    let old_names: Vec<&str> = old.path.param_names().collect();
    let new_names: Vec<&str> = new.path.param_names().collect();
    for idx in 0..old_names.len().max(new_names.len()) {
        let old_param = old_names.get(idx).and_then(|name| path_param(old, name));
        let new_param = new_names.get(idx).and_then(|name| path_param(new, name));
        match (old_param, new_param) {
            (Some(old_param), Some(new_param)) => {
                if old_param.wire_name != new_param.wire_name {
                    changes.record(
                        Rule::PathParamRenamed,
                        Side::Request,
                        Pointers::both(&old_param.pointer, &new_param.pointer),
                        format!(
                            "{}: path parameter `{}` renamed to `{}` (argument {} of {})",
                            label(new),
                            old_param.wire_name,
                            new_param.wire_name,
                            idx + 1,
                            old_names.len()
                        ),
                    );
                }
                diff_param(apis, new, (old_param, new_param), changes);
            }
            (Some(old_param), None) => record_param_removed(new, old_param, changes),
            (None, Some(new_param)) => record_param_added(new, new_param, changes),
            (None, None) => {}
        }
    }
}

fn path_param<'a>(operation: &'a Operation, name: &str) -> Option<&'a Param> {
    operation
        .params
        .iter()
        .find(|param| param.location == ParamLocation::Path && param.wire_name == name)
}

/// Query and header parameters are matched by location and wire name.
fn diff_other_params(apis: &Apis<'_>, old: &Operation, new: &Operation, changes: &mut Changes) {
    let others = |operation: &Operation| -> Vec<Param> {
        operation
            .params
            .iter()
            .filter(|param| param.location != ParamLocation::Path)
            .cloned()
            .collect()
    };
    let (old_params, new_params) = (others(old), others(new));
    let key = |param: &Param| (param.location, param.wire_name.clone());
    for old_param in &old_params {
        match new_params.iter().find(|param| key(param) == key(old_param)) {
            Some(new_param) => diff_param(apis, new, (old_param, new_param), changes),
            None => record_param_removed(new, old_param, changes),
        }
    }
    for new_param in &new_params {
        if !old_params.iter().any(|param| key(param) == key(new_param)) {
            record_param_added(new, new_param, changes);
        }
    }
}

fn record_param_removed(operation: &Operation, param: &Param, changes: &mut Changes) {
    changes.record(
        Rule::ParamRemoved,
        Side::Request,
        Pointers::old(&param.pointer),
        format!("{}: {} removed", label(operation), param_word(param)),
    );
}

fn record_param_added(operation: &Operation, param: &Param, changes: &mut Changes) {
    let (rule, how) = if param.required {
        (Rule::ParamAddedRequired, "a new argument")
    } else {
        (Rule::ParamAddedOptional, "a new setter")
    };
    changes.record(
        rule,
        Side::Request,
        Pointers::new(&param.pointer),
        format!("{}: {} added ({how})", label(operation), param_word(param)),
    );
}

fn diff_param(
    apis: &Apis<'_>,
    operation: &Operation,
    (old, new): (&Param, &Param),
    changes: &mut Changes,
) {
    let pointers = Pointers::both(&old.pointer, &new.pointer);
    let what = format!("{}: {}", label(operation), param_place(new));
    match (old.required, new.required) {
        (false, true) => changes.record(
            Rule::ParamBecameRequired,
            Side::Request,
            pointers,
            format!("{what} became required (setter → argument)"),
        ),
        (true, false) => changes.record(
            Rule::ParamBecameOptional,
            Side::Request,
            pointers,
            format!("{what} became optional (argument → setter)"),
        ),
        _ => {}
    }
    if !apis.same_type(&old.ty, &new.ty) {
        // Arguments and setters take `impl Into<T>`, so a lossless widening still compiles.
        let rule = if widens(&old.ty, &new.ty) {
            Rule::ParamTypeWidened
        } else {
            Rule::ParamTypeChanged
        };
        changes.record(
            rule,
            Side::Request,
            pointers,
            format!(
                "{what} changed type ({} → {})",
                type_label(apis.old, &old.ty),
                type_label(apis.new, &new.ty)
            ),
        );
    }
    if !old.required && !new.required && old.rust_name != new.rust_name {
        changes.record(
            Rule::ParamSetterRenamed,
            Side::Request,
            pointers,
            format!(
                "{what}: setter `{}` renamed to `{}`",
                old.rust_name, new.rust_name
            ),
        );
    }
    if old.explode != new.explode {
        changes.record(
            Rule::ParamStyleChanged,
            Side::Request,
            pointers,
            format!("{what} changed how arrays are sent (explode)"),
        );
    }
    record_constraints(
        changes,
        Side::Request,
        pointers,
        &what,
        (&old.constraints, &new.constraints),
    );
    if old.docs != new.docs {
        changes.record(
            Rule::DocsChanged,
            Side::Request,
            pointers,
            format!("docs of {what} changed"),
        );
    }
}

/// `required query parameter `limit``, for additions and removals.
fn param_word(param: &Param) -> String {
    let presence = if param.required {
        "required"
    } else {
        "optional"
    };
    format!("{presence} {}", param_place(param))
}

/// `query parameter `limit``.
fn param_place(param: &Param) -> String {
    let location = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    };
    format!("{location} parameter `{}`", param.wire_name)
}

/// Whether every `old` value converts into `new` with `From` (so `impl Into<new>` accepts it).
fn widens(old: &TypeRef, new: &TypeRef) -> bool {
    use crate::ir::IntegerKind::{I32, I64, U32, U64};
    matches!(
        (old, new),
        (TypeRef::Integer(I32), TypeRef::Integer(I64))
            | (TypeRef::Integer(U32), TypeRef::Integer(I64 | U64))
            | (TypeRef::Integer(I32 | U32), TypeRef::Number)
    )
}

fn diff_body(apis: &Apis<'_>, old_op: &Operation, new_op: &Operation, changes: &mut Changes) {
    let what = format!("{}: request body", label(new_op));
    let (old, new) = match (&old_op.body, &new_op.body) {
        (None, None) => return,
        (Some(old), None) => {
            changes.record(
                Rule::BodyRemoved,
                Side::Request,
                Pointers::old(&old.pointer),
                format!("{what} removed"),
            );
            return;
        }
        (None, Some(new)) => {
            let rule = if new.required {
                Rule::BodyAddedRequired
            } else {
                Rule::BodyAddedOptional
            };
            changes.record(
                rule,
                Side::Request,
                Pointers::new(&new.pointer),
                format!("{what} added"),
            );
            return;
        }
        (Some(old), Some(new)) => (old, new),
    };
    diff_matched_body(apis, &what, (old, new), changes);
}

/// A body both operations take: requiredness, encoding, type and docs.
fn diff_matched_body(
    apis: &Apis<'_>,
    what: &str,
    (old, new): (&Body, &Body),
    changes: &mut Changes,
) {
    let pointers = Pointers::both(&old.pointer, &new.pointer);
    match (old.required, new.required) {
        (false, true) => changes.record(
            Rule::BodyBecameRequired,
            Side::Request,
            pointers,
            format!("{what} became required (setter → argument)"),
        ),
        (true, false) => changes.record(
            Rule::BodyBecameOptional,
            Side::Request,
            pointers,
            format!("{what} became optional (argument → setter)"),
        ),
        _ => {}
    }
    if old.media_type != new.media_type {
        changes.record(
            Rule::BodyMediaTypeChanged,
            Side::Request,
            pointers,
            format!(
                "{what} is sent as `{}` instead of `{}`",
                new.media_type, old.media_type
            ),
        );
    }
    if !same_body_type(apis, old, new) {
        changes.record(
            Rule::BodyTypeChanged,
            Side::Request,
            pointers,
            format!(
                "{what} changed type ({} → {})",
                body_label(apis.old, old),
                body_label(apis.new, new)
            ),
        );
    }
    if old.docs != new.docs {
        changes.record(
            Rule::DocsChanged,
            Side::Request,
            pointers,
            format!("docs of {what} changed"),
        );
    }
}

/// The Rust type of a body as emit/resources.rs spells it (`body_type`): bytes and text bodies
/// take `Vec<u8>` and `String` whatever the schema says.
fn same_body_type(apis: &Apis<'_>, old: &Body, new: &Body) -> bool {
    match (old.kind, new.kind) {
        (BodyKind::Bytes, BodyKind::Bytes) | (BodyKind::Text, BodyKind::Text) => true,
        (
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart,
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart,
        ) => apis.same_type(&old.ty, &new.ty),
        _ => false,
    }
}

fn body_label(api: &Api, body: &Body) -> String {
    match body.kind {
        BodyKind::Bytes => "Vec<u8>".to_owned(),
        BodyKind::Text => "String".to_owned(),
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart => type_label(api, &body.ty),
    }
}

fn diff_response(apis: &Apis<'_>, old: &Operation, new: &Operation, changes: &mut Changes) {
    let pointers = Pointers::both(&old.pointer, &new.pointer);
    let what = label(new);
    match (&old.pagination, &new.pagination) {
        (None, Some(_)) => changes.record(
            Rule::PaginationAdded,
            Side::Response,
            pointers,
            format!("{what} now returns a `Page` and can stream"),
        ),
        (Some(_), None) => changes.record(
            Rule::PaginationRemoved,
            Side::Response,
            pointers,
            format!("{what} no longer returns a `Page`"),
        ),
        _ => {}
    }
    let (old_output, new_output) = (output(old), output(new));
    let same_output = match (&old_output, &new_output) {
        (Output::Typed(old_ty), Output::Typed(new_ty))
        | (Output::Page(old_ty), Output::Page(new_ty)) => apis.same_type(old_ty, new_ty),
        (old_output, new_output) => old_output == new_output,
    };
    let paging_changed = old.pagination.is_some() != new.pagination.is_some();
    if !paging_changed && (!same_output || old.response.decode != new.response.decode) {
        let rust = if same_output {
            Impact::Patch
        } else {
            Impact::Major
        };
        changes.record_with_rust(
            Rule::ResponseTypeChanged,
            Side::Response,
            pointers,
            format!(
                "{what} returns {} instead of {}",
                output_label(apis.new, &new_output),
                output_label(apis.old, &old_output)
            ),
            rust,
        );
    }
    if old.response.statuses != new.response.statuses {
        changes.record(
            Rule::SuccessStatusesChanged,
            Side::Response,
            pointers,
            format!(
                "{what} documents success as {} instead of {}",
                new.response.statuses.join(", "),
                old.response.statuses.join(", ")
            ),
        );
    }
    diff_errors(apis, old, new, changes);
    if old.response.docs != new.response.docs {
        changes.record(
            Rule::DocsChanged,
            Side::Response,
            pointers,
            format!("docs of what {what} returns changed"),
        );
    }
}

/// Documented error statuses and their body types only reach the method's docs.
fn diff_errors(apis: &Apis<'_>, old: &Operation, new: &Operation, changes: &mut Changes) {
    let same = old.errors.len() == new.errors.len()
        && old
            .errors
            .iter()
            .zip(&new.errors)
            .all(|(old_error, new_error)| {
                old_error.status == new_error.status
                    && old_error.description == new_error.description
                    && match (&old_error.ty, &new_error.ty) {
                        (Some(old_ty), Some(new_ty)) => apis.same_type(old_ty, new_ty),
                        (None, None) => true,
                        _ => false,
                    }
            });
    if !same {
        let statuses = |operation: &Operation| {
            if operation.errors.is_empty() {
                return String::from("none");
            }
            operation
                .errors
                .iter()
                .map(|error| error.status.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        changes.record(
            Rule::ErrorResponsesChanged,
            Side::Response,
            Pointers::both(&old.pointer, &new.pointer),
            format!(
                "{}: documented errors changed ({} → {})",
                label(new),
                statuses(old),
                statuses(new)
            ),
        );
    }
}

/// What `send` returns, as emit/resources.rs `output_type` decides it.
#[derive(Debug, PartialEq)]
enum Output<'a> {
    Page(&'a TypeRef),
    Bytes,
    Unit,
    Text,
    Typed(&'a TypeRef),
}

fn output(operation: &Operation) -> Output<'_> {
    if let Some(pagination) = &operation.pagination {
        return Output::Page(&pagination.item);
    }
    match operation.response.decode {
        Decode::Bytes => Output::Bytes,
        Decode::Empty => Output::Unit,
        Decode::Text => Output::Text,
        Decode::Envelope | Decode::Json => Output::Typed(&operation.response.ty),
    }
}

fn output_label(api: &Api, output: &Output<'_>) -> String {
    match output {
        Output::Page(item) => format!("Page<{}>", type_label(api, item)),
        Output::Bytes => "Bytes".to_owned(),
        Output::Unit => "()".to_owned(),
        Output::Text => "String".to_owned(),
        Output::Typed(ty) => type_label(api, ty),
    }
}
