//! Reads typed values out of a `serde_json::Value` exactly as serde_json's own `&Value`
//! deserializer does, but with an error that carries nothing.
//!
//! openapiv3 reads every `$ref`-or-item, and every schema kind, through untagged enums: serde
//! tries one shape, fails, and tries the next. With serde_json's error each failed try formats
//! its message and searches it for a position: GitHub's document makes 90,000 of them, 3.5 % of
//! a cold run. The typed read only needs to know whether a part reads; a part that does not is
//! read again through serde_json and `serde_path_to_error` (`load.rs`), which say what and where.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;

/// A typed read that failed somewhere; the read through serde_json says where and why.
#[derive(Debug)]
pub struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the value does not read as the type asked for")
    }
}

impl std::error::Error for Refused {}

impl serde::de::Error for Refused {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Refused
    }
}

/// An error a raw value can be read with: serde_json's, which says what went wrong and where,
/// or [`Refused`], which costs nothing to make.
pub trait ValueError: serde::de::Error {
    /// `visitor` given `value` as serde_json's `&Value` gives it.
    fn read_any<'de, V: Visitor<'de>>(value: &'de Value, visitor: V) -> Result<V::Value, Self>;
}

impl ValueError for serde_json::Error {
    fn read_any<'de, V: Visitor<'de>>(value: &'de Value, visitor: V) -> Result<V::Value, Self> {
        serde::Deserializer::deserialize_any(value, visitor)
    }
}

impl ValueError for Refused {
    fn read_any<'de, V: Visitor<'de>>(value: &'de Value, visitor: V) -> Result<V::Value, Self> {
        serde::Deserializer::deserialize_any(ValueRef(value), visitor)
    }
}

/// `T` read from `value`, or `Refused`.
pub fn from_value<'de, T: serde::Deserialize<'de>>(value: &'de Value) -> Result<T, Refused> {
    T::deserialize(ValueRef(value))
}

/// A borrowed JSON value as a deserializer, visiting what serde_json's `&Value` visits.
#[derive(Clone, Copy)]
struct ValueRef<'de>(&'de Value);

impl<'de> serde::Deserializer<'de> for ValueRef<'de> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(*value),
            Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
                (Some(value), _, _) => visitor.visit_u64(value),
                (None, Some(value), _) => visitor.visit_i64(value),
                (None, None, Some(value)) => visitor.visit_f64(value),
                (None, None, None) => Err(Refused),
            },
            Value::String(text) => visitor.visit_borrowed_str(text),
            Value::Array(items) => {
                let mut items = SeqRef(items.iter());
                let read = visitor.visit_seq(&mut items)?;
                // As serde_json: a sequence not read to its end is refused.
                match items.0.len() {
                    0 => Ok(read),
                    _ => Err(Refused),
                }
            }
            Value::Object(entries) => {
                let mut entries = MapRef {
                    entries: entries.iter(),
                    value: None,
                };
                let read = visitor.visit_map(&mut entries)?;
                match entries.entries.len() {
                    0 => Ok(read),
                    _ => Err(Refused),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(Refused),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(EnumRef {
                variant,
                value: None,
            }),
            Value::Object(entries) if entries.len() == 1 => {
                let (variant, value) = entries.iter().next().ok_or(Refused)?;
                visitor.visit_enum(EnumRef {
                    variant,
                    value: Some(value),
                })
            }
            _ => Err(Refused),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        seq tuple tuple_struct map struct identifier
    }
}

struct SeqRef<'de>(std::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for SeqRef<'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Refused> {
        self.0
            .next()
            .map(|item| seed.deserialize(ValueRef(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapRef<'de> {
    entries: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for MapRef<'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        let value = self.value.take().ok_or(Refused)?;
        seed.deserialize(ValueRef(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as its variant's name, or as an object of one entry holding its content.
struct EnumRef<'de> {
    variant: &'de str,
    value: Option<&'de Value>,
}

impl<'de> EnumAccess<'de> for EnumRef<'de> {
    type Error = Refused;
    type Variant = VariantRef<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantRef<'de>), Refused> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.variant))?;
        Ok((variant, VariantRef(self.value)))
    }
}

struct VariantRef<'de>(Option<&'de Value>);

impl<'de> VariantAccess<'de> for VariantRef<'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<(), Refused> {
        match self.0 {
            None | Some(Value::Null) => Ok(()),
            Some(_) => Err(Refused),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Refused> {
        seed.deserialize(ValueRef(self.0.ok_or(Refused)?))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Refused> {
        match self.0 {
            Some(value @ Value::Array(_)) => {
                serde::Deserializer::deserialize_any(ValueRef(value), visitor)
            }
            _ => Err(Refused),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        match self.0 {
            Some(value @ Value::Object(_)) => {
                serde::Deserializer::deserialize_any(ValueRef(value), visitor)
            }
            _ => Err(Refused),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    enum Shape {
        Dot,
        Line(u8),
        Box { side: f64 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Either {
        Reference {
            #[serde(rename = "$ref")]
            reference: String,
        },
        Item(BTreeMap<String, Value>),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Sample {
        name: String,
        count: Option<i64>,
        unsigned: u64,
        ratio: f32,
        tags: Vec<String>,
        shapes: Vec<Shape>,
        either: Vec<Either>,
        #[serde(flatten)]
        rest: BTreeMap<String, Value>,
    }

    #[test]
    fn values_read_as_serde_json_reads_them() {
        let value = json!({
            "name": "n", "count": null, "unsigned": 18446744073709551615u64, "ratio": 0.5,
            "tags": ["a", "b"], "shapes": ["Dot", {"Line": 3}, {"Box": {"side": -1.5}}],
            "either": [{"$ref": "#/x"}, {"type": "string", "nested": [1, -2, 3.5, true]}],
            "x-extra": {"deep": [null, {}]},
        });
        let ours: Sample = from_value(&value).unwrap();
        assert_eq!(ours, Sample::deserialize(&value).unwrap());
        let document: openapiv3::OpenAPI = from_value(&json!({
            "openapi": "3.0.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}, "4XX": {"$ref": "#/r"}}}}},
        }))
        .unwrap();
        assert_eq!(document.paths.paths.len(), 1);
    }

    #[test]
    fn what_serde_json_refuses_is_refused() {
        let refused = [
            json!({"name": 1}),
            json!({"name": "n", "unsigned": -1, "ratio": 0.5, "tags": [], "shapes": [], "either": []}),
            json!({"name": "n", "unsigned": 1, "ratio": 0.5, "tags": [], "shapes": [{"Dot": 1, "Line": 2}], "either": []}),
        ];
        for value in refused {
            assert!(Sample::deserialize(&value).is_err());
            assert!(from_value::<Sample>(&value).is_err(), "{value}");
        }
    }
}
