//! `Outcome`: what happened to one document, and the one line of JSON in which a `corpus-child`
//! process reports it to the parent.
//! The line is the whole protocol between the two processes, so encoding and decoding live here side by side.
//! Running the child is left to `pool` and `child`; summarising outcomes, to `report`.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// What happened to one document.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub(super) enum Outcome {
    Generated(Generated),
    /// A version the generator does not read (Swagger 2.0, OpenAPI 3.1): expected.
    Unsupported {
        version: String,
    },
    /// A located error; `message` has the location stripped.
    Error {
        message: String,
    },
    Panic {
        message: String,
    },
    /// The generator ran longer than `--timeout` and was killed: a hang or a blow-up.
    Timeout {
        seconds: u64,
    },
    /// The generator process died without reporting (a stack overflow aborts, for one).
    Crash {
        message: String,
    },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Generated {
    pub n_operations: usize,
    pub n_types: usize,
    /// Schemas under `components/schemas`, to compare with `n_types` (inline types add to it).
    pub n_component_schemas: usize,
    /// Warning messages with their locations stripped.
    pub warnings: Vec<String>,
    /// Use sites that lowering turned into `serde_json::Value` with a reason.
    pub n_json_fallbacks: usize,
    /// Use sites the document itself asks to be any JSON (`{}`, `items: {}`, free-form
    /// objects): untyped by design, not a miss. Absent in lines from older children.
    #[serde(default)]
    pub n_json_requested: usize,
}

/// One document of the run and what happened to it.
pub(super) struct Record {
    /// Path inside the package's `api/` directory, e.g. `stripe.com.json`.
    pub name: String,
    pub path: PathBuf,
    pub outcome: Outcome,
    pub elapsed: Duration,
}

impl Outcome {
    /// Panics, timeouts and crashes: generator bugs, which fail the run.
    pub(super) fn is_failure(&self) -> bool {
        matches!(
            self,
            Outcome::Panic { .. } | Outcome::Timeout { .. } | Outcome::Crash { .. }
        )
    }

    /// The child's report: compact JSON escapes newlines and tabs, so it is always one line.
    pub(super) fn to_json_line(&self) -> Result<String> {
        serde_json::to_string(self).context("cannot encode the document's outcome as JSON")
    }

    /// Reads the stdout of a `corpus-child` process: `None` when it printed nothing,
    /// an error when it printed anything but exactly one outcome line.
    pub(super) fn from_child_stdout(stdout: &str) -> Result<Option<Outcome>> {
        let lines: Vec<&str> = stdout
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        let line = match lines.as_slice() {
            [] => return Ok(None),
            [line] => line,
            _ => bail!(
                "expected one outcome line from the generator process, got {}: {stdout}",
                lines.len()
            ),
        };
        serde_json::from_str(line)
            .map(Some)
            .with_context(|| format!("malformed outcome line from the generator process: {line}"))
    }
}

/// The short form printed by `--verbose` as each document finishes.
impl fmt::Display for Outcome {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Generated(generated) => write!(
                formatter,
                "generated ({} operations, {} types, {} warnings)",
                generated.n_operations,
                generated.n_types,
                generated.warnings.len()
            ),
            Outcome::Unsupported { version } => write!(formatter, "unsupported: {version}"),
            Outcome::Error { message } => write!(formatter, "error: {message}"),
            Outcome::Panic { message } => write!(formatter, "PANIC: {message}"),
            Outcome::Timeout { seconds } => write!(formatter, "TIMEOUT after {seconds}s"),
            Outcome::Crash { message } => write!(formatter, "CRASH: {message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(stdout: &str) -> String {
        match Outcome::from_child_stdout(stdout) {
            Ok(outcome) => format!("{outcome:?}"),
            Err(error) => format!("error: {error:#}"),
        }
    }

    fn generated() -> Outcome {
        Outcome::Generated(Generated {
            n_operations: 3,
            n_types: 5,
            n_component_schemas: 4,
            warnings: vec!["tab\there".into(), "two\nlines".into()],
            n_json_fallbacks: 1,
            n_json_requested: 3,
        })
    }

    #[test]
    fn every_outcome_survives_one_json_line() {
        let outcomes = [
            generated(),
            Outcome::Unsupported {
                version: "OpenAPI 3.1.0".into(),
            },
            Outcome::Error {
                message: "dangling `$ref`\r\n\tat #/paths".into(),
            },
            Outcome::Panic {
                message: "panicked at lower.rs:1:2:\nboom".into(),
            },
            Outcome::Timeout { seconds: 120 },
            Outcome::Crash {
                message: "died".into(),
            },
        ];
        for outcome in outcomes {
            let line = outcome.to_json_line().unwrap();
            assert!(!line.contains(['\n', '\r']), "{line}");
            let read = Outcome::from_child_stdout(&format!("{line}\n")).unwrap();
            assert_eq!(read, Some(outcome));
        }
    }

    #[test]
    fn the_line_names_the_outcome() {
        let line = Outcome::Timeout { seconds: 7 }.to_json_line().unwrap();
        assert_eq!(line, r#"{"outcome":"timeout","seconds":7}"#);
    }

    #[test]
    fn no_output_is_no_outcome() {
        assert_eq!(check(""), "None");
        assert_eq!(check("\n  \n"), "None");
    }

    #[test]
    fn a_malformed_number_is_an_error_not_zero() {
        let line = r#"{"outcome":"generated","n_operations":"3x","n_types":5,"n_component_schemas":4,"warnings":[],"n_json_fallbacks":0}"#;
        let message = check(line);
        assert!(
            message.starts_with("error: malformed outcome line from the generator process: {"),
            "{message}"
        );
        assert!(message.contains("invalid type: string \"3x\""), "{message}");
        let negative = line.replace(r#""3x""#, "-1");
        assert!(check(&negative).contains("invalid value: integer `-1`"));
    }

    #[test]
    fn a_missing_number_is_an_error_not_zero() {
        let message = check(r#"{"outcome":"generated","n_operations":3}"#);
        assert!(message.contains("missing field `n_types`"), "{message}");
    }

    #[test]
    fn a_line_that_is_not_an_outcome_is_an_error() {
        assert!(check("generated\t1\t2\t3\t4").contains("expected value at line 1 column 1"));
        assert!(check(r#"{"outcome":"exploded"}"#).contains("unknown variant `exploded`"));
        let message = check("{\"outcome\":\"timeout\",\"seconds\":1}\nstray\n");
        assert!(
            message
                .starts_with("error: expected one outcome line from the generator process, got 2"),
            "{message}"
        );
    }

    #[test]
    fn only_panics_timeouts_and_crashes_fail_the_run() {
        assert!(!generated().is_failure());
        assert!(!Outcome::Error {
            message: String::new()
        }
        .is_failure());
        assert!(Outcome::Timeout { seconds: 1 }.is_failure());
    }
}
