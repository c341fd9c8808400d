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
