//! Prints a struct or enum definition from its tokens as prettyplease prints it, for the shapes
//! the emitters write: outer attributes, `pub struct Name {` (or `Name<'a>`) with fields that
//! have attributes and a type, `pub struct Name;`, or `pub enum Name {` with unit variants and
//! variants holding one type, `}`; and the one-line `mod name;` and `use path;` declarations.
//! Anything else (bounded generics, tuple structs, a type that would break anywhere but inside
//! its `<…>`) gives `None`, and the item goes through `syn` and `prettyplease`. The type and
//! attribute printers here are shared with `impls`.
//!
//! Struct definitions are a fifth of a models file's tokens, and none of it needs parsing to
//! print. `format.rs` prints the items this module prints itself and the runs between them
//! with prettyplease, as `macro_calls.rs`'s calls are; debug builds compare every struct
//! printed here with prettyplease's print of it.

use std::borrow::Cow;
use std::fmt::Write;

use proc_macro2::{Delimiter, Spacing};

use super::stand_in;
use super::statements::{
    fits, flat, is_comma, is_punct, push_flat, push_indent, push_line, push_overflowing_line,
    INDENT, MARGIN,
};
use super::tokens::{lit_text, tokens_of};
use super::tree;
use super::tree::Tree;

/// The struct, enum, `mod` or `use` item `item` as prettyplease prints it at the top level of
/// a file, or `None`.
pub fn print(item: &[Tree]) -> Option<String> {
    let mut out = String::new();
    let rest = print_attributes(item, 0, &mut out)?;
    if let Some(declaration) = declaration(rest) {
        return push_line(&mut out, 0, &declaration).map(|()| out);
    }
    let (header, fields) = match rest.split_last()? {
        (Tree::Group(fields), header) if fields.delimiter() == Delimiter::Brace => (header, fields),
        (semi, header) if is_punct(semi, ';') => {
            let header = struct_header(header).filter(|header| !header.is_enum)?;
            return header.push(";", &mut out).map(|()| out);
        }
        _ => return None,
    };
    let header = struct_header(header)?;
    let fields = fields.trees();
    if fields.is_empty() {
        return header.push(" {}", &mut out).map(|()| out);
    }
    header.push(" {", &mut out)?;
    let is_enum = header.is_enum;
    let pieces = split_fields(fields)?;
    for (idx, field) in pieces.iter().enumerate() {
        if field.is_empty() {
            // Only the comma after the last field may leave nothing behind it.
            if idx + 1 == pieces.len() {
                continue;
            }
            return None;
        }
        match is_enum {
            true => print_variant(field, &mut out)?,
            false => print_field(field, &mut out)?,
        }
    }
    push_line(&mut out, 0, "}")?;
    Some(out)
}

/// `[pub] mod name;` or `[pub] use path;` on its line, for a path of words and `*`.
fn declaration(trees: &[Tree]) -> Option<String> {
    let (visibility, rest) = visibility(trees)?;
    let [Tree::Ident(keyword), body @ .., semi] = rest else {
        return None;
    };
    if !is_punct(semi, ';') {
        return None;
    }
    let body = match (keyword.to_string().as_str(), body) {
        ("mod", [Tree::Ident(name)]) => name.to_string(),
        ("use", path) if !path.is_empty() => {
            let words_and_stars = path.iter().all(|tree| match tree {
                Tree::Ident(_) => true,
                Tree::Punct(punct) => matches!(punct.as_char(), ':' | '*'),
                _ => false,
            });
            words_and_stars.then(|| flat(path))??
        }
        _ => return None,
    };
    Some(format!("{visibility}{keyword} {body};"))
}

/// Fields or generic arguments, cut at the commas outside a type's `<…>` (which are no group
/// of their own); `None` when the angle brackets do not pair up.
pub(super) fn split_fields(trees: &[Tree]) -> Option<Vec<&[Tree]>> {
    let mut pieces = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    for (idx, tree) in trees.iter().enumerate() {
        let Tree::Punct(punct) = tree else {
            continue;
        };
        match punct.as_char() {
            '<' => depth += 1,
            '>' => depth = depth.checked_sub(1)?,
            ',' if depth == 0 => {
                pieces.push(&trees[start..idx]);
                start = idx + 1;
            }
            _ => {}
        }
    }
    pieces.push(&trees[start..]);
    (depth == 0).then_some(pieces)
}

/// A struct's or enum's header: `pub struct Name`, `pub(crate) enum Name<'a>` and the like.
struct Header {
    text: String,
    is_enum: bool,
    is_generic: bool,
}

