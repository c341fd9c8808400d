//! Compares the named types two APIs declare: structs field by field, enums value by value,
//! unions alternative by alternative, plus renames, removals, constraints and docs.
//!
//! A type's changes are reported once, where it is declared, never at each use; use sites only
//! ask [`Apis::same_type`] whether they still name the same type. Operations are left to
//! the `operations` module.

use std::collections::BTreeMap;

use super::change::{Changes, Pointers};
use super::impact::{Impact, Side};
use super::matching::{type_label, Apis};
use super::rules::Rule;
use crate::ir::{
    Api, Bound, Constraints, Docs, Enum, Field, Presence, Struct, TypeDef, TypeKind, TypeRef, Union,
};

/// Reports every added, removed and changed named type.
pub fn diff_types(apis: &Apis<'_>, changes: &mut Changes) {
    for id in apis.removed_types() {
        let type_def = apis.old.type_def(id);
        changes.record(
            Rule::TypeRemoved,
            side_of(&[type_def]),
            Pointers::old(&type_def.pointer),
            format!("type `{}` removed", type_def.name),
        );
    }
    for id in apis.added_types() {
        let type_def = apis.new.type_def(id);
        changes.record(
            Rule::TypeAdded,
            side_of(&[type_def]),
            Pointers::new(&type_def.pointer),
            format!("type `{}` added", type_def.name),
        );
    }
    for (old_id, new_id) in apis.type_pairs() {
        diff_type_def(
            apis,
            apis.old.type_def(old_id),
            apis.new.type_def(new_id),
            changes,
        );
    }
}

/// Which change to constraints makes values valid that were not (loosened) or the reverse.
#[derive(Debug, Default)]
pub struct ConstraintDiff {
    pub tightened: Vec<&'static str>,
    pub loosened: Vec<&'static str>,
}

/// Compares two sets of constraints keyword by keyword.
pub fn diff_constraints(old: &Constraints, new: &Constraints) -> ConstraintDiff {
    let mut diff = ConstraintDiff::default();
    let mut lower = |name, old: Option<f64>, new: Option<f64>| match (old, new) {
        (None, Some(_)) => diff.tightened.push(name),
        (Some(_), None) => diff.loosened.push(name),
        (Some(old), Some(new)) if new > old => diff.tightened.push(name),
        (Some(old), Some(new)) if new < old => diff.loosened.push(name),
        _ => {}
    };
    let as_f64 = |value: Option<usize>| value.map(|value| value as f64);
    lower("minLength", as_f64(old.min_length), as_f64(new.min_length));
    lower("minItems", as_f64(old.min_items), as_f64(new.min_items));
    lower(
        "minimum",
        lower_bound(old.minimum),
        lower_bound(new.minimum),
    );
    // An upper bound tightens as it falls, so compare negated values.
    let negate = |value: Option<f64>| value.map(|value| -value);
    lower(
        "maxLength",
        negate(as_f64(old.max_length)),
        negate(as_f64(new.max_length)),
    );
    lower(
        "maxItems",
        negate(as_f64(old.max_items)),
        negate(as_f64(new.max_items)),
    );
    lower(
        "maximum",
        upper_bound(old.maximum),
        upper_bound(new.maximum),
    );
    match (&old.pattern, &new.pattern) {
        (Some(_), None) => diff.loosened.push("pattern"),
        (old, new) if old != new => diff.tightened.push("pattern"),
        _ => {}
    }
    match (old.multiple_of, new.multiple_of) {
        (Some(_), None) => diff.loosened.push("multipleOf"),
        (old, new) if old != new => diff.tightened.push("multipleOf"),
        _ => {}
    }
    diff
}

/// Records constraint changes of the value at `pointers`, described by `what`.
pub fn record_constraints(
    changes: &mut Changes,
    side: Side,
    pointers: Pointers<'_>,
    what: &str,
    (old, new): (&Constraints, &Constraints),
) {
    let diff = diff_constraints(old, new);
    if !diff.tightened.is_empty() {
        changes.record(
            Rule::ConstraintTightened,
            side,
            pointers,
            format!(
                "{what}: constraints tightened ({})",
                diff.tightened.join(", ")
            ),
        );
    }
    if !diff.loosened.is_empty() {
        changes.record(
            Rule::ConstraintLoosened,
            side,
            pointers,
            format!(
                "{what}: constraints loosened ({})",
                diff.loosened.join(", ")
            ),
        );
    }
}

