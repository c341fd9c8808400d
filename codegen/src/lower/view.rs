//! A flat view of one `openapiv3::Schema`, so lowering asks one shape instead of six `SchemaKind`s.
//!
//! openapiv3 files a schema under `Type`, `AllOf`, `Any`, … depending on which keywords appear
//! together; Cloudflare writes objects without `type: object`, so the same object may land in
//! `Any`. The view reads every keyword wherever openapiv3 put it. It decides nothing.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::ir::{Bound, Constraints};

/// Every keyword lowering looks at, borrowed from one schema.
pub struct SchemaView<'s> {
    pub data: &'s SchemaData,
    pub ty: Option<&'s str>,
    pub format: Option<String>,
    pub enumeration: Vec<serde_json::Value>,
    pub properties: Option<&'s IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'s [String],
    pub additional: Option<&'s AdditionalProperties>,
    pub items: Option<&'s ReferenceOr<Box<Schema>>>,
    pub all_of: &'s [ReferenceOr<Schema>],
    pub one_of: &'s [ReferenceOr<Schema>],
    pub any_of: &'s [ReferenceOr<Schema>],
    pub has_not: bool,
    pub constraints: Constraints,
}

const NO_SCHEMAS: &[ReferenceOr<Schema>] = &[];

impl<'s> SchemaView<'s> {
    pub fn of(schema: &'s Schema) -> SchemaView<'s> {
        let mut view = SchemaView {
            data: &schema.schema_data,
            ty: None,
            format: None,
            enumeration: Vec::new(),
            properties: None,
            required: &[],
            additional: None,
            items: None,
            all_of: NO_SCHEMAS,
            one_of: NO_SCHEMAS,
            any_of: NO_SCHEMAS,
            has_not: false,
            constraints: Constraints::default(),
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                view.ty = Some("string");
                view.format = string_format(&string.format);
                view.enumeration = string
                    .enumeration
                    .iter()
                    .map(|value| match value {
                        Some(text) => serde_json::Value::String(text.clone()),
                        None => serde_json::Value::Null,
                    })
                    .collect();
                view.constraints.min_length = string.min_length;
                view.constraints.max_length = string.max_length;
                view.constraints.pattern = string.pattern.clone();
            }
            SchemaKind::Type(Type::Number(number)) => {
                view.ty = Some("number");
                view.format = number_format(&number.format);
                view.enumeration = number
                    .enumeration
                    .iter()
                    .map(|value| serde_json::json!(value))
                    .collect();
                view.constraints.minimum = bound(number.minimum, number.exclusive_minimum);
                view.constraints.maximum = bound(number.maximum, number.exclusive_maximum);
                view.constraints.multiple_of = number.multiple_of;
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                view.ty = Some("integer");
                view.format = integer_format(&integer.format);
                view.enumeration = integer
                    .enumeration
                    .iter()
                    .map(|value| serde_json::json!(value))
                    .collect();
                view.constraints.minimum =
                    bound(integer.minimum.map(|v| v as f64), integer.exclusive_minimum);
                view.constraints.maximum =
                    bound(integer.maximum.map(|v| v as f64), integer.exclusive_maximum);
                view.constraints.multiple_of = integer.multiple_of.map(|v| v as f64);
            }
            SchemaKind::Type(Type::Boolean(boolean)) => {
                view.ty = Some("boolean");
                view.enumeration = boolean
                    .enumeration
                    .iter()
                    .map(|value| serde_json::json!(value))
                    .collect();
            }
            SchemaKind::Type(Type::Object(object)) => {
                view.ty = Some("object");
                view.properties = Some(&object.properties);
                view.required = &object.required;
                view.additional = object.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(array)) => {
                view.ty = Some("array");
                view.items = array.items.as_ref();
                view.constraints.min_items = array.min_items;
                view.constraints.max_items = array.max_items;
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.has_not = true,
            SchemaKind::Any(any) => {
                view.ty = any.typ.as_deref();
                view.format = any.format.clone();
                view.enumeration = any.enumeration.clone();
                view.properties = Some(&any.properties).filter(|properties| !properties.is_empty());
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.all_of = &any.all_of;
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.has_not = any.not.is_some();
                view.constraints = Constraints {
                    min_length: any.min_length,
                    max_length: any.max_length,
                    minimum: bound(any.minimum, any.exclusive_minimum.unwrap_or(false)),
                    maximum: bound(any.maximum, any.exclusive_maximum.unwrap_or(false)),
                    min_items: any.min_items,
                    max_items: any.max_items,
                    pattern: any.pattern.clone(),
                    multiple_of: any.multiple_of,
                };
            }
        }
        view
    }

    /// Declares at least one property.
    pub fn has_properties(&self) -> bool {
        self.properties
            .is_some_and(|properties| !properties.is_empty())
    }

    /// Has object structure: declared properties, or `type: object`.
    pub fn is_object(&self) -> bool {
        self.ty == Some("object")
            || self
                .properties
                .is_some_and(|properties| !properties.is_empty())
    }

    pub fn extension_str(&self, key: &str) -> Option<&'s str> {
        self.data
            .extensions
            .get(key)
            .and_then(|value| value.as_str())
    }
}