impl Header {
    /// The header and `tail` on a line. A name has nowhere to break, so a long one runs past
    /// the margin; generics that do not fit are broken by prettyplease, and left to it.
    fn push(&self, tail: &str, out: &mut String) -> Option<()> {
        let line = format!("{}{tail}", self.text);
        if self.is_generic {
            return push_line(out, 0, &line);
        }
        push_overflowing_line(out, 0, &line);
        Some(())
    }
}

/// The header `trees` hold, with generics only as [`type_text`] writes them (lifetimes and
/// plain names; bounds are left to syn).
fn struct_header(trees: &[Tree]) -> Option<Header> {
    let (visibility, rest) = visibility(trees)?;
    let [Tree::Ident(keyword), name @ ..] = rest else {
        return None;
    };
    if keyword != "struct" && keyword != "enum" {
        return None;
    }
    let (name, is_generic) = match name {
        [Tree::Ident(name)] => (name.to_string(), false),
        [Tree::Ident(_), Tree::Punct(open), .., Tree::Punct(close)]
            if open.as_char() == '<' && close.as_char() == '>' =>
        {
            (type_text(name)?, true)
        }
        _ => return None,
    };
    Some(Header {
        text: format!("{visibility}{keyword} {name}"),
        is_enum: keyword == "enum",
        is_generic,
    })
}

/// One variant, `[attributes] Name` or `[attributes] Name(Type)`, on its lines one level in;
/// a variant whose type does not fit holds it on a line of its own, as prettyplease breaks it.
fn print_variant(variant: &[Tree], out: &mut String) -> Option<()> {
    match print_attributes(variant, INDENT, out)? {
        [Tree::Ident(name)] => push_line(out, INDENT, &format!("{name},")),
        [Tree::Ident(name), Tree::Group(inner)] if inner.delimiter() == Delimiter::Parenthesis => {
            let inner = inner.trees();
            let one_line = format!("{name}({}),", type_text(inner)?);
            if fits(INDENT, one_line.len()) {
                return push_line(out, INDENT, &one_line);
            }
            push_line(out, INDENT, &format!("{name}("))?;
            push_typed(out, 2 * INDENT, "", inner, Tail::TrailingComma)?;
            push_line(out, INDENT, "),")
        }
        _ => None,
    }
}

/// One field, `[attributes] [pub] name: Type`, on its lines one level in.
fn print_field(field: &[Tree], out: &mut String) -> Option<()> {
    let rest = print_attributes(field, INDENT, out)?;
    let (visibility, rest) = visibility(rest)?;
    let [Tree::Ident(name), Tree::Punct(colon), ty @ ..] = rest else {
        return None;
    };
    if colon.as_char() != ':' || colon.spacing() != Spacing::Alone || ty.is_empty() {
        return None;
    }
    push_typed(
        out,
        INDENT,
        &[&visibility, name.to_string().as_str(), ": "].concat(),
        ty,
        Tail::Comma,
    )
}

/// What follows a field's, a parameter's or a return type's type: a comma written always, a
/// trailing comma written only because its list is broken (which prettyplease does not count
/// when it decides whether the line fits), or the text that opens a body.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Tail {
    Comma,
    TrailingComma,
    Open(&'static str),
}

impl Tail {
    fn text(self) -> &'static str {
        match self {
            Tail::Comma | Tail::TrailingComma => ",",
            Tail::Open(text) => text,
        }
    }
}

/// `{lead}{ty}{tail}` on one line at `indent`, or when it does not fit, broken inside the
/// type's outer `<…>` with one argument per line, as prettyplease breaks a long field,
/// parameter or return type.
pub(super) fn push_typed(
    out: &mut String,
    indent: usize,
    lead: &str,
    ty: &[Tree],
    tail: Tail,
) -> Option<()> {
    push_typed_text(out, indent, lead, &type_text(ty)?, tail)
}

