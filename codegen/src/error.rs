//! Errors and warnings, each located in the input document by file, line and JSON pointer.
//!
//! Stages produce these; only the caller decides how to print them.

use std::fmt;

/// A place in the input document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// The document's path as the user gave it.
    pub file: String,
    /// JSON pointer, starting with `#`.
    pub pointer: String,
    /// 1-based line, when the source could be mapped.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

/// Why generation stopped. Nothing has been written when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document could not be read from disk.
    #[error("{file}: cannot read the document: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// The document is malformed or uses something the generator cannot turn into a client.
    #[error("{location}: {message}")]
    Invalid { location: Location, message: String },
    /// The emitter produced code that does not parse: a generator bug, reported instead of a panic.
    #[error("internal error while emitting {file}: {message}")]
    Emit { file: String, message: String },
    /// The generator configuration is malformed.
    #[error("{file}: invalid generator configuration: {message}")]
    Config { file: String, message: String },
}

impl Error {
    /// The error with its place named by JSON pointer alone, for the message of a warning that
    /// works around it: the warning carries its own line, and a line in its text would go stale
    /// when lines above it move, though lowering made the same warning (`lower/replay.rs`
    /// replays it).
    pub fn unplaced(&self) -> String {
        match self {
            Error::Invalid { location, message } => format!("{}: {message}", location.pointer),
            other => other.to_string(),
        }
    }
}

/// Something generation worked around: the output is still complete and compiles.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, " ({})", self.pointer)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}: {}", self.location, self.message)
    }
}
