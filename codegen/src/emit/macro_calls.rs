//! Prints the macro calls the emitter writes as items, such as
//! `crate::runtime::request_methods!(GetRequest => crate::models::Share, json);`, as rustfmt
//! would. prettyplease cannot know what a macro's arguments are, so it spaces them like the body
//! of a `macro_rules!` (`crate ::models::Page < crate ::models::Share >`); the emitter's calls
//! hold only paths, types, literals and commas, which print without that doubt.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::tree::{self, Tree};
use crate::naming;

/// rustfmt's line width; a call that fits stays on one line.
const MAX_WIDTH: usize = 100;

/// The text of `item` if it is a macro call this module prints: `path!(arguments);` with no
/// attributes, every argument made of the tokens [`print_tokens`] knows. Anything else is left
/// to prettyplease.
pub fn print(item: &syn::Item) -> Option<String> {
    let syn::Item::Macro(item) = item else {
        return None;
    };
    let call = &item.mac;
    if !item.attrs.is_empty()
        || item.ident.is_some()
        || item.semi_token.is_none()
        || !matches!(call.delimiter, syn::MacroDelimiter::Paren(_))
    {
        return None;
    }
    print_call(
        quote::ToTokens::to_token_stream(&call.path),
        call.tokens.clone(),
    )
}

/// [`print`] for an item still in tokens, so that a call needs no parse: `path!(arguments);`
/// where the path is words joined by `::`.
pub fn print_trees(item: &[Tree]) -> Option<String> {
    let [path @ .., Tree::Punct(bang), Tree::Group(arguments), Tree::Punct(semi)] = item else {
        return None;
    };
    if bang.as_char() != '!'
        || semi.as_char() != ';'
        || arguments.delimiter() != Delimiter::Parenthesis
        || !is_path(path)
    {
        return None;
    }
    print_call(tree::to_stream(path), tree::to_stream(arguments.trees()))
}

/// Whether `trees` are a path of words: `a::b::c`, `::a::b`.
fn is_path(trees: &[Tree]) -> bool {
    let mut rest = trees;
    if let [Tree::Punct(first), Tree::Punct(second), after @ ..] = rest {
        if !is_path_separator(first, second) {
            return false;
        }
        rest = after;
    }
    loop {
        match rest {
            [Tree::Ident(_)] => return true,
            [Tree::Ident(_), Tree::Punct(first), Tree::Punct(second), after @ ..]
                if is_path_separator(first, second) =>
            {
                rest = after;
            }
            _ => return false,
        }
    }
}

fn is_path_separator(first: &proc_macro2::Punct, second: &proc_macro2::Punct) -> bool {
    first.as_char() == ':' && first.spacing() == Spacing::Joint && second.as_char() == ':'
}