/// [`push_typed`] for a type as [`type_text`] writes it: the one layout of a type, for the
/// printers and for items an emitter prints itself.
pub(super) fn push_typed_text(
    out: &mut String,
    indent: usize,
    lead: &str,
    ty: &str,
    tail: Tail,
) -> Option<()> {
    let mut one_line = String::with_capacity(lead.len() + ty.len() + 2);
    one_line.push_str(lead);
    one_line.push_str(ty);
    one_line.push_str(tail.text());
    let counted = one_line.len() - usize::from(tail == Tail::TrailingComma);
    // A type with no `<…>` and no group has nowhere to break, so it runs past the margin.
    if fits(indent, counted) || is_unbreakable(ty) {
        push_overflowing_line(out, indent, &one_line);
        return Some(());
    }
    let open = outer_angle(ty)?;
    let args = ty[open + 1..].strip_suffix('>')?;
    push_line(out, indent, &format!("{lead}{}<", &ty[..open]))?;
    let args = type_arguments(args)?;
    for (idx, arg) in args.iter().enumerate() {
        let tail = match idx + 1 == args.len() {
            true => Tail::TrailingComma,
            false => Tail::Comma,
        };
        push_typed_text(out, indent + INDENT, "", arg, tail)?;
    }
    push_line(out, indent, &format!(">{}", tail.text()))
}

/// Where the first `<` outside any group of type text is.
fn outer_angle(ty: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (idx, c) in ty.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.checked_sub(1)?,
            '<' if depth == 0 => return Some(idx),
            _ => {}
        }
    }
    None
}

/// Generic arguments as [`type_text`] writes them, cut at the commas outside any `<…>` or
/// group, as [`split_fields`] cuts their trees.
fn type_arguments(text: &str) -> Option<Vec<&str>> {
    let mut arguments = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    for (idx, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.checked_sub(1)?,
            ',' if depth == 0 => {
                arguments.push(text[start..idx].trim_start());
                start = idx + 1;
            }
            _ => {}
        }
    }
    arguments.push(text[start..].trim_start());
    (depth == 0).then_some(arguments)
}

/// Whether prettyplease has nowhere to break `ty`, as [`type_text`] writes it: it holds no
/// group and no `<…>`.
pub(super) fn is_unbreakable(ty: &str) -> bool {
    !ty.contains(['<', '(', '['])
}

/// The attribute `text` (`#[…]`, flat as [`push_flat`] writes it) at `indent`, broken as
/// [`print_attributes`] breaks it when it does not fit: for items an emitter prints itself.
/// `None` when it has no layout here; the text then runs past the margin, still valid Rust,
/// and the item must go to prettyplease.
pub(super) fn push_attribute_text(out: &mut String, indent: usize, text: &str) -> Option<()> {
    if fits(indent, text.len()) {
        push_overflowing_line(out, indent, text);
        return Some(());
    }
    let trees = tree::trees(tokens_of(text));
    let mut broken = String::new();
    match print_attributes(&trees, indent, &mut broken) {
        Some([]) => {
            out.push_str(&broken);
            Some(())
        }
        _ => {
            push_overflowing_line(out, indent, text);
            None
        }
    }
}

/// The field `{lead}{ty},` at `indent`, `ty` as [`type_text`] writes it, broken as
/// [`push_typed`] breaks it when it does not fit; `None` as for [`push_attribute_text`].
pub(super) fn push_field_text(out: &mut String, indent: usize, lead: &str, ty: &str) -> Option<()> {
    let line = [lead, ty, ","].concat();
    if fits(indent, line.len()) {
        push_overflowing_line(out, indent, &line);
        return Some(());
    }
    let mut broken = String::new();
    match push_typed_text(&mut broken, indent, lead, ty, Tail::Comma) {
        Some(()) => {
            out.push_str(&broken);
            Some(())
        }
        None => {
            push_overflowing_line(out, indent, &line);
            None
        }
    }
}

/// The attribute `#[doc = "{value}"]` at `indent` as [`print_attributes`] prints it, its
/// `///` line; for a value that prints otherwise, the attribute itself and `None`, as for
/// [`push_attribute_text`].
pub(super) fn push_doc_text(out: &mut String, indent: usize, value: &str) -> Option<()> {
    let value = &*stand_in::doc_text(value);
    let literal = lit_text(value);
    if plain_doc_text(&literal).as_deref() != Some(value) {
        push_overflowing_line(out, indent, &format!("#[doc = {literal}]"));
        return None;
    }
    push_indent(out, indent);
    out.push_str("///");
    out.push_str(value);
    out.push('\n');
    Some(())
}

/// `pub `, `pub(crate) ` or nothing, and the trees after it; `None` for `pub(in path)`.
pub(super) fn visibility(trees: &[Tree]) -> Option<(String, &[Tree])> {
    Some(match trees {
        [Tree::Ident(word), Tree::Group(scope), rest @ ..]
            if word == "pub" && scope.delimiter() == Delimiter::Parenthesis =>
        {
            match scope.trees() {
                [Tree::Ident(scope)] => (format!("pub({scope}) "), rest),
                _ => return None,
            }
        }
        [Tree::Ident(word), rest @ ..] if word == "pub" => (String::from("pub "), rest),
        rest => (String::new(), rest),
    })
}

