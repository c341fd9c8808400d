//! Helper threads of the generator. Loading and formatting recurse once per level of a
//! document's nesting, and a helper must manage whatever the calling thread could, so each gets
//! the stack a program's main thread gets on Linux; work whose thread cannot be started is done
//! by the caller.
//!
//! A helper thread, once started, is kept: when its work is done it waits for more, and the
//! next work goes to a thread that waits before a new one is started. A new thread on this
//! 2-core host waits for a core now and then: 1 to 2 % of them ran 3 ms late, while the
//! thread that started them was busy, where a waiting thread woken ran within 0.2 ms (200 of
//! each). A run after a one-operation change starts a dozen, and stripe's lost a core for 2
//! to 4 ms in about one run in five so, whatever it was doing then.

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{Builder, Result as ThreadResult};

/// The stack of a helper thread.
const STACK: usize = 8 * 1024 * 1024;

/// Work for a kept thread: it catches its own panics.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// A kept thread, waiting for its next work.
struct Kept {
    job: Mutex<Option<Job>>,
    given: Condvar,
}

/// The kept threads that wait for work.
static WAITING: Mutex<Vec<Arc<Kept>>> = Mutex::new(Vec::new());

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `job` on a kept thread that waits, or on a new one; gives it back when no thread can
/// be started.
fn run(job: Job) -> Result<(), Job> {
    let waiting = lock(&WAITING).pop();
    let Some(kept) = waiting else {
        return start(job);
    };
    *lock(&kept.job) = Some(job);
    kept.given.notify_one();
    Ok(())
}

/// Starts a kept thread with `first` to do.
fn start(first: Job) -> Result<(), Job> {
    let kept = Arc::new(Kept {
        job: Mutex::new(Some(first)),
        given: Condvar::new(),
    });
    let mine = Arc::clone(&kept);
    let started = Builder::new().stack_size(STACK).spawn(move || loop {
        let job = {
            let mut job = lock(&mine.job);
            loop {
                match job.take() {
                    Some(taken) => break taken,
                    None => job = mine.given.wait(job).unwrap_or_else(PoisonError::into_inner),
                }
            }
        };
        job();
        lock(&WAITING).push(Arc::clone(&mine));
    });
    match started {
        Ok(_) => Ok(()),
        Err(_) => Err(take_work(&kept.job).expect("a thread that did not start took nothing")),
    }
}

/// `helper` on a helper thread while `caller` runs on the calling thread, and both results;
/// both on the calling thread when the helper has not begun by the time `caller` is done (or
/// no thread can be started). A helper's panic goes on here.
pub(crate) fn both<A: Send, B>(
    helper: impl FnOnce() -> A + Send,
    caller: impl FnOnce() -> B,
) -> (A, B) {
    let mut helped: Option<ThreadResult<A>> = None;
    let out = Out(&mut helped as *mut Option<ThreadResult<A>>);
    let work: Box<dyn FnOnce() + Send + '_> = Box::new(move || {
        let out = out;
        let result = catch_unwind(AssertUnwindSafe(helper));
        // SAFETY: `Handoff::settle` below does not return while this runs, so `helped`, on
        // the stack of the `both` that made this work, outlives the write.
        unsafe { *out.0 = Some(result) };
    });
    // SAFETY: the work borrows from this call's frame, and may run on a kept thread. It runs
    // either there, while `settle` waits for it to finish, or here, taken back; a kept thread
    // that comes to it after `settle` finds it taken and runs nothing. `settle` runs on every
    // way out of this call, unwinding too (the guard), so the work never outlives the frame.
    let work: Job = unsafe { std::mem::transmute::<Box<dyn FnOnce() + Send + '_>, Job>(work) };
    let handoff = Arc::new(Handoff {
        work: Mutex::new(Some(work)),
        done: Mutex::new(false),
        finished: Condvar::new(),
    });
    let theirs = Arc::clone(&handoff);
    // Made first, so that nothing from here on can leave with the work running elsewhere.
    let guard = Settle(&handoff);
    let _ = run(Box::new(move || theirs.run()));
    let b = caller();
    drop(guard);
    match helped {
        Some(Ok(a)) => (a, b),
        Some(Err(panic)) => resume_panic(panic),
        None => unreachable!("settling runs the helper's work or waits for it"),
    }
}

