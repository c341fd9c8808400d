//! Reads an OpenAPI document (YAML or JSON) into typed and raw forms, with located errors.
//!
//! YAML is first read into a JSON tree by [`yaml`], which accepts what hand-written documents
//! contain (unquoted `200:` keys, anchors, merge keys); every error names file, line, column and
//! JSON pointer. This and `xtask` are the only places that touch the filesystem.
//! Checking `$ref`s is left to `resolve`.

mod components;
mod json;
mod paths;
mod schemas;
mod typed;
mod unparsed;
mod value_de;
mod yaml;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::error::{Error, Location};
use crate::source_map::SourceMap;

use crate::cache_file::paths_index;
pub use components::{named, Component, Components};
pub(crate) use json::Spans;
pub(crate) use paths::PendingPaths;
pub(crate) use schemas::deep_path_items_malformed;

/// A parsed document: the typed view for lowering and the raw tree for resolving `$ref`s.
#[derive(Debug)]
pub struct Document {
    /// The path as the user gave it, used in messages.
    pub file: String,
    pub text: String,
    pub raw: serde_json::Value,
    /// The document in openapiv3's types, less `components`, which [`Document::components`]
    /// holds: `openapi.components` is always `None`.
    pub openapi: openapiv3::OpenAPI,
    /// `components`, each member read on first use or all at load (`load/components.rs`).
    pub components: Components,
    /// Every `$ref` string the document writes, once each (`resolve` checks that they land).
    pub references: FxHashSet<String>,
    source_map: OnceLock<SourceMap>,
    /// `paths`' items, when [`load_document_streamed`] left them to be read while lowering
    /// takes them; `openapi.paths` is empty then.
    pub(crate) pending_paths: Option<PendingPaths>,
    /// Where the document's members and `paths`' members are in `text`, for JSON parsed in
    /// parts (`load/json.rs`). `raw` is `text` parsed, less what loading drops (callbacks), so
    /// equal text means an equal tree.
    pub(crate) spans: Option<Spans>,
}

/// Reads and parses the document at `path`.
pub fn load_document(path: &Path) -> Result<Document, Error> {
    let (file, text) = read_document(path)?;
    parse_with(file, text, Paths::Read)
}

/// Like [`load_document`], but leaves `paths`' items to be read while lowering takes them
/// (`load/paths.rs`): `openapi.paths` stays empty, and only lowering sees the items. An item
/// that does not read is reported by lowering, as this would have reported it.
pub fn load_document_streamed(path: &Path) -> Result<Document, Error> {
    load_document_cached(path, None)
}

/// Like [`load_document_streamed`], for a run with an item cache at `item_cache`: path items
/// whose text the index beside it holds are left unparsed (`load/unparsed.rs`).
pub fn load_document_cached(path: &Path, item_cache: Option<&Path>) -> Result<Document, Error> {
    let (file, text) = read_document(path)?;
    parse_with(file, text, Paths::Streamed(item_cache.map(paths_index)))
}

/// Parses document text; `file` only names it in messages.
pub fn parse_document(file: String, text: String) -> Result<Document, Error> {
    parse_with(file, text, Paths::Read)
}

/// [`parse_document`] as [`load_document_streamed`] parses: `paths`' items are left to lowering.
pub fn parse_document_streamed(file: String, text: String) -> Result<Document, Error> {
    parse_document_cached(file, text, None)
}

/// [`parse_document`] as [`load_document_cached`] parses.
pub fn parse_document_cached(
    file: String,
    text: String,
    item_cache: Option<&Path>,
) -> Result<Document, Error> {
    parse_with(file, text, Paths::Streamed(item_cache.map(paths_index)))
}

/// Whether `paths`' items are read with the rest of the document or left to lowering, and
/// where the index of path items read before is, if there is one to use.
#[derive(Clone, PartialEq)]
enum Paths {
    Read,
    Streamed(Option<PathBuf>),
}

fn read_document(path: &Path) -> Result<(String, String), Error> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        file: file.clone(),
        source,
    })?;
    Ok((file, text))
}

