//! Deterministic mutations of small valid OpenAPI documents, for fuzzing the loader and lowering.
//!
//! A mutant is a pure function of (run seed, mutant index) and the seed documents, so any finding
//! can be replayed from two numbers. Mutations work on the JSON tree: delete, duplicate, retype and
//! swap nodes, break or loop `$ref`s, rename keys (huge, empty, control characters) and nest deeply.
//! Judging the outcome is left to `oracle.rs`; running children and minimizing, to the callers.
//! Shared by `codegen/tests/fuzz.rs` (short run) and `xtask/src/fuzz.rs` (long run) via `#[path]`.

use std::path::Path;

use serde_json::{json, Map, Value};

/// One valid document mutants start from.
pub struct Seed {
    /// Path relative to the workspace root, e.g. `tests/fixtures/fidelity/enums.yaml`.
    pub name: String,
    pub value: Value,
}

/// One generated input: its text, and how it came about for messages.
pub struct Mutant {
    /// `seed <run seed> mutant <idx> of <seed document>: <mutations>`.
    pub label: String,
    /// The file name given to the loader; its extension says which syntax `text` is.
    pub file: String,
    pub text: String,
}

/// One step of a path from the root to a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// SplitMix64: tiny, fast, and good enough to pick mutations; no dependency needed.
pub struct Rng {
    state: u64,
}

/// A tree already deeper than this is not nested further: cloning and dropping it recurse in serde.
const MAX_NEST_START: usize = 200;
/// Nesting depths tried: below the loaders' limit of 128 (reaching lowering) and far above it.
const DEPTHS: &[usize] = &[8, 40, 100, 126, 130, 1_000, 2_000];
/// Paths of picked nodes are at most this long.
const MAX_PATH_DEPTH: usize = 200;
/// Trees deeper than this are written on one line.
const FLAT_DEPTH: usize = 60;
/// Walks stop after this many nodes, so a huge mutant cannot make the mutator slow.
const MAX_NODES: usize = 50_000;
/// The fixed seed documents, relative to the workspace root.
const FIXED_SEEDS: &[&str] = &[
    "tests/fixtures/fidelity/aliases.yaml",
    "tests/fixtures/fidelity/auth.yaml",
    "tests/fixtures/fidelity/composition.yaml",
    "tests/fixtures/fidelity/enums.yaml",
    "tests/fixtures/fidelity/fallbacks.yaml",
    "tests/fixtures/fidelity/objects.yaml",
    "tests/fixtures/fidelity/parameters.yaml",
    "tests/fixtures/fidelity/responses.yaml",
    "tests/fixtures/fidelity/shapes.yaml",
    "spec/resource-sharing.openapi.yaml",
];
/// Corpus documents are used as seeds only when already downloaded, and only small ones.
const CORPUS_DIR: &str = "target/corpus/package/api";
const MAX_CORPUS_SEEDS: usize = 8;
const MAX_CORPUS_SEED_BYTES: u64 = 16 * 1024;

/// Maps whose keys are names the document's author chose.
const USER_NAMED: &[&str] = &[
    "properties",
    "schemas",
    "paths",
    "content",
    "responses",
    "securitySchemes",
    "parameters",
];
/// Names with control characters, invisible or right-to-left characters, pointer escapes, keywords.
const WEIRD_NAMES: &[&str] = &[
    "\u{0}",
    "a\tb\nc\r",
    "\u{7}\u{1b}[31m",
    "\u{202e}evil",
    "ünïcödé_名前",
    "🦀🦀",
    "a/b~c",
    "~1~0%7B",
    "{id}",
    "self",
    "type",
    "r#type",
    "123",
    "-",
    " ",
    "\u{feff}",
    "a\u{200b}b",
    "$ref",
];

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be zero.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        match items.len() {
            0 => None,
            n => items.get(self.below(n)),
        }
    }
}

