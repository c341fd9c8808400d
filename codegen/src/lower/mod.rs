//! Lowers a resolved document into the [`ir::Api`](crate::ir::Api): types, operations, resources, auth.
//!
//! Lowering degrades instead of dying: what it cannot model becomes `serde_json::Value` plus a
//! located [`Diagnostic`]. It fails only when the document itself is broken (a dangling `$ref`).

mod operation;
mod overlap;
mod reach;
mod replay;
mod schema;
mod view;

use std::borrow::Borrow;
use std::path::PathBuf;

use indexmap::IndexSet;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::config::Config;
use crate::emit::members::{
    request_builder_type, ClientBuilderMember, ClientMember, FakeMember, ResourceMember,
    SETTER_TRAIT_METHODS, STD_TRAIT_METHODS,
};
use crate::error::{Diagnostic, Error};
use crate::ir::{
    Api, ApiInfo, Auth, AuthKind, AuthScheme, BodyKind, Operation, OperationId, Presence, Resource,
    TypeId, TypeKind, TypeRef, Types,
};
use crate::load::Document;
use crate::naming::{pascal_ident, shouty, snake_ident, NameScope};
use crate::resolve::{checked_references, Resolver};
use crate::source_map::PointerCursor;

use schema::TypeTable;

/// Lowers `document` into the IR, returning every warning with its place.
pub fn lower(document: &Document, config: &Config) -> Result<(Api, Vec<Diagnostic>), Error> {
    lower_document(document, config).map(|(api, diagnostics, _)| (api, diagnostics))
}

/// Like [`lower`], but lets go of the document once the last steps of lowering no longer read
/// it: its raw and typed trees are most of what a large document's run holds, and they are
/// freed on a thread of their own (`worker::aside`) while the caller goes on. Freeing them
/// here, beside the last steps, made lowering wait for it: 130 ms of Graph beta's run, and 5 to
/// 8 ms of stripe's 70 ms lower stage after a one-operation change. After a small change the
/// freeing then runs beside an emit that leaves a core idle (Graph: 767 against 971 ms); in a
/// cold run it shares the cores with emit, where it costs about what it cost here.
pub fn lower_owned(document: Document, config: &Config) -> Result<(Api, Vec<Diagnostic>), Error> {
    lower_document(document, config).map(|(api, diagnostics, _)| (api, diagnostics))
}

/// Like [`lower_owned`], but keeps the document for the caller when lowering replayed at least
/// half of its path items from the record and loading left them unparsed: it is small then,
/// and freed while emitting it took 2 ms of stripe's 9 ms emit stage after a one-operation
/// change, on the core emitting wanted. A cold run's trees are most of what it holds, and are
/// let go of as [`lower_owned`] does.
pub fn lower_keeping(
    document: Document,
    config: &Config,
) -> Result<(Api, Vec<Diagnostic>, Kept), Error> {
    lower_document(document, config)
}

/// A document lowering kept for its caller: freed on a thread of its own when dropped, and not
/// at all by a process that forgets it on its way out.
#[derive(Default)]
pub struct Kept(Option<Document>);

impl std::fmt::Debug for Kept {
    // Not the document itself: its text and trees are megabytes.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_tuple("Kept")
            .field(&self.0.is_some())
            .finish()
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        if let Some(document) = self.0.take() {
            crate::worker::aside(move || drop(document));
        }
    }
}

/// The document lowering reads: owned, it is let go of when lowering is done, or kept.
trait Lowerable: Borrow<Document> + Send {
    /// Keeps the document for the caller when `keep`, else lets go of it now.
    fn let_go(self, keep: bool) -> Kept;
}

impl Lowerable for &Document {
    fn let_go(self, _keep: bool) -> Kept {
        Kept::default()
    }
}

impl Lowerable for Document {
    fn let_go(self, keep: bool) -> Kept {
        let kept = Kept(Some(self));
        if keep {
            return kept;
        }
        drop(kept);
        Kept::default()
    }
}

