//! The three ways `cargo xtask diff` prints a report: text for people, JSON for tools (a stable,
//! documented schema), and Markdown ready to paste into a CHANGELOG.
//!
//! It only formats: the changes and their judgements come from `codegen::diff`.

use anyhow::Result;
use clap::ValueEnum;
use codegen::diff::{Category, Change, Impact, Report, Version};
use serde::Serialize;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

/// What is printed: the report and the facts around it.
pub struct View<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub report: &'a Report,
    pub current: Version,
    pub list_docs: bool,
}

/// The JSON document; `schema` changes when a field changes meaning or disappears.
#[derive(Serialize)]
struct JsonReport<'a> {
    schema: u32,
    old: &'a str,
    new: &'a str,
    /// `major`, `minor`, `patch`, or `none` when nothing changed.
    verdict: &'static str,
    current_version: String,
    next_version: String,
    changes: &'a [Change],
}

/// The version of the JSON schema README.md documents.
const JSON_SCHEMA: u32 = 1;

/// Renders the report in `format`.
pub fn render(view: &View<'_>, format: Format) -> Result<String> {
    Ok(match format {
        Format::Text => text(view),
        Format::Json => {
            let json = JsonReport {
                schema: JSON_SCHEMA,
                old: view.old,
                new: view.new,
                verdict: verdict_word(view.report),
                current_version: view.current.to_string(),
                next_version: next_version(view).to_string(),
                changes: &view.report.changes,
            };
            format!("{}\n", serde_json::to_string_pretty(&json)?)
        }
        Format::Markdown => markdown(view),
    })
}

fn text(view: &View<'_>) -> String {
    let mut out = format!("API changes from {} to {}\n", view.old, view.new);
    let mut n_docs = 0;
    for change in &view.report.changes {
        if change.category == Category::Docs && !view.list_docs {
            n_docs += 1;
            continue;
        }
        out.push_str(&format!(
            "[{}] {}: {}\n        wire {}, rust {}; old {}; new {}\n",
            change.impact(),
            change.rule,
            change.summary,
            change.wire,
            change.rust,
            change.old_pointer.as_deref().unwrap_or("-"),
            change.new_pointer.as_deref().unwrap_or("-"),
        ));
    }
    if n_docs > 0 {
        out.push_str(&format!(
            "and {n_docs} documentation-only change(s) (patch); `--docs` lists them\n"
        ));
    }
    out.push_str(&verdict_line(view));
    out
}

fn markdown(view: &View<'_>) -> String {
    let mut out = format!(
        "## {}\n\nGenerated from `{}` (previously `{}`). Verdict: **{}**.\n",
        next_version(view),
        view.new,
        view.old,
        verdict_word(view.report)
    );
    let sections = [
        (Impact::Major, "Breaking changes"),
        (Impact::Minor, "Additions"),
        (Impact::Patch, "Other changes"),
    ];
    for (impact, title) in sections {
        let lines: Vec<String> = view
            .report
            .api_changes()
            .filter(|change| change.impact() == impact)
            .map(|change| {
                format!(
                    "- {} (wire: {}, Rust: {}; `{}`)\n",
                    change.summary, change.wire, change.rust, change.rule
                )
            })
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("\n### {title}\n\n{}", lines.concat()));
        }
    }
    let n_docs = view.report.changes.len() - view.report.api_changes().count();
    if n_docs > 0 {
        out.push_str(&format!("\n{n_docs} documentation-only change(s).\n"));
    }
    out
}

/// The last line of text output: the verdict and the suggested version.
fn verdict_line(view: &View<'_>) -> String {
    let report = view.report;
    match report.verdict() {
        None => format!(
            "verdict: none (no changes); version stays {}\n",
            view.current
        ),
        Some(verdict) => format!(
            "verdict: {verdict} ({} major, {} minor, {} patch); next version {} → {}\n",
            report.count(Impact::Major),
            report.count(Impact::Minor),
            report.count(Impact::Patch),
            view.current,
            next_version(view)
        ),
    }
}

fn verdict_word(report: &Report) -> &'static str {
    match report.verdict() {
        None => "none",
        Some(verdict) => verdict.as_str(),
    }
}

fn next_version(view: &View<'_>) -> Version {
    match view.report.verdict() {
        None => view.current,
        Some(verdict) => view.current.bump(verdict),
    }
}
