//! Lowers paths and operations: parameters, bodies, responses, envelopes, pagination, grouping.
//!
//! Groups and method names come from `x-fern-sdk-group-name` / `x-fern-sdk-method-name` when the
//! document has them, else from the first tag and the HTTP verb and path shape.

use std::borrow::Cow;

use openapiv3::{ParameterSchemaOrContent, ReferenceOr, StatusCode};

use super::schema::NameHint;
use super::Lowerer;
use crate::emit::members::{RequestBuilderMember, SETTER_TRAIT_METHODS};
use crate::ir::{
    Body, BodyKind, Bound, Constraints, Decode, Deprecation, Docs, ErrorResponse, FormStyle,
    HttpMethod, IntegerKind, Operation, PageKind, Pagination, Param, ParamLocation, PartEncoding,
    PathTemplate, SuccessResponse, TypeId, TypeKind, TypeRef,
};
use crate::naming::{pascal_ident, snake_ident, NameScope};
use crate::source_map::{escape_segment, indexed_pointer};

impl<'a> Lowerer<'a> {
    /// The operations of `paths`' items, in order.
    pub(super) fn lower_operations(
        &mut self,
        paths: impl Iterator<Item = (&'a String, &'a ReferenceOr<openapiv3::PathItem>)>,
    ) -> Vec<Operation> {
        let mut operations = Vec::new();
        for (path, item) in paths {
            self.lower_path_item(path, item, &mut operations);
        }
        operations
    }

    /// Appends the operations of the path item `item` at `path` to `operations`.
    pub(super) fn lower_path_item(
        &mut self,
        path: &'a str,
        item: &'a ReferenceOr<openapiv3::PathItem>,
        operations: &mut Vec<Operation>,
    ) {
        let path_pointer = ["#/paths/", &escape_segment(path)].concat();
        let ReferenceOr::Item(item) = item else {
            self.warn(
                &path_pointer,
                "referenced path items are not supported; the path is skipped",
            );
            return;
        };
        let template = match PathTemplate::parse(path) {
            Ok(template) => template,
            Err(error) => {
                self.warn(
                    &path_pointer,
                    &format!(
                        "the path template is malformed ({error}); its operations are skipped"
                    ),
                );
                return;
            }
        };
        for (verb, operation) in item.iter() {
            let pointer = [&path_pointer, "/", verb].concat();
            let Some(method) = HttpMethod::from_key(verb) else {
                self.warn(&pointer, &format!("`{verb}` is not an HTTP method OpenAPI 3.0 describes; the operation is skipped"));
                continue;
            };
            operations.push(self.lower_operation(
                &template,
                method,
                operation,
                &item.parameters,
                &pointer,
            ));
        }
    }

