//! `test`: the one command that runs every test on a fresh machine.
//!
//! It installs what the tests need from the package registries — Prism (npm, pinned by
//! `tests/prism/package-lock.json`) and the OpenAPI validator (PyPI, pinned in the script) —
//! validates `spec/`, then runs `cargo test --workspace`.

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

pub fn run_all(root: &Path) -> Result<ExitCode> {
    let prism_dir = root.join("tests/prism");
    if prism_dir.join("package.json").exists() {
        step(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&prism_dir),
            "install Prism with npm",
        )?;
    }
    step(
        Command::new("bash")
            .arg(root.join("scripts/validate-spec.sh"))
            .current_dir(root),
        "validate spec/ with openapi-spec-validator",
    )?;
    let status = Command::new(env!("CARGO"))
        .args(["test", "--workspace"])
        .current_dir(root)
        .status()
        .context("cannot run cargo test")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn step(command: &mut Command, what: &str) -> Result<()> {
    eprintln!("==> {what}");
    let status = command.status().with_context(|| format!("cannot {what}"))?;
    if !status.success() {
        bail!("failed to {what} ({status})");
    }
    Ok(())
}
