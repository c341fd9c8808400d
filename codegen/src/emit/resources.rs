//! Emits one module per resource: a handle with one method per operation, and a request builder
//! per operation that validates, encodes, sends and decodes.
//!
//! Required inputs are method arguments; optional ones are builder setters. Builders implement
//! `IntoFuture`, so `client.resource_sharing().get(a, b).await` sends the request.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::render;
use super::format::{printed_member, Built, Piece};
use super::impls::Param;
use super::members::{RequestBuilderMember, ResourceMember};
use super::method_docs::method_docs;
use super::prelude::{Prelude, NONE, SOME};
use super::request::emit_build;
use super::rust::{
    body_type_text, ident, operation_chunks, output_type, push_type_text, type_tokens,
};
use super::statements::{FieldValue, INDENT};
use super::text::{impl_into, optional, setter_params, std_text, Body, Lines, Method, MethodDocs};
use super::tokens::{lit_str, lit_text, moved};
use crate::ir::{Api, Decode, Operation, PageKind, Resource};

/// The module for `resource` (its children are declared as submodules), as pieces built and
/// formatted in parallel (`format.rs`): the module's docs, submodules and handle come first.
/// The module declares its handle and builders, so the prelude's names not among them are
/// written short.
pub fn resource_pieces<'a>(api: &'a Api, resource: &'a Resource, krate: &'a str) -> Vec<Piece<'a>> {
    let operations = api.operations_of(resource);
    let prelude = Prelude::of_resource(resource, &operations);
    operation_chunks(&operations)
        .into_iter()
        .enumerate()
        .map(|(idx, chunk)| {
            let declared = chunk.clone();
            Piece::keyed(
                move |key| {
                    key.value(&prelude).value(resource).value(krate);
                    for operation in declared {
                        key.value(operation);
                    }
                },
                move || {
                    prelude.writing(|| {
                        let mut built = Built::default();
                        if idx == 0 {
                            handle_items(api, resource, &chunk, krate, &mut built);
                        } else {
                            more_methods(api, resource, &chunk, krate, &mut built);
                        }
                        for operation in &chunk {
                            builder_items(api, operation, &mut built);
                        }
                        built
                    })
                },
            )
        })
        .collect()
}

