//! A record's chunks, decoded while the walk runs.
//!
//! Decoding a record is allocating the IR it holds (stripe's 4.8 MB took 12 ms on both cores),
//! and the walk waited for all of it before taking its first path item, though it needs the
//! chunks one by one, in order. Now a helper decodes them in order while the walk takes each as
//! it reaches its items, decoding one itself when nobody has yet and waiting when one is being
//! decoded. After a change to a path item the walk lowers that item while the helper decodes
//! the chunks after it: the bench changes the first one, which stripe took 11 ms to lower.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use super::{Effects, RecordedItem};

/// Where a chunk is.
enum Slot<'r> {
    /// Nobody has finished decoding it.
    Pending,
    /// Decoded, and not taken yet; `None` when it did not decode.
    Decoded(Option<Vec<RecordedItem<'r>>>),
    Taken,
}

/// A record's chunks, decoded in order by whoever gets to one first.
pub(super) struct Decoding<'r> {
    chunks: Vec<&'r [u8]>,
    /// The document's path items, each path with the hash of its JSON: a recorded item's
    /// effects are decoded only where they match, since no other item is replayed.
    replayable: FxHashMap<&'r str, u64>,
    slots: Mutex<Vec<Slot<'r>>>,
    /// Wakes the walk when a chunk it waits for is decoded.
    decoded: Condvar,
    /// The next chunk nobody has begun to decode.
    next: AtomicUsize,
    /// Set once the walk needs no more chunks.
    stopped: AtomicBool,
}

impl<'r> Decoding<'r> {
    /// The record's `chunks`, for a document whose path items have the paths and hashes in
    /// `replayable`.
    pub fn new(chunks: Vec<&'r [u8]>, replayable: FxHashMap<&'r str, u64>) -> Decoding<'r> {
        Decoding {
            slots: Mutex::new(chunks.iter().map(|_| Slot::Pending).collect()),
            chunks,
            replayable,
            decoded: Condvar::new(),
            next: AtomicUsize::new(0),
            stopped: AtomicBool::new(false),
        }
    }

    /// How many chunks there are.
    pub fn len(&self) -> usize {
        self.chunks.len()
    }

    /// Decodes chunks in order until none is left or the walk needs no more: a helper's work.
    pub fn run_ahead(&self) {
        loop {
            if self.stopped.load(Ordering::Relaxed) || !self.decode_next() {
                return;
            }
        }
    }

    /// Tells helpers that no more chunks are needed.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
    }

    /// Chunk `index`'s items, decoding it here if nobody has begun to, else waiting for it;
    /// `None` when it does not decode (or was taken before).
    pub fn take(&self, index: usize) -> Option<Vec<RecordedItem<'r>>> {
        loop {
            let mut slots = self.lock();
            match std::mem::replace(slots.get_mut(index)?, Slot::Taken) {
                Slot::Decoded(items) => return items,
                Slot::Taken => return None,
                Slot::Pending => slots[index] = Slot::Pending,
            }
            if self.next.load(Ordering::Relaxed) <= index {
                drop(slots);
                self.decode_next();
                continue;
            }
            while matches!(slots[index], Slot::Pending) {
                slots = self
                    .decoded
                    .wait(slots)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }
    }

    /// Decodes the next chunk nobody has begun to; `false` when none is left.
    fn decode_next(&self) -> bool {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(chunk) = self.chunks.get(index) else {
            return false;
        };
        // A panic still fills the slot, so that the walk does not wait for it forever.
        let decoded = std::panic::catch_unwind(|| self.decode(chunk));
        let (items, panic) = match decoded {
            Ok(items) => (items, None),
            Err(panic) => (None, Some(panic)),
        };
        self.lock()[index] = Slot::Decoded(items);
        self.decoded.notify_all();
        if let Some(panic) = panic {
            std::panic::resume_unwind(panic);
        }
        true
    }

    /// The items of `chunk`, with the effects decoded of each that may be replayed.
    fn decode(&self, chunk: &'r [u8]) -> Option<Vec<RecordedItem<'r>>> {
        let mut items = postcard::from_bytes::<Vec<RecordedItem>>(chunk).ok()?;
        for item in &mut items {
            match self.replayable.get(item.path.as_str()) {
                Some(&hash) if hash == item.hash => {
                    item.decoded = Some(postcard::from_bytes::<Effects>(item.effects).ok()?);
                }
                // Changed: it is lowered, and its top-level `$ref`s may be replayed.
                Some(_) => {
                    item.replayable_references = item
                        .references
                        .iter()
                        .map(|reference| reference.decode(item.effects))
                        .collect::<Option<_>>()?;
                }
                None => {}
            }
        }
        Some(items)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Slot<'r>>> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk of `count` recorded items with no effects, as the record writes them.
    fn chunk(count: usize) -> Vec<u8> {
        let none: Vec<u8> = Vec::new();
        let items: Vec<_> = (0..count)
            .map(|n| {
                let effects = super::super::Bytes(super::super::NO_EFFECTS);
                (
                    format!("/{n}"),
                    n as u64,
                    effects,
                    0u64,
                    &none,
                    &none,
                    &none,
                )
            })
            .collect();
        postcard::to_stdvec(&items).unwrap()
    }

    #[test]
    fn chunks_are_taken_in_order_while_a_helper_decodes_ahead() {
        let mut encoded: Vec<Vec<u8>> = (1..=40).map(chunk).collect();
        encoded[20] = vec![0xFF; 4];
        // Items at even paths are in the document, with the hashes they had.
        let paths: Vec<String> = (0..40).map(|n| format!("/{n}")).collect();
        let replayable = (0..40).step_by(2).map(|n| (paths[n].as_str(), n as u64));
        let decoding = Decoding::new(
            encoded.iter().map(Vec::as_slice).collect(),
            replayable.collect(),
        );
        std::thread::scope(|scope| {
            scope.spawn(|| decoding.run_ahead());
            for index in 0..decoding.len() {
                let taken = decoding.take(index);
                match index {
                    20 => assert!(taken.is_none()),
                    _ => {
                        let taken = taken.unwrap();
                        assert_eq!(taken.len(), index + 1);
                        assert_eq!(taken[index].path, format!("/{index}"));
                        for (n, item) in taken.iter().enumerate() {
                            assert_eq!(item.decoded.is_some(), n % 2 == 0, "/{n}");
                        }
                    }
                }
                assert!(decoding.take(index).is_none(), "a chunk is taken once");
            }
        });
    }
}
