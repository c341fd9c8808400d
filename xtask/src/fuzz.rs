//! `fuzz`: a long mutation run of the generator, to find inputs that panic, abort, hang or fail
//! without saying where.
//!
//! Mutants come from `codegen/tests/fuzz/mutate.rs` and are judged by `codegen/tests/fuzz/oracle.rs`,
//! the same code as the short run in `cargo test -p codegen --test fuzz`, so a mutant index found
//! here replays there. Batches run in child processes (`fuzz --child`): an abort is recorded
//! against the mutant the child was on, and a mutant that runs past `--timeout` is killed and
//! recorded as a hang. Each distinct finding is minimized by deleting nodes while it still fails
//! the same way, and written to `target/fuzz/crashes/`. Fixing what it finds is left to `codegen`.

#[path = "../../codegen/tests/fuzz/mutate.rs"]
mod mutate;
#[path = "../../codegen/tests/fuzz/oracle.rs"]
mod oracle;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde_json::Value;

use oracle::Verdict;

/// Options of `cargo xtask fuzz`.
#[derive(clap::Args)]
pub struct FuzzOptions {
    /// How many mutants to run.
    #[arg(long, default_value_t = 1000)]
    pub iterations: u64,
    /// The run seed; with a mutant index it decides the mutant.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The first mutant index, to replay one finding: `--from IDX --iterations 1`.
    #[arg(long, default_value_t = 0)]
    pub from: u64,
    /// Kill a child after this many seconds on one document and record a hang.
    #[arg(long, default_value_t = 20)]
    pub timeout: u64,
    /// Cap each child's address space (MiB, 0 for none), so a blow-up aborts instead of swapping.
    #[arg(long, default_value_t = 4096)]
    pub max_memory_mb: u64,
    /// Child processes at once; defaults to the number of CPUs.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Also mutate a few small documents of `target/corpus/` (from `cargo xtask corpus`), if present.
    #[arg(long)]
    pub corpus: bool,
    /// Child runs of one finding's minimization, at most.
    #[arg(long, default_value_t = 1500)]
    pub minimize_budget: usize,
    /// Write the mutants to `target/fuzz/mutants/` instead of running them, to look at one.
    #[arg(long)]
    pub dump: bool,
    /// Internal: judge the mutants in this process and print one line each.
    #[arg(long, hide = true)]
    pub child: bool,
    /// Judge this one document (e.g. a crash fixture) in a child with the timeout, instead of mutants.
    #[arg(long)]
    pub one: Option<PathBuf>,
    /// Judge every mutant written as JSON and padded past 1 MB inside `paths`, as a large
    /// document is read: parsed in parts, and its path items that earlier mutants left in the
    /// index beside the item cache left unparsed (`load/unparsed.rs`). Slower: a megabyte more
    /// to read per run.
    #[arg(long)]
    pub padded: bool,
}

/// Where findings go, relative to the workspace root.
const CRASH_DIR: &str = "target/fuzz/crashes";
/// Where `--dump` writes mutants.
const MUTANT_DIR: &str = "target/fuzz/mutants";
/// Mutants per child process; a child that dies costs at most this many restarts of work.
const CHUNK: u64 = 250;
/// Cloning, printing and dropping a 4,000-level mutant recurses in serde (4 KiB a frame in debug):
/// that is the mutator's stack, so it gets plenty. Generation itself runs on `oracle::JUDGE_STACK`.
const WORKER_STACK: usize = 1024 * 1024 * 1024;

/// A mutant that hit a bug.
struct Finding {
    idx: u64,
    signature: String,
    message: String,
}

/// Everything one child process run reported.
#[derive(Default)]
struct ChildReport {
    /// Verdicts by task (mutant index or file), in the order they came.
    verdicts: Vec<(String, Verdict)>,
    /// The task the child was on when it died or was killed, with the bug that ended it.
    died_on: Option<(String, oracle::Bug)>,
}

pub fn run(root: &Path, options: &FuzzOptions) -> Result<ExitCode> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, || match options.child {
                true => run_child(root, options),
                false => run_parent(root, options),
            })
            .context("cannot start the fuzz thread")?
            .join()
            .map_err(|_| anyhow::anyhow!("the fuzz thread panicked"))?
    })
}