/// The fixed seed documents, then up to a few small corpus documents if they are on disk.
/// Fixed seeds come first so their mutants do not depend on whether the corpus is present.
pub fn load_seeds(root: &Path, with_corpus: bool) -> Result<Vec<Seed>, String> {
    let mut seeds = Vec::new();
    for name in FIXED_SEEDS {
        let text = std::fs::read_to_string(root.join(name))
            .map_err(|error| format!("cannot read seed {name}: {error}"))?;
        let value = serde_yaml::from_str(&text)
            .map_err(|error| format!("cannot parse seed {name}: {error}"))?;
        seeds.push(Seed {
            name: (*name).to_owned(),
            value,
        });
    }
    if with_corpus {
        seeds.extend(corpus_seeds(&root.join(CORPUS_DIR)));
    }
    Ok(seeds)
}

/// Mutant `idx` of the run seeded with `run_seed`: one to four mutations of one seed document.
pub fn mutant(seeds: &[Seed], run_seed: u64, idx: u64) -> Mutant {
    let mut rng = Rng::new(run_seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ idx);
    let seed = &seeds[rng.below(seeds.len())];
    let mut document = seed.value.clone();
    let n_mutations = 1 + rng.below(4);
    let applied: Vec<&str> = (0..n_mutations)
        .map(|_| mutate(&mut document, &mut rng))
        .collect();
    let as_json = rng.below(2) == 0;
    let file = if as_json {
        "mutant.json"
    } else {
        "mutant.yaml"
    };
    let text = render(&document, as_json);
    Mutant {
        label: format!(
            "seed {run_seed} mutant {idx} of {}: {}",
            seed.name,
            applied.join(", ")
        ),
        file: file.to_owned(),
        text,
    }
}

/// The text of a tree as JSON or YAML. Indenting is quadratic in depth (a 5,000-level mutant
/// would take hundreds of megabytes), so deep trees are written on one line: YAML then uses flow
/// style, which a leading comment keeps the loader from taking for JSON.
pub fn render(document: &Value, as_json: bool) -> String {
    let deep = depth(document) > FLAT_DEPTH;
    match (deep, as_json) {
        (true, true) => serde_json::to_string(document).unwrap_or_default(),
        (true, false) => format!(
            "# flow style: too deep to indent\n{}\n",
            serde_json::to_string(document).unwrap_or_default()
        ),
        (false, true) => serde_json::to_string_pretty(document).unwrap_or_default(),
        (false, false) => serde_yaml::to_string(document).unwrap_or_default(),
    }
}

/// Applies one random mutation and returns its name.
pub fn mutate(document: &mut Value, rng: &mut Rng) -> &'static str {
    match rng.below(13) {
        0 | 1 => delete_node(document, rng),
        2 => duplicate_node(document, rng),
        3 => retype_node(document, rng),
        4 => dangle_ref(document, rng),
        5 => ref_to_ancestor(document, rng),
        6 => all_of_includes_itself(document, rng),
        7 => rename_key(document, rng, "x".repeat(10_000), "huge-name"),
        8 => rename_key(document, rng, String::new(), "empty-name"),
        9 => {
            let name = rng.pick(WEIRD_NAMES).copied().unwrap_or_default();
            rename_key(document, rng, name.to_owned(), "weird-name")
        }
        10 => nest_deeply(document, rng),
        11 => swap_nodes(document, rng),
        _ => ref_cycle(document, rng),
    }
}

/// Every node's path, parents before children, stopping at [`MAX_NODES`] nodes and
/// [`MAX_PATH_DEPTH`] levels: a mutation never needs to pick a node deeper than that, and copying
/// paths thousands of steps long would make the walk quadratic.
pub fn node_paths(root: &Value) -> Vec<Vec<Step>> {
    let mut paths = vec![Vec::new()];
    let mut queue = std::collections::VecDeque::from([(0, root)]);
    while let Some((path_idx, node)) = queue.pop_front() {
        if paths[path_idx].len() >= MAX_PATH_DEPTH {
            continue;
        }
        let children: Vec<(Step, &Value)> = match node {
            Value::Object(map) => map
                .iter()
                .map(|(key, child)| (Step::Key(key.clone()), child))
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(idx, child)| (Step::Index(idx), child))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            if paths.len() >= MAX_NODES {
                return paths;
            }
            paths.push(child_path(&paths[path_idx], step));
            queue.push_back((paths.len() - 1, child));
        }
    }
    paths
}