/// The call `path!(arguments);` on one line if it fits, else one argument per line.
fn print_call(path: TokenStream, arguments: TokenStream) -> Option<String> {
    let path = print_tokens(path)?;
    let arguments = split_arguments(arguments)?
        .into_iter()
        .map(print_tokens)
        .collect::<Option<Vec<_>>>()?;
    let one_line = format!("{path}!({});\n", arguments.join(", "));
    if one_line.len() - 1 <= MAX_WIDTH {
        return Some(one_line);
    }
    // As rustfmt breaks a call that does not fit: one argument per line. No trailing comma,
    // since a macro's pattern need not accept one.
    let mut text = format!("{path}!(\n");
    for (idx, argument) in arguments.iter().enumerate() {
        text.push_str("    ");
        text.push_str(argument);
        text.push_str(if idx + 1 < arguments.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    text.push_str(");\n");
    Some(text)
}

/// The arguments of a call: its tokens cut at the commas outside any group and any `<…>`
/// (a `>` joined to `=` or `-` is an arrow, not a closing bracket). `None` when an argument is
/// empty, as in `m!(A,, B)` or `m!(A,)`: printing would have to drop or keep a comma the macro
/// may care about, so prettyplease prints it as written.
fn split_arguments(tokens: TokenStream) -> Option<Vec<TokenStream>> {
    let mut arguments = vec![Vec::new()];
    let mut depth = 0usize;
    let mut after_joint = false;
    for tree in tokens {
        let mut joint = false;
        if let TokenTree::Punct(punct) = &tree {
            joint = punct.spacing() == Spacing::Joint;
            match punct.as_char() {
                ',' if depth == 0 => {
                    arguments.push(Vec::new());
                    after_joint = false;
                    continue;
                }
                '<' => depth += 1,
                '>' if !after_joint => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        after_joint = joint;
        arguments.last_mut()?.push(tree);
    }
    if arguments.iter().any(Vec::is_empty) {
        return None;
    }
    Some(
        arguments
            .into_iter()
            .map(|argument| argument.into_iter().collect())
            .collect(),
    )
}

/// Paths, types, literals and `=>` as rustfmt writes them: words apart, `, ` and ` => `, and
/// nothing between other punctuation; `None` for any other token (keywords other than path
/// roots, lifetimes), or a group other than `( )`.
fn print_tokens(tokens: TokenStream) -> Option<String> {
    let mut text = String::new();
    let mut after_word = false;
    let mut after_comma = false;
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        if after_comma {
            text.push(' ');
            after_comma = false;
        }
        match tree {
            TokenTree::Ident(ident) => {
                let word = ident.to_string();
                if is_keyword(&word) {
                    return None;
                }
                if after_word {
                    text.push(' ');
                }
                text.push_str(&word);
                after_word = true;
            }
            TokenTree::Literal(literal) => {
                if after_word {
                    text.push(' ');
                }
                text.push_str(&literal.to_string());
                after_word = true;
            }
            TokenTree::Punct(punct) => {
                let arrow = punct.as_char() == '='
                    && punct.spacing() == Spacing::Joint
                    && matches!(trees.peek(), Some(TokenTree::Punct(next)) if next.as_char() == '>');
                match punct.as_char() {
                    '=' if arrow => {
                        trees.next();
                        text.push_str(" => ");
                    }
                    ',' => {
                        text.push(',');
                        after_comma = true;
                    }
                    ':' | '<' | '>' | '&' => text.push(punct.as_char()),
                    _ => return None,
                }
                after_word = false;
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {
                text.push('(');
                text.push_str(&print_tokens(group.stream())?);
                text.push(')');
                after_word = true;
            }
            TokenTree::Group(_) => return None,
        }
    }
    Some(text)
}

/// Whether `word` is a keyword other than a path root (`crate`, `self`, `super`, `Self`), which
/// these simple rules may not print: after `dyn`, `impl`, `as` or `mut`, rustfmt keeps a space
/// before a leading `::`.
fn is_keyword(word: &str) -> bool {
    naming::is_keyword(word) && !matches!(word, "crate" | "self" | "super" | "Self")
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// The print from the parsed item, checked to be the print from its tokens.
    fn printed(tokens: TokenStream) -> Option<String> {
        let parsed = print(&syn::parse2(tokens.clone()).unwrap());
        let trees = tree::trees(tokens);
        assert_eq!(print_trees(&trees), parsed, "{parsed:?}");
        parsed
    }

    #[test]
    fn a_call_that_fits_is_one_line_and_a_longer_one_an_argument_per_line() {
        let call = quote! {
            crate::runtime::request_methods!(GetRequest => crate::runtime::Page<crate::models::Share>, envelope_page_in("items"));
        };
        assert_eq!(
            printed(call).unwrap(),
            "crate::runtime::request_methods!(\n    GetRequest => crate::runtime::Page<crate::models::Share>,\n    envelope_page_in(\"items\")\n);\n"
        );
        let short = quote! { crate::runtime::request_methods!(A => (), empty); };
        assert_eq!(
            printed(short).unwrap(),
            "crate::runtime::request_methods!(A => (), empty);\n"
        );
    }

    #[test]
    fn generic_arguments_print_as_rustfmt_writes_them() {
        let call = quote! { m!(A => ::std::collections::BTreeMap<::std::string::String, Vec<&str>>, json); };
        assert_eq!(
            printed(call).unwrap(),
            "m!(A => ::std::collections::BTreeMap<::std::string::String, Vec<&str>>, json);\n"
        );
        // A comma inside `<…>` does not cut an argument, so a broken call keeps the type whole.
        let long = quote! {
            crate::runtime::request_methods!(MlOperationsCancelRequest => ::serde_json::Map<::std::string::String, ::serde_json::Value>, json);
        };
        assert_eq!(
            printed(long).unwrap(),
            "crate::runtime::request_methods!(\n    MlOperationsCancelRequest => ::serde_json::Map<::std::string::String, ::serde_json::Value>,\n    json\n);\n"
        );
        let tuple = quote! { m!(A => (u8,), json); };
        assert_eq!(printed(tuple).unwrap(), "m!(A => (u8,), json);\n");
    }

    #[test]
    fn a_call_in_tokens_is_printed_only_after_a_path_of_words() {
        let trees = tree::trees;
        assert!(is_path(&trees(quote! { ::a::b })));
        assert!(is_path(&trees(quote! { crate::m })));
        for path in [
            quote! { a::<T>::m },
            quote! { a:::m },
            quote! { a:: },
            quote! {},
        ] {
            assert!(!is_path(&trees(path.clone())), "{path}");
        }
        assert_eq!(print_trees(&trees(quote! { #[doc = "x"] m!(A); })), None);
    }

    #[test]
    fn anything_else_is_left_to_prettyplease() {
        for item in [
            quote! { #[allow(unused)] m!(A); },
            quote! { m! { A } },
            quote! { m!(A + B); },
            quote! { m!([u8; 4]); },
            quote! { macro_rules! m { () => {} } },
            quote! { pub struct A; },
            quote! { m!(A,, B); },
            quote! { m!(A,); },
            quote! { m!(A => &'a str, json); },
            quote! { m!(A => Box<dyn ::std::error::Error>, json); },
        ] {
            assert_eq!(printed(item.clone()), None, "{item}");
        }
    }
}