/// Whether the prose of two docs differs; deprecation is compared on its own.
pub fn docs_differ(old: &Docs, new: &Docs) -> bool {
    let prose = |docs: &Docs| Docs {
        deprecated: None,
        ..docs.clone()
    };
    prose(old) != prose(new)
}

/// The side of a type from where any of its versions is used.
pub fn side_of(type_defs: &[&TypeDef]) -> Side {
    Side::of_usage(
        type_defs.iter().any(|type_def| type_def.used_in_request),
        type_defs.iter().any(|type_def| type_def.used_in_response),
    )
}

fn diff_type_def(apis: &Apis<'_>, old: &TypeDef, new: &TypeDef, changes: &mut Changes) {
    let side = side_of(&[old, new]);
    let pointers = Pointers::both(&old.pointer, &new.pointer);
    if old.name != new.name {
        changes.record(
            Rule::TypeRenamed,
            side,
            pointers,
            format!("type `{}` renamed to `{}`", old.name, new.name),
        );
    }
    if docs_differ(&old.docs, &new.docs) {
        changes.record(
            Rule::DocsChanged,
            side,
            pointers,
            format!("docs of type `{}` changed", new.name),
        );
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(old_struct), TypeKind::Struct(new_struct)) => {
            diff_struct(apis, (old, old_struct), (new, new_struct), changes)
        }
        (TypeKind::Enum(old_enum), TypeKind::Enum(new_enum)) => {
            diff_enum(new, side, (old_enum, new_enum), changes)
        }
        (TypeKind::Union(old_union), TypeKind::Union(new_union))
            if old_union.tag.is_some() == new_union.tag.is_some() =>
        {
            diff_union(apis, new, side, (old_union, new_union), changes)
        }
        (TypeKind::Const(_) | TypeKind::Enum(_), TypeKind::Const(_) | TypeKind::Enum(_)) => {
            diff_constant(new, (side, pointers), (&old.kind, &new.kind), changes)
        }
        (TypeKind::Newtype(old_inner), TypeKind::Newtype(new_inner)) => {
            diff_wrapper(apis, (old, old_inner), (new, new_inner), changes)
        }
        _ => changes.record(
            Rule::TypeKindChanged,
            side,
            pointers,
            format!(
                "type `{}` changed kind ({} → {})",
                new.name,
                kind_word(&old.kind),
                kind_word(&new.kind)
            ),
        ),
    }
}

