//! The intermediate representation: what the client is, with every OpenAPI detail already decided.
//!
//! Lowering fills it from a resolved document; emitting reads it like a table.
//! It is plain owned data — ids into arenas, `Vec`s and `BTreeMap`s — and never holds a `TokenStream`
//! or an `openapiv3` type. It serialises every field, so snapshots can show it and the lowering
//! record (`lower/replay.rs`) can keep it between runs of one build; it is not a stable format.
//!
//! **Invariant:** every node that comes from the document carries the JSON pointer it came from.
//! **Invariant:** order is spec order or sorted by name, never hash order.

use serde::{Deserialize, Serialize};

pub mod reads;

/// Index of a [`TypeDef`] in [`Api::types`]; only lowering makes one, so every id lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TypeId(usize);

/// Index of an [`Operation`] in [`Api::operations`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OperationId(usize);

/// Index of an [`AuthScheme`] in [`Auth::schemes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SchemeId(usize);

/// The whole client. Its parts are read through accessors that note the read (`reads`), so a
/// piece of emitted code keyed by what it read cannot read anything unnoted.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct Api {
    #[serde(flatten)]
    info: ApiInfo,
    pub types: Types,
    operations: Vec<Operation>,
    /// The resource tree: top-level groups, each with methods and sub-groups.
    resources: Vec<Resource>,
    auth: Auth,
}

/// What the document says about the API itself.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct ApiInfo {
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    /// The first server URL, used as the default base URL.
    pub base_url: Option<String>,
}

/// The named types of an [`Api`], reachable only through the [`TypeId`]s it hands out.
#[derive(Clone, Debug, Default, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Types(Vec<TypeDef>);

/// A named Rust type the client declares.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct TypeDef {
    pub id: TypeId,
    /// PascalCase Rust name, unique in the crate.
    pub name: String,
    /// Where the schema was declared.
    pub pointer: String,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Whether a value of this type is ever sent to the server (it then gets constructors, setters and validation).
    pub used_in_request: bool,
    /// Whether a value of this type is ever read from the server.
    pub used_in_response: bool,
}

/// What a [`TypeDef`] is.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    /// A string enum of exactly one value: a constant, never open, so it can tell union
    /// alternatives apart.
    Const(Const),
    Union(Union),
    /// A named wrapper around an array or map that contains itself (`Forest: [Forest]`): the
    /// name is what lets the type refer to itself.
    Newtype(TypeRef),
}

/// An object schema with known properties.
#[derive(Clone, Debug, Default, Hash, Serialize, Deserialize)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Deprecated wire names that now feed another field.
    pub aliases: Vec<FieldAlias>,
    /// The value type of `additionalProperties`, kept in a flattened map.
    pub additional: Option<TypeRef>,
    /// The private type reading the wire form when `aliases` feed fields.
    pub alias_wire_type: Option<String>,
    /// `oneOf`/`anyOf` rules beside the properties that only say which ones are required.
    pub required_alternatives: Vec<RequiredAlternatives>,
}

/// "One of these sets of properties is required": a `oneOf`/`anyOf` whose alternatives only
/// list `required` properties, checked before a value is sent.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct RequiredAlternatives {
    /// `oneOf` (exactly one set is present) rather than `anyOf` (at least one).
    pub exclusive: bool,
    /// Each alternative's required properties, by wire name.
    pub alternatives: Vec<Vec<String>>,
    pub pointer: String,
}

/// One property of a [`Struct`].
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub presence: Presence,
    pub docs: Docs,
    pub constraints: Constraints,
    pub read_only: bool,
    pub write_only: bool,
    pub pointer: String,
}

/// How a field may be absent or null on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
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
    pub docs: Docs,
    pub pointer: String,
}

/// A string enum. Enums are open: an unlisted value is kept in a catch-all variant.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant holding unknown values.
    pub unknown_variant: String,
}

