//! Shared helpers for the integration tests in `tests/tests/`.
//!
//! Test files live in `tests/tests/`, one idea each (snapshots, freshness, wire behaviour,
//! faults, contract). This library only knows where the project's files are and how the
//! project's own client is generated, the way `cargo xtask generate` does it.

pub mod prism;
pub mod witness;

use std::path::{Path, PathBuf};

/// The spec and configuration `cargo xtask generate` uses by default.
pub const SPEC: &str = "spec/resource-sharing.openapi.yaml";
pub const CONFIG: &str = "spec/codegen.yaml";

/// The workspace root, so tests find `spec/` and `generated/` wherever cargo runs them from.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// Generates the project's client in memory, exactly as `cargo xtask generate` does.
pub fn generate_project() -> codegen::Output {
    generate_project_with(|_| {})
}

/// Generates the project's client in memory with its configuration adjusted by `adjust`.
pub fn generate_project_with(adjust: impl FnOnce(&mut codegen::Config)) -> codegen::Output {
    let root = workspace_root();
    let config_text =
        std::fs::read_to_string(root.join(CONFIG)).expect("spec/codegen.yaml is readable");
    let mut config =
        codegen::Config::from_yaml(CONFIG, &config_text).expect("spec/codegen.yaml is valid");
    config.spec_label = SPEC.to_owned();
    adjust(&mut config);
    let document = codegen::load_document(&root.join(SPEC)).expect("the spec loads");
    codegen::generate(&document, &config).expect("the spec generates")
}

/// Lowers a small document with the default configuration, as the diff fixtures are.
pub fn lower_file(path: &Path) -> codegen::ir::Api {
    let document = codegen::load_document(path).expect("the fixture loads");
    let config = codegen::Config {
        crate_name: String::from("api"),
        ..codegen::Config::default()
    };
    codegen::lower::lower(&document, &config)
        .expect("the fixture lowers")
        .0
}

/// Lowers a document with the project's configuration (spec/codegen.yaml).
pub fn lower_project_file(path: &Path) -> codegen::ir::Api {
    let root = workspace_root();
    let config_text = std::fs::read_to_string(root.join(CONFIG)).expect("spec/codegen.yaml");
    let config = codegen::Config::from_yaml(CONFIG, &config_text).expect("valid configuration");
    let document = codegen::load_document(path).expect("the document loads");
    codegen::lower::lower(&document, &config)
        .expect("the document lowers")
        .0
}

/// Every pair directory under `tests/fixtures/diff/`, sorted.
pub fn diff_fixture_dirs() -> Vec<PathBuf> {
    let dir = workspace_root().join("tests/fixtures/diff");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/diff exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}
