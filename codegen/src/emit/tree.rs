//! Owned token trees the printers read by reference. A leaf: it depends only on `items`'
//! rule for where an item ends.
//!
//! proc_macro2 reads a group's tokens only through `Group::stream`, which shares them, and
//! iterating a shared stream copies every tree of it (each identifier and literal a new
//! allocation). The printers descend into every group of every item they print, some more than
//! once, so those copies were 5 % of a Graph run's emit instructions and as much again to free
//! them. Moved once into a [`Tree`], an item's groups are plain vectors that any printer can
//! borrow; only what goes on to `syn` is turned back into tokens.

use proc_macro2::{Delimiter, Ident, Literal, Punct, TokenStream, TokenTree};

use super::items::{ends_item, Boundary};

/// A token tree whose groups own their trees.
#[derive(Clone)]
pub enum Tree {
    Group(Group),
    Ident(Ident),
    Punct(Punct),
    Literal(Literal),
}

/// A delimited group and the trees inside it.
#[derive(Clone)]
pub struct Group {
    delimiter: Delimiter,
    trees: Vec<Tree>,
}

impl Group {
    pub fn delimiter(&self) -> Delimiter {
        self.delimiter
    }

    /// The trees between the delimiters.
    pub fn trees(&self) -> &[Tree] {
        &self.trees
    }
}

/// The trees of `tokens`, moved: a stream that nothing else holds gives up its trees without a
/// copy, and each group lets go of its stream before it is read.
pub fn trees(tokens: impl IntoIterator<Item = TokenTree>) -> Vec<Tree> {
    tokens.into_iter().map(tree).collect()
}

fn tree(token: TokenTree) -> Tree {
    match token {
        TokenTree::Group(group) => {
            let delimiter = group.delimiter();
            let stream = group.stream();
            drop(group);
            Tree::Group(Group {
                delimiter,
                trees: trees(stream),
            })
        }
        TokenTree::Ident(ident) => Tree::Ident(ident),
        TokenTree::Punct(punct) => Tree::Punct(punct),
        TokenTree::Literal(literal) => Tree::Literal(literal),
    }
}

/// `trees` as tokens again, moved; spans are the call site's, as every emitted token's are.
pub fn into_stream(trees: Vec<Tree>) -> TokenStream {
    trees.into_iter().map(into_token).collect()
}

fn into_token(tree: Tree) -> TokenTree {
    match tree {
        Tree::Group(group) => TokenTree::Group(proc_macro2::Group::new(
            group.delimiter,
            into_stream(group.trees),
        )),
        Tree::Ident(ident) => TokenTree::Ident(ident),
        Tree::Punct(punct) => TokenTree::Punct(punct),
        Tree::Literal(literal) => TokenTree::Literal(literal),
    }
}

/// A copy of `trees` as tokens, for what goes on to `syn` while the trees are still read.
pub fn to_stream(trees: &[Tree]) -> TokenStream {
    into_stream(trees.to_vec())
}

/// Writes onto `out` an encoding of `trees` that two lists of trees share only if they are the
/// same tokens, for the item cache's key: each identifier and literal is its text, then its
/// length and a tag, and each punct and group delimiter a tag of its own, so the encoding
/// reads back from its end one way only. It reads the trees the printers read, where the key
/// was the tokens' `Display` text: an item no longer has to be copied to be both hashed and
/// printed.
pub fn write_key(trees: &[Tree], out: &mut Vec<u8>) {
    for tree in trees {
        match tree {
            Tree::Group(group) => {
                out.extend_from_slice(&[delimiter_tag(group.delimiter), b'G']);
                write_key(&group.trees, out);
                out.push(b'g');
            }
            Tree::Ident(ident) => write_text(out, ident, b'I'),
            Tree::Literal(literal) => write_text(out, literal, b'L'),
            Tree::Punct(punct) => {
                let spacing = match punct.spacing() {
                    proc_macro2::Spacing::Joint => b'j',
                    proc_macro2::Spacing::Alone => b'a',
                };
                let mut char_bytes = [0; 4];
                out.extend_from_slice(punct.as_char().encode_utf8(&mut char_bytes).as_bytes());
                out.extend_from_slice(&[spacing, b'P']);
            }
        }
    }
}

