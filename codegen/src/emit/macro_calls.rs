//! Prints the macro calls the emitter writes as items, such as
//! `crate::runtime::request_methods!(GetRequest => crate::models::Share, json);`, as rustfmt
//! would. prettyplease cannot know what a macro's arguments are, so it spaces them like the body
//! of a `macro_rules!` (`crate ::models::Page < crate ::models::Share >`); the emitter's calls
//! hold only paths, types, literals and commas, which print without that doubt.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

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
    let path = print_tokens(quote::ToTokens::to_token_stream(&call.path))?;
    let arguments = split_arguments(call.tokens.clone())
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

/// The arguments of a call: its tokens cut at the commas outside any group.
fn split_arguments(tokens: TokenStream) -> Vec<TokenStream> {
    let mut arguments = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' => arguments.push(Vec::new()),
            _ => arguments
                .last_mut()
                .map_or((), |argument| argument.push(tree)),
        }
    }
    arguments
        .into_iter()
        .filter(|argument| !argument.is_empty())
        .map(|argument| argument.into_iter().collect())
        .collect()
}

/// Paths, types, literals and `=>` as rustfmt writes them: words apart, `, ` and ` => `, and
/// nothing between other punctuation; `None` for any other token, or a group other than `( )`.
fn print_tokens(tokens: TokenStream) -> Option<String> {
    let mut text = String::new();
    let mut after_word = false;
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Ident(ident) => {
                if after_word {
                    text.push(' ');
                }
                text.push_str(&ident.to_string());
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
                    ',' => text.push_str(", "),
                    ':' | '<' | '>' | '&' | '\'' => text.push(punct.as_char()),
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

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn printed(tokens: TokenStream) -> Option<String> {
        print(&syn::parse2(tokens).unwrap())
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
        let call = quote! { m!(A => ::std::collections::BTreeMap<::std::string::String, Vec<&'a str>>, json); };
        assert_eq!(
            printed(call).unwrap(),
            "m!(A => ::std::collections::BTreeMap<::std::string::String, Vec<&'a str>>, json);\n"
        );
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
        ] {
            assert_eq!(printed(item.clone()), None, "{item}");
        }
    }
}