/// Prints the outer attributes `trees` starts with, one per line at `indent`, and returns the
/// trees after them.
pub(super) fn print_attributes<'t>(
    mut trees: &'t [Tree],
    indent: usize,
    out: &mut String,
) -> Option<&'t [Tree]> {
    while let [Tree::Punct(pound), Tree::Group(attribute), rest @ ..] = trees {
        if pound.as_char() != '#' || attribute.delimiter() != Delimiter::Bracket {
            return None;
        }
        print_attribute(attribute.trees(), indent, out)?;
        trees = rest;
    }
    Some(trees)
}

/// `#[meta]`: a doc attribute as its `///` line, any other by [`push_meta`].
fn print_attribute(meta: &[Tree], indent: usize, out: &mut String) -> Option<()> {
    if let [Tree::Ident(doc), Tree::Punct(equals), Tree::Literal(text)] = meta {
        if doc == "doc" && equals.as_char() == '=' {
            return push_doc_line(&text.to_string(), indent, out);
        }
    }
    push_meta("#[", meta, "]", indent, out)
}

/// `{open}meta{close}` flat when it fits, or else, for `path(list)`, `{open}path(`, each item
/// of the list on its own line one level in (broken the same way in turn if it does not fit
/// there), and `){close}`: how prettyplease breaks a long `#[serde(…)]` or
/// `#[cfg(any(…))]`. No item gets a trailing comma.
fn push_meta(
    open: &str,
    meta: &[Tree],
    close: &str,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let mut one_line = String::with_capacity(MARGIN);
    one_line.push_str(open);
    push_flat(meta, &mut one_line)?;
    one_line.push_str(close);
    if fits(indent, one_line.len()) {
        return push_line(out, indent, &one_line);
    }
    if let [Tree::Ident(_), Tree::Punct(equals), Tree::Literal(_)] = meta {
        // `name = "…"` has nowhere to break.
        if equals.as_char() == '=' {
            push_overflowing_line(out, indent, &one_line);
            return Some(());
        }
    }
    let [Tree::Ident(path), Tree::Group(list)] = meta else {
        return None;
    };
    if list.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    push_line(out, indent, &format!("{open}{path}("))?;
    let items: Vec<&[Tree]> = list.trees().split(is_comma).collect();
    for (idx, item) in items.iter().enumerate() {
        if item.is_empty() {
            return None;
        }
        let comma = if idx + 1 < items.len() { "," } else { "" };
        push_meta("", item, comma, indent + INDENT, out)?;
    }
    push_line(out, indent, &format!("){close}"))
}

/// The `///` line prettyplease prints for `#[doc = literal]`, for a literal it prints as it
/// is written: a doc stand-in's, or one with nothing escaped and no line break.
fn push_doc_line(literal: &str, indent: usize, out: &mut String) -> Option<()> {
    let text = match stand_in::printed_doc_stand_in(literal) {
        Some(text) => text,
        None => plain_doc_text(literal)?.into_owned(),
    };
    push_indent(out, indent);
    out.push_str("///");
    out.push_str(&text);
    out.push('\n');
    Some(())
}

/// Prints the inner attributes `trees` starts with, as prettyplease prints them at the top of
/// a file (a doc attribute as its `//!` line), and returns the trees after them.
pub(super) fn print_inner_attributes<'t>(
    mut trees: &'t [Tree],
    out: &mut String,
) -> Option<&'t [Tree]> {
    while let [Tree::Punct(pound), Tree::Punct(bang), Tree::Group(attribute), rest @ ..] = trees {
        if pound.as_char() != '#' || bang.as_char() != '!' {
            return Some(trees);
        }
        if attribute.delimiter() != Delimiter::Bracket {
            return None;
        }
        match attribute.trees() {
            [Tree::Ident(doc), Tree::Punct(equals), Tree::Literal(text)]
                if doc == "doc" && equals.as_char() == '=' =>
            {
                out.push_str("//!");
                out.push_str(&plain_doc_text(&text.to_string())?);
                out.push('\n');
            }
            meta => push_meta("#![", meta, "]", 0, out)?,
        }
        trees = rest;
    }
    Some(trees)
}

