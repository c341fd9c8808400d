//! Path items and what they hold (operations, parameters, bodies, responses, headers, media
//! types, encodings, examples), read as openapiv3 reads them. Servers, callbacks and links are
//! declined: they are rare, and serde reads them.

use indexmap::IndexMap;
use openapiv3::{
    CookieStyle, Encoding, Example, Header, HeaderStyle, MediaType, Operation, Parameter,
    ParameterData, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    RequestBody, Response, Responses, StatusCode,
};
use serde_json::Value;

use super::schema::{external_docs, schema};
use super::{
    absent, boolean, defaulted, extensions, json, list_of, map_of, members, optional, reference_or,
    required, string, strings, Object,
};

/// A member of `paths`.
pub fn path_item(value: &Value) -> Option<ReferenceOr<PathItem>> {
    reference_or(value, |object| {
        members!(object =>
            summary = "summary",
            description = "description",
            get = "get",
            put = "put",
            post = "post",
            delete = "delete",
            options = "options",
            head = "head",
            patch = "patch",
            trace = "trace",
            parameters = "parameters",
            servers = "servers",
        );
        absent(servers)?;
        Some(PathItem {
            summary: optional(summary, string)?,
            description: optional(description, string)?,
            get: optional(get, operation)?,
            put: optional(put, operation)?,
            post: optional(post, operation)?,
            delete: optional(delete, operation)?,
            options: optional(options, operation)?,
            head: optional(head, operation)?,
            patch: optional(patch, operation)?,
            trace: optional(trace, operation)?,
            servers: Vec::new(),
            parameters: defaulted(parameters, |value| list_of(value, parameter))?,
            extensions: extensions(object),
        })
    })
}

fn operation(value: &Value) -> Option<Operation> {
    let object = value.as_object()?;
    members!(object =>
        tags = "tags",
        summary = "summary",
        description = "description",
        external = "externalDocs",
        operation_id = "operationId",
        parameters = "parameters",
        request = "requestBody",
        responses_member = "responses",
        deprecated = "deprecated",
        security = "security",
        servers = "servers",
        callbacks = "callbacks",
    );
    absent(servers)?;
    absent(callbacks)?;
    Some(Operation {
        tags: defaulted(tags, strings)?,
        summary: optional(summary, string)?,
        description: optional(description, string)?,
        external_docs: optional(external, external_docs)?,
        operation_id: optional(operation_id, string)?,
        parameters: defaulted(parameters, |value| list_of(value, parameter))?,
        request_body: optional(request, request_body)?,
        responses: required(responses_member, responses)?,
        callbacks: IndexMap::new(),
        deprecated: defaulted(deprecated, boolean)?,
        security: optional(security, |value| {
            list_of(value, |value| map_of(value, strings))
        })?,
        servers: Vec::new(),
        extensions: extensions(object),
    })
}

/// A parameter, tagged by `in`; each location has its own styles.
pub fn parameter(value: &Value) -> Option<ReferenceOr<Parameter>> {
    reference_or(value, |object| {
        members!(object =>
            location = "in",
            allow_reserved = "allowReserved",
            style = "style",
            allow_empty_value = "allowEmptyValue",
        );
        let parameter_data = parameter_data(object)?;
        let parameter = match location?.as_str()? {
            "query" => Parameter::Query {
                parameter_data,
                allow_reserved: defaulted(allow_reserved, boolean)?,
                style: defaulted(style, query_style)?,
                allow_empty_value: optional(allow_empty_value, boolean)?,
            },
            "header" => Parameter::Header {
                parameter_data,
                style: defaulted(style, header_style)?,
            },
            "path" => Parameter::Path {
                parameter_data,
                style: defaulted(style, path_style)?,
            },
            "cookie" => Parameter::Cookie {
                parameter_data,
                style: defaulted(style, cookie_style)?,
            },
            _ => return None,
        };
        Some(parameter)
    })
}

fn parameter_data(object: &Object) -> Option<ParameterData> {
    members!(object =>
        name = "name",
        description = "description",
        required_member = "required",
        deprecated = "deprecated",
        example_member = "example",
        examples = "examples",
        explode = "explode",
        schema_member = "schema",
        content = "content",
    );
    Some(ParameterData {
        name: required(name, string)?,
        description: optional(description, string)?,
        required: defaulted(required_member, boolean)?,
        deprecated: optional(deprecated, boolean)?,
        format: schema_or_content(schema_member, content)?,
        example: optional(example_member, json)?,
        examples: defaulted(examples, |value| map_of(value, example))?,
        explode: optional(explode, boolean)?,
        extensions: extensions(object),
    })
}

/// A parameter's or header's `schema` or `content`. serde takes whichever comes first, so
/// an object with both is declined.
fn schema_or_content(
    schema_member: Option<&Value>,
    content: Option<&Value>,
) -> Option<ParameterSchemaOrContent> {
    match (schema_member, content) {
        (Some(schema_value), None) => Some(ParameterSchemaOrContent::Schema(reference_or(
            schema_value,
            schema,
        )?)),
        (None, Some(content)) => Some(ParameterSchemaOrContent::Content(map_of(
            content, media_type,
        )?)),
        _ => None,
    }
}

fn query_style(value: &Value) -> Option<QueryStyle> {
    match value.as_str()? {
        "form" => Some(QueryStyle::Form),
        "spaceDelimited" => Some(QueryStyle::SpaceDelimited),
        "pipeDelimited" => Some(QueryStyle::PipeDelimited),
        "deepObject" => Some(QueryStyle::DeepObject),
        _ => None,
    }
}