/// How deep the tree goes, without recursion.
pub fn depth(root: &Value) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(root, 0)];
    while let Some((node, node_depth)) = pending.pop() {
        deepest = deepest.max(node_depth);
        match node {
            Value::Object(map) => pending.extend(map.values().map(|child| (child, node_depth + 1))),
            Value::Array(items) => {
                pending.extend(items.iter().map(|child| (child, node_depth + 1)))
            }
            _ => {}
        }
    }
    deepest
}

pub fn get<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(root, |node, step| match step {
        Step::Key(key) => node.get(key.as_str()),
        Step::Index(idx) => node.get(*idx),
    })
}

pub fn get_mut<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(idx) => node.get_mut(*idx),
    })
}

/// Removes the node at `path` (not the root); returns it.
pub fn remove(root: &mut Value, path: &[Step]) -> Option<Value> {
    let (last, parent) = path.split_last()?;
    match (get_mut(root, parent)?, last) {
        (Value::Object(map), Step::Key(key)) => map.shift_remove(key),
        (Value::Array(items), Step::Index(idx)) if *idx < items.len() => Some(items.remove(*idx)),
        _ => None,
    }
}

/// The `$ref` string of `path`, escaped per RFC 6901.
pub fn pointer_of(path: &[Step]) -> String {
    let mut pointer = String::from("#");
    for step in path {
        match step {
            Step::Key(key) => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Step::Index(idx) => pointer.push_str(&format!("/{idx}")),
        }
    }
    pointer
}

/// An object of the given members, moving them in.
pub fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

fn child_path(path: &[Step], step: Step) -> Vec<Step> {
    let mut child = path.to_vec();
    child.push(step);
    child
}

/// Half of the picks land in schemas, where the interesting code is; the rest anywhere.
fn pick_path(document: &Value, rng: &mut Rng) -> Option<Vec<Step>> {
    let paths: Vec<Vec<Step>> = node_paths(document).into_iter().skip(1).collect();
    let in_schemas: Vec<Vec<Step>> = paths
        .iter()
        .filter(|path| {
            path.iter()
                .any(|step| matches!(step, Step::Key(key) if key.contains("schema")))
        })
        .cloned()
        .collect();
    match rng.below(2) == 0 && !in_schemas.is_empty() {
        true => rng.pick(&in_schemas).cloned(),
        false => rng.pick(&paths).cloned(),
    }
}

/// The path of a named schema under `components/schemas`.
fn pick_component_schema(document: &Value, rng: &mut Rng) -> Option<Vec<Step>> {
    let names: Vec<String> = document
        .pointer("/components/schemas")?
        .as_object()?
        .keys()
        .cloned()
        .collect();
    let name = rng.pick(&names)?.clone();
    let path = vec![
        Step::Key("components".into()),
        Step::Key("schemas".into()),
        Step::Key(name),
    ];
    Some(path)
}

fn delete_node(document: &mut Value, rng: &mut Rng) -> &'static str {
    if let Some(path) = pick_path(document, rng) {
        remove(document, &path);
    }
    "delete"
}

/// Copies a node next to itself: a second array item, or a sibling key `<key>_copy`.
fn duplicate_node(document: &mut Value, rng: &mut Rng) -> &'static str {
    let Some(path) = pick_path(document, rng) else {
        return "duplicate";
    };
    let Some(node) = get(document, &path).cloned() else {
        return "duplicate";
    };
    let (Some(last), Some(parent)) = (path.last(), get_mut(document, &path[..path.len() - 1]))
    else {
        return "duplicate";
    };
    match (parent, last) {
        (Value::Array(items), Step::Index(idx)) => items.insert(*idx, node),
        (Value::Object(map), Step::Key(key)) => {
            map.insert(format!("{key}_copy"), node);
        }
        _ => {}
    }
    "duplicate"
}

