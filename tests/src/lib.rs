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

/// The IR as its snapshots show it: absent values and empty lists left out, and the members the
/// IR leaves at their defaults most of the time (empty `docs` and `constraints`, unset
/// `read_only` and `write_only`) only when they say something. The IR serialises every field
/// (the lowering record reads it back, `codegen/src/lower/replay.rs`); a snapshot full of `~`s
/// and `[]`s hides what a change moved. Other empty objects and `false`s stay: an empty
/// `deprecated` still says the schema is deprecated.
pub fn terse_ir(api: &codegen::ir::Api) -> serde_json::Value {
    let mut value = serde_json::to_value(api).expect("the IR serialises");
    prune(&mut value);
    value
}

/// Prunes what [`terse_ir`] leaves out from every object under `value`, innermost first.
fn prune(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Array(items) => items.iter_mut().for_each(prune),
        Value::Object(members) => {
            members.values_mut().for_each(prune);
            members.retain(|key, member| match member {
                Value::Null => false,
                Value::Array(items) => !items.is_empty(),
                Value::Bool(false) => !matches!(key.as_str(), "read_only" | "write_only"),
                Value::Object(inner) => {
                    !(inner.is_empty() && matches!(key.as_str(), "docs" | "constraints"))
                }
                _ => true,
            });
        }
        _ => {}
    }
}
