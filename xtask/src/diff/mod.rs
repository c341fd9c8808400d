//! `cargo xtask diff`: what a document update does to the generated crate, with a semver verdict.
//!
//! It reads both sides (a path, or `git:REV` for the project's own document), lowers each with
//! `codegen`, asks `codegen::diff` for the judged changes, and prints them in one of three
//! formats. The judging is `codegen`'s; this module only reads files, formats and sets the
//! exit code. `--verify` (in `verify.rs`) cross-checks with cargo-semver-checks.

mod format;
mod verify;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use codegen::diff::{Impact, Report, Version};

pub use format::Format;

/// The flags of `cargo xtask diff`.
#[derive(Args, Debug)]
pub struct DiffOptions {
    /// The old document: a path, or `git:REV` for the project's document at that revision.
    #[arg(long, default_value = "git:HEAD")]
    pub old: String,
    /// The new document: a path, or `git:REV`.
    #[arg(long, default_value = DEFAULT_SPEC)]
    pub new: String,
    /// Generator configuration for both sides; defaults to spec/codegen.yaml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 2 when the verdict is at least this (whatever the 0.x rule does to the version).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// List documentation-only changes one by one in text output (they are counted otherwise).
    #[arg(long)]
    pub docs: bool,
    /// The crate's current version; defaults to the version in generated/Cargo.toml.
    #[arg(long)]
    pub current_version: Option<String>,
    /// Also build both crates and run a pinned cargo-semver-checks; fail if it wants a larger bump.
    #[arg(long)]
    pub verify: bool,
}

/// The verdict at which `--fail-on` fails.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Major,
    Minor,
}

/// What one side of the comparison is, for lowering and for messages.
pub struct Side {
    pub label: String,
    pub api: codegen::ir::Api,
    pub document: codegen::Document,
}

/// The project's own document, which `git:REV` reads.
pub const DEFAULT_SPEC: &str = "spec/resource-sharing.openapi.yaml";
const DEFAULT_CONFIG: &str = "spec/codegen.yaml";
const GENERATED_MANIFEST: &str = "generated/Cargo.toml";
/// `--fail-on` exits with this status, so CI can tell a verdict from an error (status 1).
const FAIL_ON_STATUS: u8 = 2;

