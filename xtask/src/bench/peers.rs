//! `cargo xtask bench --peers`: the same measurements for other generators, so the figures have
//! something to be compared with. Not run by CI.
//!
//! Each peer is pinned and installed once with `cargo install` into `target/peers/`, then reused.
//! Generation runs each peer on the same documents as ours, one child process per run, median of
//! the runs (`median_of`). A peer is timed from outside, so its figure includes process start
//! and exit (a few milliseconds ours does not count), and its peak memory comes from GNU
//! `time`'s `%M`. With `--compile`, the crate each peer makes for a `--compile` document is
//! checked and built alone, exactly as `compile.rs` times ours, and set beside our all-features
//! figures. A peer that fails shows as failed with its first error line; the bench goes on.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use super::compile::{self, CompileDocument, CompileRow};
use super::{median_of, ChildFigures};

/// The address-space cap of a peer's run, so a runaway peer aborts instead of starving the
/// machine; well above the 6 GiB openapi-to-rust peaks at on Graph beta.
const MAX_MEMORY_MB: u64 = 12 * 1024;

/// A peer's generation run is abandoned after this long.
const TIMEOUT_S: u64 = 900;

/// The client's package name in a peer's throwaway workspace, where we write its manifest.
const PACKAGE: &str = "bench-peer-client";

/// A peer generator, pinned.
pub(super) struct Peer {
    /// The crate, which is also the binary's name.
    name: &'static str,
    version: &'static str,
    output: Output,
}

/// What a peer writes, which decides how its output becomes a crate to compile.
#[derive(Clone, Copy)]
enum Output {
    /// A whole crate named after its directory (`oas3-gen generate client-mod --workspace`).
    Crate,
    /// A module directory and `REQUIRED_DEPS.toml`, its `[dependencies]`
    /// (`openapi-to-rust generate`); we wrap it in a crate.
    Module,
}

/// A peer whose binary is installed.
pub(super) struct Installed {
    peer: &'static Peer,
    binary: PathBuf,
}

/// One peer's generation figures for one document.
#[derive(Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub(super) enum PeerGeneration {
    Generated {
        peer: &'static str,
        ms: f64,
        peak_mib: f64,
    },
    Failed {
        peer: &'static str,
        error: String,
    },
}

/// One peer's compile figures for one document and cargo command, beside ours.
#[derive(Debug, Serialize)]
pub(super) struct PeerCompileRow {
    document: String,
    peer: &'static str,
    command: &'static str,
    /// Ours, every resource feature (the default build).
    ours_s: f64,
    ours_cpu_s: f64,
    /// The peer's crate, or why it did not compile.
    peer_figures: Result<(f64, f64), String>,
}

/// The peers: oas3-gen is the fastest at generating, openapi-to-rust the one the issue compares
/// compile time with.
const PEERS: &[Peer] = &[
    Peer {
        name: "oas3-gen",
        version: "0.29.0",
        output: Output::Crate,
    },
    Peer {
        name: "openapi-to-rust",
        version: "0.23.0",
        output: Output::Module,
    },
];

/// Installs each peer that is not installed yet; one that will not install is left out, with a
/// message, so the others are still measured.
pub(super) fn install(target: &Path) -> Vec<Installed> {
    let root = target.join("peers");
    let mut installed = Vec::new();
    for peer in PEERS {
        let binary = root.join("bin").join(peer.name);
        if !binary.is_file() {
            if let Err(error) = install_peer(peer, &root) {
                eprintln!("skipped {}: {error:#}", peer.name);
                continue;
            }
        }
        installed.push(Installed { peer, binary });
    }
    installed
}

/// Times each peer generating `document` into `out_dir/<peer>/<run>`, each run into a new
/// directory as ours (see `measure_generation` in `bench.rs`).
pub(super) fn measure_generation(
    peers: &[Installed],
    document: &Path,
    out_dir: &Path,
    runs: usize,
) -> Vec<PeerGeneration> {
    peers
        .iter()
        .map(|installed| {
            let peer = installed.peer.name;
            let mut run = 0;
            let mut next_out = || {
                run += 1;
                out_dir.join(peer).join(run.to_string())
            };
            match median_of(runs, || generate_once(installed, document, &next_out())) {
                Ok(figures) => PeerGeneration::Generated {
                    peer,
                    ms: figures.millis,
                    peak_mib: figures.peak_kib as f64 / 1024.0,
                },
                Err(error) => PeerGeneration::Failed {
                    peer,
                    error: format!("{error:#}"),
                },
            }
        })
        .collect()
}

