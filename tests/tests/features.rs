//! Per-resource features: every top-level resource's feature compiles alone, with and without
//! `testing`, and so does the crate with none, all without a single warning (an unused model,
//! a `validate` nobody calls, an import left over). Run on the project's client and on the
//! fixtures with several top-level resources whose models cross between them.
//!
//! A nested cargo cannot share the outer build lock, so the checks use their own target
//! directory, `target/feature-check/`; dependencies are checked there once.

use std::path::{Path, PathBuf};
use std::process::Command;

use integration_tests::workspace_root;

#[test]
fn the_project_client_compiles_warning_free_per_feature() {
    check_every_feature("generated", &["resource-sharing"]);
}

#[test]
fn crossing_models_compile_warning_free_per_feature() {
    check_every_feature("tests/fixtures/fidelity/collisions", &[]);
    check_every_feature("tests/fixtures/fidelity/pagination", &[]);
    check_every_feature("tests/fixtures/fidelity/composition", &[]);
}

/// The program `cargo xtask bench --compile` builds to time what a resource's operations cost
/// where they are used: it must compile, warning-free, against the client with only that feature.
#[test]
fn a_program_sending_every_operation_of_a_resource_compiles_with_that_feature_alone() {
    let api = integration_tests::generate_project().api;
    let client = "cloudflare-resource-sharing";
    assert!(codegen::emit::program_using(&api, client, "no-such-resource").is_none());
    let program = codegen::emit::program_using(&api, client, "resource-sharing").unwrap();
    assert_eq!(
        program.operations, 14,
        "every operation, nested resources' included"
    );
    let dir = target_dir().join("program");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), &program.source).unwrap();
    let client_dir = workspace_root().join("generated");
    let client_manifest = std::fs::read_to_string(client_dir.join("Cargo.toml")).unwrap();
    let manifest = program.manifest(
        "program",
        &client_manifest,
        &client_dir.display().to_string(),
        true,
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    if let Some(problems) = check(&dir.join("Cargo.toml"), "") {
        panic!("the program does not compile warning-free:\n{problems}");
    }
}

/// Checks `crate_dir` with no feature, then each resource feature alone, each with and
/// without `testing`; `expected` (when not empty) is the exact list of resource features.
fn check_every_feature(crate_dir: &str, expected: &[&str]) {
    let root = workspace_root();
    let manifest = root.join(crate_dir).join("Cargo.toml");
    let features = resource_features(&manifest);
    assert!(
        features.len() > 1 || !expected.is_empty(),
        "{crate_dir} should have several resources"
    );
    if !expected.is_empty() {
        assert_eq!(features, expected, "{crate_dir}'s resource features");
    }
    let mut sets = vec![String::new(), "testing".to_owned()];
    for feature in &features {
        sets.push(feature.clone());
        sets.push(format!("{feature},testing"));
    }
    let problems: Vec<String> = sets
        .iter()
        .filter_map(|set| {
            check(&manifest, set).map(|output| format!("--features '{set}':\n{output}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{crate_dir} is not warning-free per feature:\n{}",
        problems.join("\n")
    );
}

/// The `[features]` of a generated crate other than `default` and `testing`.
fn resource_features(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let section = text
        .split("[features]")
        .nth(1)
        .expect("a generated crate has [features]");
    section
        .lines()
        .filter_map(|line| line.strip_suffix(" = []"))
        .filter(|name| *name != "testing")
        .map(str::to_owned)
        .collect()
}

/// `cargo check` of one feature set; the warnings and errors of the crate itself, if any.
fn check(manifest: &Path, features: &str) -> Option<String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .arg("--manifest-path")
        .arg(manifest)
        .args(["--no-default-features", "--features", features])
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let crate_dir = manifest.parent().unwrap();
    let diagnostics: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("warning") || line.contains("error"))
        .collect();
    match (output.status.success(), diagnostics.is_empty()) {
        (true, true) => None,
        (false, _) => Some(format!("failed in {}:\n{stderr}", crate_dir.display())),
        (true, false) => Some(diagnostics.join("\n")),
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("feature-check")
}
