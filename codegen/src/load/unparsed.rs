//! `paths`' items left as text when the last run read the same text.
//!
//! After a spec update most path items are as the last run read them, and lowering replays
//! them from its record (`lower/replay.rs`) without reading them; parsing their text into a
//! tree was then most of loading, for nothing (`paths` is 84 % of kubernetes' text, 85 % of
//! Graph beta's). The index kept beside the item cache ([`cache_file::paths_index`]) names,
//! by the hash of its text, each path item the run that wrote it read, with the `$ref`s
//! written in it. A member of `paths` whose text is in the index is left unparsed by a
//! streamed load of a JSON document parsed in parts (`load/json.rs`): the raw tree holds
//! `null` for it, its `$ref`s come from the index, and its tree is parsed from its text when
//! something reads it (its typed form, a pointer into it, an error's place), through
//! [`Unparsed`].
//!
//! Its text parsed alone in the run that indexed it, so it still does: an item parsed in
//! pieces (one so large that the splitter cut it into its members) is not indexed, since
//! serde_json counts its nesting from each piece, and none is left unparsed. What openapiv3
//! makes of an item is checked when it is read, as for any item. A `$ref` into `paths` means
//! every item is parsed at load, since the resolver reads the raw tree there, and the index
//! then says to leave none unparsed next time. Like the record, the index is only an
//! optimisation: missing, damaged or of another build, it is not used.
//!
//! **Invariant:** where the raw tree holds `null` for a member of `paths` left unparsed,
//! every reader of that member reads it through [`Unparsed`].

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::cache_file;

const MAGIC: &[u8; 8] = b"OAGPIDX1";

/// An index read back: each indexed text's hash, and the `$ref`s written in it as places in
/// `references` (a document writes a few thousand distinct ones, hundreds of thousands of
/// times).
#[derive(Default, Serialize, Deserialize)]
pub struct ItemIndex {
    references: Vec<String>,
    items: FxHashMap<u64, Box<[u32]>>,
    /// The run that wrote it had a `$ref` into `paths`, so it parsed every item at load: the
    /// next leaves none unparsed, rather than parse them all again one by one (a review
    /// measured kubernetes' load at 73 to 91 ms so, against 52 to 58 without the index).
    parse_all: bool,
    /// The hash of the text outside `paths` the run that wrote it read whole
    /// ([`Spans::outside_paths_hash`](super::Spans::outside_paths_hash)), `components`
    /// included (`load/components.rs`).
    outside_paths: Option<u64>,
}

impl ItemIndex {
    /// The index at `path`, if it is whole and of this build.
    pub fn read(path: &Path) -> Option<ItemIndex> {
        let bytes = std::fs::read(path).ok()?;
        let body = cache_file::checked_body(&bytes, MAGIC)?;
        postcard::from_bytes(body).ok()
    }

    pub fn contains(&self, hash: u64) -> bool {
        self.items.contains_key(&hash)
    }

    fn references_of(&self, hash: u64) -> impl Iterator<Item = &str> {
        let places = self.items.get(&hash).map_or(&[][..], |places| places);
        places
            .iter()
            .filter_map(|&place| self.references.get(place as usize))
            .map(String::as_str)
    }
}

/// A member of `paths` left unparsed: where its text is, and its tree once something read it
/// (`null` if the text does not parse, which only a forged index can cause).
#[derive(Debug)]
struct Member {
    range: Range<usize>,
    hash: u64,
    tree: OnceLock<Value>,
}

/// `paths`' members left unparsed, each read from the document's text on first use.
#[derive(Default)]
pub struct Unparsed {
    /// One place for each of `paths`' members, `Some` where it was left unparsed.
    members: Vec<Option<Member>>,
    /// Where each member left unparsed is, by its key.
    by_key: FxHashMap<String, usize>,
    index: ItemIndex,
    /// Whether an index was read: without one, every item was parsed, and is indexed.
    had_index: bool,
    /// How many members the load left unparsed, before any was filled in.
    #[cfg(test)]
    skipped: usize,
    /// Whether every member was parsed at load ([`Unparsed::fill`]: a `$ref` lands in
    /// `paths`).
    filled: bool,
}