fn parse_with(file: String, text: String, paths: Paths) -> Result<Document, Error> {
    // Editors on Windows save a byte-order mark; it is not part of the document.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let index = match &paths {
        Paths::Streamed(index) => index.as_deref(),
        Paths::Read => None,
    };
    let (mut raw, spans, mut unparsed) = parse_tree(&file, &text, index)?;
    drop_callbacks(&mut raw);
    let mut document = Document {
        file,
        text,
        raw: serde_json::Value::Null,
        openapi: openapiv3::OpenAPI::default(),
        components: Components::default(),
        references: FxHashSet::default(),
        source_map: OnceLock::new(),
        pending_paths: None,
        spans,
    };
    check_version(&document, &raw)?;
    // openapiv3 takes time exponential in a malformed schema's nesting to refuse it, so deeply
    // nested schemas are checked first. Reading without path tracking is the fast path; only
    // a failure pays for naming the first malformed schema, or else for the path.
    // A streamed load checks `paths`' items as it reads them, run by run (`load/paths.rs`).
    let sections = match paths {
        Paths::Read => schemas::Sections::All,
        Paths::Streamed(_) => schemas::Sections::AllButPaths,
    };
    let read = Reading {
        text: &document.text,
        paths: &paths,
        unparsed: unparsed.as_ref(),
        lazy_components: components_vouched_for(&document, unparsed.as_ref()),
    };
    // Checked even where the index vouches for the text: a forged index must not turn the
    // guard against exponential time off.
    let typed = match schemas::deep_schema_malformed(&raw, sections) {
        false => read_typed(&raw, read),
        true => None,
    };
    let (mut openapi, mut references, mut pending_paths, unread) = match typed {
        Some(typed) => typed,
        None => {
            fill_unparsed(&document, &mut raw, unparsed.as_mut())?;
            let (openapi, references) = read_typed_slowly(&document, &raw)?;
            (openapi, references, None, None)
        }
    };
    document.components = unread.unwrap_or_else(|| Components::read(openapi.components.take()));
    if let Some((pending, mut unparsed)) = pending_paths.as_mut().zip(unparsed) {
        references.extend(unparsed.references().map(str::to_owned));
        // The resolver reads a `$ref` into `paths` from the raw tree.
        if references
            .iter()
            .any(|reference| crate::source_map::lands_in_paths(reference))
        {
            fill_unparsed(&document, &mut raw, Some(&mut unparsed))?;
        }
        pending.unparsed = Some(unparsed);
    }
    document.openapi = openapi;
    document.references = references;
    document.pending_paths = pending_paths;
    document.raw = raw;
    if document.components.left_unread() {
        // The path items parsed at load (those the index did not vouch for) are lowered next.
        let mut parsed_references = Vec::new();
        if let Some(paths) = document.raw.get("paths") {
            for_each_reference(paths, |reference| parsed_references.push(reference));
        }
        document.read_ahead_components(parsed_references.into_iter());
    }
    Ok(document)
}

/// Whether `components`' members are left to be read on first use: the index read with the
/// members of `paths` left `unparsed` vouches for the document's text outside `paths` and
/// `info`, which holds `components`. Not merely for `components`: after any other change
/// there, lowering replays nothing and reads most members, which are then better read on both
/// cores now. A change to `info` alone (a version bump) leaves the record usable.
/// Where hand and serde reads are compared ([`crate::verify::verifying`]), such a run compares
/// the members it reads; the run that wrote the index read every one.
fn components_vouched_for(document: &Document, unparsed: Option<&unparsed::Unparsed>) -> bool {
    let (Some(unparsed), Some(spans)) = (unparsed, &document.spans) else {
        return false;
    };
    unparsed.vouches_for_outside_paths(spans.outside_paths_hash(&document.text, false))
}

/// Puts the members of `paths` left `unparsed` into `raw`, parsed, and leaves none unparsed;
/// an error at the first that does not parse.
fn fill_unparsed(
    document: &Document,
    raw: &mut serde_json::Value,
    unparsed: Option<&mut unparsed::Unparsed>,
) -> Result<(), Error> {
    let paths = raw
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut);
    let (Some(unparsed), Some(paths)) = (unparsed, paths) else {
        return Ok(());
    };
    let filled = unparsed.fill(&document.text, paths);
    filled.map_err(|place| unparsed_error(document, paths, place))
}

/// The error for `paths`' member `place`, left unparsed, whose text does not parse: only a
/// forged index leaves such a member unparsed.
fn unparsed_error(
    document: &Document,
    paths: &serde_json::Map<String, serde_json::Value>,
    place: usize,
) -> Error {
    let key = paths.keys().nth(place).map_or("", String::as_str);
    let pointer = format!("#/paths/{}", crate::source_map::escape_segment(key));
    document.invalid(&pointer, "not valid JSON")
}

/// The typed document read through serde_json and `serde_path_to_error`, after the fast read
/// refused a part: the error names the first malformed schema, or else serde's path. Should
/// serde read what the fast read refused, its document is the one to use.
fn read_typed_slowly(
    document: &Document,
    raw: &serde_json::Value,
) -> Result<(openapiv3::OpenAPI, FxHashSet<String>), Error> {
    if let Some((pointer, message)) = schemas::first_malformed_schema(raw) {
        return Err(document.invalid(
            &pointer,
            format!("not a valid OpenAPI 3.0 document: {message}"),
        ));
    }
    match serde_path_to_error::deserialize(raw) {
        Ok(openapi) => Ok((openapi, written_references(raw))),
        Err(error) => {
            let message = error.inner().to_string();
            let pointer = refine_pointer(raw, pointer_from_serde_path(error.path()), &message);
            Err(document.invalid(
                &pointer,
                format!("not a valid OpenAPI 3.0 document: {message}"),
            ))
        }
    }
}

impl Document {
    /// This document read whole, after one of its pending path items did not read: the error
    /// that names where, or, should serde read what the fast read refused, the document.
    pub(crate) fn read_whole(&self) -> Result<Document, Error> {
        let raw = self.whole_raw()?.into_owned();
        let (mut openapi, references) = read_typed_slowly(self, &raw)?;
        Ok(Document {
            file: self.file.clone(),
            text: self.text.clone(),
            raw,
            components: Components::read(openapi.components.take()),
            openapi,
            references,
            source_map: OnceLock::new(),
            pending_paths: None,
            spans: None,
        })
    }
}

