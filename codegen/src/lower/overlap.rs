//! Orders the alternatives of an untagged union from most to least specific, and finds the
//! pairs that can still accept the same value.
//!
//! serde tries untagged alternatives in order and keeps the first that decodes, so an
//! alternative that accepts what a later one does takes that value from it. Ordering puts a
//! constant before a formatted string before any string, an integer before a number, an object
//! with more required properties before one with fewer (then more declared ones first), maps
//! after objects, and any JSON value last; alternatives of different JSON kinds keep the
//! document's order, since no value is both.
//! What the order cannot settle (two open enums, two objects that require the same properties)
//! is returned for lowering to report. Knows only the IR's shapes.

use crate::ir::{Presence, Struct, TypeId, TypeKind, TypeRef};

/// Looks up the kind of a declared type; `None` while its body is still being lowered.
pub type KindOf<'a> = dyn Fn(TypeId) -> Option<&'a TypeKind> + 'a;

/// Two alternatives, by their index after ordering, that can both accept one value, and why.
#[derive(Debug, PartialEq)]
pub struct Overlap {
    pub earlier: usize,
    pub later: usize,
    pub reason: &'static str,
}

/// What an alternative accepts, as far as order and overlap go.
#[derive(Clone, Debug)]
enum Shape<'a> {
    Const(&'a str),
    /// A string in one `format` (uuid, date-time, date, byte).
    Formatted(std::mem::Discriminant<TypeRef>),
    /// Any string: `String`, or an open enum, which keeps unknown values.
    AnyString,
    Bool,
    Integer,
    Number,
    Array(Box<Shape<'a>>),
    Object(&'a Struct),
    Map(Box<Shape<'a>>),
    Any,
    /// A nested union, a binary body or a type still being lowered: neither moved nor compared.
    Opaque,
}

/// The order in which to list `types`: most specific first within each JSON kind, kinds where
/// the document put them, any JSON value last.
pub fn specific_order(types: &[&TypeRef], kind_of: &KindOf) -> Vec<usize> {
    let shapes: Vec<Shape> = types.iter().map(|ty| shape_of(ty, kind_of)).collect();
    let mut order: Vec<usize> = (0..shapes.len()).collect();
    for family in 0..FAMILIES {
        let positions: Vec<usize> = (0..order.len())
            .filter(|&position| family_of(&shapes[order[position]]) == family)
            .collect();
        let mut members: Vec<usize> = positions.iter().map(|&position| order[position]).collect();
        members.sort_by_key(|&idx| specificity(&shapes[idx]));
        for (position, member) in positions.into_iter().zip(members) {
            order[position] = member;
        }
    }
    // Any JSON value accepts everything, so it can only come last.
    let (any, mut rest): (Vec<usize>, Vec<usize>) = order
        .into_iter()
        .partition(|&idx| matches!(shapes[idx], Shape::Any));
    rest.extend(any);
    rest
}

/// The pairs of `types` (already in their final order) where the earlier one accepts every
/// value the later one does, so the later one decodes only what the earlier one refuses.
pub fn overlaps(types: &[&TypeRef], kind_of: &KindOf) -> Vec<Overlap> {
    let shapes: Vec<Shape> = types.iter().map(|ty| shape_of(ty, kind_of)).collect();
    let mut found = Vec::new();
    for (earlier, first) in shapes.iter().enumerate() {
        for (later, second) in shapes.iter().enumerate().skip(earlier + 1) {
            if let Some(reason) = ambiguity(first, second, kind_of) {
                found.push(Overlap {
                    earlier,
                    later,
                    reason,
                });
            }
        }
    }
    found
}

const FAMILIES: usize = 7;

fn family_of(shape: &Shape) -> usize {
    match shape {
        Shape::Const(_) | Shape::Formatted(_) | Shape::AnyString => 0,
        Shape::Integer | Shape::Number => 1,
        Shape::Bool => 2,
        Shape::Array(_) => 3,
        Shape::Object(_) | Shape::Map(_) => 4,
        Shape::Any => 5,
        Shape::Opaque => 6,
    }
}

/// Lower is more specific, within one family. Of two objects requiring as many properties, the
/// one declaring more goes first: when it declares the other's too, it decodes the other's
/// values without loss, where the other would drop its extra properties.
fn specificity(shape: &Shape) -> (usize, usize, usize) {
    match shape {
        Shape::Const(_) | Shape::Integer => (0, 0, 0),
        Shape::Formatted(_) | Shape::Number => (1, 0, 0),
        Shape::AnyString => (2, 0, 0),
        Shape::Object(object) => (
            0,
            usize::MAX - required(object).len(),
            usize::MAX - object.fields.len(),
        ),
        Shape::Map(_) => (1, 0, 0),
        Shape::Bool | Shape::Array(_) | Shape::Any | Shape::Opaque => (0, 0, 0),
    }
}

fn shape_of<'a>(ty: &TypeRef, kind_of: &KindOf<'a>) -> Shape<'a> {
    shape_within(ty, kind_of, 0)
}

/// A newtype can hold itself (`Forest(Vec<Forest>)`), so the walk gives up a few levels down.
fn shape_within<'a>(ty: &TypeRef, kind_of: &KindOf<'a>, depth: usize) -> Shape<'a> {
    if depth > 4 {
        return Shape::Opaque;
    }
    let shape_of = |inner: &TypeRef| shape_within(inner, kind_of, depth + 1);
    match ty {
        TypeRef::String => Shape::AnyString,
        TypeRef::DateTime | TypeRef::Date | TypeRef::Uuid | TypeRef::Base64 => {
            Shape::Formatted(std::mem::discriminant(ty))
        }
        TypeRef::Bool => Shape::Bool,
        TypeRef::Integer(_) => Shape::Integer,
        TypeRef::Number => Shape::Number,
        TypeRef::Array(items) => Shape::Array(Box::new(shape_of(items))),
        TypeRef::Map(values) => Shape::Map(Box::new(shape_of(values))),
        TypeRef::JsonObject => Shape::Map(Box::new(Shape::Any)),
        TypeRef::Json { .. } => Shape::Any,
        TypeRef::Boxed(inner) => shape_of(inner),
        TypeRef::Named(id) => match kind_of(*id) {
            Some(TypeKind::Const(constant)) => Shape::Const(&constant.wire_value),
            Some(TypeKind::Enum(_)) => Shape::AnyString,
            Some(TypeKind::Struct(object)) => Shape::Object(object),
            Some(TypeKind::Newtype(inner)) => shape_of(inner),
            Some(TypeKind::Union(_)) | None => Shape::Opaque,
        },
        TypeRef::Binary | TypeRef::File | TypeRef::Unit => Shape::Opaque,
    }
}