/// A constant (a one-value enum, emitted as a unit struct) against a constant or an enum.
/// Enum against enum is [`diff_enum`]'s.
fn diff_constant(
    type_def: &TypeDef,
    (side, pointers): (Side, Pointers<'_>),
    (old, new): (&TypeKind, &TypeKind),
    changes: &mut Changes,
) {
    let name = &type_def.name;
    let values = |kind: &TypeKind| -> Vec<String> {
        match kind {
            TypeKind::Const(constant) => vec![format!("`{}`", constant.wire_value)],
            TypeKind::Enum(values) => values
                .variants
                .iter()
                .map(|variant| format!("`{}`", variant.wire_value))
                .collect(),
            _ => Vec::new(),
        }
    };
    let (rule, summary) = match (old, new) {
        (TypeKind::Const(old_const), TypeKind::Const(new_const)) => {
            if old_const.wire_value == new_const.wire_value {
                return;
            }
            (
                Rule::ConstValueChanged,
                format!(
                    "constant `{name}` is `{}` instead of `{}` (same unit struct)",
                    new_const.wire_value, old_const.wire_value
                ),
            )
        }
        (TypeKind::Const(_), TypeKind::Enum(_)) => (
            Rule::ConstBecameEnum,
            format!(
                "constant `{name}` became an enum of {} (unit struct → enum; a required field of it becomes a `new` argument)",
                values(new).join(", ")
            ),
        ),
        (TypeKind::Enum(_), TypeKind::Const(_)) => (
            Rule::EnumBecameConst,
            format!(
                "enum `{name}` kept only {} and became a constant (enum → unit struct)",
                values(new).join(", ")
            ),
        ),
        _ => return,
    };
    changes.record(rule, side, pointers, summary);
}

/// A wrapper (`pub struct Tree(pub Vec<Tree>)`, a recursive array or map): its inner type is
/// its one public field, `.0`.
fn diff_wrapper(
    apis: &Apis<'_>,
    (old_def, old): (&TypeDef, &TypeRef),
    (new_def, new): (&TypeDef, &TypeRef),
    changes: &mut Changes,
) {
    if apis.same_type(old, new) {
        return;
    }
    changes.record(
        Rule::FieldTypeChanged,
        side_of(&[old_def, new_def]),
        Pointers::both(&old_def.pointer, &new_def.pointer),
        format!(
            "field `{}.0` of the wrapper changed type ({} → {})",
            new_def.name,
            type_label(apis.old, old),
            type_label(apis.new, new)
        ),
    );
}

fn diff_struct(
    apis: &Apis<'_>,
    (old_def, old): (&TypeDef, &Struct),
    (new_def, new): (&TypeDef, &Struct),
    changes: &mut Changes,
) {
    let side = side_of(&[old_def, new_def]);
    let name = &new_def.name;
    let new_fields: BTreeMap<&str, &Field> = new
        .fields
        .iter()
        .map(|field| (field.wire_name.as_str(), field))
        .collect();
    for old_field in &old.fields {
        match new_fields.get(old_field.wire_name.as_str()) {
            Some(new_field) => {
                diff_field(apis, (old_def, old_field), (new_def, new_field), changes)
            }
            None => changes.record(
                Rule::FieldRemoved,
                side,
                Pointers::old(&old_field.pointer),
                format!("field {} removed", field_label(name, old_field)),
            ),
        }
    }
    for new_field in &new.fields {
        if old
            .fields
            .iter()
            .any(|field| field.wire_name == new_field.wire_name)
        {
            continue;
        }
        let (rule, word) = if is_optional(new_field.presence) {
            (Rule::FieldAddedOptional, "optional")
        } else {
            (Rule::FieldAddedRequired, "required")
        };
        changes.record(
            rule,
            side,
            Pointers::new(&new_field.pointer),
            format!("{word} field {} added", field_label(name, new_field)),
        );
    }
    if derives_default(old) && !derives_default(new) {
        changes.record(
            Rule::DefaultLost,
            side,
            Pointers::both(&old_def.pointer, &new_def.pointer),
            format!("`{name}` no longer implements `Default` (it has a required field now)"),
        );
    }
    diff_struct_extras(apis, (old_def, old), (new_def, new), changes);
}

/// `additionalProperties` and deprecated aliases.
fn diff_struct_extras(
    apis: &Apis<'_>,
    (old_def, old): (&TypeDef, &Struct),
    (new_def, new): (&TypeDef, &Struct),
    changes: &mut Changes,
) {
    let side = side_of(&[old_def, new_def]);
    let pointers = Pointers::both(&old_def.pointer, &new_def.pointer);
    let name = &new_def.name;
    match (&old.additional, &new.additional) {
        (None, Some(_)) => changes.record(
            Rule::AdditionalPropertiesAdded,
            side,
            pointers,
            format!("`{name}` now keeps additional properties"),
        ),
        (Some(_), None) => changes.record(
            Rule::AdditionalPropertiesRemoved,
            side,
            pointers,
            format!("`{name}` no longer keeps additional properties"),
        ),
        (Some(old_ty), Some(new_ty)) if !apis.same_type(old_ty, new_ty) => changes.record(
            Rule::FieldTypeChanged,
            side,
            pointers,
            format!(
                "additional properties of `{name}` changed type ({} → {})",
                type_label(apis.old, old_ty),
                type_label(apis.new, new_ty)
            ),
        ),
        _ => {}
    }
    for alias in &old.aliases {
        if !new
            .aliases
            .iter()
            .any(|other| other.wire_name == alias.wire_name)
        {
            changes.record(
                Rule::AliasRemoved,
                side,
                Pointers::old(&alias.pointer),
                format!(
                    "deprecated alias `{}` of `{name}.{}` removed",
                    alias.wire_name, alias.target_rust_name
                ),
            );
        }
    }
    for alias in &new.aliases {
        if !old
            .aliases
            .iter()
            .any(|other| other.wire_name == alias.wire_name)
        {
            changes.record(
                Rule::AliasAdded,
                side,
                Pointers::new(&alias.pointer),
                format!(
                    "deprecated alias `{}` of `{name}.{}` added",
                    alias.wire_name, alias.target_rust_name
                ),
            );
        }
    }
}

fn diff_field(
    apis: &Apis<'_>,
    (old_def, old): (&TypeDef, &Field),
    (new_def, new): (&TypeDef, &Field),
    changes: &mut Changes,
) {
    let side = side_of(&[old_def, new_def]);
    let pointers = Pointers::both(&old.pointer, &new.pointer);
    let what = format!("field `{}.{}`", new_def.name, new.rust_name);
    if old.rust_name != new.rust_name {
        changes.record(
            Rule::FieldRenamedInRust,
            side,
            pointers,
            format!(
                "field `{}.{}` renamed to `{}` in Rust (same wire name)",
                new_def.name, old.rust_name, new.rust_name
            ),
        );
    }
    if !apis.same_type(&old.ty, &new.ty) {
        changes.record(
            Rule::FieldTypeChanged,
            side,
            pointers,
            format!(
                "{what} changed type ({} → {})",
                type_label(apis.old, &old.ty),
                type_label(apis.new, &new.ty)
            ),
        );
    }
    diff_presence(apis, side, (old_def, old), (new_def, new), changes);
    record_constraints(
        changes,
        side,
        pointers,
        &what,
        (&old.constraints, &new.constraints),
    );
    match (&old.docs.deprecated, &new.docs.deprecated) {
        (None, Some(_)) => changes.record(
            Rule::FieldDeprecated,
            side,
            pointers,
            format!("{what} deprecated"),
        ),
        (Some(_), None) => changes.record(
            Rule::FieldUndeprecated,
            side,
            pointers,
            format!("{what} no longer deprecated"),
        ),
        _ => {}
    }
    if docs_differ(&old.docs, &new.docs) {
        changes.record(
            Rule::DocsChanged,
            side,
            pointers,
            format!("docs of {what} changed"),
        );
    }
}

/// Requiredness and nullability; the Rust judgement is major only if the emitted field changes.
fn diff_presence(
    apis: &Apis<'_>,
    side: Side,
    (old_def, old): (&TypeDef, &Field),
    (new_def, new): (&TypeDef, &Field),
    changes: &mut Changes,
) {
    let (old_optional, new_optional) = (is_optional(old.presence), is_optional(new.presence));
    let (old_nullable, new_nullable) = (is_nullable(old.presence), is_nullable(new.presence));
    let (rule, word) = if old_optional != new_optional {
        if new_optional {
            (Rule::FieldBecameOptional, "became optional")
        } else {
            (Rule::FieldBecameRequired, "became required")
        }
    } else if old_nullable != new_nullable {
        if new_nullable {
            (Rule::FieldBecameNullable, "became nullable")
        } else {
            (Rule::FieldBecameNonNullable, "is no longer nullable")
        }
    } else {
        return;
    };
    let rust = if field_shape(apis.old, old_def, old) == field_shape(apis.new, new_def, new) {
        Impact::Patch
    } else {
        Impact::Major
    };
    changes.record_with_rust(
        rule,
        side,
        Pointers::both(&old.pointer, &new.pointer),
        format!("field `{}.{}` {word}", new_def.name, new.rust_name),
        rust,
    );
}

fn diff_enum(type_def: &TypeDef, side: Side, (old, new): (&Enum, &Enum), changes: &mut Changes) {
    let name = &type_def.name;
    for variant in &old.variants {
        match new
            .variants
            .iter()
            .find(|other| other.wire_value == variant.wire_value)
        {
            None => changes.record(
                Rule::EnumValueRemoved,
                side,
                Pointers::old(&variant.pointer),
                format!("value `{}` removed from enum `{name}`", variant.wire_value),
            ),
            Some(other) if other.rust_name != variant.rust_name => changes.record(
                Rule::EnumVariantRenamed,
                side,
                Pointers::both(&variant.pointer, &other.pointer),
                format!(
                    "variant `{name}::{}` renamed to `{}`",
                    variant.rust_name, other.rust_name
                ),
            ),
            Some(other) if docs_differ(&variant.docs, &other.docs) => changes.record(
                Rule::DocsChanged,
                side,
                Pointers::both(&variant.pointer, &other.pointer),
                format!("docs of `{name}::{}` changed", other.rust_name),
            ),
            Some(_) => {}
        }
    }
    for variant in &new.variants {
        if !old
            .variants
            .iter()
            .any(|other| other.wire_value == variant.wire_value)
        {
            changes.record(
                Rule::EnumValueAdded,
                side,
                Pointers::new(&variant.pointer),
                format!("value `{}` added to enum `{name}`", variant.wire_value),
            );
        }
    }
    if old.unknown_variant != new.unknown_variant {
        changes.record(
            Rule::EnumVariantRenamed,
            side,
            Pointers::both(&type_def.pointer, &type_def.pointer),
            format!(
                "catch-all `{name}::{}` renamed to `{}`",
                old.unknown_variant, new.unknown_variant
            ),
        );
    }
}

fn diff_union(
    apis: &Apis<'_>,
    type_def: &TypeDef,
    side: Side,
    (old, new): (&Union, &Union),
    changes: &mut Changes,
) {
    let name = &type_def.name;
    for variant in &old.variants {
        match new
            .variants
            .iter()
            .find(|other| other.rust_name == variant.rust_name)
        {
            None => changes.record(
                Rule::UnionVariantRemoved,
                side,
                Pointers::old(&variant.pointer),
                format!("alternative `{name}::{}` removed", variant.rust_name),
            ),
            Some(other) if !apis.same_type(&variant.ty, &other.ty) => changes.record(
                Rule::UnionVariantTypeChanged,
                side,
                Pointers::both(&variant.pointer, &other.pointer),
                format!(
                    "alternative `{name}::{}` changed type ({} → {})",
                    variant.rust_name,
                    type_label(apis.old, &variant.ty),
                    type_label(apis.new, &other.ty)
                ),
            ),
            Some(_) => {}
        }
    }
    let rule = match new.tag {
        Some(_) => Rule::TaggedUnionVariantAdded,
        None => Rule::UnionVariantAdded,
    };
    for variant in &new.variants {
        if !old
            .variants
            .iter()
            .any(|other| other.rust_name == variant.rust_name)
        {
            changes.record(
                rule,
                side,
                Pointers::new(&variant.pointer),
                format!("alternative `{name}::{}` added", variant.rust_name),
            );
        }
    }
}

/// How emit/models.rs spells a field (`field_type`, `double_option`) and whether `new` takes it.
///
/// This mirrors the emitter's decision; the compile witnesses in `tests/tests/diff_witnesses.rs` fail if
/// the two drift apart.
#[derive(Debug, PartialEq, Eq)]
struct FieldShape {
    in_constructor: bool,
    options: u8,
}

fn field_shape(api: &Api, type_def: &TypeDef, field: &Field) -> FieldShape {
    let options = match field.presence {
        Presence::Required => 0,
        Presence::OptionalNullable if type_def.used_in_request && field.ty != TypeRef::Unit => 2,
        _ => 1,
    };
    FieldShape {
        // A required constant is fixed: `new` fills it in (emit/models.rs `is_fixed`).
        in_constructor: type_def.used_in_request
            && !is_optional(field.presence)
            && !is_constant(api, &field.ty),
        options,
    }
}

/// `` `Pet.tag` ``, and the wire name where it differs: `` `Pet.tag` (`Tag` on the wire) ``.
fn field_label(type_name: &str, field: &Field) -> String {
    if field.wire_name == field.rust_name {
        format!("`{type_name}.{}`", field.rust_name)
    } else {
        format!(
            "`{type_name}.{}` (`{}` on the wire)",
            field.rust_name, field.wire_name
        )
    }
}

fn is_constant(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Const(_)))
}

