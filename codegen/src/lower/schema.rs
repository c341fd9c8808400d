//! Lowers schemas to [`TypeRef`]s, declaring named types for objects, enums and unions.
//!
//! Components are lowered lazily, when an operation reaches them, so the client declares only
//! what it uses. Named components keep their names; inline schemas are named after their owner.

use std::borrow::Cow;
use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Serialize};

use super::overlap;
use super::view::SchemaView;
use super::Lowerer;
use crate::emit::members::{alias_wire_type, EnumMember, ModelMember, SETTER_TRAIT_METHODS};
use crate::ir::{
    Const, Constraints, Deprecation, Docs, Enum, EnumVariant, Field, FieldAlias, IntegerKind,
    Presence, RequiredAlternatives, Struct, TypeDef, TypeId, TypeKind, TypeRef, Types, Union,
    UnionTag, UnionVariant,
};
use crate::naming::{pascal_ident, shortest_unique_tails, snake_ident, NameScope};
use crate::source_map::{escape_segment, indexed_pointer};

/// Names for a schema that has none of its own: a short one used when free, else a qualified one.
#[derive(Clone, Debug)]
pub struct NameHint {
    pub short: String,
    pub qualified: String,
}

/// How the schema being lowered is named and registered.
#[derive(Clone, Debug)]
pub enum Naming {
    /// A `$ref` target: named after its component (or `hint` when it is no component), and
    /// registered under `target` once declared, so references back to it find it.
    Referenced { target: String, hint: NameHint },
    /// An inline schema, named after its owner.
    Inline(NameHint),
}

/// What a property says about itself, with fallbacks to the schema it wraps or references.
#[derive(Debug, Default)]
pub struct Facts {
    pub docs: Docs,
    pub constraints: Constraints,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub alias_of: Option<String>,
}

/// Properties gathered from an object schema and all its `allOf` parts, most specific last.
///
/// The property schemas are borrowed from the document where they live in it: every object
/// lowered is merged, and copying its properties' schemas was a tenth of Stripe's lowering.
#[derive(Default)]
struct MergedObject<'s> {
    /// Hashed by Fx, as lowering's other maps are: SipHash here was 0.8 % of stripe's lowering.
    properties: IndexMap<String, (Property<'s>, String), FxBuildHasher>,
    required: BTreeSet<String>,
    additional: Option<Cow<'s, AdditionalProperties>>,
    any_object_part: bool,
    required_alternatives: Vec<RequiredAlternatives>,
}

/// A property's schema, borrowed from the document where it lives there.
type Property<'s> = Cow<'s, ReferenceOr<Box<Schema>>>;

impl MergedObject<'_> {
    /// The same object, owning what it borrowed.
    fn into_owned(self) -> MergedObject<'static> {
        MergedObject {
            properties: self
                .properties
                .into_iter()
                .map(|(name, (schema, pointer))| (name, (Cow::Owned(schema.into_owned()), pointer)))
                .collect(),
            required: self.required,
            additional: self
                .additional
                .map(|additional| Cow::Owned(additional.into_owned())),
            any_object_part: self.any_object_part,
            required_alternatives: self.required_alternatives,
        }
    }
}

impl<'s> MergedObject<'s> {
    /// Merges `later` in as if its parts had been merged here in turn.
    fn absorb(&mut self, later: MergedObject<'s>) {
        self.properties.extend(later.properties);
        self.required.extend(later.required);
        if later.additional.is_some() {
            self.additional = later.additional;
        }
        self.any_object_part |= later.any_object_part;
        self.required_alternatives
            .extend(later.required_alternatives);
    }
}

/// The parts of a `{ success, errors, result }` response envelope.
#[derive(Clone)]
pub struct EnvelopeParts {
    pub result: ReferenceOr<Box<Schema>>,
    pub result_pointer: String,
    /// The properties `result_info` declares, e.g. `page` or `cursor`.
    pub result_info_properties: Vec<String>,
}

/// The schemas a walk is inside right now, by pointer: entering one again is a cycle.
///
/// The one guard every recursive walk over schemas uses (lowering, `allOf` merging, facts), so
/// no document can make the generator recurse without end.
#[derive(Debug, Default)]
pub struct CycleGuard {
    stack: Vec<(String, Option<TypeId>)>,
}

/// A type declared while its body is lowered: its kind is known only when the body is done.
#[derive(Serialize, Deserialize)]
pub(super) struct Declared {
    name: String,
    pointer: String,
    docs: Docs,
    kind: Option<TypeKind>,
}

/// State of schema lowering kept on the [`Lowerer`].
///
/// **Invariant:** between path items the table only grows: `declared`, the names, `by_pointer`
/// and `enums_by_values` are appended to and never changed in place (a kind is filled in by the
/// path item that declared the type), so what one path item did is the tail it appended, which
/// `lower/replay.rs` records, compares and replays.
#[derive(Default)]
pub struct TypeTable {
    pub(super) declared: Vec<Declared>,
    pub names: NameScope,
    /// Names decided up front for every component schema, so inline names never steal them.
    component_names: FxHashMap<String, String>,
    /// `$ref` targets already lowered, in the order they were.
    pub(super) by_pointer: IndexMap<String, TypeRef, FxBuildHasher>,
    /// The schemas being lowered right now.
    lowering: CycleGuard,
    /// Inline enums by their values, so identical enums share one type; in the order declared.
    pub(super) enums_by_values: IndexMap<Vec<String>, TypeId, FxBuildHasher>,
}

impl CycleGuard {
    /// Enters `pointer`, or says what was declared for it when it is being walked already.
    pub fn enter(&mut self, pointer: &str) -> Result<(), Option<TypeId>> {
        match self.stack.iter().find(|(entered, _)| entered == pointer) {
            Some((_, declared)) => Err(*declared),
            None => {
                self.stack.push((pointer.to_owned(), None));
                Ok(())
            }
        }
    }

    /// Whether no schema is being walked.
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    pub fn is_entered(&self, pointer: &str) -> bool {
        self.stack.iter().any(|(entered, _)| entered == pointer)
    }

    pub fn leave(&mut self, pointer: &str) {
        if let Some(idx) = self
            .stack
            .iter()
            .rposition(|(entered, _)| entered == pointer)
        {
            self.stack.remove(idx);
        }
    }

    /// Records the type declared for `pointer`, so a reference back to it becomes a box.
    fn declare(&mut self, pointer: &str, id: TypeId) {
        if let Some(frame) = self
            .stack
            .iter_mut()
            .rev()
            .find(|(entered, _)| entered == pointer)
        {
            frame.1 = Some(id);
        }
    }
}

impl Naming {
    fn hint(&self) -> &NameHint {
        match self {
            Naming::Referenced { hint, .. } | Naming::Inline(hint) => hint,
        }
    }
}

impl NameHint {
    pub fn new(short: impl Into<String>, qualified: impl Into<String>) -> NameHint {
        NameHint {
            short: short.into(),
            qualified: qualified.into(),
        }
    }

    pub fn exact(name: impl Into<String>) -> NameHint {
        let name = name.into();
        NameHint::new(name.clone(), name)
    }

    fn child(&self, suffix: &str) -> NameHint {
        NameHint::exact([self.qualified.as_str(), &pascal_ident(suffix)].concat())
    }
}