impl Document {
    /// The raw tree with every member of `paths` parsed, for what reads all of it.
    pub(crate) fn whole_raw(&self) -> Result<std::borrow::Cow<'_, serde_json::Value>, Error> {
        let unparsed = self.unparsed().filter(|unparsed| !unparsed.is_empty());
        if unparsed.is_none() {
            return Ok(std::borrow::Cow::Borrowed(&self.raw));
        }
        let mut raw = self.raw.clone();
        if let (Some(unparsed), Some(paths)) = (unparsed, raw.get_mut("paths")) {
            if let Some(paths) = paths.as_object_mut() {
                let filled = unparsed.fill_copy(&self.text, paths);
                filled.map_err(|place| unparsed_error(self, paths, place))?;
            }
        }
        Ok(std::borrow::Cow::Owned(raw))
    }

    /// Reads, on both cores, the members of `components` left unread that `references` reach
    /// (`load/components.rs`): at load, those of the path items parsed then, which lowering
    /// lowers; in lowering, those of every `$ref`, when it lowers items it cannot replay.
    pub(crate) fn read_ahead_components<'r>(&'r self, references: impl Iterator<Item = &'r str>) {
        if let Some(raw) = self.raw.get("components") {
            self.components.read_ahead(raw, references.collect());
        }
    }

    /// The member `name` of `T`'s section of `components`, read on first use; `None` when
    /// there is none or it does not read.
    pub fn component<T: Component>(&self, name: &str) -> Option<&openapiv3::ReferenceOr<T>> {
        self.components.get(self.raw.get("components"), name)
    }

    /// How many members of `paths` are left unparsed, for the tests.
    #[cfg(test)]
    pub(crate) fn left_unparsed(&self) -> usize {
        self.unparsed().map_or(0, |unparsed| unparsed.counts().0)
    }

    /// How many members of `paths` the load left unparsed before it filled any in, for the
    /// tests.
    #[cfg(test)]
    pub(crate) fn skipped_at_load(&self) -> usize {
        self.unparsed().map_or(0, |unparsed| unparsed.counts().1)
    }

    fn unparsed(&self) -> Option<&unparsed::Unparsed> {
        self.pending_paths.as_ref()?.unparsed.as_ref()
    }

    /// Whether loading left path items unparsed (the index beside the item cache vouched for
    /// their text): such a document holds only what changed of `paths`.
    pub(crate) fn left_items_unparsed(&self) -> bool {
        self.unparsed().is_some_and(|unparsed| !unparsed.is_empty())
    }

    /// A cursor over the raw tree that reads the members of `paths` left unparsed too.
    pub(crate) fn pointer_cursor(&self) -> crate::source_map::PointerCursor<'_> {
        let cursor = crate::source_map::PointerCursor::new(&self.raw);
        match (self.unparsed(), self.raw.get("paths")) {
            (Some(unparsed), Some(paths)) if !unparsed.is_empty() => {
                cursor.with_lazy_members(paths, self)
            }
            _ => cursor,
        }
    }

    /// Writes the index of this document's path items at `path`, for the next run to leave
    /// those that stay the same unparsed (`load/unparsed.rs`); only for a JSON document whose
    /// members were found in its text.
    pub(crate) fn store_paths_index(&self, path: &Path) {
        let Some(spans) = &self.spans else {
            return;
        };
        let Some(paths) = self.raw.get("paths").and_then(serde_json::Value::as_object) else {
            return;
        };
        if spans.paths_hashes.len() != paths.len() {
            return;
        }
        let trees: Vec<(&String, &serde_json::Value)> = paths.iter().collect();
        let empty = unparsed::Unparsed::default();
        let unparsed = self.unparsed().unwrap_or(&empty);
        let outside_paths = spans.outside_paths_hash(&self.text, false);
        unparsed.store(
            path,
            &trees,
            &spans.paths_hashes,
            &spans.paths_split,
            outside_paths,
        );
    }
}

/// The members of `paths` left unparsed, as a pointer cursor reads them.
impl crate::source_map::LazyMembers for Document {
    fn member(&self, key: &str) -> Option<&serde_json::Value> {
        self.unparsed()?.tree_at(&self.text, key)
    }
}