fn lower_document<D: Lowerable>(
    document: D,
    config: &Config,
) -> Result<(Api, Vec<Diagnostic>, Kept), Error> {
    let record = config
        .item_cache
        .as_deref()
        .map(|item_cache| replay::start_read(crate::cache_file::lowering_record(item_cache)));
    let borrowed = document.borrow();
    let written_references =
        checked_references(borrowed).map_err(|error| read_error_first(borrowed, error))?;
    let mut lowerer = Lowerer {
        resolver: Resolver::new(borrowed),
        written_references,
        config,
        table: TypeTable::default(),
        warnings: IndexSet::default(),
        envelopes: FxHashMap::default(),
        references: reach::ReferenceGraph::default(),
        raw_cursor: borrowed.pointer_cursor(),
        item_references: Default::default(),
    };
    let schema_names: Vec<String> = borrowed.components.schema_names().cloned().collect();
    lowerer.table.name_components(&schema_names);
    let Some((items, record)) = lower_path_items(&mut lowerer, borrowed, config, record) else {
        // A path item did not read: the document read whole says where.
        drop(lowerer);
        return lower_document(borrowed.read_whole()?, config);
    };
    #[cfg(test)]
    replay::note_state(&lowerer.table, &lowerer.warnings);
    // Small only where the replayed items were never parsed: not from YAML, or a document
    // loaded whole.
    let keep = items.replayed_most() && borrowed.left_items_unparsed();
    let auth = lowerer.lower_auth(&items.security);
    let Lowerer {
        table, warnings, ..
    } = lowerer;
    let info = &borrowed.openapi.info;
    let (title, description, version) = (
        info.title.clone(),
        info.description.clone(),
        info.version.clone(),
    );
    let base_url = borrowed
        .openapi
        .servers
        .first()
        .map(|server| server.url.trim_end_matches('/').to_owned());
    // Every warning is known now; placing them scans the source on a helper thread, while the
    // rest of lowering, which warns no more, runs here, after writing the record of the path
    // items while the state is as they left it. Then the document is let go of.
    let source: &Document = document.borrow();
    let (diagnostics, (types, operations, resources)) = crate::worker::both(
        || {
            // Beside the longer steps below: a first run walks every item for its `$ref`s.
            if let Some(item_cache) = &config.item_cache {
                source.store_paths_index(&crate::cache_file::paths_index(item_cache));
            }
            locate_warnings(source, &warnings)
        },
        || {
            if let Some(path) = &record {
                replay::store(path, &table, &warnings, &items);
            }
            let mut operations = items.operations;
            resolve_method_collisions(&mut operations);
            let resources = build_resources(&mut operations);
            let mut types = table.into_types();
            mark_usage(&mut types, &operations);
            relax_directional_fields(&mut types);
            type_file_parts(&mut types, &operations);
            (types, operations, resources)
        },
    );
    let kept = document.let_go(keep);
    let info = ApiInfo {
        title,
        description,
        version,
        base_url,
    };
    let api = Api::new(info, types, operations, resources, auth);
    Ok((api, diagnostics, kept))
}

/// The operations of every path item, and the security requirements of each operation (as
/// its schemes' keys); `None` when a path item does not read. With an item cache, the path
/// items are replayed from the record beside it where they can be (`replay.rs`), and the
/// record's path comes back too, for [`replay::store`] once every warning is known.
fn lower_path_items<'a>(
    lowerer: &mut Lowerer<'a>,
    document: &'a Document,
    config: &Config,
    record: Option<replay::RecordRead>,
) -> Option<(replay::LoweredItems<'a>, Option<PathBuf>)> {
    let recorded = record.and_then(|read| {
        let context = replay::context_hash(document, config, lowerer.written_references)?;
        Some((read, context))
    });
    if let Some((read, context)) = recorded {
        let path = read.path().to_path_buf();
        // Without a record, `lower_items` lowers every item, and reads ahead for them.
        let record = replay::read(read, context);
        let lowered = replay::lower_items(lowerer, document, context, record)?;
        return Some((lowered, Some(path)));
    }
    read_ahead_components(lowerer, document);
    let (operations, security) = match &document.pending_paths {
        None => {
            let paths = &document.openapi.paths.paths;
            let operations = lowerer.lower_operations(paths.iter());
            (
                operations,
                paths.values().flat_map(replay::security_of).collect(),
            )
        }
        Some(pending) => {
            let operations = pending.stream(&document.raw, &document.text, |items| {
                lowerer.lower_operations(items)
            })?;
            let security = pending
                .items()
                .flat_map(|(_, item)| replay::security_of(item))
                .collect();
            (operations, security)
        }
    };
    Some((replay::LoweredItems::unrecorded(operations, security), None))
}

/// Reads on both cores what every `$ref` reaches of the members of `components` left unread
/// (`load/components.rs`), for lowering the path items from scratch: with no record to replay,
/// or once the walk is out of step with it.
fn read_ahead_components(lowerer: &Lowerer, document: &Document) {
    let references = lowerer.written_references.iter().map(String::as_str);
    document.read_ahead_components(references);
}

