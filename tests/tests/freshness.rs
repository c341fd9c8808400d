//! `generated/` must be exactly what the generator makes from `spec/` today.
//!
//! Same comparison as `cargo xtask generate --check` (`codegen::freshness`).

#[test]
fn generated_crate_is_fresh() {
    let output = integration_tests::generate_project();
    let on_disk = codegen::read_output_dir(&integration_tests::workspace_root().join("generated"))
        .expect("generated/ is readable");
    let diffs = codegen::freshness::stale_diffs(&output.files, &on_disk);
    assert!(
        diffs.is_empty(),
        "generated/ is stale; run `cargo xtask generate`:\n{}",
        diffs.concat()
    );
}

#[test]
fn generation_is_deterministic() {
    let first = integration_tests::generate_project();
    let second = integration_tests::generate_project();
    assert_eq!(first.files, second.files);
}

/// The first run fills the item cache and the second formats from it; both must give exactly
/// what formatting everything gives.
#[test]
fn the_item_cache_changes_no_output() {
    let uncached = integration_tests::generate_project();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cache = dir.path().join("items");
    for run in ["filling", "reading"] {
        let cached = integration_tests::generate_project_with(|config| {
            config.item_cache = Some(cache.clone());
        });
        assert!(cache.is_file(), "the {run} run left no cache");
        assert_eq!(cached.files, uncached.files, "the {run} run differs");
    }
}

#[test]
fn the_spec_generates_without_warnings() {
    let output = integration_tests::generate_project();
    let warnings: Vec<String> = output.diagnostics.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}