    fn lower_operation(
        &mut self,
        path: &PathTemplate,
        method: HttpMethod,
        operation: &'a openapiv3::Operation,
        path_parameters: &'a [ReferenceOr<openapiv3::Parameter>],
        pointer: &str,
    ) -> Operation {
        let base_name = match &operation.operation_id {
            Some(id) => pascal_ident(id),
            None => pascal_ident(&format!("{} {path}", method.as_str())),
        };
        let group = self.operation_group(operation, path.as_str());
        let method_name = match operation
            .extensions
            .get("x-fern-sdk-method-name")
            .and_then(|value| value.as_str())
        {
            Some(name) => snake_ident(name),
            None => derived_method_name(method, path),
        };
        // Parameters become builder fields and setters, so they avoid the builder's own members
        // and names clippy reserves for std traits.
        let mut param_names =
            NameScope::beside(&[RequestBuilderMember::NAMES, SETTER_TRAIT_METHODS]);
        let mut params = self.lower_params(
            path,
            operation,
            path_parameters,
            pointer,
            &base_name,
            &mut param_names,
        );
        let body = self.lower_body(operation, pointer, &base_name);
        let (response, pagination) =
            self.lower_success(operation, (method, path), pointer, &base_name, &params);
        let errors = self.lower_errors(operation, pointer, &base_name);
        // Path parameters come first, in template order, so method arguments read like the URL.
        params.sort_by_key(|param| match param.location {
            ParamLocation::Path => path
                .param_names()
                .position(|name| name == param.wire_name)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        let deprecated = operation.deprecated.then(|| Deprecation {
            note: None,
            sunset: operation
                .extensions
                .get("x-sunset")
                .and_then(|value| value.as_str())
                .map(str::to_owned),
        });
        Operation {
            operation_id: operation.operation_id.clone(),
            pointer: pointer.to_owned(),
            method,
            path: path.clone(),
            docs: Docs {
                summary: operation.summary.clone(),
                description: operation.description.clone(),
                deprecated,
                ..Docs::default()
            },
            group,
            method_name,
            // Named for real once method names are final (`super::name_request_types`).
            request_type: String::new(),
            params,
            body,
            response,
            pagination,
            errors,
        }
    }

    /// Error bodies worth a type: JSON that is not a `{ success, errors }` envelope (envelopes
    /// are read by the runtime into `ApiError` already).
    fn lower_errors(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &str,
        base_name: &str,
    ) -> Vec<ErrorResponse> {
        let mut statuses: Vec<(String, &ReferenceOr<openapiv3::Response>)> = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| match status {
                StatusCode::Code(code) if *code >= 400 => Some((code.to_string(), response)),
                StatusCode::Range(range) if *range >= 4 => Some((format!("{range}XX"), response)),
                _ => None,
            })
            .collect();
        if let Some(default) = &operation.responses.default {
            statuses.push((String::from("default"), default));
        }
        statuses
            .into_iter()
            .filter_map(|(status, item)| self.lower_error(item, pointer, base_name, status))
            .collect()
    }

    /// One documented error status; its body gets a type when it is JSON and not an envelope.
    fn lower_error(
        &mut self,
        item: &ReferenceOr<openapiv3::Response>,
        pointer: &str,
        base_name: &str,
        status: String,
    ) -> Option<ErrorResponse> {
        let response_pointer = [pointer, "/responses/", &status].concat();
        let response = self.resolver.response(item).ok()?.value;
        let description = Some(response.description.clone()).filter(|text| !text.is_empty());
        let json_schema = pick_media(&response.content).and_then(|(media_type, media)| {
            let schema = media.schema.as_ref()?;
            let schema_pointer = [
                response_pointer.as_str(),
                "/content/",
                &escape_segment(media_type),
                "/schema",
            ]
            .concat();
            (media_kind(media_type) == BodyKind::Json).then(|| (schema.clone(), schema_pointer))
        });
        let ty = match json_schema {
            Some((schema, schema_pointer))
                if self.envelope_parts(&schema, &schema_pointer).is_none() =>
            {
                let hint = NameHint::exact([base_name, "Error", &pascal_ident(&status)].concat());
                Some(self.lower_schema_item(&schema, &schema_pointer, &hint))
                    .filter(|ty| matches!(ty, TypeRef::Named(_)))
            }
            _ => None,
        };
        Some(ErrorResponse {
            status,
            ty,
            description,
            pointer: response_pointer,
        })
    }

    fn operation_group(&self, operation: &openapiv3::Operation, path: &str) -> Vec<String> {
        if let Some(group) = operation
            .extensions
            .get("x-fern-sdk-group-name")
            .and_then(|value| value.as_str())
        {
            let segments: Vec<String> = group
                .split('.')
                .filter(|segment| !segment.is_empty())
                .map(snake_ident)
                .collect();
            if !segments.is_empty() {
                return segments;
            }
        }
        if let Some(tag) = operation.tags.first() {
            return vec![snake_ident(tag)];
        }
        let first_literal = path
            .split('/')
            .find(|segment| !segment.is_empty() && !segment.starts_with('{'));
        vec![snake_ident(first_literal.unwrap_or("default"))]
    }

    fn lower_params(
        &mut self,
        path: &PathTemplate,
        operation: &'a openapiv3::Operation,
        path_parameters: &'a [ReferenceOr<openapiv3::Parameter>],
        pointer: &str,
        base_name: &str,
        names: &mut NameScope,
    ) -> Vec<Param> {
        let path_pointer = pointer
            .rsplit_once('/')
            .map(|(head, _)| head)
            .unwrap_or(pointer)
            .to_owned();
        let inherited = path_parameters
            .iter()
            .enumerate()
            .map(|(idx, item)| (item, indexed_pointer(&path_pointer, "parameters", idx)));
        let own = operation
            .parameters
            .iter()
            .enumerate()
            .map(|(idx, item)| (item, indexed_pointer(pointer, "parameters", idx)));
        let resolved = self.resolve_params(inherited.chain(own));
        let mut params = Vec::with_capacity(resolved.len());
        for (parameter, item_pointer) in resolved {
            let location = match &*parameter {
                openapiv3::Parameter::Path { .. } => ParamLocation::Path,
                openapiv3::Parameter::Query { .. } => ParamLocation::Query,
                openapiv3::Parameter::Header { .. } => ParamLocation::Header,
                openapiv3::Parameter::Cookie { .. } => {
                    self.warn(&item_pointer, "cookie parameters are not supported; pass the cookie with RequestOptions::header");
                    continue;
                }
            };
            let data = parameter.parameter_data_ref();
            if location == ParamLocation::Header
                && ["accept", "content-type", "authorization"]
                    .contains(&data.name.to_ascii_lowercase().as_str())
            {
                // The client sets these itself; a spec listing them would only let callers break requests.
                continue;
            }
            let hint = NameHint::new(
                pascal_ident(&data.name),
                [base_name, &pascal_ident(&data.name)].concat(),
            );
            let (ty, facts) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let schema_pointer = [&item_pointer, "/schema"].concat();
                    (
                        self.lower_schema_item(schema, &schema_pointer, &hint),
                        self.facts_of_schema_item(schema),
                    )
                }
                ParameterSchemaOrContent::Content(_) => (
                    self.fallback(
                        &item_pointer,
                        "parameters described by `content` are sent as JSON text",
                    ),
                    Default::default(),
                ),
            };
            let ty = page_number_type(ty, &data.name, location, &facts.constraints);
            // A default means nothing on a required parameter (Swagger 2.0 says so), so a
            // required `page` with one (DEX's fleet-status devices) is optional: a stream steps it.
            let defaulted_page = data.name == "page"
                && location == ParamLocation::Query
                && facts.docs.default.is_some();
            let ty = self.check_param_type(ty, &item_pointer);
            let explode = match &*parameter {
                openapiv3::Parameter::Query { style, .. } => data
                    .explode
                    .unwrap_or(matches!(style, openapiv3::QueryStyle::Form)),
                _ => false,
            };
            params.push(Param {
                wire_name: data.name.clone(),
                rust_name: names.claim(snake_ident(&data.name)),
                location,
                required: (data.required && !defaulted_page) || location == ParamLocation::Path,
                explode,
                ty,
                docs: Docs {
                    description: data.description.clone().or(facts.docs.description),
                    deprecated: data.deprecated.unwrap_or(false).then(Deprecation::default),
                    example: data
                        .example
                        .as_ref()
                        .map(|example| example.to_string())
                        .or(facts.docs.example),
                    ..facts.docs
                },
                constraints: facts.constraints,
                pointer: item_pointer,
            });
        }
        self.declare_template_params(path, pointer, names, &mut params);
        params
    }

    /// Resolves parameter references; an operation's parameter overrides the path item's
    /// parameter of the same name and place.
    /// The parameters, borrowed from the document where they are written there, each with its
    /// pointer; an operation's parameter replaces the path item's of the same name and place.
    fn resolve_params(
        &mut self,
        items: impl Iterator<Item = (&'a ReferenceOr<openapiv3::Parameter>, String)>,
    ) -> Vec<(Cow<'a, openapiv3::Parameter>, String)> {
        let mut resolved: Vec<(Cow<'a, openapiv3::Parameter>, String)> = Vec::new();
        for (item, item_pointer) in items {
            let parameter = match self.resolver.parameter(item) {
                Ok(resolved) => resolved.value,
                Err(error) => {
                    self.warn(
                        &item_pointer,
                        &format!("parameter skipped: {}", error.unplaced()),
                    );
                    continue;
                }
            };
            let same_place = |other: &openapiv3::Parameter| {
                other.parameter_data_ref().name == parameter.parameter_data_ref().name
                    && std::mem::discriminant(other) == std::mem::discriminant(&*parameter)
            };
            resolved.retain(|(existing, _)| !same_place(existing));
            resolved.push((parameter, item_pointer));
        }
        resolved
    }

    /// A template parameter nobody declared is taken as a required string, with a warning.
    fn declare_template_params(
        &mut self,
        path: &PathTemplate,
        pointer: &str,
        names: &mut NameScope,
        params: &mut Vec<Param>,
    ) {
        for template_name in path.param_names() {
            if !params.iter().any(|param| {
                param.location == ParamLocation::Path && param.wire_name == template_name
            }) {
                self.warn(
                    pointer,
                    &format!(
                        "path parameter `{template_name}` is not declared; it is taken as a string"
                    ),
                );
                params.push(Param {
                    rust_name: names.claim(snake_ident(template_name)),
                    wire_name: template_name.to_owned(),
                    location: ParamLocation::Path,
                    required: true,
                    explode: false,
                    ty: TypeRef::String,
                    docs: Docs::default(),
                    constraints: Constraints::default(),
                    pointer: pointer.to_owned(),
                });
            }
        }
    }

    /// Parameters travel as text. Objects have no agreed text form (`deepObject` is not
    /// supported), so they keep their type but go as JSON text, which the user is told.
    fn check_param_type(&mut self, ty: TypeRef, pointer: &str) -> TypeRef {
        let item = match &ty {
            TypeRef::Array(inner) => inner.as_ref(),
            other => other,
        };
        if !self.is_text_shaped(item, &mut Vec::new()) {
            self.warn(pointer, "object-shaped parameters have no standard text form; the value is sent as JSON text");
        }
        ty
    }

    /// Scalars, enums, constants, untyped values and unions of them have a text form: the
    /// variant's own text.
    fn is_text_shaped(&self, ty: &TypeRef, unions_entered: &mut Vec<TypeId>) -> bool {
        match ty {
            TypeRef::JsonObject | TypeRef::Map(_) | TypeRef::Array(_) | TypeRef::Boxed(_) => false,
            // Any JSON value (`{}`) is usually a string on the wire; a fallback was reported already.
            TypeRef::Named(id) => match self.table.kind_of(*id) {
                Some(TypeKind::Enum(_) | TypeKind::Const(_)) => true,
                Some(TypeKind::Union(union)) if !unions_entered.contains(id) => {
                    unions_entered.push(*id);
                    union
                        .variants
                        .iter()
                        .all(|variant| self.is_text_shaped(&variant.ty, unions_entered))
                }
                _ => false,
            },
            _ => true,
        }
    }

    fn lower_body(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &str,
        base_name: &str,
    ) -> Option<Body> {
        let item = operation.request_body.as_ref()?;
        let body_pointer = [pointer, "/requestBody"].concat();
        let request_body = match self.resolver.request_body(item) {
            Ok(resolved) => resolved.value,
            Err(error) => {
                self.warn(
                    &body_pointer,
                    &format!("request body skipped: {}", error.unplaced()),
                );
                return None;
            }
        };
        let (media_type, media) = pick_media(&request_body.content)?;
        let media_pointer = [&body_pointer, "/content/", &escape_segment(media_type)].concat();
        let kind = media_kind(media_type);
        let hint = NameHint::exact([base_name, "Body"].concat());
        let ty = match (kind, &media.schema) {
            (BodyKind::Text, _) => TypeRef::String,
            (BodyKind::Bytes, _) => TypeRef::Binary,
            (_, Some(schema)) => {
                self.lower_schema_item(schema, &[&media_pointer, "/schema"].concat(), &hint)
            }
            (_, None) => TypeRef::Json { fallback: None },
        };
        let ty = match (kind, ty) {
            (BodyKind::Form | BodyKind::Multipart, ty @ TypeRef::Named(_)) => ty,
            (BodyKind::Form | BodyKind::Multipart, _) => {
                self.warn(
                    &media_pointer,
                    "form and multipart bodies must be objects; the body is sent as raw bytes",
                );
                TypeRef::Binary
            }
            (_, ty) => ty,
        };
        let kind = match (kind, &ty) {
            (BodyKind::Form | BodyKind::Multipart, TypeRef::Binary) => BodyKind::Bytes,
            (kind, _) => kind,
        };
        let encoding = match kind {
            BodyKind::Form | BodyKind::Multipart => self.lower_encoding(media, &media_pointer),
            _ => Vec::new(),
        };
        Some(Body {
            media_type: media_type.to_owned(),
            kind,
            ty,
            required: request_body.required,
            docs: Docs {
                description: request_body.description.clone(),
                ..Docs::default()
            },
            encoding,
            pointer: media_pointer,
        })
    }

    /// The `encoding` entries of a form or multipart body.
    ///
    /// openapiv3 reads an absent `explode` as `false`, but OpenAPI's default is `true` for the
    /// `form` style, so absence is read from the document itself.
    fn lower_encoding(
        &mut self,
        media: &openapiv3::MediaType,
        media_pointer: &str,
    ) -> Vec<PartEncoding> {
        let raw_cursor = &mut self.raw_cursor;
        media
            .encoding
            .iter()
            .map(|(wire_name, encoding)| {
                let pointer = format!("{media_pointer}/encoding/{}", escape_segment(wire_name));
                let written = raw_cursor
                    .get(&[pointer.trim_start_matches('#'), "/explode"].concat())
                    .and_then(serde_json::Value::as_bool);
                let explode = match (encoding.explode, written) {
                    (true, _) => Some(true),
                    (false, written) => written,
                };
                let style = encoding.style.as_ref().map(|style| match style {
                    openapiv3::QueryStyle::Form => FormStyle::Form,
                    openapiv3::QueryStyle::SpaceDelimited => FormStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => FormStyle::PipeDelimited,
                    openapiv3::QueryStyle::DeepObject => FormStyle::DeepObject,
                });
                PartEncoding {
                    wire_name: wire_name.clone(),
                    content_type: encoding.content_type.clone(),
                    style,
                    explode,
                    pointer,
                }
            })
            .collect()
    }

    fn lower_success(
        &mut self,
        operation: &openapiv3::Operation,
        (method, path): (HttpMethod, &PathTemplate),
        pointer: &str,
        base_name: &str,
        params: &[Param],
    ) -> (SuccessResponse, Option<Pagination>) {
        let mut statuses: Vec<(u16, String, &ReferenceOr<openapiv3::Response>)> = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| match status {
                StatusCode::Code(code) if (200..300).contains(code) => {
                    Some((*code, code.to_string(), response))
                }
                StatusCode::Range(2) => Some((299, "2XX".to_owned(), response)),
                _ => None,
            })
            .collect();
        statuses.sort_by_key(|(code, ..)| *code);
        let status_names: Vec<String> = statuses.iter().map(|(_, name, _)| name.clone()).collect();
        let empty = SuccessResponse {
            statuses: status_names.clone(),
            decode: Decode::Empty,
            media_type: None,
            ty: TypeRef::Unit,
            docs: Docs::default(),
        };
        // The first success status with a body decides the type; 204-style statuses have none.
        let with_body = statuses.iter().find_map(|(_, name, item)| {
            let response_pointer = [pointer, "/responses/", name.as_str()].concat();
            let response = self.resolver.response(item).ok()?.value;
            let (media_type, media) = pick_media(&response.content)?;
            let media_pointer =
                [&response_pointer, "/content/", &escape_segment(media_type)].concat();
            Some((
                response.description.clone(),
                media_type.to_owned(),
                media.schema.clone(),
                media_pointer,
            ))
        });
        let Some((description, media_type, schema, media_pointer)) = with_body else {
            let docs = Docs {
                description: statuses
                    .first()
                    .and_then(|(_, _, item)| self.resolver.response(item).ok())
                    .map(|r| r.value.description.clone()),
                ..Docs::default()
            };
            return (SuccessResponse { docs, ..empty }, None);
        };
        let docs = Docs {
            description: Some(description).filter(|text| !text.is_empty()),
            ..Docs::default()
        };
        let schema_pointer = [media_pointer.as_str(), "/schema"].concat();
        let decode = match media_kind(&media_type) {
            BodyKind::Text => Decode::Text,
            BodyKind::Bytes | BodyKind::Form | BodyKind::Multipart => Decode::Bytes,
            BodyKind::Json => Decode::Json,
        };
        let response = |decode, ty| SuccessResponse {
            statuses: status_names.clone(),
            decode,
            media_type: Some(media_type.clone()),
            ty,
            docs: docs.clone(),
        };
        let schema = match (decode, schema) {
            (Decode::Text, _) => return (response(Decode::Text, TypeRef::String), None),
            (Decode::Bytes, _) => return (response(Decode::Bytes, TypeRef::Binary), None),
            (_, None) => {
                return (
                    response(Decode::Json, TypeRef::Json { fallback: None }),
                    None,
                )
            }
            (_, Some(schema)) => schema,
        };
        if let Some(envelope) = self.envelope_parts(&schema, &schema_pointer) {
            let result_hint = NameHint::exact([base_name, "Result"].concat());
            let ty =
                self.lower_boxed_item(&envelope.result, &envelope.result_pointer, &result_hint);
            let pagination =
                match &ty {
                    TypeRef::Array(item) => page_kind(params, &envelope.result_info_properties)
                        .map(|(kind, param)| Pagination {
                            kind,
                            page_param: param.rust_name.clone(),
                            item: (**item).clone(),
                            items_property: None,
                        }),
                    _ if method != HttpMethod::Get => None,
                    _ => self.list_in_result(&ty, path).and_then(|(property, item)| {
                        let (kind, param) = page_kind(params, &envelope.result_info_properties)?;
                        Some(Pagination {
                            kind,
                            page_param: param.rust_name.clone(),
                            item,
                            items_property: Some(property),
                        })
                    }),
                };
            return (response(Decode::Envelope, ty), pagination);
        }
        let ty = self.lower_schema_item(
            &schema,
            &schema_pointer,
            &NameHint::exact([base_name, "Response"].concat()),
        );
        (response(Decode::Json, ty), None)
    }

    /// The list a page holds when a GET's `result` is an object around it (`{"images": […]}`):
    /// the array property named like the path's last segment (`/radar/bgp/hijacks/events` reads
    /// `events`, not `asn_info`), else the only array property. An operation on one item (a path
    /// ending in a parameter) returns that item, whose lists are its own; so does a POST that
    /// takes paging parameters (Turnstile's create returns a widget, not a page of its domains).
    fn list_in_result(&self, ty: &TypeRef, path: &PathTemplate) -> Option<(String, TypeRef)> {
        if path.ends_with_param() {
            return None;
        }
        let TypeRef::Named(id) = ty else {
            return None;
        };
        let Some(TypeKind::Struct(object)) = self.table.kind_of(*id) else {
            return None;
        };
        let lists: Vec<(&str, &TypeRef)> = object
            .fields
            .iter()
            .filter_map(|field| match &field.ty {
                TypeRef::Array(item) => Some((field.wire_name.as_str(), &**item)),
                _ => None,
            })
            .collect();
        let last = path.as_str().rsplit('/').next().unwrap_or_default();
        let (property, item) = match lists.iter().find(|(name, _)| *name == last) {
            Some(named) => named,
            None => match lists.as_slice() {
                [only] => only,
                _ => return None,
            },
        };
        Some(((*property).to_owned(), (*item).clone()))
    }
}

