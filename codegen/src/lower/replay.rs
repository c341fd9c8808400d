//! Lowering replayed from the last run, path item by path item.
//!
//! A spec update changes few path items, and lowering the others again (their operations and
//! the schemas they reach, after reading them into openapiv3's types) was nearly all of
//! lowering: 221 of stripe's 236 M instructions after a one-operation change. Between path
//! items the lowering state only grows (the [`TypeTable`](super::schema::TypeTable) invariant),
//! so what one item did to it is the tail it appended to each part: its effects. The record
//! kept beside the item cache holds, for each path item of the run that wrote it, its path, a
//! hash of its JSON (of its text where loading kept where each item is, else of its tree), its
//! effects and their hash, its operations, and its operations' security requirements.
//!
//! The state before an item follows from the config, the document outside `paths`, and the
//! effects of the items before it. So while the state is the one the record had before its
//! next item (the walk is "in step"), an item with that item's path and raw hash is replayed:
//! its effects are appended and its operations taken, and it is not even read. An item that
//! changed is lowered; if its effects hash like the recorded item's, the walk is in step again
//! and the items after it replay. A new item that adds nothing keeps the step, and recorded
//! items that added nothing are passed over when they are gone. Anything else (an item whose
//! change adds or drops a type or a name, a removed item that had declared some) loses the
//! step, and every item after it is lowered.
//!
//! A record is used only when it was written by this build of the generator, for the same
//! config, the same document outside `paths` and the same set of written `$ref`s (which
//! lowering consults, `Lowerer::reaches_itself`), and never when a `$ref` lands inside `paths`
//! (however it is spelled: `source_map::lands_in_paths`), where one item could read another.
//! Members of `paths` that are no path item are checked as reading their run would check them,
//! since a replayed item's run is not read. A record is only an optimisation: one that is
//! missing, damaged or stale means lowering everything, and failing to write one is not an
//! error. Its checksum finds damage, not forgery: like the item cache, it is the user's own
//! file under their target directory, and trusted as such.
//!
//! **Invariant:** a replayed path item gets exactly what lowering it would: it is replayed only
//! onto the state it was recorded after, with its raw JSON unchanged.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};

use openapiv3::{PathItem, ReferenceOr};
use rustc_hash::{FxBuildHasher, FxHashSet};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::schema::{Declared, TypeTable};
use super::{Lowerer, Warnings};
use crate::cache_file::{self, StableHasher};
use crate::config::Config;
use crate::ir::{Operation, TypeId, TypeRef};
use crate::load::{self, Document, PendingPaths};

const MAGIC: &[u8; 8] = b"OAGLOWR3";

mod decoding;
pub(super) mod references;
#[cfg(test)]
mod tests;

use decoding::Decoding;
use references::{RecordedReference, ReferenceRun, ReplayedReference};

#[cfg(test)]
thread_local! {
    /// How many path items the last lowering on this thread replayed, for the tests.
    static REPLAYED: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    /// The hash of the whole state the last lowering on this thread left after its path items,
    /// for the tests: a replay must leave what lowering leaves, even where the output would
    /// not show the difference.
    static STATE: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Notes the state `table` and `warnings` hold after the path items, for the tests.
#[cfg(test)]
pub(super) fn note_state(table: &TypeTable, warnings: &Warnings) {
    let state = State { table, warnings };
    let effects = state.effects_between(Marks::default(), state.marks());
    STATE.set(hash_of(&effects));
}

/// How far each part of the lowering state has grown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Marks {
    declared: usize,
    names: usize,
    by_pointer: usize,
    enums: usize,
    warnings: usize,
}

impl Marks {
    /// How far each part grew from `start` to here; `None` where one shrank, which marks
    /// read from a damaged record can say.
    fn since(self, start: Marks) -> Option<Marks> {
        Some(Marks {
            declared: self.declared.checked_sub(start.declared)?,
            names: self.names.checked_sub(start.names)?,
            by_pointer: self.by_pointer.checked_sub(start.by_pointer)?,
            enums: self.enums.checked_sub(start.enums)?,
            warnings: self.warnings.checked_sub(start.warnings)?,
        })
    }

    /// The marks in the order the parts are written.
    fn parts(self) -> [usize; 5] {
        [
            self.declared,
            self.names,
            self.by_pointer,
            self.enums,
            self.warnings,
        ]
    }
}

