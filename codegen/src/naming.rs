//! Turns spec spellings into Rust identifiers: PascalCase types, snake_case members, no keywords.
//!
//! Words are split and cased by heck's rules; this module only adds what heck leaves out
//! (keywords, leading digits, empty names) and deterministic de-duplication. The text it cases
//! is ASCII (`words_of`), which [`ascii_case`] cases as heck does without heck's per-character
//! formatting: 8 to 18 % of lowering's samples were heck's. Debug builds compare every result
//! with heck's.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::thread::LocalKey;

use heck::ToShoutySnakeCase;
#[cfg(debug_assertions)]
use heck::{ToPascalCase, ToSnakeCase};
use indexmap::IndexSet;
use rustc_hash::{FxBuildHasher, FxHashMap};

/// Words Rust reserves; a name equal to one gets a trailing `_` (style guide), never a raw `r#` form.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Whether Rust reserves `word`.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A snake_case identifier for a field, parameter, method or module.
pub fn snake_ident(raw: &str) -> String {
    cased(&SNAKE, raw, is_final_snake, convert_snake)
}

/// Whether `raw` is already what [`convert_snake`] makes of it: lower-case letters and digits in
/// words joined by single `_`s, starting with a letter, and no keyword. Most names that reach
/// here already are, and checking costs a few instructions a byte, casing about twenty-five.
fn is_final_snake(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let word_byte = |byte: &u8| byte.is_ascii_lowercase() || byte.is_ascii_digit();
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .split(|byte| *byte == b'_')
            .all(|word| !word.is_empty() && word.iter().all(word_byte))
        && !is_keyword(raw)
}