fn run_parent(root: &Path, options: &FuzzOptions) -> Result<ExitCode> {
    let seeds = mutate::load_seeds(root, options.corpus).map_err(anyhow::Error::msg)?;
    if options.dump {
        return dump(root, &seeds, options);
    }
    if let Some(path) = &options.one {
        return Ok(match one_signature(options, path) {
            Some(signature) => {
                println!("{}: bug: {signature}", path.display());
                ExitCode::FAILURE
            }
            None => {
                println!("{}: generated or refused with a place", path.display());
                ExitCode::SUCCESS
            }
        });
    }
    eprintln!(
        "==> fuzzing {} mutants of {} documents, seed {}, from mutant {}",
        options.iterations,
        seeds.len(),
        options.seed,
        options.from
    );
    let started = Instant::now();
    let (findings, counts) = run_mutants(options)?;
    let elapsed = started.elapsed();
    let by_signature = group_by_signature(findings);
    let crash_dir = root.join(CRASH_DIR);
    std::fs::create_dir_all(&crash_dir)
        .with_context(|| format!("cannot create {}", crash_dir.display()))?;
    let mut summary = String::new();
    for (signature, findings) in &by_signature {
        let (written, label) =
            write_minimized(&seeds, options, &crash_dir, signature, &findings[0])?;
        let indices: Vec<String> = findings
            .iter()
            .map(|finding| finding.idx.to_string())
            .collect();
        let _ = writeln!(
            summary,
            "{signature}\t{} mutants\t{}\t{}\tfirst: {}\tall: {}",
            findings.len(),
            written.display(),
            findings[0].message,
            label,
            indices.join(",")
        );
    }
    std::fs::write(crash_dir.join("summary.tsv"), &summary)
        .with_context(|| format!("cannot write {}", crash_dir.join("summary.tsv").display()))?;
    print!("{summary}");
    println!(
        "{} mutants in {:.1?} ({:.0}/s): {counts:?}; {} distinct findings in {}",
        options.iterations,
        elapsed,
        options.iterations as f64 / elapsed.as_secs_f64().max(1e-9),
        by_signature.len(),
        crash_dir.display()
    );
    Ok(match by_signature.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    })
}

/// Writes each mutant to `target/fuzz/mutants/<idx>.<json|yaml>`, its label on stdout.
fn dump(root: &Path, seeds: &[mutate::Seed], options: &FuzzOptions) -> Result<ExitCode> {
    let dir = root.join(MUTANT_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for idx in options.from..options.from + options.iterations {
        let mutant = mutate::mutant(seeds, options.seed, idx);
        let extension = mutant.file.rsplit('.').next().unwrap_or("yaml");
        let path = dir.join(format!("{idx}.{extension}"));
        std::fs::write(&path, &mutant.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}\t{}", path.display(), mutant.label);
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs every mutant in chunks over `--jobs` worker threads, each driving child processes.
fn run_mutants(options: &FuzzOptions) -> Result<(Vec<Finding>, BTreeMap<String, usize>)> {
    let exe = std::env::current_exe().context("cannot find the xtask executable")?;
    let end = options.from + options.iterations;
    let chunks: Vec<(u64, u64)> = (options.from..end)
        .step_by(CHUNK as usize)
        .map(|start| (start, (start + CHUNK).min(end)))
        .collect();
    let n_jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let next_chunk = std::sync::atomic::AtomicUsize::new(0);
    let reports: Vec<Result<Vec<(u64, Verdict)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..n_jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut verdicts = Vec::new();
                    loop {
                        let chunk_idx =
                            next_chunk.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&(start, stop)) = chunks.get(chunk_idx) else {
                            return Ok(verdicts);
                        };
                        verdicts.extend(run_chunk(&exe, options, start, stop)?);
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a fuzz worker panicked")))
            })
            .collect()
    });
    let mut verdicts = Vec::new();
    for report in reports {
        verdicts.extend(report?);
    }
    verdicts.sort_by_key(|(idx, _)| *idx);
    Ok(tally(verdicts))
}