/// What one path item appended to each part of the state, as a record holds it.
#[derive(Default, Deserialize)]
struct Effects {
    declared: Vec<Declared>,
    names: Vec<String>,
    by_pointer: Vec<(String, TypeRef)>,
    enums: Vec<(Vec<String>, TypeId)>,
    warnings: Vec<(String, String)>,
}

/// The same, borrowed from the state: written as [`Effects`] reads back.
#[derive(Serialize)]
struct EffectsRef<'s> {
    declared: &'s [Declared],
    names: Vec<&'s String>,
    by_pointer: Vec<(&'s String, &'s TypeRef)>,
    enums: Vec<(&'s Vec<String>, &'s TypeId)>,
    warnings: Vec<&'s (String, String)>,
}

/// One path item of the run that wrote a record, its fields in the order
/// [`write_chunk`] writes them. Its effects are written as bytes, so that they can be left
/// undecoded: [`Decoding`] decodes them only for an item the document still has, with the same
/// JSON, at the same path, since no other is replayed. A changed item is lowered instead, and
/// the first item is the one that declares the types all share: stripe's holds most of its
/// record, and the bench changes it.
#[derive(Default, Deserialize)]
struct RecordedItem<'r> {
    path: String,
    hash: u64,
    #[serde(borrow)]
    effects: &'r [u8],
    effects_hash: u64,
    operations: Vec<Operation>,
    security: Vec<Vec<String>>,
    /// The component `$ref`s it lowered at its top level (`replay/references.rs`).
    references: Vec<RecordedReference>,
    /// `effects` decoded, where they were.
    #[serde(skip)]
    decoded: Option<Effects>,
    /// `references` decoded with their effects, where the document has the item changed.
    #[serde(skip)]
    replayable_references: Vec<ReplayedReference>,
}

/// A recorded item to replay: what it appended to the state, that hashed, and its operations
/// and their security requirements.
struct Replayable {
    effects: Effects,
    effects_hash: u64,
    operations: Vec<Operation>,
    security: Vec<Vec<String>>,
    references: Vec<ReferenceRun>,
}

/// [`Effects`] with nothing in them, as written: five empty lists.
const NO_EFFECTS: &[u8] = &[0; 5];

/// Bytes written as bytes (a length, then the bytes), which serde writes for `[u8]` as a list
/// of numbers.
struct Bytes<'b>(&'b [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// A record read back and checked: the state's marks before the first path item, and its
/// chunks of path items, decoded as the walk needs them ([`Decoding`]).
pub(super) struct Record {
    start: Marks,
    bytes: cache_file::FileBytes,
    chunks: Vec<Range<usize>>,
}

impl Record {
    /// Every recorded item, decoded here; `None` if a chunk does not decode.
    #[cfg(test)]
    fn items(&self) -> Option<Vec<RecordedItem<'_>>> {
        let mut items = Vec::new();
        for chunk in &self.chunks {
            items.extend(
                postcard::from_bytes::<Vec<RecordedItem>>(&self.bytes[chunk.clone()]).ok()?,
            );
        }
        Some(items)
    }
}

/// What a record's body starts with: the context it was made in, the state's marks before the
/// first path item, and the length of each chunk of path items after it. The chunks are read
/// on every core: one thread took 16 ms for stripe's 4.8 MB.
#[derive(Serialize, Deserialize)]
struct Header {
    context: u64,
    start: Marks,
    chunks: Vec<usize>,
}

/// How many recorded items the walk passes over, at most, to find the one it is at.
const LOOK_AHEAD: usize = 64;

/// Path items per chunk of their raw hashes.
const ITEMS_PER_CHUNK: usize = 64;

/// A record is written in about this many chunks, so that reading it keeps both cores busy
/// to the end: the first path items of a document declare most of its types, and one chunk of
/// stripe's first 64 took as long as the other four.
const RECORD_CHUNKS: usize = 32;

/// `items` cut into about [`RECORD_CHUNKS`] runs of about equal weight (types declared and
/// operations, plus one for the item).
fn chunks<'i, 'a>(items: &'i [ItemRun<'a>]) -> Vec<&'i [ItemRun<'a>]> {
    let weight =
        |item: &ItemRun| 1 + (item.end.declared - item.start.declared) + item.operations.len();
    let share = items
        .iter()
        .map(weight)
        .sum::<usize>()
        .div_ceil(RECORD_CHUNKS)
        .max(1);
    let mut chunks = Vec::with_capacity(RECORD_CHUNKS + 1);
    let (mut start, mut filled) = (0, 0);
    for (index, item) in items.iter().enumerate() {
        filled += weight(item);
        if filled >= share {
            chunks.push(&items[start..=index]);
            (start, filled) = (index + 1, 0);
        }
    }
    if start < items.len() {
        chunks.push(&items[start..]);
    }
    chunks
}

