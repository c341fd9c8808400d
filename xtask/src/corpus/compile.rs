//! `corpus --compile N`: regenerates a deterministic sample of the generated clients into one throwaway
//! cargo workspace under `target/corpus/out/`, checks it in one cargo run (`cargo check` or clippy),
//! attributes each diagnostic to its crate, and appends the compile section of the report.
//! Fixing what it finds is left to `codegen`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::Instant;

use anyhow::{Context, Result};

use super::child::on_deep_stack;
use super::outcome::{Outcome, Record};
use super::report::TOP;

/// First error lines kept per failing crate.
const ERROR_LINES_PER_CRATE: usize = 4;

/// How the sample is compiled.
#[derive(Clone, Copy)]
pub(super) enum Checker {
    /// `cargo check`.
    Check,
    /// `cargo clippy -- -D warnings`.
    Clippy,
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

/// What cargo said about the whole sample.
#[derive(Default)]
struct CargoLog {
    /// Per package name.
    results: BTreeMap<String, CrateResult>,
    /// Errors that name no crate of the sample.
    unattributed: Vec<String>,
}

/// Writes and compiles a sample of `n_wanted` generated clients, appends its section to the report,
/// and returns how many failures the run should count.
pub(super) fn check_sample(
    root: &Path,
    out_dir: &Path,
    records: &[Record],
    n_wanted: usize,
    checker: Checker,
    report: &mut String,
) -> Result<usize> {
    let sample = write_sample(root, out_dir, records, n_wanted)?;
    let log = compile_sample(out_dir, &sample, checker)?;
    summarize_compile(report, &sample, &log, checker);
    let n_failures = log.results.values().filter(|result| result.failed).count();
    if log.results.is_empty() && !log.unattributed.is_empty() {
        // Cargo stopped before compiling any member (e.g. a bad manifest): count it as a failure.
        return Ok(1);
    }
    Ok(n_failures)
}

impl Checker {
    fn subcommand(self) -> &'static str {
        match self {
            Checker::Check => "check",
            Checker::Clippy => "clippy",
        }
    }