/// Mutants `start..stop` in as many children as it takes: after a death or a hang the next child
/// starts after the mutant that caused it.
fn run_chunk(
    exe: &Path,
    options: &FuzzOptions,
    start: u64,
    stop: u64,
) -> Result<Vec<(u64, Verdict)>> {
    let mut verdicts = Vec::new();
    let mut next = start;
    while next < stop {
        let mut command = child_command(exe, options);
        command.args([
            "--from",
            &next.to_string(),
            "--iterations",
            &(stop - next).to_string(),
        ]);
        let report = run_child_process(command, Duration::from_secs(options.timeout))?;
        for (task, verdict) in report.verdicts {
            let idx: u64 = task.parse().context("a child printed a bad mutant index")?;
            verdicts.push((idx, verdict));
            next = idx + 1;
        }
        if let Some((task, bug)) = report.died_on {
            let idx: u64 = task.parse().unwrap_or(next);
            verdicts.push((idx, Verdict::Bug(bug)));
            next = idx + 1;
        }
    }
    Ok(verdicts)
}

/// Counts verdicts and turns bugs into findings.
fn tally(verdicts: Vec<(u64, Verdict)>) -> (Vec<Finding>, BTreeMap<String, usize>) {
    let mut counts = BTreeMap::new();
    let mut findings = Vec::new();
    for (idx, verdict) in verdicts {
        let kind = match verdict {
            Verdict::Generated => "generated",
            Verdict::Rejected => "rejected",
            Verdict::Bug(bug) => {
                findings.push(Finding {
                    idx,
                    signature: bug.signature,
                    message: bug.message,
                });
                "bug"
            }
        };
        *counts.entry(kind.to_owned()).or_insert(0) += 1;
    }
    (findings, counts)
}

fn group_by_signature(findings: Vec<Finding>) -> BTreeMap<String, Vec<Finding>> {
    let mut groups: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for finding in findings {
        groups
            .entry(finding.signature.clone())
            .or_default()
            .push(finding);
    }
    groups
}

/// `xtask fuzz --child …` with the run's seed options, verifying stand-ins, under `ulimit -v`
/// when asked.
fn child_command(exe: &Path, options: &FuzzOptions) -> Command {
    let mut command = crate::process::capped_command(exe, options.max_memory_mb);
    command.args(["fuzz", "--child", "--seed", &options.seed.to_string()]);
    // What is printed apart from prettyplease, and every piece the memo serves, is checked as
    // the debug build `cargo xtask generate` runs checks it: without this, a printer that broke
    // a deeply indented line unlike prettyplease (a panic in that build) went unseen.
    command.env("CODEGEN_VERIFY_STAND_INS", "1");
    if options.corpus {
        command.arg("--corpus");
    }
    if options.padded {
        command.arg("--padded");
    }
    command
}

