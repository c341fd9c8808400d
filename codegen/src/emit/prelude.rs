//! Shortens the fully qualified `std` paths the emitters write (`::std::option::Option::Some`)
//! to the prelude's names (`Some`) in a file that defines none of those names itself.
//!
//! Emitters always write full paths, because a spec can name a model `Option` or `Result`, and
//! a model shadows the prelude in the module that defines it. Only the file knows what it
//! defines, so the file's pieces shorten their tokens here: a models file of Microsoft Graph's
//! spent 31 % of its tokens on such paths, which cost generation (every token is parsed and
//! printed) and readers alike.

use proc_macro2::{Group, Ident, Literal, Span, TokenStream, TokenTree};

use crate::ir::{Operation, Resource};

/// The prelude items a path may be shortened to: the `std` module each lives in, and its name.
const ITEMS: &[(&str, &str)] = &[
    ("option", "Option"),
    ("result", "Result"),
    ("string", "String"),
    ("vec", "Vec"),
    ("boxed", "Box"),
    ("convert", "Into"),
    ("convert", "From"),
    ("convert", "TryFrom"),
    ("default", "Default"),
    ("clone", "Clone"),
];

/// Enum variants the prelude names alone: `Option::Some` is `Some`.
const VARIANTS: &[(&str, &[&str])] = &[("Option", &["Some", "None"]), ("Result", &["Ok", "Err"])];

/// Words after which `::std` starts a path rather than continuing one (`a::std`).
const KEYWORDS: &[&str] = &[
    "as", "dyn", "impl", "for", "in", "mut", "return", "where", "const", "static", "let", "ref",
    "move", "else", "match", "if", "while", "break", "pub", "type", "use",
];

/// Which prelude names a file leaves to the prelude.
#[derive(Clone, Copy, Debug)]
pub struct Prelude {
    /// A bit per name of [`ITEMS`], then per variant of [`VARIANTS`], set when it is free.
    free: u32,
}

impl Prelude {
    /// The names a file defining `defined` (its types' names) leaves free.
    pub fn beside<'a>(defined: impl IntoIterator<Item = &'a str>) -> Prelude {
        let defined: Vec<&str> = defined.into_iter().collect();
        let mut free = 0;
        for (bit, name) in all_names().enumerate() {
            if !defined.contains(&name) {
                free |= 1 << bit;
            }
        }
        Prelude { free }
    }

    /// The names a resource's module declares, in the client and in the fake alike: its
    /// handle, and one type per operation (the request builder, or the fake's input).
    pub fn of_resource(resource: &Resource, operations: &[&Operation]) -> Prelude {
        let builders = operations
            .iter()
            .map(|operation| operation.request_type.as_str());
        Prelude::beside(std::iter::once(resource.type_name.as_str()).chain(builders))
    }

    /// `tokens` with each `::std::module::Name` whose name is free written as `Name`, and each
    /// `::std::option::Option::Some` (and `None`, `Ok`, `Err`) as the variant alone.
    pub fn shorten(self, tokens: TokenStream) -> TokenStream {
        // Trees are moved, never cloned: an identifier's clone is an allocation.
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut rest = trees.into_iter();
        while let Some(short) = self.step(&mut rest, &out) {
            out.push(short);
        }
        out.into_iter().collect()
    }

    /// The next tree of `rest`, shortened, or a short name for the `std` path it starts.
    fn step(
        self,
        rest: &mut std::vec::IntoIter<TokenTree>,
        before: &[TokenTree],
    ) -> Option<TokenTree> {
        if let Some((name, taken)) = self.std_path(rest.as_slice()) {
            let starts_path = match before.last() {
                Some(TokenTree::Ident(word)) => KEYWORDS.iter().any(|keyword| word == keyword),
                _ => true,
            };
            if starts_path {
                rest.nth(taken - 1);
                return Some(TokenTree::Ident(Ident::new(name, Span::call_site())));
            }
        }
        Some(match rest.next()? {
            TokenTree::Group(group) => {
                let (delimiter, span, stream) = (group.delimiter(), group.span(), group.stream());
                // With the group gone, its stream has one owner, so `shorten` moves its trees
                // instead of copying each (an identifier's copy is an allocation).
                drop(group);
                let mut inner = Group::new(delimiter, self.shorten(stream));
                inner.set_span(span);
                TokenTree::Group(inner)
            }
            // Only an attribute's argument can be a path: never a doc comment's text.
            TokenTree::Literal(literal) if is_attribute_argument(before) => {
                self.shorten_literal(literal)
            }
            tree => tree,
        })
    }

    /// A path in a string, as serde's attributes take them
    /// (`skip_serializing_if = "::std::option::Option::is_none"`), shortened like one in code.
    fn shorten_literal(self, literal: Literal) -> TokenTree {
        let text = literal.to_string();
        if !text.starts_with("\"::std::") {
            return TokenTree::Literal(literal);
        }
        let short = text
            .strip_prefix("\"::std::")
            .and_then(|path| path.strip_suffix('"'))
            .and_then(|path| {
                let mut segments = path.split("::");
                let (module, name) = (segments.next()?, segments.next()?);
                let idx = ITEMS.iter().position(|item| *item == (module, name))?;
                self.is_free(idx).then(|| {
                    std::iter::once(name)
                        .chain(segments)
                        .collect::<Vec<_>>()
                        .join("::")
                })
            });
        match short {
            Some(path) => TokenTree::Literal(Literal::string(&path)),
            None => TokenTree::Literal(literal),
        }
    }

    /// The short name for the `::std::module::Name[::Variant]` that `trees` starts with, and
    /// how many trees it replaces.
    fn std_path(self, trees: &[TokenTree]) -> Option<(&'static str, usize)> {
        let [a, b, TokenTree::Ident(krate), c, d, TokenTree::Ident(module), e, f, TokenTree::Ident(name), rest @ ..] =
            trees
        else {
            return None;
        };
        if krate != "std" || ![a, b, c, d, e, f].iter().all(|tree| is_colon(tree)) {
            return None;
        }
        let (idx, (_, item)) = ITEMS
            .iter()
            .enumerate()
            .find(|(_, (in_module, item))| module == in_module && name == item)?;
        if !self.is_free(idx) {
            return None;
        }
        if let [g, h, TokenTree::Ident(variant), ..] = rest {
            if is_colon(g) && is_colon(h) {
                if let Some(bit) = self.free_variant(item, variant) {
                    return Some((variant_name(bit), 12));
                }
            }
        }
        Some((item, 9))
    }

    /// The bit of `item`'s variant `variant` when the prelude names it and it is free.
    fn free_variant(self, item: &str, variant: &Ident) -> Option<usize> {
        all_names()
            .enumerate()
            .skip(ITEMS.len())
            .find(|(bit, name)| {
                variant == name
                    && self.is_free(*bit)
                    && VARIANTS
                        .iter()
                        .any(|(owner, variants)| *owner == item && variants.contains(name))
            })
            .map(|(bit, _)| bit)
    }

    fn is_free(self, bit: usize) -> bool {
        self.free & (1 << bit) != 0
    }
}

