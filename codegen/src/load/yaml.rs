//! Reads YAML text into the JSON tree that `load` types, normalising what JSON cannot hold.
//!
//! A mapping key that YAML reads as an integer, boolean or null (`200:`, `true:`, `~:`) becomes
//! a string key with its source text, so `200:` and `'200':` are the same key and `1.50:` keeps
//! its digits. Aliases are expanded by `serde_yaml`; `<<` merge keys are applied here, while
//! reading, so that every error can name the JSON pointer it happened at.
//! Turning the tree into `openapiv3` types, and mapping pointers to lines, is left to `load`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use crate::source_map::escape_segment;

/// Why text could not become a JSON tree; `load` also builds one for JSON syntax errors.
#[derive(Debug)]
pub(super) struct TreeError {
    pub message: String,
    /// Known when the text parsed but a key or value is unusable; `None` for syntax errors.
    pub pointer: Option<String>,
    /// 1-based line and column reported by the YAML parser; `None` when only the pointer can
    /// place the error.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Parses one YAML document into a JSON tree.
pub(super) fn parse_yaml(text: &str) -> Result<serde_json::Value, TreeError> {
    let context = Context::default();
    let deserializer = serde_yaml::Deserializer::from_str(text);
    NodeSeed { context: &context }
        .deserialize(deserializer)
        .map_err(|error| {
            let location = error.location();
            let (line, column) = (
                location.as_ref().map(|location| location.line()),
                location.as_ref().map(|location| location.column()),
            );
            match context.failure.into_inner() {
                Some(failure) if failure.place_by_pointer => TreeError {
                    message: failure.message,
                    pointer: Some(failure.pointer),
                    line: None,
                    column: None,
                },
                Some(failure) => TreeError {
                    message: failure.message,
                    pointer: Some(failure.pointer),
                    line,
                    column,
                },
                None => TreeError {
                    message: format!("not valid YAML or JSON: {error}"),
                    pointer: None,
                    line,
                    column,
                },
            }
        })
}

/// What a failed read knows while the path to the failing node is still on the stack.
#[derive(Default)]
struct Context {
    /// Escaped pointer segments from the root to the node being read.
    path: RefCell<Vec<String>>,
    /// The first (innermost) failure; later, outer reports of the same error keep it.
    failure: RefCell<Option<Failure>>,
}

struct Failure {
    pointer: String,
    message: String,
    /// The parser's position is that of an enclosing node, so the pointer places it better.
    place_by_pointer: bool,
}

/// Reads any node as a JSON value.
#[derive(Clone, Copy)]
struct NodeSeed<'c> {
    context: &'c Context,
}

/// Reads a mapping key as its source text, refusing keys that are sequences or mappings.
struct KeySeed<'c, 'k> {
    context: &'c Context,
    /// Keys already written in this mapping: YAML requires them to be unique.
    written: &'k HashSet<String>,
}

/// Reads the value of a `<<` merge key: a mapping, or a sequence of mappings.
struct MergeSeed<'c> {
    context: &'c Context,
}

/// The merge sources of one `<<` key, in priority order (earlier wins).
struct MergeSources(Vec<serde_json::Map<String, serde_json::Value>>);

const MERGE_KEY: &str = "<<";

impl Context {
    /// The pointer of the node being read.
    fn pointer(&self) -> String {
        let path = self.path.borrow();
        let mut pointer = String::from("#");
        for segment in path.iter() {
            pointer.push('/');
            pointer.push_str(segment);
        }
        pointer
    }

    /// Fails at the node being read, which the parser's position places.
    fn fail<E: de::Error>(&self, message: String) -> E {
        let error = E::custom(&message);
        self.record(Failure {
            pointer: self.pointer(),
            message,
            place_by_pointer: false,
        });
        error
    }

    /// Fails at `key` (unescaped) of the mapping being read, which the parser's position places.
    fn fail_at_key<E: de::Error>(&self, key: &str, message: String) -> E {
        let error = E::custom(&message);
        self.record(Failure {
            pointer: format!("{}/{}", self.pointer(), escape_segment(key)),
            message,
            place_by_pointer: false,
        });
        error
    }

