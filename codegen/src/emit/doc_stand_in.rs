//! Doc comments pass through the formatter as one stand-in line per block; their text goes
//! back in after printing.
//!
//! prettyplease prints `#[doc = " text"]` as `/// text` and learns nothing else from it, yet
//! each line costs five token trees, escaping its text into a literal, syn's unescaping it and
//! prettyplease's copying it: 6 % of a stripe run's instructions, since a third of the lines
//! written are doc lines. While a [`Scope`] is active on a thread, [`block`] turns a block of doc lines into
//! one attribute holding a stand-in and keeps the text; [`expand`] replaces each printed
//! stand-in with the block's lines at its indentation, as prettyplease would print them. With
//! no scope, [`block`] writes the attributes themselves, so tokens that are not formatted
//! through `format.rs` never hold a stand-in.

use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;

use proc_macro2::TokenStream;
use quote::quote;

use super::item_cache::stable_hash;

/// Starts every stand-in; a control character, so prose does not contain it by chance, and a
/// block that does is written out instead.
const MARK: char = '\u{1}';
/// The printed form of a stand-in line, after its indentation: `///`, the mark, a key in hex.
const PRINTED_PREFIX: &str = "///\u{1}";
const KEY_DIGITS: usize = 16;
/// How a stand-in starts when printed as a string literal instead: the mark escaped.
const LITERAL_PREFIX: &str = "\"\\u{1}";

thread_local! {
    /// The blocks behind this thread's stand-ins, by key; `None` outside a [`Scope`].
    static BLOCKS: RefCell<Option<HashMap<u64, String>>> = const { RefCell::new(None) };
}

/// While alive, [`block`] on this thread gives stand-ins, to be expanded on this thread (so a
/// scope is not `Send`); a scope entered inside another puts the outer one's blocks back when
/// it ends.
pub struct Scope {
    outer: Option<HashMap<u64, String>>,
    _thread: PhantomData<*const ()>,
}

impl Scope {
    pub fn enter() -> Scope {
        let outer = BLOCKS.with(|blocks| blocks.borrow_mut().replace(HashMap::new()));
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
    match stand_in(text) {
        Some(stand_in) => quote! { #[doc = #stand_in] },
        None => {
            let lines = text.lines().map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                }
            });
            quote! { #( #[doc = #lines] )* }
        }
    }
}

/// Registers `text` and returns its stand-in; `None` outside a scope, for text holding the
/// mark, or if another text already holds its key.
fn stand_in(text: &str) -> Option<String> {
    if text.contains(MARK) {
        return None;
    }
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let blocks = blocks.as_mut()?;
        // The key depends on the text alone, so an item's tokens, which the item cache hashes,
        // change exactly when its docs do.
        let key = stable_hash(text.as_bytes());
        match blocks.get(&key) {
            Some(known) if known != text => return None,
            Some(_) => {}
            None => {
                blocks.insert(key, text.to_owned());
            }
        }
        Some(format!("{MARK}{key:0width$x}", width = KEY_DIGITS))
    })
}

/// `printed` with every stand-in line replaced by its block's doc lines. A stand-in whose key
/// this thread did not register is an emitter bug, reported as the message. (Prose holding the
/// mark was written out, and prints with a space after `///`, so it is never taken for one.)
pub fn expand(printed: String) -> Result<String, String> {
    if !printed.contains(PRINTED_PREFIX) {
        return refuse_leaks(printed);
    }
    BLOCKS
        .with(|blocks| {
            let blocks = blocks.borrow();
            let mut expanded = String::with_capacity(printed.len() * 2);
            for line in printed.split_inclusive('\n') {
                let Some((indent, key)) = stand_in_line(line) else {
                    expanded.push_str(line);
                    continue;
                };
                let text = blocks
                    .as_ref()
                    .and_then(|blocks| blocks.get(&key))
                    .ok_or_else(|| {
                        format!("the doc comment stand-in `{}` has no text", line.trim())
                    })?;
                push_doc_lines(&mut expanded, indent, text);
            }
            Ok(expanded)
        })
        .and_then(refuse_leaks)
}

/// `printed`, unless a stand-in was printed as an attribute rather than a doc line, as it would
/// be inside a macro call's arguments: its text would be lost.
fn refuse_leaks(printed: String) -> Result<String, String> {
    let leaked = printed.match_indices(LITERAL_PREFIX).find(|(at, _)| {
        let key = &printed[at + LITERAL_PREFIX.len()..];
        key.len() > KEY_DIGITS
            && key.as_bytes()[..KEY_DIGITS]
                .iter()
                .all(u8::is_ascii_hexdigit)
            && key.as_bytes()[KEY_DIGITS] == b'"'
    });
    match leaked {
        Some((at, _)) => Err(format!(
            "a doc comment stand-in was printed where no doc line goes: `{}`",
            &printed[at..at + LITERAL_PREFIX.len() + KEY_DIGITS + 1]
        )),
        None => Ok(printed),
    }
}

/// The indentation and key of a printed stand-in line: spaces, `///`, the mark, the key.
fn stand_in_line(line: &str) -> Option<(&str, u64)> {
    let body = line.trim_end_matches('\n');
    let indent_len = body.len() - body.trim_start_matches(' ').len();
    let (indent, rest) = body.split_at(indent_len);
    let hex = rest.strip_prefix(PRINTED_PREFIX)?;
    if hex.len() != KEY_DIGITS {
        return None;
    }
    Some((indent, u64::from_str_radix(hex, 16).ok()?))
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
        assert!(error.contains("where no doc line goes"), "{error}");
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
}
