//! The intermediate representation: what the client is, with every OpenAPI detail already decided.
//!
//! Lowering fills it from a resolved document; emitting reads it like a table.
//! It is plain owned data — ids into arenas, `Vec`s and `BTreeMap`s — and never holds a `TokenStream`
//! or an `openapiv3` type. `Serialize` exists so snapshots can show it; it is not a stable format.
//!
//! **Invariant:** every node that comes from the document carries the JSON pointer it came from.
//! **Invariant:** order is spec order or sorted by name, never hash order.

use serde::Serialize;

/// Index of a [`TypeDef`] in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct TypeId(pub usize);

/// The whole client.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub version: String,
    /// The first server URL, used as the default base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The resource tree: top-level groups, each with methods and sub-groups.
    pub resources: Vec<Resource>,
    pub auth: Auth,
}

/// A named Rust type the client declares.
#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    pub id: TypeId,
    /// PascalCase Rust name, unique in the crate.
    pub name: String,
    /// Where the schema was declared.
    pub pointer: String,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    pub kind: TypeKind,
    /// Whether a value of this type is ever sent to the server (it then gets constructors, setters and validation).
    pub used_in_request: bool,
    /// Whether a value of this type is ever read from the server.
    pub used_in_response: bool,
}

/// What a [`TypeDef`] is.
#[derive(Clone, Debug, Serialize)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
}

/// An object schema with known properties.
#[derive(Clone, Debug, Serialize)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Deprecated wire names that now feed another field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<FieldAlias>,
    /// The value type of `additionalProperties`, kept in a flattened map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional: Option<TypeRef>,
}

/// One property of a [`Struct`].
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub presence: Presence,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub write_only: bool,
    pub pointer: String,
}

/// How a field may be absent or null on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// Always present, may be null: `Option<T>`, sent as `null`.
    RequiredNullable,
    /// May be absent: `Option<T>`, never sent as `null`.
    Optional,
    /// May be absent or null, and the difference matters: `Option<Option<T>>`.
    OptionalNullable,
}

/// A deprecated property that the spec declares to be another name for a sibling property.
#[derive(Clone, Debug, Serialize)]
pub struct FieldAlias {
    /// The deprecated wire name, accepted when reading.
    pub wire_name: String,
    /// The Rust name of the deprecated setter.
    pub rust_name: String,
    /// The Rust name of the field it feeds.
    pub target_rust_name: String,
    pub target_wire_name: String,
    /// The text for `#[deprecated(note = ...)]`.
    pub note: String,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    pub pointer: String,
}

/// A string enum. Enums are open: an unlisted value is kept in a catch-all variant.
#[derive(Clone, Debug, Serialize)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant holding unknown values.
    pub unknown_variant: String,
}

/// One value of an [`Enum`].
#[derive(Clone, Debug, Serialize)]
pub struct EnumVariant {
    pub wire_value: String,
    pub rust_name: String,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// A `oneOf`/`anyOf`.
#[derive(Clone, Debug, Serialize)]
pub struct Union {
    /// The discriminator property, when every alternative is an object the tag selects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<UnionTag>,
    pub variants: Vec<UnionVariant>,
}

/// How a discriminated union picks its alternative.
#[derive(Clone, Debug, Serialize)]
pub struct UnionTag {
    /// The property holding the tag, e.g. `petType`.
    pub property: String,
    /// The catch-all variant keeping objects with a tag the spec does not list.
    pub unknown_variant: String,
}

/// One alternative of a [`Union`].
#[derive(Clone, Debug, Serialize)]
pub struct UnionVariant {
    pub rust_name: String,
    /// The tag values selecting this alternative, for discriminated unions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tag_values: Vec<String>,
    pub ty: TypeRef,
}

/// A reference to a type, as written at a use site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TypeRef {
    String,
    Bool,
    Integer(IntegerKind),
    Number,
    DateTime,
    Date,
    Uuid,
    /// `format: byte`: base64 on the wire, bytes in Rust.
    Base64,
    /// `format: binary`.
    Binary,
    /// A free-form object: any JSON object.
    JsonObject,
    /// Any JSON value. Either the schema says nothing (`{}`), or lowering fell back and said why.
    Json {
        fallback: Option<String>,
    },
    /// No value (`null`-only schemas, empty bodies).
    Unit,
    Array(Box<TypeRef>),
    Map(Box<TypeRef>),
    Named(TypeId),
    /// Recursive reference: boxed to keep the type finite.
    Boxed(Box<TypeRef>),
}

