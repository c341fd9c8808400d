//! Pins the IR and every emitted file of the project's client, so each generator change shows
//! up as a reviewable snapshot diff.

use insta::{assert_snapshot, assert_yaml_snapshot};

#[test]
fn ir() {
    let output = integration_tests::generate_project();
    assert_yaml_snapshot!(
        "resource_sharing_ir",
        integration_tests::terse_ir(&output.api)
    );
}

#[test]
fn emitted_files() {
    let output = integration_tests::generate_project();
    // The runtime is copied verbatim from `codegen/runtime/`, which is its own source of truth.
    for (path, text) in output
        .files
        .iter()
        .filter(|(path, _)| !path.starts_with("src/runtime/"))
    {
        let name = format!("resource_sharing__{}", path.replace(['/', '.'], "_"));
        assert_snapshot!(name, text);
    }
}
