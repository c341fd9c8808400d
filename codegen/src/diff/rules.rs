//! The rules: every kind of change the diff reports, and its judgements on the wire and in Rust.
//!
//! The Rust column follows from what `emit/` produces today (see the rules table in
//! ARCHITECTURE.md for the reasoning); the wire column follows the direction a value travels.
//! A leaf: finding changes is left to the `operations`, `types` and `api` modules.

use serde::Serialize;

use super::impact::{Category, Impact, Side};

/// Declares [`Rule`] and [`Rule::ALL`] from one list, so no rule can be left out of `ALL` (and so
/// out of the tests that demand a table row and a fixture pair for every rule).
macro_rules! rules {
    ($($rule:ident,)*) => {
        /// One kind of change. The kebab-case name is part of the JSON output's stable schema.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Rule {
            $($rule,)*
        }

        impl Rule {
            /// Every rule, in the order the rules table lists them.
            pub const ALL: &'static [Rule] = &[$(Rule::$rule,)*];
        }
    };
}

rules! {
    OperationAdded,
    OperationRemoved,
    MethodRenamed,
    OperationMoved,
    OperationDeprecated,
    OperationUndeprecated,
    ParamAddedRequired,
    ParamAddedOptional,
    ParamRemoved,
    ParamBecameRequired,
    ParamBecameOptional,
    PathParamRenamed,
    ParamTypeChanged,
    ParamTypeWidened,
    ParamSetterRenamed,
    ParamStyleChanged,
    BodyAddedRequired,
    BodyAddedOptional,
    BodyRemoved,
    BodyBecameRequired,
    BodyBecameOptional,
    BodyMediaTypeChanged,
    BodyTypeChanged,
    ResponseTypeChanged,
    PaginationAdded,
    PaginationRemoved,
    SuccessStatusesChanged,
    ErrorResponsesChanged,
    ConstraintTightened,
    ConstraintLoosened,
    TypeAdded,
    TypeRemoved,
    TypeRenamed,
    TypeKindChanged,
    FieldAddedOptional,
    FieldAddedRequired,
    FieldRemoved,
    FieldBecameRequired,
    FieldBecameOptional,
    FieldBecameNullable,
    FieldBecameNonNullable,
    FieldTypeChanged,
    FieldRenamedInRust,
    FieldDeprecated,
    FieldUndeprecated,
    DefaultLost,
    AdditionalPropertiesAdded,
    AdditionalPropertiesRemoved,
    AliasAdded,
    AliasRemoved,
    EnumValueAdded,
    EnumValueRemoved,
    EnumVariantRenamed,
    EnumBecameConst,
    ConstBecameEnum,
    ConstValueChanged,
    UnionVariantAdded,
    TaggedUnionVariantAdded,
    UnionVariantRemoved,
    UnionVariantTypeChanged,
    AuthSchemeAdded,
    AuthSchemeRemoved,
    AuthSchemeChanged,
    AuthAlternativeAdded,
    AuthAlternativeRemoved,
    ServerChanged,
    ApiVersionChanged,
    DocsChanged,
}

/// The judgements of one rule: (wire, Rust) for a request value and for a response value.
/// Rules about the API itself (operations, auth, servers) use the request column.
#[derive(Clone, Copy, Debug)]
pub struct Judgement {
    pub request: (Impact, Impact),
    pub response: (Impact, Impact),
}

impl Rule {
    /// The rule's name in the JSON output and the rules table, e.g. `param-added-optional`.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// Whether only generated documentation changes.
    pub fn category(self) -> Category {
        match self {
            Rule::SuccessStatusesChanged
            | Rule::ErrorResponsesChanged
            | Rule::ApiVersionChanged
            | Rule::DocsChanged => Category::Docs,
            _ => Category::Api,
        }
    }

    /// The (wire, Rust) judgements for a value travelling on `side`.
    pub fn judge(self, side: Side) -> (Impact, Impact) {
        let judgement = self.judgement();
        match side {
            Side::Request | Side::Api => judgement.request,
            Side::Response => judgement.response,
            Side::Both => (
                judgement.request.0.max(judgement.response.0),
                judgement.request.1.max(judgement.response.1),
            ),
        }
    }