/// The typed document and the `$ref`s it writes, or `None` when any part of it does not read.
///
/// openapiv3 reads the document through a buffer of the whole tree (its top-level extensions
/// are flattened, and so are `paths`' items), one thread's work. `components`' sections in
/// runs (`typed::ComponentPart`), the small rest (read with an empty `paths`) and `paths`' items
/// in runs of [`PATH_ITEMS_PER_READ`] read on their own, on both cores, make the same document
/// in less time.
/// The walk that collects the `$ref`s is one more part.
///
/// With [`Paths::Streamed`], `paths`' items are left [`PendingPaths`] instead.
fn read_typed(raw: &serde_json::Value, reading: Reading) -> Option<TypedDocument> {
    let Reading {
        text,
        paths: paths_read,
        unparsed,
        lazy_components,
    } = reading;
    let object = raw.as_object()?;
    let paths = object.get("paths")?.as_object()?;
    let mut rest: serde_json::Map<String, serde_json::Value> = object
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "paths" | "components"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    rest.insert(
        "paths".to_owned(),
        serde_json::Value::Object(Default::default()),
    );
    let items: Vec<(&String, &serde_json::Value)> = paths.iter().collect();
    let mut parts = vec![
        TypedPart::References(raw),
        TypedPart::Rest(serde_json::Value::Object(rest)),
    ];
    // `components`' sections are cut into runs, read first, on both cores.
    let component_sections = object.get("components").map(|components| {
        let sections = typed::component_sections(components);
        (components, sections)
    });
    let component_parts: Vec<TypedPart> = match &component_sections {
        None => Vec::new(),
        // Only the sections no one reads member by member; the rest are read on first use.
        Some((components, Some(_))) if lazy_components => {
            vec![TypedPart::ComponentPart(typed::ComponentPart::Rest(
                components,
            ))]
        }
        Some((components, Some(sections))) => {
            typed::component_parts(components, sections, PATH_ITEMS_PER_READ)
                .into_iter()
                .map(TypedPart::ComponentPart)
                .collect()
        }
        Some((components, None)) => vec![TypedPart::Components(components)],
    };
    parts.splice(0..0, component_parts);
    let pending = match paths_read {
        Paths::Read => {
            parts.extend(items.chunks(PATH_ITEMS_PER_READ).map(TypedPart::PathItems));
            None
        }
        // Items left unparsed are there to be replayed; reading ahead would parse them.
        Paths::Streamed(_) if unparsed.is_some_and(|unparsed| !unparsed.is_empty()) => {
            Some(PendingPaths::new(paths))
        }
        Paths::Streamed(_) => {
            // The thread that runs out of parts first reads path items until the other is done.
            parts.extend([TypedPart::PathItemsAhead, TypedPart::PathItemsAhead]);
            Some(PendingPaths::new(paths))
        }
    };
    let ahead = parts
        .iter()
        .filter(|part| matches!(part, TypedPart::PathItemsAhead))
        .count();
    let unfinished = AtomicUsize::new(parts.len() - ahead);
    let read = |part: TypedPart| match (part, &pending) {
        (TypedPart::PathItemsAhead, Some(pending)) => {
            pending.read_while(&items, text, || unfinished.load(Ordering::Relaxed) > 0);
            Some(TypedRead::Ahead)
        }
        (part, _) => {
            let read = part.read();
            unfinished.fetch_sub(1, Ordering::Relaxed);
            read
        }
    };
    let mut openapi = None;
    let mut references = FxHashSet::default();
    let mut components = Vec::new();
    // Reserved whole: a path item is kilobytes, and growing the map copies every one again.
    let mut path_items = openapiv3::Paths::default();
    path_items.paths.reserve(items.len());
    for read in crate::worker::map_all(parts, read) {
        match read? {
            TypedRead::Ahead => {}
            TypedRead::Rest(rest) => openapi = Some(*rest),
            TypedRead::References(read) => references = read,
            TypedRead::Components(read) => components.push(*read),
            TypedRead::PathItems((items, extensions)) => {
                path_items.paths.extend(items);
                path_items.extensions.extend(extensions);
            }
        }
    }
    let (components, unread) = match component_sections {
        None => (None, None),
        Some((raw, Some(_))) if lazy_components => {
            let rest = typed::merge_components(components);
            (None, Some(Components::unread(raw, rest)))
        }
        Some(_) => (Some(typed::merge_components(components)), None),
    };
    let openapi = openapiv3::OpenAPI {
        paths: path_items,
        components,
        ..openapi?
    };
    Some((openapi, references, pending, unread))
}

/// How [`read_typed`] reads a document: its text, whether `paths`' items are left to lowering
/// and which were left unparsed, and whether `components`' members are read on first use.
#[derive(Clone, Copy)]
struct Reading<'r> {
    text: &'r str,
    paths: &'r Paths,
    unparsed: Option<&'r unparsed::Unparsed>,
    lazy_components: bool,
}

#[cfg(test)]
impl Reading<'_> {
    /// A document with no text (so no item unparsed), every member read at load.
    fn eager(paths: &Paths) -> Reading<'_> {
        Reading {
            text: "",
            paths,
            unparsed: None,
            lazy_components: false,
        }
    }
}

/// A document read into its typed form: the document, its `$ref`s, `paths`' items if they
/// are left to be read while lowering takes them, and `components` if their members are left
/// to be read on first use (the document holds none then).
type TypedDocument = (
    openapiv3::OpenAPI,
    FxHashSet<String>,
    Option<PendingPaths>,
    Option<Components>,
);

/// How many of `paths`' items one read takes: enough that the queue is not contended, few
/// enough that both cores finish together.
const PATH_ITEMS_PER_READ: usize = 32;