/// The one value a [`TypeKind::Const`] holds.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Const {
    pub wire_value: String,
    /// The `enum` entry the value comes from.
    pub pointer: String,
}

/// One value of an [`Enum`].
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct EnumVariant {
    pub wire_value: String,
    pub rust_name: String,
    pub docs: Docs,
    /// The `enum` entry this value comes from.
    pub pointer: String,
}

/// A `oneOf`/`anyOf`.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Union {
    /// The discriminator property, when every alternative is an object the tag selects.
    pub tag: Option<UnionTag>,
    pub variants: Vec<UnionVariant>,
}

/// How a discriminated union picks its alternative.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct UnionTag {
    /// The property holding the tag, e.g. `petType`.
    pub property: String,
    /// The catch-all variant keeping objects with a tag the spec does not list.
    pub unknown_variant: String,
}

/// One alternative of a [`Union`].
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct UnionVariant {
    pub rust_name: String,
    /// The tag values selecting this alternative, for discriminated unions.
    pub tag_values: Vec<String>,
    pub ty: TypeRef,
    /// The `oneOf`/`anyOf` entry this alternative comes from.
    pub pointer: String,
}

/// A reference to a type, as written at a use site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// A `format: binary` property of a multipart body: a file part with its bytes, file name
    /// and content type (`crate::runtime::FilePart`).
    File,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IntegerKind {
    I32,
    I64,
    U32,
    U64,
}

/// Documentation gathered from the spec.
#[derive(Clone, Debug, Default, PartialEq, Hash, Serialize, Deserialize)]
pub struct Docs {
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: Option<Deprecation>,
    pub default: Option<String>,
    pub example: Option<String>,
}

/// Why and until when something is deprecated.
#[derive(Clone, Debug, Default, PartialEq, Hash, Serialize, Deserialize)]
pub struct Deprecation {
    pub note: Option<String>,
    /// `x-sunset`.
    pub sunset: Option<String>,
}

/// Validation rules from the schema, checked client-side and shown in docs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub pattern: Option<String>,
    pub multiple_of: Option<f64>,
}

/// A numeric bound.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// One API call.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Operation {
    pub operation_id: Option<String>,
    pub pointer: String,
    pub method: HttpMethod,
    /// The path template, e.g. `/accounts/{account_id}/shares`, parsed and checked once.
    pub path: PathTemplate,
    pub docs: Docs,
    /// The resource group path, e.g. `["resource_sharing", "recipients"]`.
    pub group: Vec<String>,
    /// The Rust method name in its group, e.g. `list`.
    pub method_name: String,
    /// The request builder's type name, unique in its resource module, e.g. `ListRequest`.
    pub request_type: String,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub response: SuccessResponse,
    pub pagination: Option<Pagination>,
    /// Documented error statuses (`404`, `4XX`, `default`), in spec order.
    pub errors: Vec<ErrorResponse>,
}

/// An error status the operation documents.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct ErrorResponse {
    pub status: String,
    /// The body's type when it is typed JSON and not an envelope (envelope errors are read
    /// into `ApiError` already); decodable with `ApiError::decode_body`.
    pub ty: Option<TypeRef>,
    pub description: Option<String>,
    pub pointer: String,
}

/// A path template split at its parameters.
///
/// Lowering parses it once and checks that every parameter segment names a path [`Param`] of
/// its operation, so emitting never meets a brace or a name it cannot place.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    text: String,
    segments: Vec<PathSegment>,
}

/// One piece of a [`PathTemplate`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// Text sent as written, e.g. `/accounts/`.
    Literal(String),
    /// A parameter, by its wire name, e.g. `account_id` for `{account_id}`.
    Param(String),
}

/// Why a path template cannot be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathTemplateError {
    Unclosed { at: usize },
    UnopenedClose { at: usize },
    EmptyName { at: usize },
}

/// HTTP methods OpenAPI 3.0 can describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    /// For arrays in the query: repeated keys (`form`, explode) rather than one comma-joined value.
    pub explode: bool,
    pub ty: TypeRef,
    pub docs: Docs,
    pub constraints: Constraints,
    pub pointer: String,
}

