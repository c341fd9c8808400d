//! Replay inside a changed path item, one component `$ref` at a time.
//!
//! A changed path item is lowered, and with it every component schema it is the first to
//! reach: the item the bench changes in stripe, GET `/v1/account`, declares 866 types through
//! one `$ref` (`account`), 6 to 13 of the one-change run's 40 ms. Lowering a component schema
//! met at the top level of an item (no schema being lowered around it) depends on nothing but
//! the component, which the record's context vouches for, and the lowering state before it:
//! its name is the component's, whatever the caller's hint. So while the walk is in step, the
//! state before the item is the recorded one's, and if the item has appended exactly what the
//! recorded item had when it met the same `$ref`, the state is the same there too, and what
//! lowering the `$ref` appended then is what it would append now.
//!
//! The record keeps, for each path item, the component `$ref`s it met at its top level that
//! declared at least [`min_declared`] types ([`ReferenceRun`]): where they began and ended,
//! counted from the item's start, and the type each became. It writes each beside the hash of
//! what the item appended between the one before it (or the item's start) and it, and where
//! its slice of the item's effects begins, so the effects are not written twice
//! ([`write_effects`]). A changed item's recorded `$ref`s are decoded with the record's chunk.
//! Lowering the next of them, at the same marks, hashes what the item appended since the last
//! one replayed (or its start) and appends the slice when that hash is the recorded one
//! ([`Lowerer::lower_component`]); each stretch is hashed once, so an item of many `$ref`s
//! costs no more than one. Once one is not replayed, the rest of the item is lowered.
//!
//! **Invariant:** a `$ref` is replayed only at an item's top level, only while the walk is in
//! step, and only where the item appended, before it, what the recorded item had (tests compare
//! the whole state with lowering from scratch).

use std::hash::Hasher;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Effects, ItemRun, Marks, State};
use crate::cache_file::StableHasher;
use crate::ir::TypeRef;
use crate::lower::Lowerer;

/// A `$ref` is kept in the record only when lowering it declared this many types: replaying one
/// costs hashing what the item appended since the last, which a small one does not repay.
/// Every one is kept where the fast paths are verified (the tests, debug builds, `xtask fuzz`),
/// so that every edit they make exercises the replay.
fn min_declared() -> usize {
    match cfg!(test) || crate::verify::verifying() {
        true => 1,
        false => 8,
    }
}

#[cfg(test)]
thread_local! {
    /// How many `$ref`s the last lowering on this thread replayed inside changed items.
    pub(super) static REPLAYED_REFERENCES: std::cell::Cell<usize> =
        const { std::cell::Cell::new(0) };
}

/// A component schema a path item's lowering met at its top level, and the slice of the item's
/// effects lowering it appended: from `before` to `after`, counted from the item's start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct ReferenceRun {
    target: String,
    before: Marks,
    after: Marks,
    ty: TypeRef,
}

/// A [`ReferenceRun`] as the record holds it: with the [`stretch_hash`] of what the item
/// appended between the `$ref` kept before it (or its start) and it, and where each part's
/// slice begins in the item's effects as written.
#[derive(Deserialize)]
pub(super) struct RecordedReference {
    run: ReferenceRun,
    stretch: u64,
    starts: [u32; 5],
}

/// A recorded `$ref` of a changed item, decoded: what lowering it appended, to append again.
pub(super) struct ReplayedReference {
    run: ReferenceRun,
    stretch: u64,
    effects: Effects,
}

/// What the lowerer knows of the path item it is lowering, for its top-level `$ref`s.
#[derive(Default)]
pub(in crate::lower) struct ItemReferences {
    /// Whether an item is being lowered for a record: only then are its `$ref`s logged.
    active: bool,
    /// The state's marks when the item began.
    start: Marks,
    /// Where the state is known to be the recorded one's: the item's start, then the end of
    /// each `$ref` replayed.
    known: Marks,
    /// The recorded item's `$ref`s not replayed yet, in order.
    recorded: std::collections::VecDeque<ReplayedReference>,
    /// The `$ref`s this item lowered so far.
    logged: Vec<ReferenceRun>,
}

impl ItemReferences {
    /// Begins a path item lowered at `start`, with the recorded item's `$ref`s to replay.
    pub(super) fn begin(&mut self, start: Marks, recorded: Vec<ReplayedReference>) {
        *self = ItemReferences {
            active: true,
            start,
            known: start,
            recorded: recorded.into(),
            logged: Vec::new(),
        };
    }