impl TypeTable {
    /// Every declared type, in declaration order; a type whose body never finished (which
    /// lowering never leaves behind) would be an empty struct.
    pub fn into_types(self) -> Types {
        let types = self
            .declared
            .into_iter()
            .enumerate()
            .map(|(idx, declared)| TypeDef {
                id: TypeId::from_index(idx),
                name: declared.name,
                pointer: declared.pointer,
                docs: declared.docs,
                kind: declared
                    .kind
                    .unwrap_or_else(|| TypeKind::Struct(Struct::default())),
                used_in_request: false,
                used_in_response: false,
            })
            .collect();
        Types::from_vec(types)
    }

    /// The Rust name of a declared type.
    pub fn name_of(&self, id: TypeId) -> &str {
        &self.declared[id.index()].name
    }

    /// The kind of a declared type, once its body is lowered.
    pub fn kind_of(&self, id: TypeId) -> Option<&TypeKind> {
        self.declared[id.index()].kind.as_ref()
    }

    /// Decides the Rust name of every component schema in spec order: without the prefix all
    /// share, and a dotted name shortened to its shortest unique tail.
    pub fn name_components(&mut self, schema_names: &[String]) {
        let prefix = common_prefix(schema_names);
        let stripped: Vec<&str> = schema_names
            .iter()
            .map(|name| name.strip_prefix(prefix.as_str()).unwrap_or(name))
            .collect();
        let tails = shortest_unique_tails(&stripped);
        for (name, tail) in schema_names.iter().zip(tails) {
            let rust_name = self.names.claim(tail);
            self.component_names.insert(
                format!("#/components/schemas/{}", escape_segment(name)),
                rust_name,
            );
        }
    }
}

impl<'a> Lowerer<'a> {
    pub fn lower_schema_item(
        &mut self,
        item: &ReferenceOr<Schema>,
        pointer: &str,
        hint: &NameHint,
    ) -> TypeRef {
        match item {
            ReferenceOr::Reference { reference } => self.lower_reference(reference, hint),
            ReferenceOr::Item(schema) => {
                self.lower_schema(schema, pointer, &Naming::Inline(hint.clone()))
            }
        }
    }

    pub fn lower_boxed_item(
        &mut self,
        item: &ReferenceOr<Box<Schema>>,
        pointer: &str,
        hint: &NameHint,
    ) -> TypeRef {
        match item {
            ReferenceOr::Reference { reference } => self.lower_reference(reference, hint),
            ReferenceOr::Item(schema) => {
                self.lower_schema(schema, pointer, &Naming::Inline(hint.clone()))
            }
        }
    }

    /// Lowers a `$ref` target once; later references reuse the result.
    pub fn lower_reference(&mut self, reference: &str, hint: &NameHint) -> TypeRef {
        if let Some(known) = self.table.by_pointer.get(reference) {
            return known.clone();
        }
        let resolved = match self.resolver.schema_reference(reference) {
            Ok(resolved) => resolved,
            Err(error) => {
                return self.fallback(
                    reference,
                    &format!("cannot resolve the schema: {}", error.unplaced()),
                )
            }
        };
        let target = resolved
            .target
            .clone()
            .unwrap_or_else(|| reference.to_owned());
        if let Some(known) = self.table.by_pointer.get(&target).cloned() {
            self.table
                .by_pointer
                .entry(reference.to_owned())
                .or_insert_with(|| known.clone());
            return known;
        }
        let component = self.table.component_names.get(&target);
        // Named as the component, whatever the caller's hint: met where no schema is being
        // lowered, lowering it depends on the state alone, and may be replayed.
        let top_level = component.is_some() && self.table.lowering.is_empty();
        let hint = match component {
            Some(name) => NameHint::exact(name.clone()),
            None => hint.clone(),
        };
        // A reference back into a schema still being lowered is not the schema's final type.
        let cycle = self.table.lowering.is_entered(&target);
        let naming = Naming::Referenced {
            target: target.clone(),
            hint,
        };
        let lower = |lowerer: &mut Self| lowerer.lower_schema(&resolved.value, &target, &naming);
        let ty = match top_level {
            true => self.lower_component(&target, lower),
            false => lower(self),
        };
        if !cycle {
            // The first answer stays, so the table only grows (a reference is its own target).
            let by_pointer = &mut self.table.by_pointer;
            by_pointer.entry(target).or_insert_with(|| ty.clone());
            by_pointer
                .entry(reference.to_owned())
                .or_insert_with(|| ty.clone());
        }
        ty
    }

    /// Lowers one schema inside the cycle guard: a schema met again inside itself is boxed
    /// when it already declared its type, and otherwise cannot be expressed.
    fn lower_schema(&mut self, schema: &Schema, pointer: &str, naming: &Naming) -> TypeRef {
        match self.table.lowering.enter(pointer) {
            Ok(()) => {}
            Err(Some(id)) => return TypeRef::Boxed(Box::new(TypeRef::Named(id))),
            Err(None) => {
                return self.fallback(
                    pointer,
                    "the schema contains itself before any object declares it",
                )
            }
        }
        let ty = self.lower_schema_body(schema, pointer, naming);
        self.table.lowering.leave(pointer);
        ty
    }

    fn lower_schema_body(&mut self, schema: &Schema, pointer: &str, naming: &Naming) -> TypeRef {
        let view = SchemaView::of(schema);
        let container = !view.is_object()
            && view.all_of.is_empty()
            && (view.items.is_some()
                || matches!(view.additional, Some(AdditionalProperties::Schema(_))));
        if container && self.reaches_itself(schema, pointer) {
            return self.lower_newtype(&view, pointer, naming);
        }
        if !view.all_of.is_empty() {
            return self.lower_all_of(schema, &view, pointer, naming);
        }
        if requires_alternatives(&view).is_some() && view.is_object() {
            return self.lower_object(&view, pointer, naming);
        }
        if !view.one_of.is_empty() || !view.any_of.is_empty() {
            let (keyword, variants) = if view.one_of.is_empty() {
                ("anyOf", view.any_of)
            } else {
                ("oneOf", view.one_of)
            };
            if view.has_properties() {
                return self
                    .lower_union_beside_properties(&view, keyword, variants, pointer, naming);
            }
            // A union that contains itself is named before its alternatives refer to it.
            let declared = self
                .reaches_itself(schema, pointer)
                .then(|| self.declare(pointer, naming));
            return self.lower_union(&view, keyword, variants, pointer, naming, declared);
        }
        if !view.enumeration.is_empty() {
            return self.lower_enum(&view, pointer, naming);
        }
        if view.is_object() || view.additional.is_some() {
            return self.lower_object(&view, pointer, naming);
        }
        if view.has_not {
            return self.fallback(pointer, "`not` schemas cannot be expressed as a Rust type");
        }
        self.lower_primitive(&view, pointer, naming.hint())
    }

    /// An array or map that contains itself gets a name first, so its items can refer to it.
    fn lower_newtype(&mut self, view: &SchemaView, pointer: &str, naming: &Naming) -> TypeRef {
        let id = self.declare(pointer, naming);
        let inner = match view.items {
            Some(_) => self.lower_array(view, pointer, naming.hint()),
            None => self.lower_object(view, pointer, naming),
        };
        self.finish(id, TypeKind::Newtype(inner))
    }