/// Where a [`Param`] goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A request body.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Body {
    pub media_type: String,
    pub kind: BodyKind,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    /// The media type's `encoding` entries of a form or multipart body, in spec order; a
    /// property without one is written by OpenAPI's defaults, which depend on the value.
    pub encoding: Vec<PartEncoding>,
    pub pointer: String,
}

/// How a body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BodyKind {
    Json,
    Text,
    Bytes,
    /// `application/x-www-form-urlencoded`: an object's properties as `name=value` pairs.
    Form,
    /// `multipart/form-data`: an object's properties as parts, `format: binary` ones as files.
    Multipart,
}

/// How one property of a form or multipart body is written: an `encoding` entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartEncoding {
    /// The property's wire name.
    pub wire_name: String,
    /// `contentType`: a multipart part's `Content-Type`; a form property whose value is an
    /// object is sent as JSON text whatever it says, unless `style` or `explode` is given.
    pub content_type: Option<String>,
    /// `style`, for forms; absent means the default (`form`, or JSON text for objects).
    pub style: Option<FormStyle>,
    /// `explode`, for forms; absent means the style's default (`true` for `form`).
    pub explode: Option<bool>,
    pub pointer: String,
}

/// How a form property that is an array or an object is spelled (`encoding.style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormStyle {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// What a successful call returns.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct SuccessResponse {
    /// Status codes the spec documents for success, e.g. `["200"]`.
    pub statuses: Vec<String>,
    pub decode: Decode,
    /// The media type of the success body, sent as `Accept` when it is not JSON.
    pub media_type: Option<String>,
    /// The Rust type the method returns (for envelopes, the type of `result`).
    pub ty: TypeRef,
    pub docs: Docs,
}

/// How the success body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Pagination {
    /// How the next page is chosen.
    pub kind: PageKind,
    /// The Rust name of the parameter choosing the page: `page` or `cursor`.
    pub page_param: String,
    /// The item type of one page.
    pub item: TypeRef,
    /// The property of `result` that holds the items when `result` is an object around the list
    /// (`{"result": {"images": […]}}`); `None` when `result` is the list.
    pub items_property: Option<String>,
}

/// How a list endpoint pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PageKind {
    /// A `page` number in the query; `result_info` says which page came back and how many exist.
    Number,
    /// A `cursor` in the query, read from the previous page's `result_info`.
    Cursor,
}

/// A node of the resource tree: `client.resource_sharing().recipients().create(…)`.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct Resource {
    /// snake_case accessor and module name.
    pub name: String,
    /// PascalCase handle type name.
    pub type_name: String,
    /// The resource's operations, in spec order.
    pub operations: Vec<OperationId>,
    pub children: Vec<Resource>,
}

/// How requests are authenticated.
#[derive(Clone, Debug, Default, Hash, Serialize, Deserialize)]
pub struct Auth {
    pub schemes: Vec<AuthScheme>,
    /// Alternatives, each a set of schemes that must all be present (OpenAPI `security`).
    pub requirements: Vec<Vec<SchemeId>>,
}

/// One security scheme the client can send.
#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
pub struct AuthScheme {
    /// The scheme's key in `components.securitySchemes`.
    pub key: String,
    /// snake_case setter name on the builder.
    pub rust_name: String,
    pub kind: AuthKind,
    pub description: Option<String>,
    /// The environment variable `Client::from_env` reads.
    pub env_var: String,
    pub pointer: String,
}

/// How a credential goes on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

// `Hash` (which the piece memo keys by) cannot be derived over `f64`; numbers hash by their bits,
// and the patterns name every field, so a field added later does not compile until it is hashed.
impl std::hash::Hash for Constraints {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let Constraints {
            min_length,
            max_length,
            minimum,
            maximum,
            min_items,
            max_items,
            pattern,
            multiple_of,
        } = self;
        (min_length, max_length, minimum, maximum).hash(state);
        (min_items, max_items, pattern).hash(state);
        multiple_of.map(f64::to_bits).hash(state);
    }
}