    /// Ends the item: the `$ref`s it lowered, for the record.
    pub(super) fn end(&mut self) -> Vec<ReferenceRun> {
        std::mem::take(self).logged
    }
}

impl Lowerer<'_> {
    /// The type of the component schema `target`, met at the top level of a path item: replayed
    /// from the record where the recorded item met it after appending what this one has so far,
    /// else lowered (`lower`), and logged for the next record.
    pub(in crate::lower) fn lower_component(
        &mut self,
        target: &str,
        lower: impl FnOnce(&mut Self) -> TypeRef,
    ) -> TypeRef {
        if !self.item_references.active {
            return lower(self);
        }
        let before = self.marks();
        let ty = match self.replay_reference(target, before) {
            Some(ty) => ty,
            None => lower(self),
        };
        let after = self.marks();
        let references = &mut self.item_references;
        let run = before
            .since(references.start)
            .zip(after.since(references.start));
        if let Some((relative_before, relative_after)) = run {
            if after.declared - before.declared >= min_declared() {
                references.logged.push(ReferenceRun {
                    target: target.to_owned(),
                    before: relative_before,
                    after: relative_after,
                    ty: ty.clone(),
                });
            }
        }
        ty
    }

    /// Appends what the next recorded `$ref` appended, when it is to `target` and the item has
    /// appended since the last one replayed what the recorded item had (the state stands at
    /// `before`); its type.
    fn replay_reference(&mut self, target: &str, before: Marks) -> Option<TypeRef> {
        let (start, known) = (self.item_references.start, self.item_references.known);
        let next = self.item_references.recorded.front()?;
        let in_place = next.run.target == target && Some(next.run.before) == before.since(start);
        let stretch = next.stretch;
        if !in_place || stretch_hash(self.state(), known, before)? != stretch {
            return None;
        }
        let replayed = self.item_references.recorded.pop_front()?;
        self.replay(replayed.effects);
        self.item_references.known = self.marks();
        #[cfg(test)]
        REPLAYED_REFERENCES.set(REPLAYED_REFERENCES.get() + 1);
        Some(replayed.run.ty)
    }
}

impl RecordedReference {
    /// This `$ref` with what it appended, decoded from `effects`, the recorded item's effects
    /// as written; `None` when they do not decode, which only a forged record makes happen.
    pub(super) fn decode(&self, effects: &[u8]) -> Option<ReplayedReference> {
        let count = self.run.after.since(self.run.before)?;
        let [declared, names, by_pointer, enums, warnings] = self.starts;
        Some(ReplayedReference {
            effects: Effects {
                declared: take_elements(effects, declared, count.declared)?,
                names: take_elements(effects, names, count.names)?,
                by_pointer: take_elements(effects, by_pointer, count.by_pointer)?,
                enums: take_elements(effects, enums, count.enums)?,
                warnings: take_elements(effects, warnings, count.warnings)?,
            },
            run: self.run.clone(),
            stretch: self.stretch,
        })
    }

    /// The run, to record again when the item is replayed whole.
    pub(super) fn into_run(self) -> ReferenceRun {
        self.run
    }
}

/// `count` elements of a list, read from `bytes` at `start`; `None` when there are not that
/// many. Each element takes a byte at least, so a count past the bytes left (which only a
/// forged record holds) is refused before anything is allocated for it.
fn take_elements<T: DeserializeOwned>(bytes: &[u8], start: u32, count: usize) -> Option<Vec<T>> {
    let mut rest = bytes.get(usize::try_from(start).ok()?..)?;
    if count > rest.len() {
        return None;
    }
    let mut elements = Vec::with_capacity(count);
    for _ in 0..count {
        let (element, after) = postcard::take_from_bytes::<T>(rest).ok()?;
        elements.push(element);
        rest = after;
    }
    Some(elements)
}

