//! `target/bench/report.json`: this run's figures over the last report's, so that a run with
//! `--filter`, `--no-client` or without `--compile` updates what it measured and keeps the rest.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{Map, Value};

/// Sections whose rows are per document: a row replaces the previous rows of its document.
const PER_DOCUMENT: &[&str] = &["generation", "compile", "peer_compile"];

/// Writes `report` to `path`, merged over the report already there (if it reads as one).
pub(super) fn write(path: &Path, report: &impl serde::Serialize) -> Result<()> {
    let new = serde_json::to_value(report)?;
    let previous = fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok());
    let merged = match (previous, new) {
        (Some(Value::Object(previous)), Value::Object(new)) => Value::Object(merge(previous, new)),
        (_, new) => new,
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, serde_json::to_string_pretty(&merged)?)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `new` over `previous`: an empty or absent section keeps the previous one, and per-document
/// sections keep the rows of documents `new` has none of.
fn merge(mut previous: Map<String, Value>, new: Map<String, Value>) -> Map<String, Value> {
    for (section, value) in new {
        let measured =
            !matches!(&value, Value::Null) && value.as_array().is_none_or(|rows| !rows.is_empty());
        if !measured {
            previous.entry(section).or_insert(value);
            continue;
        }
        let merged = match (previous.remove(&section), value) {
            (Some(Value::Array(old)), Value::Array(rows))
                if PER_DOCUMENT.contains(&section.as_str()) =>
            {
                Value::Array(merge_rows(old, rows))
            }
            (_, value) => value,
        };
        previous.insert(section, merged);
    }
    previous
}

/// The old rows whose document `rows` does not measure, in their order, then `rows`.
fn merge_rows(old: Vec<Value>, rows: Vec<Value>) -> Vec<Value> {
    let document = |row: &Value| row.get("document").cloned();
    let measured: Vec<Option<Value>> = rows.iter().map(document).collect();
    old.into_iter()
        .filter(|row| !measured.contains(&document(row)))
        .chain(rows)
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::merge;

    #[test]
    fn a_filtered_run_keeps_the_other_documents_and_unmeasured_sections() {
        let previous = json!({
            "generation": [{"document": "a", "ms": 1}, {"document": "b", "ms": 2}],
            "client_overhead": [{"benchmark": "decode", "ratio": 1.1}],
            "pagination_memory": {"items": 10},
            "compile": [{"document": "c", "command": "check"}],
        });
        let new = json!({
            "generation": [{"document": "b", "ms": 3}],
            "client_overhead": [],
            "pagination_memory": null,
            "compile": [],
        });
        let merged = merge(
            previous.as_object().unwrap().clone(),
            new.as_object().unwrap().clone(),
        );
        assert_eq!(
            serde_json::Value::Object(merged),
            json!({
                "generation": [{"document": "a", "ms": 1}, {"document": "b", "ms": 3}],
                "client_overhead": [{"benchmark": "decode", "ratio": 1.1}],
                "pagination_memory": {"items": 10},
                "compile": [{"document": "c", "command": "check"}],
            })
        );
    }
}
