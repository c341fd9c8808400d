//! Emits a request builder's `build`: client-side checks, then the path, query, headers and
//! body of the `ApiRequest` the runtime sends.

use proc_macro2::TokenStream;
use quote::quote;

use super::members::{RequestBuilderMember, RequestLocal};
use super::prelude::{CLONE, OK, SOME, STRING, VEC};
use super::rust::{bind_if_present, ident, is_enum, is_validated};
use super::stand_in;
use super::tokens::{lit_str, moved};
use super::validate::value_checks;
use crate::ir::{
    Api, Body, BodyKind, Constraints, Decode, Field, FormStyle, HttpMethod, Operation, Param,
    ParamLocation, PathPart, Presence, TypeKind, TypeRef,
};

/// `build`: validation, then path, query, headers and body.
pub fn emit_build(api: &Api, operation: &Operation) -> TokenStream {
    let checks = emit_checks(api, operation).into_iter().map(moved);
    let path = moved(emit_path(operation));
    let method = method_tokens(operation.method);
    let template = lit_str(operation.path.as_str());
    let mut changes: Vec<TokenStream> = operation
        .params
        .iter()
        .filter_map(|param| emit_param_encoding(api, param))
        .collect();
    // The client asks for JSON by default; other bodies are asked for by their own type.
    if let (Decode::Text | Decode::Bytes, Some(media_type)) =
        (operation.response.decode, &operation.response.media_type)
    {
        let media_type = lit_str(media_type);
        changes.push(quote! { request = request.header("Accept", #media_type); });
    }
    changes.extend(emit_body_encoding(api, operation));
    let binding = if changes.is_empty() {
        quote! { let request }
    } else {
        quote! { let mut request }
    };
    let build = RequestBuilderMember::Build;
    let changes = changes.into_iter().map(moved);
    let body = stand_in::method_body(quote! {
        #( #checks )*
        #path
        #binding = crate::runtime::ApiRequest::new(#method, #template, path);
        #( #changes )*
        #OK(request)
    });
    quote! {
        #[inline]
        fn #build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
            #body
        }
    }
}

/// The client-side checks of every parameter and of the body, on fields of `self` named like the
/// builder's; the fake's input types have the same fields and reuse them.
pub fn emit_checks(api: &Api, operation: &Operation) -> Vec<TokenStream> {
    let value = RequestLocal::Value;
    let mut checks: Vec<TokenStream> = operation
        .params
        .iter()
        .filter_map(|param| {
            let rust_name = ident(&param.rust_name);
            let wire_name = lit_str(&param.wire_name);
            let checks = value_checks(
                api,
                &param.ty,
                &param.constraints,
                &quote! { #value },
                &quote! { #wire_name },
            )?;
            Some(bind_if_present(
                param.required,
                quote! { #value },
                quote! { self.#rust_name },
                checks,
            ))
        })
        .collect();
    if let Some(check) = emit_body_check(api, operation) {
        checks.push(check);
    }
    checks
}

/// Checks the body, and through it every nested value that has constraints.
fn emit_body_check(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let body = operation.body.as_ref()?;
    if matches!(body.kind, BodyKind::Text | BodyKind::Bytes) {
        return None;
    }
    let body_field = RequestBuilderMember::Body;
    // The common case, a struct, reads best as a direct call.
    if is_validated(api, &body.ty) {
        return Some(if operation.body_is_argument() {
            quote! { self.#body_field.validate(&"body")?; }
        } else {
            quote! {
                if let #SOME(body) = &self.#body_field {
                    body.validate(&"body")?;
                }
            }
        });
    }
    let value = RequestLocal::Value;
    let checks = value_checks(
        api,
        &body.ty,
        &Constraints::default(),
        &quote! { #value },
        &quote! { "body" },
    )?;
    Some(bind_if_present(
        operation.body_is_argument(),
        quote! { #value },
        quote! { self.#body_field },
        checks,
    ))
}

/// Attaches the body, encoded by its kind.
fn emit_body_encoding(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let body = operation.body.as_ref()?;
    let media_type = lit_str(&body.media_type);
    let body_field = RequestBuilderMember::Body;
    // `value` is a reference to the body; `place` names the body itself, for its fields.
    let attach = |value: TokenStream, place: TokenStream| match body.kind {
        BodyKind::Json => quote! { request = request.json(#value)?; },
        BodyKind::Form => {
            let encoding = encoding_table(body);
            quote! { request = request.form(#value, #encoding)?; }
        }
        BodyKind::Multipart => {
            let encoding = encoding_table(body);
            let files = emit_file_parts(api, body, &place);
            let files_local = RequestLocal::Files;
            quote! {
                #files
                request = request.multipart(#value, #encoding, &#files_local)?;
            }
        }
        BodyKind::Text => {
            quote! { request = request.body(#media_type, #CLONE::clone(#value).into_bytes()); }
        }
        // `value` is a reference (`&self.body` or a binding); `Clone::clone` takes it as written.
        BodyKind::Bytes => {
            quote! { request = request.body(#media_type, #CLONE::clone(#value)); }
        }
    };
    if operation.body_is_argument() {
        return Some(attach(
            quote! { &self.#body_field },
            quote! { self.#body_field },
        ));
    }
    let attach = attach(quote! { body }, quote! { body });
    Some(quote! {
        if let #SOME(body) = &self.#body_field {
            #attach
        }
    })
}

/// The body's `encoding` entries as a slice of `crate::runtime::PartEncoding`.
fn encoding_table(body: &Body) -> TokenStream {
    let entries = body.encoding.iter().map(|encoding| {
        let name = lit_str(&encoding.wire_name);
        let content_type = encoding.content_type.as_ref().map(|content_type| {
            let content_type = lit_str(content_type);
            quote! { .content_type(#content_type) }
        });
        let style = encoding.style.map(|style| {
            let variant = match style {
                FormStyle::Form => quote! { Form },
                FormStyle::SpaceDelimited => quote! { SpaceDelimited },
                FormStyle::PipeDelimited => quote! { PipeDelimited },
                FormStyle::DeepObject => quote! { DeepObject },
            };
            quote! { .style(crate::runtime::FormStyle::#variant) }
        });
        let explode = encoding
            .explode
            .map(|explode| quote! { .explode(#explode) });
        let (content_type, style, explode) = (
            content_type.map(moved),
            style.map(moved),
            explode.map(moved),
        );
        moved(quote! { crate::runtime::PartEncoding::new(#name) #content_type #style #explode })
    });
    quote! { &[ #( #entries ),* ] }
}

/// The file fields of a multipart body, in field order, each with whether it holds a list.
pub fn file_fields<'a>(api: &'a Api, body: &Body) -> Vec<(&'a Field, bool)> {
    let fields = match &body.ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(object) => object.fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    fields
        .iter()
        .filter_map(|field| match &field.ty {
            TypeRef::File => Some((field, false)),
            TypeRef::Array(inner) if **inner == TypeRef::File => Some((field, true)),
            _ => None,
        })
        .collect()
}

/// Binds `files`: every file part of a multipart body (`place` names the body), by wire name,
/// in field order.
fn emit_file_parts(api: &Api, body: &Body, place: &TokenStream) -> TokenStream {
    let files = RequestLocal::Files;
    // Required single files open the list; the rest extend it, so clippy sees no push after `new`.
    let mut singles: Vec<TokenStream> = Vec::new();
    let mut extends: Vec<TokenStream> = Vec::new();
    for (field, many) in file_fields(api, body) {
        let rust_name = ident(&field.rust_name);
        let wire_name = lit_str(&field.wire_name);
        let place = quote! { #place.#rust_name };
        // `Option<Option<_>>` (absent or null) needs one more `flatten`.
        let nested = (field.presence == Presence::OptionalNullable).then(|| quote! { .flatten() });
        match (field.presence, many) {
            (Presence::Required, false) => singles.push(quote! { (#wire_name, &#place) }),
            (Presence::Required, true) | (_, false) => extends.push(
                quote! { #files.extend(#place.iter() #nested .map(|file| (#wire_name, file))); },
            ),
            (_, true) => extends.push(
                quote! { #files.extend(#place.iter() #nested .flatten().map(|file| (#wire_name, file))); },
            ),
        }
    }
    let file_pair = quote! { (&str, &crate::runtime::FilePart) };
    if extends.is_empty() {
        let n_files = singles.len();
        return quote! { let #files: [#file_pair; #n_files] = [ #( #singles ),* ]; };
    }
    quote! {
        let mut #files: #VEC<#file_pair> = ::std::vec![ #( #singles ),* ];
        #( #extends )*
    }
}

/// Binds `path`: each path parameter percent-encoded as one segment into a local of its name,
/// then the template with those locals, so the emitted code reads like the URL.
fn emit_path(operation: &Operation) -> TokenStream {
    let mut locals = Vec::new();
    // A parameter the template names twice is encoded once.
    let mut bound: Vec<&str> = Vec::new();
    let mut template = String::new();
    for part in operation.path_parts() {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param(param) => {
                let rust_name = ident(&param.rust_name);
                let text = match param.ty {
                    TypeRef::String => quote! { &self.#rust_name },
                    _ => {
                        let text =
                            scalar_text(&param.ty, &quote! { self.#rust_name }, &param.wire_name);
                        quote! { &#text }
                    }
                };
                if !bound.contains(&param.rust_name.as_str()) {
                    bound.push(&param.rust_name);
                    locals.push(quote! {
                        let #rust_name = crate::runtime::encode::path_segment(#text);
                    });
                }
                template.push_str(&format!("{{{}}}", param.rust_name));
            }
        }
    }
    if locals.is_empty() {
        let literal = lit_str(&template.replace("{{", "{").replace("}}", "}"));
        return quote! { let path = #STRING::from(#literal); };
    }
    let template = lit_str(&template);
    quote! {
        #( #locals )*
        let path = ::std::format!(#template);
    }
}

/// The text form of a parameter value; `value` is a place expression (a binding or field).
fn scalar_text(ty: &TypeRef, value: &TokenStream, wire_name: &str) -> TokenStream {
    match ty {
        TypeRef::String => quote! { #value.clone() },
        TypeRef::DateTime => {
            quote! { #value.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true) }
        }
        _ if has_plain_text(ty) => quote! { #value.to_string() },
        // Everything without a `Display` (objects, maps, nested arrays, bytes) goes as JSON text.
        _ => {
            let wire_name = lit_str(wire_name);
            quote! { crate::runtime::encode::text_value(#wire_name, &#value)? }
        }
    }
}

/// Types whose text form is their own (`Display`, or RFC 3339 for date-times).
fn has_plain_text(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::DateTime
            | TypeRef::Bool
            | TypeRef::Integer(_)
            | TypeRef::Number
            | TypeRef::Date
            | TypeRef::Uuid
    )
}

/// Whether `ty` is sent as JSON text, the one text form that can fail (see `scalar_text`).
fn is_json_text(api: &Api, ty: &TypeRef) -> bool {
    !is_enum(api, ty) && !has_plain_text(ty)
}

fn emit_param_encoding(api: &Api, param: &Param) -> Option<TokenStream> {
    let rust_name = ident(&param.rust_name);
    let wire_name = param.wire_name.as_str();
    let wire = lit_str(wire_name);
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
                    request = request.#adder(#wire, #text);
                }
            }
        }
        TypeRef::Array(inner) => {
            // Only JSON text can fail; `Ok(text?)` around it is what clippy calls needless.
            let items = if is_json_text(api, inner) {
                quote! { crate::runtime::encode::text_values(#wire, value)? }
            } else if **inner == TypeRef::String {
                quote! { value.clone() }
            } else if is_enum(api, inner) && param.location == ParamLocation::Query {
                // Enums are `AsRef<str>`, which is all `query_list` asks of its items.
                quote! { value }
            } else {
                let text = scalar_text_for(api, inner, &quote! { item }, wire_name);
                quote! { value.iter().map(|item| #text).collect::<#VEC<_>>() }
            };
            match param.location {
                ParamLocation::Query => {
                    quote! { request = request.query_list(#wire, #items); }
                }
                _ => quote! { request = request.#adder(#wire, #items.join(",")); },
            }
        }
        ty => {
            let text = scalar_text_for(api, ty, &quote! { value }, wire_name);
            quote! { request = request.#adder(#wire, #text); }
        }
    };
    Some(bind_if_present(
        param.required,
        quote! { value },
        quote! { self.#rust_name },
        encode,
    ))
}

/// Enums send their wire value directly; other named types go through JSON text.
fn scalar_text_for(api: &Api, ty: &TypeRef, value: &TokenStream, wire_name: &str) -> TokenStream {
    if is_enum(api, ty) {
        return quote! { #STRING::from(#value.as_str()) };
    }
    scalar_text(ty, value, wire_name)
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
