//! What one difference between two APIs is: its rule, where it sits on both sides, and the two
//! judgements (wire and Rust); and [`Changes`], the list the comparisons fill.
//!
//! Finding changes is left to the `operations`, `types` and `api` modules;
//! judging them to [`super::rules`].

use serde::Serialize;

use super::impact::{Category, Impact, Side};
use super::rules::Rule;

/// One difference between the old and the new API.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub rule: Rule,
    /// Whether only the generated documentation changes (`docs`) or the client itself (`api`).
    pub category: Category,
    pub side: Side,
    /// One line for humans: what changed, where, in Rust and HTTP terms.
    pub summary: String,
    /// The JSON pointer in the old document, absent for additions.
    pub old_pointer: Option<String>,
    /// The JSON pointer in the new document, absent for removals.
    pub new_pointer: Option<String>,
    /// Does an existing caller break on the wire?
    pub wire: Impact,
    /// Does code written against the old crate stop compiling, or change meaning?
    pub rust: Impact,
}

/// Pointers on both sides of a change; either may be absent (an addition has no old one).
#[derive(Clone, Copy, Debug, Default)]
pub struct Pointers<'a> {
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

impl Change {
    /// The larger of the two judgements.
    pub fn impact(&self) -> Impact {
        self.wire.max(self.rust)
    }
}

impl<'a> Pointers<'a> {
    pub fn both(old: &'a str, new: &'a str) -> Pointers<'a> {
        Pointers {
            old: Some(old),
            new: Some(new),
        }
    }

    pub fn old(old: &'a str) -> Pointers<'a> {
        Pointers {
            old: Some(old),
            new: None,
        }
    }

    pub fn new(new: &'a str) -> Pointers<'a> {
        Pointers {
            old: None,
            new: Some(new),
        }
    }
}

/// The changes found so far, in the order the comparisons find them.
#[derive(Debug, Default)]
pub struct Changes(Vec<Change>);

impl Changes {
    /// Records a change judged by its rule's table row for `side`.
    pub fn record(&mut self, rule: Rule, side: Side, pointers: Pointers<'_>, summary: String) {
        let (wire, rust) = rule.judge(side);
        self.push(rule, side, pointers, summary, (wire, rust));
    }

    /// Records a change whose Rust judgement the caller lowered from the worst case in the table,
    /// because the emitted Rust did not change (presence rules).
    pub fn record_with_rust(
        &mut self,
        rule: Rule,
        side: Side,
        pointers: Pointers<'_>,
        summary: String,
        rust: Impact,
    ) {
        let (wire, _) = rule.judge(side);
        self.push(rule, side, pointers, summary, (wire, rust));
    }

    pub fn into_vec(self) -> Vec<Change> {
        self.0
    }

    fn push(
        &mut self,
        rule: Rule,
        side: Side,
        pointers: Pointers<'_>,
        summary: String,
        (wire, rust): (Impact, Impact),
    ) {
        self.0.push(Change {
            rule,
            category: rule.category(),
            side,
            summary,
            old_pointer: pointers.old.map(str::to_owned),
            new_pointer: pointers.new.map(str::to_owned),
            wire,
            rust,
        });
    }
}
