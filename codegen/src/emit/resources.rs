//! Emits one module per resource: a handle with one method per operation, and a request builder
//! per operation that validates, encodes, sends and decodes.
//!
//! Required inputs are method arguments; optional ones are builder setters. Builders implement
//! `IntoFuture`, so `client.resource_sharing().get(a, b).await` sends the request.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, render};
use super::models::{ident, is_enum, member, type_tokens};
use super::validate::value_checks;
use crate::ir::{
    Api, BodyKind, Decode, HttpMethod, Operation, Param, ParamLocation, Resource, TypeRef,
};

/// The module for `resource` (its children are declared as submodules).
pub fn emit_resource(api: &Api, resource: &Resource) -> TokenStream {
    let handle = ident(&resource.type_name);
    let doc = format!(" Operations on `{}`.", resource.name);
    let submodules = resource.children.iter().map(|child| {
        let module = member(&child.name);
        quote! { pub mod #module; }
    });
    let accessors = resource.children.iter().map(|child| {
        let module = member(&child.name);
        let child_handle = ident(&child.type_name);
        let doc = format!(" Operations on `{}`.", child.name);
        quote! {
            #[doc = #doc]
            pub fn #module(&self) -> #module::#child_handle<'a> {
                #module::#child_handle::new(self.client)
            }
        }
    });
    let operations: Vec<&Operation> = resource
        .operations
        .iter()
        .map(|idx| &api.operations[*idx])
        .collect();
    let methods = operations
        .iter()
        .map(|operation| emit_method(api, operation));
    let builders = operations
        .iter()
        .map(|operation| emit_builder(api, operation));
    quote! {
        #![doc = #doc]

        #( #submodules )*

        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a> {
            client: &'a crate::Client,
        }

        impl<'a> #handle<'a> {
            pub(crate) fn new(client: &'a crate::Client) -> Self {
                Self { client }
            }

            #( #accessors )*
            #( #methods )*
        }

        #( #builders )*
    }
}

/// `CreateRequest` for method `create`.
fn builder_name(operation: &Operation) -> proc_macro2::Ident {
    format_ident!(
        "{}Request",
        super::models::ident(&crate::naming::pascal_ident(&operation.method_name))
    )
}

fn required_params(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation.params.iter().filter(|param| param.required)
}

fn optional_params(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation.params.iter().filter(|param| !param.required)
}

fn body_is_argument(operation: &Operation) -> bool {
    operation.body.as_ref().is_some_and(|body| body.required)
}

/// The Rust type of a body: bytes bodies take raw bytes, text bodies a string.
fn body_type(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let body = operation.body.as_ref()?;
    Some(match body.kind {
        BodyKind::Bytes => quote! { ::std::vec::Vec<u8> },
        BodyKind::Text => quote! { ::std::string::String },
        BodyKind::Json | BodyKind::Form => type_tokens(api, &body.ty),
    })
}

