//! Regeneration with the item cache (`codegen::emit::item_cache`): the user's loop of spec
//! update → regenerate. Each document is measured twice after a primed cache: unchanged (the
//! no-op), and with one operation changed, a new optional query parameter on its first
//! operation, so that its method, its request type and its fake change and nothing else does.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{json, Value};

use super::{child, median_of, ChildFigures};

/// What regenerating one document with a primed cache took: unchanged, and after one change.
pub(super) struct Regeneration {
    pub noop: ChildFigures,
    pub one_change: ChildFigures,
}

/// Primes a cache from `document`, then times regenerating it unchanged and with one change;
/// every run starts from the same primed cache.
pub(super) fn measure(
    scratch: &Path,
    document: &Path,
    out: &Path,
    runs: usize,
) -> Result<Regeneration> {
    fs::create_dir_all(scratch)?;
    let primed = scratch.join("primed.items");
    let cache = scratch.join("run.items");
    let _ = fs::remove_file(&primed);
    child(document, Some(out), Some(&primed))?;
    let noop = median_of(runs, || {
        fs::copy(&primed, &cache)?;
        child(document, Some(out), Some(&cache))
    })?;
    let changed = write_changed(scratch, document)?;
    // The unchanged crate is put back before each run, so each run changes the same files.
    let one_change = median_of(runs, || {
        child(document, Some(out), None)?;
        fs::copy(&primed, &cache)?;
        child(&changed, Some(out), Some(&cache))
    })?;
    Ok(Regeneration { noop, one_change })
}

/// `document` with an optional query parameter added to its first operation.
fn write_changed(scratch: &Path, document: &Path) -> Result<PathBuf> {
    let text = fs::read(document).with_context(|| format!("cannot read {}", document.display()))?;
    let mut value: Value = serde_json::from_slice(&text)?;
    let operation = value
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .and_then(|paths| paths.values_mut().next())
        .and_then(Value::as_object_mut)
        .and_then(|item| {
            item.iter_mut()
                .find(|(method, _)| METHODS.contains(&method.as_str()))
                .map(|(_, operation)| operation)
        })
        .and_then(Value::as_object_mut)
        .with_context(|| format!("{} has no operation to change", document.display()))?;
    let parameters = operation
        .entry("parameters")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(parameters) = parameters {
        parameters.push(json!({
            "name": "bench_added_filter",
            "in": "query",
            "description": "Added by the benchmark's one-change regeneration.",
            "schema": { "type": "string" },
        }));
    }
    let path = scratch.join("changed.json");
    fs::write(&path, serde_json::to_vec(&value)?)?;
    Ok(path)
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
