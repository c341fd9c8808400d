//! Emits `fake.rs` and `fake/`, the `testing` feature: a typed, in-process fake of the API.
//!
//! The module mirrors the client: `Fake` has an accessor per top-level resource, each handle a
//! method per operation (same names as the client's) returning the runtime's typed
//! `Operation<Input, Output>`, where users register handlers or canned answers. Per operation it
//! emits only what is particular to it: its route, its input type (the request builder's fields,
//! public) with a `FakeInput` impl that reads each field from a request and runs the same
//! constraint checks the builder runs (`request::emit_checks`), and the `Reply` that writes its
//! output. Decoding then validating (400 on failure), calling the handler, routing, recording,
//! envelopes and paging are generic and live once in the runtime (`codegen/runtime/fake.rs`).

use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::Features;
use super::format::{Built, Piece, RustFile};
use super::members::{
    ClientMember, FakeHandleMember, FakeInputMember, FakeMember, RequestBuilderMember,
    ResourceMember,
};
use super::prelude::{Prelude, DEFAULT, NONE, OK, RESULT, SOME, VEC};
use super::request::{emit_checks, file_fields};
use super::rust::{
    body_type, body_type_text, ident, module_file, operation_chunks, output_type, push_type_text,
    type_tokens,
};
use super::stand_in;
use super::statements::INDENT;
use super::text::{optional, Lines};
use super::tokens::{lit_str, moved};
use crate::config::Config;
use crate::ir::{
    Api, Body, BodyKind, Decode, Operation, Param, ParamLocation, Presence, Resource, TypeRef,
};

/// An operation callable in a doc example: its accessor chain, method name and arguments.
#[derive(Hash)]
pub struct ExampleCall {
    /// e.g. `resource_sharing()` or `resource_sharing().recipients()`.
    pub accessors: String,
    pub method: String,
    /// The arguments as Rust source, e.g. `"023e…", "3fd8…"`.
    pub args: String,
    /// The top-level resource, whose feature the example needs.
    pub resource_idx: usize,
}

/// `fake.rs` (the module's docs, routes, `Fake`, and a `mod` line per top-level resource)
/// and one file per resource under `fake/`, like `resources/`: each built and formatted in
/// pieces (`format.rs`) of a few operations (`rust::operation_chunks`), so that no
/// resource's fake is ever held as one syntax tree.
pub fn fake_files<'a>(
    api: &'a Api,
    config: &'a Config,
    features: &'a Features,
    example: Option<&'a ExampleCall>,
) -> Vec<RustFile<'a>> {
    // The routes are most of the head (Graph beta: 157 ms of a one-change run's emit, on one
    // thread), so the head is keyed by them, made once for its key and its build alike.
    let routes: Arc<[Route<'a>]> = api.operations().iter().map(route_of).collect();
    let declared = Arc::clone(&routes);
    let head = Piece::keyed(
        move |key| {
            // The example's predicate is made from its feature's name alone.
            let feature = example.map(|call| features.resource_feature(call.resource_idx));
            key.value(&config.crate_name)
                .value(&example)
                .value(&feature)
                .value(&*declared);
        },
        move || emit_fake_head(config, features, example, &routes),
    );
    let fake_type = Piece::new(move || {
        let fake_type = emit_fake_type(api, config, features);
        let modules = api.resources().iter().enumerate().map(|(idx, resource)| {
            let cfg = features.resource_cfg(idx);
            let module = ident(&resource.name);
            quote! { #cfg #[rustfmt::skip] pub mod #module; }
        });
        quote! { #fake_type #( #modules )* }
    });
    let mut files = vec![RustFile {
        path: "src/fake.rs".into(),
        pieces: vec![head, fake_type],
    }];
    for resource in api.resources() {
        module_files(api, resource, "src/fake", &mut files);
    }
    files
}

/// One entry of the fake's routing table: an operation's name, method and path template.
type Route<'a> = (String, &'a str, &'a str);

fn route_of(operation: &Operation) -> Route<'_> {
    (
        operation_name(operation),
        operation.method.as_str(),
        operation.path.as_str(),
    )
}

/// The files of `resource`'s fake module and its children's.
fn module_files<'a>(
    api: &'a Api,
    resource: &'a Resource,
    dir: &str,
    files: &mut Vec<RustFile<'a>>,
) {
    files.push(RustFile {
        path: module_file(dir, resource),
        pieces: module_pieces(api, resource),
    });
    for child in &resource.children {
        module_files(api, child, &format!("{dir}/{}", resource.name), files);
    }
}