impl std::fmt::Debug for Unparsed {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter
            .debug_struct("Unparsed")
            .field("members", &self.by_key.len())
            .finish()
    }
}

impl Unparsed {
    /// Which of `paths`' members (`keys`, their texts hashing to `hashes`) to leave unparsed:
    /// path items whose text `index` holds.
    pub fn choose(index: &ItemIndex, keys: &[(String, Range<usize>)], hashes: &[u64]) -> Vec<bool> {
        keys.iter()
            .zip(hashes)
            .map(|((key, _), hash)| {
                !index.parse_all && key.starts_with('/') && index.contains(*hash)
            })
            .collect()
    }

    /// The members of `paths` (`keys`) that `skipped` says were left unparsed, by `index`
    /// (`None` when there was none to read).
    pub fn new(
        index: Option<ItemIndex>,
        keys: &[(String, Range<usize>)],
        hashes: &[u64],
        skipped: &[bool],
    ) -> Unparsed {
        let mut by_key = FxHashMap::default();
        let members = keys
            .iter()
            .zip(hashes)
            .zip(skipped)
            .enumerate()
            .map(|(place, (((key, range), &hash), &skipped))| {
                skipped.then(|| {
                    by_key.insert(key.clone(), place);
                    Member {
                        range: range.clone(),
                        hash,
                        tree: OnceLock::new(),
                    }
                })
            })
            .collect();
        Unparsed {
            members,
            #[cfg(test)]
            skipped: by_key.len(),
            by_key,
            had_index: index.is_some(),
            index: index.unwrap_or_default(),
            filled: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Whether a run of this build read the text outside `paths`, `components` included,
    /// whole from text hashing to `hash`, so that `components`' members can be read on first
    /// use (`load/components.rs`).
    pub fn vouches_for_outside_paths(&self, hash: u64) -> bool {
        self.index.outside_paths == Some(hash)
    }

    /// How many members are left unparsed, and how many the load left so.
    #[cfg(test)]
    pub fn counts(&self) -> (usize, usize) {
        (self.by_key.len(), self.skipped)
    }

    /// The tree of `paths`' member `place`, parsed from `text` (the document's) on first use;
    /// `None` when that member was parsed with the rest.
    pub fn tree<'u>(&'u self, text: &str, place: usize) -> Option<&'u Value> {
        let member = self.members.get(place)?.as_ref()?;
        Some(member.tree.get_or_init(|| member.parse(text)))
    }

