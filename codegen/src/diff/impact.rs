//! The words judgements are given in: [`Impact`] (semver's patch, minor, major), the [`Side`] a
//! value travels on, and the [`Category`] of a change.
//!
//! A leaf: it knows nothing about rules or changes.

use serde::Serialize;

/// How much a change matters, in semver's words; ordered, so the verdict is the largest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Nothing a caller can observe beyond documentation.
    Patch,
    /// Additive: existing callers keep working, new things appear.
    Minor,
    /// Breaking: an existing caller fails on the wire, or stops compiling.
    Major,
}

/// Which way the values a change touches travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Sent by the client: parameters, request bodies, types used in them.
    Request,
    /// Read by the client: response bodies and the types used in them.
    Response,
    /// A type used in both directions: each judgement is the larger of the two.
    Both,
    /// Neither: operations themselves, auth, servers.
    Api,
}

/// Whether a change reaches the client's behaviour and API, or only its documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Api,
    Docs,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        }
    }
}

impl std::fmt::Display for Impact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Side {
    /// The side of a named type, from where the two versions of it are used.
    pub fn of_usage(request: bool, response: bool) -> Side {
        match (request, response) {
            (true, true) => Side::Both,
            (true, false) => Side::Request,
            (false, true) => Side::Response,
            (false, false) => Side::Api,
        }
    }
}