/// A `page` query parameter declared as `number` (or untyped with a `minimum`) with whole
/// bounds counts pages: it is an integer, as a person would type it, and pagination can step it.
fn page_number_type(
    ty: TypeRef,
    name: &str,
    location: ParamLocation,
    constraints: &Constraints,
) -> TypeRef {
    let whole = |bound: Option<Bound>| bound.is_none_or(|bound| bound.value.fract() == 0.0);
    let counts_pages = name == "page"
        && location == ParamLocation::Query
        && whole(constraints.minimum)
        && whole(constraints.maximum)
        && constraints
            .multiple_of
            .is_none_or(|step| step.fract() == 0.0);
    // `{minimum: 1, default: 1}` without a type is numeric too: only numbers have a minimum.
    let untyped_number =
        matches!(ty, TypeRef::Json { fallback: None }) && constraints.minimum.is_some();
    match ty {
        TypeRef::Number if counts_pages => TypeRef::Integer(IntegerKind::I64),
        _ if untyped_number && counts_pages => TypeRef::Integer(IntegerKind::I64),
        other => other,
    }
}

/// How a list endpoint in an envelope pages, and the parameter that picks the page: an integer
/// `page` (or a `number` one, which lowering made an integer), else a text `cursor` when
/// `result_info` hands out the next one. A `page` needs no `result_info`: the stream also stops
/// at an empty or repeated page.
fn page_kind<'p>(params: &'p [Param], result_info: &[String]) -> Option<(PageKind, &'p Param)> {
    // The stream sets the parameter on each request, so it must be optional.
    let query = |name: &str| {
        params.iter().find(|param| {
            param.location == ParamLocation::Query && param.wire_name == name && !param.required
        })
    };
    if let Some(page) = query("page").filter(|param| matches!(param.ty, TypeRef::Integer(_))) {
        return Some((PageKind::Number, page));
    }
    let hands_out_cursor = result_info
        .iter()
        .any(|property| property == "cursor" || property == "cursors");
    query("cursor")
        .filter(|param| param.ty == TypeRef::String && hands_out_cursor)
        .map(|cursor| (PageKind::Cursor, cursor))
}

