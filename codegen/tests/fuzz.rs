//! Short fuzz run: mutants of the fixture documents must generate a client or be refused with a
//! located error; never panic, abort or lose the place of an error.
//!
//! Each batch runs in a child process (this test binary again, entering `child_process_entry`),
//! so a stack overflow fails the test with the mutant that caused it instead of killing the run.
//! Hangs are not timed here; `cargo xtask fuzz` does long runs with a per-document timeout and
//! minimizes what it finds. Mutations live in `fuzz/mutate.rs`, judging in `fuzz/oracle.rs`.

#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/oracle.rs"]
mod oracle;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use oracle::Verdict;

/// The run seed of the short run; `cargo xtask fuzz --seed 1 --iterations 400` replays it.
const RUN_SEED: u64 = 1;
const N_MUTANTS: u64 = 400;
/// Of which the first this many are judged again padded past 1 MB (`oracle::padded`), so that
/// runs with the item cache leave the path items earlier mutants indexed unparsed;
/// `cargo xtask fuzz --padded` does long runs of that.
const N_PADDED: u64 = 40;
/// Cloning, printing and dropping a 4,000-level mutant recurses in serde (4 KiB a frame in debug):
/// that is the mutator's stack, so it gets plenty. Generation itself runs on `oracle::JUDGE_STACK`.
const WORKER_STACK: usize = 1024 * 1024 * 1024;
/// The environment variable that turns `child_process_entry` on, holding one task a line.
const CHILD_TASKS: &str = "CODEGEN_FUZZ_CHILD_TASKS";

/// Mutants of the short run that hit an open bug, with the fixture that reproduces it. They are
/// skipped, because they hang; when the fixture moves to [`FIXED`], delete its entries here.
const KNOWN_FAILING_MUTANTS: &[(u64, &str)] = &[];
/// `tests/fixtures/fuzz/<name>.yaml` of fixed bugs: each must generate or be refused with a place.
const FIXED: &[&str] = &[
    "additional-properties-nesting",
    "allof-includes-itself-three-times",
    "empty-document",
    "envelope-result-allof-includes-itself",
    "invalid-leaf-under-deep-nesting",
    "name-with-control-characters-in-docs",
];
/// `tests/fixtures/fuzz/<name>.yaml` of open bugs that panic or abort: each must still do so in a
/// child process. Once fixed, [`known_crash_fixtures_still_crash`] fails: move the name to [`FIXED`].
const KNOWN_CRASHES: &[&str] = &[];
/// `tests/fixtures/fuzz/<name>.yaml` of open bugs that hang. They are not run (tests are not timed);
/// `cargo xtask fuzz --one tests/fixtures/fuzz/<name>.yaml` checks one by hand. Once fixed, move it to [`FIXED`].
const KNOWN_HANGS: &[&str] = &[];

/// How one task ended, judged from outside the child.
#[derive(Debug)]
enum Outcome {
    Judged(Verdict),
    /// The child died while on this task (a stack overflow aborts, for one).
    Died(String),
}

