//! `paths`' items read into their typed form while lowering takes them, in document order.
//!
//! Most of a large document is its `paths` (Graph beta: 40 of its 47 MB), and reading their
//! items into openapiv3's types was the longest part of loading, on both cores, after which
//! lowering, which takes the items one by one, ran on one core with the other idle. A document
//! loaded by [`super::load_document_streamed`] leaves them [`PendingPaths`]: while lowering
//! takes the items of one run, a helper reads the next runs, and lowering, when the run it needs
//! is not read yet, reads the next one nobody has taken instead of waiting.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock, PoisonError};

use openapiv3::{PathItem, ReferenceOr};
use serde_json::{Map, Value};

use super::unparsed::Unparsed;

/// A run of `paths`' items in their typed form, or `None` where one did not read.
type Run = Option<Vec<PathEntry>>;

/// One of `paths`' items in its typed form, with its path.
type PathEntry = (String, ReferenceOr<PathItem>);

/// The typed items of `paths`, run by run as they are read; see the module's docs.
#[derive(Debug)]
pub struct PendingPaths {
    runs: Vec<OnceLock<Run>>,
    /// The members left unparsed, which the raw tree holds as `null` (`load/unparsed.rs`).
    pub(super) unparsed: Option<Unparsed>,
    /// Items read alone, by [`PendingPaths::item`], each where its run was not read.
    singles: Vec<OnceLock<Option<Box<PathEntry>>>>,
    /// The next run nobody has taken to read.
    next: AtomicUsize,
    /// Wakes lowering when a run it waits for is read.
    read: (Mutex<()>, Condvar),
}

/// `paths`' members, as `super::read_path_items` takes them.
type Members<'a> = [(&'a String, &'a Value)];

impl PendingPaths {
    /// Pending runs for the members of `paths`.
    pub fn new(paths: &Map<String, Value>) -> PendingPaths {
        let runs = paths.len().div_ceil(super::PATH_ITEMS_PER_READ);
        PendingPaths {
            runs: (0..runs).map(|_| OnceLock::new()).collect(),
            unparsed: None,
            singles: (0..paths.len()).map(|_| OnceLock::new()).collect(),
            next: AtomicUsize::new(0),
            read: (Mutex::new(()), Condvar::new()),
        }
    }