/// The peers' cells of a generation row: time, peak and time over ours, or the failure.
pub(super) fn generation_cells(peers: &[PeerGeneration], ours_ms: f64) -> String {
    let cells: Vec<String> = peers
        .iter()
        .map(|generation| match generation {
            PeerGeneration::Generated { peer, ms, peak_mib } => format!(
                "{peer} {ms:.0} ms {peak_mib:.0} MiB (ours / {peer} {:.2})",
                ours_ms / ms
            ),
            PeerGeneration::Failed { peer, error } => format!("{peer} failed: {error}"),
        })
        .collect();
    cells.join("; ")
}

/// Generates each `--compile` document with each peer and times `cargo check` and a dev
/// `cargo build` of that crate alone, beside our all-features row for the same command.
pub(super) fn measure_compile(
    peers: &[Installed],
    documents: &[CompileDocument],
    ours: &[CompileRow],
    target: &Path,
) -> Vec<PeerCompileRow> {
    let mut rows = Vec::new();
    for document in documents {
        for installed in peers {
            let dir = target
                .join("bench/compile")
                .join(format!("{}-{}", document.slug, installed.peer.name));
            // The client's package name, or why there is nothing to time.
            let mut package = write_workspace(installed, &document.path, &dir)
                .map_err(|error| format!("{error:#}"));
            for command in ["check", "build"] {
                let Some(ours) = ours
                    .iter()
                    .find(|row| row.document == document.name && row.command == command)
                else {
                    continue;
                };
                // A crate that does not check will not build either: skip building its
                // dependencies for nothing.
                let peer_figures = match &package {
                    Ok(package) => {
                        time_peer_crate(&dir, document.name, installed, package, command)
                    }
                    Err(error) => Err(error.clone()),
                };
                if let Err(error) = &peer_figures {
                    package = Err(error.clone());
                }
                let row = PeerCompileRow {
                    document: document.name.to_owned(),
                    peer: installed.peer.name,
                    command,
                    ours_s: ours.all_s,
                    ours_cpu_s: ours.all_cpu_s,
                    peer_figures,
                };
                print_compile(std::iter::once(&row));
                rows.push(row);
            }
            // The peer's build is only needed for its figures; disk is not free.
            let _ = fs::remove_dir_all(dir.join("target"));
        }
    }
    rows
}

pub(super) fn print_compile<'a>(rows: impl Iterator<Item = &'a PeerCompileRow>) {
    for row in rows {
        let peer = match &row.peer_figures {
            Ok((wall_s, cpu_s)) => format!(
                "{wall_s:>7.1} s ({cpu_s:>6.1} s CPU)  ours / peer {:.2} (CPU {:.2})",
                row.ours_s / wall_s,
                row.ours_cpu_s / cpu_s
            ),
            Err(error) => format!("failed: {error}"),
        };
        println!(
            "{:<24} {:<5}  ours {:>7.1} s ({:>6.1} s CPU)  {:<16} {peer}",
            row.document, row.command, row.ours_s, row.ours_cpu_s, row.peer
        );
    }
}

/// `cargo install --locked`, and without `--locked` if the pinned lock file does not build on
/// this toolchain.
fn install_peer(peer: &Peer, root: &Path) -> Result<()> {
    for locked in [true, false] {
        eprintln!(
            "==> cargo install {}@{}{}",
            peer.name,
            peer.version,
            if locked { " --locked" } else { "" }
        );
        let mut command = Command::new(env!("CARGO"));
        command
            .args(["install", "--version", peer.version, peer.name, "--root"])
            .arg(root)
            // Build in cargo's temporary directory, which it deletes, not in our target.
            .env_remove("CARGO_TARGET_DIR");
        // A dependency's own `rust-toolchain.toml` (convert_case 0.10 pins 1.83) would make
        // rustup's `rustc` look for that toolchain; the rustc beside our cargo is the one.
        let rustc = Path::new(env!("CARGO")).with_file_name("rustc");
        if rustc.is_file() {
            command.env("RUSTC", rustc);
        }
        if locked {
            command.arg("--locked");
        }
        if command
            .status()
            .context("cannot run cargo install")?
            .success()
        {
            return Ok(());
        }
    }
    bail!("cargo install {}@{} failed", peer.name, peer.version)
}

/// The peer's command line that generates `document` into `out`.
fn generate_command(installed: &Installed, document: &Path, out: &Path) -> Command {
    let mut command = crate::process::capped_command(Path::new("/usr/bin/time"), MAX_MEMORY_MB);
    command
        .args(["-f", "peak_kib %M", "timeout", &TIMEOUT_S.to_string()])
        .arg(&installed.binary);
    match installed.peer.output {
        Output::Crate => command
            .args(["generate", "client-mod", "--workspace", "--quiet", "-i"])
            .arg(document)
            .arg("-o")
            .arg(out),
        Output::Module => command
            .args(["generate", "--quiet"])
            .arg(document)
            .arg("--output-dir")
            .arg(out.join("src/generated")),
    };
    command
}