    /// Whether `schema` refers back to `target` through `$ref`s, items, maps or alternatives.
    ///
    /// Only a written `$ref` can land on `target`, so a target none names is answered at once.
    fn reaches_itself(&mut self, schema: &Schema, target: &str) -> bool {
        self.written_references.contains(target)
            && self.references.reaches(&self.resolver, schema, target)
    }

    fn lower_primitive(&mut self, view: &SchemaView, pointer: &str, hint: &NameHint) -> TypeRef {
        let format = view.format.as_deref();
        match view.ty {
            Some("string") => match format {
                Some("date-time") => TypeRef::DateTime,
                Some("date") => TypeRef::Date,
                Some("uuid") => TypeRef::Uuid,
                Some("byte") => TypeRef::Base64,
                Some("binary") => TypeRef::Binary,
                _ => TypeRef::String,
            },
            Some("integer") => TypeRef::Integer(match format {
                Some("int32") => IntegerKind::I32,
                Some("uint32") => IntegerKind::U32,
                Some("uint64") | Some("uint") => IntegerKind::U64,
                _ => IntegerKind::I64,
            }),
            Some("number") => TypeRef::Number,
            Some("boolean") => TypeRef::Bool,
            Some("null") => TypeRef::Unit,
            Some("object") => TypeRef::JsonObject,
            Some("array") | None if view.items.is_some() => self.lower_array(view, pointer, hint),
            Some("array") => TypeRef::Array(Box::new(TypeRef::Json { fallback: None })),
            None => TypeRef::Json { fallback: None },
            Some(other) => self.fallback(pointer, &format!("unknown schema type `{other}`")),
        }
    }

    fn lower_array(&mut self, view: &SchemaView, pointer: &str, hint: &NameHint) -> TypeRef {
        let item = match view.items {
            Some(items) => {
                self.lower_boxed_item(items, &[pointer, "/items"].concat(), &hint.child("Item"))
            }
            None => TypeRef::Json { fallback: None },
        };
        TypeRef::Array(Box::new(unbox(item)))
    }

    fn lower_all_of(
        &mut self,
        schema: &Schema,
        view: &SchemaView,
        pointer: &str,
        naming: &Naming,
    ) -> TypeRef {
        let own_properties = view.has_properties();
        // Parts that only annotate (`{description: …}`, as AWS documents write beside a `$ref`)
        // add docs, not shape; `allOf: [$ref]` plus annotations is a wrapper around the `$ref`.
        let shaped = shaped_parts(view);
        if let ([(idx, single)], false) = (shaped.as_slice(), own_properties) {
            return self.lower_schema_item(
                single,
                &indexed_pointer(pointer, "allOf", *idx),
                naming.hint(),
            );
        }
        let mut merged = MergedObject::default();
        self.merge_object(schema, pointer, &mut merged, &mut CycleGuard::default());
        if !merged.any_object_part && merged.properties.is_empty() {
            // Only non-object parts (e.g. two string constraints): the first one carries the type.
            return self.lower_schema_item(
                &view.all_of[0],
                &indexed_pointer(pointer, "allOf", 0),
                naming.hint(),
            );
        }
        self.declare_struct(merged, pointer, naming)
    }