/// A part of the document that reads into its typed form on its own.
enum TypedPart<'a> {
    /// The whole tree, for its `$ref`s.
    References(&'a serde_json::Value),
    /// `components` read whole, through serde: one of its sections is no object.
    Components(&'a serde_json::Value),
    /// A part of `components` that reads on its own (`typed.rs`).
    ComponentPart(typed::ComponentPart<'a>),
    Rest(serde_json::Value),
    /// A run of `paths`' members, in order.
    PathItems(&'a [(&'a String, &'a serde_json::Value)]),
    /// Pending path items, read while another part is still being read.
    PathItemsAhead,
}

/// What a [`TypedPart`] reads into.
enum TypedRead {
    References(FxHashSet<String>),
    /// `components`, or a part of it, as a `Components` holding that part alone.
    Components(Box<openapiv3::Components>),
    Rest(Box<openapiv3::OpenAPI>),
    /// The path items and extensions of a run of `paths`' members.
    PathItems(PathRun),
    /// Pending path items were read ahead.
    Ahead,
}

impl TypedPart<'_> {
    fn read(self) -> Option<TypedRead> {
        match self {
            TypedPart::References(raw) => Some(TypedRead::References(written_references(raw))),
            TypedPart::Components(components) => value_de::from_value(components)
                .ok()
                .map(|components| TypedRead::Components(Box::new(components))),
            TypedPart::ComponentPart(part) => part
                .read()
                .map(|components| TypedRead::Components(Box::new(components))),
            TypedPart::Rest(rest) => value_de::from_value(&rest)
                .ok()
                .map(|rest| TypedRead::Rest(Box::new(rest))),
            TypedPart::PathItems(members) => read_path_run(members).map(TypedRead::PathItems),
            TypedPart::PathItemsAhead => Some(TypedRead::Ahead),
        }
    }
}

/// The path items and extensions of a run of `paths`' members, as openapiv3 reads `Paths`:
/// keys starting with `/` are items, `x-` keys extensions, and any other key is ignored.
fn read_path_run(members: &[(&String, &serde_json::Value)]) -> Option<PathRun> {
    let extensions = members
        .iter()
        .filter(|(key, _)| is_extension(key))
        .map(|(key, value)| ((*key).clone(), (*value).clone()))
        .collect();
    Some((read_path_items(members)?, extensions))
}

/// The path items of a run of `paths`' members, without its extensions, which a streamed load
/// has no use for.
fn read_path_items(members: &[(&String, &serde_json::Value)]) -> Option<Vec<PathItemEntry>> {
    members
        .iter()
        .filter(|(key, _)| key.starts_with('/'))
        .map(|(key, value)| Some(((*key).clone(), typed::read_path_item(value)?)))
        .collect()
}

/// Whether a member is an extension (`x-…`): openapiv3 keeps those apart, and they hold no
/// schema it reads.
fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// The path items and extensions of a run of `paths`' members.
type PathRun = (Vec<PathItemEntry>, Vec<(String, serde_json::Value)>);

/// A member of `paths` read as a path item.
type PathItemEntry = (String, openapiv3::ReferenceOr<openapiv3::PathItem>);

/// Every `$ref` string written in `raw`, once each, collected on a core the typed read leaves
/// free, so that lowering does not walk the whole tree again.
fn written_references(raw: &serde_json::Value) -> FxHashSet<String> {
    let mut references = FxHashSet::default();
    for_each_reference(raw, |reference| {
        if !references.contains(reference) {
            references.insert(reference.to_owned());
        }
    });
    references
}

/// Calls `found` with every `$ref` string written in `tree`, as often as it is written.
fn for_each_reference<'t>(tree: &'t serde_json::Value, mut found: impl FnMut(&'t str)) {
    let mut pending = vec![tree];
    while let Some(value) = pending.pop() {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("$ref", serde_json::Value::String(reference)) => found(reference),
                        _ => pending.push(child),
                    }
                }
            }
            serde_json::Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
}

impl Document {
    /// Where `pointer` is in the source.
    pub fn locate(&self, pointer: &str) -> Location {
        let source_map = self.source_map.get_or_init(|| SourceMap::build(&self.text));
        let position = source_map.position(pointer);
        Location {
            file: self.file.clone(),
            pointer: pointer.to_owned(),
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
        }
    }

    /// Where each of `pointers` is in the source. Unless the whole source is mapped already,
    /// one pass maps only these pointers (and their ancestors), not every node.
    pub fn locate_all(&self, pointers: &[&str]) -> Vec<Location> {
        if pointers.is_empty() {
            return Vec::new();
        }
        let partial;
        let source_map = match self.source_map.get() {
            Some(source_map) => source_map,
            None => {
                let ends = self
                    .spans
                    .as_ref()
                    .map(Spans::value_ends)
                    .unwrap_or_default();
                partial = SourceMap::build_for_skipping(&self.text, pointers, &ends);
                &partial
            }
        };
        pointers
            .iter()
            .map(|pointer| {
                let position = source_map.position(pointer);
                Location {
                    file: self.file.clone(),
                    pointer: (*pointer).to_owned(),
                    line: position.map(|(line, _)| line),
                    column: position.map(|(_, column)| column),
                }
            })
            .collect()
    }

    /// An error at `pointer`.
    pub fn invalid(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::Invalid {
            location: self.locate(pointer),
            message: message.into(),
        }
    }
}

/// Every file under `dir` by relative path (`/`-separated), for comparing with fresh output.
/// A missing directory reads as empty.
pub fn read_output_dir(dir: &Path) -> Result<crate::emit::Files, Error> {
    let mut files = crate::emit::Files::new();
    for (relative, path) in output_paths(dir)? {
        // Non-UTF-8 files cannot be generated by us, so they always count as stale.
        let text = std::fs::read(&path).map_err(|error| read_error(&path, error))?;
        let text =
            String::from_utf8(text).unwrap_or_else(|_| String::from("\u{fffd} (binary file)"));
        files.insert(relative, text.into());
    }
    Ok(files)
}

/// Every file under `dir`: its relative path (`/`-separated) and its path. A missing
/// directory has none.
pub fn output_paths(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>, Error> {
    let mut paths = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(read_error(&current, error)),
        };
        for entry in entries {
            let path = entry.map_err(|error| read_error(&current, error))?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if let Ok(relative) = path.strip_prefix(dir) {
                let relative = relative.to_string_lossy().replace('\\', "/");
                paths.push((relative, path));
            }
        }
    }
    Ok(paths)
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        file: path.display().to_string(),
        source,
    }
}

/// The document's tree, and, for JSON parsed in parts, where its members are in `text` and,
/// with the index of path items at `index`, those of `paths`' members left unparsed.
fn parse_tree(file: &str, text: &str, index: Option<&Path>) -> Result<ParsedTree, Error> {
    // JSON goes through serde_json: it keeps integers beyond 64 bits (as floats) that the YAML
    // route cannot represent, and it is faster on the multi-megabyte documents real APIs ship.
    if text.trim_start().starts_with('{') {
        return parse_json(text, index).map_err(|error| {
            located_parse_error(
                file,
                text,
                yaml::TreeError {
                    message: format!("not valid JSON: {error}"),
                    pointer: None,
                    line: Some(error.line()),
                    column: Some(error.column()),
                },
            )
        });
    }
    let value = yaml::parse_yaml(text).map_err(|error| located_parse_error(file, text, error))?;
    Ok((value, None, None))
}