/// Runs one child and reads its lines as they come; a task running past `timeout` is a hang.
fn run_child_process(mut command: Command, timeout: Duration) -> Result<ChildReport> {
    let mut child = command
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start a fuzz child process")?;
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    });
    let (sender, lines) = mpsc::channel();
    if let Some(stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
    }
    let mut report = ChildReport::default();
    let mut current: Option<String> = None;
    loop {
        match lines.recv_timeout(timeout) {
            Ok(line) => read_child_line(&line, &mut current, &mut report),
            Err(RecvTimeoutError::Timeout) => {
                kill(&mut child);
                let task = current.take().unwrap_or_default();
                let message = format!("still running after {}s; killed", timeout.as_secs());
                report.died_on = Some((task, bug("timeout", message)));
                return Ok(report);
            }
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    let status = child.wait().context("cannot wait for a fuzz child")?;
    let stderr = stderr
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    if let Some(task) = current {
        report.died_on = Some((task, crash_bug(&status.to_string(), &stderr)));
    }
    Ok(report)
}

/// `begin TASK` marks what the child is on; `verdict TASK …` ends it.
fn read_child_line(line: &str, current: &mut Option<String>, report: &mut ChildReport) {
    let mut fields = line.splitn(3, '\t');
    match (fields.next(), fields.next(), fields.next()) {
        (Some("begin"), Some(task), _) => *current = Some(task.to_owned()),
        (Some("verdict"), Some(task), Some(verdict)) => {
            *current = None;
            report
                .verdicts
                .push((task.to_owned(), parse_verdict(verdict)));
        }
        _ => {}
    }
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// A child that died without a verdict: name the stack overflow, which is the usual cause.
fn crash_bug(status: &str, stderr: &str) -> oracle::Bug {
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    let signature = match stderr.contains("overflowed its stack") {
        true => "stack overflow",
        false => "crash",
    };
    bug(
        signature,
        format!("child died ({status}): {}", tail.join(" | ")),
    )
}

fn bug(signature: &str, message: String) -> oracle::Bug {
    oracle::Bug {
        signature: signature.to_owned(),
        message,
    }
}

/// The child side: judges mutants `--from..--from+--iterations` (or the `--one` file) and prints
/// `begin` and `verdict` lines. Its streamed runs format from item caches that earlier mutants
/// left (`oracle::keep_item_caches_in`), under `target/fuzz/`, deleted when it ends.
fn run_child(root: &Path, options: &FuzzOptions) -> Result<ExitCode> {
    oracle::install_panic_hook();
    let caches = format!("target/fuzz/items-{}", std::process::id());
    oracle::keep_item_caches_in(root.join(caches));
    let exit = judge_in_child(root, options);
    oracle::forget_item_caches();
    exit
}

/// Judges what `run_child` was given.
fn judge_in_child(root: &Path, options: &FuzzOptions) -> Result<ExitCode> {
    if let Some(path) = &options.one {
        println!("begin\tone");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let file = path.display().to_string();
        let verdict = oracle::judge(&file, &padded_if(options, &file, text));
        println!("verdict\tone\t{}", verdict_line(&verdict));
        return Ok(ExitCode::SUCCESS);
    }
    let seeds = mutate::load_seeds(root, options.corpus).map_err(anyhow::Error::msg)?;
    for idx in options.from..options.from + options.iterations {
        println!("begin\t{idx}");
        let mutant = mutate::mutant(&seeds, options.seed, idx);
        let text = padded_if(options, &mutant.file, mutant.text);
        let verdict = oracle::judge(&mutant.file, &text);
        println!("verdict\t{idx}\t{}", verdict_line(&verdict));
    }
    Ok(ExitCode::SUCCESS)
}

/// `text`, padded past 1 MB if `--padded` says so and it reads as a document.
fn padded_if(options: &FuzzOptions, file: &str, text: String) -> String {
    match options.padded {
        true => oracle::padded(file, &text).unwrap_or(text),
        false => text,
    }
}

fn verdict_line(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Generated => "generated".into(),
        Verdict::Rejected => "rejected".into(),
        Verdict::Bug(bug) => format!(
            "bug\t{}\t{}",
            bug.signature,
            bug.message.replace(['\t', '\n'], " ")
        ),
    }
}

fn parse_verdict(line: &str) -> Verdict {
    let mut fields = line.splitn(3, '\t');
    match (fields.next(), fields.next(), fields.next()) {
        (Some("generated"), ..) => Verdict::Generated,
        (Some("rejected"), ..) => Verdict::Rejected,
        (_, signature, message) => Verdict::Bug(bug(
            signature.unwrap_or("unreadable verdict"),
            message.unwrap_or(line).to_owned(),
        )),
    }
}

/// Minimizes the finding (unless it is a hang, where each try costs the timeout) and writes it;
/// returns where, and the mutant's label (seed document and mutations).
fn write_minimized(
    seeds: &[mutate::Seed],
    options: &FuzzOptions,
    crash_dir: &Path,
    signature: &str,
    finding: &Finding,
) -> Result<(PathBuf, String)> {
    let mutant = mutate::mutant(seeds, options.seed, finding.idx);
    let is_json = mutant.file.ends_with(".json");
    let document: Value = match is_json {
        true => serde_json::from_str(&mutant.text).unwrap_or(Value::Null),
        false => serde_yaml::from_str(&mutant.text).unwrap_or(Value::Null),
    };
    let slug: String = signature
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() {
            true => c.to_ascii_lowercase(),
            false => '-',
        })
        .collect();
    let extension = if is_json { "json" } else { "yaml" };
    let path = crash_dir.join(format!(
        "{}-{}.{extension}",
        slug.trim_matches('-'),
        finding.idx
    ));
    let minimized = match signature == "timeout" || document.is_null() {
        true => document,
        false => {
            let scratch = crash_dir.join(format!("candidate.{extension}"));
            let still_fails = |candidate: &Value| -> bool {
                let text = mutate::render(candidate, is_json);
                std::fs::write(&scratch, text).is_ok()
                    && one_signature(options, &scratch).as_deref() == Some(signature)
            };
            let minimized = minimize(document, still_fails, options.minimize_budget);
            let _ = std::fs::remove_file(&scratch);
            minimized
        }
    };
    let text = match minimized.is_null() {
        true => mutant.text.clone(),
        false => mutate::render(&minimized, is_json),
    };
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("==> {signature}: {} ({})", path.display(), mutant.label);
    Ok((path, mutant.label))
}

