//! The generation report: counts of outcomes, the most common errors and warnings, every panic,
//! timeout and crash, and the documents with the most fallbacks, types and time; and `results.tsv`,
//! one line per document for grepping.
//! Producing the outcomes is left to `pool`, and the compile sample's section of the report to `compile`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use super::fetch::PACKAGE;
use super::outcome::{Generated, Outcome, Record};

/// How many entries each "top" list shows.
pub(super) const TOP: usize = 15;

/// What the generation report counts, gathered in one pass over the records.
#[derive(Debug, Default, PartialEq)]
struct Tally<'a> {
    n_generated: usize,
    n_warnings: usize,
    n_documents_with_warnings: usize,
    n_fallbacks: usize,
    n_documents_with_fallbacks: usize,
    n_requested: usize,
    n_documents_with_requested: usize,
    n_types: usize,
    n_component_schemas: usize,
    n_panics: usize,
    n_timeouts: usize,
    n_crashes: usize,
    /// Documents per unsupported version.
    unsupported: BTreeMap<&'a str, usize>,
    /// Documents per error message.
    errors: BTreeMap<&'a str, Vec<&'a str>>,
    /// Panics, timeouts and crashes with their messages, in document order.
    failures: Vec<(&'a Path, String)>,
    /// Per warning message: its occurrences, and the documents it occurs in.
    warnings: BTreeMap<&'a str, (usize, Vec<&'a str>)>,
}

/// One line per document, for grepping: name, outcome, detail.
pub(super) fn write_results_file(path: &Path, records: &[Record]) -> Result<()> {
    fs::write(path, results_tsv(records))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Appends the generation part of the report.
pub(super) fn summarize_generation(report: &mut String, records: &[Record], elapsed: Duration) {
    let tally = tally(records);
    write_counts(report, &tally, records.len(), elapsed);
    write_errors(report, &tally);
    write_failures(report, &tally);
    write_warnings(report, &tally);
    write_top_documents(report, records);
}

impl<'a> Tally<'a> {
    fn add_generated(&mut self, name: &'a str, generated: &'a Generated) {
        self.n_generated += 1;
        self.n_warnings += generated.warnings.len();
        self.n_documents_with_warnings += usize::from(!generated.warnings.is_empty());
        self.n_fallbacks += generated.n_json_fallbacks;
        self.n_documents_with_fallbacks += usize::from(generated.n_json_fallbacks > 0);
        self.n_requested += generated.n_json_requested;
        self.n_documents_with_requested += usize::from(generated.n_json_requested > 0);
        self.n_types += generated.n_types;
        self.n_component_schemas += generated.n_component_schemas;
        let mut seen_here: Vec<&str> = Vec::new();
        for warning in &generated.warnings {
            let entry = self.warnings.entry(warning.as_str()).or_default();
            entry.0 += 1;
            if !seen_here.contains(&warning.as_str()) {
                seen_here.push(warning.as_str());
                entry.1.push(name);
            }
        }
    }
}

fn tally(records: &[Record]) -> Tally<'_> {
    let mut tally = Tally::default();
    for record in records {
        let path = record.path.as_path();
        match &record.outcome {
            Outcome::Generated(generated) => tally.add_generated(&record.name, generated),
            Outcome::Unsupported { version } => *tally.unsupported.entry(version).or_default() += 1,
            Outcome::Error { message } => {
                tally.errors.entry(message).or_default().push(&record.name)
            }
            Outcome::Panic { message } => {
                tally.n_panics += 1;
                tally.failures.push((path, message.clone()));
            }
            Outcome::Timeout { seconds } => {
                tally.n_timeouts += 1;
                tally
                    .failures
                    .push((path, format!("TIMEOUT: killed after {seconds}s")));
            }
            Outcome::Crash { message } => {
                tally.n_crashes += 1;
                tally.failures.push((path, format!("CRASH: {message}")));
            }
        }
    }
    tally
}

