//! Schemas, read as openapiv3's `Schema` reads them: its data, and its kind chosen from which
//! keywords are present (openapiv3's `SchemaKind::deserialize`, whose match this follows).

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator, ExternalDocumentation,
    IntegerType, NumberType, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType,
    Type,
};
use serde_json::{Number, Value};

use super::{
    boolean, defaulted, extensions, json, list_of, map_of, members, optional, reference_or,
    required, size, string, strings, Object,
};

/// A schema object's schema: its data as `SchemaData` reads it, and its kind from the
/// keywords `SchemaKind` reads.
pub fn schema(object: &Object) -> Option<Schema> {
    members!(object =>
        nullable = "nullable",
        read_only = "readOnly",
        write_only = "writeOnly",
        deprecated = "deprecated",
        external = "externalDocs",
        example = "example",
        title = "title",
        description = "description",
        discriminator_member = "discriminator",
        default = "default",
        typ = "type",
        pattern = "pattern",
        multiple_of = "multipleOf",
        exclusive_minimum = "exclusiveMinimum",
        exclusive_maximum = "exclusiveMaximum",
        minimum = "minimum",
        maximum = "maximum",
        properties = "properties",
        required = "required",
        additional = "additionalProperties",
        min_properties = "minProperties",
        max_properties = "maxProperties",
        items = "items",
        min_items = "minItems",
        max_items = "maxItems",
        unique_items = "uniqueItems",
        enumeration = "enum",
        format = "format",
        min_length = "minLength",
        max_length = "maxLength",
        one_of = "oneOf",
        all_of = "allOf",
        any_of = "anyOf",
        not = "not",
    );
    let schema_data = SchemaData {
        nullable: defaulted(nullable, boolean)?,
        read_only: defaulted(read_only, boolean)?,
        write_only: defaulted(write_only, boolean)?,
        deprecated: defaulted(deprecated, boolean)?,
        external_docs: optional(external, external_docs)?,
        example: optional(example, json)?,
        title: optional(title, string)?,
        description: optional(description, string)?,
        discriminator: optional(discriminator_member, discriminator)?,
        default: optional(default, json)?,
        extensions: extensions(object),
    };
    let schemas = |value: &Value| list_of(value, schema_or_reference);
    let keywords = Keywords {
        typ: optional(typ, string)?,
        pattern: optional(pattern, string)?,
        multiple_of: optional(multiple_of, number)?,
        exclusive_minimum: optional(exclusive_minimum, boolean)?,
        exclusive_maximum: optional(exclusive_maximum, boolean)?,
        minimum: optional(minimum, number)?,
        maximum: optional(maximum, number)?,
        properties: optional(properties, |value| map_of(value, boxed_schema))?,
        required: optional(required, strings)?,
        additional_properties: optional(additional, additional_properties)?,
        min_properties: optional(min_properties, size)?,
        max_properties: optional(max_properties, size)?,
        items: optional(items, boxed_schema)?,
        min_items: optional(min_items, size)?,
        max_items: optional(max_items, size)?,
        unique_items: optional(unique_items, boolean)?,
        enumeration: optional(enumeration, |value| list_of(value, json))?,
        format: optional(format, string)?,
        min_length: optional(min_length, size)?,
        max_length: optional(max_length, size)?,
        one_of: optional(one_of, schemas)?,
        all_of: optional(all_of, schemas)?,
        any_of: optional(any_of, schemas)?,
        not: optional(not, |value| schema_or_reference(value).map(Box::new))?,
    };
    Some(Schema {
        schema_data,
        schema_kind: keywords.into_kind()?,
    })
}

fn boxed_schema(value: &Value) -> Option<ReferenceOr<Box<Schema>>> {
    reference_or(value, |object| schema(object).map(Box::new))
}

fn schema_or_reference(value: &Value) -> Option<ReferenceOr<Schema>> {
    reference_or(value, schema)
}

pub fn external_docs(value: &Value) -> Option<ExternalDocumentation> {
    let object = value.as_object()?;
    members!(object => description = "description", url = "url");
    Some(ExternalDocumentation {
        description: optional(description, string)?,
        url: required(url, string)?,
        extensions: extensions(object),
    })
}

fn discriminator(value: &Value) -> Option<Discriminator> {
    let object = value.as_object()?;
    members!(object => property_name = "propertyName", mapping = "mapping");
    Some(Discriminator {
        property_name: required(property_name, string)?,
        mapping: defaulted(mapping, |value| map_of(value, string))?,
        extensions: extensions(object),
    })
}

