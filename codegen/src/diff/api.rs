//! Compares what the API says about itself: auth schemes and the alternatives that use them,
//! the default server, the version and the crate-level docs.

use std::collections::BTreeSet;

use super::change::{Changes, Pointers};
use super::impact::Side;
use super::rules::Rule;
use crate::ir::{Api, Auth};

/// The pointer of the document's root, for changes that belong to the whole API.
const ROOT: &str = "#";

/// Reports auth, server, version and top-level docs changes.
pub fn diff_api(old: &Api, new: &Api, changes: &mut Changes) {
    diff_schemes(old.auth(), new.auth(), changes);
    diff_requirements(old.auth(), new.auth(), changes);
    let root = Pointers::both(ROOT, ROOT);
    if old.info().base_url != new.info().base_url {
        changes.record(
            Rule::ServerChanged,
            Side::Api,
            Pointers::both("#/servers", "#/servers"),
            format!(
                "default base URL changed ({} → {})",
                old.info().base_url.as_deref().unwrap_or("none"),
                new.info().base_url.as_deref().unwrap_or("none")
            ),
        );
    }
    if old.info().version != new.info().version {
        changes.record(
            Rule::ApiVersionChanged,
            Side::Api,
            Pointers::both("#/info/version", "#/info/version"),
            format!(
                "API version {} → {}",
                old.info().version,
                new.info().version
            ),
        );
    }
    if old.info().title != new.info().title || old.info().description != new.info().description {
        changes.record(
            Rule::DocsChanged,
            Side::Api,
            root,
            "crate docs (title or description) changed".to_owned(),
        );
    }
}

fn diff_schemes(old: &Auth, new: &Auth, changes: &mut Changes) {
    for scheme in &old.schemes {
        match new.schemes.iter().find(|other| other.key == scheme.key) {
            None => changes.record(
                Rule::AuthSchemeRemoved,
                Side::Api,
                Pointers::old(&scheme.pointer),
                format!(
                    "auth scheme `{}` removed (setter `{}`)",
                    scheme.key, scheme.rust_name
                ),
            ),
            Some(other) if other.kind != scheme.kind || other.rust_name != scheme.rust_name => {
                changes.record(
                    Rule::AuthSchemeChanged,
                    Side::Api,
                    Pointers::both(&scheme.pointer, &other.pointer),
                    format!("auth scheme `{}` changed how it is sent", scheme.key),
                )
            }
            Some(other) if other.description != scheme.description => changes.record(
                Rule::DocsChanged,
                Side::Api,
                Pointers::both(&scheme.pointer, &other.pointer),
                format!("docs of auth scheme `{}` changed", scheme.key),
            ),
            Some(_) => {}
        }
    }
    for scheme in &new.schemes {
        if !old.schemes.iter().any(|other| other.key == scheme.key) {
            changes.record(
                Rule::AuthSchemeAdded,
                Side::Api,
                Pointers::new(&scheme.pointer),
                format!(
                    "auth scheme `{}` added (setter `{}`)",
                    scheme.key, scheme.rust_name
                ),
            );
        }
    }
}

/// Security alternatives as sets of scheme keys; order does not matter to the client's choice
/// beyond which set credentials complete first, so only membership is compared.
fn diff_requirements(old: &Auth, new: &Auth, changes: &mut Changes) {
    let alternatives = |auth: &Auth| -> BTreeSet<Vec<String>> {
        auth.requirements
            .iter()
            .map(|requirement| {
                let mut keys: Vec<String> = requirement
                    .iter()
                    .map(|id| auth.scheme(*id).key.clone())
                    .collect();
                keys.sort();
                keys
            })
            .collect()
    };
    let (old_alternatives, new_alternatives) = (alternatives(old), alternatives(new));
    let pointers = Pointers::both("#/security", "#/security");
    for removed in old_alternatives.difference(&new_alternatives) {
        changes.record(
            Rule::AuthAlternativeRemoved,
            Side::Api,
            pointers,
            format!("security alternative `{}` removed", removed.join(" + ")),
        );
    }
    for added in new_alternatives.difference(&old_alternatives) {
        changes.record(
            Rule::AuthAlternativeAdded,
            Side::Api,
            pointers,
            format!("security alternative `{}` added", added.join(" + ")),
        );
    }
}
