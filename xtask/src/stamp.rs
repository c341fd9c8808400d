//! The no-op check of `generate`: a generated crate is a function of the document's bytes, the
//! configuration and the generator's build alone. When all three are what they were at the last
//! run, and the output directory still holds exactly what that run left there, the run is
//! replayed from its stamp (its warnings and figures) without reading the document at all.
//!
//! The stamp sits beside the item cache under `target/codegen-cache/`. A stamp that is missing,
//! unreadable or from another input only means the generator runs; `--check` never uses one.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// What a run reported, kept so that a no-op run reports the same.
#[derive(Serialize, Deserialize)]
pub struct Outcome {
    pub operations: usize,
    pub types: usize,
    pub files: usize,
    pub diagnostics: Vec<codegen::Diagnostic>,
    /// Pointers of list operations that take paging parameters but are not paginated.
    pub unpaginated: Vec<String>,
}

impl Outcome {
    pub fn of(output: &codegen::Output) -> Outcome {
        Outcome {
            operations: output.api.operations().len(),
            types: output.api.types.len(),
            files: output.files.len(),
            diagnostics: output.diagnostics.clone(),
            unpaginated: output
                .api
                .operations()
                .iter()
                .filter(|operation| operation.is_unpaginated_list())
                .map(|operation| operation.pointer.clone())
                .collect(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Recorded {
    input: u64,
    output: u64,
    outcome: Outcome,
}

/// One run's input, and where its stamp is kept.
pub struct Stamp {
    path: PathBuf,
    input: u64,
}

impl Stamp {
    /// The input of generating `document` with `config` by this build of the generator.
    pub fn new(path: PathBuf, document: &Path, config: &codegen::Config) -> Result<Stamp> {
        let bytes =
            fs::read(document).with_context(|| format!("cannot read {}", document.display()))?;
        let mut hasher = DefaultHasher::new();
        hasher.write(&bytes);
        hasher.write(format!("{config:?}").as_bytes());
        hasher.write_u64(codegen::emit::generator_identity());
        Ok(Stamp {
            path,
            input: hasher.finish(),
        })
    }

    /// What the last run reported, when its input was this one and `out` is still its output.
    pub fn unchanged(&self, out: &Path) -> Option<Outcome> {
        let recorded: Recorded = serde_json::from_slice(&fs::read(&self.path).ok()?).ok()?;
        if recorded.input != self.input {
            return None;
        }
        let on_disk = codegen::read_output_dir(out).ok()?;
        (!on_disk.is_empty() && fingerprint(&on_disk) == recorded.output)
            .then_some(recorded.outcome)
    }

    /// Keeps what this run wrote to `out` and reported. Failing to keep it only costs the next
    /// run its shortcut, so errors are ignored.
    pub fn record(&self, files: &codegen::Files, outcome: Outcome) {
        let recorded = Recorded {
            input: self.input,
            output: fingerprint(files),
            outcome,
        };
        let Ok(json) = serde_json::to_vec(&recorded) else {
            return;
        };
        if let Some(dir) = self.path.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let staging = self.path.with_extension("stamp.new");
        if fs::write(&staging, json).is_ok() {
            let _ = fs::rename(&staging, &self.path);
        }
    }
}

/// A hash of every file's path and text, in path order. A text is hashed part by part, as it
/// is held (`codegen::FileText`), by XXH3's streaming hasher, whose digest does not depend on
/// how its input is cut (`std`'s `Hasher` promises no such thing).
fn fingerprint(files: &codegen::Files) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (path, text) in files {
        hasher.update(path.as_bytes());
        hasher.update(&[0xff]);
        for part in text.parts() {
            hasher.update(part.as_bytes());
        }
        hasher.update(&[0xff]);
    }
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome() -> Outcome {
        Outcome {
            operations: 1,
            types: 2,
            files: 1,
            diagnostics: Vec::new(),
            unpaginated: vec![String::from("#/paths/~1things/get")],
        }
    }

    #[test]
    fn a_stamp_holds_only_for_the_same_document_configuration_and_output() {
        let dir = tempfile::tempdir().unwrap();
        let (document, out) = (dir.path().join("api.yaml"), dir.path().join("out"));
        let path = dir.path().join("cache.stamp");
        std::fs::write(&document, "openapi: 3.0.3\n").unwrap();
        std::fs::create_dir_all(out.join("src")).unwrap();
        std::fs::write(out.join("src/lib.rs"), "// lib\n").unwrap();
        let files = codegen::read_output_dir(&out).unwrap();
        let config = codegen::Config::default();
        Stamp::new(path.clone(), &document, &config)
            .unwrap()
            .record(&files, outcome());

        let same = Stamp::new(path.clone(), &document, &config).unwrap();
        let replayed = same.unchanged(&out).expect("nothing changed");
        assert_eq!(replayed.unpaginated, outcome().unpaginated);

        let renamed = codegen::Config {
            crate_name: String::from("other"),
            ..codegen::Config::default()
        };
        let other_config = Stamp::new(path.clone(), &document, &renamed).unwrap();
        assert!(other_config.unchanged(&out).is_none());

        std::fs::write(out.join("src/lib.rs"), "// edited by hand\n").unwrap();
        assert!(
            same.unchanged(&out).is_none(),
            "an edited output must regenerate"
        );
        std::fs::write(out.join("src/lib.rs"), "// lib\n").unwrap();
        assert!(same.unchanged(&out).is_some());

        std::fs::write(&document, "openapi: 3.0.4\n").unwrap();
        let updated = Stamp::new(path, &document, &config).unwrap();
        assert!(
            updated.unchanged(&out).is_none(),
            "an updated document must regenerate"
        );
    }

    /// After a small change most of a file is borrowed from the item cache, in parts; what such
    /// a run records must match its files read back whole, or the next run is never a no-op.
    #[test]
    fn a_stamp_recorded_from_files_in_parts_holds_for_them_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let spec_path = crate::workspace_root().join("spec/resource-sharing.openapi.yaml");
        let spec = std::fs::read_to_string(spec_path).unwrap();
        let config = codegen::Config {
            item_cache: Some(dir.path().join("cache/items")),
            ..codegen::Config::default()
        };
        let generate = |text: &str| {
            let document =
                codegen::parse_document(String::from("spec.yaml"), text.to_owned()).unwrap();
            codegen::generate(&document, &config).unwrap()
        };
        generate(&spec);
        let changed = spec.replacen("Update a share", "Update one share", 1);
        let output = generate(&changed);
        assert!(
            output.files.values().any(|text| text.parts().count() > 1),
            "a file put together from the cache and this run"
        );

        let (document, out) = (dir.path().join("spec.yaml"), dir.path().join("out"));
        std::fs::write(&document, &changed).unwrap();
        crate::write::replace_dir(&out, &output.files).unwrap();
        let stamp = Stamp::new(dir.path().join("cache.stamp"), &document, &config).unwrap();
        stamp.record(&output.files, Outcome::of(&output));
        assert!(stamp.unchanged(&out).is_some());
    }
}