fn retype_node(document: &mut Value, rng: &mut Rng) -> &'static str {
    let Some(path) = pick_path(document, rng) else {
        return "retype";
    };
    let old = get(document, &path).cloned().unwrap_or(Value::Null);
    let replacement = match rng.below(9) {
        0 => json!(""),
        1 => json!("x"),
        2 => json!(0),
        3 => json!(-1.5e300),
        4 => json!([]),
        5 => Value::Array(vec![old]),
        6 => Value::Null,
        7 => json!(true),
        _ => json!({}),
    };
    if let Some(node) = get_mut(document, &path) {
        *node = replacement;
    }
    "retype"
}

/// Points an existing `$ref` (or a new one on any object) somewhere that does not exist or is odd.
fn dangle_ref(document: &mut Value, rng: &mut Rng) -> &'static str {
    const TARGETS: &[&str] = &[
        "#/components/schemas/Nope",
        "#/components/schemas/",
        "#/nope/~1x",
        "other.yaml#/components/schemas/Pet",
        "#",
        "",
        "#/paths",
        "#/info",
        "#/components/schemas/%ZZ",
        "#/components/parameters/Nope",
    ];
    let refs: Vec<Vec<Step>> = node_paths(document)
        .into_iter()
        .filter(|path| path.last() == Some(&Step::Key("$ref".into())))
        .collect();
    let target = json!(rng.pick(TARGETS).copied().unwrap_or_default());
    let path = match rng.pick(&refs) {
        Some(path) => Some(path.clone()),
        None => pick_path(document, rng).map(|path| child_path(&path, Step::Key("$ref".into()))),
    };
    if let Some((last, parent)) = path.as_deref().and_then(<[Step]>::split_last) {
        if let (Some(Value::Object(map)), Step::Key(key)) = (get_mut(document, parent), last) {
            map.insert(key.clone(), target);
        }
    }
    "dangle-ref"
}

/// Replaces a node with a `$ref` to one of its ancestors: a cycle through the tree.
fn ref_to_ancestor(document: &mut Value, rng: &mut Rng) -> &'static str {
    let Some(path) = pick_path(document, rng) else {
        return "ref-to-ancestor";
    };
    let ancestor_len = rng.below(path.len());
    let target = pointer_of(&path[..ancestor_len]);
    if let Some(node) = get_mut(document, &path) {
        *node = json!({ "$ref": target });
    }
    "ref-to-ancestor"
}

/// The shape of the 6,000-mutant abort: a schema whose `result` is redefined by an `allOf`
/// that includes the schema itself, directly, from inside one of its properties, or one to three times.
fn all_of_includes_itself(document: &mut Value, rng: &mut Rng) -> &'static str {
    let Some(path) = pick_component_schema(document, rng) else {
        return "allof-self";
    };
    let self_ref = json!({ "$ref": pointer_of(&path) });
    let variant = rng.below(5);
    let Some(Value::Object(schema)) = get_mut(document, &path) else {
        return "allof-self";
    };
    let redefinition = json!({"type": "object", "properties": {"result": {"type": "string"}}});
    match variant {
        0 => {
            schema.insert("allOf".into(), json!([self_ref, redefinition]));
        }
        1 => {
            let properties = schema
                .entry("properties")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(properties) = properties {
                properties.insert(
                    "result".into(),
                    json!({ "allOf": [self_ref, redefinition] }),
                );
            }
        }
        n_copies => {
            let parts = schema.entry("allOf").or_insert_with(|| json!([]));
            if let Value::Array(parts) = parts {
                parts.extend(std::iter::repeat_n(self_ref, n_copies - 1));
            }
        }
    }
    "allof-self"
}

