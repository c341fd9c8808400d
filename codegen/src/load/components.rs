//! `components`, each member read into openapiv3's type on first use, or every one at load.
//!
//! A cold run reads every member at load, on both cores (`typed::ComponentPart`), which also
//! checks that each reads. After a spec update that left `components`' text as the last run
//! read it, lowering replays most path items and reads only the few schemas the changed ones
//! reach: reading them all was most of GitHub's load (44 of 72 ms; two thirds of its text is
//! `components`). The index beside the item cache (`load/unparsed.rs`) holds the hash of the
//! text outside `paths` (`components` included) a run of this build read; when it matches, a
//! member is read where it is first asked for, from the raw tree. That text read in the run
//! that indexed it, so it reads the same now. Any other change outside `paths` reads every
//! member at load, on both cores: lowering will replay nothing then, and reads most of them.
//!
//! Left so, the members the changed path items reach through `$ref`s are read at load, on
//! both cores ([`Components::read_ahead`]): lowering a changed item reads them next, and on
//! one core, one at a time (stripe's first item reaches most of its schemas: lowering it took
//! 17 ms so, against 7 ms with them read).
//!
//! The sections lowering reads typed (schemas, responses, parameters, request bodies) are
//! read so; security schemes are few and read at load. Examples and headers are read at load
//! only when every member is, as a check: lowering reads neither through openapiv3's types.
//!
//! **Invariant:** after loading, `Document::openapi.components` is `None`; every reader of a
//! component goes through [`Components`].

use std::borrow::Cow;
use std::sync::OnceLock;

use indexmap::IndexMap;
use openapiv3::{Parameter, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
use rustc_hash::FxHashSet;
use serde_json::Value;

use super::typed::{self, Section};

/// One section's members by name, in document order, each read on first use.
///
/// A member is boxed: unread, a slot is then 16 bytes where a schema's was 1,032, and making
/// stripe's 775 slots at load took a millisecond, most of it the map growing and copying them.
pub struct Members<T> {
    members: IndexMap<String, OnceLock<Option<Box<ReferenceOr<T>>>>>,
}

impl<T> Default for Members<T> {
    fn default() -> Self {
        Members {
            members: IndexMap::new(),
        }
    }
}

impl<T> Members<T> {
    /// Every member, read already.
    fn read(members: IndexMap<String, ReferenceOr<T>>) -> Members<T> {
        let members = members
            .into_iter()
            .map(|(name, member)| (name, OnceLock::from(Some(Box::new(member)))))
            .collect();
        Members { members }
    }

    /// The members of `section` (a section of the raw `components`), none read yet.
    fn unread(section: Option<&Value>) -> Members<T> {
        let Some(section) = section.and_then(Value::as_object) else {
            return Members::default();
        };
        let mut members = IndexMap::with_capacity(section.len());
        members.extend(section.keys().map(|name| (name.clone(), OnceLock::new())));
        Members { members }
    }
}

/// A section of `components` lowering reads through openapiv3's types.
pub trait Component: Sized {
    /// The section's key in `components`.
    const SECTION: &'static str;

    fn members(components: &Components) -> &Members<Self>;

    /// One member of the section, as openapiv3 reads it; `None` when it does not read.
    fn read(member: &Value) -> Option<ReferenceOr<Self>>;
}

/// Implements [`Component`] for `$type`, the members of `$section` (a [`typed::Section`], which
/// spells its key), kept in the field `$field` of [`Components`] and read by hand by `$hand`.
macro_rules! component {
    ($type:ty, $section:expr, $field:ident, $hand:path) => {
        impl Component for $type {
            const SECTION: &'static str = $section.key();

            fn members(components: &Components) -> &Members<Self> {
                &components.$field
            }

            fn read(member: &Value) -> Option<ReferenceOr<Self>> {
                typed::read(member, $hand)
            }
        }
    };
}

component!(Schema, Section::Schemas, schemas, typed::schema_member);
component!(
    Response,
    Section::Responses,
    responses,
    typed::response_member
);
component!(
    Parameter,
    Section::Parameters,
    parameters,
    typed::parameter_member
);
component!(
    RequestBody,
    Section::RequestBodies,
    request_bodies,
    typed::request_body_member
);

/// The document's `components`, as lowering reads them.
#[derive(Default)]
pub struct Components {
    schemas: Members<Schema>,
    responses: Members<Response>,
    parameters: Members<Parameter>,
    request_bodies: Members<RequestBody>,
    security_schemes: IndexMap<String, ReferenceOr<SecurityScheme>>,
    /// Whether the members were left to be read on first use.
    unread: bool,
}

impl std::fmt::Debug for Components {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter
            .debug_struct("Components")
            .field("schemas", &self.schemas.members.len())
            .field("read", &self.read_count())
            .finish()
    }
}