fn delimiter_tag(delimiter: Delimiter) -> u8 {
    match delimiter {
        Delimiter::Parenthesis => b'(',
        Delimiter::Brace => b'{',
        Delimiter::Bracket => b'[',
        Delimiter::None => b'0',
    }
}

/// `text` as it displays, then its length in bytes and `tag`.
fn write_text(out: &mut Vec<u8>, text: &impl std::fmt::Display, tag: u8) {
    use std::fmt::Write;
    let start = out.len();
    // Writing into a vector cannot fail.
    let _ = write!(Bytes(out), "{text}");
    let len = u32::try_from(out.len() - start).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.push(tag);
}

/// A vector of bytes that text is written onto as it is, without `io::Write`'s adapter.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

fn boundary(tree: &Tree) -> Boundary {
    match tree {
        Tree::Punct(punct) if punct.as_char() == ';' => Boundary::Semicolon,
        Tree::Group(group) if group.delimiter == Delimiter::Brace => Boundary::Brace,
        _ => Boundary::Other,
    }
}

/// Cuts `trees` after each whole item, by the rule `items::split` cuts tokens by.
pub fn split_items(trees: &[Tree]) -> Vec<&[Tree]> {
    let mut items = Vec::new();
    let mut start = 0;
    for (at, tree) in trees.iter().enumerate() {
        if ends_item(boundary(tree), trees.get(at + 1).map(boundary)) {
            items.push(&trees[start..=at]);
            start = at + 1;
        }
    }
    if start < trees.len() {
        items.push(&trees[start..]);
    }
    items
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn trees_turn_back_into_the_same_tokens() {
        let tokens = quote! {
            #[derive(Debug)]
            pub struct A { a: Vec<u8>, b: [u8; 2] }
            impl A { fn f(&self) -> u8 { (self.b[0] + 1) * 2 } }
        };
        let trees = trees(tokens.clone());
        assert_eq!(to_stream(&trees).to_string(), tokens.to_string());
        assert_eq!(into_stream(trees).to_string(), tokens.to_string());
    }

    fn key(tokens: TokenStream) -> Vec<u8> {
        let mut key = Vec::new();
        write_key(&trees(tokens), &mut key);
        key
    }

    /// Tokens that print alike but are not the same tokens, and so may format otherwise, never
    /// share a key; the same tokens always do.
    #[test]
    fn keys_tell_apart_what_text_would_not() {
        let pairs = [
            (quote! { a b }, quote! { ab }),
            (quote! { (a) }, quote! { [a] }),
            (quote! { a }, quote! { "a" }),
            (quote! { r#type }, quote! { type }),
            (quote! { f(a, b) }, quote! { f(a,) b }),
        ];
        for (one, other) in pairs {
            assert_ne!(key(one.clone()), key(other.clone()), "{one} / {other}");
        }
        let joint: TokenStream = "a <<= b".parse().unwrap();
        let apart: TokenStream = "a < <= b".parse().unwrap();
        assert_ne!(key(joint), key(apart));
        let none = TokenStream::from(TokenTree::Group(proc_macro2::Group::new(
            Delimiter::None,
            quote! { a },
        )));
        assert_ne!(key(none), key(quote! { a }));
        let item = quote! { pub struct A { a: Vec<u8> } };
        assert_eq!(key(item.clone()), key(item));
    }

    #[test]
    fn items_are_cut_as_items_cuts_tokens() {
        let tokens = quote! {
            #![doc = "x"]
            use a::{b, c};
            const X: T = T { a: 1 };
            struct S { a: u8 }
            impl S {}
            m!(a);
        };
        let by_trees: Vec<String> = split_items(&trees(tokens.clone()))
            .into_iter()
            .map(|item| to_stream(item).to_string())
            .collect();
        let by_tokens: Vec<String> = super::super::items::split(tokens)
            .into_iter()
            .map(|item| item.into_iter().collect::<TokenStream>().to_string())
            .collect();
        assert_eq!(by_trees, by_tokens);
    }
}