fn write_counts(report: &mut String, tally: &Tally, n_documents: usize, elapsed: Duration) {
    let n_unsupported: usize = tally.unsupported.values().sum();
    let n_errors: usize = tally.errors.values().map(Vec::len).sum();
    let _ = writeln!(report, "\n== corpus: {PACKAGE} ==");
    let _ = writeln!(report, "documents                 {n_documents:>6}");
    for (version, count) in &tally.unsupported {
        let _ = writeln!(report, "  unsupported {version:<13} {count:>6}  (expected)");
    }
    let lines = [
        ("OpenAPI 3.0 documents     ", n_documents - n_unsupported),
        ("  generated               ", tally.n_generated),
        ("  errors                  ", n_errors),
        ("  PANICS                  ", tally.n_panics),
        ("  TIMEOUTS                ", tally.n_timeouts),
        ("  CRASHES                 ", tally.n_crashes),
    ];
    for (label, count) in lines {
        let _ = writeln!(report, "{label}{count:>6}");
    }
    let _ = writeln!(
        report,
        "warnings                  {:>6}  (in {} documents)",
        tally.n_warnings, tally.n_documents_with_warnings
    );
    let _ = writeln!(
        report,
        "untyped JSON requested    {:>6}  (in {} documents; `{{}}` and free-form objects)",
        tally.n_requested, tally.n_documents_with_requested
    );
    let _ = writeln!(
        report,
        "untyped JSON fallbacks    {:>6}  (in {} documents; schemas the generator could not model)",
        tally.n_fallbacks, tally.n_documents_with_fallbacks
    );
    let _ = writeln!(
        report,
        "types declared            {:>6}  (component schemas: {})",
        tally.n_types, tally.n_component_schemas
    );
    let _ = writeln!(report, "generation time           {elapsed:>6.1?}");
}

fn write_errors(report: &mut String, tally: &Tally) {
    let mut errors: Vec<(&str, &Vec<&str>)> = tally
        .errors
        .iter()
        .map(|(message, names)| (*message, names))
        .collect();
    errors.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let _ = writeln!(
        report,
        "\n-- errors: top {TOP} of {} distinct messages (count, message, first document) --",
        errors.len()
    );
    for (message, names) in errors.iter().take(TOP) {
        let _ = writeln!(
            report,
            "{:>5}  {message}\n       e.g. {}",
            names.len(),
            names[0]
        );
    }
}

fn write_failures(report: &mut String, tally: &Tally) {
    let _ = writeln!(
        report,
        "\n-- panics, timeouts and crashes: {} --",
        tally.failures.len()
    );
    for (path, message) in &tally.failures {
        let _ = writeln!(
            report,
            "{}\n       {}",
            path.display(),
            message.replace('\n', "\n       ")
        );
    }
}

fn write_warnings(report: &mut String, tally: &Tally) {
    let mut warnings: Vec<(&str, &(usize, Vec<&str>))> = tally
        .warnings
        .iter()
        .map(|(message, counts)| (*message, counts))
        .collect();
    warnings.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let _ = writeln!(
        report,
        "\n-- warnings: top {TOP} of {} distinct messages (count, documents, message) --",
        warnings.len()
    );
    for (message, (count, names)) in warnings.iter().take(TOP) {
        let examples: Vec<&str> = names.iter().take(3).copied().collect();
        let _ = writeln!(
            report,
            "{count:>6} {:>5}  {message}\n             e.g. {}",
            names.len(),
            examples.join(", ")
        );
    }
}