fn header_style(value: &Value) -> Option<HeaderStyle> {
    (value.as_str()? == "simple").then_some(HeaderStyle::Simple)
}

fn path_style(value: &Value) -> Option<PathStyle> {
    match value.as_str()? {
        "matrix" => Some(PathStyle::Matrix),
        "label" => Some(PathStyle::Label),
        "simple" => Some(PathStyle::Simple),
        _ => None,
    }
}

fn cookie_style(value: &Value) -> Option<CookieStyle> {
    (value.as_str()? == "form").then_some(CookieStyle::Form)
}

pub fn request_body(value: &Value) -> Option<ReferenceOr<RequestBody>> {
    reference_or(value, |object| {
        members!(object =>
            description = "description",
            content = "content",
            required_member = "required",
        );
        Some(RequestBody {
            description: optional(description, string)?,
            content: defaulted(content, |value| map_of(value, media_type))?,
            required: defaulted(required_member, boolean)?,
            extensions: extensions(object),
        })
    })
}

fn media_type(value: &Value) -> Option<MediaType> {
    let object = value.as_object()?;
    members!(object =>
        schema_member = "schema",
        example_member = "example",
        examples = "examples",
        encoding = "encoding",
    );
    Some(MediaType {
        schema: optional(schema_member, |value| reference_or(value, schema))?,
        example: optional(example_member, json)?,
        examples: defaulted(examples, |value| map_of(value, example))?,
        encoding: defaulted(encoding, |value| map_of(value, encoding_of))?,
        extensions: extensions(object),
    })
}

/// A property's encoding in a form body.
fn encoding_of(value: &Value) -> Option<Encoding> {
    let object = value.as_object()?;
    members!(object =>
        content_type = "contentType",
        headers = "headers",
        style = "style",
        explode = "explode",
        allow_reserved = "allowReserved",
    );
    Some(Encoding {
        content_type: optional(content_type, string)?,
        headers: defaulted(headers, |value| map_of(value, header))?,
        style: optional(style, query_style)?,
        explode: defaulted(explode, boolean)?,
        allow_reserved: defaulted(allow_reserved, boolean)?,
        extensions: extensions(object),
    })
}

pub fn example(value: &Value) -> Option<ReferenceOr<Example>> {
    reference_or(value, |object| {
        members!(object =>
            summary = "summary",
            description = "description",
            example_value = "value",
            external_value = "externalValue",
        );
        Some(Example {
            summary: optional(summary, string)?,
            description: optional(description, string)?,
            value: optional(example_value, json)?,
            external_value: optional(external_value, string)?,
            extensions: extensions(object),
        })
    })
}

/// An operation's responses: `default`, and every other member whose key reads as a status
/// code. serde skips a key that does not (an `x-` extension, say) and keeps the first place
/// of a code written twice (`2XX` and `2xx`), with the later response.
fn responses(value: &Value) -> Option<Responses> {
    let object = value.as_object()?;
    let mut responses = IndexMap::with_capacity(object.len());
    for (key, value) in object {
        if key == "default" {
            continue;
        }
        if let Some(code) = status_code(key) {
            responses.insert(code, response(value)?);
        }
    }
    Some(Responses {
        default: optional(object.get("default"), response)?,
        responses,
        extensions: extensions(object),
    })
}

pub fn response(value: &Value) -> Option<ReferenceOr<Response>> {
    reference_or(value, |object| {
        members!(object =>
            description = "description",
            headers = "headers",
            content = "content",
            links = "links",
        );
        absent(links)?;
        Some(Response {
            description: required(description, string)?,
            headers: defaulted(headers, |value| map_of(value, header))?,
            content: defaulted(content, |value| map_of(value, media_type))?,
            links: IndexMap::new(),
            extensions: extensions(object),
        })
    })
}

pub fn header(value: &Value) -> Option<ReferenceOr<Header>> {
    reference_or(value, |object| {
        members!(object =>
            description = "description",
            style = "style",
            required_member = "required",
            deprecated = "deprecated",
            schema_member = "schema",
            content = "content",
            example_member = "example",
            examples = "examples",
        );
        Some(Header {
            description: optional(description, string)?,
            style: defaulted(style, header_style)?,
            required: defaulted(required_member, boolean)?,
            deprecated: optional(deprecated, boolean)?,
            format: schema_or_content(schema_member, content)?,
            example: optional(example_member, json)?,
            examples: defaulted(examples, |value| map_of(value, example))?,
            extensions: extensions(object),
        })
    })
}

/// A response key as openapiv3's `StatusCode` reads it: three characters, either a number
/// from 100 to 999 or a digit and `XX` (in any case).
fn status_code(key: &str) -> Option<StatusCode> {
    if key.len() != 3 {
        return None;
    }
    if let Ok(number) = key.parse::<i64>() {
        return (100..1000)
            .contains(&number)
            .then_some(StatusCode::Code(number as u16));
    }
    match key.as_bytes() {
        [digit, x, y]
            if digit.is_ascii_digit()
                && x.eq_ignore_ascii_case(&b'X')
                && y.eq_ignore_ascii_case(&b'X') =>
        {
            Some(StatusCode::Range(u16::from(digit - b'0')))
        }
        _ => None,
    }
}
