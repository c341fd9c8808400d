//! Generates typed async Rust API clients from OpenAPI 3.0 documents.
//!
//! The pipeline reads off the module names: [`load`] → [`resolve`] → [`lower`] → [`emit`].
//! This crate is a library with no CLI and no filesystem access beyond [`load`]; `xtask` writes files.

mod cache_file;
pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
pub mod freshness;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod resolve;
pub mod source_map;
mod verify;
mod worker;

// The runtime ships as text (`RUNTIME_FILES` in emit/mod.rs); compiling it here as well lets it
// have unit tests, and `#[path]` keeps its own `crate::runtime::…` paths valid. It is `pub` so
// that items only generated code calls don't count as dead code.
#[cfg(test)]
#[path = "../runtime/mod.rs"]
pub mod runtime;
// The tests live under src/ rather than beside the runtime: a `mod tests;` line in runtime/mod.rs
// would be copied into every generated crate, whose `cargo test` would then miss the file.
#[cfg(test)]
mod runtime_tests;

pub use config::{Config, RuntimeSource};
pub use emit::{FileText, Files};
pub use error::{Diagnostic, Error, Location};
pub use load::{
    load_document, load_document_cached, load_document_streamed, output_paths, parse_document,
    parse_document_cached, parse_document_streamed, read_output_dir, Document,
};

/// Everything one run produces, in memory.
#[derive(Debug)]
pub struct Output {
    pub api: ir::Api,
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
    /// The document, when lowering replayed at least half of its path items, left unparsed at
    /// load, and kept it ([`lower::lower_keeping`]): freed with the output (on a thread of its
    /// own), or never by a process that forgets the output as it ends.
    _kept: lower::Kept,
}

/// Lowers and emits a loaded document.
pub fn generate(document: &Document, config: &Config) -> Result<Output, Error> {
    let (api, diagnostics) = lower::lower(document, config)?;
    let files = emit::emit(&api, config)?;
    Ok(Output {
        api,
        files,
        diagnostics,
        _kept: lower::Kept::default(),
    })
}

/// Like [`generate`], but lets go of the document as soon as lowering is done with it (on a
/// helper thread, [`lower::lower_keeping`]): its raw and typed trees are most of what a large
/// document's run holds, and emitting needs neither. After a small change, when lowering
/// replayed most of it, the document is small and kept in the output instead, so that freeing
/// it does not take a core from emitting.
pub fn generate_owned(document: Document, config: &Config) -> Result<Output, Error> {
    let cache = emit::CacheRead::start(config);
    let (api, diagnostics, kept) = lower::lower_keeping(document, config)?;
    let files = emit::emit_reading(&api, config, cache)?;
    Ok(Output {
        api,
        files,
        diagnostics,
        _kept: kept,
    })
}