/// The five documents with the most fallbacks, with the most types beyond their schemas, and the slowest.
fn write_top_documents(report: &mut String, records: &[Record]) {
    let generated: Vec<(&Record, &Generated)> = records
        .iter()
        .filter_map(|record| match &record.outcome {
            Outcome::Generated(generated) => Some((record, generated)),
            _ => None,
        })
        .collect();
    let mut by_fallbacks = generated.clone();
    by_fallbacks.retain(|(_, generated)| generated.n_json_fallbacks > 0);
    by_fallbacks.sort_by_key(|(_, generated)| std::cmp::Reverse(generated.n_json_fallbacks));
    let _ = writeln!(report, "\n-- most untyped JSON fallbacks --");
    for (record, generated) in by_fallbacks.iter().take(5) {
        let _ = writeln!(report, "{:>8}  {}", generated.n_json_fallbacks, record.name);
    }
    // Far more types than schemas means inline copies of named schemas.
    let mut by_types = generated;
    by_types.sort_by_key(|(_, generated)| {
        std::cmp::Reverse(
            generated
                .n_types
                .saturating_sub(generated.n_component_schemas),
        )
    });
    let _ = writeln!(
        report,
        "\n-- most types beyond the component schemas (types, components) --"
    );
    for (record, generated) in by_types.iter().take(5) {
        let _ = writeln!(
            report,
            "{:>8} {:>6}  {}",
            generated.n_types, generated.n_component_schemas, record.name
        );
    }
    let mut slowest: Vec<&Record> = records.iter().collect();
    slowest.sort_by_key(|record| std::cmp::Reverse(record.elapsed));
    let _ = writeln!(report, "\n-- slowest documents --");
    for record in slowest.iter().take(5) {
        let _ = writeln!(report, "{:>8.2?}  {}", record.elapsed, record.name);
    }
}