/// Every name of [`ITEMS`], then every variant of [`VARIANTS`]: bit order of [`Prelude::free`].
fn all_names() -> impl Iterator<Item = &'static str> {
    let items = ITEMS.iter().map(|(_, name)| *name);
    items.chain(
        VARIANTS
            .iter()
            .flat_map(|(_, variants)| variants.iter().copied()),
    )
}

fn variant_name(bit: usize) -> &'static str {
    all_names().nth(bit).unwrap_or_default()
}

/// Whether `before` ends with `name =`, `name` not `doc`.
fn is_attribute_argument(before: &[TokenTree]) -> bool {
    matches!(before, [.., TokenTree::Ident(name), TokenTree::Punct(eq)] if eq.as_char() == '=' && name != "doc")
}

fn is_colon(tree: &TokenTree) -> bool {
    matches!(tree, TokenTree::Punct(punct) if punct.as_char() == ':')
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::Prelude;

    #[test]
    fn free_names_are_shortened_and_taken_ones_kept() {
        let tokens = quote! {
            pub struct Result {
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                a: ::std::option::Option<::std::string::String>,
                #[serde(with = "::std::result::Result")]
                b: (),
            }
            fn f() -> ::std::result::Result<(), ()> {
                let _ = ::std::option::Option::Some(1).is_some();
                let _ = ::std::option::Option::<u8>::None;
                let _ = ::std::option::Option::is_none(&None::<u8>);
                let _: ::std::fmt::Result = ::std::result::Result::Ok(());
                <::std::string::String as ::std::default::Default>::default();
                ::std::result::Result::Ok(())
            }
        };
        let short = Prelude::beside(["Result"]).shorten(tokens);
        let expected = quote! {
            pub struct Result {
                #[serde(skip_serializing_if = "Option::is_none")]
                a: Option<String>,
                #[serde(with = "::std::result::Result")]
                b: (),
            }
            fn f() -> ::std::result::Result<(), ()> {
                let _ = Some(1).is_some();
                let _ = Option::<u8>::None;
                let _ = Option::is_none(&None::<u8>);
                let _: ::std::fmt::Result = ::std::result::Result::Ok(());
                <String as Default>::default();
                ::std::result::Result::Ok(())
            }
        };
        assert_eq!(short.to_string(), expected.to_string());
    }

    #[test]
    fn a_path_inside_another_path_is_left_alone() {
        let tokens = quote! { a::std::option::Option };
        let same = tokens.to_string();
        assert_eq!(Prelude::beside([]).shorten(tokens).to_string(), same);
    }
}