/// `list`, `get`, `create`, `update`, `edit`, `delete` from the verb and whether the path ends in an id.
fn derived_method_name(method: HttpMethod, path: &PathTemplate) -> String {
    let name = match (method, path.ends_with_param()) {
        (HttpMethod::Get, true) => "get",
        (HttpMethod::Get, false) => "list",
        (HttpMethod::Post, _) => "create",
        (HttpMethod::Put, _) => "update",
        (HttpMethod::Patch, _) => "edit",
        (HttpMethod::Delete, _) => "delete",
        (HttpMethod::Head, _) => "head",
        (HttpMethod::Options, _) => "options",
        (HttpMethod::Trace, _) => "trace",
    };
    name.to_owned()
}

/// JSON wins; then forms, multipart, text, and anything else as bytes.
fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    let rank = |media_type: &str| match media_kind(media_type) {
        BodyKind::Json => 0,
        BodyKind::Form => 1,
        BodyKind::Multipart => 2,
        BodyKind::Text => 3,
        BodyKind::Bytes => 4,
    };
    content
        .iter()
        .min_by_key(|(media_type, _)| rank(media_type))
        .map(|(media_type, media)| (media_type.as_str(), media))
}

fn media_kind(media_type: &str) -> BodyKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "*/*" => BodyKind::Json,
        json if json.ends_with("+json") || json.ends_with("/json") => BodyKind::Json,
        "application/x-www-form-urlencoded" => BodyKind::Form,
        "multipart/form-data" => BodyKind::Multipart,
        text if text.starts_with("text/") => BodyKind::Text,
        _ => BodyKind::Bytes,
    }
}
