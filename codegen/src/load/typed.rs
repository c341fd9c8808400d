//! Reads openapiv3's types straight out of a `serde_json::Value`, as their `Deserialize` would.
//!
//! openapiv3 reads every `$ref`-or-item, every schema, every schema kind and every parameter
//! through untagged, internally tagged or flattened enums and structs. serde buffers each such
//! value into a private tree first and copies that tree again at every level below it, so a
//! schema nested `d` deep is copied about `2d` times: reading stripe's `paths` took about three
//! times as long as cloning them. These readers walk the value once.
//!
//! A reader answers `None` for anything it does not read here: the caller then reads the whole
//! value through serde ([`value_de`]), which decides, and reports an error if there is one. So a
//! reader has to agree with serde only where it answers `Some`, and it declines whatever is rare
//! or subtle: links, callbacks and servers, a `$ref` that is not a string, a value of the wrong
//! type anywhere. Debug builds, `cargo xtask fuzz` and `CODEGEN_VERIFY_STAND_INS` read every
//! value both ways and fail if the two differ ([`read`]).

/// Binds each `name` to the member `key` of `object`, or `None`, found in one pass
/// ([`members`]): each name beside its key, in one list.
macro_rules! members {
    ($object:expr => $($name:ident = $key:literal),+ $(,)?) => {
        let [$($name),+] = members($object, &[$($key),+]);
    };
}

mod operation;
mod schema;

use std::fmt::Debug;

use indexmap::IndexMap;
use openapiv3::{Components, PathItem, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::value_de;

use operation::path_item;

/// A JSON object, as the readers take one.
type Object = Map<String, Value>;

/// `value` read as `T`: by `hand` where it reads it, else through serde; `None` when serde
/// refuses it too. Where [`crate::verify::verifying`], both reads are made and must agree.
pub fn read<T>(value: &Value, hand: impl FnOnce(&Value) -> Option<T>) -> Option<T>
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let Some(read) = hand(value) else {
        return value_de::from_value(value).ok();
    };
    if crate::verify::verifying() {
        let serde: Option<T> = value_de::from_value(value).ok();
        assert_eq!(
            serde.as_ref(),
            Some(&read),
            "the hand-written read of {} differs from serde's for {value}",
            std::any::type_name::<T>()
        );
    }
    Some(read)
}

/// A member of `paths` read as a path item.
pub fn read_path_item(value: &Value) -> Option<ReferenceOr<PathItem>> {
    read(value, path_item)
}

/// A member of `components/schemas`, read by hand (to [`read`] it).
pub fn schema_member(value: &Value) -> Option<ReferenceOr<openapiv3::Schema>> {
    reference_or(value, schema::schema)
}

pub use operation::{
    parameter as parameter_member, request_body as request_body_member, response as response_member,
};

/// A part of `components` that reads on its own, so that a large `components` (GitHub's: 74
/// ms on one thread) is read on both cores.
pub enum ComponentPart<'a> {
    /// Every section serde reads (security schemes, links, callbacks, extensions), from the
    /// whole `components`.
    Rest(&'a Value),
    /// A run of one hand-read section's members.
    Run {
        section: Section,
        members: &'a [(&'a String, &'a Value)],
    },
}

/// A section of `components` read by hand, member by member.
#[derive(Clone, Copy)]
pub enum Section {
    Schemas,
    Responses,
    Parameters,
    Examples,
    RequestBodies,
    Headers,
}

impl Section {
    const ALL: [Section; 6] = [
        Section::Schemas,
        Section::Responses,
        Section::Parameters,
        Section::Examples,
        Section::RequestBodies,
        Section::Headers,
    ];

    /// The section's key in `components`.
    pub const fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Responses => "responses",
            Section::Parameters => "parameters",
            Section::Examples => "examples",
            Section::RequestBodies => "requestBodies",
            Section::Headers => "headers",
        }
    }
}

/// The members of each hand-read section of `components` ([`Section::ALL`]'s order), or
/// `None` when one of them is no object (serde then reads the whole value, and refuses it).
pub fn component_sections(components: &Value) -> Option<Vec<Vec<(&String, &Value)>>> {
    let object = components.as_object()?;
    members(object, &Section::ALL.map(Section::key))
        .into_iter()
        .map(|section| match section {
            None => Some(Vec::new()),
            Some(section) => Some(section.as_object()?.iter().collect()),
        })
        .collect()
}

impl ComponentPart<'_> {
    /// This part alone, as a `Components` that holds nothing else; [`merge_components`] puts
    /// the parts back together.
    pub fn read(&self) -> Option<Components> {
        let (section, members) = match *self {
            ComponentPart::Rest(components) => return components_rest(components),
            ComponentPart::Run { section, members } => (section, members),
        };
        let mut components = Components::default();
        match section {
            Section::Schemas => components.schemas = read_members(members, schema_member)?,
            Section::Responses => {
                components.responses = read_members(members, operation::response)?
            }
            Section::Parameters => {
                components.parameters = read_members(members, operation::parameter)?
            }
            Section::Examples => components.examples = read_members(members, operation::example)?,
            Section::RequestBodies => {
                components.request_bodies = read_members(members, operation::request_body)?
            }
            Section::Headers => components.headers = read_members(members, operation::header)?,
        }
        Some(components)
    }
}

