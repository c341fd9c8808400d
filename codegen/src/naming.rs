//! Turns spec spellings into Rust identifiers: PascalCase types, snake_case members, no keywords.
//!
//! Everything goes through `heck`; this module only adds what heck leaves out (keywords, leading
//! digits, empty names) and deterministic de-duplication.

use std::collections::BTreeSet;

use heck::{ToPascalCase, ToShoutySnakeCase, ToSnakeCase};

/// Words Rust reserves; a name equal to one gets a trailing `_` (style guide), never a raw `r#` form.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// A snake_case identifier for a field, parameter, method or module.
pub fn snake_ident(raw: &str) -> String {
    let words = words_of(raw);
    let mut name = words.to_snake_case();
    if name.is_empty() {
        name = String::from("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("n{name}");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// A PascalCase identifier for a type or variant.
pub fn pascal_ident(raw: &str) -> String {
    let words = words_of(raw);
    let mut name = words.to_pascal_case();
    if name.is_empty() {
        name = String::from("Value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// A SCREAMING_SNAKE_CASE name for environment variables.
pub fn shouty(raw: &str) -> String {
    words_of(raw).to_shouty_snake_case()
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
    taken: BTreeSet<String>,
}

impl NameScope {
    pub fn new() -> NameScope {
        NameScope::default()
    }

    /// Marks a name as used without claiming it through [`NameScope::claim`].
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Returns `name`, or `name2`, `name3`, … (`name_2` for snake_case) when already taken.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let snake = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let stem = name.trim_end_matches('_');
        for n in 2.. {
            let candidate = if snake {
                format!("{stem}_{n}")
            } else {
                format!("{stem}{n}")
            };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn collisions_get_numbered_in_call_order() {
        let mut scope = NameScope::new();
        assert_eq!(scope.claim(snake_ident("foo_bar")), "foo_bar");
        assert_eq!(scope.claim(snake_ident("fooBar")), "foo_bar_2");
        assert_eq!(scope.claim(snake_ident("foo-bar")), "foo_bar_3");
        assert_eq!(scope.claim(pascal_ident("Foo")), "Foo");
        assert_eq!(scope.claim(pascal_ident("foo")), "Foo2");
    }
}