/// Runs `cargo xtask diff`.
pub fn run(root: &Path, options: &DiffOptions) -> Result<ExitCode> {
    let config = read_config(root, options.config.as_deref())?;
    let old = read_side(root, &options.old, &config)?;
    let new = read_side(root, &options.new, &config)?;
    let report = codegen::diff::diff(&old.api, &new.api);
    let current = match &options.current_version {
        Some(text) => Version::parse(text)?,
        None => generated_version(root)?,
    };
    let view = format::View {
        old: &old.label,
        new: &new.label,
        report: &report,
        current,
        list_docs: options.docs,
    };
    print!("{}", format::render(&view, options.format)?);
    if options.verify {
        let outcome = verify::run(root, (&old, &new), &config, &report)?;
        eprintln!("{outcome}");
        if !outcome.agrees() {
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(exit_code(&report, options.fail_on))
}

/// One line for `cargo xtask generate`: the change from `old` to `new`, or `None` when the API
/// did not change.
pub fn summary_line(
    old: &codegen::ir::Api,
    new: &codegen::ir::Api,
    against: &str,
) -> Option<String> {
    let report = codegen::diff::diff(old, new);
    let verdict = report.verdict()?;
    let count = |impact| {
        report
            .api_changes()
            .filter(|change| change.impact() == impact)
            .count()
    };
    let n_docs = report.changes.len() - report.api_changes().count();
    let parts: Vec<String> = [
        (count(Impact::Major), "breaking change", "breaking changes"),
        (count(Impact::Minor), "addition", "additions"),
        (
            count(Impact::Patch),
            "patch-level change",
            "patch-level changes",
        ),
        (n_docs, "docs-only change", "docs-only changes"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    Some(format!(
        "API since {against}: {} ({verdict}); run `cargo xtask diff --old {against}` for details",
        parts.join(", ")
    ))
}

/// The lowered API of the project's document at `rev`, if git has it there.
pub fn api_at_revision(
    root: &Path,
    rev: &str,
    spec_label: &str,
    config: &codegen::Config,
) -> Option<codegen::ir::Api> {
    let text = git_show(root, rev, spec_label).ok()?;
    let document = codegen::parse_document(format!("git:{rev}:{spec_label}"), text).ok()?;
    codegen::lower::lower(&document, config)
        .ok()
        .map(|(api, _)| api)
}

/// Reads the generator configuration both sides are lowered with.
pub fn read_config(root: &Path, path: Option<&Path>) -> Result<codegen::Config> {
    let path = path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join(DEFAULT_CONFIG));
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut config = codegen::Config::from_yaml(&path.display().to_string(), &text)?;
    config.spec_label = String::from(DEFAULT_SPEC);
    Ok(config)
}

fn read_side(root: &Path, side: &str, config: &codegen::Config) -> Result<Side> {
    let document = match side.strip_prefix("git:") {
        Some(rev) => {
            let text = git_show(root, rev, DEFAULT_SPEC)?;
            codegen::parse_document(format!("{side}:{DEFAULT_SPEC}"), text)?
        }
        None => codegen::load_document(Path::new(side))?,
    };
    let (api, _diagnostics) = codegen::lower::lower(&document, config)?;
    Ok(Side {
        label: side.to_owned(),
        api,
        document,
    })
}

/// The text of `path` at `rev`, read with `git show`.
fn git_show(root: &Path, rev: &str, path: &str) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .arg("show")
        .arg(format!("{rev}:{path}"))
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "git show {rev}:{path} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("{rev}:{path} is not UTF-8"))
}

/// The `version = "…"` of the generated crate's manifest; 0.1.0 when there is none.
fn generated_version(root: &Path) -> Result<Version> {
    let manifest = match std::fs::read_to_string(root.join(GENERATED_MANIFEST)) {
        Ok(text) => text,
        Err(_) => return Ok(Version::new(0, 1, 0)),
    };
    let line = manifest.lines().find_map(|line| {
        line.strip_prefix("version").map(|rest| {
            rest.trim_start()
                .trim_start_matches('=')
                .trim()
                .trim_matches('"')
                .to_owned()
        })
    });
    match line {
        Some(text) => Ok(Version::parse(&text)?),
        None => Ok(Version::new(0, 1, 0)),
    }
}

fn exit_code(report: &Report, fail_on: Option<FailOn>) -> ExitCode {
    let threshold = match fail_on {
        None => return ExitCode::SUCCESS,
        Some(FailOn::Major) => Impact::Major,
        Some(FailOn::Minor) => Impact::Minor,
    };
    match report.verdict() {
        Some(verdict) if verdict >= threshold => ExitCode::from(FAIL_ON_STATUS),
        _ => ExitCode::SUCCESS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_with(verdict: Option<Impact>) -> Report {
        let old = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
        let new = match verdict {
            None => old.to_owned(),
            Some(Impact::Patch) => old.replace("version: '1'", "version: '2'"),
            Some(Impact::Minor) => old.replace(
                "paths: {}",
                "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}",
            ),
            Some(Impact::Major) => {
                old.replace("paths: {}", "paths: {}\nservers: [{url: 'https://x'}]")
            }
        };
        let lower = |text: &str| {
            let document = codegen::parse_document("t.yaml".into(), text.into()).unwrap();
            codegen::lower::lower(&document, &codegen::Config::default())
                .unwrap()
                .0
        };
        let report = codegen::diff::diff(&lower(old), &lower(&new));
        assert_eq!(report.verdict(), verdict);
        report
    }

    #[test]
    fn fail_on_sets_exit_status_2_at_or_above_the_threshold() {
        let failing = ExitCode::from(FAIL_ON_STATUS);
        let major = report_with(Some(Impact::Major));
        let minor = report_with(Some(Impact::Minor));
        let patch = report_with(Some(Impact::Patch));
        assert_eq!(exit_code(&major, Some(FailOn::Major)), failing);
        assert_eq!(exit_code(&minor, Some(FailOn::Major)), ExitCode::SUCCESS);
        assert_eq!(exit_code(&minor, Some(FailOn::Minor)), failing);
        assert_eq!(exit_code(&patch, Some(FailOn::Minor)), ExitCode::SUCCESS);
        assert_eq!(exit_code(&major, None), ExitCode::SUCCESS);
        assert_eq!(
            exit_code(&report_with(None), Some(FailOn::Minor)),
            ExitCode::SUCCESS
        );
    }
}
