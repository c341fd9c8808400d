//! Lowers schemas to [`TypeRef`]s, declaring named types for objects, enums and unions.
//!
//! Components are lowered lazily, when an operation reaches them, so the client declares only
//! what it uses. Named components keep their names; inline schemas are named after their owner.

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::view::SchemaView;
use super::Lowerer;
use crate::ir::{
    Constraints, Deprecation, Docs, Enum, EnumVariant, Field, FieldAlias, IntegerKind, Presence,
    Struct, TypeDef, TypeId, TypeKind, TypeRef, Union, UnionTag, UnionVariant,
};
use crate::naming::{pascal_ident, snake_ident, NameScope};
use crate::source_map::escape_segment;

/// How deep `allOf` may nest (through references) before we assume a cycle.
const MAX_ALL_OF_DEPTH: usize = 16;

/// Names for a schema that has none of its own: a short one used when free, else a qualified one.
#[derive(Clone, Debug)]
pub struct NameHint {
    pub short: String,
    pub qualified: String,
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
#[derive(Default)]
struct MergedObject {
    properties: IndexMap<String, (ReferenceOr<Box<Schema>>, String)>,
    required: BTreeSet<String>,
    additional: Option<AdditionalProperties>,
    any_object_part: bool,
}

/// The parts of a `{ success, errors, result }` response envelope.
pub struct EnvelopeParts {
    pub result: ReferenceOr<Box<Schema>>,
    pub result_pointer: String,
    pub has_result_info: bool,
}

/// State of schema lowering kept on the [`Lowerer`].
#[derive(Default)]
pub struct TypeTable {
    pub types: Vec<TypeDef>,
    pub names: NameScope,
    /// Names decided up front for every component schema, so inline names never steal them.
    pub component_names: HashMap<String, String>,
    /// Component pointers already lowered.
    pub by_pointer: HashMap<String, TypeRef>,
    /// Components being lowered right now; a reference back to one is recursive.
    pub in_progress: Vec<String>,
    /// References being resolved right now, declared or not: re-entering one that has no
    /// declared type yet (a cycle through arrays, maps, unions or wrappers) must stop.
    pub resolving: Vec<String>,
    /// Inline enums by their values, so identical enums share one type.
    pub enums_by_values: HashMap<Vec<String>, TypeId>,
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
        NameHint::exact(format!("{}{}", self.qualified, pascal_ident(suffix)))
    }
}

impl TypeTable {
    /// Decides the Rust name of every component schema in spec order.
    pub fn name_components(&mut self, schema_names: &[String]) {
        let prefix = common_prefix(schema_names);
        for name in schema_names {
            let stripped = name.strip_prefix(prefix.as_str()).unwrap_or(name);
            let rust_name = self.names.claim(pascal_ident(stripped));
            self.component_names.insert(
                format!("#/components/schemas/{}", escape_segment(name)),
                rust_name,
            );
        }
    }
}

