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
        let ends_item = match &tree {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && !matches!(trees.peek(), Some(TokenTree::Punct(next)) if next.as_char() == ';')
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        };
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
