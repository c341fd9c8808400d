//! Compares freshly generated files with the files on disk, as readable unified diffs.
//!
//! `cargo xtask generate --check` and the freshness test both use this, so they agree.

use similar::TextDiff;

use crate::emit::Files;

/// One unified diff per file that differs, is missing, or should not be there; empty when fresh.
pub fn stale_diffs(expected: &Files, on_disk: &Files) -> Vec<String> {
    let names: std::collections::BTreeSet<&String> =
        expected.keys().chain(on_disk.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (want, have) = (expected.get(name), on_disk.get(name));
            if want == have {
                return None;
            }
            let old_label = match have {
                Some(_) => format!("a/{name}"),
                None => String::from("/dev/null"),
            };
            let new_label = match want {
                Some(_) => format!("b/{name}"),
                None => String::from("/dev/null"),
            };
            let have = have.map(|text| text.as_str()).unwrap_or_default();
            let want = want.map(|text| text.as_str()).unwrap_or_default();
            let diff = TextDiff::from_lines(have, want);
            Some(
                diff.unified_diff()
                    .context_radius(3)
                    .header(&old_label, &new_label)
                    .to_string(),
            )
        })
        .collect()
}
