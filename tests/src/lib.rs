//! Shared helpers for the integration tests in `tests/tests/`.
//!
//! Test files live in `tests/tests/`; each is one idea (snapshots, wire behaviour, faults, contract).

use std::path::{Path, PathBuf};

/// The workspace root, so tests find `spec/` and `generated/` wherever cargo runs them from.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}