    fn lower_object(&mut self, view: &SchemaView, pointer: &str, naming: &Naming) -> TypeRef {
        if !view.has_properties() {
            return match view.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.lower_schema_item(
                        value,
                        &[pointer, "/additionalProperties"].concat(),
                        &naming.hint().child("Value"),
                    );
                    match value {
                        TypeRef::Json { fallback: None } => TypeRef::JsonObject,
                        other => TypeRef::Map(Box::new(unbox(other))),
                    }
                }
                _ => TypeRef::JsonObject,
            };
        }
        let mut merged = MergedObject::default();
        self.merge_view(view, pointer, &mut merged);
        self.declare_struct(merged, pointer, naming)
    }

    fn declare_struct(&mut self, merged: MergedObject, pointer: &str, naming: &Naming) -> TypeRef {
        let id = self.declare(pointer, naming);
        let type_name = self.table.name_of(id).to_owned();
        // Fields become struct fields and setters beside the model's own members.
        let mut field_names = NameScope::beside(&[ModelMember::NAMES, SETTER_TRAIT_METHODS])
            .with_room_for(merged.properties.len());
        let mut fields = Vec::with_capacity(merged.properties.len());
        let mut aliased = Vec::new();
        for (wire_name, (item, property_pointer)) in &merged.properties {
            let facts = self.facts(item);
            if let Some(target) = facts
                .alias_of
                .as_ref()
                .filter(|target| merged.properties.contains_key(*target))
            {
                aliased.push((
                    wire_name.clone(),
                    target.clone(),
                    facts,
                    property_pointer.clone(),
                ));
                continue;
            }
            let hint = NameHint::exact([type_name.as_str(), &pascal_ident(wire_name)].concat());
            let ty = self.lower_boxed_item(item, property_pointer, &hint);
            let presence = match (
                merged.required.contains(wire_name),
                facts.nullable || ty == TypeRef::Unit,
            ) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, false) => Presence::Optional,
                (false, true) => Presence::OptionalNullable,
            };
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name: field_names.claim(snake_ident(wire_name)),
                ty,
                presence,
                docs: facts.docs,
                constraints: facts.constraints,
                read_only: facts.read_only,
                write_only: facts.write_only,
                pointer: property_pointer.clone(),
            });
        }
        let aliases = field_aliases(aliased, &fields, &mut field_names);
        let alias_wire_type =
            (!aliases.is_empty()).then(|| self.table.names.claim(alias_wire_type(&type_name)));
        let additional = match merged.additional.as_deref() {
            Some(AdditionalProperties::Schema(value)) => {
                match self.lower_schema_item(
                    value,
                    &[pointer, "/additionalProperties"].concat(),
                    &NameHint::exact([type_name.as_str(), "Value"].concat()),
                ) {
                    TypeRef::Json { fallback: None } => None,
                    other => Some(unbox(other)),
                }
            }
            _ => None,
        };
        self.finish(
            id,
            TypeKind::Struct(Struct {
                fields,
                aliases,
                additional,
                alias_wire_type,
                required_alternatives: merged.required_alternatives,
            }),
        )
    }

    fn lower_enum(&mut self, view: &SchemaView, pointer: &str, naming: &Naming) -> TypeRef {
        if view.enumeration.iter().all(serde_json::Value::is_null) {
            return TypeRef::Unit;
        }
        let values: Vec<String> = view
            .enumeration
            .iter()
            .filter_map(|value| value.as_str().map(str::to_owned))
            .collect();
        let all_strings = values.len()
            == view
                .enumeration
                .iter()
                .filter(|value| !value.is_null())
                .count();
        if values.is_empty()
            || !all_strings
            || matches!(view.ty, Some("integer" | "number" | "boolean"))
        {
            // Non-string enums keep their primitive type; the allowed values go into the docs.
            return self.lower_primitive(view, pointer, naming.hint());
        }
        if let (Naming::Inline(_), Some(id)) = (naming, self.table.enums_by_values.get(&values)) {
            return TypeRef::Named(*id);
        }
        let id = self.declare(pointer, naming);
        self.table
            .enums_by_values
            .entry(values.clone())
            .or_insert(id);
        if let [value] = values.as_slice() {
            let position = enum_positions(view).first().copied().unwrap_or(0);
            let constant = Const {
                wire_value: value.clone(),
                pointer: indexed_pointer(pointer, "enum", position),
            };
            return self.finish(id, TypeKind::Const(constant));
        }
        let descriptions = variant_descriptions(view, &values);
        let mut names = NameScope::new();
        let positions = enum_positions(view);
        let variants: Vec<EnumVariant> = values
            .iter()
            .zip(descriptions)
            .zip(positions)
            .map(|((value, description), position)| EnumVariant {
                wire_value: value.clone(),
                rust_name: names.claim(if value.is_empty() {
                    String::from("Empty")
                } else {
                    pascal_ident(value)
                }),
                docs: Docs {
                    description,
                    ..Docs::default()
                },
                pointer: indexed_pointer(pointer, "enum", position),
            })
            .collect();
        let unknown = EnumMember::Unknown.name();
        let unknown_variant = if names.is_taken(unknown) {
            names.claim(format!("{unknown}Value"))
        } else {
            unknown.to_owned()
        };
        self.finish(
            id,
            TypeKind::Enum(Enum {
                variants,
                unknown_variant,
            }),
        )
    }

    fn lower_union(
        &mut self,
        view: &SchemaView,
        keyword: &str,
        variants: &[ReferenceOr<Schema>],
        pointer: &str,
        naming: &Naming,
        declared: Option<TypeId>,
    ) -> TypeRef {
        let mut lowered: Vec<(TypeRef, Option<String>, String, Option<String>)> = Vec::new();
        for (idx, variant) in variants.iter().enumerate() {
            let variant_hint = naming.hint().child(&format!("Variant{idx}"));
            let variant_pointer = indexed_pointer(pointer, keyword, idx);
            let ty = self.lower_schema_item(variant, &variant_pointer, &variant_hint);
            let reference = match variant {
                ReferenceOr::Reference { reference } => Some(reference.clone()),
                ReferenceOr::Item(_) => None,
            };
            if ty != TypeRef::Unit && !lowered.iter().any(|(known, ..)| known == &ty) {
                let title = self.variant_title(variant);
                lowered.push((ty, reference, variant_pointer, title));
            }
        }
        // `oneOf: [T, null]` is a nullable T, and alternatives that lower alike are one type.
        if lowered.len() <= 1 && declared.is_none() {
            return lowered
                .pop()
                .map(|(ty, ..)| ty)
                .unwrap_or(TypeRef::Json { fallback: None });
        }
        self.declare_union(view, lowered, pointer, naming, declared)
    }

    /// Properties beside a `oneOf`/`anyOf`, as JSON Schema means them: the value has the
    /// properties and one alternative's, so each object alternative is a variant that also has
    /// the shared properties. An alternative that is no object contradicts the properties; it
    /// is reported with its pointer, and the properties alone are the type.
    fn lower_union_beside_properties<'s>(
        &mut self,
        view: &SchemaView<'s>,
        keyword: &str,
        alternatives: &'s [ReferenceOr<Schema>],
        pointer: &str,
        naming: &Naming,
    ) -> TypeRef
    where
        'a: 's,
    {
        let mut objects = Vec::new();
        let mut contradictions = Vec::new();
        for (idx, alternative) in alternatives.iter().enumerate() {
            let alternative_pointer = indexed_pointer(pointer, keyword, idx);
            match self.merge_alternative(view, pointer, alternative, &alternative_pointer) {
                Some(merged) => objects.push((merged, alternative_pointer, alternative)),
                None => contradictions.push(format!("`{alternative_pointer}`")),
            }
        }
        if !contradictions.is_empty() {
            self.warn(pointer, &format!("the `{keyword}` alternatives {} are not objects, which contradicts the properties beside them; the properties alone are the type", contradictions.join(", ")));
            return self.lower_object(view, pointer, naming);
        }
        if objects.len() == 1 {
            let (merged, ..) = objects.remove(0);
            return self.declare_struct(merged, pointer, naming);
        }
        let parent = naming.hint().qualified.clone();
        let mut lowered = Vec::new();
        for (idx, (merged, alternative_pointer, alternative)) in objects.into_iter().enumerate() {
            let variant = self
                .variant_title(alternative)
                .or_else(|| self.component_tail(alternative, &parent))
                .unwrap_or_else(|| format!("Variant{idx}"));
            let hint = NameHint::new(
                format!("{parent}{variant}"),
                format!("{parent}{variant}Variant"),
            );
            let ty = self.declare_struct(merged, &alternative_pointer, &Naming::Inline(hint));
            lowered.push((ty, None, alternative_pointer, Some(variant)));
        }
        self.declare_union(view, lowered, pointer, naming, None)
    }

    /// The shared properties of `view` merged with one alternative's, or `None` when the
    /// alternative is no object.
    fn merge_alternative<'s>(
        &mut self,
        view: &SchemaView<'s>,
        pointer: &str,
        alternative: &'s ReferenceOr<Schema>,
        alternative_pointer: &str,
    ) -> Option<MergedObject<'s>>
    where
        'a: 's,
    {
        let own = self.merge_alternative_alone(alternative, alternative_pointer)?;
        let mut merged = MergedObject::default();
        self.merge_view(view, pointer, &mut merged);
        merged.absorb(own);
        merged.any_object_part = true;
        Some(merged)
    }

    /// One `oneOf`/`anyOf` alternative merged, or `None` when it is no object or does not
    /// resolve.
    fn merge_alternative_alone<'s>(
        &mut self,
        alternative: &'s ReferenceOr<Schema>,
        alternative_pointer: &str,
    ) -> Option<MergedObject<'s>>
    where
        'a: 's,
    {
        let mut guard = CycleGuard::default();
        let own = match alternative {
            ReferenceOr::Item(schema) => {
                self.merge_resolved(Cow::Borrowed(schema), alternative_pointer, &mut guard)
            }
            ReferenceOr::Reference { reference } => {
                let resolved = self.resolver.schema_reference(reference).ok()?;
                self.merge_resolved(resolved.value, reference, &mut guard)
            }
        };
        (own.any_object_part || !own.properties.is_empty()).then_some(own)
    }

    /// A referenced component's Rust name without the prefix it shares with `parent`
    /// (`ListsItemRedirect` beside `ListsItem` gives `Redirect`).
    fn component_tail(&self, alternative: &ReferenceOr<Schema>, parent: &str) -> Option<String> {
        let ReferenceOr::Reference { reference } = alternative else {
            return None;
        };
        let name = self.table.component_names.get(reference)?;
        let tail = name.strip_prefix(parent).filter(|tail| !tail.is_empty());
        Some(tail.unwrap_or(name).to_owned())
    }

    /// Declares the union of lowered alternatives, tagged when a property selects them.
    fn declare_union(
        &mut self,
        view: &SchemaView,
        lowered: Vec<(TypeRef, Option<String>, String, Option<String>)>,
        pointer: &str,
        naming: &Naming,
        declared: Option<TypeId>,
    ) -> TypeRef {
        let id = match declared {
            Some(id) => id,
            None => self.declare(pointer, naming),
        };
        let mut names = NameScope::new();
        let tag = self.union_tag(view, &lowered);
        let lowered = match tag {
            Some(_) => lowered,
            None => self.order_untagged(lowered, pointer),
        };
        let variants = lowered
            .into_iter()
            .enumerate()
            .map(|(idx, (ty, _, pointer, title))| UnionVariant {
                rust_name: names.claim(title.unwrap_or_else(|| self.variant_name(&ty))),
                tag_values: tag
                    .as_ref()
                    .map(|(_, values)| values[idx].clone())
                    .unwrap_or_default(),
                // A box here comes from the cycle guard: an enclosing type reaches itself
                // through this union, and a variant holds its value inline, so it stays.
                ty,
                pointer,
            })
            .collect();
        let tag = tag.map(|(property, _)| UnionTag {
            property,
            unknown_variant: names.claim(EnumMember::Unknown.name().to_owned()),
        });
        self.finish(id, TypeKind::Union(Union { tag, variants }))
    }

    /// An untagged union's alternatives from most to least specific, since serde keeps the
    /// first that decodes; alternatives that still accept what an earlier one does are
    /// reported in one warning at the union's pointer.
    fn order_untagged(
        &mut self,
        lowered: Vec<(TypeRef, Option<String>, String, Option<String>)>,
        pointer: &str,
    ) -> Vec<(TypeRef, Option<String>, String, Option<String>)> {
        let table = &self.table;
        let kind_of = |id: TypeId| table.kind_of(id);
        let order = {
            let types: Vec<&TypeRef> = lowered.iter().map(|(ty, ..)| ty).collect();
            overlap::specific_order(&types, &kind_of)
        };
        let mut slots: Vec<Option<_>> = lowered.into_iter().map(Some).collect();
        let ordered: Vec<_> = order.iter().filter_map(|&idx| slots[idx].take()).collect();
        let found = {
            let types: Vec<&TypeRef> = ordered.iter().map(|(ty, ..)| ty).collect();
            overlap::overlaps(&types, &kind_of)
        };
        // One warning per union, each hidden alternative named once beside the first that
        // takes its values: a union of fourteen look-alikes is one problem, not ninety-one.
        let mut hidden: Vec<usize> = Vec::new();
        let mut pairs: Vec<String> = Vec::new();
        let mut reasons: Vec<&str> = Vec::new();
        for found in &found {
            if hidden.contains(&found.later) {
                continue;
            }
            hidden.push(found.later);
            let relative = |idx: usize| {
                let at = &ordered[idx].2;
                at.strip_prefix(pointer)
                    .map_or(at.clone(), |rest| rest.trim_start_matches('/').to_owned())
            };
            pairs.push(format!(
                "`{}` as `{}`",
                relative(found.later),
                relative(found.earlier)
            ));
            if !reasons.contains(&found.reason) {
                reasons.push(found.reason);
            }
        }
        if !pairs.is_empty() {
            self.warn(pointer, &format!("untagged alternatives that accept the same value decode as the earlier one: {} ({})", pairs.join(", "), reasons.join("; ")));
        }
        ordered
    }

    /// The property that selects an alternative, with the values selecting each one: the
    /// document's `discriminator` when every alternative is a referenced object, else a property
    /// every alternative pins to its own constant (Cloudflare's DNS records pin `type`).
    fn union_tag(
        &self,
        view: &SchemaView,
        lowered: &[(TypeRef, Option<String>, String, Option<String>)],
    ) -> Option<(String, Vec<Vec<String>>)> {
        let objects: Vec<&Struct> = lowered
            .iter()
            .map(|(ty, ..)| self.struct_of(ty))
            .collect::<Option<_>>()?;
        if let Some(discriminator) = view.data.discriminator.as_ref() {
            let values = lowered
                .iter()
                .map(|(_, reference, ..)| Some(tag_values(discriminator, reference.as_deref()?)))
                .collect::<Option<_>>();
            if let Some(values) = values {
                return Some((discriminator.property_name.clone(), values));
            }
        }
        let first = objects.first()?;
        first.fields.iter().find_map(|candidate| {
            let values: Vec<String> = objects
                .iter()
                .map(|object| self.pinned_value(object, &candidate.wire_name))
                .collect::<Option<_>>()?;
            let distinct: BTreeSet<&String> = values.iter().collect();
            (distinct.len() == values.len()).then(|| {
                let values = values.into_iter().map(|value| vec![value]).collect();
                (candidate.wire_name.clone(), values)
            })
        })
    }

    /// A variant name from the alternative's `title` (`title: id` gives `Id`), when it is a
    /// short name rather than a sentence; the type's own name is the fallback.
    fn variant_title(&self, variant: &ReferenceOr<Schema>) -> Option<String> {
        let title = match variant {
            ReferenceOr::Item(schema) => schema.schema_data.title.clone(),
            ReferenceOr::Reference { reference } => self
                .resolver
                .schema_reference(reference)
                .ok()?
                .value
                .schema_data
                .title
                .clone(),
        }?;
        let words = title.split_whitespace().count();
        let name = pascal_ident(&title);
        (words <= 3 && name.chars().all(char::is_alphanumeric)).then_some(name)
    }

    /// The struct a union alternative names, once its body is lowered.
    fn struct_of(&self, ty: &TypeRef) -> Option<&Struct> {
        match ty {
            TypeRef::Named(id) => match self.table.kind_of(*id) {
                Some(TypeKind::Struct(object)) => Some(object),
                _ => None,
            },
            _ => None,
        }
    }

    /// The constant a required property of `object` always holds.
    fn pinned_value(&self, object: &Struct, property: &str) -> Option<String> {
        let field = object
            .fields
            .iter()
            .find(|field| field.wire_name == property && field.presence == Presence::Required)?;
        match &field.ty {
            TypeRef::Named(id) => match self.table.kind_of(*id) {
                Some(TypeKind::Const(constant)) => Some(constant.wire_value.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Declares a named type before its body is lowered, so references back to it can point at it.
    fn declare(&mut self, pointer: &str, naming: &Naming) -> TypeId {
        let id = TypeId::from_index(self.table.declared.len());
        let component_name = match naming {
            Naming::Referenced { target, .. } => self.table.component_names.get(target).cloned(),
            Naming::Inline(_) => None,
        };
        let hint = naming.hint();
        let name = match component_name {
            Some(name) => name,
            None => {
                let short = pascal_ident(&hint.short);
                match self.table.names.is_taken(&short) {
                    false => self.table.names.claim(short),
                    true => self.table.names.claim(pascal_ident(&hint.qualified)),
                }
            }
        };
        let docs = self.schema_docs_at(pointer);
        self.table.declared.push(Declared {
            name,
            pointer: pointer.to_owned(),
            docs,
            kind: None,
        });
        self.table.lowering.declare(pointer, id);
        id
    }

    fn finish(&mut self, id: TypeId, kind: TypeKind) -> TypeRef {
        self.table.declared[id.index()].kind = Some(kind);
        TypeRef::Named(id)
    }

    /// The docs of the schema at `pointer`, read from the raw tree (the typed one may be a clone).
    fn schema_docs_at(&mut self, pointer: &str) -> Docs {
        let raw = pointer
            .strip_prefix('#')
            .and_then(|pointer| self.raw_cursor.get(pointer));
        let description = raw
            .and_then(|raw| raw.get("description"))
            .and_then(|value| value.as_str());
        let deprecated = raw.and_then(|raw| {
            deprecation(
                raw.get("deprecated") == Some(&serde_json::Value::Bool(true)),
                |key| raw.get(key).and_then(|value| value.as_str()),
            )
        });
        Docs {
            description: description.map(str::to_owned),
            deprecated,
            ..Docs::default()
        }
    }

    fn merge_object<'s>(
        &mut self,
        schema: &'s Schema,
        pointer: &str,
        merged: &mut MergedObject<'s>,
        guard: &mut CycleGuard,
    ) where
        'a: 's,
    {
        if guard.enter(pointer).is_err() {
            self.warn(
                pointer,
                "`allOf` includes itself; the repeated part is ignored",
            );
            return;
        }
        let view = SchemaView::of(schema);
        for (idx, part) in view.all_of.iter().enumerate() {
            let part_pointer = indexed_pointer(pointer, "allOf", idx);
            match part {
                ReferenceOr::Item(schema) => {
                    self.merge_object(schema, &part_pointer, merged, guard)
                }
                ReferenceOr::Reference { reference } => {
                    match self.resolver.schema_reference(reference) {
                        Ok(resolved) => {
                            let part = self.merge_resolved(resolved.value, reference, guard);
                            merged.absorb(part);
                        }
                        Err(error) => {
                            self.warn(
                                &part_pointer,
                                &format!("`allOf` part skipped: {}", error.unplaced()),
                            );
                        }
                    }
                }
            }
        }
        self.merge_view(&view, pointer, merged);
        guard.leave(pointer);
    }

    /// Merges a schema `$ref` led to: borrowed where it lives in the document, else copied.
    fn merge_resolved<'s>(
        &mut self,
        schema: Cow<'s, Schema>,
        pointer: &str,
        guard: &mut CycleGuard,
    ) -> MergedObject<'s>
    where
        'a: 's,
    {
        match schema {
            Cow::Borrowed(schema) => {
                let mut merged = MergedObject::default();
                self.merge_object(schema, pointer, &mut merged, guard);
                merged
            }
            Cow::Owned(schema) => {
                let mut merged = MergedObject::default();
                self.merge_object(&schema, pointer, &mut merged, guard);
                merged.into_owned()
            }
        }
    }

    fn merge_view<'s>(
        &mut self,
        view: &SchemaView<'s>,
        pointer: &str,
        merged: &mut MergedObject<'s>,
    ) {
        merged.any_object_part |= view.is_object();
        merged
            .properties
            .reserve(view.properties.map_or(0, |properties| properties.len()));
        for (name, property) in view.properties.into_iter().flatten() {
            let property_pointer = [pointer, "/properties/", &escape_segment(name)].concat();
            // A later (more specific) definition replaces an earlier one but keeps its position.
            merged
                .properties
                .insert(name.clone(), (Cow::Borrowed(property), property_pointer));
        }
        merged.required.extend(view.required.iter().cloned());
        if let Some((keyword, alternatives)) = requires_alternatives(view) {
            merged.required_alternatives.push(RequiredAlternatives {
                exclusive: keyword == "oneOf",
                alternatives,
                pointer: [pointer, "/", keyword].concat(),
            });
        }
        if let Some(additional) = view.additional {
            merged.additional = Some(Cow::Borrowed(additional));
        }
    }

    /// Recognises a response envelope: an object (after `allOf` merging) with `success` and `result`.
    ///
    /// A referenced schema is merged once and its answer remembered: every operation of a
    /// large document refers to the same few response schemas, and merging one clones all of
    /// its properties. Merging only warns, and warnings are reported once anyway.
    pub fn envelope_parts(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Option<EnvelopeParts> {
        let ReferenceOr::Reference { reference } = schema else {
            return self.merge_envelope(schema, pointer);
        };
        if let Some(parts) = self.envelopes.get(reference) {
            return parts.clone();
        }
        let parts = self.merge_envelope(schema, pointer);
        self.envelopes.insert(reference.clone(), parts.clone());
        parts
    }

    fn merge_envelope(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Option<EnvelopeParts> {
        let (schema, pointer) = match schema {
            ReferenceOr::Item(schema) => (std::borrow::Cow::Borrowed(schema), pointer.to_owned()),
            ReferenceOr::Reference { reference } => (
                self.resolver.schema_reference(reference).ok()?.value,
                reference.clone(),
            ),
        };
        let mut merged = MergedObject::default();
        self.merge_object(&schema, &pointer, &mut merged, &mut CycleGuard::default());
        if !merged.properties.contains_key("success") {
            merged = self.merge_envelope_alternatives(&schema, &pointer)?;
        }
        if !merged.properties.contains_key("success") {
            return None;
        }
        let (result, result_pointer) = merged.properties.get("result")?;
        let (result, result_pointer) = (result.as_ref().clone(), result_pointer.clone());
        let result_info_properties = match merged.properties.get("result_info") {
            Some((info, info_pointer)) => self.property_names(info, info_pointer),
            None => Vec::new(),
        };
        Some(EnvelopeParts {
            result,
            result_pointer,
            result_info_properties,
        })
    }

    /// Cloudflare also writes an envelope as `anyOf`/`oneOf` of the common envelope and
    /// `{result: [...]}`: alternatives that describe one object. They are merged when at most
    /// one of them types `result`, so no alternative's result is silently replaced, or when
    /// every typed `result` is a list: then the result is a list of the `oneOf` of their items
    /// (memberships lists members with roles or with policies), which still pages.
    fn merge_envelope_alternatives<'s>(
        &mut self,
        schema: &'s Schema,
        pointer: &str,
    ) -> Option<MergedObject<'s>>
    where
        'a: 's,
    {
        let view = SchemaView::of(schema);
        let (keyword, alternatives) = match (view.one_of, view.any_of) {
            ([], []) => return None,
            ([], any_of) => ("anyOf", any_of),
            (one_of, _) => ("oneOf", one_of),
        };
        let mut merged = MergedObject::default();
        let mut typed_results: Vec<ReferenceOr<Box<Schema>>> = Vec::new();
        for (idx, alternative) in alternatives.iter().enumerate() {
            let alternative_pointer = indexed_pointer(pointer, keyword, idx);
            let own = self.merge_alternative_alone(alternative, &alternative_pointer)?;
            if let Some((result, _)) = own.properties.get("result") {
                if !is_untyped_list(result) {
                    typed_results.push(result.as_ref().clone());
                }
            }
            merged.properties.extend(own.properties);
        }
        if typed_results.len() <= 1 {
            return Some(merged);
        }
        let items = typed_results
            .iter()
            .map(|result| self.list_items(result))
            .collect::<Option<Vec<_>>>()?;
        let list_of_any = Schema {
            schema_data: openapiv3::SchemaData::default(),
            schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::Array(
                openapiv3::ArrayType {
                    items: Some(ReferenceOr::Item(Box::new(Schema {
                        schema_data: openapiv3::SchemaData::default(),
                        schema_kind: openapiv3::SchemaKind::OneOf { one_of: items },
                    }))),
                    min_items: None,
                    max_items: None,
                    unique_items: false,
                },
            )),
        };
        let result = (
            Cow::Owned(ReferenceOr::Item(Box::new(list_of_any))),
            pointer.to_owned(),
        );
        merged.properties.insert("result".to_owned(), result);
        Some(merged)
    }

    /// The item schema of a list `result`, or `None` when it is no list.
    fn list_items(&self, result: &ReferenceOr<Box<Schema>>) -> Option<ReferenceOr<Schema>> {
        let schema = match result {
            ReferenceOr::Item(schema) => std::borrow::Cow::Borrowed(&**schema),
            ReferenceOr::Reference { reference } => {
                self.resolver.schema_reference(reference).ok()?.value
            }
        };
        Some(match SchemaView::of(&schema).items? {
            ReferenceOr::Item(items) => ReferenceOr::Item((**items).clone()),
            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                reference: reference.clone(),
            },
        })
    }

    /// The property names an object schema declares, through `allOf` and references.
    fn property_names(&mut self, item: &ReferenceOr<Box<Schema>>, pointer: &str) -> Vec<String> {
        let (schema, pointer) = match item {
            ReferenceOr::Item(schema) => {
                (std::borrow::Cow::Borrowed(&**schema), pointer.to_owned())
            }
            ReferenceOr::Reference { reference } => match self.resolver.schema_reference(reference)
            {
                Ok(resolved) => (resolved.value, reference.clone()),
                Err(_) => return Vec::new(),
            },
        };
        let mut merged = MergedObject::default();
        self.merge_object(&schema, &pointer, &mut merged, &mut CycleGuard::default());
        merged.properties.into_keys().collect()
    }

    /// Docs, constraints and flags of a property, falling back to what it references or wraps.
    pub fn facts(&self, item: &ReferenceOr<Box<Schema>>) -> Facts {
        let mut guard = CycleGuard::default();
        match item {
            ReferenceOr::Reference { reference } => self.facts_of_reference(reference, &mut guard),
            ReferenceOr::Item(schema) => self.facts_of_schema(schema, &mut guard),
        }
    }

    pub fn facts_of_schema_item(&self, item: &ReferenceOr<Schema>) -> Facts {
        let mut guard = CycleGuard::default();
        match item {
            ReferenceOr::Reference { reference } => self.facts_of_reference(reference, &mut guard),
            ReferenceOr::Item(schema) => self.facts_of_schema(schema, &mut guard),
        }
    }

    fn facts_of_reference(&self, reference: &str, guard: &mut CycleGuard) -> Facts {
        let Ok(resolved) = self.resolver.schema_reference(reference) else {
            return Facts::default();
        };
        if guard.enter(reference).is_err() {
            return Facts::default();
        }
        let facts = self.facts_of_schema(&resolved.value, guard);
        guard.leave(reference);
        facts
    }

    fn facts_of_schema(&self, schema: &Schema, guard: &mut CycleGuard) -> Facts {
        let view = SchemaView::of(schema);
        // A wrapper (one shaped `allOf` part plus annotation-only parts) shows the wrapped
        // schema's facts, with the annotations' descriptions in front. Inline wrappers nest
        // only as deep as the document, so only references need the guard.
        let shaped = shaped_parts(&view);
        let mut inner = match shaped.as_slice() {
            [(_, ReferenceOr::Reference { reference })] => {
                self.facts_of_reference(reference, guard)
            }
            [(_, ReferenceOr::Item(inner))] => self.facts_of_schema(inner, guard),
            _ => Facts::default(),
        };
        let annotation = view.all_of.iter().find_map(|part| match part {
            ReferenceOr::Item(part) if is_annotation_only_schema(part) => {
                part.schema_data.description.clone()
            }
            _ => None,
        });
        if annotation.is_some() {
            inner.docs.description = annotation;
        }
        let data = view.data;
        let deprecated = deprecation(data.deprecated, |key| view.extension_str(key));
        let own_constraints = view.constraints.clone();
        let alias_of = view
            .extension_str("x-deprecated-alias-of")
            .map(str::to_owned)
            .or_else(|| {
                data.deprecated
                    .then(|| renamed_to(view.extension_str("x-stainless-deprecation-message")))
                    .flatten()
            });
        Facts {
            docs: Docs {
                summary: data.title.clone().or(inner.docs.summary),
                description: data.description.clone().or(inner.docs.description),
                deprecated: deprecated.or(inner.docs.deprecated),
                default: data
                    .default
                    .as_ref()
                    .map(compact_json)
                    .or(inner.docs.default),
                example: data
                    .example
                    .as_ref()
                    .map(compact_json)
                    .or(inner.docs.example),
            },
            constraints: if own_constraints == Constraints::default() {
                inner.constraints
            } else {
                own_constraints
            },
            nullable: data.nullable || inner.nullable || offers_null(&view),
            read_only: data.read_only || inner.read_only,
            write_only: data.write_only || inner.write_only,
            alias_of,
        }
    }

    fn variant_name(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => self.table.name_of(*id).to_owned(),
            TypeRef::Boxed(inner) => self.variant_name(inner),
            TypeRef::Array(inner) => format!("{}List", self.variant_name(inner)),
            TypeRef::Map(inner) => format!("{}Map", self.variant_name(inner)),
            TypeRef::String => "String".into(),
            TypeRef::Bool => "Bool".into(),
            TypeRef::Integer(_) => "Integer".into(),
            TypeRef::Number => "Number".into(),
            TypeRef::DateTime => "DateTime".into(),
            TypeRef::Date => "Date".into(),
            TypeRef::Uuid => "Uuid".into(),
            TypeRef::Base64 | TypeRef::Binary => "Bytes".into(),
            TypeRef::File => "File".into(),
            TypeRef::JsonObject => "Object".into(),
            TypeRef::Json { .. } => "Value".into(),
            TypeRef::Unit => "Null".into(),
        }
    }

    /// Falls back to `serde_json::Value`, saying so at generation time and on the item.
    pub fn fallback(&mut self, pointer: &str, reason: &str) -> TypeRef {
        self.warn(pointer, &format!("{reason}; using serde_json::Value"));
        TypeRef::Json {
            fallback: Some(reason.to_owned()),
        }
    }
}