/// Goes on with a helper's panic here. In the tests, its message is printed here first: the
/// kept thread that printed it writes into the output of whichever test started it.
fn resume_panic(panic: Box<dyn std::any::Any + Send>) -> ! {
    #[cfg(test)]
    if let Some(message) = panic
        .downcast_ref::<&str>()
        .map(|message| message.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
    {
        eprintln!("a helper panicked: {message}");
    }
    resume_unwind(panic)
}

/// Where a helper writes its result: a pointer into the frame of the `both` that waits for it.
struct Out<A>(*mut Option<ThreadResult<A>>);

// SAFETY: only the one thread that runs the work writes through it, while `both` waits.
unsafe impl<A: Send> Send for Out<A> {}

/// A helper's work, and whether a kept thread has finished it.
struct Handoff {
    work: Mutex<Option<Job>>,
    done: Mutex<bool>,
    finished: Condvar,
}

impl Handoff {
    /// On a kept thread: the work, unless it was taken back.
    fn run(&self) {
        if let Some(work) = take_work(&self.work) {
            work();
            *lock(&self.done) = true;
            self.finished.notify_all();
        }
    }

    /// On the calling thread: the work here when no thread has begun it (dropped instead when
    /// the caller is unwinding, since nobody takes its result), else waiting until the thread
    /// that did is done.
    fn settle(&self) {
        if let Some(work) = take_work(&self.work) {
            if !std::thread::panicking() {
                work();
            }
            return;
        }
        let mut done = lock(&self.done);
        while !*done {
            done = self
                .finished
                .wait(done)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Settles a handoff however the caller leaves.
struct Settle<'h>(&'h Handoff);

impl Drop for Settle<'_> {
    fn drop(&mut self) {
        self.0.settle();
    }
}

/// `work` on the calling thread and on `helpers` more at once; every result, in no
/// particular order.
pub(crate) fn spread<R: Send>(helpers: usize, work: &(impl Fn() -> R + Sync)) -> Vec<R> {
    if helpers == 0 {
        return vec![work()];
    }
    let (mut theirs, mine) = both(|| spread(helpers - 1, work), work);
    theirs.push(mine);
    theirs
}

/// `work` on a kept thread that nobody waits for, or here when none can be started: work no
/// later step needs done first, such as freeing a large document's trees (stripe 5 to 8 ms,
/// Graph 35 to 55 ms at the end of lowering) or deleting a replaced item cache. Aside, it
/// overlaps what follows, and a process that ends first does not wait for work not begun.
pub(crate) fn aside(work: impl FnOnce() + Send + 'static) {
    // A panic is a bug the work's owner would not see either way; the thread is kept.
    let job: Job = Box::new(move || drop(catch_unwind(AssertUnwindSafe(work))));
    if let Err(job) = run(job) {
        job();
    }
}

/// Work begun on a kept thread, whose result a later step takes ([`Ahead::join`]).
pub(crate) struct Ahead<T> {
    slot: Arc<Mutex<Option<AheadWork<T>>>>,
    result: Arc<(Mutex<Option<ThreadResult<T>>>, Condvar)>,
}

type AheadWork<T> = Box<dyn FnOnce() -> T + Send>;

/// Begins `work` on a kept thread, for a later step to take: work that step would otherwise
/// wait for, begun while earlier steps leave a core idle (the item cache read while lowering
/// runs). [`Ahead::join`] runs it when no thread has begun it.
pub(crate) fn ahead<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Ahead<T> {
    let slot: Arc<Mutex<Option<AheadWork<T>>>> = Arc::new(Mutex::new(Some(Box::new(work))));
    let result = Arc::new((Mutex::new(None), Condvar::new()));
    let (theirs, their_result) = (Arc::clone(&slot), Arc::clone(&result));
    let _ = run(Box::new(move || {
        if let Some(work) = take_work(&theirs) {
            let done = catch_unwind(AssertUnwindSafe(work));
            let (result, finished) = &*their_result;
            *lock(result) = Some(done);
            finished.notify_all();
        }
    }));
    Ahead { slot, result }
}

impl<T> Ahead<T> {
    /// The work's result, once it is done; its panic goes on here.
    pub(crate) fn join(self) -> T {
        if let Some(work) = take_work(&self.slot) {
            return work();
        }
        let (result, finished) = &*self.result;
        let mut done = lock(result);
        loop {
            match done.take() {
                Some(Ok(value)) => return value,
                Some(Err(panic)) => resume_panic(panic),
                None => done = finished.wait(done).unwrap_or_else(PoisonError::into_inner),
            }
        }
    }
}

/// The work in `slot`, for the one thread that takes it.
fn take_work<W>(slot: &Mutex<Option<W>>) -> Option<W> {
    lock(slot).take()
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
            let next = lock(&queue).next();
            let Some((item_idx, item)) = next else {
                return done;
            };
            done.push((item_idx, work(item)));
        }
    };
    let mut results: Vec<Option<R>> = (0..count).map(|_| None).collect();
    for (item_idx, result) in spread(1, &drain).into_iter().flatten() {
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
    fn a_helper_runs_beside_the_caller_and_its_panic_goes_on_in_the_caller() {
        use std::sync::atomic::{AtomicBool, Ordering};
        // The caller waits until the helper has begun, so the helper runs on a kept thread.
        for _ in 0..3 {
            let begun = AtomicBool::new(false);
            let borrowed = [1, 2, 3];
            let (sum, caller) = both(
                || {
                    begun.store(true, Ordering::SeqCst);
                    (borrowed.iter().sum::<i32>(), std::thread::current().id())
                },
                || {
                    let waited = std::time::Instant::now();
                    while !begun.load(Ordering::SeqCst) && waited.elapsed().as_secs() < 10 {
                        std::hint::spin_loop();
                    }
                    std::thread::current().id()
                },
            );
            assert_eq!(sum.0, 6);
            assert_ne!(sum.1, caller, "the helper ran on a thread of its own");
        }
        let panicked = catch_unwind(|| both(|| panic!("the helper's"), || 1));
        assert!(panicked.is_err());
        // The kept thread that caught it works on.
        assert_eq!(both(|| 2, || 3), (2, 3));
    }

    #[test]
    fn a_caller_that_panics_leaves_no_helper_running_on_its_frame() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        for _ in 0..50 {
            let runs = AtomicUsize::new(0);
            let unwound = catch_unwind(AssertUnwindSafe(|| {
                both(
                    || runs.fetch_add(1, Ordering::SeqCst),
                    || panic!("the caller's"),
                )
            }));
            assert!(unwound.is_err());
            // Settled on the way out: run on a kept thread and waited for, or dropped unrun.
            let settled = runs.load(Ordering::SeqCst);
            assert!(settled <= 1);
            std::thread::sleep(std::time::Duration::from_millis(1));
            assert_eq!(runs.load(Ordering::SeqCst), settled, "nothing runs after");
        }
    }

    #[test]
    fn work_begun_ahead_is_joined_or_done_by_the_joiner() {
        let ahead_value = ahead(|| 40 + 2);
        assert_eq!(ahead_value.join(), 42);
        let failing = ahead(|| -> u8 { panic!("ahead") });
        assert!(catch_unwind(AssertUnwindSafe(|| failing.join())).is_err());
        let spread_out = spread(3, &|| 1);
        assert_eq!(spread_out, vec![1; 4]);
    }

    #[test]
    fn work_set_aside_is_done() {
        let (done, seen) = std::sync::mpsc::channel();
        aside(move || done.send(7).unwrap());
        assert_eq!(seen.recv_timeout(std::time::Duration::from_secs(10)), Ok(7));
    }
}