/// The module's docs, its submodules and the handle's struct; then the handle's `impl` with
/// `new`, its children's accessors and its first operations' methods.
fn handle_items(
    api: &Api,
    resource: &Resource,
    operations: &[&Operation],
    krate: &str,
    built: &mut Built,
) {
    let handle = ident(&resource.type_name);
    let doc = lit_str(&format!(" Operations on `{}`.", resource.name));
    let submodules = resource.children.iter().map(|child| {
        let module = ident(&child.name);
        quote! { pub mod #module; }
    });
    let client = ResourceMember::Client;
    built.tokens(quote! {
        #![doc = #doc]

        #( #submodules )*

        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a> {
            #client: &'a crate::Client,
        }
    });
    let mut members = Lines::with_capacity(1024 * operations.len() + 256);
    let client = client.name();
    members.method(Method {
        doc: MethodDocs::None,
        attributes: &[],
        visibility: "pub(crate)",
        name: ResourceMember::New.name(),
        params: vec![Param::Typed {
            pattern: client.to_owned(),
            ty: String::from("&'a crate::Client"),
        }],
        output: "Self",
        body: Body::Literal("Self", vec![FieldValue::text(client, None)]),
    });
    for child in &resource.children {
        let doc = format!(" Operations on `{}`.", child.name);
        let output = format!("{}::{}<'a>", child.name, child.type_name);
        let new = format!(
            "{}::{}::{}(self.{client})",
            child.name,
            child.type_name,
            ResourceMember::New.name()
        );
        members.method(Method {
            doc: MethodDocs::Line(&doc),
            attributes: &[],
            visibility: "pub",
            name: &child.name,
            params: vec![Param::SelfValue(String::from("&self"))],
            output: &output,
            body: Body::Lines(&[&new]),
        });
    }
    for operation in operations {
        push_operation_method(&mut members, api, operation, krate);
    }
    built.printed(members.block(&handle_header(resource)).finish());
}

/// A further `impl` block of the handle, with the methods of later operations.
fn more_methods(
    api: &Api,
    resource: &Resource,
    operations: &[&Operation],
    krate: &str,
    built: &mut Built,
) {
    let mut members = Lines::with_capacity(1024 * operations.len());
    for operation in operations {
        push_operation_method(&mut members, api, operation, krate);
    }
    built.printed(members.block(&handle_header(resource)).finish());
}

/// `impl<'a> Handle<'a>`.
fn handle_header(resource: &Resource) -> String {
    format!("impl<'a> {}<'a>", resource.type_name)
}

/// An operation's method on the handle: its required inputs as arguments, the builder it
/// returns holding them, every optional input unset.
fn push_operation_method(members: &mut Lines, api: &Api, operation: &Operation, krate: &str) {
    let docs = method_docs(api, operation, krate);
    let deprecated = operation.docs.deprecated.as_ref().map(|deprecation| {
        let note = match &deprecation.sunset {
            Some(sunset) => format!("deprecated by the API; sunset {sunset}"),
            None => "deprecated by the API".to_owned(),
        };
        format!("#[deprecated(note = {})]", lit_text(&note))
    });
    let mut params = vec![Param::SelfValue(String::from("&self"))];
    let mut values: Vec<(&str, Option<String>)> = Vec::new();
    for param in operation.required_params() {
        let mut ty = String::new();
        push_type_text(api, &param.ty, &mut ty);
        params.push(Param::Typed {
            pattern: param.rust_name.clone(),
            ty: impl_into(&ty),
        });
        values.push((
            &param.rust_name,
            Some(format!("{}.into()", param.rust_name)),
        ));
    }
    let none = std_text(NONE);
    for param in operation.optional_params() {
        values.push((&param.rust_name, Some(none.clone())));
    }
    let body = RequestBuilderMember::Body.name();
    match (body_type_text(api, operation), operation.body_is_argument()) {
        (Some(ty), true) => {
            params.push(Param::Typed {
                pattern: body.to_owned(),
                ty,
            });
            values.push((body, None));
        }
        (Some(_), false) => values.push((body, Some(none.clone()))),
        (None, _) => {}
    }
    let (core, options) = (RequestBuilderMember::Core, RequestBuilderMember::Options);
    let mut fields = vec![
        FieldValue::text(core.name(), Some("self.client.core().clone()")),
        FieldValue::text(
            options.name(),
            Some("crate::runtime::RequestOptions::default()"),
        ),
    ];
    fields.extend(
        values
            .iter()
            .map(|(name, value)| FieldValue::text(name, value.as_deref())),
    );
    // Clippy counts `&self` as an argument too.
    let allow = (params.len() > 7).then_some("#[allow(clippy::too_many_arguments)]");
    let attributes: Vec<&str> = deprecated.as_deref().into_iter().chain(allow).collect();
    members.method(Method {
        doc: MethodDocs::Block(&docs),
        attributes: &attributes,
        visibility: "pub",
        name: &operation.method_name,
        params,
        output: &operation.request_type,
        body: Body::Literal(&operation.request_type, fields),
    });
}

/// An operation's request builder: its definition and its `impl` (setters printed from the
/// IR, `stream` and `build` built as tokens and put in place), and the `request_methods!` call
/// that gives it `send` and `IntoFuture`.
fn builder_items(api: &Api, operation: &Operation, built: &mut Built) {
    built.printed(builder_definition(api, operation));
    built.printed(builder_methods(api, operation));
    let builder = ident(&operation.request_type);
    let output = moved(output_type(api, operation));
    let decode = moved(decode_fn(operation));
    // Every method here that is not generic is `#[inline]`, and the runtime's
    // `request_methods!` gives the builder async `send`s and an `#[inline]` `into_future`, so
    // none is a root of code generation in the client crate: an operation's future, with its
    // decoding and its body's encoding, is compiled in the crate that sends it, and a program
    // pays for the operations it calls (`codegen/tests/inline_roots.rs` checks every method).
    built.tokens(quote! { crate::runtime::request_methods!(#builder => #output, #decode); });
}

/// The builder's struct: the client's core, the request's options, and a field per input.
fn builder_definition(api: &Api, operation: &Operation) -> Result<String, String> {
    use RequestBuilderMember as M;
    let mut lines = Lines::with_capacity(256 + 64 * operation.params.len());
    let doc = format!(
        " A `{} {}` request; set optional inputs, then `.await` it (or call `send`).",
        operation.method.as_str(),
        operation.path
    );
    lines.doc(0, &doc);
    lines.unbreakable(0, "#[derive(Clone, Debug)]");
    lines.unbreakable(
        0,
        "#[must_use = \"a request does nothing until it is awaited or sent\"]",
    );
    lines.struct_header(&operation.request_type, true);
    lines.field(
        INDENT,
        &format!("{}: ", M::Core.name()),
        "crate::runtime::Core",
    );
    let options = format!("{}: ", M::Options.name());
    lines.field(INDENT, &options, "crate::runtime::RequestOptions");
    for param in &operation.params {
        let mut ty = String::new();
        push_type_text(api, &param.ty, &mut ty);
        let ty = optional(param.required, ty);
        lines.field(INDENT, &format!("{}: ", param.rust_name), &ty);
    }
    if let Some(ty) = body_type_text(api, operation) {
        let ty = optional(operation.body_is_argument(), ty);
        lines.field(INDENT, &format!("{}: ", M::Body.name()), &ty);
    }
    lines.unbreakable(0, "}");
    lines.finish()
}

/// The builder's `impl`: a setter per optional input, `stream` when it pages, and `build`.
fn builder_methods(api: &Api, operation: &Operation) -> Result<String, String> {
    let mut members = Lines::with_capacity(256 + 256 * operation.params.len());
    let some = std_text(SOME);
    for param in operation.optional_params() {
        let fallback = format!("Sets the `{}` parameter.", param.wire_name);
        let docs = render(&param.docs, Some(&param.constraints), &fallback);
        let mut ty = String::new();
        push_type_text(api, &param.ty, &mut ty);
        let assignment = format!("self.{} = {some}(value.into());", param.rust_name);
        members.method(Method::returning_self(
            MethodDocs::Block(&docs),
            &[],
            &param.rust_name,
            setter_params(impl_into(&ty)),
            Body::Lines(&[&assignment, "self"]),
        ));
    }
    let body_setter = operation.body.is_some() && !operation.body_is_argument();
    if let Some(ty) = body_type_text(api, operation).filter(|_| body_setter) {
        let body = RequestBuilderMember::Body.name();
        let assignment = format!("self.{body} = {some}(value);");
        members.method(Method::returning_self(
            MethodDocs::Line(" Sets the request body."),
            &["#[inline]"],
            body,
            setter_params(ty),
            Body::Lines(&[&assignment, "self"]),
        ));
    }
    if let Some(stream) = emit_stream(api, operation) {
        members.printed(printed_member(stream))?;
    }
    members.printed(printed_member(emit_build(api, operation)))?;
    members
        .block(&format!("impl {}", operation.request_type))
        .finish()
}

/// The function of the runtime's `decode` that decodes the response body, with the arguments
/// it takes after the response.
fn decode_fn(operation: &Operation) -> TokenStream {
    if let Some(pagination) = &operation.pagination {
        return match &pagination.items_property {
            Some(property) => quote! { envelope_page_in(#property) },
            None => quote! { envelope_page },
        };
    }
    match operation.response.decode {
        Decode::Envelope => quote! { envelope_result },
        Decode::Json => quote! { json },
        Decode::Text => quote! { text },
        Decode::Empty => quote! { empty },
        Decode::Bytes => quote! { bytes },
    }
}

/// `stream` for paginated operations: every item, fetched one page at a time.
fn emit_stream(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let (stream, send) = (RequestBuilderMember::Stream, RequestBuilderMember::Send);
    operation.pagination.as_ref().map(|pagination| {
        let item = type_tokens(api, &pagination.item);
        let page_param = ident(&pagination.page_param);
        match pagination.kind {
            PageKind::Number => quote! {
                /// Every item across all pages, fetched lazily one page at a time.
                ///
                /// Starts at the page set with the page setter (or the first page) and stops at an empty page,
                /// at the last page `result_info` reports, or when the server repeats a page.
                #[inline]
                pub fn #stream(self) -> crate::runtime::PageStream<#item> {
                    let first_page = self.#page_param.map_or(1, |page| page as u64);
                    crate::runtime::pagination::paginate(first_page, move |page| {
                        let mut request = self.clone();
                        request.#page_param = #SOME(page as _);
                        request.#send()
                    })
                }
            },
            PageKind::Cursor => quote! {
                /// Every item across all pages, fetched lazily one page at a time.
                ///
                /// Starts after the cursor set with the cursor setter (or at the beginning), follows the cursor
                /// each page's `result_info` hands out, and stops at an empty page, at a missing or empty
                /// cursor, or at a cursor already used.
                #[inline]
                pub fn #stream(self) -> crate::runtime::PageStream<#item> {
                    let first_cursor = self.#page_param.clone();
                    crate::runtime::pagination::paginate_cursor(first_cursor, move |cursor| {
                        let mut request = self.clone();
                        request.#page_param = cursor;
                        request.#send()
                    })
                }
            },
        }
    })
}