    /// [`Unparsed::tree`] of the member at `key`.
    pub fn tree_at<'u>(&'u self, text: &str, key: &str) -> Option<&'u Value> {
        self.tree(text, *self.by_key.get(key)?)
    }

    /// Every `$ref` written in the members left unparsed, as the index has them.
    pub fn references(&self) -> impl Iterator<Item = &str> {
        self.members
            .iter()
            .flatten()
            .flat_map(|member| self.index.references_of(member.hash))
    }

    /// Puts every member left unparsed into `paths` (the raw tree's, which holds `null` for
    /// each), parsed from `text` on every core, or moved where something read it already;
    /// none is left unparsed after, and the index is written to say so ([`ItemIndex`]'s
    /// `parse_all`). The place of the first that does not parse, if one does not.
    pub fn fill(&mut self, text: &str, paths: &mut Map<String, Value>) -> Result<(), usize> {
        self.filled = true;
        let unread: Vec<&Member> = self
            .members
            .iter()
            .flatten()
            .filter(|member| member.tree.get().is_none())
            .collect();
        let parsed = crate::worker::map_all(unread.clone(), |member| member.parse(text));
        for (member, tree) in unread.into_iter().zip(parsed) {
            let _ = member.tree.set(tree);
        }
        self.by_key.clear();
        for (place, slot) in paths.values_mut().enumerate() {
            let Some(member) = self.members.get_mut(place).and_then(Option::take) else {
                continue;
            };
            match member.tree.into_inner() {
                Some(tree) if !tree.is_null() => *slot = tree,
                _ => return Err(place),
            }
        }
        Ok(())
    }

    /// [`Unparsed::fill`] into a copy of the raw tree's `paths`, for the error paths, which
    /// leave this as it is.
    pub fn fill_copy(&self, text: &str, paths: &mut Map<String, Value>) -> Result<(), usize> {
        for (place, slot) in paths.values_mut().enumerate() {
            if let Some(tree) = self.tree(text, place) {
                if tree.is_null() {
                    return Err(place);
                }
                *slot = tree.clone();
            }
        }
        Ok(())
    }

    /// Writes the index at `path` for `paths`' members (`trees`, where `null` stands for a
    /// member left unparsed), their texts hashing to `hashes`, `split` saying which were
    /// parsed in pieces (those are not indexed: their text may not parse alone); unless the
    /// index read is good enough: when an eighth of the path items or fewer are missing from
    /// it, it is left as it was, and those are parsed again next time.
    ///
    /// `outside_paths` is the hash of the text outside `paths` this run read, which the index
    /// vouches for ([`Unparsed::vouches_for_outside_paths`]).
    pub fn store(
        &self,
        path: &Path,
        trees: &[(&String, &Value)],
        hashes: &[u64],
        split: &[bool],
        outside_paths: u64,
    ) {
        // Each member with its own hash, then the path items among them (a review found `x-`
        // members before the items pairing each item with another's hash).
        let items = trees
            .iter()
            .zip(hashes)
            .filter(|((key, _), _)| key.starts_with('/'));
        let missing = items
            .clone()
            .filter(|(_, hash)| !self.index.contains(**hash))
            .count();
        let same_choice = self.index.parse_all == self.filled;
        let same_outside = self.index.outside_paths == Some(outside_paths);
        if self.had_index && same_choice && same_outside && missing * 8 <= items.count() {
            return;
        }
        let mut index = ItemIndex {
            parse_all: self.filled,
            outside_paths: Some(outside_paths),
            ..ItemIndex::default()
        };
        let mut places: FxHashMap<&str, u32> = FxHashMap::default();
        for ((place, (key, tree)), &hash) in trees.iter().enumerate().zip(hashes) {
            if !key.starts_with('/') || split.get(place) == Some(&true) {
                continue;
            }
            let written: Vec<&str> = match &self.members.get(place) {
                Some(Some(member)) => self.index.references_of(member.hash).collect(),
                _ => written_in(tree),
            };
            let written = written
                .into_iter()
                .map(|reference| {
                    let next = places.len() as u32;
                    *places.entry(reference).or_insert_with(|| {
                        index.references.push(reference.to_owned());
                        next
                    })
                })
                .collect();
            index.items.insert(hash, written);
        }
        if let Ok(body) = postcard::to_stdvec(&index) {
            cache_file::store_checked(path, MAGIC, &[&body]);
        }
    }
}

impl Member {
    /// This member's tree, from `text` (the document's), its callbacks dropped as loading
    /// drops them; `null` when it does not parse.
    fn parse(&self, text: &str) -> Value {
        let mut tree = serde_json::from_str(&text[self.range.clone()]).unwrap_or(Value::Null);
        super::drop_item_callbacks(&mut tree);
        tree
    }
}

/// The distinct `$ref` strings written in `tree`, as `load::written_references` finds them.
fn written_in(tree: &Value) -> Vec<&str> {
    let mut seen = FxHashSet::default();
    super::for_each_reference(tree, |reference| {
        seen.insert(reference);
    });
    seen.into_iter().collect()
}
