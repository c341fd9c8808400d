//! Writes a generated crate atomically: build it beside the target, then swap directories.
//!
//! A failure at any point leaves the previous output in place; no half-written crate is ever visible.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// Replaces `out` with exactly `files`.
pub fn replace_dir(out: &Path, files: &codegen::Files) -> Result<()> {
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::env::current_dir()?,
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a staging directory in {}", parent.display()))?;
    for (relative, text) in files {
        let path = staging.path().join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !out.exists() {
        let staged = staging.keep();
        return fs::rename(&staged, out)
            .with_context(|| format!("cannot move the new output to {}", out.display()));
    }
    if !out.is_dir() {
        bail!("{} exists and is not a directory", out.display());
    }
    let backup = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(&parent)?;
    let backup_path = backup.path().join(&name);
    fs::rename(out, &backup_path)
        .with_context(|| format!("cannot move {} aside", out.display()))?;
    if let Err(error) = fs::rename(staging.path(), out) {
        // Put the previous output back before reporting.
        fs::rename(&backup_path, out).ok();
        return Err(error)
            .with_context(|| format!("cannot move the new output to {}", out.display()));
    }
    // The staging directory was renamed away; dropping `backup` deletes the old output.
    let _ = staging.keep();
    drop(backup);
    Ok(())
}
