//! Token helpers below every emitter: string literals written without proc_macro2's
//! per-character escaping, and token streams moved into `quote!` instead of copied. A leaf: it
//! depends on nothing in `emit`.

use std::cell::Cell;

use proc_macro2::{Literal, TokenStream};
use quote::ToTokens;

/// The string literal of `text`, exactly as `quote!` writes a `String` (`Literal::string`).
///
/// proc_macro2 escapes a string one character at a time through `char::escape_debug`, which
/// was 6 % of a stripe run's instructions (doc stand-ins, setter docs, wire names). Here runs
/// of printable ASCII are copied whole, only the characters around them are escaped (the
/// others beyond ASCII by `escape_debug`, as proc_macro2 does), and the text is read back as a
/// literal; text holding NUL goes to proc_macro2. Debug builds check the two agree.
pub fn lit_str(text: &str) -> Literal {
    let literal = escaped_repr(text)
        .and_then(|repr| repr.parse().ok())
        .unwrap_or_else(|| Literal::string(text));
    debug_assert_eq!(literal.to_string(), Literal::string(text).to_string());
    literal
}

/// The text of [`lit_str`]'s literal, quotes included, as prettyplease prints it.
pub fn lit_text(text: &str) -> String {
    escaped_repr(text).unwrap_or_else(|| Literal::string(text).to_string())
}

/// `text`'s literal, written out, when it holds no NUL (whose escape depends on what follows).
fn escaped_repr(text: &str) -> Option<String> {
    use std::fmt::Write;
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut plain_from = 0;
    let mut at = 0;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let byte = bytes[at];
        if matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\' {
            at += 1;
            continue;
        }
        repr.push_str(&text[plain_from..at]);
        match byte {
            b'"' => repr.push_str("\\\""),
            b'\\' => repr.push_str("\\\\"),
            b'\t' => repr.push_str("\\t"),
            b'\n' => repr.push_str("\\n"),
            b'\r' => repr.push_str("\\r"),
            0 => return None,
            1..=0x1f | 0x7f => {
                let _ = write!(repr, "\\u{{{byte:x}}}");
            }
            _ => {
                // Beyond ASCII: `at` starts a character, which proc_macro2 writes by
                // `escape_debug` (as itself when printable).
                let ch = text[at..].chars().next()?;
                repr.extend(ch.escape_debug());
                at += ch.len_utf8();
                plain_from = at;
                continue;
            }
        }
        at += 1;
        plain_from = at;
    }
    repr.push_str(&text[plain_from..]);
    repr.push('"');
    Some(repr)
}

/// The tokens of `text`, Rust an emitter wrote as text; text that does not lex (an emitter's
/// bug) becomes a `compile_error!` saying so, in the crate it would have broken anyway.
pub fn tokens_of(text: &str) -> TokenStream {
    text.parse().unwrap_or_else(|_| {
        let message = lit_str(&format!(
            "the generator wrote Rust that does not lex: {text}"
        ));
        quote::quote! { ::core::compile_error!(#message); }
    })
}

/// A token stream that `quote!` moves into what it builds instead of copying.
///
/// `quote!` interpolates a `TokenStream` by cloning it, and proc_macro2 then copies a shared
/// stream's trees one by one (each identifier and literal a new allocation) before the
/// original is dropped: for the nested streams of a large item, every level copies all below
/// it. That was 7 % of a stripe run's instructions. Interpolate it once; a second use panics.
pub struct Moved(Cell<Option<TokenStream>>);

/// `tokens`, to be moved by the one `quote!` that interpolates them.
pub fn moved(tokens: TokenStream) -> Moved {
    Moved(Cell::new(Some(tokens)))
}

impl ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let moved = self
            .0
            .take()
            .expect("a moved token stream is interpolated once");
        tokens.extend(std::iter::once(moved));
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Literal;
    use quote::quote;

    use super::*;

    #[test]
    fn string_literals_are_written_as_proc_macro2_writes_them() {
        let texts = [
            "",
            "plain words",
            "quotes \" and backslashes \\ and 'ticks'",
            "tab\tnew line\ncarriage\rreturn",
            "\u{1}0123456789abcdef",
            "\u{2}\u{1f}\u{7f}~",
            "NUL\u{0}1 and NUL\u{0}a",
            "café – ünïcode\u{301} and \u{200b}",
            "\u{301}leading mark, `.handle(…)` and a trailing é",
            "\u{85}\u{a0}\u{ad}\u{feff}\u{10ffff}🦀\"\\",
        ];
        for text in texts {
            assert_eq!(
                lit_str(text).to_string(),
                Literal::string(text).to_string(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_moved_stream_is_spliced_whole_into_what_quote_builds() {
        let inner = moved(quote! { a + b });
        assert_eq!(quote! { f(#inner) }.to_string(), "f (a + b)");
    }
}