    /// `consume` given every item of `paths` in `raw` (the document these runs were made for,
    /// whose text is `text`), in order, as they are read; every run is read when this returns.
    /// `None` when an item does not read: `consume` then saw the items before it only.
    pub fn stream<'a, R>(
        &'a self,
        raw: &'a Value,
        text: &'a str,
        consume: impl FnOnce(&mut dyn Iterator<Item = (&'a String, &'a ReferenceOr<PathItem>)>) -> R,
    ) -> Option<R> {
        self.stream_from(raw, text, 0, consume)
    }

    /// Like [`PendingPaths::stream`], but from the run that holds `paths`' member `first` on:
    /// `consume` is given the items of that run and the runs after it, which are all read when
    /// this returns. Lowering that replayed the items before `first` reads only these.
    pub fn stream_from<'a, R>(
        &'a self,
        raw: &'a Value,
        text: &'a str,
        first: usize,
        consume: impl FnOnce(&mut dyn Iterator<Item = (&'a String, &'a ReferenceOr<PathItem>)>) -> R,
    ) -> Option<R> {
        let members: Vec<(&String, &Value)> = raw.get("paths")?.as_object()?.iter().collect();
        let first_run = first / super::PATH_ITEMS_PER_READ;
        self.next.fetch_max(first_run, Ordering::Relaxed);
        let ((), consumed) = crate::worker::both(
            || while self.read_next(&members, text) {},
            || {
                let mut items = Items {
                    pending: self,
                    members: &members,
                    text,
                    run: first_run,
                    at: 0,
                };
                let consumed = consume(&mut items);
                while self.read_next(&members, text) {}
                consumed
            },
        );
        self.runs
            .get(first_run..)?
            .iter()
            .all(|run| matches!(run.get(), Some(Some(_))))
            .then_some(consumed)
    }

    /// Every item, once [`PendingPaths::stream`] has returned `Some`.
    pub fn items(&self) -> impl Iterator<Item = (&String, &ReferenceOr<PathItem>)> {
        self.runs
            .iter()
            .filter_map(|run| run.get()?.as_ref())
            .flatten()
            .map(|(path, item)| (path, item))
    }

    /// Reads runs of `paths`' members (those these runs were made for, in `text`) while `more`
    /// says to.
    pub fn read_while(&self, members: &Members, text: &str, more: impl Fn() -> bool) {
        while more() && self.read_next(members, text) {}
    }

    /// Reads the next run nobody has taken; `false` when none is left or one did not read.
    fn read_next(&self, members: &Members, text: &str) -> bool {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = self.runs.get(index) else {
            return false;
        };
        // A panic still fills the slot, so that no thread waits for the run forever; the
        // panic goes on once waiters are woken.
        let run =
            std::panic::catch_unwind(AssertUnwindSafe(|| self.read_run(members, text, index)));
        let read = matches!(run, Ok(Some(_)));
        let (run, panic) = match run {
            Ok(run) => (run, None),
            Err(panic) => (None, Some(panic)),
        };
        let _ = slot.set(run);
        let (lock, condvar) = &self.read;
        // Taking the lock orders this wake-up after a waiter's check that found the run missing.
        drop(lock.lock().unwrap_or_else(PoisonError::into_inner));
        condvar.notify_all();
        if let Some(panic) = panic {
            std::panic::resume_unwind(panic);
        }
        read
    }

    /// The typed item of `paths`' member `index` (one of `members`, those these runs were made
    /// for), from its run if that is read, else read alone; `None` when it does not read. For
    /// lowering that replays the other items and needs only a few (`lower/replay.rs`): reading
    /// the changed item's whole run parsed and read 31 items that were replayed (stripe: 5 of
    /// its 25 ms walk). An item read here and in its run at once is read twice.
    pub fn item<'a>(
        &'a self,
        members: &Members<'a>,
        text: &str,
        index: usize,
    ) -> Option<&'a (String, ReferenceOr<PathItem>)> {
        let key = members.get(index)?.0;
        if let Some(run) = self.runs.get(index / super::PATH_ITEMS_PER_READ)?.get() {
            return run.as_ref()?.iter().find(|(path, _)| path == key);
        }
        let single = self.singles.get(index)?.get_or_init(|| {
            let member = [(key, self.tree(members, text, index))];
            if super::schemas::deep_path_items_malformed(&member) {
                return None;
            }
            super::read_path_items(&member)?.pop().map(Box::new)
        });
        single.as_deref()
    }

    /// The tree of `paths`' member `place`: `members`' own, or, for one left unparsed, its
    /// text's.
    fn tree<'a>(&'a self, members: &Members<'a>, text: &str, place: usize) -> &'a Value {
        let unparsed = self.unparsed.as_ref();
        unparsed
            .and_then(|unparsed| unparsed.tree(text, place))
            .unwrap_or(members[place].1)
    }

    /// Run `index` once it is read, reading others meanwhile; `None` when it did not read.
    fn wait_for(
        &self,
        index: usize,
        members: &Members,
        text: &str,
    ) -> Option<&[(String, ReferenceOr<PathItem>)]> {
        loop {
            if let Some(run) = self.runs[index].get() {
                return run.as_deref();
            }
            if self.read_next(members, text) {
                continue;
            }
            let (lock, condvar) = &self.read;
            let mut guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while self.runs[index].get().is_none() {
                guard = condvar.wait(guard).unwrap_or_else(PoisonError::into_inner);
            }
        }
    }
}

impl PendingPaths {
    /// Run `index` of `members` (in `text`) in its typed form, members left unparsed parsed
    /// first.
    fn read_run(&self, members: &Members, text: &str, index: usize) -> Run {
        let start = index * super::PATH_ITEMS_PER_READ;
        let end = (start + super::PATH_ITEMS_PER_READ).min(members.len());
        let members: Vec<(&String, &Value)> = (start..end)
            .map(|place| (members[place].0, self.tree(members, text, place)))
            .collect();
        // What the load checks up front for the rest of the document, before openapiv3 spends
        // time exponential in a malformed schema's nesting on refusing it.
        if super::schemas::deep_path_items_malformed(&members) {
            return None;
        }
        super::read_path_items(&members)
    }
}

/// The items of [`PendingPaths`] in order, each run waited for as it is reached.
struct Items<'a, 'm> {
    pending: &'a PendingPaths,
    members: &'m Members<'a>,
    text: &'a str,
    run: usize,
    at: usize,
}

impl<'a> Iterator for Items<'a, '_> {
    type Item = (&'a String, &'a ReferenceOr<PathItem>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.run >= self.pending.runs.len() {
                return None;
            }
            let run = self.pending.wait_for(self.run, self.members, self.text)?;
            if let Some((path, item)) = run.get(self.at) {
                self.at += 1;
                return Some((path, item));
            }
            self.run += 1;
            self.at = 0;
        }
    }
}
