//! `generate --check`: reads the output directory and prints a diff per stale file.
//!
//! The comparison itself is `codegen::freshness`, shared with the freshness test.

use std::path::Path;

use anyhow::Result;

/// Prints a diff for every stale file and returns how many there are.
pub fn stale_files(out: &Path, files: &codegen::Files) -> Result<usize> {
    let on_disk = codegen::read_output_dir(out)?;
    let diffs = codegen::freshness::stale_diffs(files, &on_disk);
    for diff in &diffs {
        eprint!("{diff}");
    }
    Ok(diffs.len())
}