/// One path item of this run: its hash, its effects' hash, and where its effects, its
/// operations and its security requirements are.
struct ItemRun<'a> {
    path: &'a str,
    hash: u64,
    /// Hashed when the walk needed it, else when the record is written.
    effects_hash: Option<u64>,
    start: Marks,
    end: Marks,
    operations: Range<usize>,
    security: Range<usize>,
    /// The component `$ref`s it lowered at its top level, or the recorded item did.
    references: Vec<ReferenceRun>,
}

/// What lowering `paths`' items gave, and, when it was recorded, what the record is made of.
pub(super) struct LoweredItems<'a> {
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// The security requirements of every operation, each as its schemes' keys, in order.
    pub security: Vec<Vec<String>>,
    /// How many path items were replayed rather than lowered.
    pub replayed: usize,
    /// Whether a record made in this context, from the same state before the path items, was
    /// read.
    had_record: bool,
    context: u64,
    start: Marks,
    items: Vec<ItemRun<'a>>,
}

impl LoweredItems<'_> {
    /// Whether at least half of the path items were replayed rather than lowered.
    pub(super) fn replayed_most(&self) -> bool {
        self.replayed > 0 && self.replayed * 2 >= self.items.len()
    }

    /// Operations and security requirements lowered without a record, to keep none.
    pub(super) fn unrecorded(operations: Vec<Operation>, security: Vec<Vec<String>>) -> Self {
        LoweredItems {
            operations,
            security,
            replayed: 0,
            had_record: false,
            context: 0,
            start: Marks::default(),
            items: Vec::new(),
        }
    }
}

/// The hash that decides whether a record may be used: the generator's build, the config, the
/// document outside `paths` and `info`, and the set of `$ref`s it writes. `None` when a record
/// must not be used or kept: a `$ref` lands inside `paths`, or the document is no object.
///
/// Lowering the path items reads nothing of `info` (only the client's title, description and
/// version, after them), so the version bump that comes with most spec updates keeps the
/// record; unless a `$ref` lands in `info`, or names the whole document, where what it reads
/// is hashed too.
pub(super) fn context_hash(
    document: &Document,
    config: &Config,
    written_references: &FxHashSet<String>,
) -> Option<u64> {
    if written_references
        .iter()
        .any(|reference| crate::source_map::lands_in_paths(reference))
    {
        return None;
    }
    let mut hasher = StableHasher::default();
    hasher.write_u64(cache_file::generator_identity());
    // Where the item cache is does not change what lowering makes.
    let config = Config {
        item_cache: None,
        ..config.clone()
    };
    config.hash(&mut hasher);
    let with_info = written_references
        .iter()
        .any(|reference| crate::source_map::reads_member(reference, "info"));
    hasher.write_u8(u8::from(with_info));
    // By text where loading found the members' spans, else by tree; the two never mix, since
    // the items are hashed the same way as the rest.
    match &document.spans {
        Some(spans) => {
            hasher.write_u8(1);
            hasher.write_u64(spans.outside_paths_hash(&document.text, with_info));
        }
        None => {
            hasher.write_u8(0);
            for (key, value) in document.raw.as_object()? {
                if key != "paths" && (with_info || key != "info") {
                    key.hash(&mut hasher);
                    hash_value(value, &mut hasher);
                }
            }
        }
    }
    // The set, whatever order its hash map is in.
    let references = written_references.iter().fold(0u64, |sum, reference| {
        sum.wrapping_add(cache_file::stable_hash(reference.as_bytes()))
    });
    hasher.write_u64(references);
    hasher.write_usize(written_references.len());
    Some(hasher.finish())
}

/// The record file, read and checked on a helper thread (`worker::ahead`) from when lowering
/// begins, while lowering checks the `$ref`s and names the components (stripe: 3 ms, Graph
/// beta: 40 ms).
pub(super) struct RecordRead {
    path: PathBuf,
    read: crate::worker::Ahead<Option<(cache_file::FileBytes, Range<usize>)>>,
}

