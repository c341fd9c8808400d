//! Regeneration, the user's loop of spec update → regenerate, measured two ways:
//! - unchanged (the no-op): `cargo xtask generate` itself, run again after a first run, as a
//!   whole process timed from outside; its stamp (`stamp.rs`) answers without reading the
//!   document;
//! - after one change, a new optional query parameter on the first operation (so its method,
//!   its request type and its fake change and nothing else does): the staged child, with the
//!   item cache (`codegen::emit::item_cache`) of the unchanged document.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use super::{child, median_of, ChildFigures};

/// What regenerating one document took: unchanged, and after one change.
pub(super) struct Regeneration {
    /// Median wall time of `cargo xtask generate` on the unchanged document, in milliseconds.
    pub noop_ms: f64,
    pub one_change: ChildFigures,
}

/// Times regenerating `document` unchanged and with one change; every one-change run starts
/// from the same primed item cache.
pub(super) fn measure(scratch: &Path, document: &Path, runs: usize) -> Result<Regeneration> {
    fs::create_dir_all(scratch)?;
    let noop_out = scratch.join("unchanged");
    let noop_target = scratch.join("target");
    let out = &scratch.join("one-change");
    generate(document, &noop_out, &noop_target)?;
    let mut noop: Vec<f64> = (0..runs.max(1))
        .map(|_| generate(document, &noop_out, &noop_target))
        .collect::<Result<_>>()?;
    noop.sort_by(f64::total_cmp);
    let primed = scratch.join("primed.items");
    let cache = scratch.join("run.items");
    codegen::emit::remove_item_cache(&primed)?;
    // The change is made to the one spec file, as a user edits theirs: every file's first line
    // names the spec, so a change read from another path rewrote the whole crate.
    let spec = scratch.join("spec.json");
    fs::copy(document, &spec)?;
    child(&spec, Some(out), Some(&primed))?;
    let changed = write_changed(scratch, document)?;
    // The unchanged crate is put back before each run, so each run changes the same files.
    let one_change = median_of(runs, || {
        fs::copy(document, &spec)?;
        child(&spec, Some(out), None)?;
        // The last run's delta goes too: over the same base, it would be read.
        codegen::emit::copy_item_cache(&primed, &cache)?;
        fs::copy(&changed, &spec)?;
        child(&spec, Some(out), Some(&cache))
    })?;
    Ok(Regeneration {
        noop_ms: noop[noop.len() / 2],
        one_change,
    })
}

/// Runs `cargo xtask generate` (this same program) into `out`; returns its wall time in ms.
/// What it keeps between runs (its stamp and item cache, under the target directory) goes under
/// `target`, in the bench's own directory, so it is deleted with the run's outputs: under the
/// workspace's target directory each bench left one per document, never read again (Graph
/// beta's 197 MB among them; 8.9 GB after a day of benches).
fn generate(document: &Path, out: &Path, target: &Path) -> Result<f64> {
    let started = Instant::now();
    let output = Command::new(std::env::current_exe()?)
        .env("CARGO_TARGET_DIR", target)
        .arg("generate")
        .arg("--spec")
        .arg(document)
        .arg("--out")
        .arg(out)
        .output()
        .context("cannot start `xtask generate`")?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if !output.status.success() {
        bail!(
            "`xtask generate` failed on {}: {}",
            document.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(millis)
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