    /// Fails at the node being read when the parser's position is an enclosing node's.
    fn fail_placed_by_pointer<E: de::Error>(&self, message: String) -> E {
        let error = E::custom(&message);
        self.record(Failure {
            pointer: self.pointer(),
            message,
            place_by_pointer: true,
        });
        error
    }

    /// Keeps the first failure: the innermost node records it, outer nodes only pass it on.
    fn record(&self, failure: Failure) {
        let mut recorded = self.failure.borrow_mut();
        if recorded.is_none() {
            *recorded = Some(failure);
        }
    }

    /// Reads the child at `segment` (unescaped); on failure the path stays, but only the
    /// failure already recorded uses it.
    fn read_child<T, E>(&self, segment: &str, read: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        self.path.borrow_mut().push(escape_segment(segment));
        let value = read()?;
        self.path.borrow_mut().pop();
        Ok(value)
    }
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = serde_json::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = serde_json::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::from(value))
    }

    /// Beyond 64 bits an integer becomes a float, as it does when serde_json reads JSON.
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Self::Value, E> {
        match i64::try_from(value) {
            Ok(value) => self.visit_i64(value),
            Err(_) => self.visit_f64(value as f64),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Self::Value, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => self.visit_f64(value as f64),
        }
    }

    /// `.nan` and `.inf` have no JSON form and read as null, as serde_json does.
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, Into::into))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let segment = items.len().to_string();
            let item = self
                .context
                .read_child(&segment, || seq.next_element_seed(self))?;
            match item {
                Some(item) => items.push(item),
                None => return Ok(serde_json::Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        let mut written = HashSet::new();
        loop {
            let key_seed = KeySeed {
                context: self.context,
                written: &written,
            };
            let Some(key) = map.next_key_seed(key_seed)? else {
                return Ok(serde_json::Value::Object(object));
            };
            if key == MERGE_KEY {
                let seed = MergeSeed {
                    context: self.context,
                };
                let sources = self
                    .context
                    .read_child(&key, || map.next_value_seed(seed))?;
                merge_into(&mut object, sources);
            } else {
                let value = self
                    .context
                    .read_child(&key, || map.next_value_seed(self))?;
                // An explicit key overrides a merged one in place, as JavaScript YAML readers do.
                object.insert(key.clone(), value);
            }
            written.insert(key);
        }
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (tag, _) = data.variant::<String>()?;
        let message = format!("the YAML tag `!{tag}` is not supported; remove it");
        Err(self.context.fail(message))
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let context = self.context;
        // `deserialize_str` hands over a scalar's source text, before YAML decides its type.
        deserializer.deserialize_str(self).inspect_err(|_| {
            // Only the key's own checks and a non-scalar key can fail here: the text was
            // parsed before any key is read, and a recorded duplicate key keeps its message.
            context.record(Failure {
                pointer: context.pointer(),
                message: String::from(
                    "a mapping key must be a string, number, boolean or null, not a sequence or mapping",
                ),
                place_by_pointer: false,
            });
        })
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a scalar mapping key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        if !self.written.contains(key) {
            return Ok(key.to_owned());
        }
        let message = format!("duplicate mapping key `{key}`");
        Err(self.context.fail_at_key(key, message))
    }
}

impl<'de> DeserializeSeed<'de> for MergeSeed<'_> {
    type Value = MergeSources;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let context = self.context;
        let value = NodeSeed { context }.deserialize(deserializer)?;
        let sources = match value {
            serde_json::Value::Object(source) => Some(vec![source]),
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(|item| match item {
                    serde_json::Value::Object(source) => Some(source),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match sources {
            Some(sources) => Ok(MergeSources(sources)),
            None => {
                let message =
                    "the value of a `<<` merge key must be a mapping or a sequence of mappings";
                Err(context.fail_placed_by_pointer(message.to_owned()))
            }
        }
    }
}

/// Adds the merged keys that `object` does not have yet; earlier sources win over later ones.
fn merge_into(
    object: &mut serde_json::Map<String, serde_json::Value>,
    MergeSources(sources): MergeSources,
) {
    for source in sources {
        for (key, value) in source {
            object.entry(key).or_insert(value);
        }
    }
}