impl RecordRead {
    /// Where the record is, and where this run's is written.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

/// Begins reading the record at `path`: its bytes, and where its checked body is.
pub(super) fn start_read(path: PathBuf) -> RecordRead {
    let reading = path.clone();
    let read = crate::worker::ahead(move || {
        let bytes = cache_file::FileBytes::open(&reading)?;
        let body = cache_file::checked_body_range(&bytes, MAGIC)?;
        Some((bytes, body))
    });
    RecordRead { path, read }
}

/// The record `read` reads, if it is whole, of this build, and made in `context`; its chunks
/// are decoded as the walk needs them.
pub(super) fn read(read: RecordRead, context: u64) -> Option<Record> {
    let (bytes, body) = read.read.join()?;
    let (header, rest) = postcard::take_from_bytes::<Header>(&bytes[body.clone()]).ok()?;
    if header.context != context {
        return None;
    }
    let mut at = body.end - rest.len();
    let mut chunks = Vec::with_capacity(header.chunks.len());
    for &len in &header.chunks {
        let end = at.checked_add(len).filter(|&end| end <= body.end)?;
        chunks.push(at..end);
        at = end;
    }
    Some(Record {
        start: header.start,
        bytes,
        chunks,
    })
}

/// Lowers the path items of `document` into `lowerer`, replaying from `record` what it can.
/// While the walk is in step, each item that cannot be replayed is read with its run only; once
/// it is not, the rest are lowered as without a record, read ahead on a helper thread. `None`
/// when an item that had to be lowered does not read.
pub(super) fn lower_items<'a>(
    lowerer: &mut Lowerer<'a>,
    document: &'a Document,
    context: u64,
    record: Option<Record>,
) -> Option<LoweredItems<'a>> {
    let source = ItemSource::of(document);
    // Reading a run of pending items refuses the members of `paths` among them that are no
    // path item when they hold a schema that is no object; a run nobody reads must too.
    if source.pending() && load::deep_path_items_malformed(&source.others) {
        return None;
    }
    let start = lowerer.marks();
    let record = record.filter(|record| record.start == start);
    let chunks = record.as_ref().map_or_else(Vec::new, |record| {
        let chunk = |range: &Range<usize>| &record.bytes[range.clone()];
        record.chunks.iter().map(chunk).collect()
    });
    let hashes = item_hashes(document, &source.items);
    let paths = source.items.iter().map(|(path, _)| path.as_str());
    let decoding = Decoding::new(chunks, paths.zip(hashes.iter().copied()).collect());
    // The walk in step, a helper decoding the record's chunks ahead of it.
    let (decoding, source_ref, hashes_ref, record_ref) = (&decoding, &source, &hashes, &record);
    // A helper that has not begun when the walk is done finds nothing left to decode.
    let ((), walked) = crate::worker::both(
        || decoding.run_ahead(),
        move || {
            let (source, hashes, record) = (source_ref, hashes_ref, record_ref);
            let mut items = ItemWalk {
                lowered: LoweredItems {
                    operations: Vec::new(),
                    security: Vec::new(),
                    replayed: 0,
                    had_record: record.is_some(),
                    context,
                    start,
                    items: Vec::with_capacity(source.items.len()),
                },
                lowerer,
                walk: Walk::new(record.as_ref().map(|_| decoding)),
            };
            let mut index = 0;
            let mut walked = Some(());
            while walked.is_some() && items.walk.in_step && index < source.items.len() {
                walked = items.take(source.items[index].0, hashes[index], || source.typed(index));
                index += 1;
            }
            decoding.stop();
            walked.map(|()| (items, index))
        },
    );
    let (mut items, index) = walked?;
    if index < source.items.len() {
        // Out of step: the rest are lowered, and read what every `$ref` reaches.
        super::read_ahead_components(items.lowerer, document);
        source.for_each_from(index, |index, path, item| {
            items.take(path, hashes[index], || Some(item))
        })?;
    }
    #[cfg(test)]
    REPLAYED.set(Some(items.lowered.replayed));
    Some(items.lowered)
}

/// The walk over path items, and what it has lowered so far.
struct ItemWalk<'l, 'a, 'd> {
    lowerer: &'l mut Lowerer<'a>,
    walk: Walk<'d>,
    lowered: LoweredItems<'a>,
}