/// A document's tree, where its members are, and `paths`' members left unparsed.
type ParsedTree = (serde_json::Value, Option<Spans>, Option<unparsed::Unparsed>);

/// Completes a parse error's place: a syntax error gets the pointer of the last node before it,
/// an error known only by pointer gets that node's line.
fn located_parse_error(file: &str, text: &str, error: yaml::TreeError) -> Error {
    let source_map = SourceMap::build(text);
    let pointer = match (error.pointer, error.line, error.column) {
        (Some(pointer), ..) => pointer,
        (None, Some(line), Some(column)) => source_map.pointer_near(line, column),
        (None, ..) => String::from("#"),
    };
    let (line, column) = match error.line {
        Some(line) => (Some(line), error.column),
        None => match source_map.position(&pointer) {
            Some((line, column)) => (Some(line), Some(column)),
            None => (None, None),
        },
    };
    Error::Invalid {
        location: Location {
            file: file.to_owned(),
            pointer,
            line,
            column,
        },
        message: error.message,
    }
}

/// Callbacks describe requests the *server* makes, which a client never sends, so they are not
/// generated; they are removed before typed parsing because openapiv3 cannot read a `$ref`
/// in their place, which OpenAPI 3.0 allows.
fn drop_callbacks(raw: &mut serde_json::Value) {
    let Some(paths) = raw.get_mut("paths").and_then(|paths| paths.as_object_mut()) else {
        return;
    };
    paths.values_mut().for_each(drop_item_callbacks);
}

/// [`drop_callbacks`] for one member of `paths`.
fn drop_item_callbacks(item: &mut serde_json::Value) {
    for operation in item
        .as_object_mut()
        .into_iter()
        .flat_map(|item| item.values_mut())
    {
        if let Some(operation) = operation.as_object_mut() {
            operation.remove("callbacks");
        }
    }
}

/// Raw control characters inside strings are invalid JSON, yet real documents contain them
/// (pasted descriptions); they are read as spaces rather than rejecting the whole document.
fn parse_json(text: &str, index_path: Option<&Path>) -> Result<ParsedTree, serde_json::Error> {
    // With an index path, `paths`' members are hashed (the lowering record needs that too) and
    // those the index holds are left unparsed.
    let mut index = None;
    let choose = |spans: &mut Spans| match index_path {
        None => Vec::new(),
        Some(path) => {
            spans.hash_paths(text);
            index = unparsed::ItemIndex::read(path);
            match &index {
                Some(index) => unparsed::Unparsed::choose(index, &spans.paths, &spans.paths_hashes),
                None => vec![false; spans.paths.len()],
            }
        }
    };
    if let Some((value, spans, skipped)) = json::parse_in_parts(text, choose) {
        let unparsed = spans
            .as_ref()
            .filter(|_| index_path.is_some())
            .map(|spans| {
                let skipped = match skipped.len() == spans.paths.len() {
                    true => skipped,
                    false => vec![false; spans.paths.len()],
                };
                unparsed::Unparsed::new(index, &spans.paths, &spans.paths_hashes, &skipped)
            });
        return Ok((value, spans, unparsed));
    }
    let value = match serde_json::from_str(text) {
        Err(error) if error.to_string().starts_with("control character") => {
            let cleaned: String = text
                .chars()
                .map(|c| match c {
                    '\n' | '\r' => c,
                    c if c.is_control() && (c as u32) < 0x20 => ' ',
                    c => c,
                })
                .collect();
            serde_json::from_str(&cleaned).map_err(|_| error)
        }
        other => other,
    };
    value.map(|value| (value, None, None))
}

fn check_version(document: &Document, raw: &serde_json::Value) -> Result<(), Error> {
    if !raw.is_object() {
        return Err(document.invalid("#", "the document is not a mapping of OpenAPI fields"));
    }
    match raw.get("openapi").and_then(|version| version.as_str()) {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) => Err(document.invalid(
            "#/openapi",
            format!(
                "OpenAPI version {version} is not supported; this generator reads OpenAPI 3.0.x"
            ),
        )),
        None if raw.get("swagger").is_some() => Err(document.invalid(
            "#/swagger",
            "Swagger 2.0 documents are not supported; convert the document to OpenAPI 3.0 first",
        )),
        None => Err(document.invalid("#", "missing the `openapi` version field")),
    }
}

/// A typed read of one node: the failing path below it and the message, if it fails.
type NodeCheck = fn(&serde_json::Value) -> Option<(String, String)>;

/// The types openapiv3 reads through a buffer (`$ref`-or-item values, callbacks).
const BUFFERED_TYPES: &[NodeCheck] = &[
    check_node::<openapiv3::PathItem>,
    check_node::<openapiv3::Response>,
    check_node::<openapiv3::Parameter>,
    check_node::<openapiv3::RequestBody>,
    // A schema is read one node at a time: read whole, a deep malformed one takes exponential time.
    schemas::malformed_schema_at,
    check_node::<openapiv3::Header>,
    check_node::<openapiv3::Example>,
    check_node::<openapiv3::Link>,
    check_node::<openapiv3::SecurityScheme>,
    check_node::<openapiv3::Callback>,
];

