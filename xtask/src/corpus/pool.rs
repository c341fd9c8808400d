//! Runs every document in its own `corpus-child` process, a few at a time, and collects one `Record`
//! per document in input order.
//! A child that runs past the timeout is killed and recorded as a timeout; one that dies without
//! reporting is recorded as a crash. A failure of the run itself (a child we cannot wait for, an
//! outcome line we cannot read) is an error, not a record.
//! What the child does is left to `child`.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::child;
use super::outcome::{Outcome, Record};

/// How many children run at once and what each may use before it is stopped.
pub(super) struct PoolConfig {
    pub n_jobs: usize,
    pub timeout: Duration,
    /// Address-space cap of each child in MiB; 0 for none.
    pub max_memory_mb: u64,
    /// Print every document's outcome as it finishes.
    pub verbose: bool,
}

/// Runs the generator on every document, each in a child process so that a hang or a stack
/// overflow is recorded against its document instead of stopping the run; records come back in input order.
pub(super) fn generate_all(
    documents: &[(String, PathBuf)],
    config: &PoolConfig,
) -> Result<Vec<Record>> {
    let exe = std::env::current_exe().context("cannot find the xtask executable")?;
    let next_idx = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, Result<Record>)>();
    let mut slots: Vec<Option<Record>> = documents.iter().map(|_| None).collect();
    let mut first_error = None;
    std::thread::scope(|scope| {
        for _ in 0..config.n_jobs.max(1) {
            let sender = sender.clone();
            let (next_idx, exe) = (&next_idx, &exe);
            scope.spawn(move || loop {
                let document_idx = next_idx.fetch_add(1, Ordering::Relaxed);
                let Some((name, path)) = documents.get(document_idx) else {
                    break;
                };
                let record = run_document(exe, name, path, config);
                if sender.send((document_idx, record)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (n_done, (document_idx, record)) in receiver.iter().enumerate() {
            match record {
                Ok(record) => slots[document_idx] = Some(record),
                Err(error) => {
                    first_error = Some(error);
                    break;
                }
            }
            if (n_done + 1) % 250 == 0 {
                eprintln!("    {}/{} documents", n_done + 1, documents.len());
            }
        }
        // Without a receiver every worker stops after its current document.
        drop(receiver);
    });
    if let Some(error) = first_error {
        return Err(error);
    }
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

/// Generates one document in a child process and times it.
fn run_document(exe: &Path, name: &str, path: &Path, config: &PoolConfig) -> Result<Record> {
    let started = Instant::now();
    let outcome =
        generate_in_child(exe, name, path, config).with_context(|| path.display().to_string())?;
    let record = Record {
        name: name.to_owned(),
        path: path.to_path_buf(),
        outcome,
        elapsed: started.elapsed(),
    };
    if config.verbose {
        eprintln!(
            "{:>8.2?} {}: {}",
            record.elapsed, record.name, record.outcome
        );
    }
    Ok(record)
}

/// Runs `cargo xtask corpus-child PATH` and reads its outcome line; kills it after the timeout.
fn generate_in_child(exe: &Path, name: &str, path: &Path, config: &PoolConfig) -> Result<Outcome> {
    let mut child = match child_command(exe, name, path, config.max_memory_mb).spawn() {
        Ok(child) => child,
        Err(error) => {
            return Ok(Outcome::Crash {
                message: format!("cannot start the generator process: {error}"),
            })
        }
    };
    // Read both pipes while waiting, so a chatty child never blocks on a full pipe.
    let stdout = child.stdout.take().map(read_in_background);
    let stderr = child.stderr.take().map(read_in_background);
    let status = wait_or_kill(&mut child, config.timeout)
        .context("cannot wait for the generator process")?;
    let (stdout, stderr) = (join_reader(stdout), join_reader(stderr));
    let Some(status) = status else {
        return Ok(Outcome::Timeout {
            seconds: config.timeout.as_secs(),
        });
    };
    if !status.success() {
        return Ok(crash(status, &stderr));
    }
    match Outcome::from_child_stdout(&stdout)? {
        Some(outcome) => Ok(outcome),
        None => Ok(crash(status, &stderr)),
    }
}

/// A child that exited without reporting, with the end of what it printed on stderr.
fn crash(status: ExitStatus, stderr: &str) -> Outcome {
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Outcome::Crash {
        message: format!("generator process died ({status}): {}", tail.join(" | ")),
    }
}

/// The child's command line; with a memory cap, `ulimit -v` turns a runaway allocation into an
/// abort we can record, before it starves the machine.
fn child_command(exe: &Path, name: &str, path: &Path, max_memory_mb: u64) -> Command {
    let mut command = crate::process::capped_command(exe, max_memory_mb);
    command
        .args(child::child_args(name, path))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Waits for the child to exit; after `timeout` kills it and returns `None`.
/// A failed wait kills it too and is an error: we cannot tell what happened to the document.
fn wait_or_kill(child: &mut Child, timeout: Duration) -> io::Result<Option<ExitStatus>> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(Some(status)),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(error) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(error);
            }
        }
    }
}

fn read_in_background<R: Read + Send + 'static>(mut pipe: R) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn join_reader(reader: Option<JoinHandle<String>>) -> String {
    reader
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default()
}