/// A struct derives `Default` when every field is optional (emit/models.rs `emit_struct`).
fn derives_default(object: &Struct) -> bool {
    object
        .fields
        .iter()
        .all(|field| is_optional(field.presence))
}

fn is_optional(presence: Presence) -> bool {
    matches!(presence, Presence::Optional | Presence::OptionalNullable)
}

fn is_nullable(presence: Presence) -> bool {
    matches!(
        presence,
        Presence::RequiredNullable | Presence::OptionalNullable
    )
}

/// A lower bound as a number that grows as it tightens: an exclusive bound is a hair above the
/// inclusive one at the same value.
fn lower_bound(bound: Option<Bound>) -> Option<f64> {
    bound.map(|bound| bound.value + exclusive_nudge(bound))
}

/// An upper bound negated, so that it too grows as it tightens.
fn upper_bound(bound: Option<Bound>) -> Option<f64> {
    bound.map(|bound| -(bound.value - exclusive_nudge(bound)))
}

fn exclusive_nudge(bound: Bound) -> f64 {
    if bound.exclusive {
        f64::EPSILON * bound.value.abs().max(1.0)
    } else {
        0.0
    }
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(union) if union.tag.is_some() => "tagged union",
        TypeKind::Union(_) => "union",
        TypeKind::Const(_) => "constant",
        TypeKind::Newtype(_) => "wrapper",
    }
}
