//! Compile witnesses: for every pair in `tests/fixtures/diff/`, a consumer program written
//! against the old generated crate (`integration_tests::witness`) must compile against the old
//! crate, and must fail against the new crate exactly when the diff's Rust verdict is major.
//!
//! All pairs share one throwaway workspace under `target/diff-witness/` with its own target
//! directory (a nested cargo cannot share the outer build lock) and the workspace's `Cargo.lock`,
//! so dependencies resolve offline and are checked once; one `cargo check --keep-going` covers
//! every crate. Most pairs start from the same document, so crates are keyed by content: one
//! generated crate per distinct document (`w-<hash>`), one consumer per distinct old document
//! (`c-<old>`, against its own crate) and one per pair (`c-<old>-<new>`). Files are rewritten only
//! when they change, so a rerun checks only what moved; incremental compilation is off, since
//! a rerun only re-checks the small consumers meant to fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::Impact;
use codegen::ir::Api;
use integration_tests::{diff_fixture_dirs, witness, workspace_root};

/// One pair: its name, its two documents' keys, and whether the Rust verdict is major.
struct Pair {
    name: String,
    old: String,
    new: String,
    rust_major: bool,
}

#[test]
fn consumers_of_the_old_crate_break_exactly_when_the_rust_judgement_is_major() {
    let root = workspace_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let dir = target.join("diff-witness");
    let workspace = dir.join("workspace");
    let mut crates = Crates::default();
    let pairs: Vec<Pair> = diff_fixture_dirs()
        .iter()
        .map(|pair_dir| crates.add_pair(&workspace, pair_dir))
        .collect();
    write_workspace(&root, &workspace, &crates.members);
    let failed = check_workspace(&workspace, &dir.join("target"));
    let mut mismatches = Vec::new();
    for pair in &pairs {
        let (name, old, new) = (&pair.name, &pair.old, &pair.new);
        for package in [format!("w-{old}"), format!("w-{new}"), format!("c-{old}")] {
            if let Some(error) = failed.get(&package) {
                mismatches.push(format!("{name}: {package} must compile:\n{error}"));
            }
        }
        match (pair.rust_major, failed.get(&format!("c-{old}-{new}"))) {
            (true, None) => mismatches.push(format!("{name}: Rust judgement is major, but the old consumer compiles against the new crate")),
            (false, Some(error)) => mismatches.push(format!("{name}: Rust judgement is not major, but the old consumer fails against the new crate:\n{error}")),
            _ => {}
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

/// The crates written so far: each document's API by key, and the workspace members.
#[derive(Default)]
struct Crates {
    apis: BTreeMap<String, Api>,
    members: BTreeSet<String>,
}

impl Crates {
    /// Writes the crates of one pair that no earlier pair wrote: the old and new generated
    /// crates, the consumer of the old API against each.
    fn add_pair(&mut self, workspace: &Path, pair_dir: &Path) -> Pair {
        let name = pair_dir.file_name().unwrap().to_string_lossy().into_owned();
        let old = self.add_document(workspace, &pair_dir.join("old.yaml"));
        let new = self.add_document(workspace, &pair_dir.join("new.yaml"));
        let source = witness::consumer_source(&self.apis[&old]);
        for (consumer, api) in [(format!("c-{old}"), &old), (format!("c-{old}-{new}"), &new)] {
            if self.members.insert(consumer.clone()) {
                let crate_dir = workspace.join(&consumer);
                write_if_changed(
                    &crate_dir.join("Cargo.toml"),
                    &consumer_manifest(&consumer, &format!("w-{api}")),
                );
                write_if_changed(&crate_dir.join("src/lib.rs"), &source);
            }
        }
        let report = codegen::diff::diff(&self.apis[&old], &self.apis[&new]);
        Pair {
            name,
            rust_major: report
                .changes
                .iter()
                .any(|change| change.rust == Impact::Major),
            old,
            new,
        }
    }

    /// Generates the crate `w-<key>` for a document unless an identical one was; returns the key.
    fn add_document(&mut self, workspace: &Path, path: &Path) -> String {
        let text = std::fs::read(path).unwrap();
        let key = format!("{:016x}", fnv1a(&text));
        if self.apis.contains_key(&key) {
            return key;
        }
        let document = codegen::load_document(path).unwrap();
        let config = codegen::Config {
            crate_name: format!("w-{key}"),
            spec_label: String::from("a document in tests/fixtures/diff/"),
            runtime: codegen::RuntimeSource::Shared {
                path: workspace_root()
                    .join("codegen/runtime/mod.rs")
                    .display()
                    .to_string(),
            },
            ..codegen::Config::default()
        };
        let output = codegen::generate(&document, &config).unwrap();
        for (file, text) in &output.files {
            write_if_changed(&workspace.join(format!("w-{key}")).join(file), text);
        }
        self.members.insert(format!("w-{key}"));
        self.apis.insert(key.clone(), output.api);
        key
    }
}

/// A content key that stays the same across runs and toolchains (64-bit FNV-1a).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn consumer_manifest(package: &str, api: &str) -> String {
    format!(
        "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\napi = {{ package = \"{api}\", path = \"../{api}\" }}\n\
         serde_json = \"1\"\n\
         chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n\
         uuid = {{ version = \"1\", features = [\"serde\"] }}\n"
    )
}

/// The manifest naming every crate, and the lock file; crates no pair needs any more are removed.
fn write_workspace(root: &Path, workspace: &Path, members: &BTreeSet<String>) {
    let listed: String = members
        .iter()
        .map(|member| format!("    \"{member}\",\n"))
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\n{listed}]\n\n\
         [profile.dev]\ndebug = false\nincremental = false\n"
    );
    write_if_changed(&workspace.join("Cargo.toml"), &manifest);
    let lock = workspace.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), lock).unwrap();
    }
    for entry in std::fs::read_dir(workspace).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_crate = name.starts_with("w-") || name.starts_with("c-");
        if is_crate && entry.path().is_dir() && !members.contains(&name) {
            std::fs::remove_dir_all(entry.path()).unwrap();
        }
    }
}

/// Runs one `cargo check` over every crate; returns the first error of each package that failed.
fn check_workspace(workspace: &Path, target: &Path) -> BTreeMap<String, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--offline",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let mut failed = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let is_error =
            message["reason"] == "compiler-message" && message["message"]["level"] == "error";
        let package = Path::new(message["manifest_path"].as_str().unwrap_or_default())
            .parent()
            .and_then(|dir| dir.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_error && seen.insert(package.clone()) {
            let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
            failed.insert(package, rendered.to_owned());
        }
    }
    assert!(
        !output.stdout.is_empty(),
        "cargo check printed nothing: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    failed
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