fn convert_snake(raw: &str) -> String {
    let mut name = ascii_case(&words_to_case(raw), Case::Snake);
    #[cfg(debug_assertions)]
    assert_eq!(name, words_of(raw).to_snake_case(), "snake case of {raw:?}");
    if name.is_empty() {
        name = String::from("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("n{name}");
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// A PascalCase identifier for a type or variant.
pub fn pascal_ident(raw: &str) -> String {
    cased(&PASCAL, raw, is_final_pascal, convert_pascal)
}

/// Whether `raw` is already what [`convert_pascal`] makes of it: ASCII letters and digits,
/// starting with a capital, every capital followed by a lower-case letter, and no keyword.
/// heck then splits it before each capital (each follows a lower-case letter, or digits after
/// one) and capitalises each word as it is. Type names built from names already cased are
/// mostly like this (Stripe's); dotted operationIds (Graph's) are not, and are cased.
fn is_final_pascal(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().enumerate().all(|(idx, byte)| match byte {
            b'A'..=b'Z' => bytes.get(idx + 1).is_some_and(u8::is_ascii_lowercase),
            byte => byte.is_ascii_lowercase() || byte.is_ascii_digit(),
        })
        && !is_keyword(raw)
}

fn convert_pascal(raw: &str) -> String {
    let mut name = ascii_case(&words_to_case(raw), Case::Pascal);
    #[cfg(debug_assertions)]
    assert_eq!(
        name,
        words_of(raw).to_pascal_case(),
        "Pascal case of {raw:?}"
    );
    if name.is_empty() {
        name = String::from("Value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

#[derive(Clone, Copy, PartialEq)]
enum Case {
    Snake,
    Pascal,
}

/// The case of the last cased letter of the word so far, as heck's `transform` tracks it.
#[derive(Clone, Copy, PartialEq)]
enum WordMode {
    Boundary,
    Lower,
    Upper,
}

/// ASCII `text` in snake_case or PascalCase, split into words by heck's rules: at anything not
/// alphanumeric, after a lower-case letter followed by a capital (`fooBar`), and before the
/// last of a run of capitals followed by a lower-case letter (`HTTPServer`); each word then
/// lower-cased, or capitalised.
fn ascii_case(text: &str, case: Case) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    // Words are copied whole and cased in place: pushing them a character at a time was most
    // of the cost of a name (4,400 instructions each over Graph's 60,000 distinct names).
    let mut push_word = |word: &str| {
        if case == Case::Snake && !out.is_empty() {
            out.push('_');
        }
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        if case == Case::Pascal && !word.is_empty() {
            out[start..start + 1].make_ascii_uppercase();
        }
    };
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let (mut init, mut mode) = (0, WordMode::Boundary);
        for (idx, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(idx + 1) else {
                push_word(&part[init..]);
                break;
            };
            let next_mode = match c {
                c if c.is_ascii_lowercase() => WordMode::Lower,
                c if c.is_ascii_uppercase() => WordMode::Upper,
                _ => mode,
            };
            if next_mode == WordMode::Lower && next.is_ascii_uppercase() {
                push_word(&part[init..=idx]);
                (init, mode) = (idx + 1, WordMode::Boundary);
            } else if mode == WordMode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase()
            {
                push_word(&part[init..idx]);
                (init, mode) = (idx, WordMode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
    out
}

/// Names converted so far on this thread, by spelling.
type Remembered = RefCell<FxHashMap<Box<str>, String>>;

thread_local! {
    static SNAKE: Remembered = RefCell::new(FxHashMap::default());
    static PASCAL: Remembered = RefCell::new(FxHashMap::default());
}

/// How many names a thread remembers per case before it starts over, so that a long-lived
/// process reading many documents holds a bounded amount.
const REMEMBERED_NAMES: usize = 1 << 16;

/// `convert(raw)`: `raw` itself when `is_final` says converting would leave it so (debug builds
/// check), else computed once per spelling: a large document spells the same parameter and
/// schema names thousands of times, and heck's conversion costs far more than a lookup.
fn cased(
    cache: &'static LocalKey<Remembered>,
    raw: &str,
    is_final: fn(&str) -> bool,
    convert: fn(&str) -> String,
) -> String {
    if is_final(raw) {
        debug_assert_eq!(raw, convert(raw), "{raw:?} is already cased");
        return raw.to_owned();
    }
    cache.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(name) = cache.get(raw) {
            return name.clone();
        }
        let name = convert(raw);
        if cache.len() >= REMEMBERED_NAMES {
            cache.clear();
        }
        cache.insert(raw.into(), name.clone());
        name
    })
}

/// The Rust type name of every component schema name, in the same order: a dotted name
/// (`io.k8s.api.apps.v1.Deployment`) becomes the shortest tail of its segments that no other
/// name can also spell (`Deployment`; `AppsV1Deployment` beside `extensions.v1beta1.Deployment`).
///
/// A tail never starts at a version or a number (`v1`, `v1beta1`, `2`), which says little
/// alone, so it takes the segment before it too. A tail conflicts with another name when it
/// equals, as a Rust name, any tail of that name, including the whole of an undotted one. A
/// name's choice therefore depends only on the names that share one of its tails: adding an
/// unrelated schema renames nothing, and a new schema with the same tail lengthens exactly the
/// names it collides with. A name with no free tail keeps its whole spelling, and the caller's
/// [`NameScope`] numbers what still collides. Only dots separate namespaces: `_` and `-` also
/// separate words inside a name, so they cannot say where a namespace ends.
pub fn shortest_unique_tails(names: &[&str]) -> Vec<String> {
    let tails: Vec<Vec<String>> = names.iter().map(|name| tails_of(name)).collect();
    let mut spelled_by: FxHashMap<&str, usize> = FxHashMap::default();
    for name_tails in &tails {
        let distinct: BTreeSet<&String> = name_tails.iter().collect();
        for tail in distinct {
            *spelled_by.entry(tail.as_str()).or_default() += 1;
        }
    }
    tails
        .iter()
        .map(|name_tails| {
            let whole = name_tails.last().cloned().unwrap_or_default();
            name_tails
                .iter()
                .find(|tail| spelled_by[tail.as_str()] == 1)
                .cloned()
                .unwrap_or(whole)
        })
        .collect()
}

/// The Rust spellings of `name`'s tails, shortest first, ending with the whole name.
fn tails_of(name: &str) -> Vec<String> {
    let segments: Vec<&str> = name
        .split('.')
        .filter(|segment| !segment.is_empty())
        .collect();
    if segments.len() < 2 {
        return vec![pascal_ident(name)];
    }
    let starts = (1..segments.len())
        .rev()
        .filter(|&start| !says_little(segments[start]));
    starts
        .map(|start| pascal_ident(&segments[start..].join(" ")))
        .chain(std::iter::once(pascal_ident(&segments.join(" "))))
        .collect()
}

/// A version (`v1`, `v2beta3`) or a number: a segment that names no thing on its own.
fn says_little(segment: &str) -> bool {
    let digits_from = |rest: &str| rest.starts_with(|c: char| c.is_ascii_digit());
    let version = segment
        .strip_prefix(['v', 'V'])
        .is_some_and(|rest| digits_from(rest) && rest.chars().all(|c| c.is_ascii_alphanumeric()));
    version || digits_from(segment)
}

/// A SCREAMING_SNAKE_CASE name for environment variables.
pub fn shouty(raw: &str) -> String {
    words_of(raw).to_shouty_snake_case()
}

/// What [`ascii_case`] needs of `raw`: [`words_of`] only when a sign must be spelled out, since
/// `ascii_case` already breaks words at every other character that is not ASCII alphanumeric
/// (the bytes of a character beyond ASCII included). Most names are long and unique, so the
/// copy was a sixth of their conversion.
fn words_to_case(raw: &str) -> Cow<'_, str> {
    match raw.as_bytes().first() {
        Some(b'+' | b'-' | b'*' | b'.') => Cow::Owned(words_of(raw)),
        _ => Cow::Borrowed(raw),
    }
}

/// Keeps only characters heck can split into words; everything else becomes a word break.
/// Signs that carry meaning in enum values are spelled out, so `+1` and `-1` stay different.
fn words_of(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (idx, c) in raw.chars().enumerate() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '+' if idx == 0 => out.push_str("plus "),
            '-' if idx == 0 && raw.len() > 1 => out.push_str("minus "),
            '*' if raw.len() == 1 => out.push_str("star"),
            '.' if raw.chars().all(|c| c == '.') => out.push_str("dot "),
            _ => out.push(' '),
        }
    }
    out
}

/// Hands out unique names within one scope, in call order, so collisions resolve deterministically.
#[derive(Debug, Default)]
pub struct NameScope {
    /// Lists of names taken from the start (a type's or a builder's own members), compared in
    /// place: copying a dozen of them into every struct's field scope was a tenth of lowering.
    reserved: [&'static [&'static str]; 3],
    /// In the order they were taken, so that lowering can record and replay the names one path
    /// item took (`lower/replay.rs`).
    taken: IndexSet<String, FxBuildHasher>,
    /// For each numbered prefix (`name_` or `Name`), the number to try first: every lower one
    /// is taken, and names are never given back. Without it, the thousandth `get` of a scope
    /// tried the 998 taken ones first.
    next_number: FxHashMap<String, usize>,
}

impl NameScope {
    pub fn new() -> NameScope {
        NameScope::default()
    }

    /// A scope in which every name of `lists` (at most three) is taken from the start.
    pub fn beside(lists: &[&'static [&'static str]]) -> NameScope {
        let mut reserved: [&'static [&'static str]; 3] = Default::default();
        reserved[..lists.len()].copy_from_slice(lists);
        NameScope {
            reserved,
            ..NameScope::default()
        }
    }

    /// The same scope, with room for `names` claims before its set of taken names grows.
    pub fn with_room_for(mut self, names: usize) -> NameScope {
        self.taken.reserve(names);
        self
    }

    fn is_reserved(&self, name: &str) -> bool {
        is_in(&self.reserved, name)
    }

    /// Marks a name as used without claiming it through [`NameScope::claim`].
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// How many names were taken in this scope (beyond its reserved lists).
    pub fn taken_len(&self) -> usize {
        self.taken.len()
    }

    /// The names taken after the first `len`, in the order they were taken.
    pub fn taken_since(&self, len: usize) -> impl Iterator<Item = &String> {
        self.taken.get_range(len..).into_iter().flatten()
    }

    /// Takes `names` as they are, in order: names another run of the same steps claimed. The
    /// numbers to try first stay as they were: a numbered claim then starts lower than it need,
    /// and finds the same name.
    pub fn take_all(&mut self, names: impl IntoIterator<Item = String>) {
        self.taken.extend(names);
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.is_reserved(name) || self.taken.contains(name)
    }

    /// Returns `name`, or `name2`, `name3`, … (`name_2` for snake_case) when already taken.
    pub fn claim(&mut self, name: String) -> String {
        if !self.is_reserved(&name) && self.taken.insert(name.clone()) {
            return name;
        }
        let snake = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let stem = name.trim_end_matches('_');
        let prefix = if snake {
            format!("{stem}_")
        } else {
            stem.to_owned()
        };
        let next = self.next_number.entry(prefix).or_insert(2);
        for n in *next.. {
            let candidate = format!("{stem}{}{n}", if snake { "_" } else { "" });
            if !is_in(&self.reserved, &candidate) && self.taken.insert(candidate.clone()) {
                *next = n + 1;
                return candidate;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

/// Whether `name` is in any of `lists`.
fn is_in(lists: &[&[&str]], name: &str) -> bool {
    lists.iter().any(|list| list.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_scope_reserves_from_the_start_are_never_handed_out() {
        let mut scope = NameScope::beside(&[&["new", "build"], &["add"]]);
        assert!(scope.is_taken("build") && scope.is_taken("add") && !scope.is_taken("name"));
        assert_eq!(scope.claim(String::from("add")), "add_2");
        assert_eq!(scope.claim(String::from("name")), "name");
        assert_eq!(scope.claim(String::from("name")), "name_2");
    }

    /// 20,000 strings of up to `max_len - 1` pieces of `alphabet`, from a xorshift generator
    /// started at `seed`, so a failure names a string that every run makes again.
    fn pseudo_random_texts(mut seed: u64, max_len: u64, alphabet: &[&str]) -> Vec<String> {
        (0..20_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (0..(seed % max_len) as usize)
                    .map(|n| alphabet[((seed >> (n * 5)) % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// `ascii_case` cases as heck does: on shapes that split words in each way heck knows,
    /// and on 20,000 pseudo-random ASCII strings of letters, digits and separators.
    #[test]
    fn ascii_case_cases_as_heck_does() {
        use heck::{ToPascalCase, ToSnakeCase};
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "A",
            "1",
            "fooBar",
            "FooBar",
            "HTTPServer",
            "getHTTPResponseCode",
            "ABC",
            "aBC",
            "AbC",
            "a1B2",
            "1a",
            "A1b",
            "foo  bar",
            " foo bar ",
            "x y z",
            "ID",
            "userID",
            "IDs",
            "v1beta1",
            "V1Beta1",
            "ABCdEF",
            "aB cD",
            "XMLHttpRequest",
        ]
        .map(String::from)
        .to_vec();
        let alphabet = ["a", "A", "b", "Z", "0", "9", " ", "X", "y"];
        texts.extend(pseudo_random_texts(0x9e37_79b9_7f4a_7c15, 9, &alphabet));
        for text in &texts {
            assert_eq!(
                ascii_case(text, Case::Snake),
                text.to_snake_case(),
                "{text:?}"
            );
            assert_eq!(
                ascii_case(text, Case::Pascal),
                text.to_pascal_case(),
                "{text:?}"
            );
        }
    }

    /// Casing `raw` itself, as names without a leading sign are cased, breaks words where
    /// casing `words_of(raw)` does: at punctuation, spaces and characters beyond ASCII.
    #[test]
    fn names_are_cased_from_their_words_as_spelled() {
        let alphabet = [
            "a", "Z", "9", "-", "+", ".", "*", "_", " ", "é", "/", "ß", "B",
        ];
        for text in pseudo_random_texts(0x2545_f491_4f6c_dd1d, 7, &alphabet) {
            for case in [Case::Snake, Case::Pascal] {
                assert_eq!(
                    ascii_case(&words_to_case(&text), case),
                    ascii_case(&words_of(&text), case),
                    "{text:?}"
                );
            }
        }
    }

    /// A name taken as already cased is what casing it gives, and casing gives the same name
    /// whether or not it is taken as cased: strings of letters, digits and `_` in every mix.
    #[test]
    fn names_already_cased_are_what_casing_them_gives() {
        let alphabet = ["a", "b", "A", "B", "1", "_", "Self", "self", "Ab", "x1"];
        let mut fast = [0, 0];
        for text in pseudo_random_texts(0x51_7cc1_b727_220a, 6, &alphabet) {
            if is_final_snake(&text) {
                fast[0] += 1;
                assert_eq!(convert_snake(&text), text, "{text:?}");
            }
            if is_final_pascal(&text) {
                fast[1] += 1;
                assert_eq!(convert_pascal(&text), text, "{text:?}");
            }
            assert_eq!(snake_ident(&text), convert_snake(&text), "{text:?}");
            assert_eq!(pascal_ident(&text), convert_pascal(&text), "{text:?}");
        }
        // Both shortcuts are taken often enough to be tested.
        assert!(fast.iter().all(|count| *count > 500), "{fast:?}");
        assert!(!is_final_pascal("Self") && !is_final_snake("self"));
        assert!(!is_final_pascal("A1B") && !is_final_pascal("HTTPServer"));
    }

    #[test]
    fn keywords_and_digits_become_valid_identifiers() {
        assert_eq!(snake_ident("type"), "type_");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("2fa_enabled"), "n2fa_enabled");
        assert_eq!(pascal_ident("200"), "V200");
        assert_eq!(pascal_ident("custom-ruleset"), "CustomRuleset");
        assert_eq!(snake_ident("fooBar"), "foo_bar");
        assert_eq!(snake_ident("foo-bar"), "foo_bar");
        assert_eq!(snake_ident("$$$"), "value");
        assert_eq!(pascal_ident("+1"), "Plus1");
        assert_eq!(pascal_ident("-1"), "Minus1");
    }

    #[test]
    fn dotted_names_keep_their_shortest_unique_tail() {
        let names = [
            "io.k8s.api.apps.v1.Deployment",
            "io.k8s.api.extensions.v1beta1.Deployment",
            "io.k8s.api.core.v1.Pod",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "io.k8s.api.core.v1.Event",
            "io.k8s.api.events.v1.Event",
            "Status",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            "resource-sharing_share",
        ];
        assert_eq!(
            shortest_unique_tails(&names),
            [
                "AppsV1Deployment",
                "ExtensionsV1beta1Deployment",
                "Pod",
                "ObjectMeta",
                "CoreV1Event",
                "EventsV1Event",
                "Status",
                "MetaV1Status",
                "ResourceSharingShare",
            ]
        );
    }

    #[test]
    fn a_name_that_is_another_names_tail_keeps_its_whole_spelling() {
        let names = ["apps.Deployment", "x.apps.Deployment", "v1.2", "a..b"];
        assert_eq!(
            shortest_unique_tails(&names),
            ["AppsDeployment", "XAppsDeployment", "V12", "B"]
        );
    }

    #[test]
    fn collisions_get_numbered_in_call_order() {
        let mut scope = NameScope::new();
        assert_eq!(scope.claim(snake_ident("foo_bar")), "foo_bar");
        assert_eq!(scope.claim(snake_ident("fooBar")), "foo_bar_2");
        assert_eq!(scope.claim(snake_ident("foo-bar")), "foo_bar_3");
        assert_eq!(scope.claim(pascal_ident("Foo")), "Foo");
        assert_eq!(scope.claim(pascal_ident("foo")), "Foo2");
        // A numbered name taken directly is skipped, and numbering goes on after it.
        assert_eq!(scope.claim(String::from("foo_bar_4")), "foo_bar_4");
        scope.reserve("foo_bar_5");
        assert_eq!(scope.claim(String::from("foo_bar")), "foo_bar_6");
        assert_eq!(scope.claim(String::from("foo_bar_")), "foo_bar_");
        assert_eq!(scope.claim(String::from("foo_bar_")), "foo_bar_7");
    }
}
