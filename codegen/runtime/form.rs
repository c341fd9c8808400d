//! `application/x-www-form-urlencoded` bodies, by OpenAPI's encoding rules.
//!
//! The generated code passes the body and its media type's `encoding` entries ([`PartEncoding`]);
//! this module applies OpenAPI's defaults, which depend on the value: a scalar is its text, an
//! array repeats its name once per item (`form`, exploded), and an object (or any JSON value in
//! an object's place, such as a `{}` property) is sent as JSON text. An entry's `style` and
//! `explode` override that. Multipart bodies share [`PartEncoding`] and [`body_fields`] but are
//! written by `multipart`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::runtime::error::{Error, Result};

/// How one property of a form or multipart body is written: the document's `encoding` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartEncoding {
    /// The property's wire name.
    pub name: &'static str,
    /// `contentType`: a multipart part's `Content-Type`.
    pub content_type: Option<&'static str>,
    /// `style`: how a form property that is an array or an object is spelled.
    pub style: Option<FormStyle>,
    /// `explode`: whether array items and object members become pairs of their own.
    pub explode: Option<bool>,
}

/// OpenAPI's `style` values for form properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormStyle {
    /// `a=1&a=2` exploded, `a=1%2C2` not.
    Form,
    /// `a=1%202`.
    SpaceDelimited,
    /// `a=1%7C2`.
    PipeDelimited,
    /// `a[x]=1&a[y]=2`, for objects.
    DeepObject,
}

impl PartEncoding {
    /// The entry of the property `name`, saying nothing yet.
    pub const fn new(name: &'static str) -> Self {
        PartEncoding {
            name,
            content_type: None,
            style: None,
            explode: None,
        }
    }

    /// Sets `contentType`.
    pub const fn content_type(mut self, content_type: &'static str) -> Self {
        self.content_type = Some(content_type);
        self
    }

    /// Sets `style`.
    pub const fn style(mut self, style: FormStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// Sets `explode`.
    pub const fn explode(mut self, explode: bool) -> Self {
        self.explode = Some(explode);
        self
    }
}

/// The `application/x-www-form-urlencoded` text of `body`, a value serialising to an object.
///
/// Fails with [`Error::InvalidRequest`] when the body is not an object.
pub fn encode_form<B: serde::Serialize + ?Sized>(
    body: &B,
    encoding: &[PartEncoding],
) -> Result<String> {
    encode_fields(body_fields(body)?, encoding)
}

/// The form text of a body's fields. Not generic, like everything past serialising the body,
/// so it is compiled once, not once per body type (Twilio's client has sixty).
pub(crate) fn encode_fields(
    fields: Vec<(String, Value)>,
    encoding: &[PartEncoding],
) -> Result<String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in fields {
        let entry = encoding.iter().find(|entry| entry.name == name);
        push_pairs(&mut pairs, &name, &value, entry);
    }
    Ok(pairs
        .iter()
        .map(|(name, value)| format!("{}={}", form_component(name), value))
        .collect::<Vec<_>>()
        .join("&"))
}

/// The top-level properties of `body` in the order it serialises them, which for a generated
/// struct is the document's order whatever `serde_json`'s map features are.
pub fn body_fields<B: serde::Serialize + ?Sized>(body: &B) -> Result<Vec<(String, Value)>> {
    // Named functions, not closures: a closure here would be compiled once per body type.
    fields_of(&serde_json::to_vec(body).map_err(unserialisable)?)
}

fn unserialisable(error: serde_json::Error) -> Error {
    invalid_body(format!("cannot be serialised: {error}"))
}

fn invalid_body(message: String) -> Error {
    Error::InvalidRequest {
        parameter: "body".to_owned(),
        message,
    }
}

/// The members of the JSON object `text`, in order.
fn fields_of(text: &[u8]) -> Result<Vec<(String, Value)>> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let fields = deserializer
        .deserialize_any(FieldsVisitor)
        .map_err(|error| invalid_body(format!("cannot be sent as fields: {error}")))?;
    Ok(fields)
}

/// The text of a scalar, or JSON text for anything else; `None` for `null`.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// Reads an object's members in order into a list.
struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry::<String, Value>()? {
            fields.push(entry);
        }
        Ok(fields)
    }
}

/// Everything but `*-._` and alphanumerics is percent-encoded; spaces become `+` afterwards.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// Encodes a name or value as `application/x-www-form-urlencoded` does.
fn form_component(text: &str) -> String {
    utf8_percent_encode(text, FORM)
        .to_string()
        .replace("%20", "+")
}

/// Appends the pairs of one property; names are encoded later, values here.
fn push_pairs(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    value: &Value,
    entry: Option<&PartEncoding>,
) {
    let styled = entry.filter(|entry| entry.style.is_some() || entry.explode.is_some());
    let style = styled
        .and_then(|entry| entry.style)
        .unwrap_or(FormStyle::Form);
    let explode = styled
        .and_then(|entry| entry.explode)
        .unwrap_or(style == FormStyle::Form);
    let text = |value: &Value| scalar_text(value).map(|text| form_component(&text));
    match value {
        Value::Null => {}
        Value::Array(items) if explode || style == FormStyle::DeepObject => {
            pairs.extend(
                items
                    .iter()
                    .filter_map(|item| Some((name.to_owned(), text(item)?))),
            );
        }
        Value::Array(items) => {
            let joined = items
                .iter()
                .filter_map(text)
                .collect::<Vec<_>>()
                .join(delimiter(style));
            pairs.push((name.to_owned(), joined));
        }
        // Without a style of its own, an object is JSON text (`contentType: application/json`).
        Value::Object(members) if styled.is_some() => {
            push_object_pairs(pairs, name, members, style, explode)
        }
        other => pairs.extend(text(other).map(|text| (name.to_owned(), text))),
    }
}

/// An object written with an explicit `style`: its members as pairs, or one delimited value.
fn push_object_pairs(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    members: &serde_json::Map<String, Value>,
    style: FormStyle,
    explode: bool,
) {
    let present = members
        .iter()
        .filter_map(|(key, value)| Some((key, form_component(&scalar_text(value)?))));
    match style {
        FormStyle::DeepObject => {
            pairs.extend(present.map(|(key, value)| (format!("{name}[{key}]"), value)))
        }
        FormStyle::Form if explode => {
            pairs.extend(present.map(|(key, value)| (key.clone(), value)))
        }
        _ => {
            let joined = present
                .flat_map(|(key, value)| [form_component(key), value])
                .collect::<Vec<_>>()
                .join(delimiter(style));
            pairs.push((name.to_owned(), joined));
        }
    }
}

/// The separator of a non-exploded list, percent-encoded like the items: servers decode a
/// form's pairs before they split a value (Prism refuses a bare `,` as a reserved character).
fn delimiter(style: FormStyle) -> &'static str {
    match style {
        FormStyle::SpaceDelimited => "%20",
        FormStyle::PipeDelimited => "%7C",
        FormStyle::Form | FormStyle::DeepObject => "%2C",
    }
}
