//! `cargo xtask diff --verify`: builds both crates and asks a pinned cargo-semver-checks, installed
//! into `target/`, whether our verdict is large enough. Not part of CI: it installs a tool.
//!
//! Both crates get version 1.0.0 so the 0.x rule cannot hide a difference between a minor and
//! a major verdict; cargo-semver-checks is then run with our verdict as the release type and
//! fails when it finds a change that needs more.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use codegen::diff::{Impact, Report};

use super::Side;

/// The cargo-semver-checks release the cross-check uses.
pub const SEMVER_CHECKS_VERSION: &str = "0.51.0";

/// What the cross-check found.
pub struct Outcome {
    ours: Option<Impact>,
    agrees: bool,
    details: String,
}

impl Outcome {
    pub fn agrees(&self) -> bool {
        self.agrees
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ours = self.ours.map_or("none", Impact::as_str);
        if self.agrees {
            write!(
                f,
                "verify: cargo-semver-checks {SEMVER_CHECKS_VERSION} accepts a {ours} release"
            )
        } else {
            write!(
                f,
                "verify: cargo-semver-checks {SEMVER_CHECKS_VERSION} wants more than a {ours} release:\n{}",
                self.details
            )
        }
    }
}

/// Generates both crates under `target/diff-verify/`, installs the tool and runs it.
pub fn run(
    root: &Path,
    (old, new): (&Side, &Side),
    config: &codegen::Config,
    report: &Report,
) -> Result<Outcome> {
    let dir = root.join("target/diff-verify");
    let tool = install(root)?;
    let old_dir = write_crate(&dir.join("old"), old, config)?;
    let new_dir = write_crate(&dir.join("new"), new, config)?;
    let ours = report.verdict();
    let release_type = ours.unwrap_or(Impact::Patch).as_str();
    let output = Command::new(&tool)
        .args([
            "semver-checks",
            "check-release",
            "--release-type",
            release_type,
        ])
        .arg("--manifest-path")
        .arg(new_dir.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(&old_dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .context("cannot run cargo-semver-checks")?;
    Ok(Outcome {
        ours,
        agrees: output.status.success(),
        details: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    })
}

/// Installs the pinned cargo-semver-checks into `target/tools` unless it is there already.
fn install(root: &Path) -> Result<PathBuf> {
    let tools = root.join("target/tools");
    let binary = tools.join("bin/cargo-semver-checks");
    let version_ok = Command::new(&binary)
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|output| {
            String::from_utf8_lossy(&output.stdout).contains(SEMVER_CHECKS_VERSION)
        });
    if version_ok {
        return Ok(binary);
    }
    let status = Command::new("cargo")
        .args([
            "install",
            "--locked",
            "cargo-semver-checks",
            "--version",
            SEMVER_CHECKS_VERSION,
        ])
        .arg("--root")
        .arg(&tools)
        // Its own target directory, so the install never holds the workspace's build lock.
        .env("CARGO_TARGET_DIR", tools.join("build"))
        .status()
        .context("cannot run cargo install")?;
    if !status.success() {
        bail!("cargo install cargo-semver-checks {SEMVER_CHECKS_VERSION} failed");
    }
    Ok(binary)
}

/// Writes one side's crate at version 1.0.0, as a workspace of its own.
fn write_crate(dir: &Path, side: &Side, config: &codegen::Config) -> Result<PathBuf> {
    let output = codegen::generate(&side.document, config)?;
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    for (path, text) in &output.files {
        let text = match path.as_str() {
            "Cargo.toml" => format!(
                "{}\n[workspace]\n",
                text.replacen("version = \"0.1.0\"", "version = \"1.0.0\"", 1)
            ),
            _ => text.to_string(),
        };
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;
    }
    Ok(dir.to_path_buf())
}