/// A schema nested in another: written inline, or a `$ref`.
pub enum Child<'s> {
    Inline(&'s Schema),
    Reference(&'s str),
}

/// The schemas nested directly in `schema` (items, properties, `additionalProperties`, and the
/// `allOf`, `oneOf` and `anyOf` alternatives), found without building a whole [`SchemaView`],
/// whose copies of enum values cost too much in walks over the whole document.
pub fn schema_children(schema: &Schema) -> impl Iterator<Item = Child<'_>> {
    let (properties, additional, items, lists): (_, _, _, [&[ReferenceOr<Schema>]; 3]) =
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (
                Some(&object.properties),
                object.additional_properties.as_ref(),
                None,
                [NO_SCHEMAS; 3],
            ),
            SchemaKind::Type(Type::Array(array)) => {
                (None, None, array.items.as_ref(), [NO_SCHEMAS; 3])
            }
            SchemaKind::OneOf { one_of } => (None, None, None, [one_of, NO_SCHEMAS, NO_SCHEMAS]),
            SchemaKind::AllOf { all_of } => (None, None, None, [all_of, NO_SCHEMAS, NO_SCHEMAS]),
            SchemaKind::AnyOf { any_of } => (None, None, None, [any_of, NO_SCHEMAS, NO_SCHEMAS]),
            SchemaKind::Any(any) => (
                Some(&any.properties),
                any.additional_properties.as_ref(),
                any.items.as_ref(),
                [&any.all_of, &any.one_of, &any.any_of],
            ),
            SchemaKind::Type(_) | SchemaKind::Not { .. } => (None, None, None, [NO_SCHEMAS; 3]),
        };
    let additional = match additional {
        Some(AdditionalProperties::Schema(value)) => Some(value.as_ref()),
        _ => None,
    };
    let boxed = items
        .into_iter()
        .chain(properties.into_iter().flat_map(IndexMap::values))
        .map(|item| match item {
            ReferenceOr::Reference { reference } => Child::Reference(reference),
            ReferenceOr::Item(schema) => Child::Inline(schema),
        });
    let plain = lists
        .into_iter()
        .flatten()
        .chain(additional)
        .map(|item| match item {
            ReferenceOr::Reference { reference } => Child::Reference(reference),
            ReferenceOr::Item(schema) => Child::Inline(schema),
        });
    boxed.chain(plain)
}

fn bound(value: Option<f64>, exclusive: bool) -> Option<Bound> {
    value.map(|value| Bound { value, exclusive })
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary".into()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn number_format(format: &VariantOrUnknownOrEmpty<NumberFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Some("float".into()),
        VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => Some("double".into()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn integer_format(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32".into()),
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64".into()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