/// `error`, unless one of `document`'s pending path items does not read: loading reports
/// that first, as it does when it reads every item before lowering starts.
fn read_error_first(document: &Document, error: Error) -> Error {
    let Some(pending) = &document.pending_paths else {
        return error;
    };
    match pending.stream(&document.raw, &document.text, |items| items.count()) {
        Some(_) => error,
        None => document.read_whole().err().unwrap_or(error),
    }
}

/// Places every warning in the source with one pass over it that maps only their pointers.
fn locate_warnings(document: &Document, warnings: &Warnings) -> Vec<Diagnostic> {
    let pointers: Vec<&str> = warnings
        .iter()
        .map(|(pointer, _)| pointer.as_str())
        .collect();
    let locations = document.locate_all(&pointers);
    locations
        .into_iter()
        .zip(warnings)
        .map(|(location, (_, message))| Diagnostic {
            location,
            message: message.clone(),
        })
        .collect()
}

/// Warnings as lowering collects them: pointer and message, once each, in the order raised.
pub(super) type Warnings = IndexSet<(String, String), FxBuildHasher>;

/// Lowering state: the resolver, the type table and the warnings so far.
pub struct Lowerer<'a> {
    resolver: Resolver<'a>,
    /// Every `$ref` the document writes: a schema no reference names cannot contain itself.
    written_references: &'a FxHashSet<String>,
    config: &'a Config,
    table: TypeTable,
    /// Each warning's pointer and message, once each (a schema merged into several objects is
    /// lowered once per object, and says the same thing each time), in the order raised; they
    /// are located in the source once, at the end.
    warnings: Warnings,
    /// [`Lowerer::envelope_parts`] of each referenced schema asked about so far.
    envelopes: FxHashMap<String, Option<schema::EnvelopeParts>>,
    /// Which `$ref` targets each target refers to, collected as reachability questions need.
    references: reach::ReferenceGraph,
    /// Finds raw nodes lowering reads from the source: declared schemas' docs, written `explode`s.
    raw_cursor: PointerCursor<'a>,
    /// The path item being lowered for a record: its top-level component `$ref`s, replayed or
    /// logged (`replay/references.rs`).
    item_references: replay::references::ItemReferences,
}

impl<'a> Lowerer<'a> {
    fn warn(&mut self, pointer: &str, message: &str) {
        self.warnings
            .insert((pointer.to_owned(), message.to_owned()));
    }

    /// The security schemes, and the requirements of the document and of the operations
    /// (`per_operation`, each as its schemes' keys).
    fn lower_auth(&mut self, per_operation: &[Vec<String>]) -> Auth {
        let document = self.resolver.document();
        let mut auth = Auth::default();
        let mut names = NameScope::beside(&[ClientBuilderMember::NAMES, SETTER_TRAIT_METHODS]);
        let declared = document.components.security_schemes();
        for (key, scheme) in declared {
            let pointer = format!(
                "#/components/securitySchemes/{}",
                crate::source_map::escape_segment(key)
            );
            let openapiv3::ReferenceOr::Item(scheme) = scheme else {
                self.warn(
                    &pointer,
                    "referenced security schemes are not supported; the scheme is skipped",
                );
                continue;
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::APIKey {
                    location: openapiv3::APIKeyLocation::Header,
                    name,
                    description,
                    ..
                } => (AuthKind::Header { name: name.clone() }, description),
                openapiv3::SecurityScheme::APIKey {
                    location: openapiv3::APIKeyLocation::Query,
                    name,
                    description,
                    ..
                } => (AuthKind::Query { name: name.clone() }, description),
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("basic") => (AuthKind::Basic, description),
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("bearer") => (AuthKind::Bearer, description),
                openapiv3::SecurityScheme::OAuth2 { description, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (AuthKind::Bearer, description)
                }
                _ => {
                    self.warn(&pointer, "cookie API keys and HTTP schemes other than bearer and basic are not supported; the scheme is skipped");
                    continue;
                }
            };
            let env_var = match self.config.env.schemes.get(key) {
                Some(name) => name.clone(),
                None => format!("{}_{}", shouty(&self.config.crate_name), shouty(key)),
            };
            auth.schemes.push(AuthScheme {
                key: key.clone(),
                rust_name: names.claim(snake_ident(key)),
                kind,
                description: description.clone(),
                env_var,
                pointer,
            });
        }
        let global = document
            .openapi
            .security
            .iter()
            .flatten()
            .map(|requirement| requirement.keys().cloned().collect());
        for keys in global.chain(per_operation.iter().cloned()) {
            let ids: Option<Vec<_>> = keys.iter().map(|key| auth.scheme_id(key)).collect();
            if let Some(ids) = ids.filter(|ids| !auth.requirements.contains(ids)) {
                auth.requirements.push(ids);
            }
        }
        auth
    }
}