impl std::hash::Hash for Bound {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let Bound { value, exclusive } = *self;
        (value.to_bits(), exclusive).hash(state);
    }
}

impl Api {
    pub(crate) fn new(
        info: ApiInfo,
        types: Types,
        operations: Vec<Operation>,
        resources: Vec<Resource>,
        auth: Auth,
    ) -> Api {
        Api {
            info,
            types,
            operations,
            resources,
            auth,
        }
    }

    pub fn info(&self) -> &ApiInfo {
        reads::whole_read();
        &self.info
    }

    pub fn auth(&self) -> &Auth {
        reads::whole_read();
        &self.auth
    }

    /// Every operation, in spec order.
    pub fn operations(&self) -> &[Operation] {
        reads::whole_read();
        &self.operations
    }

    /// The resource tree: top-level groups, each with methods and sub-groups.
    pub fn resources(&self) -> &[Resource] {
        reads::whole_read();
        &self.resources
    }

    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        self.types.get(id)
    }

    pub fn operation(&self, id: OperationId) -> &Operation {
        reads::operation_read(id);
        &self.operations[id.0]
    }

    /// The operations of `resource` itself, not its children's, in its order.
    pub fn operations_of<'a>(&'a self, resource: &'a Resource) -> Vec<&'a Operation> {
        resource
            .operations
            .iter()
            .map(|id| self.operation(*id))
            .collect()
    }

    /// Every operation with its id, in spec order.
    pub fn operations_with_ids(&self) -> impl Iterator<Item = (OperationId, &Operation)> {
        reads::whole_read();
        OperationId::enumerate(&self.operations)
    }

    /// Calls `visit` on every type reference in the API, nested ones included: the fields,
    /// map values and alternatives of every type, then every operation's inputs and outputs.
    pub fn walk_type_refs(&self, visit: &mut dyn FnMut(&TypeRef)) {
        for type_def in self.types.iter() {
            for ty in type_def.kind.type_refs() {
                ty.walk(visit);
            }
        }
        for operation in &self.operations {
            for ty in operation.type_refs() {
                ty.walk(visit);
            }
        }
    }
}

#[cfg(test)]
impl Api {
    /// An API of nothing but one response-only newtype of `bool` per name, for unit tests.
    pub(crate) fn of_types(names: &[&str]) -> Api {
        let types = names
            .iter()
            .enumerate()
            .map(|(idx, name)| TypeDef {
                id: TypeId(idx),
                name: (*name).to_owned(),
                pointer: format!("/components/schemas/{name}"),
                docs: Docs::default(),
                kind: TypeKind::Newtype(TypeRef::Bool),
                used_in_request: false,
                used_in_response: true,
            })
            .collect();
        let info = ApiInfo {
            title: String::new(),
            description: None,
            version: String::new(),
            base_url: None,
        };
        Api::new(
            info,
            Types::from_vec(types),
            Vec::new(),
            Vec::new(),
            Auth::default(),
        )
    }
}

impl TypeId {
    /// The id of the type at `idx` of the arena lowering is filling.
    pub(crate) fn from_index(idx: usize) -> TypeId {
        TypeId(idx)
    }

    pub(crate) fn index(self) -> usize {
        self.0
    }
}

impl Types {
    /// The arena of `types`, each of which must carry its own position as its id.
    pub(crate) fn from_vec(types: Vec<TypeDef>) -> Types {
        debug_assert!(types.iter().enumerate().all(|(idx, ty)| ty.id.0 == idx));
        Types(types)
    }

    pub fn get(&self, id: TypeId) -> &TypeDef {
        reads::type_read(id);
        &self.0[id.0]
    }

