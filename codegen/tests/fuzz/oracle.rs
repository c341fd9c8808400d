//! Judges one generator run on one document: a client, a located error, or a bug.
//!
//! A bug is a panic, an error or warning without a place (file, line and JSON pointer), or an
//! emitter error (generated code that does not parse). Aborts and hangs cannot be judged in-process:
//! the callers run this in child processes and judge those from outside.
//! Shared by `codegen/tests/fuzz.rs` and `xtask/src/fuzz.rs` via `#[path]`.

#[path = "difference.rs"]
mod difference;

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::OnceLock;

/// What one run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A client came out, with located warnings if any.
    Generated,
    /// The document was refused with a located error.
    Rejected,
    /// Something the generator must never do.
    Bug(Bug),
}

/// A finding, with what identifies it across inputs: minimization keeps an input only while
/// its signature stays the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bug {
    /// `panic at codegen/src/lower/schema.rs:123`, `unlocated error`, `crash`, `timeout`, …
    pub signature: String,
    pub message: String,
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the panic hook with one that records the panic for [`judge`] instead of printing it.
/// Call once per process, before judging.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|location| format!("{}:{}", location.file(), location.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{location}\t{info}")));
    }));
}

/// `text` (as read from `file`) written as JSON with a member `x-padding` of 1 MB added to
/// `paths`, which nothing reads: parsed in parts, as documents past 1 MB are, so that a run
/// with the item cache leaves the path items earlier runs indexed unparsed. `None` when the
/// text does not load, or has no `paths` object (its callbacks are dropped, as loading drops
/// them).
pub fn padded(file: &str, text: &str) -> Option<String> {
    let mut raw = codegen::parse_document(file.to_owned(), text.to_owned())
        .ok()?
        .raw;
    let paths = raw.get_mut("paths")?.as_object_mut()?;
    paths.insert("x-padding".into(), "p".repeat(1 << 20).into());
    serde_json::to_string_pretty(&raw).ok()
}

/// Where the streamed runs keep their item caches, one per file name; unset, they have none.
static ITEM_CACHES: OnceLock<PathBuf> = OnceLock::new();

/// Gives every streamed run an item cache in `dir`, one per file name it is judged under: each
/// mutant then regenerates from what the mutants before it left there, as a user regenerates
/// after a spec change, and must still make exactly what the uncached run makes. Call once per
/// process, and [`forget_item_caches`] at its end.
pub fn keep_item_caches_in(dir: PathBuf) {
    let _ = std::fs::create_dir_all(&dir);
    let _ = ITEM_CACHES.set(dir);
}

/// Deletes the item caches of [`keep_item_caches_in`].
pub fn forget_item_caches() {
    if let Some(dir) = ITEM_CACHES.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn item_cache_for(file: &str) -> Option<PathBuf> {
    let name: String = file
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '_' })
        .collect();
    Some(ITEM_CACHES.get()?.join(format!("{name}.items")))
}

/// The stack generation runs on: what a program's main thread gets on Linux, so a document that
/// overflows it would abort `cargo xtask generate` too.
pub const JUDGE_STACK: usize = 8 * 1024 * 1024;

/// Loads `text` as if read from `file` and generates a client on a thread of [`JUDGE_STACK`],
/// catching panics. Callers build and drop mutants on a bigger stack: that recursion is not ours.
pub fn judge(file: &str, text: &str) -> Verdict {
    let joined = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(JUDGE_STACK)
            .spawn_scoped(scope, || judge_here(file, text))
            .map(|worker| worker.join())
    });
    match joined {
        Ok(Ok(verdict)) => verdict,
        Ok(Err(_)) => Verdict::Bug(Bug {
            signature: "judge thread died".into(),
            message: "the generator thread ended without a verdict".into(),
        }),
        Err(error) => Verdict::Bug(Bug {
            signature: "cannot start a thread".into(),
            message: error.to_string(),
        }),
    }
}

fn judge_here(file: &str, text: &str) -> Verdict {
    let generate = |streamed: bool, item_cache: Option<PathBuf>| {
        let (name, text) = (file.to_owned(), text.to_owned());
        let document = match streamed {
            true => codegen::parse_document_cached(name, text, item_cache.as_deref())?,
            false => codegen::parse_document(name, text)?,
        };
        let config = codegen::Config {
            crate_name: "fuzz-client".into(),
            spec_label: file.to_owned(),
            item_cache,
            ..Default::default()
        };
        codegen::generate(&document, &config)
    };
    // What `cargo xtask generate` does (paths' items read while lowering takes them, items
    // formatted from the cache an earlier run left) must agree with the document read whole
    // and formatted whole: the same files and warnings, or the same error.
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let whole = generate(false, None);
        let streamed = generate(true, item_cache_for(file));
        let (whole_made, streamed_made) = (outcome(&whole), outcome(&streamed));
        if whole_made != streamed_made {
            return Err(Verdict::Bug(Bug {
                signature: "a streamed, cached run generates otherwise".into(),
                message: difference::first_difference(&whole_made, &streamed_made),
            }));
        }
        Ok(whole)
    }));
    match result {
        Ok(Err(disagreement)) => disagreement,
        Ok(Ok(Ok(output))) => judge_warnings(&output.diagnostics),
        Ok(Ok(Err(error))) => judge_error(&error),
        Err(_) => {
            let recorded = LAST_PANIC.with(|last| last.borrow_mut().take());
            let (location, message) = recorded
                .as_deref()
                .and_then(|text| text.split_once('\t'))
                .unwrap_or(("unknown place", "panic without a recorded message"));
            Verdict::Bug(Bug {
                signature: format!("panic at {location}"),
                message: message.replace('\n', " "),
            })
        }
    }
}

/// What a run made, as text to compare: its files and warnings, or its error.
fn outcome(result: &Result<codegen::Output, codegen::Error>) -> String {
    match result {
        Ok(output) => format!("{:?}\n{:?}", output.files, output.diagnostics),
        Err(error) => error.to_string(),
    }
}

fn judge_error(error: &codegen::Error) -> Verdict {
    match error {
        codegen::Error::Invalid { location, .. } if is_located(location) => Verdict::Rejected,
        codegen::Error::Invalid { .. } => Verdict::Bug(Bug {
            signature: "unlocated error".into(),
            message: error.to_string(),
        }),
        codegen::Error::Emit { .. } => Verdict::Bug(Bug {
            signature: "emit error".into(),
            message: error.to_string(),
        }),
        codegen::Error::Read { .. } | codegen::Error::Config { .. } => Verdict::Bug(Bug {
            signature: "unexpected error kind".into(),
            message: error.to_string(),
        }),
    }
}

fn judge_warnings(diagnostics: &[codegen::Diagnostic]) -> Verdict {
    match diagnostics
        .iter()
        .find(|diagnostic| !diagnostic.location.pointer.starts_with('#'))
    {
        Some(diagnostic) => Verdict::Bug(Bug {
            signature: "unlocated warning".into(),
            message: diagnostic.to_string(),
        }),
        None => Verdict::Generated,
    }
}

/// Errors must name the file, a line in it, and a JSON pointer.
fn is_located(location: &codegen::Location) -> bool {
    !location.file.is_empty() && location.pointer.starts_with('#') && location.line.is_some()
}