impl<'a> ItemWalk<'_, 'a, '_> {
    /// Replays or lowers the item at `path`, whose JSON hashes to `hash`; `typed` reads it.
    fn take(
        &mut self,
        path: &'a str,
        hash: u64,
        typed: impl FnOnce() -> Option<&'a ReferenceOr<PathItem>>,
    ) -> Option<()> {
        let lowered = &mut self.lowered;
        let before = self.lowerer.marks();
        let (operations, security) = (lowered.operations.len(), lowered.security.len());
        let (effects_hash, references) = match self.walk.replayable(path, hash) {
            Some(recorded) => {
                self.lowerer.replay(recorded.effects);
                lowered.operations.extend(recorded.operations);
                lowered.security.extend(recorded.security);
                lowered.replayed += 1;
                (Some(recorded.effects_hash), recorded.references)
            }
            None => {
                let item = typed()?;
                let recorded = self.walk.recorded_references(path);
                self.lowerer.item_references.begin(before, recorded);
                self.lowerer
                    .lower_path_item(path, item, &mut lowered.operations);
                let references = self.lowerer.item_references.end();
                lowered.security.extend(security_of(item));
                let after = self.lowerer.marks();
                if !self.walk.in_step {
                    (None, references)
                } else {
                    let effects = self.lowerer.state().effects_between(before, after);
                    let effects_hash = hash_of(&effects);
                    self.walk.lowered(path, effects_hash, before == after);
                    (effects_hash, references)
                }
            }
        };
        lowered.items.push(ItemRun {
            path,
            hash,
            effects_hash,
            start: before,
            end: self.lowerer.marks(),
            operations: operations..lowered.operations.len(),
            security: security..lowered.security.len(),
            references,
        });
        Some(())
    }
}

/// Writes this run's record at `path`, from the state (`table`, `warnings`) as the last path
/// item left it and the operations before any later step changed them; unless the record read
/// was good enough. A run that replayed all but an eighth of its path items leaves the record
/// as it was, and the few it lowered are lowered again next time: rewriting stripe's 4.8 MB
/// record took 18 ms, lowering the item that changed a few.
pub(super) fn store(path: &Path, table: &TypeTable, warnings: &Warnings, lowered: &LoweredItems) {
    let lowered_again = lowered.items.len() - lowered.replayed;
    if lowered.had_record && lowered_again * 8 <= lowered.items.len() {
        return;
    }
    let state = State { table, warnings };
    let written = crate::worker::map_all(chunks(&lowered.items), |chunk| {
        write_chunk(state, lowered, chunk)
    });
    let Some(chunks) = written.into_iter().collect::<Option<Vec<Vec<u8>>>>() else {
        return;
    };
    let header = Header {
        context: lowered.context,
        start: lowered.start,
        chunks: chunks.iter().map(Vec::len).collect(),
    };
    let Ok(header) = postcard::to_stdvec(&header) else {
        return;
    };
    let body: Vec<&[u8]> = std::iter::once(&header)
        .chain(&chunks)
        .map(Vec::as_slice)
        .collect();
    cache_file::store_checked(path, MAGIC, &body);
}

/// `chunk`'s items as a `Vec<RecordedItem>` reads back, field by field, so that an item's
/// effects are hashed as written (`effects_hash`), not walked again.
fn write_chunk(state: State, lowered: &LoweredItems, chunk: &[ItemRun]) -> Option<Vec<u8>> {
    let mut out = postcard::to_extend(&chunk.len(), Vec::new()).ok()?;
    for item in chunk {
        out = postcard::to_extend(item.path, out).ok()?;
        out = postcard::to_extend(&item.hash, out).ok()?;
        let (effects, references) = references::write_effects(state, item)?;
        let effects_hash = match item.effects_hash {
            Some(hash) => hash,
            None => cache_file::stable_hash(&effects),
        };
        out = postcard::to_extend(&Bytes(&effects), out).ok()?;
        out = postcard::to_extend(&effects_hash, out).ok()?;
        out = postcard::to_extend(&lowered.operations[item.operations.clone()], out).ok()?;
        out = postcard::to_extend(&lowered.security[item.security.clone()], out).ok()?;
        out.extend_from_slice(&references);
    }
    Some(out)
}

/// Where the walk stands against the record: the recorded items decoded so far, the one that
/// comes next, and whether the state is the one the record had before it (in step).
struct Walk<'d> {
    decoding: Option<&'d Decoding<'d>>,
    /// How many of the record's chunks are in `items`.
    chunks_taken: usize,
    items: Vec<RecordedItem<'d>>,
    next: usize,
    in_step: bool,
}