/// The text of a doc literal that prettyplease prints as its value after `///` or `//!`: no
/// line break, no trailing space, no start that would make the line another kind of comment,
/// and no escape but `\"`, `\\` and `\'`.
fn plain_doc_text(literal: &str) -> Option<Cow<'_, str>> {
    // A raw string's text is its value, as long as it holds no line break.
    let text = match literal.strip_prefix('r') {
        Some(raw) => Cow::Borrowed(raw.strip_prefix('"')?.strip_suffix('"')?),
        None => unescaped(literal.strip_prefix('"')?.strip_suffix('"')?)?,
    };
    let plain = !text.contains(['\n', '\r'])
        && !text.starts_with(['/', '!', '*'])
        && !text.ends_with(char::is_whitespace);
    plain.then_some(text)
}

/// The value of a string literal's text with only quote and backslash escapes.
fn unescaped(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('\\') {
        return Some(Cow::Borrowed(text));
    }
    let mut value = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                escaped @ ('"' | '\\' | '\'') => value.push(escaped),
                _ => return None,
            },
            c => value.push(c),
        }
    }
    Some(Cow::Owned(value))
}

/// A type on one line: paths, generic arguments, tuples and references, with lifetimes and
/// `impl`, `dyn` and `mut` before what they qualify.
pub(super) fn type_text(trees: &[Tree]) -> Option<String> {
    let mut out = String::with_capacity(64);
    push_type_text(trees, &mut out)?;
    Some(out)
}

/// [`type_text`] written onto the end of `out`, which it leaves part written on `None`.
pub(super) fn push_type_text(trees: &[Tree], out: &mut String) -> Option<()> {
    let start = out.len();
    let mut idx = 0;
    while idx < trees.len() {
        match &trees[idx] {
            Tree::Ident(word) => {
                if out[start..].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    return None;
                }
                let _ = write!(out, "{word}");
                if word == "impl" || word == "dyn" || word == "mut" {
                    out.push(' ');
                }
            }
            Tree::Punct(punct) => match punct.as_char() {
                '&' if punct.spacing() == Spacing::Alone => out.push('&'),
                '\'' if punct.spacing() == Spacing::Joint => {
                    let Some(Tree::Ident(name)) = trees.get(idx + 1) else {
                        return None;
                    };
                    out.push('\'');
                    let _ = write!(out, "{name}");
                    if matches!(trees.get(idx + 2), Some(Tree::Ident(_) | Tree::Group(_))) {
                        out.push(' ');
                    }
                    idx += 1;
                }
                ':' if punct.spacing() == Spacing::Joint => {
                    let Some(Tree::Punct(second)) = trees.get(idx + 1) else {
                        return None;
                    };
                    if second.as_char() != ':' {
                        return None;
                    }
                    out.push_str("::");
                    idx += 1;
                }
                '<' | '>' => out.push(punct.as_char()),
                // A trailing comma in `<…>` is written only where the arguments are broken.
                ',' if matches!(trees.get(idx + 1), Some(next) if is_punct(next, '>')) => {}
                ',' => out.push_str(", "),
                _ => return None,
            },
            Tree::Group(group) if group.delimiter() == Delimiter::Bracket => {
                out.push('[');
                push_type_text(group.trees(), out)?;
                out.push(']');
            }
            Tree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {
                let inner = group.trees();
                if inner.last().is_some_and(is_comma) {
                    return None;
                }
                out.push('(');
                push_type_text(inner, out)?;
                out.push(')');
            }
            _ => return None,
        }
        idx += 1;
    }
    Some(())
}

