//! Compile witnesses: for every pair in `tests/fixtures/diff/`, a consumer program written
//! against the old generated crate (`integration_tests::witness`) must compile against the old
//! crate, and must fail against the new crate exactly when the diff's Rust verdict is major.
//!
//! All pairs share one throwaway workspace under `target/diff-witness/` with its own target
//! directory (a nested cargo cannot share the outer build lock) and the workspace's `Cargo.lock`,
//! so dependencies resolve offline and are checked once; one `cargo check --keep-going` covers
//! every crate. Files are rewritten only when they change, so a rerun checks only what moved.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::Impact;
use integration_tests::{diff_fixture_dirs, witness, workspace_root};

/// One pair: its name and whether the Rust verdict is major.
struct Pair {
    name: String,
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
    let pairs: Vec<Pair> = diff_fixture_dirs()
        .iter()
        .map(|pair_dir| write_pair(&workspace, pair_dir))
        .collect();
    write_workspace(&root, &workspace, &pairs);
    let failed = check_workspace(&workspace, &dir.join("target"));
    let mut mismatches = Vec::new();
    for pair in &pairs {
        let name = &pair.name;
        for package in [
            format!("w-{name}-old"),
            format!("w-{name}-new"),
            format!("c-{name}-old"),
        ] {
            if let Some(error) = failed.get(&package) {
                mismatches.push(format!("{package} must compile:\n{error}"));
            }
        }
        let consumer = format!("c-{name}-new");
        match (pair.rust_major, failed.get(&consumer)) {
            (true, None) => mismatches.push(format!("{name}: Rust judgement is major, but the old consumer compiles against the new crate")),
            (false, Some(error)) => mismatches.push(format!("{name}: Rust judgement is not major, but the old consumer fails against the new crate:\n{error}")),
            _ => {}
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

/// Writes the old and new crates of a pair and the consumer, compiled against each.
fn write_pair(workspace: &Path, pair_dir: &Path) -> Pair {
    let name = pair_dir.file_name().unwrap().to_string_lossy().into_owned();
    let runtime = workspace_root().join("codegen/runtime/mod.rs");
    let mut apis = Vec::new();
    for side in ["old", "new"] {
        let document = codegen::load_document(&pair_dir.join(format!("{side}.yaml"))).unwrap();
        let config = codegen::Config {
            crate_name: format!("w-{name}-{side}"),
            spec_label: format!("tests/fixtures/diff/{name}/{side}.yaml"),
            runtime: codegen::RuntimeSource::Shared {
                path: runtime.display().to_string(),
            },
            ..codegen::Config::default()
        };
        let output = codegen::generate(&document, &config).unwrap();
        for (path, text) in &output.files {
            write_if_changed(&workspace.join(format!("w-{name}-{side}")).join(path), text);
        }
        apis.push(output.api);
    }
    let source = witness::consumer_source(&apis[0]);
    for side in ["old", "new"] {
        let crate_dir = workspace.join(format!("c-{name}-{side}"));
        write_if_changed(
            &crate_dir.join("Cargo.toml"),
            &consumer_manifest(&name, side),
        );
        write_if_changed(&crate_dir.join("src/lib.rs"), &source);
    }
    let report = codegen::diff::diff(&apis[0], &apis[1]);
    Pair {
        rust_major: report
            .changes
            .iter()
            .any(|change| change.rust == Impact::Major),
        name,
    }
}

fn consumer_manifest(name: &str, side: &str) -> String {
    format!(
        "[package]\nname = \"c-{name}-{side}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\napi = {{ package = \"w-{name}-{side}\", path = \"../w-{name}-{side}\" }}\n\
         serde_json = \"1\"\n\
         chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n\
         uuid = {{ version = \"1\", features = [\"serde\"] }}\n"
    )
}

fn write_workspace(root: &Path, workspace: &Path, pairs: &[Pair]) {
    let members: Vec<String> = pairs
        .iter()
        .flat_map(|pair| {
            ["w-{}-old", "w-{}-new", "c-{}-old", "c-{}-new"]
                .map(|pattern| format!("    \"{}\",\n", pattern.replace("{}", &pair.name)))
        })
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n\n[profile.dev.package.\"*\"]\ndebug = false\n",
        members.concat()
    );
    write_if_changed(&workspace.join("Cargo.toml"), &manifest);
    let lock = workspace.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), lock).unwrap();
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
