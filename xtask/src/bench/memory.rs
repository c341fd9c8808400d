//! Peak heap of auto-pagination: `tests/benches/pagination_memory.rs`, a bench binary with a
//! counting global allocator, streams 10,000 shares from a loopback server and collects the same
//! 10,000 with plain reqwest + serde, and prints one `pagination_memory <name> <value>` line per
//! figure; this reads them back.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

use anyhow::{bail, Context, Result};
use serde::Serialize;

/// The figures of one run, in bytes unless named otherwise.
#[derive(Debug, Serialize)]
pub struct PaginationMemory {
    /// Items streamed, and collected, in each round.
    pub items: u64,
    /// Pages they came in.
    pub pages: u64,
    /// One 100-item page as the server sends it.
    pub page_json_bytes: u64,
    /// The heap one decoded 100-item page holds.
    pub page_decoded_bytes: u64,
    /// Peak above the start while the generated client fetches one page (`send`).
    pub one_page_request_peak_bytes: u64,
    /// Peak above the start while the generated client streams every item (`stream`).
    pub stream_peak_bytes: u64,
    /// Peak above the start while reqwest + serde collect every item into one `Vec`.
    pub collect_all_peak_bytes: u64,
}

/// Runs the bench binary and reads its figures.
pub fn measure(root: &Path) -> Result<PaginationMemory> {
    let output = super::cargo_bench(root, "pagination_memory")
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo bench")?;
    if !output.status.success() {
        bail!("cargo bench --bench pagination_memory failed");
    }
    parse(&String::from_utf8_lossy(&output.stdout))
}

/// Reads the `pagination_memory <name> <value>` lines; other lines are ignored.
fn parse(stdout: &str) -> Result<PaginationMemory> {
    let mut figures = BTreeMap::new();
    for line in stdout.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("pagination_memory") {
            continue;
        }
        let (Some(name), Some(value)) = (words.next(), words.next()) else {
            bail!("a figure line without a value: {line:?}");
        };
        let value: u64 = value
            .parse()
            .with_context(|| format!("not a number in {line:?}"))?;
        figures.insert(name.to_owned(), value);
    }
    let mut take = |name: &str| {
        figures
            .remove(name)
            .with_context(|| format!("the pagination bench printed no {name}"))
    };
    Ok(PaginationMemory {
        items: take("items")?,
        pages: take("pages")?,
        page_json_bytes: take("page_json_bytes")?,
        page_decoded_bytes: take("page_decoded_bytes")?,
        one_page_request_peak_bytes: take("one_page_request_peak_bytes")?,
        stream_peak_bytes: take("stream_peak_bytes")?,
        collect_all_peak_bytes: take("collect_all_peak_bytes")?,
    })
}

/// Prints the figures, one a line, in KiB.
pub fn print(figures: &PaginationMemory) {
    let kib = |bytes: u64| bytes as f64 / 1024.0;
    println!(
        "one page: {:.1} KiB of JSON, {:.1} KiB decoded; fetching it peaks at {:.1} KiB",
        kib(figures.page_json_bytes),
        kib(figures.page_decoded_bytes),
        kib(figures.one_page_request_peak_bytes)
    );
    println!(
        "stream {} items ({} pages): peak {:.1} KiB ({:.2}× fetching one page)",
        figures.items,
        figures.pages,
        kib(figures.stream_peak_bytes),
        figures.stream_peak_bytes as f64 / figures.one_page_request_peak_bytes.max(1) as f64
    );
    println!(
        "collect {} items into a Vec (reqwest + serde): peak {:.1} KiB ({:.1}× the stream)",
        figures.items,
        kib(figures.collect_all_peak_bytes),
        figures.collect_all_peak_bytes as f64 / figures.stream_peak_bytes.max(1) as f64
    );
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_every_figure_and_ignores_other_lines() {
        let stdout = "noise\npagination_memory items 10000\npagination_memory pages 100\n\
            pagination_memory page_json_bytes 50000\npagination_memory page_decoded_bytes 60000\n\
            pagination_memory one_page_request_peak_bytes 200000\n\
            pagination_memory stream_peak_bytes 250000\n\
            pagination_memory collect_all_peak_bytes 6000000\n";
        let figures = parse(stdout).expect("parses");
        assert_eq!(figures.items, 10_000);
        assert_eq!(figures.stream_peak_bytes, 250_000);
        assert_eq!(figures.collect_all_peak_bytes, 6_000_000);
    }

    #[test]
    fn a_missing_figure_is_an_error() {
        let error = parse("pagination_memory items 10000\n").expect_err("incomplete");
        assert!(error.to_string().contains("pages"), "{error}");
    }
}