    fn command_line(self) -> &'static str {
        match self {
            Checker::Check => "cargo check",
            Checker::Clippy => "cargo clippy -- -D warnings",
        }
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
    let picked = generated.iter().step_by(step).take(n_wanted);
    clear_out_dir(out_dir)?;
    let mut sample: Vec<SampleCrate> = Vec::new();
    for record in picked {
        let mut dir = crate_dir_name(&record.name);
        if sample.iter().any(|krate| krate.dir == dir) {
            dir = format!("{dir}-{}", sample.len());
        }
        let package = format!("corpus-{dir}");
        let files = generate_files(record, &package)
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
    write_workspace(root, out_dir, &sample)?;
    Ok(sample)
}

/// Removes the crates of an earlier run; the shared `target/` is kept so dependencies stay built.
fn clear_out_dir(out_dir: &Path) -> Result<()> {
    fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    for entry in
        fs::read_dir(out_dir).with_context(|| format!("cannot list {}", out_dir.display()))?
    {
        let path = entry
            .with_context(|| format!("cannot list {}", out_dir.display()))?
            .path();
        let keep = path.file_name().is_some_and(|name| name == "target");
        if path.is_dir() && !keep {
            fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// The workspace manifest that holds the sample, and the project's lock file beside it.
fn write_workspace(root: &Path, out_dir: &Path, sample: &[SampleCrate]) -> Result<()> {
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
    Ok(())
}

/// Generates one document under the given crate name.
fn generate_files(record: &Record, package: &str) -> Result<codegen::Files> {
    let (path, name, package) = (record.path.clone(), record.name.clone(), package.to_owned());
    on_deep_stack(move || -> Result<codegen::Files> {
        let document = codegen::load_document(&path)?;
        let config = codegen::Config {
            crate_name: package,
            spec_label: name,
            ..Default::default()
        };
        Ok(codegen::generate(&document, &config)?.files)
    })?
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
        if character.is_ascii_alphanumeric() {
            dir.push(character.to_ascii_lowercase());
        } else if !dir.ends_with('-') {
            dir.push('-');
        }
    }
    dir.trim_matches('-').to_owned()
}

/// Checks the whole sample in one cargo run and attributes each diagnostic to its crate.
fn compile_sample(out_dir: &Path, sample: &[SampleCrate], checker: Checker) -> Result<CargoLog> {
    let log_path = out_dir.join("cargo.log");
    let log_file = fs::File::create(&log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let subcommand = checker.subcommand();
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
        .stderr(log_file);
    if let Checker::Clippy = checker {
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
    let mut log = attribute_log(&text, sample);
    if cargo_failed_silently(status, &log) {
        log.unattributed.push(format!(
            "cargo {subcommand} failed ({status}); see {}",
            log_path.display()
        ));
    }
    Ok(log)
}

/// Sorts cargo's short-format lines into the crates they name; the rest of the errors are unattributed.
fn attribute_log(text: &str, sample: &[SampleCrate]) -> CargoLog {
    let mut log = CargoLog::default();
    for line in text.lines() {
        let owner = sample
            .iter()
            .find(|krate| line.starts_with(&format!("{}/", krate.dir)));
        if let Some(krate) = owner {
            let result = log.results.entry(krate.package.clone()).or_default();
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
            log.results.entry(package.to_owned()).or_default().failed = true;
            continue;
        }
        let is_error = line.starts_with("error");
        if is_error && !line.starts_with("error: could not compile") {
            log.unattributed.push(line.to_owned());
        }
    }
    log
}

/// Cargo failed, yet the log names no failed crate and no error.
fn cargo_failed_silently(status: ExitStatus, log: &CargoLog) -> bool {
    !status.success()
        && log.results.values().all(|result| !result.failed)
        && log.unattributed.is_empty()
}

fn summarize_compile(
    report: &mut String,
    sample: &[SampleCrate],
    log: &CargoLog,
    checker: Checker,
) {
    let result_of = |krate: &SampleCrate| log.results.get(&krate.package);
    let failed: Vec<&SampleCrate> = sample
        .iter()
        .filter(|krate| result_of(krate).is_some_and(|result| result.failed))
        .collect();
    let n_with_warnings = sample
        .iter()
        .filter(|krate| result_of(krate).is_some_and(|result| result.n_warnings > 0))
        .count();
    let _ = writeln!(
        report,
        "\n-- compile: {} on {} sampled crates --",
        checker.command_line(),
        sample.len()
    );
    let _ = writeln!(
        report,
        "passed                    {:>6}",
        sample.len() - failed.len()
    );
    let _ = writeln!(report, "FAILED                    {:>6}", failed.len());
    let _ = writeln!(report, "crates with warnings      {n_with_warnings:>6}");
    write_error_groups(report, sample, log);
    for krate in failed {
        let Some(result) = result_of(krate) else {
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
    if !log.unattributed.is_empty() {
        let _ = writeln!(report, "\n-- cargo errors not attributed to a crate --");
        for line in log.unattributed.iter().take(TOP) {
            let _ = writeln!(report, "       {line}");
        }
    }
}

/// The same mistake tends to recur across crates: groups the errors by message, counting each crate once.
fn write_error_groups(report: &mut String, sample: &[SampleCrate], log: &CargoLog) {
    let mut by_message: BTreeMap<&str, (usize, Vec<&str>)> = BTreeMap::new();
    for krate in sample {
        let Some(result) = log.results.get(&krate.package) else {
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
    if by_message.is_empty() {
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_dirs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            crate_dir_name("adyen.com/CheckoutService-v71.json"),
            "adyen-com-checkoutservice-v71"
        );
        assert_eq!(crate_dir_name("_x__y.yml"), "x-y");
    }

    #[test]
    fn cargo_lines_are_attributed_to_their_crate() {
        let sample = [SampleCrate {
            dir: "a-com".into(),
            package: "corpus-a-com".into(),
            document: "a.com.json".into(),
        }];
        let text = "a-com/src/lib.rs:1:2: error[E0412]: cannot find type `X`\n\
                    a-com/src/lib.rs:3:4: warning: unused import\n\
                    error: could not compile `corpus-a-com` (lib) due to 1 previous error\n\
                    error: failed to load manifest for workspace member\n";
        let log = attribute_log(text, &sample);
        let result = &log.results["corpus-a-com"];
        assert!(result.failed);
        assert_eq!((result.n_errors, result.n_warnings), (1, 1));
        assert_eq!(
            result.error_messages,
            ["error[E0412]: cannot find type `X`"]
        );
        assert_eq!(
            log.unattributed,
            ["error: failed to load manifest for workspace member"]
        );
    }
}