impl<'d> Walk<'d> {
    /// A walk over the record `decoding` decodes, in step; without one, out of step.
    fn new(decoding: Option<&'d Decoding<'d>>) -> Walk<'d> {
        Walk {
            in_step: decoding.is_some(),
            decoding,
            chunks_taken: 0,
            items: Vec::new(),
            next: 0,
        }
    }

    /// Takes decoded chunks until `count` recorded items are at hand or none is left. A chunk
    /// that does not decode ends the step: the record was whole when read, so only a bug or a
    /// forged record gets here, and lowering the rest is always right.
    fn decode_up_to(&mut self, count: usize) {
        let Some(decoding) = self.decoding else {
            return;
        };
        while self.items.len() < count && self.chunks_taken < decoding.len() {
            let chunk = decoding.take(self.chunks_taken);
            self.chunks_taken += 1;
            match chunk {
                Some(chunk) => self.items.extend(chunk),
                None => {
                    self.in_step = false;
                    self.chunks_taken = decoding.len();
                }
            }
        }
    }

    /// The recorded item to replay for the item at `path` with raw hash `hash`: the next one,
    /// when the walk is in step and the item is unchanged.
    fn replayable(&mut self, path: &str, hash: u64) -> Option<Replayable> {
        if self.in_step {
            self.decode_up_to(self.next + 1);
        }
        if !self.in_step {
            return None;
        }
        if self
            .items
            .get(self.next)
            .is_none_or(|next| next.path != path)
        {
            self.pass_over_removed(path);
        }
        let next = self
            .items
            .get_mut(self.next)
            .filter(|next| next.path == path && next.hash == hash)?;
        let recorded = std::mem::take(next);
        // Decoded ahead, since the document has this item; decoding it here is a fallback.
        let effects = match recorded.decoded {
            Some(effects) => effects,
            None => match postcard::from_bytes::<Effects>(recorded.effects) {
                Ok(effects) => effects,
                Err(_) => {
                    // Only a forged record gets here; lowering the rest is always right.
                    self.in_step = false;
                    return None;
                }
            },
        };
        self.next += 1;
        Some(Replayable {
            effects,
            effects_hash: recorded.effects_hash,
            operations: recorded.operations,
            security: recorded.security,
            references: recorded
                .references
                .into_iter()
                .map(RecordedReference::into_run)
                .collect(),
        })
    }

    /// The `$ref`s to replay inside the item at `path`, which is lowered: those of the next
    /// recorded item, when the walk is in step and that item has the same path
    /// ([`Walk::replayable`] decoded it and passed over removed ones already).
    fn recorded_references(&mut self, path: &str) -> Vec<ReplayedReference> {
        match self.items.get_mut(self.next) {
            Some(next) if self.in_step && next.path == path => {
                std::mem::take(&mut next.replayable_references)
            }
            _ => Vec::new(),
        }
    }

    /// Notes that the item at `path` was lowered, its effects hashing to `effects_hash`
    /// (`None` when they could not be hashed; `added_nothing` when there were none): the walk
    /// stays in step when it left the state as the recorded item did, or when it is new and
    /// added nothing.
    fn lowered(&mut self, path: &str, effects_hash: Option<u64>, added_nothing: bool) {
        if self.in_step {
            self.decode_up_to(self.next + 1);
        }
        if !self.in_step {
            return;
        }
        match self.items.get(self.next) {
            Some(next) if next.path == path => {
                self.in_step = effects_hash == Some(next.effects_hash);
                self.next += 1;
            }
            _ => self.in_step = added_nothing,
        }
    }

    /// Passes over the recorded items before the one at `path` when none of them added
    /// anything: they are gone from the document, and the state before and after each was the
    /// same. It looks [`LOOK_AHEAD`] items ahead at most, so that renaming every path does not
    /// cost the square of their number.
    fn pass_over_removed(&mut self, path: &str) {
        self.decode_up_to(self.next + LOOK_AHEAD);
        let ahead = self.items.get(self.next..).unwrap_or_default();
        let ahead = &ahead[..ahead.len().min(LOOK_AHEAD)];
        let stop = ahead
            .iter()
            .position(|item| item.path == path || item.effects != NO_EFFECTS);
        if let Some(offset) = stop.filter(|&offset| ahead[offset].path == path) {
            self.next += offset;
        }
    }
}

/// The parts of the lowering state path items append to, borrowed.
#[derive(Clone, Copy)]
struct State<'s> {
    table: &'s TypeTable,
    warnings: &'s Warnings,
}

