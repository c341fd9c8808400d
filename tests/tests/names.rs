//! Method names a person would write, for documents without `x-fern-*`, and their stability.
//!
//! Operations that would share a verb-derived name are named after their operationId without
//! the words their group already says; adding an unrelated operation must not rename anything,
//! or the spec-diff command would report false breaking changes.

const SPEC: &str = "tests/fixtures/names.yaml";

/// `group.method` for every operation of `text`, in spec order.
fn method_names(text: &str) -> Vec<String> {
    let document =
        codegen::parse_document(SPEC.to_owned(), text.to_owned()).expect("the fixture parses");
    let output = codegen::generate(&document, &codegen::Config::default()).expect("it generates");
    output
        .api
        .operations
        .iter()
        .map(|operation| format!("{}.{}", operation.group.join("."), operation.method_name))
        .collect()
}

fn fixture() -> String {
    std::fs::read_to_string(integration_tests::workspace_root().join(SPEC)).expect("the fixture")
}

#[test]
fn clashing_methods_drop_the_words_their_group_says() {
    assert_eq!(
        method_names(&fixture()),
        [
            "dns_records_for_a_zone.list",
            "dns_records_for_a_zone.create",
            "dns_records_for_a_zone.export",
            "dns_records_for_a_zone.import",
            "dns_records_for_a_zone.get",
            "dns_records_for_a_zone.delete",
        ]
    );
}

#[test]
fn adding_an_unrelated_operation_renames_nothing() {
    let before = method_names(&fixture());
    let unrelated = "  /zones/{zone_id}/settings:\n    get:\n      operationId: zone-settings-list\n      tags: [Zone Settings]\n      parameters:\n        - {name: zone_id, in: path, required: true, schema: {type: string}}\n      responses: {'204': {description: Listed.}}\n";
    let text = fixture().replacen("paths:\n", &format!("paths:\n{unrelated}"), 1);

    let after = method_names(&text);

    assert_eq!(after[0], "zone_settings.list");
    assert_eq!(after[1..], before[..]);
}
