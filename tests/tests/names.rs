//! Method and type names a person would write, for documents without `x-fern-*`, and their
//! stability.
//!
//! Operations that would share a verb-derived name are named after their operationId without
//! the words their group already says; dotted schema names keep their shortest unique tail.
//! Adding an unrelated operation or schema must not rename anything, or the spec-diff command
//! would report false breaking changes.

const SPEC: &str = "tests/fixtures/names.yaml";
const SCHEMA_SPEC: &str = "tests/fixtures/schema-names.yaml";

/// `group.method` for every operation of `text`, in spec order.
fn method_names(text: &str) -> Vec<String> {
    let document =
        codegen::parse_document(SPEC.to_owned(), text.to_owned()).expect("the fixture parses");
    let output = codegen::generate(&document, &codegen::Config::default()).expect("it generates");
    output
        .api
        .operations()
        .iter()
        .map(|operation| format!("{}.{}", operation.group.join("."), operation.method_name))
        .collect()
}

/// The Rust name of every type `text` declares, sorted.
fn type_names(text: &str) -> Vec<String> {
    let document = codegen::parse_document(SCHEMA_SPEC.to_owned(), text.to_owned())
        .expect("the fixture parses");
    let output = codegen::generate(&document, &codegen::Config::default()).expect("it generates");
    let mut names: Vec<String> = output
        .api
        .types
        .iter()
        .map(|type_def| type_def.name.clone())
        .collect();
    names.sort();
    names
}

fn fixture() -> String {
    read(SPEC)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(integration_tests::workspace_root().join(path)).expect("the fixture")
}

/// The schema fixture with one more component, used by a new property of `Pod` so that it is
/// declared.
fn with_schema(name: &str) -> String {
    let schema = format!(
        "    {name}:\n      type: object\n      properties:\n        id: {{type: string}}\n"
    );
    let use_site = format!("        added: {{$ref: '#/components/schemas/{name}'}}\n");
    read(SCHEMA_SPEC)
        .replacen("  schemas:\n", &format!("  schemas:\n{schema}"), 1)
        .replacen(
            "    io.k8s.api.core.v1.Pod:\n      type: object\n      properties:\n",
            &format!(
                "    io.k8s.api.core.v1.Pod:\n      type: object\n      properties:\n{use_site}"
            ),
            1,
        )
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

#[test]
fn dotted_schema_names_keep_their_shortest_unique_tail() {
    assert_eq!(
        type_names(&read(SCHEMA_SPEC)),
        [
            "AppsV1Deployment",
            "DeploymentList",
            "DeploymentSpec",
            "ExtensionsV1beta1Deployment",
            "ObjectMeta",
            "Pod",
            "Status",
        ]
    );
}

#[test]
fn adding_an_unrelated_schema_renames_no_type() {
    let before = type_names(&read(SCHEMA_SPEC));

    let after = type_names(&with_schema("io.k8s.api.batch.v1.Job"));

    let mut expected = before.clone();
    expected.push("Job".to_owned());
    expected.sort();
    assert_eq!(after, expected);
}

#[test]
fn a_schema_with_the_same_tail_lengthens_only_the_names_it_collides_with() {
    let after = type_names(&with_schema("io.k8s.api.apps.v1beta2.DeploymentList"));

    assert_eq!(
        after,
        [
            "AppsV1Deployment",
            "AppsV1DeploymentList",
            "AppsV1beta2DeploymentList",
            "DeploymentSpec",
            "ExtensionsV1beta1Deployment",
            "ObjectMeta",
            "Pod",
            "Status",
        ]
    );
}