/// The tag values that select `reference`: mapping entries naming it, else the schema's own name.
fn tag_values(discriminator: &openapiv3::Discriminator, reference: &str) -> Vec<String> {
    let schema_name = reference.rsplit('/').next().unwrap_or(reference);
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| target.as_str() == reference || target.as_str() == schema_name)
        .map(|(value, _)| value.clone())
        .collect();
    if mapped.is_empty() {
        vec![schema_name.to_owned()]
    } else {
        mapped
    }
}

/// The `allOf` parts that shape the value, with their indexes; annotation-only parts are left out.
fn shaped_parts<'s>(view: &SchemaView<'s>) -> Vec<(usize, &'s ReferenceOr<Schema>)> {
    view.all_of
        .iter()
        .enumerate()
        .filter(|(_, part)| !is_annotation_only(part))
        .collect()
}

/// A part with nothing but documentation keywords: it describes, it does not shape.
fn is_annotation_only(part: &ReferenceOr<Schema>) -> bool {
    match part {
        ReferenceOr::Item(schema) => is_annotation_only_schema(schema),
        ReferenceOr::Reference { .. } => false,
    }
}

fn is_annotation_only_schema(schema: &Schema) -> bool {
    let view = SchemaView::of(schema);
    view.ty.is_none()
        && view.format.is_none()
        && view.enumeration.is_empty()
        && !view.has_properties()
        && view.additional.is_none()
        && view.items.is_none()
        && view.all_of.is_empty()
        && view.one_of.is_empty()
        && view.any_of.is_empty()
        && !view.has_not
        && view.constraints == Constraints::default()
}

