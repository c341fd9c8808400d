//! The hidden `corpus-child` subcommand: generates one document in this process and prints its
//! `Outcome` as one JSON line, so that a hang or an abort is recorded against the document by the parent.
//! This module owns the subcommand's command line and the deep stack that generation needs (`compile` borrows it);
//! spawning children, timing them and reading their line is left to `pool`.

use std::ffi::OsString;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use codegen::ir::{Api, TypeRef};

use super::outcome::{Generated, Outcome};

/// The subcommand's name, as `main.rs` declares it and `pool` runs it.
pub const SUBCOMMAND: &str = "corpus-child";

/// Options of the hidden `cargo xtask corpus-child`, which `cargo xtask corpus` starts once per document.
#[derive(clap::Args)]
pub struct ChildOptions {
    /// The document to generate.
    pub path: PathBuf,
    /// The document's name inside the package, used as its spec label.
    #[arg(long)]
    pub label: String,
}

/// Stack of the thread that generates one document: lowering recurses over schemas.
const WORKER_STACK: usize = 256 * 1024 * 1024;

/// Generates one document and prints its outcome line on stdout.
pub fn run_child(options: &ChildOptions) -> Result<ExitCode> {
    // The default hook would print the panic; the outcome line carries it instead.
    panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
    }));
    let (path, label) = (options.path.clone(), options.label.clone());
    let outcome = on_deep_stack(move || generate_one(&label, &path))?;
    println!("{}", outcome.to_json_line()?);
    Ok(ExitCode::SUCCESS)
}

/// The arguments after the executable that make it run [`run_child`] on one document.
pub(super) fn child_args(label: &str, path: &Path) -> Vec<OsString> {
    vec![
        SUBCOMMAND.into(),
        path.into(),
        "--label".into(),
        label.into(),
    ]
}

/// Runs `job` on a thread with room for deep schemas; a deep document must not overflow a small default stack.
pub(super) fn on_deep_stack<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(job)
        .context("cannot start the generator thread")?
        .join()
        .map_err(|_| anyhow!("the generator panicked"))
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn generate_one(name: &str, path: &Path) -> Outcome {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let document = codegen::load_document_streamed(path)?;
        let config = codegen::Config {
            crate_name: "corpus-client".into(),
            spec_label: name.to_owned(),
            ..Default::default()
        };
        let n_component_schemas = document.components.schema_names().count();
        codegen::generate(&document, &config).map(|output| (output, n_component_schemas))
    }));
    match result {
        Ok(Ok((output, n_component_schemas))) => Outcome::Generated(Generated {
            n_operations: output.api.operations().len(),
            n_types: output.api.types.len(),
            n_component_schemas,
            warnings: output
                .diagnostics
                .iter()
                .map(|diagnostic| diagnostic.message.clone())
                .collect(),
            n_json_fallbacks: count_json(&output.api).fallbacks,
            n_json_requested: count_json(&output.api).requested,
        }),
        Ok(Err(error)) => classify_error(error),
        Err(payload) => {
            let hooked = LAST_PANIC.with(|last| last.borrow_mut().take());
            let message = hooked.unwrap_or_else(|| panic_payload_text(payload.as_ref()));
            Outcome::Panic { message }
        }
    }
}

/// Splits off the version errors, which are expected, and strips the location from the rest.
fn classify_error(error: codegen::Error) -> Outcome {
    match error {
        codegen::Error::Invalid { location, .. } if location.pointer == "#/swagger" => {
            Outcome::Unsupported {
                version: "Swagger 2.0".into(),
            }
        }
        codegen::Error::Invalid { location, message }
            if location.pointer == "#/openapi" && message.starts_with("OpenAPI version ") =>
        {
            let version = message
                .trim_start_matches("OpenAPI version ")
                .split(' ')
                .next()
                .unwrap_or_default();
            Outcome::Unsupported {
                version: format!("OpenAPI {version}"),
            }
        }
        codegen::Error::Invalid { message, .. } => Outcome::Error { message },
        codegen::Error::Emit { file, message } => {
            // Resource files are named after the document's resources; one name groups them in the report.
            let file = if file.starts_with("src/resources/") {
                "src/resources/…"
            } else {
                file.as_str()
            };
            Outcome::Error {
                message: format!("internal error while emitting {file}: {message}"),
            }
        }
        codegen::Error::Read { source, .. } => Outcome::Error {
            message: format!("cannot read the document: {source}"),
        },
        codegen::Error::Config { message, .. } => Outcome::Error {
            message: format!("invalid generator configuration: {message}"),
        },
    }
}

fn panic_payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(text), _) => (*text).to_owned(),
        (None, Some(text)) => text.clone(),
        (None, None) => "(panic payload is not a string)".to_owned(),
    }
}

/// Use sites of untyped JSON, told apart by who chose them.
struct JsonCounts {
    /// `TypeRef::Json { fallback: Some(_) }`: the generator could not model the schema.
    fallbacks: usize,
    /// Any value (`{}`) or any object (free-form `additionalProperties`): the document said so.
    requested: usize,
}

/// Counts every untyped JSON use site in the IR.
///
/// This is the corpus's only walk over type references.
fn count_json(api: &Api) -> JsonCounts {
    let mut counts = JsonCounts {
        fallbacks: 0,
        requested: 0,
    };
    api.walk_type_refs(&mut |ty| match ty {
        TypeRef::Json { fallback: Some(_) } => counts.fallbacks += 1,
        TypeRef::Json { fallback: None } | TypeRef::JsonObject => counts.requested += 1,
        _ => {}
    });
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, text: &str) -> Outcome {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        generate_one(name, &path)
    }

    #[test]
    fn the_fallbacks_fixture_counts_its_untyped_use_sites() {
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/fidelity/fallbacks.yaml");
        let Outcome::Generated(generated) = generate_one("fallbacks.yaml", &fixture) else {
            panic!("the fallbacks fixture does not generate");
        };
        // `not_a_string` and `strange`; `anything` is untyped on purpose and carries no reason.
        assert_eq!(generated.n_json_fallbacks, 2);
        assert!(
            generated.n_json_requested >= 1,
            "`anything` asks for any value"
        );
    }

    #[test]
    fn old_and_new_versions_are_unsupported_not_errors() {
        let swagger = check(
            "s.yaml",
            "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n",
        );
        assert_eq!(
            swagger,
            Outcome::Unsupported {
                version: "Swagger 2.0".into()
            }
        );
        let openapi_31 = check(
            "o.yaml",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
        );
        assert_eq!(
            openapi_31,
            Outcome::Unsupported {
                version: "OpenAPI 3.1.0".into()
            }
        );
    }

    #[test]
    fn a_broken_document_is_an_error_without_its_location() {
        let outcome = check(
            "b.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Missing'\n",
        );
        let Outcome::Error { message } = outcome else {
            panic!("expected an error, got {outcome:?}");
        };
        assert!(!message.contains("b.yaml"), "{message}");
    }
}