/// Judges one file in a child; the bug's signature, or `None` when it generated or was refused.
fn one_signature(options: &FuzzOptions, path: &Path) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let mut command = child_command(&exe, options);
    command.arg("--one").arg(path);
    let report = run_child_process(command, Duration::from_secs(options.timeout)).ok()?;
    if let Some((_, bug)) = report.died_on {
        return Some(bug.signature);
    }
    match report.verdicts.into_iter().next() {
        Some((_, Verdict::Bug(bug))) => Some(bug.signature),
        _ => None,
    }
}

/// Greedy delete-node minimization: walks the tree parents first and drops each node whose
/// removal keeps the failure; a node that cannot go is replaced by its only child if that keeps it
/// (which unwraps deep nesting). Stops after `budget` tries.
fn minimize(
    mut document: Value,
    mut still_fails: impl FnMut(&Value) -> bool,
    budget: usize,
) -> Value {
    let mut n_tries = 0;
    let mut position = 1;
    while n_tries < budget {
        let paths = mutate::node_paths(&document);
        let Some(path) = paths.get(position) else {
            break;
        };
        let mut candidate = document.clone();
        mutate::remove(&mut candidate, path);
        n_tries += 1;
        if still_fails(&candidate) {
            document = candidate;
            continue;
        }
        if let Some(candidate) = hoist_only_child(&document, path) {
            n_tries += 1;
            if still_fails(&candidate) {
                document = candidate;
                continue;
            }
        }
        position += 1;
    }
    document
}

/// The document with the node at `path` replaced by its only child, if it has exactly one.
fn hoist_only_child(document: &Value, path: &[mutate::Step]) -> Option<Value> {
    let only_child = match mutate::get(document, path)? {
        Value::Object(map) if map.len() == 1 => map.values().next()?.clone(),
        Value::Array(items) if items.len() == 1 => items[0].clone(),
        _ => return None,
    };
    if !(only_child.is_object() || only_child.is_array()) {
        return None;
    }
    let mut candidate = document.clone();
    *mutate::get_mut(&mut candidate, path)? = only_child;
    Some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimization_keeps_only_what_the_failure_needs() {
        let document = serde_json::json!({
            "openapi": "3.0.3",
            "paths": {"/a": {"get": {"responses": {}}}},
            "components": {"schemas": {"A": {"allOf": [{"allOf": [{"allOf": [{"needle": 1}]}]}]}}},
        });
        let contains_needle = |candidate: &Value| candidate.to_string().contains("needle");
        let minimized = minimize(document, contains_needle, 1_000);
        assert_eq!(minimized.to_string(), r#"{"components":{"needle":1}}"#);
    }

    #[test]
    fn mutants_are_a_function_of_seed_and_index() {
        let root = crate::workspace_root();
        let seeds = mutate::load_seeds(&root, false).unwrap();
        let first = mutate::mutant(&seeds, 7, 42);
        assert_eq!(first.text, mutate::mutant(&seeds, 7, 42).text);
        assert_ne!(first.text, mutate::mutant(&seeds, 7, 43).text);
    }
}