impl Components {
    /// `components` read whole already (`None`: the document has none).
    pub fn read(components: Option<openapiv3::Components>) -> Components {
        let Some(components) = components else {
            return Components::default();
        };
        Components {
            schemas: Members::read(components.schemas),
            responses: Members::read(components.responses),
            parameters: Members::read(components.parameters),
            request_bodies: Members::read(components.request_bodies),
            security_schemes: components.security_schemes,
            unread: false,
        }
    }

    /// The raw `components`' members, each to be read on first use, and `rest`: the
    /// sections read at load (security schemes).
    pub fn unread(raw: &Value, rest: openapiv3::Components) -> Components {
        let section = |key: &str| raw.get(key);
        Components {
            schemas: Members::unread(section(Schema::SECTION)),
            responses: Members::unread(section(Response::SECTION)),
            parameters: Members::unread(section(Parameter::SECTION)),
            request_bodies: Members::unread(section(RequestBody::SECTION)),
            security_schemes: rest.security_schemes,
            unread: true,
        }
    }

    /// The member `name` of `T`'s section, read from `raw` (the raw tree's `components`) if
    /// no one read it before; `None` when there is no such member, or it does not read.
    pub fn get<'c, T: Component>(
        &'c self,
        raw: Option<&Value>,
        name: &str,
    ) -> Option<&'c ReferenceOr<T>> {
        let slot = T::members(self).members.get(name)?;
        if let Some(read) = slot.get() {
            return read.as_deref();
        }
        let member = raw?.get(T::SECTION)?.get(name)?;
        slot.get_or_init(|| T::read(member).map(Box::new))
            .as_deref()
    }

    /// [`Components::get`] of the member `name`, whose raw tree is `member`.
    fn read_member<'c, T: Component>(
        &'c self,
        name: &str,
        member: &Value,
    ) -> Option<&'c ReferenceOr<T>> {
        let slot = T::members(self).members.get(name)?;
        slot.get_or_init(|| T::read(member).map(Box::new))
            .as_deref()
    }

    /// Reads, on both cores, every member of the four sections that the `$ref`s in `roots`
    /// reach, directly or through the `$ref`s of the members they reach (in any section);
    /// `raw` is the raw tree's `components`.
    pub fn read_ahead<'r>(&self, raw: &'r Value, roots: Vec<&'r str>) {
        if !self.unread {
            return;
        }
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut pending = roots;
        let mut reached = Vec::new();
        while let Some(reference) = pending.pop() {
            if !seen.insert(reference) {
                continue;
            }
            let Some((section, name)) = section_and_name(reference) else {
                continue;
            };
            let Some(member) = raw.get(section).and_then(|members| members.get(&*name)) else {
                continue;
            };
            super::for_each_reference(member, |reference| pending.push(reference));
            reached.push((section, name, member));
        }
        let runs: Vec<_> = reached.chunks(16).collect();
        crate::worker::map_all(runs, |run| {
            for (section, name, member) in run {
                match *section {
                    Schema::SECTION => drop(self.read_member::<Schema>(name, member)),
                    Response::SECTION => drop(self.read_member::<Response>(name, member)),
                    Parameter::SECTION => drop(self.read_member::<Parameter>(name, member)),
                    RequestBody::SECTION => drop(self.read_member::<RequestBody>(name, member)),
                    _ => {}
                }
            }
        });
    }

    /// Whether the members were left to be read on first use.
    pub fn left_unread(&self) -> bool {
        self.unread
    }

    /// The schemas' names, in document order.
    pub fn schema_names(&self) -> impl Iterator<Item = &String> {
        self.schemas.members.keys()
    }

    pub fn security_schemes(&self) -> &IndexMap<String, ReferenceOr<SecurityScheme>> {
        &self.security_schemes
    }

    /// How many members of the four sections have been read, for the tests and `Debug`.
    pub fn read_count(&self) -> usize {
        fn count<T>(section: &Members<T>) -> usize {
            let members = section.members.values();
            members.filter(|slot| slot.get().is_some()).count()
        }
        count(&self.schemas)
            + count(&self.responses)
            + count(&self.parameters)
            + count(&self.request_bodies)
    }
}

