//! Renders a resource method's documentation from the IR: what it does, its arguments, what it
//! returns, the errors this operation documents, and a `no_run` example rustdoc compiles.

use crate::ir::{Api, Decode, Operation, Param, TypeRef};

use super::docs::{constraint_lines, render, sanitize};

/// The Markdown for the method of `operation`; `krate` is the crate's path in doctests.
pub fn method_docs(api: &Api, operation: &Operation, krate: &str) -> String {
    let request_line = format!("`{} {}`", operation.method.as_str(), operation.path);
    let mut docs = render(&operation.docs, None, &request_line);
    docs.push_str(&format!("\n\n{request_line}"));
    let arguments = argument_lines(operation);
    if !arguments.is_empty() {
        docs.push_str("\n\n# Arguments\n\n");
        docs.push_str(&arguments.join("\n"));
    }
    docs.push_str("\n\n# Returns\n\n");
    docs.push_str(&returns(api, operation));
    docs.push_str("\n\n# Errors\n\n");
    docs.push_str(&errors(api, operation));
    docs.push_str("\n\n# Example\n\n");
    docs.push_str(&example(api, operation, krate));
    docs
}

fn argument_lines(operation: &Operation) -> Vec<String> {
    operation
        .required_params()
        .map(|param| {
            let description = param
                .docs
                .description
                .as_deref()
                .map(sanitize)
                .unwrap_or_default();
            let rules = constraint_lines(&param.constraints).join("; ");
            let rules = if rules.is_empty() {
                String::new()
            } else {
                format!(" ({rules})")
            };
            format!(
                "- `{}`: {}{rules}",
                param.rust_name,
                description.replace('\n', " ")
            )
        })
        .chain(
            operation
                .body_is_argument()
                .then(|| String::from("- `body`: the request body.")),
        )
        .collect()
}

/// The response type by name, with the description the document gives the success response.
fn returns(api: &Api, operation: &Operation) -> String {
    let described = operation
        .response
        .docs
        .description
        .as_deref()
        .map(|text| {
            let text = sanitize(text).replace('\n', " ");
            let text = text.trim_end_matches('.');
            format!(": {text}")
        })
        .unwrap_or_default();
    if let Some(pagination) = &operation.pagination {
        return format!(
            "One [`crate::Page`] of {}{described}. `.stream()` yields every item across pages, fetching lazily.",
            type_link(api, &pagination.item)
        );
    }
    let what = match operation.response.decode {
        Decode::Empty => String::from("Nothing (`()`)"),
        Decode::Text => String::from("The body as text"),
        Decode::Bytes => String::from("The body as bytes"),
        Decode::Envelope | Decode::Json => type_link(api, &operation.response.ty),
    };
    format!("{what}{described}. `send_with_response` adds the status and headers.")
}

/// The statuses the operation documents, then what can fail before or around the call.
fn errors(api: &Api, operation: &Operation) -> String {
    let mut lines: Vec<String> = operation
        .errors
        .iter()
        .map(|error| {
            let description = error
                .description
                .as_deref()
                .map(|text| sanitize(text).replace('\n', " "))
                .unwrap_or_default();
            let body = match &error.ty {
                Some(ty @ TypeRef::Named(_)) => format!(
                    " The body decodes as {} with `error.api_error().map(|e| e.decode_body::<{}>())`.",
                    type_link(api, ty),
                    type_name(api, ty)
                ),
                _ => String::new(),
            };
            format!("- `{}`: {description}{body}", error.status)
        })
        .collect();
    lines.push(String::from(
        "- [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; \
         `Timeout`, `Connection` or `Decode` when the exchange itself fails.",
    ));
    lines.join("\n")
}

/// A `no_run` example: string arguments are written out, anything else arrives as a parameter
/// of the hidden function, so the example compiles for every type without inventing values.
fn example(api: &Api, operation: &Operation, krate: &str) -> String {
    let krate = krate.replace('-', "_");
    let Example { params, statement } = Example::of(api, operation, &krate);
    format!(
        "```no_run\n# async fn example({}) -> {krate}::Result<()> {{\n{statement}\n# Ok(())\n# }}\n```",
        params.join(", ")
    )
}

/// One call of an operation from outside the crate: the parameters of the function it sits in
/// (the client first), and the statement that sends it and uses what it returns.
pub struct Example {
    pub params: Vec<String>,
    pub statement: String,
}

impl Example {
    /// The call of `operation`, with `krate` the crate's path (a Rust identifier).
    pub fn of(api: &Api, operation: &Operation, krate: &str) -> Example {
        let mut params = vec![format!("client: &{krate}::Client")];
        let mut args = Vec::new();
        for param in operation.required_params() {
            args.push(example_argument(api, param, krate, &mut params));
        }
        if operation.body_is_argument() {
            params.push(format!("body: {}", body_type_path(api, operation, krate)));
            args.push(String::from("body"));
        }
        let call = format!(
            "client.{}.{}({})",
            operation.group.join("().") + "()",
            operation.method_name,
            args.join(", ")
        );
        let statement = match operation.response.decode {
            Decode::Empty if operation.pagination.is_none() => format!("{call}.await?;"),
            _ => format!("let response = {call}.await?;\nprintln!(\"{{response:?}}\");"),
        };
        Example { params, statement }
    }
}

fn example_argument(api: &Api, param: &Param, krate: &str, hidden: &mut Vec<String>) -> String {
    if param.ty == TypeRef::String {
        let example = param.docs.example.clone();
        return match example {
            Some(example) if example.starts_with('"') => example,
            _ => format!("{:?}", param.wire_name),
        };
    }
    let ty = crate_type_path(api, &param.ty, krate);
    hidden.push(format!("{}: {ty}", param.rust_name));
    param.rust_name.clone()
}

fn body_type_path(api: &Api, operation: &Operation, krate: &str) -> String {
    match &operation.body {
        Some(body) if matches!(body.kind, crate::ir::BodyKind::Bytes) => String::from("Vec<u8>"),
        Some(body) if matches!(body.kind, crate::ir::BodyKind::Text) => String::from("String"),
        Some(body) => crate_type_path(api, &body.ty, krate),
        None => String::from("()"),
    }
}

/// The type as a doctest outside the crate names it.
fn crate_type_path(api: &Api, ty: &TypeRef, krate: &str) -> String {
    let tokens = super::rust::type_tokens(api, ty).to_string();
    tokens
        .replace("crate :: ", &format!("{krate}::"))
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" , ", ", ")
}

fn type_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        _ => String::from("serde_json::Value"),
    }
}

/// An intra-doc link for named types, the Rust spelling otherwise.
fn type_link(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => {
            let name = &api.type_def(*id).name;
            format!("[`{name}`](crate::models::{name})")
        }
        TypeRef::Array(inner) => format!("a list of {}", type_link(api, inner)),
        TypeRef::Boxed(inner) => type_link(api, inner),
        other => format!("`{}`", crate_type_path(api, other, "crate")),
    }
}
