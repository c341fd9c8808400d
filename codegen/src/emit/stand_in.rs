//! Doc comments and function bodies pass through the formatter as one stand-in line each; their
//! text goes back in after printing.
//!
//! prettyplease prints `#[doc = " text"]` as `/// text` and learns nothing else from it, yet
//! each line costs five token trees, escaping its text into a literal, syn's unescaping it and
//! prettyplease's copying it: 6 % of a stripe run's instructions, since a third of the lines
//! written are doc lines. While a [`Scope`] is active on a thread, [`block`] turns a block of doc lines into
//! one attribute holding a stand-in and keeps the text; [`expand`] replaces each printed
//! stand-in with the block's lines at its indentation, as prettyplease would print them. With
//! no scope, [`block`] writes the attributes themselves, so tokens that are not formatted
//! through `format.rs` never hold a stand-in.
//!
//! [`method_body`] does the same for the statements of a function body whose shapes `statements`
//! prints itself: syn parses one string literal statement instead, and the printed
//! statements go back in at that line. Debug builds (every test) print each such body with
//! prettyplease as well and fail on any difference; so do release builds run with
//! `CODEGEN_VERIFY_STAND_INS` set, which `cargo xtask corpus` can use on every document.

use std::borrow::Cow;
use std::cell::RefCell;
use std::marker::PhantomData;

use proc_macro2::TokenStream;
use quote::quote;
use rustc_hash::FxHashMap;

use super::statements;
use super::tokens::lit_str;
use super::tree;
use crate::cache_file::stable_hash;

/// Starts every stand-in; a control character, so prose does not contain it by chance, and a
/// block that does is written out instead.
const MARK: char = '\u{1}';
/// The printed form of a stand-in line, after its indentation: `///`, the mark, a key in hex.
const PRINTED_PREFIX: &str = "///\u{1}";
const KEY_DIGITS: usize = 16;
/// How a stand-in starts when printed as a string literal instead: the mark escaped.
const LITERAL_PREFIX: &str = "\"\\u{1}";
/// Starts a body's stand-in, a string literal statement: `"\u{2}<key>";`.
const BODY_MARK: char = '\u{2}';
/// How a body's stand-in prints, after its indentation and before its key.
const BODY_PRINTED_PREFIX: &str = "\"\\u{2}";

thread_local! {
    /// The blocks behind this thread's stand-ins, by key; `None` outside a [`Scope`].
    static BLOCKS: RefCell<Option<FxHashMap<u64, String>>> = const { RefCell::new(None) };
}

/// While alive, [`block`] on this thread gives stand-ins, to be expanded on this thread (so a
/// scope is not `Send`); a scope entered inside another puts the outer one's blocks back when
/// it ends.
pub struct Scope {
    outer: Option<FxHashMap<u64, String>>,
    _thread: PhantomData<*const ()>,
}

impl Scope {
    pub fn enter() -> Scope {
        let outer = BLOCKS.with(|blocks| blocks.borrow_mut().replace(FxHashMap::default()));
        Scope {
            outer,
            _thread: PhantomData,
        }
    }

    /// Forgets the blocks registered so far, once their text has been expanded.
    pub fn clear(&self) {
        BLOCKS.with(|blocks| {
            if let Some(blocks) = blocks.borrow_mut().as_mut() {
                blocks.clear();
            }
        });
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let outer = self.outer.take();
        BLOCKS.with(|blocks| *blocks.borrow_mut() = outer);
    }
}

