//! `generate --check`: compares generated files with what is on disk and prints readable diffs.
//!
//! This is the same comparison the freshness test in `tests/` makes.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Result;
use similar::TextDiff;

/// Prints a diff for every stale file and returns how many there are.
pub fn stale_files(out: &Path, files: &codegen::Files) -> Result<usize> {
    let on_disk = list_files(out)?;
    let mut stale = 0;
    let all: BTreeSet<&String> = files.keys().chain(on_disk.iter()).collect();
    for relative in all {
        let expected = files.get(relative).map(String::as_str).unwrap_or_default();
        let actual = std::fs::read_to_string(out.join(relative)).unwrap_or_default();
        if expected == actual && files.contains_key(relative) && on_disk.contains(relative) {
            continue;
        }
        stale += 1;
        let diff = TextDiff::from_lines(actual.as_str(), expected);
        let old_name = format!("a/{relative}");
        let new_name = format!("b/{relative}");
        eprint!(
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&old_name, &new_name)
        );
    }
    Ok(stale)
}

fn list_files(dir: &Path) -> Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    if !dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current)? {
            let path = entry?.path();
            match path.is_dir() {
                true => pending.push(path),
                false => {
                    if let Ok(relative) = path.strip_prefix(dir) {
                        found.insert(relative.to_string_lossy().replace('\\', "/"));
                    }
                }
            }
        }
    }
    Ok(found)
}