/// Why `first`, tried before `second`, leaves a value both accept undecided, if it does.
fn ambiguity<'a>(
    first: &Shape<'a>,
    second: &Shape<'a>,
    kind_of: &KindOf<'a>,
) -> Option<&'static str> {
    match (first, second) {
        (Shape::Const(one), Shape::Const(other)) => {
            (one == other).then_some("both are the same constant")
        }
        (Shape::AnyString, Shape::AnyString) => {
            Some("both accept every string, since an enum keeps unknown values")
        }
        (Shape::Integer, Shape::Integer) => Some("both accept whole numbers"),
        (Shape::Array(one), Shape::Array(other)) => ambiguity(one, other, kind_of)
            .map(|_| "their items can be the same value, and every list variant holds `[]` alike"),
        (Shape::Map(one), Shape::Map(other)) => ambiguity(one, other, kind_of)
            .map(|_| "their values can be the same, and every map variant holds `{}` alike"),
        (Shape::Object(one), Shape::Object(other)) => objects_ambiguity(one, other, kind_of),
        _ => None,
    }
}

/// Objects ignore properties they do not declare, so the earlier of two takes every value with
/// the properties it requires. That hides the later one when they require the same ones and no
/// shared property tells them apart; when each requires one the other does not, a value valid
/// for only one of them decodes as that one, and one with both fits either, as `anyOf` allows.
/// A shared property that cannot hold the same value in both (Cloudflare's firewall
/// configurations pin an optional `target` to `ip`, `ip6`, …) tells them apart even when it is
/// optional: a value without it is ambiguous, but the property is how the document separates
/// them, and reporting every such union would bury the warnings that matter.
fn objects_ambiguity<'a>(
    first: &'a Struct,
    second: &'a Struct,
    kind_of: &KindOf<'a>,
) -> Option<&'static str> {
    let exclusive = first.fields.iter().any(|field| {
        second.fields.iter().any(|other| {
            field.wire_name == other.wire_name && scalars_disjoint(&field.ty, &other.ty, kind_of)
        })
    });
    let mut first_required = required(first);
    let mut second_required = required(second);
    first_required.sort_unstable();
    second_required.sort_unstable();
    (!exclusive && first_required == second_required).then_some(
        "both require the same properties, and an object ignores the ones it does not declare",
    )
}

