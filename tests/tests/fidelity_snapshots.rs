//! One small spec per lowering rule (`tests/fixtures/fidelity/*.yaml`): its IR, emitted code and
//! warnings are pinned by snapshots, and the committed fixture crate must be fresh.
//!
//! The fixture crates are dev-dependencies of this crate, so clippy proves they are warning-free
//! and `fidelity_roundtrip.rs` proves them on real JSON.

use insta::{assert_snapshot, assert_yaml_snapshot};

const FIXTURES: &str = "tests/fixtures/fidelity";

/// Generates `<rule>.yaml` as `cargo xtask fixtures` does, snapshots it, and checks the crate on disk.
fn check(rule: &str) {
    let root = integration_tests::workspace_root();
    let spec = format!("{FIXTURES}/{rule}.yaml");
    let config = codegen::Config {
        crate_name: format!("fidelity-{rule}"),
        spec_label: spec.clone(),
        runtime: codegen::RuntimeSource::Shared {
            path: String::from("../../../../../codegen/runtime/mod.rs"),
        },
        ..codegen::Config::default()
    };
    let document = codegen::load_document(&root.join(&spec)).expect("the fixture loads");
    let output = codegen::generate(&document, &config).expect("the fixture generates");

    assert_yaml_snapshot!(
        format!("{rule}_ir"),
        integration_tests::terse_ir(&output.api)
    );
    let warnings: Vec<String> = output
        .diagnostics
        .iter()
        .map(|diagnostic| format!("{}: {}", diagnostic.location.pointer, diagnostic.message))
        .collect();
    assert_yaml_snapshot!(format!("{rule}_warnings"), warnings);
    for (path, text) in &output.files {
        assert_snapshot!(format!("{rule}__{}", path.replace(['/', '.'], "_")), text);
    }

    let on_disk = codegen::read_output_dir(&root.join(FIXTURES).join(rule))
        .expect("the fixture crate is readable");
    let diffs = codegen::freshness::stale_diffs(&output.files, &on_disk);
    assert!(
        diffs.is_empty(),
        "{rule} fixture crate is stale; run `cargo xtask fixtures`:\n{}",
        diffs.concat()
    );
}

#[test]
fn objects() {
    check("objects");
}

#[test]
fn enums() {
    check("enums");
}

#[test]
fn aliases() {
    check("aliases");
}

#[test]
fn auth() {
    check("auth");
}

#[test]
fn collisions() {
    check("collisions");
}

#[test]
fn composition() {
    check("composition");
}

#[test]
fn shapes() {
    check("shapes");
}

#[test]
fn parameters() {
    check("parameters");
}

#[test]
fn responses() {
    check("responses");
}

#[test]
fn fallbacks() {
    check("fallbacks");
}

/// Every fixture spec has a test above; a new one cannot be forgotten.
#[test]
fn beside() {
    check("beside");
}

#[test]
fn pagination() {
    check("pagination");
}

#[test]
fn unions() {
    check("unions");
}

#[test]
fn wide() {
    check("wide");
}

#[test]
fn every_fixture_is_checked() {
    let dir = integration_tests::workspace_root().join(FIXTURES);
    let mut rules: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures directory")
        .filter_map(|entry| {
            entry
                .ok()?
                .path()
                .file_name()?
                .to_str()?
                .strip_suffix(".yaml")
                .map(str::to_owned)
        })
        .collect();
    rules.sort();
    let checked = [
        "aliases",
        "auth",
        "beside",
        "collisions",
        "composition",
        "enums",
        "fallbacks",
        "forms",
        "objects",
        "pagination",
        "parameters",
        "responses",
        "shapes",
        "unions",
        "validation",
        "wide",
    ];
    assert_eq!(rules, checked);
}

#[test]
fn forms() {
    check("forms");
}

#[test]
fn validation() {
    check("validation");
}
