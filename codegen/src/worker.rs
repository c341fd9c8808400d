//! Helper threads of the generator. Loading and formatting recurse once per level of a
//! document's nesting, and a helper must manage whatever the calling thread could, so each gets
//! the stack a program's main thread gets on Linux; work whose thread cannot be started is done
//! by the caller.

use std::panic::resume_unwind;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{Builder, Scope, ScopedJoinHandle};

/// The stack of a helper thread.
const STACK: usize = 8 * 1024 * 1024;

/// Starts `work` on a helper thread of `scope`, or returns `None` when none can be started.
pub(crate) fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Option<ScopedJoinHandle<'scope, T>> {
    Builder::new()
        .stack_size(STACK)
        .spawn_scoped(scope, work)
        .ok()
}

/// `helper` on a helper thread while `caller` runs on the calling thread, and both results;
/// both on the calling thread when no helper can be started. A helper's panic goes on here.
pub(crate) fn both<A: Send, B>(
    helper: impl FnOnce() -> A + Send,
    caller: impl FnOnce() -> B,
) -> (A, B) {
    let slot = Mutex::new(Some(helper));
    let take = || take_work(&slot);
    std::thread::scope(|scope| {
        let running = spawn(scope, || take().map(|work| work()));
        let b = caller();
        let helped =
            running.and_then(|running| running.join().unwrap_or_else(|panic| resume_unwind(panic)));
        let a = match helped {
            Some(a) => a,
            None => take().expect("the helper's work is run once")(),
        };
        (a, b)
    })
}

/// `work` on a thread of its own that nobody waits for, or here when none can be started: work
/// no later step needs done first, such as freeing a large document's trees (stripe 5 to 8 ms,
/// Graph 35 to 55 ms at the end of lowering) or deleting a replaced item cache. Aside, it
/// overlaps what follows, and a process that ends first does not wait for work not begun.
pub(crate) fn aside(work: impl FnOnce() + Send + 'static) {
    let slot = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&slot);
    let started = Builder::new()
        .spawn(move || take_work(&theirs).map(|work| work()))
        .is_ok();
    if !started {
        if let Some(work) = take_work(&slot) {
            work();
        }
    }
}

/// Work begun on a thread of its own, whose result a later step takes ([`Ahead::join`]).
pub(crate) struct Ahead<T> {
    slot: Arc<Mutex<Option<AheadWork<T>>>>,
    running: Option<std::thread::JoinHandle<Option<T>>>,
}

type AheadWork<T> = Box<dyn FnOnce() -> T + Send>;

/// Begins `work` on a thread of its own, for a later step to take: work that step would
/// otherwise wait for, begun while earlier steps leave a core idle (the item cache read while
/// lowering runs). [`Ahead::join`] runs it when no thread could be started.
pub(crate) fn ahead<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Ahead<T> {
    let slot: Arc<Mutex<Option<AheadWork<T>>>> = Arc::new(Mutex::new(Some(Box::new(work))));
    let theirs = Arc::clone(&slot);
    let running = Builder::new()
        .stack_size(STACK)
        .spawn(move || take_work(&theirs).map(|work| work()))
        .ok();
    Ahead { slot, running }
}

impl<T> Ahead<T> {
    /// The work's result, once it is done; its panic goes on here.
    pub(crate) fn join(self) -> T {
        let helped = self
            .running
            .and_then(|running| running.join().unwrap_or_else(|panic| resume_unwind(panic)));
        match helped {
            Some(done) => done,
            None => take_work(&self.slot).expect("the work is run once")(),
        }
    }
}

/// The work in `slot`, for the one thread that takes it.
fn take_work<W>(slot: &Mutex<Option<W>>) -> Option<W> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).take()
}

/// `work` applied to every item, the calling thread and one helper taking items from one queue
/// in order, so a few large items early in the list do not leave a core idle at the end. The
/// results are in the items' order.
pub(crate) fn map_all<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let count = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let drain = || {
        let mut done = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((item_idx, item)) = next else {
                return done;
            };
            done.push((item_idx, work(item)));
        }
    };
    let (helped, own) = both(drain, drain);
    let mut results: Vec<Option<R>> = (0..count).map(|_| None).collect();
    for (item_idx, result) in helped.into_iter().chain(own) {
        results[item_idx] = Some(result);
    }
    results
        .into_iter()
        .map(|result| result.expect("every item is taken from the queue once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_all_keeps_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        let squares = map_all(items, |n| n * n);
        assert_eq!(squares, (0..1000).map(|n| n * n).collect::<Vec<_>>());
        assert!(map_all(Vec::<u8>::new(), |n| n).is_empty());
    }

    #[test]
    fn work_set_aside_is_done() {
        let (done, seen) = std::sync::mpsc::channel();
        aside(move || done.send(7).unwrap());
        assert_eq!(seen.recv_timeout(std::time::Duration::from_secs(10)), Ok(7));
    }
}