/// `#[doc]` attributes for `text`, one per line, each starting with a space as `///` would;
/// in a [`Scope`], one stand-in attribute for all of them.
pub fn block(text: &str) -> TokenStream {
    if text.is_empty() {
        return TokenStream::new();
    }
    let text = &*doc_text(text);
    match stand_in(MARK, text) {
        Some(stand_in) => {
            let stand_in = lit_str(&stand_in);
            quote! { #[doc = #stand_in] }
        }
        None => {
            let lines = text.lines().map(|line| {
                if line.is_empty() {
                    lit_str("")
                } else {
                    lit_str(&format!(" {line}"))
                }
            });
            quote! { #( #[doc = #lines] )* }
        }
    }
}

/// Where the statements of a method of a top-level `impl` block start, in columns.
const METHOD_BODY: usize = 8;

/// The statements `tokens` of the body of a method of a top-level `impl` block: in a [`Scope`],
/// one stand-in statement, when `statements` prints their shapes; else the tokens themselves.
pub fn method_body(tokens: TokenStream) -> TokenStream {
    let in_scope = BLOCKS.with(|blocks| blocks.borrow().is_some());
    if !in_scope {
        return tokens;
    }
    // The tokens were just built, so their trees move out rather than being copied.
    let trees = tree::trees(tokens);
    let Some(text) = statements::print_trees(&trees, METHOD_BODY) else {
        return tree::into_stream(trees);
    };
    if crate::verify::verifying() {
        assert_eq!(
            text,
            printed_method_body(tree::to_stream(&trees)),
            "statements printed apart differ from prettyplease's print"
        );
    }
    match stand_in(BODY_MARK, &text) {
        Some(stand_in) => {
            let stand_in = lit_str(&stand_in);
            quote! { #stand_in; }
        }
        None => tree::into_stream(trees),
    }
}

/// The statements as prettyplease prints them as a method's body.
fn printed_method_body(tokens: TokenStream) -> String {
    let file = quote! { impl S { fn f() { #tokens } } };
    let printed = match syn::parse2::<syn::File>(file) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => return format!("does not parse: {error}"),
    };
    let lines: Vec<&str> = printed.lines().collect();
    match lines.as_slice() {
        [_, _, body @ .., _, _] => body.iter().map(|line| format!("{line}\n")).collect(),
        _ => printed,
    }
}

/// What prettyplease prints after `///` for the doc stand-in `literal` (a literal token's
/// text, quotes included); `None` for any other literal.
pub fn printed_doc_stand_in(literal: &str) -> Option<String> {
    let key = literal.strip_prefix(LITERAL_PREFIX)?.strip_suffix('"')?;
    let is_key = key.len() == KEY_DIGITS && key.bytes().all(|byte| byte.is_ascii_hexdigit());
    is_key.then(|| {
        let mut text = String::with_capacity(MARK.len_utf8() + KEY_DIGITS);
        text.push(MARK);
        text.push_str(key);
        text
    })
}

/// Whether `literal` (a literal token's text, quotes included) is a method body's stand-in.
pub fn is_method_body(literal: &str) -> bool {
    literal
        .strip_prefix(BODY_PRINTED_PREFIX)
        .and_then(|rest| rest.strip_suffix('"'))
        .is_some_and(|key| {
            key.len() == KEY_DIGITS && key.bytes().all(|byte| byte.is_ascii_hexdigit())
        })
}

/// Registers `text` and returns its stand-in, `mark` and key; `None` outside a scope, for text
/// holding a mark, or if another text already holds its key.
fn stand_in(mark: char, text: &str) -> Option<String> {
    if text.contains(MARK) || text.contains(BODY_MARK) {
        return None;
    }
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let blocks = blocks.as_mut()?;
        // The key depends on the text alone, so an item's tokens, which the item cache hashes,
        // change exactly when its docs or statements do.
        let key = stable_hash(text.as_bytes());
        match blocks.get(&key) {
            Some(known) if known != text => return None,
            Some(_) => {}
            None => {
                blocks.insert(key, text.to_owned());
            }
        }
        let mut stand_in = String::with_capacity(mark.len_utf8() + KEY_DIGITS);
        stand_in.push(mark);
        for shift in (0..KEY_DIGITS).rev() {
            let digit = (key >> (4 * shift)) & 0xf;
            stand_in.push(char::from_digit(digit as u32, 16).unwrap_or('0'));
        }
        Some(stand_in)
    })
}

/// `printed` with every stand-in line replaced by its block's doc lines or its statements. A
/// stand-in whose key this thread did not register is an emitter bug, reported as the message,
/// as is a body's stand-in printed at another indentation than its statements were. (Prose
/// holding a mark was written out, and prints with a space after `///`, so it is never taken
/// for one.)
pub fn expand(printed: String) -> Result<String, String> {
    // Stand-ins are found by their prefixes (a few per item), not by reading every line.
    let mut hits: Vec<usize> = [PRINTED_PREFIX, BODY_PRINTED_PREFIX]
        .into_iter()
        .flat_map(|prefix| memchr::memmem::find_iter(printed.as_bytes(), prefix.as_bytes()))
        .collect();
    if hits.is_empty() {
        return refuse_leaks(printed);
    }
    hits.sort_unstable();
    BLOCKS
        .with(|blocks| {
            let blocks = blocks.borrow();
            let mut expanded = String::with_capacity(printed.len() * 2);
            let mut copied = 0;
            for hit in hits {
                if hit < copied {
                    continue;
                }
                let start = printed[..hit].rfind('\n').map_or(0, |at| at + 1);
                let end = printed[hit..]
                    .find('\n')
                    .map_or(printed.len(), |at| hit + at + 1);
                let line = &printed[start..end];
                let Some((indent, key, is_body)) = stand_in_line(line) else {
                    continue;
                };
                let text = blocks
                    .as_ref()
                    .and_then(|blocks| blocks.get(&key))
                    .ok_or_else(|| format!("the stand-in `{}` has no text", line.trim()))?;
                expanded.push_str(&printed[copied..start]);
                copied = end;
                if !is_body {
                    push_doc_lines(&mut expanded, indent, text);
                } else if text.starts_with(indent) && !text[indent.len()..].starts_with(' ') {
                    expanded.push_str(text);
                } else {
                    return Err(format!(
                        "the statements behind `{}` were printed for another indentation",
                        line.trim()
                    ));
                }
            }
            expanded.push_str(&printed[copied..]);
            Ok(expanded)
        })
        .and_then(refuse_leaks)
}

/// `printed`, unless a stand-in was printed as an attribute rather than a doc line, or a body's
/// anywhere but on a line of its own, as either would be inside a macro call's arguments: its
/// text would be lost.
fn refuse_leaks(printed: String) -> Result<String, String> {
    let leaked = [LITERAL_PREFIX, BODY_PRINTED_PREFIX]
        .into_iter()
        .find_map(|prefix| leak_of(&printed, prefix));
    match leaked {
        Some(at) => Err(format!(
            "a stand-in was printed where no doc line or statement goes: `{}`",
            &printed[at..at + LITERAL_PREFIX.len() + KEY_DIGITS + 1]
        )),
        None => Ok(printed),
    }
}

/// Where `printed` holds a stand-in literal starting with `prefix`, if anywhere.
fn leak_of(printed: &str, prefix: &str) -> Option<usize> {
    memchr::memmem::find_iter(printed.as_bytes(), prefix.as_bytes()).find(|at| {
        let key = &printed.as_bytes()[at + LITERAL_PREFIX.len()..];
        key.len() > KEY_DIGITS
            && key[..KEY_DIGITS].iter().all(u8::is_ascii_hexdigit)
            && key[KEY_DIGITS] == b'"'
    })
}

/// The indentation and key of a printed stand-in line, and whether it stands in for
/// statements: spaces, then `///`, the mark and the key, or a body's literal statement.
fn stand_in_line(line: &str) -> Option<(&str, u64, bool)> {
    let body = line.trim_end_matches('\n');
    let indent_len = body.len() - body.trim_start_matches(' ').len();
    let (indent, rest) = body.split_at(indent_len);
    let (hex, is_body) = match rest.strip_prefix(PRINTED_PREFIX) {
        Some(hex) => (hex, false),
        None => {
            let literal = rest.strip_prefix(BODY_PRINTED_PREFIX)?;
            (literal.strip_suffix("\";")?, true)
        }
    };
    if hex.len() != KEY_DIGITS {
        return None;
    }
    Some((indent, u64::from_str_radix(hex, 16).ok()?, is_body))
}

/// The lines prettyplease prints for [`block`]`(text)`'s attributes, at `indent` columns: for
/// items an emitter prints itself.
pub fn push_doc_block(out: &mut String, indent: usize, text: &str) {
    const SPACES: &str = "                ";
    let text = &*doc_text(text);
    match SPACES.get(..indent) {
        Some(spaces) => push_doc_lines(out, spaces, text),
        None => push_doc_lines(out, &" ".repeat(indent), text),
    }
}

/// `text` as doc lines may hold it: rustc rejects a bare carriage return in a doc comment, and
/// clippy flags a tab, so each is a line break or four spaces, as in `docs::sanitize`. Names a
/// spec writes (a property's in "The `…` property.") reach the docs without passing there.
pub fn doc_text(text: &str) -> Cow<'_, str> {
    if !text.contains(['\r', '\t']) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(text.replace('\t', "    "))
}

/// The lines prettyplease prints for the attributes [`block`] writes outside a scope: `///`,
/// then a space and the line, trailing spaces trimmed.
fn push_doc_lines(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let line = line.trim_end_matches(' ');
        out.push_str(indent);
        out.push_str("///");
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    /// Items whose docs hold what prettyplease treats specially: blank lines, trailing and
    /// all-blank lines, carriage returns, quotes and backslashes, nesting that indents.
    fn items() -> TokenStream {
        let docs = [
            "Summary.\n\nA second paragraph.   \n   \n- a list\n  continued",
            "Quotes \" and \\ backslashes, a \r carriage return, `code`, <tags> and 🦀.",
            "One line.",
        ];
        let (a, b, c) = (block(docs[0]), block(docs[1]), block(docs[2]));
        quote! {
            #a
            pub struct Shape {
                #b
                pub field: u8,
            }
            impl Shape {
                #c
                pub fn method(&self) {}
            }
            #c
            pub mod nested {
                #a
                pub enum Kind { #b Variant }
            }
        }
    }

    #[test]
    fn expanded_stand_ins_print_as_the_attributes_would() {
        let direct = printed(items());
        let scope = Scope::enter();
        let tokens = items();
        assert!(
            !tokens.to_string().contains("Summary"),
            "the text is left out of the tokens"
        );
        let expanded = expand(printed(tokens)).unwrap();
        drop(scope);
        assert_eq!(expanded, direct);
    }

    /// A name the spec writes reaches the docs as it is: a carriage return there would be a
    /// bare CR in a doc comment, which rustc rejects, and a tab one clippy flags.
    #[test]
    fn carriage_returns_and_tabs_become_line_breaks_and_spaces() {
        let text = "The `a\tb\nc\r` property.";
        let mut direct = String::new();
        push_doc_block(&mut direct, 4, text);
        assert_eq!(
            direct,
            "    /// The `a    b\n    /// c\n    /// ` property.\n"
        );
        let tokens = block(text);
        let printed = printed(quote! { pub struct S { #tokens pub field: u8, } });
        assert!(printed.contains(&direct), "{printed}");
        assert!(syn::parse_file(&printed).is_ok());
    }

    #[test]
    fn text_holding_the_mark_is_written_out() {
        let _scope = Scope::enter();
        let text = format!("A {MARK} mark.");
        let tokens = block(&text);
        assert!(tokens.to_string().contains("doc"));
        assert_eq!(
            expand(printed(quote! { #tokens pub struct A; })).unwrap(),
            format!("/// A {MARK} mark.\npub struct A;\n")
        );
    }

    /// Inside a macro call's arguments, prettyplease prints the attribute itself.
    #[test]
    fn a_stand_in_printed_as_an_attribute_is_an_error() {
        let _scope = Scope::enter();
        let doc = block("Lost in a macro call.");
        let error = expand(printed(quote! { m!(#doc pub struct A;); })).unwrap_err();
        assert!(
            error.contains("where no doc line or statement goes"),
            "{error}"
        );
    }

    #[test]
    fn a_scope_inside_another_gives_the_outer_blocks_back() {
        let _outer = Scope::enter();
        let doc = block("Registered in the outer scope.");
        drop(Scope::enter());
        let text = expand(printed(quote! { #doc pub struct A; })).unwrap();
        assert_eq!(text, "/// Registered in the outer scope.\npub struct A;\n");
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        let tokens = {
            let _scope = Scope::enter();
            block("Registered in a scope that is gone.")
        };
        let _scope = Scope::enter();
        let error = expand(printed(quote! { #tokens pub struct A; })).unwrap_err();
        assert!(error.contains("has no text"), "{error}");
    }

    fn body() -> TokenStream {
        method_body(quote! {
            if let Some(value) = &self.page {
                crate::runtime::validate::minimum("page", *value as f64, 0f64, false)?;
            }
            Ok(())
        })
    }

    #[test]
    fn a_body_printed_apart_expands_to_prettyplease_s_print() {
        let tokens = body();
        let direct = printed(quote! { impl S { fn f() { #tokens } } });
        let _scope = Scope::enter();
        let stand_in = body();
        assert!(
            !stand_in.to_string().contains("minimum"),
            "the statements are left out of the tokens"
        );
        let expanded = expand(printed(quote! { impl S { fn f() { #stand_in } } })).unwrap();
        assert_eq!(expanded, direct);
    }

    #[test]
    fn a_body_printed_at_another_indentation_is_an_error() {
        let _scope = Scope::enter();
        let stand_in = body();
        let error = expand(printed(quote! { fn f() { #stand_in } })).unwrap_err();
        assert!(error.contains("for another indentation"), "{error}");
    }

    #[test]
    fn a_body_printed_inside_a_macro_call_is_an_error() {
        let _scope = Scope::enter();
        let stand_in = body();
        let error = expand(printed(quote! { m!(#stand_in); })).unwrap_err();
        assert!(
            error.contains("where no doc line or statement goes"),
            "{error}"
        );
    }
}