fn results_tsv(records: &[Record]) -> String {
    let mut text = String::from("document\toutcome\tmillis\tdetail\n");
    for record in records {
        let (kind, detail) = match &record.outcome {
            Outcome::Generated(generated) => (
                "generated",
                format!(
                    "{} operations, {} types ({} component schemas), {} warnings, {} json fallbacks, {} json requested",
                    generated.n_operations,
                    generated.n_types,
                    generated.n_component_schemas,
                    generated.warnings.len(),
                    generated.n_json_fallbacks,
                    generated.n_json_requested
                ),
            ),
            Outcome::Unsupported { version } => ("unsupported", version.clone()),
            Outcome::Error { message } => ("error", message.clone()),
            Outcome::Panic { message } => ("panic", message.clone()),
            Outcome::Timeout { seconds } => ("timeout", format!("killed after {seconds}s")),
            Outcome::Crash { message } => ("crash", message.clone()),
        };
        let detail = detail.replace(['\t', '\n'], " ");
        let _ = writeln!(
            text,
            "{}\t{kind}\t{}\t{detail}",
            record.name,
            record.elapsed.as_millis()
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn record(name: &str, millis: u64, outcome: Outcome) -> Record {
        Record {
            name: name.to_owned(),
            path: PathBuf::from("api").join(name),
            outcome,
            elapsed: Duration::from_millis(millis),
        }
    }

    fn generated(n_types: usize, warnings: &[&str], n_json_fallbacks: usize) -> Outcome {
        Outcome::Generated(Generated {
            n_operations: 2,
            n_types,
            n_component_schemas: 1,
            warnings: warnings
                .iter()
                .map(|warning| (*warning).to_owned())
                .collect(),
            n_json_fallbacks,
            n_json_requested: n_types,
        })
    }

    fn message(text: &str) -> String {
        text.to_owned()
    }

    /// One document of every kind, two generated ones with warnings, two sharing an error.
    fn records() -> Vec<Record> {
        vec![
            record("a.json", 30, generated(4, &["w1", "w1", "w2"], 2)),
            record("b.yaml", 10, generated(1, &["w1"], 0)),
            record("c.json", 5, generated(1, &[], 1)),
            record(
                "d.json",
                1,
                Outcome::Unsupported {
                    version: message("Swagger 2.0"),
                },
            ),
            record(
                "e.json",
                2,
                Outcome::Unsupported {
                    version: message("Swagger 2.0"),
                },
            ),
            record(
                "f.json",
                3,
                Outcome::Error {
                    message: message("bad ref"),
                },
            ),
            record(
                "g.json",
                4,
                Outcome::Error {
                    message: message("bad ref"),
                },
            ),
            record(
                "h.json",
                50,
                Outcome::Panic {
                    message: message("boom\nhere"),
                },
            ),
            record("i.json", 60, Outcome::Timeout { seconds: 9 }),
            record(
                "j.json",
                7,
                Outcome::Crash {
                    message: message("abort"),
                },
            ),
        ]
    }

    #[test]
    fn the_tally_counts_each_kind_of_outcome() {
        let records = records();
        let tally = tally(&records);
        assert_eq!(
            (
                tally.n_generated,
                tally.n_panics,
                tally.n_timeouts,
                tally.n_crashes
            ),
            (3, 1, 1, 1)
        );
        assert_eq!((tally.n_warnings, tally.n_documents_with_warnings), (4, 2));
        assert_eq!(
            (tally.n_fallbacks, tally.n_documents_with_fallbacks),
            (3, 2)
        );
        assert_eq!((tally.n_types, tally.n_component_schemas), (6, 3));
        assert_eq!(tally.unsupported, BTreeMap::from([("Swagger 2.0", 2)]));
        assert_eq!(
            tally.errors,
            BTreeMap::from([("bad ref", vec!["f.json", "g.json"])])
        );
        // A warning counts every occurrence, but names each document once.
        assert_eq!(tally.warnings["w1"], (3, vec!["a.json", "b.yaml"]));
        assert_eq!(tally.warnings["w2"], (1, vec!["a.json"]));
        let failures: Vec<String> = tally
            .failures
            .iter()
            .map(|(path, message)| format!("{} {message}", path.display()))
            .collect();
        assert_eq!(
            failures,
            [
                "api/h.json boom\nhere",
                "api/i.json TIMEOUT: killed after 9s",
                "api/j.json CRASH: abort"
            ]
        );
    }

    #[test]
    fn the_report_prints_counts_and_top_lists() {
        let mut report = String::new();
        summarize_generation(&mut report, &records(), Duration::from_millis(1500));
        let expected_lines = [
            "documents                     10",
            "  unsupported Swagger 2.0        2  (expected)",
            "OpenAPI 3.0 documents          8",
            "  generated                    3",
            "  errors                       2",
            "  PANICS                       1",
            "  TIMEOUTS                     1",
            "  CRASHES                      1",
            "warnings                       4  (in 2 documents)",
            "untyped JSON requested         6  (in 3 documents; `{}` and free-form objects)",
            "untyped JSON fallbacks         3  (in 2 documents; schemas the generator could not model)",
            "types declared                 6  (component schemas: 3)",
            "generation time             1.5s",
            "    2  bad ref\n       e.g. f.json",
            "-- panics, timeouts and crashes: 3 --\napi/h.json\n       boom\n       here\n",
            "     3     2  w1\n             e.g. a.json, b.yaml",
            "-- most untyped JSON fallbacks --\n       2  a.json\n       1  c.json\n",
            "       4      1  a.json\n",
            "-- slowest documents --\n 60.00ms  i.json\n 50.00ms  h.json\n",
        ];
        for expected in expected_lines {
            assert!(report.contains(expected), "{expected:?} not in\n{report}");
        }
    }

    #[test]
    fn results_have_one_line_per_document_without_tabs_or_newlines_in_details() {
        let tsv = results_tsv(&records()[..8]);
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), 9);
        assert_eq!(
            lines[1],
            "a.json\tgenerated\t30\t2 operations, 4 types (1 component schemas), 3 warnings, 2 json fallbacks, 4 json requested"
        );
        assert_eq!(lines[8], "h.json\tpanic\t50\tboom here");
    }
}