    pub(crate) fn get_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.0[id.0]
    }

    pub fn iter(&self) -> std::slice::Iter<'_, TypeDef> {
        reads::whole_read();
        self.0.iter()
    }

    /// The types in runs of `size`, in order (the last run may be shorter).
    pub fn chunks(&self, size: usize) -> std::slice::Chunks<'_, TypeDef> {
        reads::whole_read();
        self.0.chunks(size)
    }

    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, TypeDef> {
        self.0.iter_mut()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Types {
    type Item = &'a TypeDef;
    type IntoIter = std::slice::Iter<'a, TypeDef>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl OperationId {
    /// The position in [`Api::operations`], for lowering while the list is still a slice.
    pub(crate) fn index(self) -> usize {
        self.0
    }

    /// Pairs each operation of a list with the id it has in [`Api::operations`].
    pub(crate) fn enumerate(
        operations: &[Operation],
    ) -> impl Iterator<Item = (OperationId, &Operation)> {
        operations
            .iter()
            .enumerate()
            .map(|(idx, operation)| (OperationId(idx), operation))
    }
}

impl Auth {
    pub fn scheme(&self, id: SchemeId) -> &AuthScheme {
        &self.schemes[id.0]
    }

    /// The id of the scheme declared under `key`.
    pub fn scheme_id(&self, key: &str) -> Option<SchemeId> {
        self.schemes
            .iter()
            .position(|scheme| scheme.key == key)
            .map(SchemeId)
    }
}

impl TypeRef {
    /// Calls `visit` on this reference, then on every reference nested in it (items, values, boxes).
    /// Named types are not entered: their own references are walked where they are declared.
    pub fn walk(&self, visit: &mut dyn FnMut(&TypeRef)) {
        visit(self);
        match self {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                inner.walk(visit)
            }
            _ => {}
        }
    }

    /// Whether this reference or one nested in it satisfies `wanted`.
    pub fn any(&self, wanted: &dyn Fn(&TypeRef) -> bool) -> bool {
        let mut found = false;
        self.walk(&mut |ty| found |= wanted(ty));
        found
    }
}

impl TypeKind {
    /// The references this type makes directly: field types, map values, alternatives.
    pub fn type_refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(object) => object
                .fields
                .iter()
                .map(|field| &field.ty)
                .chain(&object.additional)
                .collect(),
            TypeKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
            TypeKind::Newtype(inner) => vec![inner],
            TypeKind::Enum(_) | TypeKind::Const(_) => Vec::new(),
        }
    }
}

impl Operation {
    /// The references the operation makes: parameters, body, success and error responses.
    pub fn type_refs(&self) -> impl Iterator<Item = &TypeRef> {
        self.params
            .iter()
            .map(|param| &param.ty)
            .chain(self.body.as_ref().map(|body| &body.ty))
            .chain(std::iter::once(&self.response.ty))
            .chain(self.errors.iter().filter_map(|error| error.ty.as_ref()))
    }

    /// A read that takes a `page` or `cursor` query parameter but got no `stream`, so
    /// generation can name the misses.
    pub fn is_unpaginated_list(&self) -> bool {
        let paging_param = self.params.iter().any(|param| {
            param.location == ParamLocation::Query
                && ["page", "cursor"].contains(&param.wire_name.as_str())
        });
        self.method == HttpMethod::Get && self.pagination.is_none() && paging_param
    }

    pub fn required_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|param| param.required)
    }

    pub fn optional_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|param| !param.required)
    }

    /// A required body is a method argument; an optional one has a setter.
    pub fn body_is_argument(&self) -> bool {
        self.body.as_ref().is_some_and(|body| body.required)
    }

    /// The path template's pieces, each parameter with its declaration.
    pub fn path_parts(&self) -> impl Iterator<Item = PathPart<'_>> {
        self.path.segments.iter().map(|segment| match segment {
            PathSegment::Literal(text) => PathPart::Literal(text),
            PathSegment::Param(wire_name) => PathPart::Param(
                self.params
                    .iter()
                    .find(|param| {
                        param.location == ParamLocation::Path && &param.wire_name == wire_name
                    })
                    .expect("lowering declares every parameter its path template names"),
            ),
        })
    }
}

