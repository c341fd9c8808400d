//! Cuts emitted tokens at the ends of whole items, without parsing them, so that formatting
//! and the item cache can take one item at a time.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The items of `tokens`, each as its token trees, in order.
///
/// An item ends at a `;`, or at a `{ … }` not followed by `;` (`const X: T = T { … };` and
/// `use a::{b, c};` go on to their `;`). Inner attributes (`#![doc = …]`) stay with the item
/// after them. The same rule cuts the items of an `impl` block's body.
pub fn split(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut item = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let ends_item = ends_item(boundary(&tree), trees.peek().map(boundary));
        item.push(tree);
        if ends_item {
            items.push(std::mem::take(&mut item));
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    items
}

/// What a tree is to the rule that ends an item.
#[derive(Clone, Copy, PartialEq)]
pub enum Boundary {
    Semicolon,
    Brace,
    Other,
}

/// Whether a tree of kind `this`, followed by one of kind `next`, ends an item: the one rule
/// for cutting tokens here and `tree::split_items`' trees.
pub fn ends_item(this: Boundary, next: Option<Boundary>) -> bool {
    match this {
        Boundary::Semicolon => true,
        Boundary::Brace => next != Some(Boundary::Semicolon),
        Boundary::Other => false,
    }
}

fn boundary(tree: &TokenTree) -> Boundary {
    match tree {
        TokenTree::Punct(punct) if punct.as_char() == ';' => Boundary::Semicolon,
        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => Boundary::Brace,
        _ => Boundary::Other,
    }
}