/// The keywords that choose a schema's kind, read as openapiv3 reads them before it chooses.
struct Keywords {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    properties: Option<indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

/// Which keywords besides `type` a kind allows, as bits of [`Keywords::present`].
mod allows {
    pub const PATTERN: u32 = 1;
    pub const MULTIPLE_OF: u32 = 1 << 1;
    pub const EXCLUSIVE_MINIMUM: u32 = 1 << 2;
    pub const EXCLUSIVE_MAXIMUM: u32 = 1 << 3;
    pub const MINIMUM: u32 = 1 << 4;
    pub const MAXIMUM: u32 = 1 << 5;
    pub const PROPERTIES: u32 = 1 << 6;
    pub const REQUIRED: u32 = 1 << 7;
    pub const ADDITIONAL_PROPERTIES: u32 = 1 << 8;
    pub const MIN_PROPERTIES: u32 = 1 << 9;
    pub const MAX_PROPERTIES: u32 = 1 << 10;
    pub const ITEMS: u32 = 1 << 11;
    pub const MIN_ITEMS: u32 = 1 << 12;
    pub const MAX_ITEMS: u32 = 1 << 13;
    pub const UNIQUE_ITEMS: u32 = 1 << 14;
    pub const ENUMERATION: u32 = 1 << 15;
    pub const FORMAT: u32 = 1 << 16;
    pub const MIN_LENGTH: u32 = 1 << 17;
    pub const MAX_LENGTH: u32 = 1 << 18;
    pub const ONE_OF: u32 = 1 << 19;
    pub const ALL_OF: u32 = 1 << 20;
    pub const ANY_OF: u32 = 1 << 21;
    pub const NOT: u32 = 1 << 22;

    pub const STRING: u32 = PATTERN | ENUMERATION | FORMAT | MIN_LENGTH | MAX_LENGTH;
    pub const NUMBER: u32 = MULTIPLE_OF
        | EXCLUSIVE_MINIMUM
        | EXCLUSIVE_MAXIMUM
        | MINIMUM
        | MAXIMUM
        | ENUMERATION
        | FORMAT;
    pub const BOOLEAN: u32 = ENUMERATION;
    pub const OBJECT: u32 =
        PROPERTIES | REQUIRED | ADDITIONAL_PROPERTIES | MIN_PROPERTIES | MAX_PROPERTIES;
    pub const ARRAY: u32 = ITEMS | MIN_ITEMS | MAX_ITEMS | UNIQUE_ITEMS;
}

impl Keywords {
    /// The keywords besides `type` that are present, as [`allows`] bits.
    fn present(&self) -> u32 {
        use allows::*;
        [
            (self.pattern.is_some(), PATTERN),
            (self.multiple_of.is_some(), MULTIPLE_OF),
            (self.exclusive_minimum.is_some(), EXCLUSIVE_MINIMUM),
            (self.exclusive_maximum.is_some(), EXCLUSIVE_MAXIMUM),
            (self.minimum.is_some(), MINIMUM),
            (self.maximum.is_some(), MAXIMUM),
            (self.properties.is_some(), PROPERTIES),
            (self.required.is_some(), REQUIRED),
            (self.additional_properties.is_some(), ADDITIONAL_PROPERTIES),
            (self.min_properties.is_some(), MIN_PROPERTIES),
            (self.max_properties.is_some(), MAX_PROPERTIES),
            (self.items.is_some(), ITEMS),
            (self.min_items.is_some(), MIN_ITEMS),
            (self.max_items.is_some(), MAX_ITEMS),
            (self.unique_items.is_some(), UNIQUE_ITEMS),
            (self.enumeration.is_some(), ENUMERATION),
            (self.format.is_some(), FORMAT),
            (self.min_length.is_some(), MIN_LENGTH),
            (self.max_length.is_some(), MAX_LENGTH),
            (self.one_of.is_some(), ONE_OF),
            (self.all_of.is_some(), ALL_OF),
            (self.any_of.is_some(), ANY_OF),
            (self.not.is_some(), NOT),
        ]
        .into_iter()
        .filter(|(present, _)| *present)
        .fold(0, |bits, (_, bit)| bits | bit)
    }

    /// The kind openapiv3 chooses: a type whose keywords are all its own, a lone
    /// `oneOf`/`allOf`/`anyOf`/`not`, and anything else as `Any`.
    fn into_kind(self) -> Option<SchemaKind> {
        let present = self.present();
        let only = |allowed: u32| present & !allowed == 0;
        let enumeration_all = |check: fn(&Value) -> bool| {
            self.enumeration
                .iter()
                .flatten()
                .all(|value| value.is_null() || check(value))
        };
        let kind = match self.typ.as_deref() {
            Some("string") if only(allows::STRING) && enumeration_all(Value::is_string) => {
                Type::String(self.into_string()?)
            }
            Some("number") if only(allows::NUMBER) && enumeration_all(Value::is_number) => {
                Type::Number(self.into_number()?)
            }
            Some("integer")
                if only(allows::NUMBER)
                    && enumeration_all(Value::is_i64)
                    && [&self.multiple_of, &self.minimum, &self.maximum]
                        .into_iter()
                        .all(|number| number.as_ref().is_none_or(Number::is_i64)) =>
            {
                Type::Integer(self.into_integer()?)
            }
            Some("boolean") if only(allows::BOOLEAN) && enumeration_all(Value::is_boolean) => {
                Type::Boolean(BooleanType {
                    enumeration: enumerated(self.enumeration, Value::as_bool)?,
                })
            }
            Some("object") if only(allows::OBJECT) => Type::Object(ObjectType {
                properties: self.properties.unwrap_or_default(),
                required: self.required.unwrap_or_default(),
                additional_properties: self.additional_properties,
                min_properties: self.min_properties,
                max_properties: self.max_properties,
            }),
            Some("array") if only(allows::ARRAY) => Type::Array(ArrayType {
                items: self.items,
                min_items: self.min_items,
                max_items: self.max_items,
                unique_items: self.unique_items.unwrap_or_default(),
            }),
            _ => return self.into_composition_or_any(present),
        };
        Some(SchemaKind::Type(kind))
    }