/// Where two operations in one group would get the same method name, both fall back to their operationIds.
fn resolve_method_collisions(operations: &mut [Operation]) {
    let names = collision_free_names(operations);
    let mut scopes: FxHashMap<Vec<String>, NameScope> = FxHashMap::default();
    for (operation, name) in operations.iter_mut().zip(names) {
        // Methods live on the resource handle, beside its own members.
        if !scopes.contains_key(&operation.group) {
            let scope = NameScope::beside(&[ResourceMember::NAMES, STD_TRAIT_METHODS]);
            scopes.insert(operation.group.clone(), scope);
        }
        let scope = scopes.get_mut(&operation.group).expect("inserted above");
        operation.method_name = scope.claim(name);
    }
}

/// Each operation's method name before numbering: its own, or, when it clashes in its group,
/// its operationId without the words its group already says
/// (`dns_records_for_a_zone_export_dns_records` → `export`) unless that short name clashes too
/// within the group, or else the whole operationId. The counts are keyed by borrowed group and
/// name, so no lookup copies them.
fn collision_free_names(operations: &[Operation]) -> Vec<String> {
    let mut seen: FxHashMap<(&[String], &str), usize> = FxHashMap::default();
    for operation in operations {
        *seen
            .entry((&operation.group, &operation.method_name))
            .or_default() += 1;
    }
    let full_names: Vec<Option<String>> = operations
        .iter()
        .map(|operation| {
            let clashes = seen[&(&operation.group[..], &operation.method_name[..])] > 1;
            clashes.then(|| match &operation.operation_id {
                Some(id) => snake_ident(id),
                None => snake_ident(&format!("{} {}", operation.method.as_str(), operation.path)),
            })
        })
        .collect();
    let short_names: Vec<Option<String>> = operations
        .iter()
        .zip(&full_names)
        .map(|(operation, full)| without_group_words(full.as_deref()?, &operation.group))
        .collect();
    let mut short_seen: FxHashMap<(&[String], &str), usize> = FxHashMap::default();
    for (operation, short) in operations.iter().zip(&short_names) {
        if let Some(short) = short {
            *short_seen.entry((&operation.group, short)).or_default() += 1;
        }
    }
    operations
        .iter()
        .zip(full_names)
        .zip(&short_names)
        .map(|((operation, full), short)| {
            let short = short.as_deref().filter(|short| {
                // A derived name seen once stays with its operation; one seen twice is given up.
                let key = (&operation.group[..], *short);
                short_seen[&key] == 1 && seen.get(&key) != Some(&1)
            });
            match (short, full) {
                (Some(short), _) => short.to_owned(),
                (None, Some(full)) => full,
                (None, None) => operation.method_name.clone(),
            }
        })
        .collect()
}

/// `name` without the words of `group` (singular or plural), or `None` when nothing would be
/// left or nothing was removed.
fn without_group_words(name: &str, group: &[String]) -> Option<String> {
    let group_words: Vec<&str> = group
        .iter()
        .flat_map(|segment| segment.split('_'))
        .collect();
    let says = |word: &str| {
        group_words.iter().any(|group_word| {
            *group_word == word
                || group_word.strip_suffix('s') == Some(word)
                || word.strip_suffix('s') == Some(*group_word)
        })
    };
    let kept: Vec<&str> = name.split('_').filter(|word| !says(word)).collect();
    let removed = kept.len() < name.split('_').count();
    (removed && !kept.is_empty()).then(|| snake_ident(&kept.join("_")))
}

/// Builds the resource tree, names every accessor, module and request type in it, and writes
/// each operation's final accessor path back into its `group`.
fn build_resources(operations: &mut [Operation]) -> Vec<Resource> {
    let mut roots: Vec<Resource> = Vec::new();
    for (id, operation) in OperationId::enumerate(operations) {
        insert_operation(&mut roots, &operation.group, id);
    }
    // The fake of the `testing` feature has an accessor per top-level resource too.
    let mut client_scope =
        NameScope::beside(&[ClientMember::NAMES, FakeMember::NAMES, STD_TRAIT_METHODS]);
    for root in &mut roots {
        root.name = client_scope.claim(root.name.clone());
        root.type_name = pascal_ident(&root.name);
        name_children(root, operations, &[]);
    }
    roots
}

