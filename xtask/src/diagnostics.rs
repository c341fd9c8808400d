//! How `generate` prints the generator's warnings: one line per kind, so one document's 385
//! warnings of one kind do not bury its single other one.
//!
//! Warnings are of one kind when their messages match once each `code span` is blanked out
//! (`path parameter `id` is not declared` and `… `zone` …` are one kind). Each kind prints as
//! "385× <message>, first at <place>" in order of first appearance; `--verbose` prints every
//! warning with its place instead. Whether warnings fail the run is left to the caller.

use codegen::Diagnostic;

/// The lines to print for `diagnostics`: every one under `verbose`, else one per kind.
pub fn summary_lines(diagnostics: &[Diagnostic], verbose: bool) -> Vec<String> {
    if verbose {
        return diagnostics.iter().map(ToString::to_string).collect();
    }
    let mut kinds: Vec<(String, Vec<&Diagnostic>)> = Vec::new();
    for diagnostic in diagnostics {
        let kind = kind_of(&diagnostic.message);
        match kinds.iter_mut().find(|(existing, _)| *existing == kind) {
            Some((_, members)) => members.push(diagnostic),
            None => kinds.push((kind, vec![diagnostic])),
        }
    }
    kinds
        .iter()
        .map(|(kind, members)| match members.as_slice() {
            [only] => only.to_string(),
            [first, ..] => {
                let same_text = members.iter().all(|member| member.message == first.message);
                let message = if same_text { &first.message } else { kind };
                format!(
                    "warning: {}× {message}, first at {}",
                    members.len(),
                    first.location
                )
            }
            [] => String::new(),
        })
        .collect()
}

/// A message with its code spans blanked: `` `a` is odd `` becomes `` `…` is odd ``.
fn kind_of(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    for (span_idx, piece) in message.split('`').enumerate() {
        if span_idx > 0 {
            kind.push('`');
        }
        // Odd pieces are inside backticks.
        kind.push_str(if span_idx % 2 == 1 { "…" } else { piece });
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::Location;

    fn warning(pointer: &str, message: &str) -> Diagnostic {
        Diagnostic {
            location: Location {
                file: "api.yaml".into(),
                pointer: pointer.into(),
                line: Some(3),
                column: None,
            },
            message: message.into(),
        }
    }

    #[test]
    fn repeated_warnings_print_once_with_a_count_and_the_first_place() {
        let diagnostics = [
            warning("#/a", "object-shaped parameters are sent as JSON text"),
            warning("#/b", "`not` schemas cannot be expressed"),
            warning("#/c", "object-shaped parameters are sent as JSON text"),
            warning("#/d", "object-shaped parameters are sent as JSON text"),
        ];
        assert_eq!(
            summary_lines(&diagnostics, false),
            [
                "warning: 3× object-shaped parameters are sent as JSON text, first at api.yaml:3 (#/a)",
                "warning: api.yaml:3 (#/b): `not` schemas cannot be expressed",
            ]
        );
        assert_eq!(summary_lines(&diagnostics, true).len(), 4);
    }

    #[test]
    fn names_in_code_spans_do_not_split_a_kind() {
        let diagnostics = [
            warning("#/a", "path parameter `id` is not declared"),
            warning("#/b", "path parameter `zone` is not declared"),
        ];
        assert_eq!(
            summary_lines(&diagnostics, false),
            ["warning: 2× path parameter `…` is not declared, first at api.yaml:3 (#/a)"]
        );
    }
}