#[cfg(test)]
pub(super) mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::*;

    /// Asserts that `print` prints the item `tokens` as prettyplease prints it.
    pub(in crate::emit) fn assert_printed_as_prettyplease(
        print: fn(&[Tree]) -> Option<String>,
        tokens: TokenStream,
    ) {
        let trees = crate::emit::tree::trees(tokens.clone());
        let printed = print(&trees).unwrap_or_else(|| panic!("not printed: {tokens}"));
        let expected = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        assert_eq!(printed, expected);
    }

    fn assert_prints_as_prettyplease(tokens: TokenStream) {
        assert_printed_as_prettyplease(print, tokens);
    }

    #[test]
    fn the_structs_emitters_write_print_as_prettyplease_prints_them() {
        assert_prints_as_prettyplease(quote! {
            #[doc = " The inputs of a `GET /v1/credit_notes/preview` call (`v1.get_credit_notes_preview`), as the fake received them."]
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub struct GetCreditNotesPreviewRequest {
                #[doc = " The `amount` query parameter."]
                pub amount: Option<i64>,
                pub metadata: Option<::std::collections::BTreeMap<String, String>>,
                pub lines: Option<Vec<crate::models::GetCreditNotesPreviewLinesItem>>,
                pub body: Option<Vec<u8>>,
            }
        });
        assert_prints_as_prettyplease(quote! {
            pub struct S {
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub cartes_bancaires_payments_long: Option<crate::models::AccountCapabilitiesAcssDebitPayments>,
                pub metadata_long_name_here: Option<::std::collections::BTreeMap<String, crate::models::AccountCapabilities>>,
                #[serde(rename = "some_very_long_wire_name_that_goes_on", default, skip_serializing_if = "Option::is_none")]
                pub y: i64,
            }
        });
        // Lexed from text an emitter laid out itself: a broken type's trailing comma.
        assert_prints_as_prettyplease(quote! {
            pub struct T {
                pub short: Option<Vec<u8>,>,
                pub initiating_payment_method_details: Option<crate::models::PostTestHelpersTreasuryReceivedDebitsBody,>,
            }
        });
        assert_prints_as_prettyplease(quote! { pub(crate) struct Empty {} });
        assert_prints_as_prettyplease(quote! {
            #[doc = " The `Status` values."]
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum Status {
                #[doc = " `active`"]
                Active,
                #[doc = " A value this version of the client does not know; it is kept as sent."]
                Unknown(String),
            }
        });
        assert_prints_as_prettyplease(quote! {
            #[doc = " The `coupon` value."]
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct CouponObject;
        });
        assert_prints_as_prettyplease(quote! {
            pub enum SetupIntentPaymentMethodOptionsAcssDebit2 {
                SetupIntentPaymentMethodOptionsAcssDebit(crate::models::SetupIntentPaymentMethodOptionsAcssDebit),
                Map(::std::collections::BTreeMap<String, crate::models::SetupIntentTypeSpecificPaymentMethodOptionsClient>),
                Long(crate::models::PostCustomersCustomerSubscriptionsSubscriptionExposedIdBodyPaymentSettingsPaymentMethodOptions),
            }
        });
        assert_prints_as_prettyplease(quote! {
            #[serde(untagged)]
            pub enum Created {
                RangeQuerySpecs(crate::models::GetAccountsCreatedVariant0),
                Integer(i64),
                Map(::std::collections::BTreeMap<String, crate::models::GetAccountsCreatedVariant0>),
            }
        });
    }

    #[test]
    fn handles_long_names_quoted_docs_and_declarations_print_as_prettyplease_prints_them() {
        assert_prints_as_prettyplease(quote! {
            #[derive(Clone, Copy, Debug)]
            pub struct Handle<'a> { client: &'a crate::Client }
        });
        assert_prints_as_prettyplease(quote! {
            #[doc = " Says \"hello\" with a \\ and a \'."]
            pub struct ServiceAnnouncementHealthOverviewsServiceHealthIssuesServiceHealthIssueIncidentReportRequest {
                pub id: String,
            }
        });
        assert_prints_as_prettyplease(quote! {
            pub enum DeviceAppManagementManagedAppRegistrationsManagedAppRegistrationAppliedPoliciesItem {}
        });
        assert_prints_as_prettyplease(quote! {
            #[cfg(any(feature = "admin-admin", feature = "admin-service-announcement", feature = "chats-actions", feature = "device-app-management"))]
            #[rustfmt::skip]
            mod admin_admin_and_3_more;
        });
        assert_prints_as_prettyplease(quote! {
            #[cfg(feature = "admin-admin")]
            pub use admin_admin::*;
        });
    }

    #[test]
    fn other_items_are_left_to_prettyplease() {
        for item in [
            quote! { pub struct Tuple(pub u8); },
            quote! { pub struct Bounded<T: Clone> { t: T } },
            quote! { pub struct XAmzTargetEc2WindowsBarleyServiceDescribeComponentConfigurationRecommendation<'a> { a: &'a u8 } },
            quote! { pub enum E { A = 1 } },
            quote! { pub enum E { A { a: u8 } } },
            quote! { #[doc = "a\nline break"] pub struct Doc { a: u8 } },
            quote! { pub struct F { f: Box<dyn Fn(u8) -> u8> } },
        ] {
            let trees = crate::emit::tree::trees(item.clone());
            assert_eq!(print(&trees), None, "{item}");
        }
    }
}