fn insert_operation(level: &mut Vec<Resource>, group: &[String], id: OperationId) {
    let Some((first, rest)) = group.split_first() else {
        return;
    };
    let position = match level.iter().position(|resource| &resource.name == first) {
        Some(position) => position,
        None => {
            level.push(Resource {
                name: first.clone(),
                type_name: pascal_ident(first),
                operations: Vec::new(),
                children: Vec::new(),
            });
            level.len() - 1
        }
    };
    if rest.is_empty() {
        level[position].operations.push(id);
    } else {
        insert_operation(&mut level[position].children, rest, id);
    }
}

/// Names what a resource module declares: child accessors must not collide with the handle's
/// methods, and request types must not collide with each other or with the handle type.
fn name_children(resource: &mut Resource, operations: &mut [Operation], parents: &[String]) {
    let mut path = parents.to_vec();
    path.push(resource.name.clone());
    let mut types = NameScope::new();
    types.reserve(&resource.type_name);
    for id in &resource.operations {
        let operation = &mut operations[id.index()];
        operation.group = path.clone();
        let type_name = request_builder_type(&pascal_ident(&operation.method_name));
        operation.request_type = types.claim(type_name);
    }
    let mut scope = NameScope::beside(&[ResourceMember::NAMES, STD_TRAIT_METHODS]);
    // A child module named like its parent would read `x::x` (clippy's module_inception).
    scope.reserve(&resource.name);
    for id in &resource.operations {
        scope.reserve(&operations[id.index()].method_name);
    }
    for child in &mut resource.children {
        child.name = scope.claim(child.name.clone());
        child.type_name = pascal_ident(&child.name);
        name_children(child, operations, &path);
    }
}

/// Marks which types are sent and which are received, so emitting gives request types constructors.
fn mark_usage(types: &mut Types, operations: &[Operation]) {
    for operation in operations {
        for param in &operation.params {
            mark(types, &param.ty, true);
        }
        if let Some(body) = &operation.body {
            mark(types, &body.ty, true);
        }
        mark(types, &operation.response.ty, false);
        for ty in operation
            .errors
            .iter()
            .filter_map(|error| error.ty.as_ref())
        {
            mark(types, ty, false);
        }
    }
}

/// A `readOnly` field is never sent and a `writeOnly` one never received, so neither can be required there.
fn relax_directional_fields(types: &mut Types) {
    for type_def in types.iter_mut() {
        let (request, response) = (type_def.used_in_request, type_def.used_in_response);
        let TypeKind::Struct(object) = &mut type_def.kind else {
            continue;
        };
        for field in &mut object.fields {
            if (field.read_only && request) || (field.write_only && response) {
                field.presence = match field.presence {
                    Presence::Required => Presence::Optional,
                    Presence::RequiredNullable => Presence::OptionalNullable,
                    other => other,
                };
            }
        }
    }
}

/// `format: binary` properties of a multipart body are files: they become [`TypeRef::File`], with a
/// name and a content type, instead of text. Only the body object's own properties are parts.
fn type_file_parts(types: &mut Types, operations: &[Operation]) {
    for body in operations
        .iter()
        .filter_map(|operation| operation.body.as_ref())
    {
        let (BodyKind::Multipart, TypeRef::Named(id)) = (body.kind, &body.ty) else {
            continue;
        };
        let TypeKind::Struct(object) = &mut types.get_mut(*id).kind else {
            continue;
        };
        for field in &mut object.fields {
            field.ty = match &field.ty {
                TypeRef::Binary => TypeRef::File,
                TypeRef::Array(inner) if **inner == TypeRef::Binary => {
                    TypeRef::Array(Box::new(TypeRef::File))
                }
                other => other.clone(),
            };
        }
    }
}

/// Marks every named type `ty` reaches, through fields and alternatives, as sent or received.
fn mark(types: &mut Types, ty: &TypeRef, request: bool) {
    let mut pending: Vec<TypeId> = Vec::new();
    ty.walk(&mut |ty| {
        if let TypeRef::Named(id) = ty {
            pending.push(*id);
        }
    });
    while let Some(id) = pending.pop() {
        let type_def = types.get_mut(id);
        let flag = if request {
            &mut type_def.used_in_request
        } else {
            &mut type_def.used_in_response
        };
        if *flag {
            continue;
        }
        *flag = true;
        for child in types.get(id).kind.type_refs() {
            child.walk(&mut |ty| {
                if let TypeRef::Named(id) = ty {
                    pending.push(*id);
                }
            });
        }
    }
}