/// The keyword and the required properties of each alternative, when a `oneOf`/`anyOf` only
/// says which properties are required (`anyOf: [{required: [a]}, {required: [b]}]`): a rule
/// about one object, not a choice between types.
fn requires_alternatives(view: &SchemaView) -> Option<(&'static str, Vec<Vec<String>>)> {
    let (keyword, alternatives) = match (view.one_of, view.any_of) {
        ([], []) => return None,
        ([], any_of) => ("anyOf", any_of),
        (one_of, _) => ("oneOf", one_of),
    };
    alternatives
        .iter()
        .map(|alternative| match alternative {
            ReferenceOr::Item(schema) if is_annotation_only(alternative) => {
                let required = SchemaView::of(schema).required.to_vec();
                (!required.is_empty()).then_some(required)
            }
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .map(|required| (keyword, required))
}

/// `{}` or an array of `{}`: a placeholder `result` that a more specific part replaces.
fn is_untyped_list(result: &ReferenceOr<Box<Schema>>) -> bool {
    let ReferenceOr::Item(schema) = result else {
        return false;
    };
    let view = SchemaView::of(schema);
    let says_nothing = |view: &SchemaView| {
        !view.has_properties()
            && view.items.is_none()
            && view.all_of.is_empty()
            && view.one_of.is_empty()
            && view.any_of.is_empty()
            && matches!(view.ty, None | Some("object"))
    };
    match view.items {
        Some(ReferenceOr::Item(items)) => says_nothing(&SchemaView::of(items)),
        Some(ReferenceOr::Reference { .. }) => false,
        None => says_nothing(&view),
    }
}

/// `oneOf`/`anyOf` with a `null` alternative (`type: 'null'` or `enum: [null]`) makes the value nullable.
fn offers_null(view: &SchemaView) -> bool {
    view.one_of
        .iter()
        .chain(view.any_of)
        .any(|variant| match variant {
            ReferenceOr::Item(schema) => {
                let variant = SchemaView::of(schema);
                variant.ty == Some("null")
                    || (!variant.enumeration.is_empty()
                        && variant.enumeration.iter().all(serde_json::Value::is_null))
            }
            ReferenceOr::Reference { .. } => false,
        })
}

/// The prefix every component name shares (`resource-sharing_`), which would only add noise to Rust names.
fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let Some(end) = first.find('_') else {
        return String::new();
    };
    let prefix = &first[..=end];
    let shared = names.len() > 1
        && names
            .iter()
            .all(|name| name.starts_with(prefix) && name.len() > prefix.len());
    if shared {
        prefix.to_owned()
    } else {
        String::new()
    }
}

/// The deprecated properties that feed a sibling field, as aliases of that field; their setter
/// names are claimed in the fields' scope, so they never collide with a field.
fn field_aliases(
    aliased: Vec<(String, String, Facts, String)>,
    fields: &[Field],
    field_names: &mut NameScope,
) -> Vec<FieldAlias> {
    aliased
        .into_iter()
        .filter_map(|(wire_name, target, facts, pointer)| {
            let target_field = fields.iter().find(|field| field.wire_name == target)?;
            let sunset = facts
                .docs
                .deprecated
                .as_ref()
                .and_then(|deprecation| deprecation.sunset.clone());
            let renamed = format!("`{wire_name}` was renamed to `{}`", target_field.rust_name);
            let note = match sunset {
                Some(sunset) => format!("{renamed}; sunset {sunset}"),
                None => renamed,
            };
            Some(FieldAlias {
                rust_name: field_names.claim(snake_ident(&wire_name)),
                wire_name,
                target_rust_name: target_field.rust_name.clone(),
                target_wire_name: target_field.wire_name.clone(),
                note,
                docs: facts.docs,
                pointer,
            })
        })
        .collect()
}

/// The one reading of a deprecation: the flag, then the note and sunset from extensions.
fn deprecation<'a>(
    deprecated: bool,
    extension: impl Fn(&str) -> Option<&'a str>,
) -> Option<Deprecation> {
    deprecated.then(|| Deprecation {
        note: extension("x-stainless-deprecation-message")
            .or_else(|| extension("x-deprecation-message"))
            .map(str::to_owned),
        sunset: extension("x-sunset").map(str::to_owned),
    })
}