#[test]
fn mutants_of_the_fixtures_never_crash_the_generator() {
    let tasks: Vec<String> = (0..N_MUTANTS)
        .filter(|idx| KNOWN_FAILING_MUTANTS.iter().all(|(known, _)| known != idx))
        .map(|idx| format!("mutant {idx}"))
        .chain((0..N_PADDED).map(|idx| format!("padded {idx}")))
        .collect();
    let outcomes = run_in_children(&tasks);
    let mut counts = BTreeMap::<&str, usize>::new();
    let mut failures = Vec::new();
    for (task, outcome) in &outcomes {
        let kind = match outcome {
            Outcome::Judged(Verdict::Generated) => "generated",
            Outcome::Judged(Verdict::Rejected) => "rejected",
            Outcome::Judged(Verdict::Bug(_)) | Outcome::Died(_) => {
                failures.push(describe(task, outcome));
                "bug"
            }
        };
        *counts.entry(kind).or_default() += 1;
    }
    eprintln!("short fuzz run, seed {RUN_SEED}: {counts:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A mutator whose every output is refused at load time would test nothing.
    assert!(
        counts.get("generated").copied().unwrap_or(0) * 5 >= outcomes.len(),
        "fewer than a fifth of the mutants generated a client: {counts:?}"
    );
}

#[test]
fn deep_nesting_is_refused_or_generated_not_an_abort() {
    // The loaders stop at 128 levels, which bounds every recursion after them. YAML stays at
    // 2,000 levels: libyaml takes quadratic time on deep flow collections (10,000 take 20 s).
    let depths = [
        ("json", &[100, 126, 127, 128, 129, 1_000, 10_000][..]),
        ("yaml", &[100, 126, 127, 128, 129, 2_000][..]),
    ];
    let tasks: Vec<String> = depths
        .iter()
        .flat_map(|(syntax, depths)| {
            depths.iter().flat_map(move |depth| {
                (0..3).map(move |shape| format!("deep {depth} {syntax} {shape}"))
            })
        })
        .collect();
    let failures: Vec<String> = run_in_children(&tasks)
        .iter()
        .filter(|(_, outcome)| {
            !matches!(
                outcome,
                Outcome::Judged(Verdict::Generated | Verdict::Rejected)
            )
        })
        .map(|(task, outcome)| describe(task, outcome))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixed_crash_fixtures_generate_or_fail_with_a_place() {
    let tasks: Vec<String> = FIXED.iter().map(|name| format!("fixture {name}")).collect();
    let failures: Vec<String> = run_in_children(&tasks)
        .iter()
        .filter(|(_, outcome)| {
            !matches!(
                outcome,
                Outcome::Judged(Verdict::Generated | Verdict::Rejected)
            )
        })
        .map(|(task, outcome)| describe(task, outcome))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_crash_fixture_is_listed_once() {
    let dir = workspace_root().join("tests/fixtures/fuzz");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .filter_map(|entry| {
            entry
                .ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".yaml")
                .map(str::to_owned)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = [FIXED, KNOWN_CRASHES, KNOWN_HANGS]
        .concat()
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "FIXED, KNOWN_CRASHES and KNOWN_HANGS must list tests/fixtures/fuzz/*.yaml"
    );
}

#[test]
fn known_crash_fixtures_still_crash() {
    let tasks: Vec<String> = KNOWN_CRASHES
        .iter()
        .map(|name| format!("fixture {name}"))
        .collect();
    let fixed: Vec<String> = run_in_children(&tasks)
        .iter()
        .filter(|(_, outcome)| {
            matches!(
                outcome,
                Outcome::Judged(Verdict::Generated | Verdict::Rejected)
            )
        })
        .map(|(task, _)| format!("{task} no longer crashes: move it from KNOWN_CRASHES to FIXED"))
        .collect();
    assert!(fixed.is_empty(), "{}", fixed.join("\n"));
}

/// Not a test of its own: the body of the child processes the other tests start.
#[test]
fn child_process_entry() {
    let Ok(tasks) = std::env::var(CHILD_TASKS) else {
        return;
    };
    oracle::install_panic_hook();
    let caches = format!("fuzz-items-{}", std::process::id());
    oracle::keep_item_caches_in(Path::new(env!("CARGO_TARGET_TMPDIR")).join(caches));
    let worker = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let seeds =
                mutate::load_seeds(&workspace_root(), false).expect("the seed documents load");
            for task in tasks.lines() {
                println!("fuzz\tbegin\t{task}");
                let verdict = run_task(&seeds, task);
                println!("fuzz\tverdict\t{task}\t{}", verdict_line(&verdict));
            }
        })
        .expect("the worker thread starts");
    worker.join().expect("the worker thread finishes");
    oracle::forget_item_caches();
}

/// Runs `tasks` in as many child processes as it takes: after a child dies, the next one starts
/// after the task it died on. Outcomes come back in task order.
fn run_in_children(tasks: &[String]) -> Vec<(String, Outcome)> {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut outcomes = Vec::new();
    while outcomes.len() < tasks.len() {
        let remaining = &tasks[outcomes.len()..];
        let output = Command::new(&exe)
            .args([
                "child_process_entry",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_TASKS, remaining.join("\n"))
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("the child test process starts");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let before = outcomes.len();
        for line in stdout
            .lines()
            .filter_map(|line| line.strip_prefix("fuzz\tverdict\t"))
        {
            let (task, verdict) = line.split_once('\t').unwrap_or((line, ""));
            outcomes.push((task.to_owned(), Outcome::Judged(parse_verdict(verdict))));
        }
        if outcomes.len() < tasks.len() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
            let message = format!("child died ({}): {}", output.status, tail.join(" | "));
            outcomes.push((tasks[outcomes.len()].clone(), Outcome::Died(message)));
        }
        assert!(outcomes.len() > before, "the child made no progress");
    }
    outcomes
}

/// One task line: `mutant <idx>`, `fixture <name>` or `deep <depth> <json|yaml> <shape>`.
fn run_task(seeds: &[mutate::Seed], task: &str) -> Verdict {
    let words: Vec<&str> = task.split(' ').collect();
    match words.as_slice() {
        ["mutant", idx] => {
            let mutant = mutate::mutant(seeds, RUN_SEED, idx.parse().expect("a mutant index"));
            match oracle::judge(&mutant.file, &mutant.text) {
                Verdict::Bug(mut bug) => {
                    bug.message = format!("{} [{}]", bug.message, mutant.label);
                    Verdict::Bug(bug)
                }
                verdict => verdict,
            }
        }
        ["padded", idx] => {
            let mutant = mutate::mutant(seeds, RUN_SEED, idx.parse().expect("a mutant index"));
            let text = oracle::padded(&mutant.file, &mutant.text).unwrap_or(mutant.text);
            match oracle::judge(&mutant.file, &text) {
                Verdict::Bug(mut bug) => {
                    bug.message = format!("{} [{}, padded]", bug.message, mutant.label);
                    Verdict::Bug(bug)
                }
                verdict => verdict,
            }
        }
        ["fixture", name] => {
            let path = fixture_path(name);
            let text = std::fs::read_to_string(&path).expect("the fixture is readable");
            oracle::judge(&path.display().to_string(), &text)
        }
        ["deep", depth, syntax, shape] => {
            let document = deep_document(
                depth.parse().expect("a depth"),
                shape.parse().expect("a shape"),
            );
            let file = format!("deep.{syntax}");
            oracle::judge(&file, &mutate::render(&document, *syntax == "json"))
        }
        _ => panic!("unknown child task {task:?}"),
    }
}

/// A document with one component schema nested `depth` levels deep in one of three ways.
fn deep_document(depth: usize, shape: usize) -> serde_json::Value {
    let mut schema = serde_json::json!({"type": "string"});
    for _ in 0..depth {
        schema = match shape {
            0 => mutate::object([("type", "array".into()), ("items", schema)]),
            1 => mutate::object([("allOf", serde_json::Value::Array(vec![schema]))]),
            _ => mutate::object([
                ("type", "object".into()),
                ("properties", mutate::object([("inner", schema)])),
            ]),
        };
    }
    let schemas = mutate::object([("Deep", schema)]);
    serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Deep", "version": "1"},
        "paths": {"/deep": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}}}}}}},
        "components": {"schemas": schemas},
    })
}

