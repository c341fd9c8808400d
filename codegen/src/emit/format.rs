//! Formats emitted Rust on every core: each file's tokens are cut into chunks of whole top-level
//! items, which worker threads parse with `syn` and print with `prettyplease`.
//!
//! prettyplease prints a file's items one after another, each ending its own lines, so the
//! formatted chunks, put back together, are exactly the formatted file. `proc_macro2` tokens
//! cannot cross threads, so chunks travel as text. Building the tokens is left to the emitters;
//! they run on the calling thread while the workers format what is already built.

use std::num::NonZeroUsize;
use std::sync::{mpsc, Mutex};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::error::Error;

/// Whole items are grouped into chunks of about this many bytes of text: large enough that the
/// cost of each chunk vanishes, small enough that every core stays busy to the end.
const CHUNK_BYTES: usize = 64 * 1024;
/// What a program's main thread gets on Linux: syn and prettyplease recurse once per level of
/// nesting, and a worker must format whatever the calling thread could.
const WORKER_STACK: usize = 8 * 1024 * 1024;

/// Hands one file's tokens to the formatter: its relative path, then its tokens.
pub type Submit<'a> = dyn FnMut(String, TokenStream) + 'a;

/// One piece of a file, in the order the file holds it.
struct Chunk {
    file_idx: usize,
    chunk_idx: usize,
    text: String,
}

/// A chunk with its formatted text, or with syn's message when it did not parse.
struct Formatted {
    chunk: Chunk,
    formatted: Result<String, String>,
}

/// Runs `produce`, which submits each Rust file's tokens, and formats the files meanwhile;
/// returns every submitted file's path and formatted text, in submission order.
pub fn format_files(produce: impl FnOnce(&mut Submit<'_>)) -> Result<Vec<(String, String)>, Error> {
    let n_workers = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let (sender, receiver) = mpsc::channel::<Chunk>();
    let receiver = Mutex::new(receiver);
    let mut paths = Vec::new();
    let results = std::thread::scope(|scope| {
        // The calling thread is the last worker, once it has produced everything.
        // A worker that cannot be started leaves its share to the others.
        let workers: Vec<_> = (1..n_workers)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, || format_queued(&receiver))
                    .ok()
            })
            .collect();
        produce(&mut |path, tokens| {
            let file_idx = paths.len();
            paths.push(path);
            for (chunk_idx, text) in split_items(tokens).into_iter().enumerate() {
                // The receiver outlives the scope, so sending cannot fail.
                let _ = sender.send(Chunk {
                    file_idx,
                    chunk_idx,
                    text,
                });
            }
        });
        drop(sender);
        let mut results = format_queued(&receiver);
        for worker in workers {
            // A panicking worker is a bug in syn or prettyplease; let it surface as one.
            results.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    });
    assemble(paths, results)
}

/// Formats chunks until the queue is closed and empty.
fn format_queued(receiver: &Mutex<mpsc::Receiver<Chunk>>) -> Vec<Formatted> {
    let mut formatted = Vec::new();
    loop {
        let next = match receiver.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return formatted,
        };
        let Ok(chunk) = next else {
            return formatted;
        };
        formatted.push(Formatted {
            formatted: format_text(&chunk.text),
            chunk,
        });
    }
}

fn format_text(text: &str) -> Result<String, String> {
    syn::parse_file(text)
        .map(|file| prettyplease::unparse(&file))
        .map_err(|error| error.to_string())
}

/// Puts each file's chunks back in order. A file with a chunk that did not parse alone is
/// formatted whole, so a cut in the wrong place costs time, never correctness.
fn assemble(
    paths: Vec<String>,
    mut results: Vec<Formatted>,
) -> Result<Vec<(String, String)>, Error> {
    results.sort_unstable_by_key(|result| (result.chunk.file_idx, result.chunk.chunk_idx));
    let mut files: Vec<(String, Vec<Formatted>)> =
        paths.into_iter().map(|path| (path, Vec::new())).collect();
    for result in results {
        files[result.chunk.file_idx].1.push(result);
    }
    files
        .into_iter()
        .map(|(path, chunks)| {
            if chunks.iter().all(|chunk| chunk.formatted.is_ok()) {
                let text = chunks
                    .into_iter()
                    .flat_map(|chunk| chunk.formatted)
                    .collect();
                return Ok((path, text));
            }
            let whole: String = chunks
                .iter()
                .map(|chunk| chunk.chunk.text.as_str())
                .collect();
            match format_text(&whole) {
                Ok(text) => Ok((path, text)),
                Err(message) => Err(Error::Emit {
                    file: path,
                    message,
                }),
            }
        })
        .collect()
}

/// The text of `tokens`, cut after whole top-level items into chunks of about [`CHUNK_BYTES`].
///
/// An item ends at a top-level `;`, or at a top-level `{ … }` not followed by `;`
/// (`const X: T = T { … };` and `use a::{b, c};` go on to their `;`).
fn split_items(tokens: TokenStream) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut chunk = String::new();
    let mut item = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let ends_item = match &tree {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && !matches!(trees.peek(), Some(TokenTree::Punct(next)) if next.as_char() == ';')
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        };
        item.push(tree);
        if ends_item {
            chunk.push_str(&TokenStream::from_iter(item.drain(..)).to_string());
            chunk.push('\n');
            if chunk.len() >= CHUNK_BYTES {
                chunks.push(std::mem::take(&mut chunk));
            }
        }
    }
    if !item.is_empty() {
        chunk.push_str(&TokenStream::from_iter(item).to_string());
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}