/// A resource's fake module: its docs, submodules and handle with the first operations'
/// methods and inputs, then the rest in `impl` blocks of their own, a few at a time
/// (`rust::operation_chunks`). The module declares its handle and inputs; other prelude names are short.
fn module_pieces<'a>(api: &'a Api, resource: &'a Resource) -> Vec<Piece<'a>> {
    let operations = api.operations_of(resource);
    let prelude = Prelude::of_resource(resource, &operations);
    operation_chunks(&operations)
        .into_iter()
        .enumerate()
        .map(|(idx, chunk)| {
            let declared = chunk.clone();
            Piece::keyed(
                move |key| {
                    key.value(&prelude).value(resource);
                    for operation in declared {
                        key.value(operation);
                    }
                },
                move || {
                    prelude.writing(|| {
                        let methods = chunk
                            .iter()
                            .map(|operation| emit_operation_method(api, operation));
                        let handle = if idx == 0 {
                            emit_module_head(resource, quote! { #( #methods )* })
                        } else {
                            let handle = ident(&resource.type_name);
                            quote! { impl<'a> #handle<'a> { #( #methods )* } }
                        };
                        let mut built = Built::from(handle);
                        for operation in &chunk {
                            input_items(api, operation, &mut built);
                        }
                        built
                    })
                },
            )
        })
        .collect()
}

/// The module's docs and example, and the routes.
fn emit_fake_head(
    config: &Config,
    features: &Features,
    example: Option<&ExampleCall>,
    routes: &[Route<'_>],
) -> TokenStream {
    let krate = config.crate_name.replace('-', "_");
    let docs = module_docs();
    // The example calls one resource, so rustdoc sees it only with that resource's feature.
    let example = example.map(|call| {
        let cfg = features.resource_predicate_tokens(call.resource_idx);
        let text = format!(
            "\n{}",
            example_lines(&krate, call)
                .iter()
                .map(|line| format!(" {line}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        quote! { #![cfg_attr(#cfg, doc = #text)] }
    });
    let routes = routes.iter().map(|(name, method, template)| {
        let (name, method, template) = (lit_str(name), lit_str(method), lit_str(template));
        quote! {
            crate::runtime::fake::Route { operation: #name, method: #method, template: #template },
        }
    });
    quote! {
        #( #![doc = #docs] )*
        #example

        /// Every operation of the API, for routing.
        const ROUTES: &[crate::runtime::fake::Route] = &[ #( #routes )* ];
    }
}

/// `Fake`: the server, a client talking to it, the calls, the assertions, the accessors.
fn emit_fake_type(api: &Api, config: &Config, features: &Features) -> TokenStream {
    let request_id_header = match &config.request_id_header {
        Some(name) => quote! { #SOME(#name) },
        None => quote! { #NONE },
    };
    use FakeMember as M;
    let (new, client, calls) = (M::New, M::Client, M::Calls);
    let (all_called, no_unexpected) = (M::AssertAllCalled, M::AssertNoUnexpectedCalls);
    let core = ClientMember::Core;
    let accessors = api.resources().iter().enumerate().map(|(idx, resource)| {
        let module = ident(&resource.name);
        let handle = ident(&resource.type_name);
        let doc = lit_str(&format!(
            " Registers answers for the operations on `{}`.",
            resource.name
        ));
        let cfg = features.resource_cfg(idx);
        quote! {
            #cfg
            #[doc = #doc]
            pub fn #module(&self) -> #module::#handle<'_> {
                #module::#handle::new(self)
            }
        }
    });
    quote! {
        /// An in-process fake of the API: register answers per operation, then test your code
        /// with [`Fake::client`].
        ///
        /// Cheap to clone: clones share the handlers and the recorded calls.
        #[derive(Clone)]
        pub struct Fake {
            server: ::std::sync::Arc<crate::runtime::fake::FakeServer>,
        }

        impl Fake {
            /// A fake with no operation handled yet: every call answers 501 until registered.
            pub fn #new() -> Self {
                Self { server: crate::runtime::fake::FakeServer::new(ROUTES) }
            }

            /// A client whose every request is answered by this fake, in process.
            ///
            /// Retries, timeouts, pagination and error mapping run as for the real API; the
            /// wait between retries is zero unless an answer asks for one (`Retry-After`).
            pub fn #client(&self) -> crate::Client {
                let #core = self
                    .server
                    .core(#request_id_header)
                    .expect("the fake's client configuration is fixed and valid");
                crate::Client { #core }
            }

            /// Every call received so far, in order, retries and rejected calls included.
            pub fn #calls(&self) -> #VEC<crate::runtime::fake::Call> {
                self.server.calls()
            }

            /// Panics, naming them, when an operation that was given answers was never called.
            pub fn #all_called(&self) {
                self.server.assert_all_called();
            }

            /// Panics, describing them, when a call reached an operation without answers (it was
            /// answered 501) or a path the API does not have (404).
            pub fn #no_unexpected(&self) {
                self.server.assert_no_unexpected_calls();
            }

            #( #accessors )*
        }

        impl #DEFAULT for Fake {
            fn default() -> Self {
                Self::#new()
            }
        }

        impl ::std::fmt::Debug for Fake {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Fake").field("calls", &self.server.calls().len()).finish_non_exhaustive()
            }
        }
    }
}

/// The head of a resource's fake module: its docs, its children's modules, and its handle
/// with their accessors and `methods`.
fn emit_module_head(resource: &Resource, methods: TokenStream) -> TokenStream {
    let handle = ident(&resource.type_name);
    let doc = lit_str(&format!(" The fake's operations on `{}`.", resource.name));
    let (fake, new) = (FakeHandleMember::Fake, ResourceMember::New);
    let children = resource.children.iter().map(|child| {
        let module = ident(&child.name);
        quote! { pub mod #module; }
    });
    let accessors = resource.children.iter().map(|child| {
        let child_module = ident(&child.name);
        let child_handle = ident(&child.type_name);
        let doc = lit_str(&format!(
            " Registers answers for the operations on `{}`.",
            child.name
        ));
        quote! {
            #[doc = #doc]
            pub fn #child_module(&self) -> #child_module::#child_handle<'a> {
                #child_module::#child_handle::#new(self.#fake)
            }
        }
    });
    quote! {
        #![doc = #doc]
        #( #children )*

        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a> {
            #fake: &'a crate::fake::Fake,
        }

        impl<'a> #handle<'a> {
            pub(crate) fn #new(#fake: &'a crate::fake::Fake) -> Self {
                Self { #fake }
            }

            #( #accessors )*
            #methods
        }
    }
}

/// The handle method of one operation: its name, input and output types, and how it replies.
fn emit_operation_method(api: &Api, operation: &Operation) -> TokenStream {
    let name = ident(&operation.method_name);
    let input = ident(&operation.request_type);
    let output = fake_output_type(api, operation);
    let operation_name = operation_name(operation);
    let fake = FakeHandleMember::Fake;
    let reply = emit_reply(operation);
    let doc = lit_str(&format!(
        " Answers `{} {}` (`{}`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.",
        operation.method.as_str(),
        operation.path,
        operation_name
    ));
    let operation_name = lit_str(&operation_name);
    let pages = operation.pagination.as_ref().map(|_| {
        quote! {
            ///
            /// Return every item: the fake serves them page by page, as `page` and `per_page` ask.
        }
    });
    quote! {
        #[doc = #doc]
        #pages
        pub fn #name(&self) -> crate::runtime::fake::Operation<#input, #output> {
            self.#fake.server.operation(#operation_name, #reply)
        }
    }
}

/// What a handler returns: every item for a paginated list, else what the client's `send` does.
fn fake_output_type(api: &Api, operation: &Operation) -> TokenStream {
    match &operation.pagination {
        Some(pagination) => {
            let item = type_tokens(api, &pagination.item);
            quote! { #VEC<#item> }
        }
        None => output_type(api, operation),
    }
}

/// The runtime's `Reply` writing the output as the API would, with the first documented success
/// status.
fn emit_reply(operation: &Operation) -> TokenStream {
    let status = success_status(operation);
    if let Some(pagination) = &operation.pagination {
        let page_param = operation
            .params
            .iter()
            .find(|param| param.rust_name == pagination.page_param)
            .map_or(pagination.page_param.as_str(), |param| {
                param.wire_name.as_str()
            });
        let page_param = lit_str(page_param);
        return match &pagination.items_property {
            Some(property) => {
                let property = lit_str(property);
                quote! {
                    crate::runtime::fake::Reply::page_in(#page_param, #property, #status)
                }
            }
            None => quote! { crate::runtime::fake::Reply::page(#page_param, #status) },
        };
    }
    let constructor = match operation.response.decode {
        Decode::Envelope => quote! { envelope },
        Decode::Json => quote! { json },
        Decode::Text => quote! { text },
        Decode::Bytes => quote! { bytes },
        Decode::Empty => quote! { empty },
    };
    quote! { crate::runtime::fake::Reply::#constructor(#status) }
}

/// The first documented 2xx status, or 200 (`2XX`, `default`).
fn success_status(operation: &Operation) -> u16 {
    operation
        .response
        .statuses
        .iter()
        .filter_map(|status| status.parse::<u16>().ok())
        .find(|status| (200..300).contains(status))
        .unwrap_or(200)
}

/// The input type of one operation: public fields, and its `FakeInput` impl reading and checking
/// them.
fn input_items(api: &Api, operation: &Operation, built: &mut Built) {
    built.printed(input_definition(api, operation));
    built.tokens(emit_input_impl(api, operation));
}

/// The input's struct: a public field per parameter and for the body.
fn input_definition(api: &Api, operation: &Operation) -> Result<String, String> {
    let mut lines = Lines::with_capacity(256 + 96 * operation.params.len());
    let doc = format!(
        " The inputs of a `{} {}` call (`{}`), as the fake received them.",
        operation.method.as_str(),
        operation.path,
        operation_name(operation)
    );
    lines.doc(0, &doc);
    lines.unbreakable(0, "#[derive(Clone, Debug, PartialEq)]");
    lines.unbreakable(0, "#[non_exhaustive]");
    let has_fields = !operation.params.is_empty() || operation.body.is_some();
    if !lines.struct_header(&operation.request_type, has_fields) {
        return lines.finish();
    }
    for param in &operation.params {
        let doc = format!(
            " The `{}` {} parameter.",
            param.wire_name,
            location_word(param.location)
        );
        lines.doc(INDENT, &doc);
        let mut ty = String::new();
        push_type_text(api, &param.ty, &mut ty);
        let ty = optional(param.required, ty);
        lines.field(INDENT, &format!("pub {}: ", param.rust_name), &ty);
    }
    if let Some(ty) = body_type_text(api, operation) {
        lines.doc(INDENT, " The request body.");
        let ty = optional(operation.body_is_argument(), ty);
        let body = RequestBuilderMember::Body.name();
        lines.field(INDENT, &format!("pub {body}: "), &ty);
    }
    lines.unbreakable(0, "}");
    lines.finish()
}

/// `FakeInput` for the input: reading it from a request, and checking it as the client would.
fn emit_input_impl(api: &Api, operation: &Operation) -> TokenStream {
    let input = ident(&operation.request_type);
    let body_field = RequestBuilderMember::Body;
    let (read, validate) = (FakeInputMember::Read, FakeInputMember::Validate);
    let mut reads = Vec::new();
    for param in &operation.params {
        let rust_name = ident(&param.rust_name);
        let read = moved(emit_param_read(param));
        reads.push(moved(quote! { #rust_name: #read, }));
    }
    if let (Some(ty), Some(body)) = (body_type(api, operation), &operation.body) {
        let read = emit_body_read(api, operation, body, ty);
        reads.push(moved(quote! { #body_field: #read, }));
    }
    let checks: Vec<_> = emit_checks(api, operation).into_iter().map(moved).collect();
    // Without checks the trait's default, which accepts everything, is the same.
    let validate = (!checks.is_empty()).then(|| {
        let body = stand_in::method_body(quote! { #( #checks )* #OK(()) });
        quote! {
            fn #validate(&self) -> crate::runtime::Result<()> {
                #body
            }
        }
    });
    let read_body = stand_in::method_body(quote! { #OK(Self { #( #reads )* }) });
    // An operation without inputs reads nothing from the request.
    let request = if reads.is_empty() {
        quote! { _request }
    } else {
        quote! { request }
    };
    quote! {
        impl crate::runtime::fake::FakeInput for #input {
            fn #read(
                #request: &crate::runtime::fake::FakeRequest,
            ) -> #RESULT<Self, crate::runtime::fake::FakeError> {
                #read_body
            }

            #validate
        }
    }
}

/// The expression reading one parameter from `request`, `?` included; its type is the field's.
fn emit_param_read(param: &Param) -> TokenStream {
    let wire_name = lit_str(&param.wire_name);
    let explode = param.explode;
    let read = match (param.location, &param.ty) {
        (ParamLocation::Path, _) => return quote! { request.path_param(#wire_name)? },
        (ParamLocation::Query, TypeRef::Array(_)) => {
            quote! { request.query_list(#wire_name, #explode)? }
        }
        (ParamLocation::Header, TypeRef::Array(_)) => quote! { request.header_list(#wire_name)? },
        (ParamLocation::Query, _) => quote! { request.query_param(#wire_name)? },
        (ParamLocation::Header, _) => quote! { request.header_param(#wire_name)? },
    };
    if param.required {
        quote! { crate::runtime::fake::required(#wire_name, #read)? }
    } else {
        read
    }
}

/// The body field's type and the expression reading it.
fn emit_body_read(api: &Api, operation: &Operation, body: &Body, ty: TokenStream) -> TokenStream {
    let read = match body.kind {
        BodyKind::Json => quote! { request.json_body()? },
        BodyKind::Form => quote! { request.form_body()? },
        BodyKind::Text => quote! { request.text_body()? },
        BodyKind::Bytes => quote! { request.bytes_body()? },
        BodyKind::Multipart => emit_multipart_read(api, body, &ty),
    };
    if operation.body_is_argument() {
        quote! { crate::runtime::fake::required("body", #read)? }
    } else {
        read
    }
}

/// A multipart body: its text fields through serde, then each file field from its parts.
fn emit_multipart_read(api: &Api, body: &Body, ty: &TokenStream) -> TokenStream {
    let files = file_fields(api, body);
    if files.is_empty() {
        return quote! { request.multipart_body::<#ty>()?.map(|(body, _)| body) };
    }
    let assigns = files.iter().map(|(field, many)| {
        let rust_name = ident(&field.rust_name);
        let wire_name = lit_str(&field.wire_name);
        let value = match (field.presence, many) {
            (Presence::Required, false) => quote! {
                crate::runtime::fake::required(#wire_name, crate::runtime::fake::file_part(&parts, #wire_name))?
            },
            (Presence::Required, true) => quote! { crate::runtime::fake::file_parts(&parts, #wire_name) },
            (_, false) => quote! { crate::runtime::fake::file_part(&parts, #wire_name) },
            (_, true) => quote! {
                #SOME(crate::runtime::fake::file_parts(&parts, #wire_name))
                    .filter(|files| !files.is_empty())
            },
        };
        // `Option<Option<_>>` (absent or null): a part that came is `Some(Some(_))`.
        let value = if field.presence == Presence::OptionalNullable {
            quote! { (#value).map(#SOME) }
        } else {
            value
        };
        quote! { body.#rust_name = #value; }
    });
    quote! {
        match request.multipart_body::<#ty>()? {
            #SOME((mut body, parts)) => {
                #( #assigns )*
                #SOME(body)
            }
            #NONE => #NONE,
        }
    }
}

/// The name calls are recorded under: the client's accessor path, e.g. `resource_sharing.create`.
fn operation_name(operation: &Operation) -> String {
    let mut parts = operation.group.clone();
    parts.push(operation.method_name.clone());
    parts.join(".")
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

/// The module's docs: what it is, and an example built from the document's first simple call.
fn module_docs() -> Vec<String> {
    [
        " A typed, in-process fake of the API, for testing code that uses this client (the",
        " `testing` feature; without it this module does not exist and adds nothing).",
        "",
        " [`Fake::client`] gives a [`Client`](crate::Client) whose requests never leave the process:",
        " the runtime's transport seam hands each attempt to the fake, so the client's retries,",
        " timeouts, pagination and error mapping run unchanged. Register answers per operation,",
        " grouped like the client (`fake.resource().operation()`), with `.handle(|input| …)`,",
        " `.returns(value)`, `.fails(FakeError::status(404).error(1003, \"…\"))` or `.once(…)`.",
        " The fake wraps results in the API's envelope, serves lists page by page, answers 400 in",
        " the envelope shape when a request breaks the document's constraints, records every call,",
        " and answers 501 naming the operation when nothing is registered for it.",
    ]
    .iter()
    .map(|line| (*line).to_owned())
    .collect()
}

/// A compiled example of the fake on `example`, one line per entry, for the fake module's and
/// the crate's docs.
pub fn example_lines(krate: &str, example: &ExampleCall) -> Vec<String> {
    let ExampleCall {
        accessors,
        method,
        args,
        resource_idx: _,
    } = example;
    [
        "```no_run",
        &format!("# async fn example() -> {krate}::Result<()> {{"),
        &format!("use {krate}::fake::Fake;"),
        &format!("use {krate}::runtime::fake::FakeError;"),
        "",
        "let fake = Fake::new();",
        &format!(
            "fake.{accessors}.{method}().fails(FakeError::status(404).error(1003, \"not found\"));"
        ),
        "",
        "// The code under test gets the fake's client instead of `Client::from_env()`.",
        "let client = fake.client();",
        &format!("let result = client.{accessors}.{method}({args}).await;"),
        "assert_eq!(result.unwrap_err().status(), Some(404));",
        "",
        "fake.assert_all_called();",
        "fake.assert_no_unexpected_calls();",
        "# Ok(())",
        "# }",
        "```",
    ]
    .iter()
    .map(|line| (*line).to_owned())
    .collect()
}