/// openapiv3 reads `$ref`-or-item values and flattened maps (`responses`) through a buffer,
/// which hides the path below them from serde_path_to_error: the error stops at, say, `#/paths`.
/// Reading the node, or else each of its children, again as each type that can sit there, and
/// following the one that fails with the same message, recovers the rest of the path.
fn refine_pointer(raw: &serde_json::Value, mut pointer: String, message: &str) -> String {
    // Each round descends at least one level, so the depth of the document bounds the loop.
    loop {
        let Some(node) = crate::source_map::pointer_get(raw, pointer.trim_start_matches('#'))
        else {
            return pointer;
        };
        let fails_alike = |value: &serde_json::Value| {
            BUFFERED_TYPES
                .iter()
                .filter_map(|check| check(value))
                .find(|(_, found)| found == message)
                .map(|(below, _)| below)
        };
        if let Some(below) = fails_alike(node).filter(|below| !below.is_empty()) {
            pointer.push_str(&below);
            continue;
        }
        let children: Vec<(String, &serde_json::Value)> = match node {
            serde_json::Value::Object(map) => map
                .iter()
                .map(|(key, child)| (crate::source_map::escape_segment(key), child))
                .collect(),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(child_idx, child)| (child_idx.to_string(), child))
                .collect(),
            _ => return pointer,
        };
        let culprit = children
            .into_iter()
            .find_map(|(segment, child)| fails_alike(child).map(|below| (segment, below)));
        match culprit {
            Some((segment, below)) => pointer.push_str(&format!("/{segment}{below}")),
            None => return pointer,
        }
    }
}

fn check_node<T: serde::de::DeserializeOwned>(
    node: &serde_json::Value,
) -> Option<(String, String)> {
    match serde_path_to_error::deserialize::<_, T>(node) {
        Ok(_) => None,
        Err(error) => {
            let below = pointer_from_serde_path(error.path());
            Some((
                below.trim_start_matches('#').to_owned(),
                error.inner().to_string(),
            ))
        }
    }
}