impl<'s> State<'s> {
    /// How far each part has grown.
    fn marks(self) -> Marks {
        Marks {
            declared: self.table.declared.len(),
            names: self.table.names.taken_len(),
            by_pointer: self.table.by_pointer.len(),
            enums: self.table.enums_by_values.len(),
            warnings: self.warnings.len(),
        }
    }

    /// What the state gained from `start` to `end`.
    fn effects_between(self, start: Marks, end: Marks) -> EffectsRef<'s> {
        let table = self.table;
        EffectsRef {
            declared: &table.declared[start.declared..end.declared],
            names: table
                .names
                .taken_since(start.names)
                .take(end.names - start.names)
                .collect(),
            by_pointer: range(&table.by_pointer, start.by_pointer..end.by_pointer),
            enums: range(&table.enums_by_values, start.enums..end.enums),
            warnings: self
                .warnings
                .get_range(start.warnings..end.warnings)
                .into_iter()
                .flatten()
                .collect(),
        }
    }
}

impl Lowerer<'_> {
    fn marks(&self) -> Marks {
        self.state().marks()
    }

    fn state(&self) -> State<'_> {
        State {
            table: &self.table,
            warnings: &self.warnings,
        }
    }

    /// Appends what a recorded path item appended.
    fn replay(&mut self, effects: Effects) {
        let table = &mut self.table;
        table.declared.extend(effects.declared);
        table.names.take_all(effects.names);
        table.by_pointer.extend(effects.by_pointer);
        table.enums_by_values.extend(effects.enums);
        self.warnings.extend(effects.warnings);
    }
}

fn range<K, V>(
    map: &indexmap::IndexMap<K, V, FxBuildHasher>,
    range: Range<usize>,
) -> Vec<(&K, &V)> {
    map.get_range(range).into_iter().flatten().collect()
}

/// The hash of `effects` as [`write_chunk`] writes and hashes them, the bytes hashed as they
/// are written: a changed first item's effects are most of a record (3 MB for stripe), and
/// writing them into a buffer first only to hash it cost fresh pages.
fn hash_of(effects: &EffectsRef) -> Option<u64> {
    let mut hasher = StableHasher::default();
    postcard::to_io(effects, &mut hasher).ok()?;
    Some(hasher.finish())
}

/// The security requirements of `item`'s operations, each as its schemes' keys.
pub(super) fn security_of(item: &ReferenceOr<PathItem>) -> impl Iterator<Item = Vec<String>> + '_ {
    item.as_item()
        .into_iter()
        .flat_map(|item| item.iter().map(|(_, operation)| operation))
        .flat_map(|operation| operation.security.iter().flatten())
        .map(|requirement| requirement.keys().cloned().collect())
}

/// A hash of each path item: of its text where loading found where the items are (XXH3 at
/// memory speed: Graph's 7,419 items took 16 to 22 ms walked on both cores), else of its tree
/// (every member's key and value, in document order), on every core.
fn item_hashes(document: &Document, items: &[(&String, &Value)]) -> Vec<u64> {
    if let Some(spans) = &document.spans {
        let text = document.text.as_bytes();
        // Hashed by the load already where it used the index of path items.
        let hashed = spans.paths_hashes.len() == spans.paths.len();
        let ranges: rustc_hash::FxHashMap<&str, (usize, &Range<usize>)> = spans
            .paths
            .iter()
            .enumerate()
            .map(|(place, (key, range))| (key.as_str(), (place, range)))
            .collect();
        let hashed: Option<Vec<u64>> = items
            .iter()
            .map(|(key, _)| {
                let (place, range) = ranges.get(key.as_str())?;
                Some(match hashed {
                    true => spans.paths_hashes[*place],
                    false => cache_file::stable_hash(&text[(*range).clone()]),
                })
            })
            .collect();
        if let Some(hashed) = hashed {
            return hashed;
        }
    }
    let chunks: Vec<_> = items.chunks(ITEMS_PER_CHUNK).collect();
    let hashed = crate::worker::map_all(chunks, |chunk| {
        let hash = |(_, raw): &(&String, &Value)| {
            let mut hasher = StableHasher::default();
            hash_value(raw, &mut hasher);
            hasher.finish()
        };
        chunk.iter().map(hash).collect::<Vec<u64>>()
    });
    hashed.concat()
}