/// The hash of what the state gained from `start` to `end`, each part as its count and its
/// elements as written: what [`write_effects`] hashes from the bytes it wrote.
fn stretch_hash(state: State, start: Marks, end: Marks) -> Option<u64> {
    let effects = state.effects_between(start, end);
    let mut hasher = StableHasher::default();
    fn part<T: Serialize>(hasher: &mut StableHasher, elements: &[T]) -> Option<()> {
        hasher.write_u64(elements.len() as u64);
        for element in elements {
            postcard::to_io(element, &mut *hasher).ok()?;
        }
        Some(())
    }
    part(&mut hasher, effects.declared)?;
    part(&mut hasher, &effects.names)?;
    part(&mut hasher, &effects.by_pointer)?;
    part(&mut hasher, &effects.enums)?;
    part(&mut hasher, &effects.warnings)?;
    Some(hasher.finish())
}

/// Writes `item`'s effects as `postcard` writes its [`EffectsRef`](super::EffectsRef) (the
/// same bytes, which [`Effects`] reads back and whose hash the walk compares), then its `$ref`s,
/// each with its stretch's hash and its slices' starts, found from where each element was
/// written.
pub(super) fn write_effects(state: State, item: &ItemRun) -> Option<(Vec<u8>, Vec<u8>)> {
    let effects = state.effects_between(item.start, item.end);
    let mut bytes = Vec::new();
    let mut offsets: [Vec<u32>; 5] = Default::default();
    // Where each element starts is needed only to find the slices of the item's `$ref`s; most
    // items have none (Graph beta's record is 54 MB).
    let noted = !item.references.is_empty();
    fn part<T: Serialize>(
        bytes: &mut Vec<u8>,
        offsets: Option<&mut Vec<u32>>,
        elements: &[T],
    ) -> Option<()> {
        let Some(offsets) = offsets else {
            let written = std::mem::take(bytes);
            *bytes = postcard::to_extend(elements, written).ok()?;
            return Some(());
        };
        let written = std::mem::take(bytes);
        *bytes = postcard::to_extend(&elements.len(), written).ok()?;
        for element in elements {
            offsets.push(u32::try_from(bytes.len()).ok()?);
            let written = std::mem::take(bytes);
            *bytes = postcard::to_extend(element, written).ok()?;
        }
        offsets.push(u32::try_from(bytes.len()).ok()?);
        Some(())
    }
    let [declared, names, by_pointer, enums, warnings] = &mut offsets;
    let noted_in = |offsets| noted.then_some(offsets);
    part(&mut bytes, noted_in(declared), effects.declared)?;
    part(&mut bytes, noted_in(names), &effects.names)?;
    part(&mut bytes, noted_in(by_pointer), &effects.by_pointer)?;
    part(&mut bytes, noted_in(enums), &effects.enums)?;
    part(&mut bytes, noted_in(warnings), &effects.warnings)?;
    let mut references = postcard::to_extend(&item.references.len(), Vec::new()).ok()?;
    let mut known = Marks::default().parts();
    for run in &item.references {
        let before = run.before.parts();
        let mut stretch = StableHasher::default();
        let mut starts = [0u32; 5];
        for (part, offsets) in offsets.iter().enumerate() {
            let from = *offsets.get(known[part])? as usize;
            let start = *offsets.get(before[part])?;
            stretch.write_u64(before[part].checked_sub(known[part])? as u64);
            stretch.write(bytes.get(from..start as usize)?);
            starts[part] = start;
        }
        known = run.after.parts();
        references = postcard::to_extend(run, references).ok()?;
        references = postcard::to_extend(&stretch.finish(), references).ok()?;
        references = postcard::to_extend(&starts, references).ok()?;
    }
    Some((bytes, references))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recorded `$ref` whose effects ran from `before` to `after`, written nowhere.
    fn recorded(before: Marks, after: Marks) -> RecordedReference {
        let target = String::from("#/components/schemas/A");
        let run = ReferenceRun {
            target,
            before,
            after,
            ty: TypeRef::String,
        };
        RecordedReference {
            run,
            stretch: 0,
            starts: [0; 5],
        }
    }

    #[test]
    fn a_forged_reference_is_refused_without_a_panic() {
        // Marks that shrink, and more elements than there are bytes (a review's cases).
        let one = Marks {
            declared: 1,
            ..Marks::default()
        };
        let huge = Marks {
            declared: 1 << 60,
            ..Marks::default()
        };
        let effects = [0u8; 5];
        assert!(recorded(one, Marks::default()).decode(&effects).is_none());
        assert!(recorded(Marks::default(), huge).decode(&effects).is_none());
        assert!(recorded(Marks::default(), one).decode(&effects).is_none());
    }
}