    fn into_string(self) -> Option<StringType> {
        Some(StringType {
            format: self.format.into(),
            pattern: self.pattern,
            enumeration: enumerated(self.enumeration, |value| value.as_str().map(String::from))?,
            min_length: self.min_length,
            max_length: self.max_length,
        })
    }

    fn into_number(self) -> Option<NumberType> {
        Some(NumberType {
            format: self.format.into(),
            multiple_of: converted(&self.multiple_of, Number::as_f64)?,
            exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
            exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
            minimum: converted(&self.minimum, Number::as_f64)?,
            maximum: converted(&self.maximum, Number::as_f64)?,
            enumeration: enumerated(self.enumeration, Value::as_f64)?,
        })
    }

    fn into_integer(self) -> Option<IntegerType> {
        Some(IntegerType {
            format: self.format.into(),
            multiple_of: converted(&self.multiple_of, Number::as_i64)?,
            exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
            exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
            minimum: converted(&self.minimum, Number::as_i64)?,
            maximum: converted(&self.maximum, Number::as_i64)?,
            enumeration: enumerated(self.enumeration, Value::as_i64)?,
        })
    }

    /// A lone composition keyword without `type`, else `Any`.
    fn into_composition_or_any(self, present: u32) -> Option<SchemaKind> {
        if self.typ.is_none() {
            match (present, self) {
                (
                    allows::ONE_OF,
                    Keywords {
                        one_of: Some(one_of),
                        ..
                    },
                ) => return Some(SchemaKind::OneOf { one_of }),
                (
                    allows::ALL_OF,
                    Keywords {
                        all_of: Some(all_of),
                        ..
                    },
                ) => return Some(SchemaKind::AllOf { all_of }),
                (
                    allows::ANY_OF,
                    Keywords {
                        any_of: Some(any_of),
                        ..
                    },
                ) => return Some(SchemaKind::AnyOf { any_of }),
                (allows::NOT, Keywords { not: Some(not), .. }) => {
                    return Some(SchemaKind::Not { not })
                }
                (_, keywords) => return keywords.into_any(),
            }
        }
        self.into_any()
    }

    fn into_any(self) -> Option<SchemaKind> {
        Some(SchemaKind::Any(AnySchema {
            typ: self.typ,
            pattern: self.pattern,
            multiple_of: converted(&self.multiple_of, Number::as_f64)?,
            exclusive_minimum: self.exclusive_minimum,
            exclusive_maximum: self.exclusive_maximum,
            minimum: converted(&self.minimum, Number::as_f64)?,
            maximum: converted(&self.maximum, Number::as_f64)?,
            properties: self.properties.unwrap_or_default(),
            required: self.required.unwrap_or_default(),
            additional_properties: self.additional_properties,
            min_properties: self.min_properties,
            max_properties: self.max_properties,
            items: self.items,
            min_items: self.min_items,
            max_items: self.max_items,
            unique_items: self.unique_items,
            enumeration: self.enumeration.unwrap_or_default(),
            format: self.format,
            min_length: self.min_length,
            max_length: self.max_length,
            one_of: self.one_of.unwrap_or_default(),
            all_of: self.all_of.unwrap_or_default(),
            any_of: self.any_of.unwrap_or_default(),
            not: self.not,
        }))
    }
}

/// A number as the kind keeps it; serde's read converts every number it reads.
fn converted<T>(number: &Option<Number>, convert: fn(&Number) -> Option<T>) -> Option<Option<T>> {
    match number {
        None => Some(None),
        Some(number) => convert(number).map(Some),
    }
}

fn number(value: &Value) -> Option<Number> {
    match value {
        Value::Number(number) => Some(number.clone()),
        _ => None,
    }
}

/// `additionalProperties`: a boolean, else a schema.
fn additional_properties(value: &Value) -> Option<AdditionalProperties> {
    match value {
        Value::Bool(allowed) => Some(AdditionalProperties::Any(*allowed)),
        _ => {
            schema_or_reference(value).map(|schema| AdditionalProperties::Schema(Box::new(schema)))
        }
    }
}

/// An `enum`'s values as a typed kind keeps them: `null` as `None`, each other value
/// converted (the kind was chosen because every value converts).
fn enumerated<T>(
    values: Option<Vec<Value>>,
    convert: fn(&Value) -> Option<T>,
) -> Option<Vec<Option<T>>> {
    values
        .unwrap_or_default()
        .iter()
        .map(|value| match value {
            Value::Null => Some(None),
            value => convert(value).map(Some),
        })
        .collect()
}
