//! Client overhead in instructions: `tests/benches/client_instructions.rs` runs one side of one
//! pair under callgrind, which counts what its `measured` function executes. Two runs with
//! different iteration counts cancel what a run does once (the server, the runtime, the first
//! allocations), and the difference per iteration is one call's work.
//!
//! Criterion's means on this shared 2-core host move by more than the 1.05× target from one run
//! to the next (the same code measured 0.78 to 1.35×); a count of instructions does not move at
//! all (the same run twice agrees to a few thousand instructions in millions). Time stays the
//! figure the target names; the count says whether a miss is the host or the code. valgrind
//! is optional: without it the bench says so and prints the times alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde::Serialize;

/// One pair's instructions per call.
#[derive(Debug, Serialize)]
pub struct InstructionRow {
    pub benchmark: String,
    pub ours: u64,
    pub baseline: u64,
    pub ratio: f64,
}

/// Every pair counted, or `None` when valgrind is not installed.
pub fn measure(root: &Path) -> Result<Option<Vec<InstructionRow>>> {
    let has_valgrind = Command::new("valgrind")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !has_valgrind {
        println!("valgrind is not installed: client overhead is timed only, not counted");
        return Ok(None);
    }
    let harness = build_harness(root)?;
    super::CLIENT_PAIRS
        .iter()
        .map(|pair| {
            let ours = per_call(&harness, pair.harness, "ours", pair.iterations)?;
            let baseline = per_call(&harness, pair.harness, "baseline", pair.iterations)?;
            Ok(InstructionRow {
                benchmark: pair.group.to_owned(),
                ours,
                baseline,
                ratio: ours as f64 / baseline as f64,
            })
        })
        .collect::<Result<_>>()
        .map(Some)
}

pub fn print(rows: &[InstructionRow]) {
    for row in rows {
        println!(
            "{:<32} ours {:>11} baseline {:>11} ratio {:.3}",
            row.benchmark, row.ours, row.baseline, row.ratio
        );
    }
}

/// Builds the harness and returns its executable, which cargo names in its JSON messages.
fn build_harness(root: &Path) -> Result<PathBuf> {
    let output = super::cargo_bench(root, "client_instructions")
        .args(["--no-run", "--message-format=json"])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo bench")?;
    if !output.status.success() {
        bail!("cargo bench --bench client_instructions --no-run failed");
    }
    executable(&String::from_utf8_lossy(&output.stdout))
        .context("cargo named no executable for the client_instructions bench")
}

/// The executable of the `client_instructions` target in cargo's JSON messages.
fn executable(messages: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "client_instructions")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
}

/// Instructions per call of one side of one pair: the difference between two runs.
fn per_call(harness: &Path, pair: &str, side: &str, [fewer, more]: [u64; 2]) -> Result<u64> {
    let counted = |iterations: u64| counted(harness, pair, side, iterations);
    let (fewer_count, more_count) = (counted(fewer)?, counted(more)?);
    let extra = more_count
        .checked_sub(fewer_count)
        .with_context(|| format!("{pair} {side}: more iterations counted fewer instructions"))?;
    Ok(extra / (more - fewer))
}

/// What `measured` executed in one run of the harness.
fn counted(harness: &Path, pair: &str, side: &str, iterations: u64) -> Result<u64> {
    let output = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=*client_instructions::measured*",
        ])
        .arg(harness)
        .args([pair, side, &iterations.to_string()])
        .stdout(Stdio::null())
        .output()
        .context("cannot run valgrind")?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("the harness failed under valgrind ({pair} {side}):\n{stderr}");
    }
    collected(&stderr).with_context(|| format!("callgrind reported no count:\n{stderr}"))
}

/// The count in callgrind's `==pid== Collected : N` line.
fn collected(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .find_map(|line| line.split_once("Collected :"))
        .and_then(|(_, count)| count.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_callgrinds_count_and_cargos_executable() {
        let stderr = "==7== Events    : Ir\n==7== Collected : 306754028\n==7== \n";
        assert_eq!(collected(stderr), Some(306_754_028));
        assert_eq!(collected("==7== I refs: 1\n"), None);
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"name":"shares"},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"client_instructions"},"#,
            r#""executable":"/t/release/deps/client_instructions-1"}"#,
            "\n",
        );
        assert_eq!(
            executable(messages),
            Some(PathBuf::from("/t/release/deps/client_instructions-1"))
        );
    }
}