fn hash_value(value: &Value, hasher: &mut StableHasher) {
    match value {
        Value::Null => hasher.write_u8(0),
        Value::Bool(flag) => hasher.write_u8(1 + u8::from(*flag)),
        // Each kind of number has a tag of its own: their eight bytes alone let `-1` hash as
        // `18446744073709551615`, and `1.5` as an integer (a review found both).
        Value::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(unsigned), _) => {
                hasher.write_u8(3);
                hasher.write_u64(unsigned);
            }
            (None, Some(signed)) => {
                hasher.write_u8(7);
                hasher.write_i64(signed);
            }
            (None, None) => {
                hasher.write_u8(8);
                hasher.write_u64(number.as_f64().unwrap_or(f64::NAN).to_bits());
            }
        },
        Value::String(text) => {
            hasher.write_u8(4);
            text.hash(hasher);
        }
        Value::Array(items) => {
            hasher.write_u8(5);
            hasher.write_usize(items.len());
            items.iter().for_each(|item| hash_value(item, hasher));
        }
        Value::Object(members) => {
            hasher.write_u8(6);
            hasher.write_usize(members.len());
            for (key, member) in members {
                key.hash(hasher);
                hash_value(member, hasher);
            }
        }
    }
}

/// `paths`' items, raw, and their typed forms as lowering needs them.
struct ItemSource<'a> {
    /// The members of `paths` that are path items (their keys start with `/`), with each one's
    /// place among all of `paths`' members.
    items: Vec<(&'a String, &'a Value)>,
    places: Vec<usize>,
    /// The members of `paths` that are no path item (extensions aside).
    others: Vec<(&'a String, &'a Value)>,
    typed: Typed<'a>,
    /// The whole raw document, which pending items are read from, and its text.
    raw: &'a Value,
    text: &'a str,
}

enum Typed<'a> {
    Read(&'a openapiv3::Paths),
    Pending(&'a PendingPaths, Vec<(&'a String, &'a Value)>),
}

impl<'a> ItemSource<'a> {
    fn of(document: &'a Document) -> ItemSource<'a> {
        let members: Vec<(&String, &Value)> = document
            .raw
            .get("paths")
            .and_then(Value::as_object)
            .map(|paths| paths.iter().collect())
            .unwrap_or_default();
        let (places, items) = members
            .iter()
            .enumerate()
            .filter(|(_, (key, _))| key.starts_with('/'))
            .map(|(place, &member)| (place, member))
            .unzip();
        let others = members
            .iter()
            .filter(|(key, _)| !key.starts_with('/') && !key.starts_with("x-"))
            .copied()
            .collect();
        let typed = match &document.pending_paths {
            Some(pending) => Typed::Pending(pending, members),
            None => Typed::Read(&document.openapi.paths),
        };
        ItemSource {
            items,
            places,
            others,
            typed,
            raw: &document.raw,
            text: &document.text,
        }
    }

    fn pending(&self) -> bool {
        matches!(self.typed, Typed::Pending(..))
    }

    /// The typed form of item `index`, read with its run of pending items only; `None` when it
    /// does not read.
    fn typed(&self, index: usize) -> Option<&'a ReferenceOr<PathItem>> {
        match &self.typed {
            Typed::Read(paths) => paths.paths.get(self.items[index].0.as_str()),
            Typed::Pending(pending, members) => {
                let (_, item) = pending.item(members, self.text, self.places[index])?;
                Some(item)
            }
        }
    }

    /// Calls `take` with each item from `first` on, its index and path and its typed form,
    /// read ahead on a helper thread; `None` when an item does not read or `take` says so.
    fn for_each_from(
        &self,
        first: usize,
        mut take: impl FnMut(usize, &'a str, &'a ReferenceOr<PathItem>) -> Option<()>,
    ) -> Option<()> {
        let first_path = self.items[first].0;
        match &self.typed {
            Typed::Read(paths) => {
                for (index, &(path, _)) in self.items.iter().enumerate().skip(first) {
                    take(index, path, paths.paths.get(path.as_str())?)?;
                }
                Some(())
            }
            Typed::Pending(pending, _) => {
                pending.stream_from(self.raw, self.text, self.places[first], |typed| {
                    let mut typed = typed.skip_while(|(path, _)| *path != first_path);
                    (first..)
                        .zip(&mut typed)
                        .try_for_each(|(index, (path, item))| take(index, path, item))
                })?
            }
        }
    }
}