/// One timed run of a peer, into `out`, emptied first if it exists.
fn generate_once(installed: &Installed, document: &Path, out: &Path) -> Result<ChildFigures> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out)?;
    let mut command = generate_command(installed, document, out);
    command.current_dir(out);
    let started = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("cannot start {}", installed.peer.name))?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout);
        bail!("{}", first_error_line(&stderr, &stdout));
    }
    let peak_kib = stderr
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("peak_kib "))
        .context("GNU time printed no peak")?
        .trim()
        .parse()?;
    Ok(ChildFigures {
        millis,
        peak_kib,
        stages: Vec::new(),
    })
}

/// The first line that says what went wrong, skipping what `time` and `timeout` add.
fn first_error_line(stderr: &str, stdout: &str) -> String {
    let exit_line = stderr.lines().find(|line| {
        line.starts_with("Command exited with") || line.starts_with("Command terminated")
    });
    let line = stderr
        .lines()
        .chain(stdout.lines())
        .map(str::trim)
        .find(|line| {
            !line.is_empty()
                && !line.starts_with("peak_kib ")
                && !line.starts_with("Command exited with")
                && !line.starts_with("Command terminated")
        });
    match (line, exit_line) {
        (Some(line), _) => line.to_owned(),
        // timeout(1) exits with 124 and prints nothing.
        (None, Some(exit)) if exit.ends_with(" 124") => format!("timed out after {TIMEOUT_S} s"),
        (None, Some(exit)) => exit.to_owned(),
        (None, None) => String::from("failed without a message"),
    }
}

/// Generates `document` with the peer into `dir/client` beside a `deps-only` crate with the same
/// dependencies; returns the client's package name.
fn write_workspace(installed: &Installed, document: &Path, dir: &Path) -> Result<String> {
    let client = dir.join("client");
    let figures = generate_once(installed, document, &client)?;
    eprintln!(
        "==> {} generated {} in {:.1} s",
        installed.peer.name,
        document.display(),
        figures.millis / 1000.0
    );
    let (package, manifest) = match installed.peer.output {
        Output::Crate => {
            // Kept as the peer wrote it: its edition and features are part of what is measured.
            let manifest = fs::read_to_string(client.join("Cargo.toml"))?;
            (String::from("client"), manifest)
        }
        Output::Module => {
            let required = fs::read_to_string(client.join("src/generated/REQUIRED_DEPS.toml"))?;
            let dependencies = compile::dependencies_of(&required)?;
            let manifest = format!(
                "[package]\nname = \"{PACKAGE}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]{dependencies}"
            );
            fs::write(client.join("Cargo.toml"), &manifest)?;
            // The peer's lints are not what is measured.
            fs::write(
                client.join("src/lib.rs"),
                "#![allow(warnings)]\npub mod generated;\n",
            )?;
            (PACKAGE.to_owned(), manifest)
        }
    };
    compile::write_deps_crate(dir, compile::dependencies_of(&manifest)?)?;
    Ok(package)
}

/// Builds the peer's dependencies, then times its crate: wall and CPU seconds.
fn time_peer_crate(
    dir: &Path,
    name: &str,
    installed: &Installed,
    package: &str,
    command: &str,
) -> Result<(f64, f64), String> {
    let label = format!("{name} ({})", installed.peer.name);
    compile::build_deps(dir, &label, command)
        .and_then(|()| compile::time_crate(dir, &label, command, package, &[]))
        .map(|timing| (timing.wall_s, timing.cpu_s))
        .map_err(|error| format!("{error:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_line_skips_what_time_adds() {
        let stderr = "\nError: No such file or directory (os error 2)\n\nStack backtrace:\nCommand exited with non-zero status 1\npeak_kib 1544\n";
        assert_eq!(
            first_error_line(stderr, ""),
            "Error: No such file or directory (os error 2)"
        );
    }

    #[test]
    fn first_error_line_names_a_timeout() {
        let stderr = "Command exited with non-zero status 124\npeak_kib 1544\n";
        assert_eq!(
            first_error_line(stderr, ""),
            format!("timed out after {TIMEOUT_S} s")
        );
    }

    #[test]
    fn first_error_line_falls_back_to_stdout() {
        let stderr = "Command exited with non-zero status 2\npeak_kib 900\n";
        assert_eq!(
            first_error_line(stderr, "error: bad spec\n"),
            "error: bad spec"
        );
    }
}