fn verdict_line(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Generated => "generated".into(),
        Verdict::Rejected => "rejected".into(),
        Verdict::Bug(bug) => format!(
            "bug\t{}\t{}",
            bug.signature,
            bug.message.replace(['\t', '\n'], " ")
        ),
    }
}

fn parse_verdict(line: &str) -> Verdict {
    let mut fields = line.splitn(3, '\t');
    match (fields.next(), fields.next(), fields.next()) {
        (Some("generated"), ..) => Verdict::Generated,
        (Some("rejected"), ..) => Verdict::Rejected,
        (_, signature, message) => Verdict::Bug(oracle::Bug {
            signature: signature.unwrap_or("unreadable verdict").to_owned(),
            message: message.unwrap_or(line).to_owned(),
        }),
    }
}

fn describe(task: &str, outcome: &Outcome) -> String {
    let label = match task.strip_prefix("mutant ") {
        Some(idx) => format!(
            "{task} (replay: cargo xtask fuzz --seed {RUN_SEED} --from {idx} --iterations 1)"
        ),
        None => task.to_owned(),
    };
    match outcome {
        Outcome::Judged(Verdict::Bug(bug)) => {
            format!("{label}: {}: {}", bug.signature, bug.message)
        }
        Outcome::Judged(verdict) => format!("{label}: {verdict:?}"),
        Outcome::Died(message) => format!("{label}: {message}"),
    }
}

fn fixture_path(name: &str) -> PathBuf {
    workspace_root()
        .join("tests/fixtures/fuzz")
        .join(format!("{name}.yaml"))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
