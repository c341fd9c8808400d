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

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /things:\n    get:\n      operationId: listThings\n      responses:\n        '200': {description: ok}\n";

    fn report(new: &str) -> Report {
        let lower = |text: &str| {
            let document = codegen::parse_document("t.yaml".into(), text.into()).unwrap();
            codegen::lower::lower(&document, &codegen::Config::default())
                .unwrap()
                .0
        };
        codegen::diff::diff(&lower(OLD), &lower(new))
    }

    fn check(new: &str, format: Format) -> String {
        let report = report(new);
        let view = View {
            old: "old.yaml",
            new: "new.yaml",
            report: &report,
            current: Version::new(0, 1, 0),
            list_docs: false,
        };
        render(&view, format).unwrap()
    }

    #[test]
    fn no_change_keeps_the_version() {
        let text = check(OLD, Format::Text);
        assert!(
            text.ends_with("verdict: none (no changes); version stays 0.1.0\n"),
            "{text}"
        );
    }

    #[test]
    fn a_breaking_change_bumps_the_minor_version_before_1_0() {
        let new = OLD.replace("operationId: listThings\n", "operationId: listThings\n      parameters:\n      - {name: q, in: query, required: true, schema: {type: string}}\n");
        let text = check(&new, Format::Text);
        assert!(text.contains("[major] param-added-required"), "{text}");
        assert!(text.ends_with("next version 0.1.0 → 0.2.0\n"), "{text}");
        let markdown = check(&new, Format::Markdown);
        assert!(markdown.starts_with("## 0.2.0\n"), "{markdown}");
        assert!(
            markdown.contains("### Breaking changes\n\n- "),
            "{markdown}"
        );
        let json: serde_json::Value = serde_json::from_str(&check(&new, Format::Json)).unwrap();
        assert_eq!(json["schema"], 1);
        assert_eq!(json["verdict"], "major");
        assert_eq!(json["next_version"], "0.2.0");
        assert_eq!(json["changes"][0]["rule"], "param-added-required");
        assert_eq!(json["changes"][0]["old_pointer"], serde_json::Value::Null);
    }

    #[test]
    fn docs_only_changes_are_counted_not_listed() {
        let new = OLD.replace(
            "'200': {description: ok}",
            "'200': {description: all of them}",
        );
        let text = check(&new, Format::Text);
        assert!(
            text.contains("and 1 documentation-only change(s)"),
            "{text}"
        );
        assert!(!text.contains("docs-changed"), "{text}");
    }
}