/// What `send` returns.
fn output_type(api: &Api, operation: &Operation) -> TokenStream {
    if let Some(pagination) = &operation.pagination {
        let item = type_tokens(api, &pagination.item);
        return quote! { crate::runtime::Page<#item> };
    }
    match operation.response.decode {
        Decode::Bytes => quote! { ::bytes::Bytes },
        Decode::Empty => quote! { () },
        Decode::Text => quote! { ::std::string::String },
        Decode::Envelope | Decode::Json => type_tokens(api, &operation.response.ty),
    }
}

fn emit_method(api: &Api, operation: &Operation) -> TokenStream {
    let name = member(&operation.method_name);
    let builder = builder_name(operation);
    let mut docs = render(
        &operation.docs,
        None,
        &format!("`{} {}`", method_str(operation.method), operation.path),
    );
    docs.push_str(&format!(
        "\n\n`{} {}`",
        method_str(operation.method),
        operation.path
    ));
    let arguments: Vec<String> = required_params(operation)
        .map(|param| {
            let description = param
                .docs
                .description
                .as_deref()
                .map(super::docs::sanitize)
                .unwrap_or_default();
            let rules = super::docs::constraint_lines(&param.constraints).join("; ");
            let rules = match rules.is_empty() {
                true => String::new(),
                false => format!(" ({rules})"),
            };
            format!(
                "- `{}`: {}{rules}",
                param.rust_name,
                description.replace('\n', " ")
            )
        })
        .chain(body_is_argument(operation).then(|| String::from("- `body`: the request body.")))
        .collect();
    if !arguments.is_empty() {
        docs.push_str("\n\n# Arguments\n\n");
        docs.push_str(&arguments.join("\n"));
    }
    match operation.pagination.is_some() {
        true => docs.push_str("\n\n# Returns\n\nAwait the request for one page (items and `result_info`), or call `.stream()` for every item across pages."),
        false => docs.push_str("\n\n# Returns\n\nAwait the request for the decoded result; `send_with_response` adds the status and headers."),
    }
    docs.push_str("\n\n# Errors\n\nFails with [`crate::Error`]: `InvalidRequest` before sending when an input breaks the spec's constraints, an HTTP status variant when the API answers with an error, and `Timeout`, `Connection` or `Decode` otherwise.");
    for error in &operation.errors {
        let TypeRef::Named(id) = &error.ty else {
            continue;
        };
        docs.push_str(&format!(
            "\n\nA `{}` answer carries a [`crate::models::{}`]: read it with `error.api_error().map(|e| e.decode_body::<{}>())`.",
            error.status, api.types[id.0].name, api.types[id.0].name
        ));
    }
    let docs = doc_attrs(&docs);
    let deprecated = operation.docs.deprecated.as_ref().map(|deprecation| {
        let note = match &deprecation.sunset {
            Some(sunset) => format!("deprecated by the API; sunset {sunset}"),
            None => "deprecated by the API".to_owned(),
        };
        quote! { #[deprecated(note = #note)] }
    });
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for param in required_params(operation) {
        let rust_name = member(&param.rust_name);
        let ty = type_tokens(api, &param.ty);
        args.push(quote! { #rust_name: impl ::std::convert::Into<#ty> });
        inits.push(quote! { #rust_name: #rust_name.into() });
    }
    for param in optional_params(operation) {
        let rust_name = member(&param.rust_name);
        inits.push(quote! { #rust_name: ::std::option::Option::None });
    }
    match (body_type(api, operation), body_is_argument(operation)) {
        (Some(ty), true) => {
            args.push(quote! { body: #ty });
            inits.push(quote! { body });
        }
        (Some(_), false) => inits.push(quote! { body: ::std::option::Option::None }),
        (None, _) => {}
    }
    // Clippy counts `&self` as an argument too.
    let allow = (args.len() >= 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #docs
        #deprecated
        #allow
        pub fn #name(&self, #( #args ),*) -> #builder {
            #builder {
                core: self.client.core().clone(),
                options: crate::runtime::RequestOptions::default(),
                #( #inits, )*
            }
        }
    }
}

fn emit_builder(api: &Api, operation: &Operation) -> TokenStream {
    let builder = builder_name(operation);
    let doc = format!(
        " A `{} {}` request; set optional inputs, then `.await` it (or call `send`).",
        method_str(operation.method),
        operation.path
    );
    let mut fields = Vec::new();
    for param in &operation.params {
        let rust_name = member(&param.rust_name);
        let ty = type_tokens(api, &param.ty);
        fields.push(match param.required {
            true => quote! { #rust_name: #ty },
            false => quote! { #rust_name: ::std::option::Option<#ty> },
        });
    }
    if let Some(ty) = body_type(api, operation) {
        fields.push(match body_is_argument(operation) {
            true => quote! { body: #ty },
            false => quote! { body: ::std::option::Option<#ty> },
        });
    }
    let setters = optional_params(operation).map(|param| {
        let rust_name = member(&param.rust_name);
        let ty = type_tokens(api, &param.ty);
        let docs = doc_attrs(&render(
            &param.docs,
            Some(&param.constraints),
            &format!("Sets the `{}` parameter.", param.wire_name),
        ));
        quote! {
            #docs
            pub fn #rust_name(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.#rust_name = ::std::option::Option::Some(value.into());
                self
            }
        }
    });
    let body_setter = (operation.body.is_some() && !body_is_argument(operation)).then(|| {
        let ty = body_type(api, operation);
        quote! {
            /// Sets the request body.
            pub fn body(mut self, value: #ty) -> Self {
                self.body = ::std::option::Option::Some(value);
                self
            }
        }
    });
    let output = output_type(api, operation);
    let build = emit_build(api, operation);
    let decode = emit_decode(operation);
    let value = match (operation.pagination.is_some(), operation.response.decode) {
        (false, Decode::Empty) => quote! { value: () },
        _ => quote! { value },
    };
    let stream = operation.pagination.as_ref().map(|pagination| {
        let item = type_tokens(api, &pagination.item);
        let page_param = member(&pagination.page_param);
        quote! {
            /// Every item across all pages, fetched lazily one page at a time.
            ///
            /// Starts at the page set with the page setter (or the first page) and stops at an empty page,
            /// at the last page `result_info` reports, or when the server repeats a page.
            pub fn stream(self) -> crate::runtime::PageStream<#item> {
                let first_page = self.#page_param.map_or(1, |page| page as u64);
                crate::runtime::pagination::paginate(first_page, move |page| {
                    let mut request = self.clone();
                    request.#page_param = ::std::option::Option::Some(page as _);
                    request.send()
                })
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #builder {
            core: crate::runtime::Core,
            options: crate::runtime::RequestOptions,
            #( #fields, )*
        }

        impl #builder {
            #( #setters )*
            #body_setter

            /// Overrides client settings for this request: timeout, retries, extra headers and query.
            pub fn options(mut self, options: crate::runtime::RequestOptions) -> Self {
                self.options = options;
                self
            }

            /// Sends the request and returns the decoded result.
            pub async fn send(self) -> crate::runtime::Result<#output> {
                self.send_with_response().await.map(crate::runtime::Response::into_inner)
            }

            /// Sends the request and returns the decoded result with the HTTP status and headers.
            pub async fn send_with_response(self) -> crate::runtime::Result<crate::runtime::Response<#output>> {
                let request = self.build()?;
                let raw = self.core.execute(request, &self.options).await?;
                #decode
                ::std::result::Result::Ok(crate::runtime::Response { #value, status: raw.status, headers: raw.headers })
            }

            #stream

            #build
        }

        impl ::std::future::IntoFuture for #builder {
            type Output = crate::runtime::Result<#output>;
            type IntoFuture = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = Self::Output> + ::std::marker::Send>>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    }
}

/// Statements binding `value`, the decoded body.
fn emit_decode(operation: &Operation) -> TokenStream {
    if operation.pagination.is_some() {
        return quote! { let value = crate::runtime::decode::envelope_page(&raw)?; };
    }
    match operation.response.decode {
        Decode::Envelope => quote! { let value = crate::runtime::decode::envelope_result(&raw)?; },
        Decode::Json => quote! { let value = crate::runtime::decode::json(&raw)?; },
        Decode::Text => quote! { let value = crate::runtime::decode::text(&raw)?; },
        // Binding `()` to a name is a lint; the unit value is written where it is used instead.
        Decode::Empty => quote! { crate::runtime::decode::empty(&raw)?; },
        Decode::Bytes => quote! { let value = raw.body.clone(); },
    }
}

/// `build`: validation, then path, query, headers and body.
fn emit_build(api: &Api, operation: &Operation) -> TokenStream {
    let mut statements = Vec::new();
    for param in &operation.params {
        let rust_name = member(&param.rust_name);
        let wire_name = &param.wire_name;
        let Some(checks) = value_checks(
            api,
            &param.ty,
            &param.constraints,
            &quote! { value },
            &quote! { #wire_name },
        ) else {
            continue;
        };
        statements.push(match param.required {
            true => quote! { { let value = &self.#rust_name; #checks } },
            false => {
                quote! { if let ::std::option::Option::Some(value) = &self.#rust_name { #checks } }
            }
        });
    }
    if let Some(body) = &operation.body {
        if super::models::is_validated_struct(api, &body.ty)
            && matches!(body.kind, BodyKind::Json | BodyKind::Form)
        {
            statements.push(match body_is_argument(operation) {
                true => quote! { self.body.validate("body")?; },
                false => quote! { if let ::std::option::Option::Some(body) = &self.body { body.validate("body")?; } },
            });
        }
    }
    let path = emit_path(operation);
    let method = method_tokens(operation.method);
    let template = &operation.path;
    let mut changes: Vec<TokenStream> = operation
        .params
        .iter()
        .filter_map(|param| emit_param_encoding(api, param))
        .collect();
    // The client asks for JSON by default; other bodies are asked for by their own type.
    if let (Decode::Text | Decode::Bytes, Some(media_type)) =
        (operation.response.decode, &operation.response.media_type)
    {
        changes.push(quote! { request = request.header("Accept", #media_type); });
    }
    if let Some(body) = &operation.body {
        let media_type = &body.media_type;
        let attach = |value: TokenStream| match body.kind {
            BodyKind::Json => quote! { request = request.json(#value)?; },
            BodyKind::Form => quote! { request = request.form(#value)?; },
            BodyKind::Text => {
                quote! { request = request.body(#media_type, ::std::clone::Clone::clone(#value).into_bytes()); }
            }
            // `value` is a reference (`&self.body` or a binding); `Clone::clone` takes it as written.
            BodyKind::Bytes => {
                quote! { request = request.body(#media_type, ::std::clone::Clone::clone(#value)); }
            }
        };
        changes.push(match body_is_argument(operation) {
            true => attach(quote! { &self.body }),
            false => {
                let attach = attach(quote! { body });
                quote! {
                    if let ::std::option::Option::Some(body) = &self.body {
                        #attach
                    }
                }
            }
        });
    }
    let binding = match changes.is_empty() {
        true => quote! { let request },
        false => quote! { let mut request },
    };
    quote! {
        fn build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
            #( #statements )*
            #binding = crate::runtime::ApiRequest::new(#method, #template, #path);
            #( #changes )*
            ::std::result::Result::Ok(request)
        }
    }
}

/// `format!` of the path template with every parameter percent-encoded as one segment.
fn emit_path(operation: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut args = Vec::new();
    let mut rest = operation.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        template.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        template.push_str("{}");
        let wire_name = &rest[start + 1..start + len];
        let param = operation
            .params
            .iter()
            .find(|param| param.location == ParamLocation::Path && param.wire_name == wire_name);
        args.push(match param {
            Some(param) if param.ty == TypeRef::String => {
                let rust_name = member(&param.rust_name);
                quote! { crate::runtime::encode::path_segment(&self.#rust_name) }
            }
            Some(param) => {
                let rust_name = member(&param.rust_name);
                let text = scalar_text(&param.ty, &quote! { self.#rust_name }, &param.wire_name);
                quote! { crate::runtime::encode::path_segment(&#text) }
            }
            None => quote! { "" },
        });
        rest = &rest[start + len + 1..];
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    match args.is_empty() {
        true => {
            let literal = template.replace("{{", "{").replace("}}", "}");
            quote! { ::std::string::String::from(#literal) }
        }
        false => quote! { ::std::format!(#template, #( #args ),*) },
    }
}

/// The text form of a parameter value; `value` is a place expression (a binding or field).
fn scalar_text(ty: &TypeRef, value: &TokenStream, wire_name: &str) -> TokenStream {
    match ty {
        TypeRef::String => quote! { #value.clone() },
        TypeRef::DateTime => {
            quote! { #value.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true) }
        }
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number | TypeRef::Date | TypeRef::Uuid => {
            quote! { #value.to_string() }
        }
        // Everything without a `Display` (objects, maps, nested arrays, bytes) goes as JSON text.
        _ => quote! { crate::runtime::encode::text_value(#wire_name, &#value)? },
    }
}

fn emit_param_encoding(api: &Api, param: &Param) -> Option<TokenStream> {
    let rust_name = member(&param.rust_name);
    let wire_name = &param.wire_name;
    let adder = match param.location {
        ParamLocation::Path => return None,
        ParamLocation::Query => quote! { query },
        ParamLocation::Header => quote! { header },
    };
    let encode = match &param.ty {
        TypeRef::Array(inner) if param.explode => {
            let text = scalar_text_for(api, inner, &quote! { item }, wire_name);
            quote! {
                for item in value.iter() {
                    request = request.#adder(#wire_name, #text);
                }
            }
        }
        TypeRef::Array(inner) => {
            let text = scalar_text_for(api, inner, &quote! { item }, wire_name);
            let items = quote! {
                value.iter().map(|item| ::std::result::Result::Ok(#text)).collect::<crate::runtime::Result<::std::vec::Vec<_>>>()?
            };
            match param.location {
                ParamLocation::Query => {
                    quote! { request = request.query_list(#wire_name, #items); }
                }
                _ => quote! { request = request.#adder(#wire_name, #items.join(",")); },
            }
        }
        ty => {
            let text = scalar_text_for(api, ty, &quote! { value }, wire_name);
            quote! { request = request.#adder(#wire_name, #text); }
        }
    };
    Some(match param.required {
        true => quote! { { let value = &self.#rust_name; #encode } },
        false => quote! {
            if let ::std::option::Option::Some(value) = &self.#rust_name {
                #encode
            }
        },
    })
}

/// Enums send their wire value directly; other named types go through JSON text.
fn scalar_text_for(api: &Api, ty: &TypeRef, value: &TokenStream, wire_name: &str) -> TokenStream {
    match is_enum(api, ty) {
        true => quote! { ::std::string::String::from(#value.as_str()) },
        false => scalar_text(ty, value, wire_name),
    }
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote! { ::reqwest::Method::GET },
        HttpMethod::Put => quote! { ::reqwest::Method::PUT },
        HttpMethod::Post => quote! { ::reqwest::Method::POST },
        HttpMethod::Delete => quote! { ::reqwest::Method::DELETE },
        HttpMethod::Options => quote! { ::reqwest::Method::OPTIONS },
        HttpMethod::Head => quote! { ::reqwest::Method::HEAD },
        HttpMethod::Patch => quote! { ::reqwest::Method::PATCH },
        HttpMethod::Trace => quote! { ::reqwest::Method::TRACE },
    }
}

fn method_str(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Put => "PUT",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Options => "OPTIONS",
        HttpMethod::Head => "HEAD",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Trace => "TRACE",
    }
}