/// Renames one key of an object (a schema name, a property, a path, a status, …).
fn rename_key(
    document: &mut Value,
    rng: &mut Rng,
    name: String,
    label: &'static str,
) -> &'static str {
    let keyed: Vec<Vec<Step>> = node_paths(document)
        .into_iter()
        .filter(|path| matches!(path.last(), Some(Step::Key(_))))
        .collect();
    // Half the time a name the user chose (a schema, property, path, media type), which reaches
    // naming and emitting; otherwise any key, which mostly tests the loader.
    let named: Vec<Vec<Step>> = keyed
        .iter()
        .filter(|path| {
            let parent = path.len().checked_sub(2).and_then(|idx| path.get(idx));
            matches!(parent, Some(Step::Key(key)) if USER_NAMED.contains(&key.as_str()))
        })
        .cloned()
        .collect();
    let pool = match rng.below(2) == 0 && !named.is_empty() {
        true => &named,
        false => &keyed,
    };
    let Some(path) = rng.pick(pool).cloned() else {
        return label;
    };
    let Some(node) = remove(document, &path) else {
        return label;
    };
    if let Some(Value::Object(parent)) = get_mut(document, &path[..path.len() - 1]) {
        parent.insert(name, node);
    }
    label
}

/// Wraps a node in thousands of schema layers; built with a loop so the mutator itself is flat.
fn nest_deeply(document: &mut Value, rng: &mut Rng) -> &'static str {
    if depth(document) > MAX_NEST_START {
        return "nest-skipped";
    }
    let Some(path) = pick_path(document, rng) else {
        return "nest";
    };
    let depth = rng.pick(DEPTHS).copied().unwrap_or(8);
    let wrapper = rng.below(5);
    let Some(node) = get_mut(document, &path) else {
        return "nest";
    };
    let mut nested = std::mem::take(node);
    // `json!` would copy `nested` through `to_value` on every layer: quadratic, and recursive.
    for _ in 0..depth {
        nested = match wrapper {
            0 => object([("type", json!("array")), ("items", nested)]),
            1 => object([("allOf", Value::Array(vec![nested]))]),
            2 => object([
                ("type", json!("object")),
                ("properties", object([("x", nested)])),
            ]),
            3 => object([("additionalProperties", nested)]),
            _ => object([(
                "oneOf",
                Value::Array(vec![nested, json!({"type": "string"})]),
            )]),
        };
    }
    *node = nested;
    "nest"
}

/// Swaps two nodes, neither inside the other (a schema where a parameter was, and so on).
fn swap_nodes(document: &mut Value, rng: &mut Rng) -> &'static str {
    let (Some(first), Some(second)) = (pick_path(document, rng), pick_path(document, rng)) else {
        return "swap";
    };
    let overlaps = first.starts_with(&second) || second.starts_with(&first);
    if overlaps {
        return "swap";
    }
    let first_node = get(document, &first).cloned();
    let second_node = get(document, &second).cloned();
    if let (Some(first_node), Some(second_node)) = (first_node, second_node) {
        if let Some(node) = get_mut(document, &first) {
            *node = second_node;
        }
        if let Some(node) = get_mut(document, &second) {
            *node = first_node;
        }
    }
    "swap"
}

/// Makes two component schemas refer to each other and nothing else: a pure `$ref` cycle.
fn ref_cycle(document: &mut Value, rng: &mut Rng) -> &'static str {
    let (Some(first), Some(second)) = (
        pick_component_schema(document, rng),
        pick_component_schema(document, rng),
    ) else {
        return "ref-cycle";
    };
    let (first_ref, second_ref) = (pointer_of(&first), pointer_of(&second));
    if let Some(node) = get_mut(document, &first) {
        *node = json!({ "$ref": second_ref });
    }
    if let Some(node) = get_mut(document, &second) {
        *node = json!({ "$ref": first_ref });
    }
    "ref-cycle"
}

/// The first few small documents of the corpus, by path order; none when it is not downloaded.
fn corpus_seeds(dir: &Path) -> Vec<Seed> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
            match path.is_dir() {
                true => pending.push(path),
                false => files.push(path),
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .filter(|path| {
            std::fs::metadata(path).is_ok_and(|meta| meta.len() <= MAX_CORPUS_SEED_BYTES)
        })
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let value: Value = serde_yaml::from_str(&text).ok()?;
            value.get("openapi")?;
            Some(Seed {
                name: path.display().to_string(),
                value,
            })
        })
        .take(MAX_CORPUS_SEEDS)
        .collect()
}