    /// The table itself; ARCHITECTURE.md gives the reason for every Rust judgement.
    pub fn judgement(self) -> Judgement {
        use Impact::{Major, Minor, Patch};
        let same = |wire, rust| Judgement {
            request: (wire, rust),
            response: (wire, rust),
        };
        let split = |request, response| Judgement { request, response };
        match self {
            Rule::OperationAdded => same(Minor, Minor),
            Rule::OperationRemoved => same(Major, Major),
            Rule::MethodRenamed => same(Patch, Major),
            Rule::OperationMoved => same(Major, Patch),
            Rule::OperationDeprecated => same(Patch, Minor),
            Rule::OperationUndeprecated => same(Patch, Patch),
            Rule::ParamAddedRequired => same(Major, Major),
            Rule::ParamAddedOptional => same(Minor, Minor),
            Rule::ParamRemoved => same(Major, Major),
            Rule::ParamBecameRequired => same(Major, Major),
            Rule::ParamBecameOptional => same(Minor, Major),
            Rule::PathParamRenamed => same(Patch, Patch),
            Rule::ParamTypeChanged => same(Major, Major),
            Rule::ParamTypeWidened => same(Minor, Patch),
            Rule::ParamSetterRenamed => same(Patch, Major),
            Rule::ParamStyleChanged => same(Major, Patch),
            Rule::BodyAddedRequired => same(Major, Major),
            Rule::BodyAddedOptional => same(Minor, Minor),
            Rule::BodyRemoved => same(Major, Major),
            Rule::BodyBecameRequired => same(Major, Major),
            Rule::BodyBecameOptional => same(Minor, Major),
            Rule::BodyMediaTypeChanged => same(Major, Patch),
            Rule::BodyTypeChanged => same(Major, Major),
            Rule::ResponseTypeChanged => same(Major, Major),
            Rule::PaginationAdded | Rule::PaginationRemoved => same(Patch, Major),
            Rule::SuccessStatusesChanged | Rule::ErrorResponsesChanged => same(Patch, Patch),
            Rule::ConstraintTightened => split((Major, Patch), (Patch, Patch)),
            Rule::ConstraintLoosened => split((Minor, Patch), (Patch, Patch)),
            Rule::TypeAdded => same(Patch, Minor),
            Rule::TypeRemoved | Rule::TypeRenamed => same(Patch, Major),
            Rule::TypeKindChanged => same(Major, Major),
            Rule::FieldAddedOptional => same(Minor, Minor),
            Rule::FieldAddedRequired => split((Major, Major), (Minor, Minor)),
            Rule::FieldRemoved => same(Major, Major),
            // Presence rules: the Rust column is the worst case; the diff lowers it to patch
            // when the emitted field type does not change (see `field_shape` in the types module).
            Rule::FieldBecameRequired => split((Major, Major), (Patch, Major)),
            Rule::FieldBecameOptional => split((Minor, Major), (Major, Major)),
            Rule::FieldBecameNullable => split((Minor, Major), (Major, Major)),
            Rule::FieldBecameNonNullable => split((Major, Major), (Patch, Major)),
            Rule::FieldTypeChanged => same(Major, Major),
            Rule::FieldRenamedInRust => same(Patch, Major),
            Rule::FieldDeprecated => split((Patch, Minor), (Patch, Patch)),
            Rule::FieldUndeprecated => same(Patch, Patch),
            Rule::DefaultLost => same(Patch, Major),
            Rule::AdditionalPropertiesAdded => same(Minor, Minor),
            Rule::AdditionalPropertiesRemoved => same(Major, Major),
            Rule::AliasAdded => same(Minor, Minor),
            Rule::AliasRemoved => split((Major, Major), (Major, Patch)),
            Rule::EnumValueAdded => same(Minor, Minor),
            Rule::EnumValueRemoved => split((Major, Major), (Patch, Major)),
            Rule::EnumVariantRenamed => same(Patch, Major),
            // A one-value enum is a unit struct (`TypeKind::Const`); more values make it an enum.
            Rule::EnumBecameConst => split((Major, Major), (Patch, Major)),
            Rule::ConstBecameEnum => split((Minor, Major), (Major, Major)),
            Rule::ConstValueChanged => same(Major, Patch),
            Rule::UnionVariantAdded => split((Minor, Major), (Major, Major)),
            Rule::TaggedUnionVariantAdded => same(Minor, Minor),
            Rule::UnionVariantRemoved => same(Major, Major),
            Rule::UnionVariantTypeChanged => same(Major, Major),
            Rule::AuthSchemeAdded => same(Minor, Minor),
            Rule::AuthSchemeRemoved => same(Major, Major),
            Rule::AuthSchemeChanged => same(Major, Patch),
            Rule::AuthAlternativeAdded => same(Minor, Patch),
            Rule::AuthAlternativeRemoved => same(Major, Patch),
            Rule::ServerChanged => same(Major, Patch),
            Rule::ApiVersionChanged | Rule::DocsChanged => same(Patch, Patch),
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}