/// `components` cut into parts of at most `per_run` members each: the rest, then each
/// section's runs in order.
pub fn component_parts<'a>(
    components: &'a Value,
    sections: &'a [Vec<(&'a String, &'a Value)>],
    per_run: usize,
) -> Vec<ComponentPart<'a>> {
    let mut parts = vec![ComponentPart::Rest(components)];
    for (&section, members) in Section::ALL.iter().zip(sections) {
        parts.extend(
            members
                .chunks(per_run)
                .map(|members| ComponentPart::Run { section, members }),
        );
    }
    parts
}

/// The sections serde reads, from `components` without the hand-read ones.
fn components_rest(components: &Value) -> Option<Components> {
    let rest: Object = components
        .as_object()?
        .iter()
        .filter(|(key, _)| !Section::ALL.iter().any(|section| section.key() == *key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    value_de::from_value(&Value::Object(rest)).ok()
}

/// Members read one by one, each by hand where it can be ([`read`]).
fn read_members<T>(
    members: &[(&String, &Value)],
    hand: impl Fn(&Value) -> Option<T>,
) -> Option<IndexMap<String, T>>
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let mut map = IndexMap::with_capacity(members.len());
    for (key, value) in members {
        map.insert((*key).clone(), read(value, &hand)?);
    }
    Some(map)
}

/// The parts' `Components`, in the order they were cut, put back together.
pub fn merge_components(parts: impl IntoIterator<Item = Components>) -> Components {
    let mut merged = Components::default();
    for part in parts {
        merged.schemas.extend(part.schemas);
        merged.responses.extend(part.responses);
        merged.parameters.extend(part.parameters);
        merged.examples.extend(part.examples);
        merged.request_bodies.extend(part.request_bodies);
        merged.headers.extend(part.headers);
        merged.security_schemes.extend(part.security_schemes);
        merged.links.extend(part.links);
        merged.callbacks.extend(part.callbacks);
        merged.extensions.extend(part.extensions);
    }
    merged
}

/// The values of `names` in `object`, found in one pass over its members, as serde's derived
/// reads find them. Asking the map for each name instead would hash every name (serde_json's
/// map hashes with SipHash), most of them absent: that made the hand read slower than serde's.
fn members<'a, const N: usize>(object: &'a Object, names: &[&str; N]) -> [Option<&'a Value>; N] {
    let mut found = [None; N];
    for (key, value) in object {
        if let Some(at) = names.iter().position(|name| name == key) {
            found[at] = Some(value);
        }
    }
    found
}

/// A member serde reads as an `Option`: `Some(None)` when absent or `null`, `None` when
/// present but not read here.
fn optional<T>(
    member: Option<&Value>,
    read: impl FnOnce(&Value) -> Option<T>,
) -> Option<Option<T>> {
    match member {
        None | Some(Value::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

/// A member with `#[serde(default)]` that is no `Option`: the default when absent; `null` is
/// an error to serde, so `read` declines it.
fn defaulted<T: Default>(
    member: Option<&Value>,
    read: impl FnOnce(&Value) -> Option<T>,
) -> Option<T> {
    match member {
        None => Some(T::default()),
        Some(value) => read(value),
    }
}

/// A member serde requires.
fn required<T>(member: Option<&Value>, read: impl FnOnce(&Value) -> Option<T>) -> Option<T> {
    member.and_then(read)
}

/// `None` when a member these readers leave to serde is present.
fn absent(member: Option<&Value>) -> Option<()> {
    member.is_none().then_some(())
}

/// `$ref` as a reference, or the item `read` reads from the object. serde tries the
/// reference first, so a string `$ref` wins whatever else the object holds.
fn reference_or<T>(
    value: &Value,
    read: impl FnOnce(&Object) -> Option<T>,
) -> Option<ReferenceOr<T>> {
    let object = value.as_object()?;
    match object
        .iter()
        .find(|(key, _)| *key == "$ref")
        .map(|(_, value)| value)
    {
        Some(Value::String(reference)) => Some(ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        Some(_) => None,
        None => read(object).map(ReferenceOr::Item),
    }
}

/// Every member of an object, read by `read`, in order. Sized up front, as serde sizes it:
/// collecting into an `Option` cannot know the length, and growing by doubling left Graph's
/// run 40 MB larger.
fn map_of<T>(value: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<IndexMap<String, T>> {
    let object = value.as_object()?;
    let mut map = IndexMap::with_capacity(object.len());
    for (key, value) in object {
        map.insert(key.clone(), read(value)?);
    }
    Some(map)
}

/// Every element of an array, read by `read`, in order, sized up front as [`map_of`] is.
fn list_of<T>(value: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    let array = value.as_array()?;
    let mut list = Vec::with_capacity(array.len());
    for element in array {
        list.push(read(element)?);
    }
    Some(list)
}

fn string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

fn strings(value: &Value) -> Option<Vec<String>> {
    list_of(value, string)
}

fn boolean(value: &Value) -> Option<bool> {
    value.as_bool()
}

/// A `usize` as serde reads one from JSON: a non-negative integer.
fn size(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|size| usize::try_from(size).ok())
}

fn json(value: &Value) -> Option<Value> {
    Some(value.clone())
}

/// The `x-` members, which openapiv3 keeps as extensions, in order.
fn extensions(object: &Object) -> IndexMap<String, Value> {
    object
        .iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

#[cfg(test)]
mod tests;