/// Whether two property types can never hold the same value, judged on scalars only.
fn scalars_disjoint(first: &TypeRef, second: &TypeRef, kind_of: &KindOf) -> bool {
    let (one, other) = (shape_of(first, kind_of), shape_of(second, kind_of));
    match (&one, &other) {
        (Shape::Opaque, _) | (_, Shape::Opaque) | (Shape::Any, _) | (_, Shape::Any) => false,
        (Shape::Const(a), Shape::Const(b)) => a != b,
        (Shape::Formatted(a), Shape::Formatted(b)) => a != b,
        _ => family_of(&one) != family_of(&other),
    }
}

fn required(object: &Struct) -> Vec<&str> {
    object
        .fields
        .iter()
        .filter(|field| is_required(field.presence))
        .map(|field| field.wire_name.as_str())
        .collect()
}

fn is_required(presence: Presence) -> bool {
    matches!(presence, Presence::Required | Presence::RequiredNullable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Const, Constraints, Docs, Field, IntegerKind};

    fn field(name: &str, ty: TypeRef, presence: Presence) -> Field {
        Field {
            wire_name: name.to_owned(),
            rust_name: name.to_owned(),
            ty,
            presence,
            docs: Docs::default(),
            constraints: Constraints::default(),
            read_only: false,
            write_only: false,
            pointer: String::new(),
        }
    }

    fn object(fields: Vec<Field>) -> TypeKind {
        TypeKind::Struct(Struct {
            fields,
            ..Struct::default()
        })
    }

    fn constant(value: &str) -> TypeKind {
        TypeKind::Const(Const {
            wire_value: value.to_owned(),
            pointer: String::new(),
        })
    }

    fn named(idx: usize) -> TypeRef {
        TypeRef::Named(TypeId::from_index(idx))
    }

    #[test]
    fn scalars_go_most_specific_first_within_their_kind_and_any_value_last() {
        let types = [
            TypeRef::Json { fallback: None },
            TypeRef::Number,
            TypeRef::String,
            TypeRef::Bool,
            TypeRef::Integer(IntegerKind::I64),
            TypeRef::Uuid,
        ];
        let refs: Vec<&TypeRef> = types.iter().collect();
        let no_kinds = |_: TypeId| None;

        assert_eq!(specific_order(&refs, &no_kinds), [4, 5, 3, 1, 2, 0]);
        assert_eq!(overlaps(&refs, &no_kinds), []);
    }

    #[test]
    fn a_newtype_holding_itself_is_compared_without_end() {
        let kinds = [TypeKind::Newtype(TypeRef::Array(Box::new(named(0))))];
        let kind_of = |id: TypeId| kinds.get(id.index());
        let forest = named(0);
        let trees = TypeRef::Array(Box::new(named(0)));

        assert_eq!(specific_order(&[&forest, &trees], &kind_of), [0, 1]);
        assert_eq!(overlaps(&[&forest, &trees], &kind_of), []);
    }

    #[test]
    fn objects_requiring_the_same_properties_overlap_unless_a_pinned_property_parts_them() {
        let value = || field("value", TypeRef::String, Presence::Required);
        let target = |idx| field("target", named(idx), Presence::Optional);
        let kinds = [
            constant("ip"),
            constant("ip6"),
            object(vec![target(0), value()]),
            object(vec![target(1), value()]),
            object(vec![value()]),
            object(vec![
                value(),
                field("mask", TypeRef::String, Presence::Required),
            ]),
        ];
        let kind_of = |id: TypeId| kinds.get(id.index());
        let (ip, ip6, bare, masked) = (named(2), named(3), named(4), named(5));

        assert_eq!(overlaps(&[&ip, &ip6], &kind_of), []);
        assert_eq!(specific_order(&[&bare, &masked], &kind_of), [1, 0]);
        assert_eq!(specific_order(&[&bare, &ip], &kind_of), [1, 0]);
        assert_eq!(overlaps(&[&masked, &bare], &kind_of), []);
        let found = overlaps(&[&ip, &bare], &kind_of);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].earlier, found[0].later), (0, 1));
    }
}