/// The index in `enum` of each string value, in order, so every variant keeps its pointer.
fn enum_positions(view: &SchemaView) -> Vec<usize> {
    view.enumeration
        .iter()
        .enumerate()
        .filter(|(_, value)| value.is_string())
        .map(|(idx, _)| idx)
        .collect()
}

/// `Vec<Box<T>>` and `HashMap<_, Box<T>>` are already indirect; only direct recursion needs the box.
fn unbox(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Boxed(inner) => *inner,
        other => other,
    }
}

fn compact_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => format!("{text:?}"),
        other => other.to_string(),
    }
}

/// Reads the replacement out of a deprecation message such as "renamed to `recipient_account_id`".
fn renamed_to(message: Option<&str>) -> Option<String> {
    let message = message?;
    let rest = &message[message.find("renamed to `")? + "renamed to `".len()..];
    Some(rest[..rest.find('`')?].to_owned())
}

/// Per-value docs from `x-enum-descriptions`, or from a description that lists "- `value` — text".
fn variant_descriptions(view: &SchemaView, values: &[String]) -> Vec<Option<String>> {
    let from_extension = ["x-enum-descriptions", "x-enumDescriptions"]
        .iter()
        .find_map(|key| view.data.extensions.get(*key));
    if let Some(serde_json::Value::Array(items)) = from_extension {
        return (0..values.len())
            .map(|idx| {
                items
                    .get(idx)
                    .and_then(|item| item.as_str())
                    .map(str::to_owned)
            })
            .collect();
    }
    if let Some(serde_json::Value::Object(map)) = from_extension {
        return values
            .iter()
            .map(|value| {
                map.get(value)
                    .and_then(|item| item.as_str())
                    .map(str::to_owned)
            })
            .collect();
    }
    let description = view.data.description.as_deref().unwrap_or_default();
    values
        .iter()
        .map(|value| {
            let marker = format!("- `{value}`");
            let line = description
                .lines()
                .find(|line| line.trim_start().starts_with(&marker))?;
            let text = line.trim_start()[marker.len()..]
                .trim_start_matches([' ', '—', '-', ':', '–'])
                .trim();
            (!text.is_empty()).then(|| text.to_owned())
        })
        .collect()
}
