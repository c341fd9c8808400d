//! Turns spec prose into `#[doc]` attributes that render well and never become doctests.
//!
//! Descriptions are Markdown written for web pages: unlabelled code fences and indented blocks
//! would be compiled by rustdoc as Rust, `[x]` would be taken for intra-doc links, and bare URLs
//! and `<tags>` trip rustdoc lints. This module rewrites just those, line by line.

use proc_macro2::TokenStream;

use crate::ir::{Constraints, Docs};

/// `#[doc]` attributes, one per line, each starting with a space as `///` would (while
/// formatting, one stand-in for them all: see [`super::stand_in`]).
pub fn doc_attrs(text: &str) -> TokenStream {
    super::stand_in::block(text)
}

/// The Markdown for an item: summary, description, deprecation, default, example, constraints.
pub fn render(docs: &Docs, constraints: Option<&Constraints>, fallback: &str) -> String {
    let mut sections: Vec<String> = Vec::new();
    let summary = docs
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    let description = docs
        .description
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    match (summary, description) {
        (Some(summary), Some(description))
            if description.starts_with(summary.trim_end_matches('.')) =>
        {
            sections.push(sanitize(description))
        }
        (Some(summary), Some(description)) => {
            sections.push(sanitize(summary));
            sections.push(sanitize(description));
        }
        (Some(text), None) | (None, Some(text)) => sections.push(sanitize(text)),
        (None, None) => sections.push(fallback.to_owned()),
    }
    if let Some(deprecation) = &docs.deprecated {
        let mut line = String::from("**Deprecated.**");
        if let Some(note) = &deprecation.note {
            line.push(' ');
            line.push_str(&sanitize(note));
        }
        if let Some(sunset) = &deprecation.sunset {
            line.push_str(&format!(" Sunset: {sunset}."));
        }
        sections.push(line);
    }
    let mut facts = Vec::new();
    if let Some(constraints) = constraints {
        facts.extend(constraint_lines(constraints));
    }
    if let Some(default) = &docs.default {
        facts.push(format!("Default: `{}`", code_span_safe(default)));
    }
    if let Some(example) = docs.example.as_ref().filter(|example| example.len() <= 200) {
        facts.push(format!("Example: `{}`", code_span_safe(example)));
    }
    if !facts.is_empty() {
        sections.push(
            facts
                .iter()
                .map(|fact| format!("- {fact}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    sections.join("\n\n")
}

/// Constraints as readable bullet points.
pub fn constraint_lines(constraints: &Constraints) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(max) = constraints.max_length {
        lines.push(format!("Maximum length: {max}"));
    }
    if let Some(min) = constraints.min_length {
        lines.push(format!("Minimum length: {min}"));
    }
    if let Some(bound) = constraints.minimum {
        let word = if bound.exclusive {
            "Greater than"
        } else {
            "Minimum"
        };
        lines.push(format!("{word}: {}", bound.value));
    }
    if let Some(bound) = constraints.maximum {
        let word = if bound.exclusive {
            "Less than"
        } else {
            "Maximum"
        };
        lines.push(format!("{word}: {}", bound.value));
    }
    if let Some(min) = constraints.min_items {
        lines.push(format!("Minimum items: {min}"));
    }
    if let Some(max) = constraints.max_items {
        lines.push(format!("Maximum items: {max}"));
    }
    if let Some(pattern) = &constraints.pattern {
        lines.push(format!("Pattern: `{}`", code_span_safe(pattern)));
    }
    lines
}

/// Rewrites Markdown so rustdoc renders it as the author meant, without tests or lint warnings.
pub fn sanitize(text: &str) -> String {
    // rustc rejects a bare CR in doc comments, and clippy flags tabs in them.
    let text = match text.contains(['\r', '\t']) {
        true => text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    "),
        false => text.to_owned(),
    };
    let text = html_to_markdown(&text);
    let mut out = Vec::new();
    let mut in_fence = false;
    // The column a list item's text starts at, while its paragraph lasts.
    let mut list_indent: Option<usize> = None;
    let mut pending_marker: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.extend(pending_marker.take());
            let fence = &trimmed[..3];
            if in_fence {
                out.push(fence.to_owned());
            } else {
                let lang = trimmed[3..].trim();
                // Only a fence that says it is Rust may be compiled; everything else is shown as text.
                let lang = match lang {
                    "" | "rust" => "text",
                    other => other.split([',', ' ']).next().unwrap_or("text"),
                };
                out.push(format!("{fence}{lang}"));
            }
            in_fence = !in_fence;
            list_indent = None;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        // Indentation of four or more would start an indented code block, which rustdoc compiles.
        let line = escape_inline(if line.starts_with("    ") || line.starts_with('\t') {
            trimmed
        } else {
            line
        });
        // A marker alone on its line (`- `) starts an item whose text is on the next line; rustdoc
        // and clippy read that text more reliably when it is joined to the marker.
        if is_bare_marker(&line) {
            pending_marker = Some(line.trim_end().to_owned());
            continue;
        }
        let line = match pending_marker.take() {
            Some(marker) if !line.trim().is_empty() => format!("{marker} {}", line.trim_start()),
            Some(marker) => {
                out.push(continue_list_item(marker, &mut list_indent));
                line
            }
            None => line,
        };
        out.push(continue_list_item(line, &mut list_indent));
    }
    out.extend(pending_marker);
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// Indents a line that continues a list item's paragraph to the item's text, as rustdoc (and
/// clippy's `doc_lazy_continuation` and `doc_overindented_list_items`) expect; the rendering is
/// the same, since Markdown already read the line as part of the item.
fn continue_list_item(line: String, list_indent: &mut Option<usize>) -> String {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with(['#', '|']) {
        *list_indent = None;
        return line;
    }
    let lead = line.len() - trimmed.len();
    if let Some(marker) = list_marker_width(trimmed) {
        *list_indent = Some(lead + marker);
        return line;
    }
    match *list_indent {
        Some(width) if width != lead => format!("{}{trimmed}", " ".repeat(width)),
        _ => line,
    }
}

/// Whether `line` is a list marker with no text after it.
fn is_bare_marker(line: &str) -> bool {
    let trimmed = line.trim();
    list_marker_width(&format!("{trimmed} ")).is_some_and(|width| width == trimmed.len() + 1)
}

/// The width of a list marker and the spaces after it (`- `, `*  `, `1. `, `2) `), if `text`
/// starts a list item: the column its text starts at, relative to the marker.
fn list_marker_width(text: &str) -> Option<usize> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker = match text.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits)
            && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let spaces = text[marker..].chars().take_while(|c| *c == ' ').count();
    // One to four spaces belong to the marker; more start an indented block after one space.
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// The handful of HTML tags API documents use for prose (AWS writes `<p>` and `<code>`), as
/// Markdown; any other tag is escaped later and shows as text.
fn html_to_markdown(text: &str) -> String {
    if !text.contains('<') {
        return text.to_owned();
    }
    const TAGS: &[(&str, &str)] = &[
        ("<p>", ""),
        ("</p>", "\n\n"),
        ("<br>", "\n"),
        ("<br/>", "\n"),
        ("<br />", "\n"),
        ("<code>", "`"),
        ("</code>", "`"),
        ("<b>", "**"),
        ("</b>", "**"),
        ("<strong>", "**"),
        ("</strong>", "**"),
        ("<i>", "*"),
        ("</i>", "*"),
        ("<em>", "*"),
        ("</em>", "*"),
        ("<ul>", "\n"),
        ("</ul>", "\n"),
        ("<li>", "\n- "),
        ("</li>", ""),
    ];
    // Paragraphs are usually separated by a space as well, which would indent the next line.
    let mut out = text.replace("</p> <p>", "\n\n");
    for (tag, markdown) in TAGS {
        out = out.replace(tag, markdown);
    }
    out.trim().to_owned()
}

/// Escapes brackets and angle brackets outside code spans, and wraps bare URLs in `<…>`.
fn escape_inline(line: &str) -> String {
    // Most lines hold nothing to escape; they are copied without the walk below.
    let special = |byte: u8| matches!(byte, b'`' | b'[' | b']' | b'<' | b'>');
    if !line.bytes().any(special) && !line.contains("http://") && !line.contains("https://") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | '`'))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            if out.ends_with('(') || out.ends_with('<') {
                out.push_str(url);
            } else {
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
            rest = &rest[url.len()..];
            continue;
        }
        match (in_code, c) {
            (false, '[') if !is_markdown_link(rest) => out.push_str("\\["),
            (false, ']') => out.push_str("\\]"),
            (false, '<') => out.push_str("&lt;"),
            (false, '>') => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    // A stray backtick would swallow the rest of the docs into code; close it on the same line.
    if in_code {
        out.push('`');
    }
    fix_link_escapes(out)
}

/// `[text](url)` is a real link and stays as written.
fn is_markdown_link(rest: &str) -> bool {
    let Some(close) = rest.find(']') else {
        return false;
    };
    rest[close + 1..].starts_with('(') && !rest[1..close].contains('[')
}

/// The `]` of a kept link was escaped above; undo that where `](` follows.
fn fix_link_escapes(text: String) -> String {
    text.replace("\\](", "](")
}

/// Backticks inside a code span would end it early.
fn code_span_safe(text: &str) -> String {
    text.replace('`', "'").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlabelled_fences_and_indented_blocks_are_not_rust() {
        let text = "Example:\n```\nlet x = {;\n```\n\n    indented code";
        assert_eq!(
            sanitize(text),
            "Example:\n```text\nlet x = {;\n```\n\nindented code"
        );
    }

    #[test]
    fn lines_continuing_a_list_item_are_indented_to_its_text() {
        let text =
            "Values:\n- `a`: first\nwrapped\n   over-indented\n10. ten\nmore\n\nAfter the list.";
        assert_eq!(
            sanitize(text),
            "Values:\n- `a`: first\n  wrapped\n  over-indented\n10. ten\n    more\n\nAfter the list."
        );
    }

    #[test]
    fn a_bare_marker_is_joined_to_its_text() {
        assert_eq!(
            sanitize("Notes:\n\n- \n  Since the data\n  changes daily."),
            "Notes:\n\n- Since the data\n  changes daily."
        );
    }

    #[test]
    fn carriage_returns_and_tabs_are_normalised() {
        assert_eq!(sanitize("a\rb\r\nc\td"), "a\nb\nc    d");
    }

    #[test]
    fn prose_html_becomes_markdown() {
        assert_eq!(
            sanitize(
                "<p>Use <code>Expression</code> to filter.</p> <p>Not <b>all</b> <x> are.</p>"
            ),
            "Use `Expression` to filter.\n\nNot **all** &lt;x&gt; are."
        );
    }

    #[test]
    fn brackets_urls_and_tags_are_escaped_outside_code() {
        assert_eq!(
            sanitize("see [docs](https://x.io) and [note] <blink> https://a.b/c. `a[0] <T>`"),
            "see [docs](https://x.io) and \\[note\\] &lt;blink&gt; <https://a.b/c>. `a[0] <T>`"
        );
    }
}
