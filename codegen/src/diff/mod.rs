//! What a document update does to the generated crate: lowers nothing itself, but compares two
//! lowered [`Api`]s and judges every difference on the wire and in Rust.
//!
//! It lives in `codegen` because the Rust judgement is generator knowledge: it follows from how
//! `emit/` shapes the crate (non-exhaustive structs and enums, positional required arguments,
//! setters for optional inputs). Formatting the report and exit codes are left to `xtask`.
//!
//! [`rules`] is the table; [`matching`] pairs old and new items; [`types`], [`operations`] and
//! [`api`] find the changes; [`change`] and [`impact`] are the words they are reported in.

mod api;
pub mod change;
pub mod impact;
mod matching;
mod operations;
pub mod rules;
mod types;

use serde::Serialize;

use crate::ir::Api;

pub use change::Change;
pub use impact::{Category, Impact, Side};
pub use rules::Rule;

/// Every change from one API to the next, in a stable order: API-level, operations, then types.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
}

/// A crate version `major.minor.patch` that the report can bump.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

/// Why a version could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{text}` is not a version of the form major.minor.patch")]
pub struct VersionError {
    pub text: String,
}

/// Compares two lowered APIs.
pub fn diff(old: &Api, new: &Api) -> Report {
    let apis = matching::Apis::match_types(old, new);
    let mut changes = change::Changes::default();
    api::diff_api(old, new, &mut changes);
    operations::diff_operations(&apis, &mut changes);
    types::diff_types(&apis, &mut changes);
    Report {
        changes: changes.into_vec(),
    }
}

impl Report {
    /// The largest judgement of any change; `None` when nothing changed at all.
    pub fn verdict(&self) -> Option<Impact> {
        self.changes.iter().map(Change::impact).max()
    }

    /// The changes that reach the client, not only its documentation.
    pub fn api_changes(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|change| change.category == Category::Api)
    }

    /// How many changes have `impact` as the larger of their two judgements.
    pub fn count(&self, impact: Impact) -> usize {
        self.changes
            .iter()
            .filter(|change| change.impact() == impact)
            .count()
    }
}

impl Version {
    /// Reads `major.minor.patch`; pre-release and build suffixes are not supported.
    pub fn parse(text: &str) -> Result<Version, VersionError> {
        let error = || VersionError {
            text: text.to_owned(),
        };
        let mut parts = text.trim().split('.').map(|part| part.parse::<u64>());
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(Ok(major)), Some(Ok(minor)), Some(Ok(patch)), None) => Ok(Version {
                major,
                minor,
                patch,
            }),
            _ => Err(error()),
        }
    }

    /// The next version for a release of `impact`, with Cargo's 0.x rule: before 1.0 a breaking
    /// change bumps the minor number and anything else the patch number.
    pub fn bump(self, impact: Impact) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (major, impact) {
            (0, Impact::Major) => Version::new(0, minor + 1, 0),
            (0, _) => Version::new(0, minor, patch + 1),
            (_, Impact::Major) => Version::new(major + 1, 0, 0),
            (_, Impact::Minor) => Version::new(major, minor + 1, 0),
            (_, Impact::Patch) => Version::new(major, minor, patch + 1),
        }
    }

    pub fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_zero_rule() {
        let version = |text| Version::parse(text).unwrap();
        assert_eq!(version("0.1.0").bump(Impact::Major).to_string(), "0.2.0");
        assert_eq!(version("0.1.0").bump(Impact::Minor).to_string(), "0.1.1");
        assert_eq!(version("0.1.3").bump(Impact::Patch).to_string(), "0.1.4");
        assert_eq!(version("1.2.3").bump(Impact::Major).to_string(), "2.0.0");
        assert_eq!(version("1.2.3").bump(Impact::Minor).to_string(), "1.3.0");
        assert_eq!(version("1.2.3").bump(Impact::Patch).to_string(), "1.2.4");
        assert!(Version::parse("1.2").is_err());
    }

    #[test]
    fn every_rule_has_a_kebab_name() {
        for rule in Rule::ALL {
            assert!(rule.name().contains('-'), "{rule:?}");
        }
    }
}