/// Integer width and signedness, from `format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum IntegerKind {
    I32,
    I64,
    U32,
    U64,
}

/// Documentation gathered from the spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Docs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
}

/// Why and until when something is deprecated.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Deprecation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `x-sunset`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunset: Option<String>,
}

/// Validation rules from the schema, checked client-side and shown in docs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<f64>,
}

/// A numeric bound.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// One API call.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    pub pointer: String,
    pub method: HttpMethod,
    /// The path template as written, e.g. `/accounts/{account_id}/shares`.
    pub path: String,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    /// The resource group path, e.g. `["resource_sharing", "recipients"]`.
    pub group: Vec<String>,
    /// The Rust method name in its group, e.g. `list`.
    pub method_name: String,
    pub params: Vec<Param>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    pub response: SuccessResponse,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Documented error bodies that are not envelopes, by status (`404`, `4XX`, `default`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorResponse>,
}

/// An error status whose body the spec types, decodable with `ApiError::decode_body`.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorResponse {
    pub status: String,
    pub ty: TypeRef,
}

/// HTTP methods OpenAPI 3.0 can describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

/// A path, query or header parameter.
#[derive(Clone, Debug, Serialize)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    /// For arrays in the query: repeated keys (`form`, explode) rather than one comma-joined value.
    pub explode: bool,
    pub ty: TypeRef,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    pub pointer: String,
}

/// Where a [`Param`] goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A request body.
#[derive(Clone, Debug, Serialize)]
pub struct Body {
    pub media_type: String,
    pub kind: BodyKind,
    pub ty: TypeRef,
    pub required: bool,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    pub pointer: String,
}

/// How a body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BodyKind {
    Json,
    Text,
    Bytes,
    Form,
}

/// What a successful call returns.
#[derive(Clone, Debug, Serialize)]
pub struct SuccessResponse {
    /// Status codes the spec documents for success, e.g. `["200"]`.
    pub statuses: Vec<String>,
    pub decode: Decode,
    /// The media type of the success body, sent as `Accept` when it is not JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The Rust type the method returns (for envelopes, the type of `result`).
    pub ty: TypeRef,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// How the success body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Decode {
    /// `{ success, errors, result }`: return `result`.
    Envelope,
    /// Plain JSON.
    Json,
    Text,
    Bytes,
    /// Nothing to read (204, or no content).
    Empty,
}

/// Page-number pagination: the envelope has `result_info` and the operation takes a page parameter.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    /// The Rust name of the page parameter.
    pub page_param: String,
    /// The item type of one page.
    pub item: TypeRef,
}

/// A node of the resource tree: `client.resource_sharing().recipients().create(…)`.
#[derive(Clone, Debug, Serialize)]
pub struct Resource {
    /// snake_case accessor and module name.
    pub name: String,
    /// PascalCase handle type name.
    pub type_name: String,
    /// Indexes into [`Api::operations`], in spec order.
    pub operations: Vec<usize>,
    pub children: Vec<Resource>,
}

/// How requests are authenticated.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Auth {
    pub schemes: Vec<AuthScheme>,
    /// Alternatives, each a set of scheme indexes that must all be present (OpenAPI `security`).
    pub requirements: Vec<Vec<usize>>,
}

/// One security scheme the client can send.
#[derive(Clone, Debug, Serialize)]
pub struct AuthScheme {
    /// The scheme's key in `components.securitySchemes`.
    pub key: String,
    /// snake_case setter name on the builder.
    pub rust_name: String,
    pub kind: AuthKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The environment variable `Client::from_env` reads.
    pub env_var: String,
}

/// How a credential goes on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AuthKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// A header carrying the secret as is.
    Header { name: String },
    /// A query parameter carrying the secret.
    Query { name: String },
    /// `Authorization: Basic`, from a user name and a password.
    Basic,
}

impl Docs {
    /// No documentation at all (kept out of snapshots).
    pub fn is_empty(&self) -> bool {
        self == &Docs::default()
    }
}

impl Constraints {
    /// No constraints at all (kept out of snapshots).
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}