/// A piece of an operation's path, as [`Operation::path_parts`] gives it.
#[derive(Clone, Copy, Debug)]
pub enum PathPart<'a> {
    Literal(&'a str),
    Param(&'a Param),
}

impl PathTemplate {
    /// Splits `text` at `{name}` parameters; braces must pair and names must not be empty.
    pub fn parse(text: &str) -> Result<PathTemplate, PathTemplateError> {
        let mut segments = Vec::new();
        let mut rest_start = 0;
        // Braces are ASCII, so byte offsets found here are always character boundaries.
        while let Some(offset) = text[rest_start..].find(['{', '}']) {
            let at = rest_start + offset;
            if text[at..].starts_with('}') {
                return Err(PathTemplateError::UnopenedClose { at });
            }
            let len = match text[at + 1..].find(['{', '}']) {
                Some(len) if text[at + 1 + len..].starts_with('}') => len,
                _ => return Err(PathTemplateError::Unclosed { at }),
            };
            if len == 0 {
                return Err(PathTemplateError::EmptyName { at });
            }
            if rest_start < at {
                segments.push(PathSegment::Literal(text[rest_start..at].to_owned()));
            }
            segments.push(PathSegment::Param(text[at + 1..at + 1 + len].to_owned()));
            rest_start = at + len + 2;
        }
        if rest_start < text.len() {
            segments.push(PathSegment::Literal(text[rest_start..].to_owned()));
        }
        Ok(PathTemplate {
            text: text.to_owned(),
            segments,
        })
    }

    /// The template as the document writes it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// The parameter names, in template order.
    pub fn param_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            PathSegment::Param(name) => Some(name.as_str()),
            PathSegment::Literal(_) => None,
        })
    }

    /// Whether the last segment is a parameter (`/shares/{share_id}`), which reads as "one item".
    pub fn ends_with_param(&self) -> bool {
        self.text
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .is_some_and(|last| last.starts_with('{'))
    }
}

impl std::fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for PathTemplate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for PathTemplate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PathTemplate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl std::fmt::Display for PathTemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathTemplateError::Unclosed { at } => write!(f, "the `{{` at byte {at} is not closed"),
            PathTemplateError::UnopenedClose { at } => {
                write!(f, "the `}}` at byte {at} closes no `{{`")
            }
            PathTemplateError::EmptyName { at } => {
                write!(f, "the parameter at byte {at} has no name")
            }
        }
    }
}

impl HttpMethod {
    /// The method for an OpenAPI path-item key (`get`, `post`, …); `None` for anything else.
    pub fn from_key(key: &str) -> Option<HttpMethod> {
        Some(match key {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            _ => return None,
        })
    }

    /// The method as sent on the wire, e.g. `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_split_at_parameters() {
        let template = PathTemplate::parse("/accounts/{account_id}/shares/{id}").unwrap();
        assert_eq!(
            template.segments(),
            [
                PathSegment::Literal("/accounts/".into()),
                PathSegment::Param("account_id".into()),
                PathSegment::Literal("/shares/".into()),
                PathSegment::Param("id".into()),
            ]
        );
        assert!(template.ends_with_param());
        assert_eq!(
            template.param_names().collect::<Vec<_>>(),
            ["account_id", "id"]
        );
    }

    #[test]
    fn malformed_path_templates_say_where() {
        let error = |text| PathTemplate::parse(text).unwrap_err().to_string();
        assert_eq!(error("/a/{id"), "the `{` at byte 3 is not closed");
        assert_eq!(error("/a/{x{y}}"), "the `{` at byte 3 is not closed");
        assert_eq!(error("/a/id}"), "the `}` at byte 5 closes no `{`");
        assert_eq!(error("/a/{}"), "the parameter at byte 3 has no name");
    }
}