/// The name of the member of `T`'s section that `reference` names, unescaped
/// (`#/components/schemas/a~1b` names `a/b`); `None` when it names none of that section.
pub fn named<T: Component>(reference: &str) -> Option<Cow<'_, str>> {
    match section_and_name(reference)? {
        (section, name) if section == T::SECTION => Some(name),
        _ => None,
    }
}

/// The section and the unescaped member name a `$ref` into `components` names.
fn section_and_name(reference: &str) -> Option<(&str, Cow<'_, str>)> {
    let (section, name) = reference.strip_prefix("#/components/")?.split_once('/')?;
    Some((section, crate::source_map::unescaped(name)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_member_is_read_once_on_first_use_and_one_that_does_not_read_is_none() {
        let raw = json!({
            "schemas": {"A": {"type": "string"}, "B": {"type": 5}, "C": {"$ref": "#/x"}},
            "parameters": {"p": {"name": "p", "in": "query", "schema": {"type": "string"}}},
        });
        let components = Components::unread(&raw, openapiv3::Components::default());
        assert_eq!(components.read_count(), 0);
        let names: Vec<&String> = components.schema_names().collect();
        assert_eq!(names, ["A", "B", "C"]);
        let a = components.get::<Schema>(Some(&raw), "A");
        assert!(matches!(a, Some(ReferenceOr::Item(_))));
        assert_eq!(components.read_count(), 1);
        assert!(components.get::<Schema>(Some(&raw), "B").is_none());
        assert!(components.get::<Schema>(Some(&raw), "Z").is_none());
        let c = components.get::<Schema>(Some(&raw), "C");
        assert!(matches!(c, Some(ReferenceOr::Reference { .. })));
        assert!(components.get::<Parameter>(Some(&raw), "p").is_some());
        assert!(components.get::<Response>(Some(&raw), "p").is_none());
        assert_eq!(components.read_count(), 4);
    }

    #[test]
    fn reading_ahead_reads_what_the_roots_reach_through_every_section() {
        let raw = json!({
            "responses": {"R": {"description": "r", "headers": {"h": {"$ref": "#/components/headers/H"}}}},
            "headers": {"H": {"schema": {"$ref": "#/components/schemas/A~1B"}}},
            "schemas": {
                "A/B": {"type": "array", "items": {"$ref": "#/components/schemas/C"}},
                "C": {"$ref": "#/components/schemas/A~1B"},
                "Unreached": {"type": "string"},
            },
        });
        let components = Components::unread(&raw, openapiv3::Components::default());
        components.read_ahead(&raw, vec!["#/components/responses/R", "#/elsewhere"]);
        assert_eq!(components.read_count(), 3);
        let slot = components.schemas.members.get("Unreached").unwrap();
        assert!(slot.get().is_none());
        assert!(named::<Schema>("#/components/schemas/A~1B").is_some_and(|name| name == "A/B"));
        assert!(named::<Response>("#/components/schemas/A~1B").is_none());
    }
}