fn pointer_from_serde_path(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            serde_path_to_error::Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&crate::source_map::escape_segment(key));
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Result<Document, Error> {
        parse_document(name.to_owned(), text.to_owned())
    }

    /// The typed read in parts makes what openapiv3 makes of the whole document, for every
    /// document of the repository and for the cases its parts treat apart.
    #[test]
    fn reading_paths_and_components_apart_makes_the_same_document() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let mut documents = vec![root.join("spec/resource-sharing.openapi.yaml")];
        for entry in std::fs::read_dir(root.join("tests/fixtures/fidelity")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "yaml") {
                documents.push(path);
            }
        }
        let mut raws: Vec<serde_json::Value> = documents
            .iter()
            .map(|path| load_document(path).unwrap().raw)
            .collect();
        let info = serde_json::json!({"title": "t", "version": "1"});
        raws.extend([
            serde_json::json!({"openapi": "3.0.0", "info": info, "paths": {}, "x-top": [1]}),
            serde_json::json!({"openapi": "3.0.0", "info": info, "paths": {"x-p": 1},
                "components": {"x-c": true}, "tags": [{"name": "a"}]}),
            serde_json::json!({"openapi": "3.0.0", "info": info,
                "paths": {"/b": {"get": {"responses": {}}}, "other": 3, "x-q": [], "/a": {}}}),
        ]);
        // Enough items for several runs of them.
        let many: serde_json::Map<String, serde_json::Value> = (0..PATH_ITEMS_PER_READ * 3 + 1)
            .map(|n| {
                (
                    format!("/{n}"),
                    serde_json::json!({"summary": n.to_string()}),
                )
            })
            .collect();
        raws.push(serde_json::json!({"openapi": "3.0.0", "info": info, "paths": many}));
        // Many schemas, beside the other sections and extensions.
        let schemas: serde_json::Map<String, serde_json::Value> = (0..100)
            .map(|n| {
                let schema = match n % 3 {
                    0 => serde_json::json!({"$ref": format!("#/components/schemas/s{}", n + 1)}),
                    1 => serde_json::json!({"type": "object", "x-n": n,
                        "properties": {"a": {"type": "string"}}}),
                    _ => serde_json::json!({"oneOf": [{"type": "integer"}, {"type": "string"}]}),
                };
                (format!("s{n}"), schema)
            })
            .collect();
        raws.push(
            serde_json::json!({"openapi": "3.0.0", "info": info, "paths": {},
            "components": {"x-c": 1, "schemas": schemas,
                "parameters": {"p": {"name": "p", "in": "query", "schema": {"type": "string"}}}}}),
        );
        for raw in &raws {
            let whole = <openapiv3::OpenAPI as serde::Deserialize>::deserialize(raw).unwrap();
            let read = read_typed(raw, Reading::eager(&Paths::Read));
            let read = read.map(|(openapi, references, pending, unread)| {
                assert!(pending.is_none() && unread.is_none());
                (openapi, references)
            });
            let read_openapi = read.as_ref().map(|(openapi, _)| openapi);
            // `Debug` shows the maps' order, which their equality ignores.
            assert_eq!(format!("{read_openapi:?}"), format!("{:?}", Some(&whole)));
            assert_eq!(read, Some((whole, written_references(raw))));
        }
        // Whatever fails to read in parts is read whole, where the error gets its path.
        let null_components =
            serde_json::json!({"openapi": "3.0.0", "info": info, "paths": {}, "components": null});
        assert!(read_typed(&null_components, Reading::eager(&Paths::Read)).is_none());
        let mut bad_schema = raws.last().unwrap().clone();
        bad_schema["components"]["schemas"]["s40"] = serde_json::json!({"type": 7});
        assert!(read_typed(&bad_schema, Reading::eager(&Paths::Read)).is_none());
        let no_paths = serde_json::json!({"openapi": "3.0.0", "info": info});
        assert!(read_typed(&no_paths, Reading::eager(&Paths::Read)).is_none());
    }

    #[test]
    fn json_with_integers_beyond_64_bits_loads() {
        let text = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"Big": {"type": "integer", "minimum": -9223372036854775809}}}}"#;
        assert!(parse("big.json", text).is_ok());
    }

    #[test]
    fn raw_control_characters_in_json_strings_read_as_spaces() {
        let text = "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"a\u{1}b\", \"version\": \"1\"}, \"paths\": {}}";
        let document = parse("control.json", text).expect("loads");
        assert_eq!(document.openapi.info.title, "a b");
    }

    #[test]
    fn callbacks_given_by_reference_are_ignored() {
        let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      callbacks:\n        hook: {$ref: '#/components/callbacks/Hook'}\n      responses: {'200': {description: ok}}\ncomponents:\n  callbacks:\n    Hook: {}\n";
        assert!(parse("callbacks.yaml", text).is_ok());
    }

    #[test]
    fn json_syntax_errors_name_line_and_column() {
        let error = parse("broken.json", "{\n  \"openapi\": \"3.0.0\",\n  oops\n}")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("broken.json:3:3"), "{error}");
    }

    #[test]
    fn yaml_tags_fail_at_their_node() {
        let error = parse("tag.yaml", "openapi: 3.0.0\ninfo: !custom {title: t}\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "tag.yaml:2:7 (#/info): the YAML tag `!custom` is not supported; remove it"
        );
    }

    /// A malformed schema is named by its pointer with openapiv3's own message, whether it is
    /// nested shallowly (the typed read refuses it, then every schema is checked) or so deeply
    /// that openapiv3 would take exponential time to refuse it (checked before the read).
    #[test]
    fn malformed_schemas_are_named_at_any_depth() {
        for depth in [1, 40] {
            let mut schema = serde_json::json!({"type": "string", "minLength": "long"});
            for _ in 0..depth {
                schema = serde_json::json!({"type": "object", "properties": {"a": schema}});
            }
            let text = serde_json::json!({
                "openapi": "3.0.0",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {"schemas": {"S": schema}},
            })
            .to_string();
            let error = parse("deep.json", &text).unwrap_err().to_string();
            let pointer = format!("#/components/schemas/S{}", "/properties/a".repeat(depth));
            assert!(error.contains(&format!("({pointer})")), "{error}");
            assert!(
                error.contains("not a valid OpenAPI 3.0 document: invalid type: string \"long\""),
                "{error}"
            );
        }
    }

    #[test]
    fn json_syntax_errors_name_the_node_before_them() {
        let error = parse(
            "broken.json",
            "{\"openapi\": \"3.0.0\",\n \"info\": {\"title\": 1 2}}",
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with("broken.json:2:22 (#/info/title): not valid JSON"),
            "{error}"
        );
    }

    #[test]
    fn warnings_in_a_document_parsed_in_parts_are_placed_as_by_a_full_scan() {
        // Past 1 MB, JSON is parsed in parts and placing passes over the members of the
        // document and of `paths` that hold no wanted pointer in one step each.
        let item = |n: usize| {
            let schema = serde_json::json!({"type": "object", "description": "d".repeat(n % 7),
                "properties": {"x": {"type": "array", "items": {"type": "string"}}}});
            let content = serde_json::json!({"application/json": {"schema": schema}});
            serde_json::json!({"get": {"summary": "é ü", "responses":
                {"200": {"description": "ok", "content": content}}}})
        };
        let paths: serde_json::Map<String, serde_json::Value> =
            (0..3000).map(|n| (format!("/a{n}"), item(n))).collect();
        let schemas: serde_json::Map<String, serde_json::Value> = (0..200)
            .map(|n| {
                (
                    format!("s{n}"),
                    serde_json::json!({"type": "string", "x-n": [n, "ä"]}),
                )
            })
            .collect();
        let raw = serde_json::json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
            "paths": paths, "components": {"schemas": schemas}, "x-tail": [1, {"b": 2}]});
        let text = serde_json::to_string_pretty(&raw).unwrap();
        let document = parse_document(String::from("big.json"), text.clone()).unwrap();
        let ends = document
            .spans
            .as_ref()
            .expect("parsed in parts")
            .value_ends();
        assert!(ends.len() > 3000);
        for (&start, &end) in &ends {
            // Each span is one whole value, from its first byte: where the scanner stands.
            assert!(!text.as_bytes()[start].is_ascii_whitespace());
            serde_json::from_str::<serde_json::Value>(&text[start..end]).unwrap();
        }
        let pointers = [
            "#/paths/~1a0/get/responses/200/content/application~1json/schema/properties/x/items",
            "#/paths/~1a2999/get/summary",
            "#/paths/~1a1500/get/missing",
            "#/paths/~1nope/get",
            "#/components/schemas/s150/x-n/1",
            "#/x-tail/1/b",
            "#/info/title",
        ];
        let whole = SourceMap::build_for(&text, &pointers);
        for (pointer, location) in pointers.iter().zip(document.locate_all(&pointers)) {
            let expected = whole.position(pointer);
            assert_eq!(location.line.zip(location.column), expected, "{pointer}");
        }
    }
}
