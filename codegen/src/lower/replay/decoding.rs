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

use super::RecordedItem;

/// Where a chunk is.
enum Slot {
    /// Nobody has finished decoding it.
    Pending,
    /// Decoded, and not taken yet; `None` when it did not decode.
    Decoded(Option<Vec<RecordedItem>>),
    Taken,
}

/// A record's chunks, decoded in order by whoever gets to one first.
pub(super) struct Decoding<'r> {
    chunks: Vec<&'r [u8]>,
    slots: Mutex<Vec<Slot>>,
    /// Wakes the walk when a chunk it waits for is decoded.
    decoded: Condvar,
    /// The next chunk nobody has begun to decode.
    next: AtomicUsize,
    /// Set once the walk needs no more chunks.
    stopped: AtomicBool,
}

impl<'r> Decoding<'r> {
    pub fn new(chunks: Vec<&'r [u8]>) -> Decoding<'r> {
        Decoding {
            slots: Mutex::new(chunks.iter().map(|_| Slot::Pending).collect()),
            chunks,
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
    pub fn take(&self, index: usize) -> Option<Vec<RecordedItem>> {
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
        let decoded = std::panic::catch_unwind(|| postcard::from_bytes::<Vec<_>>(chunk).ok());
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Slot>> {
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
                let effects = (&none, &none, &none, &none, &none);
                (format!("/{n}"), n as u64, effects, 0u64, &none, &none)
            })
            .collect();
        postcard::to_stdvec(&items).unwrap()
    }

    #[test]
    fn chunks_are_taken_in_order_while_a_helper_decodes_ahead() {
        let mut encoded: Vec<Vec<u8>> = (1..=40).map(chunk).collect();
        encoded[20] = vec![0xFF; 4];
        let decoding = Decoding::new(encoded.iter().map(Vec::as_slice).collect());
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
                    }
                }
                assert!(decoding.take(index).is_none(), "a chunk is taken once");
            }
        });
    }
}