impl Lowerer<'_> {
    pub fn lower_schema_item(
        &mut self,
        item: &ReferenceOr<Schema>,
        pointer: &str,
        hint: &NameHint,
    ) -> TypeRef {
        match item {
            ReferenceOr::Reference { reference } => self.lower_reference(reference, hint),
            ReferenceOr::Item(schema) => self.lower_schema(schema, pointer, hint, None),
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
            ReferenceOr::Item(schema) => self.lower_schema(schema, pointer, hint, None),
        }
    }

    /// Lowers a `$ref` target once; later references reuse the result.
    pub fn lower_reference(&mut self, reference: &str, hint: &NameHint) -> TypeRef {
        if let Some(known) = self.table.by_pointer.get(reference) {
            return match self
                .table
                .in_progress
                .iter()
                .any(|pointer| pointer == reference)
            {
                true => TypeRef::Boxed(Box::new(known.clone())),
                false => known.clone(),
            };
        }
        let resolved = match self.resolver.schema_reference(reference) {
            Ok(resolved) => resolved,
            Err(error) => {
                return self.fallback(reference, &format!("cannot resolve the schema: {error}"))
            }
        };
        let target = resolved
            .target
            .clone()
            .unwrap_or_else(|| reference.to_owned());
        if target != reference {
            if let Some(known) = self.table.by_pointer.get(&target).cloned() {
                self.table
                    .by_pointer
                    .insert(reference.to_owned(), known.clone());
                return known;
            }
        }
        if self.table.resolving.contains(&target) {
            return self.fallback(
                &target,
                "the schema contains itself through an array, map, union or wrapper before any object declares it",
            );
        }
        let name = match self.table.component_names.get(&target) {
            Some(name) => NameHint::exact(name.clone()),
            None => hint.clone(),
        };
        self.table.resolving.push(target.clone());
        let ty = self.lower_schema(&resolved.value, &target, &name, Some(&target));
        self.table.resolving.pop();
        self.table.by_pointer.insert(target, ty.clone());
        self.table
            .by_pointer
            .insert(reference.to_owned(), ty.clone());
        ty
    }

    /// Lowers one schema. `component` is its pointer when it is a named component, so that a
    /// declared type is registered before its body is lowered (recursive schemas refer back to it).
    fn lower_schema(
        &mut self,
        schema: &Schema,
        pointer: &str,
        hint: &NameHint,
        component: Option<&str>,
    ) -> TypeRef {
        let view = SchemaView::of(schema);
        if !view.all_of.is_empty() {
            return self.lower_all_of(schema, &view, pointer, hint, component);
        }
        if !view.one_of.is_empty() || !view.any_of.is_empty() {
            let (keyword, variants) = match view.one_of.is_empty() {
                true => ("anyOf", view.any_of),
                false => ("oneOf", view.one_of),
            };
            return self.lower_union(&view, keyword, variants, pointer, hint, component);
        }
        if !view.enumeration.is_empty() {
            return self.lower_enum(&view, pointer, hint, component);
        }
        if view.is_object() || view.additional.is_some() {
            return self.lower_object(&view, pointer, hint, component);
        }
        if view.has_not {
            return self.fallback(pointer, "`not` schemas cannot be expressed as a Rust type");
        }
        self.lower_primitive(&view, pointer, hint)
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
                self.lower_boxed_item(items, &format!("{pointer}/items"), &hint.child("Item"))
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
        hint: &NameHint,
        component: Option<&str>,
    ) -> TypeRef {
        let own_properties = view.has_properties();
        // Parts that only annotate (`{description: …}`, as AWS documents write beside a `$ref`)
        // add docs, not shape; `allOf: [$ref]` plus annotations is a wrapper around the `$ref`.
        let shaped = shaped_parts(view);
        if let ([(idx, single)], false) = (shaped.as_slice(), own_properties) {
            return self.lower_schema_item(single, &format!("{pointer}/allOf/{idx}"), hint);
        }
        // Merging a schema that is being lowered right now would copy it into itself forever.
        let merges_itself = view.all_of.iter().any(|part| {
            matches!(part, ReferenceOr::Reference { reference } if self.table.resolving.contains(reference))
        });
        if merges_itself {
            return self.fallback(pointer, "`allOf` includes a schema that contains this one");
        }
        let mut merged = MergedObject::default();
        self.merge_object(schema, pointer, &mut merged, 0);
        if !merged.any_object_part && merged.properties.is_empty() {
            // Only non-object parts (e.g. two string constraints): the first one carries the type.
            return self.lower_schema_item(&view.all_of[0], &format!("{pointer}/allOf/0"), hint);
        }
        self.declare_struct(merged, pointer, hint, component)
    }

    fn lower_object(
        &mut self,
        view: &SchemaView,
        pointer: &str,
        hint: &NameHint,
        component: Option<&str>,
    ) -> TypeRef {
        let has_properties = view.has_properties();
        if !has_properties {
            return match view.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.lower_schema_item(
                        value,
                        &format!("{pointer}/additionalProperties"),
                        &hint.child("Value"),
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
        self.declare_struct(merged, pointer, hint, component)
    }

    fn declare_struct(
        &mut self,
        merged: MergedObject,
        pointer: &str,
        hint: &NameHint,
        component: Option<&str>,
    ) -> TypeRef {
        let id = self.declare(pointer, hint, component);
        let mut field_names = NameScope::new();
        let mut fields = Vec::new();
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
            let type_name = self.table.types[id.0].name.clone();
            let ty = self.lower_boxed_item(
                item,
                property_pointer,
                &NameHint::exact(format!("{type_name}{}", pascal_ident(wire_name))),
            );
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
        let aliases = aliased
            .into_iter()
            .filter_map(|(wire_name, target, facts, pointer)| {
                let target_field = fields.iter().find(|field| field.wire_name == target)?;
                let sunset = facts
                    .docs
                    .deprecated
                    .as_ref()
                    .and_then(|deprecation| deprecation.sunset.clone());
                let note = match sunset {
                    Some(sunset) => format!(
                        "`{wire_name}` was renamed to `{}`; sunset {sunset}",
                        target_field.rust_name
                    ),
                    None => format!("`{wire_name}` was renamed to `{}`", target_field.rust_name),
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
            .collect();
        let additional = match merged.additional {
            Some(AdditionalProperties::Schema(value)) => {
                let type_name = self.table.types[id.0].name.clone();
                match self.lower_schema_item(
                    &value,
                    &format!("{pointer}/additionalProperties"),
                    &NameHint::exact(format!("{type_name}Value")),
                ) {
                    TypeRef::Json { fallback: None } => None,
                    other => Some(unbox(other)),
                }
            }
            _ => None,
        };
        self.finish(
            id,
            component,
            TypeKind::Struct(Struct {
                fields,
                aliases,
                additional,
            }),
        )
    }

    fn lower_enum(
        &mut self,
        view: &SchemaView,
        pointer: &str,
        hint: &NameHint,
        component: Option<&str>,
    ) -> TypeRef {
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
            return self.lower_primitive(view, pointer, hint);
        }
        if component.is_none() {
            if let Some(id) = self.table.enums_by_values.get(&values) {
                return TypeRef::Named(*id);
            }
        }
        let id = self.declare(pointer, hint, component);
        self.table
            .enums_by_values
            .entry(values.clone())
            .or_insert(id);
        let descriptions = variant_descriptions(view, &values);
        let mut names = NameScope::new();
        let variants: Vec<EnumVariant> = values
            .iter()
            .zip(descriptions)
            .map(|(value, description)| EnumVariant {
                wire_value: value.clone(),
                rust_name: names.claim(match value.is_empty() {
                    true => String::from("Empty"),
                    false => pascal_ident(value),
                }),
                docs: Docs {
                    description,
                    ..Docs::default()
                },
            })
            .collect();
        let unknown_variant = match names.is_taken("Unknown") {
            true => names.claim(String::from("UnknownValue")),
            false => String::from("Unknown"),
        };
        self.finish(
            id,
            component,
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
        hint: &NameHint,
        component: Option<&str>,
    ) -> TypeRef {
        let mut lowered: Vec<(TypeRef, Option<String>)> = Vec::new();
        for (idx, variant) in variants.iter().enumerate() {
            let variant_hint = hint.child(&format!("Variant{idx}"));
            let ty = self.lower_schema_item(
                variant,
                &format!("{pointer}/{keyword}/{idx}"),
                &variant_hint,
            );
            let reference = match variant {
                ReferenceOr::Reference { reference } => Some(reference.clone()),
                ReferenceOr::Item(_) => None,
            };
            if ty != TypeRef::Unit && !lowered.iter().any(|(known, _)| known == &ty) {
                lowered.push((ty, reference));
            }
        }
        // `oneOf: [T, null]` is a nullable T, and alternatives that lower alike are one type.
        if lowered.len() <= 1 {
            return lowered
                .pop()
                .map(|(ty, _)| ty)
                .unwrap_or(TypeRef::Json { fallback: None });
        }
        if view.is_object() {
            self.warn(pointer, "object properties beside `oneOf`/`anyOf` are ignored; the alternatives carry the type");
        }
        let id = self.declare(pointer, hint, component);
        let mut names = NameScope::new();
        let discriminator = view.data.discriminator.as_ref();
        // A discriminator is honoured when every alternative is a referenced object the tag can select.
        let tagged = discriminator.filter(|_| {
            lowered.iter().all(|(ty, reference)| {
                reference.is_some() && matches!(ty, TypeRef::Named(id) if matches!(self.table.types[id.0].kind, TypeKind::Struct(_)))
            })
        });
        let variants = lowered
            .into_iter()
            .map(|(ty, reference)| {
                let tag_values = match (tagged, &reference) {
                    (Some(discriminator), Some(reference)) => tag_values(discriminator, reference),
                    _ => Vec::new(),
                };
                UnionVariant {
                    rust_name: names.claim(self.variant_name(&ty)),
                    tag_values,
                    ty: unbox(ty),
                }
            })
            .collect();
        let tag = tagged.map(|discriminator| UnionTag {
            property: discriminator.property_name.clone(),
            unknown_variant: names.claim(String::from("Unknown")),
        });
        self.finish(id, component, TypeKind::Union(Union { tag, variants }))
    }

    /// Reserves a named type so references made while lowering its body can point at it.
    fn declare(&mut self, pointer: &str, hint: &NameHint, component: Option<&str>) -> TypeId {
        let id = TypeId(self.table.types.len());
        let name = match component.and_then(|component| self.table.component_names.get(component)) {
            Some(name) => name.clone(),
            None if !self.table.names.is_taken(&pascal_ident(&hint.short)) => {
                self.table.names.claim(pascal_ident(&hint.short))
            }
            None => self.table.names.claim(pascal_ident(&hint.qualified)),
        };
        let docs = self.schema_docs_at(pointer);
        self.table.types.push(TypeDef {
            id,
            name,
            pointer: pointer.to_owned(),
            docs,
            kind: TypeKind::Struct(Struct {
                fields: Vec::new(),
                aliases: Vec::new(),
                additional: None,
            }),
            used_in_request: false,
            used_in_response: false,
        });
        if let Some(component) = component {
            self.table
                .by_pointer
                .insert(component.to_owned(), TypeRef::Named(id));
            self.table.in_progress.push(component.to_owned());
        }
        id
    }

    fn finish(&mut self, id: TypeId, component: Option<&str>, kind: TypeKind) -> TypeRef {
        self.table.types[id.0].kind = kind;
        if let Some(component) = component {
            self.table
                .in_progress
                .retain(|pointer| pointer != component);
        }
        TypeRef::Named(id)
    }

    /// The docs of the schema at `pointer`, read from the raw tree (the typed one may be a clone).
    fn schema_docs_at(&self, pointer: &str) -> Docs {
        let raw = pointer
            .strip_prefix('#')
            .and_then(|pointer| self.resolver.document().raw.pointer(pointer));
        let description = raw
            .and_then(|raw| raw.get("description"))
            .and_then(|value| value.as_str());
        Docs {
            description: description.map(str::to_owned),
            deprecated: raw
                .filter(|raw| raw.get("deprecated") == Some(&serde_json::Value::Bool(true)))
                .map(|raw| Deprecation {
                    note: raw
                        .get("x-stainless-deprecation-message")
                        .and_then(|v| v.as_str())
                        .map(str::to_owned),
                    sunset: raw
                        .get("x-sunset")
                        .and_then(|v| v.as_str())
                        .map(str::to_owned),
                }),
            ..Docs::default()
        }
    }

    fn merge_object(
        &mut self,
        schema: &Schema,
        pointer: &str,
        merged: &mut MergedObject,
        depth: usize,
    ) {
        if depth > MAX_ALL_OF_DEPTH {
            self.warn(
                pointer,
                "`allOf` nests too deeply (a cycle?); the remaining parts are ignored",
            );
            return;
        }
        let view = SchemaView::of(schema);
        for (idx, part) in view.all_of.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{idx}");
            let resolved = match part {
                ReferenceOr::Item(schema) => {
                    Some((std::borrow::Cow::Borrowed(schema), part_pointer))
                }
                ReferenceOr::Reference { reference } => {
                    match self.resolver.schema_reference(reference) {
                        Ok(resolved) => Some((resolved.value, reference.clone())),
                        Err(error) => {
                            self.warn(&part_pointer, &format!("`allOf` part skipped: {error}"));
                            None
                        }
                    }
                }
            };
            if let Some((part_schema, part_pointer)) = resolved {
                self.merge_object(&part_schema, &part_pointer, merged, depth + 1);
            }
        }
        self.merge_view(&view, pointer, merged);
    }

    fn merge_view(&mut self, view: &SchemaView, pointer: &str, merged: &mut MergedObject) {
        merged.any_object_part |= view.is_object();
        for (name, property) in view.properties.into_iter().flatten() {
            let property_pointer = format!("{pointer}/properties/{}", escape_segment(name));
            // A later (more specific) definition replaces an earlier one but keeps its position.
            merged
                .properties
                .insert(name.clone(), (property.clone(), property_pointer));
        }
        merged.required.extend(view.required.iter().cloned());
        if view.additional.is_some() {
            merged.additional = view.additional.cloned();
        }
    }

    /// Recognises a response envelope: an object (after `allOf` merging) with `success` and `result`.
    pub fn envelope_parts(
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
        self.merge_object(&schema, &pointer, &mut merged, 0);
        if !merged.properties.contains_key("success") {
            return None;
        }
        let (result, result_pointer) = merged.properties.get("result")?.clone();
        Some(EnvelopeParts {
            result,
            result_pointer,
            has_result_info: merged.properties.contains_key("result_info"),
        })
    }

    /// Docs, constraints and flags of a property, falling back to what it references or wraps.
    pub fn facts(&self, item: &ReferenceOr<Box<Schema>>) -> Facts {
        match item {
            ReferenceOr::Reference { reference } => self.facts_of_reference(reference, 0),
            ReferenceOr::Item(schema) => self.facts_of_schema(schema, 0),
        }
    }

    pub fn facts_of_schema_item(&self, item: &ReferenceOr<Schema>) -> Facts {
        match item {
            ReferenceOr::Reference { reference } => self.facts_of_reference(reference, 0),
            ReferenceOr::Item(schema) => self.facts_of_schema(schema, 0),
        }
    }

    fn facts_of_reference(&self, reference: &str, depth: usize) -> Facts {
        match self.resolver.schema_reference(reference) {
            Ok(resolved) if depth < MAX_ALL_OF_DEPTH => {
                self.facts_of_schema(&resolved.value, depth + 1)
            }
            _ => Facts::default(),
        }
    }

    fn facts_of_schema(&self, schema: &Schema, depth: usize) -> Facts {
        let view = SchemaView::of(schema);
        // A wrapper (one shaped `allOf` part plus annotation-only parts) shows the wrapped
        // schema's facts, with the annotations' descriptions in front.
        let shaped = shaped_parts(&view);
        let mut inner = match shaped.as_slice() {
            [(_, ReferenceOr::Reference { reference })] if depth < MAX_ALL_OF_DEPTH => {
                self.facts_of_reference(reference, depth + 1)
            }
            [(_, ReferenceOr::Item(inner))] if depth < MAX_ALL_OF_DEPTH => {
                self.facts_of_schema(inner, depth + 1)
            }
            _ => Facts::default(),
        };
        let annotation = view.all_of.iter().find_map(|part| match part {
            ReferenceOr::Item(part) if is_annotation_only(&ReferenceOr::Item(part.clone())) => {
                part.schema_data.description.clone()
            }
            _ => None,
        });
        if annotation.is_some() {
            inner.docs.description = annotation;
        }
        let data = view.data;
        let deprecated = data.deprecated.then(|| Deprecation {
            note: view
                .extension_str("x-stainless-deprecation-message")
                .or(view.extension_str("x-deprecation-message"))
                .map(str::to_owned),
            sunset: view.extension_str("x-sunset").map(str::to_owned),
        });
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
            constraints: match own_constraints == Constraints::default() {
                true => inner.constraints,
                false => own_constraints,
            },
            nullable: data.nullable || inner.nullable || offers_null(&view),
            read_only: data.read_only || inner.read_only,
            write_only: data.write_only || inner.write_only,
            alias_of,
        }
    }

    fn variant_name(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => self.table.types[id.0].name.clone(),
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
    match mapped.is_empty() {
        true => vec![schema_name.to_owned()],
        false => mapped,
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
    let ReferenceOr::Item(schema) = part else {
        return false;
    };
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
    match shared {
        true => prefix.to_owned(),
        false => String::new(),
    }
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
