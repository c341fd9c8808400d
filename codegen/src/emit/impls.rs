//! Prints an `impl` block from its tokens as prettyplease prints it: its attributes, a header
//! such as `impl<'a> Name<'a>` or `impl Trait for Name`, and its items. A method whose
//! signature is plain (no generics, no `where`) and whose body is empty, one stand-in from
//! `stand_in::method_body` or statements `statements` prints is printed here, and so is a
//! `const` list of literals; any other item of the block is printed alone by prettyplease, so
//! one unusual method does not send the whole block through syn. A header this module does not
//! know gives `None`, and the block goes through `syn` as before.
//!
//! With method bodies standing in for their statements, parsing the signatures of the
//! methods around them was still a quarter of a stripe run's instructions. `format.rs`
//! prints the blocks printed here apart from the runs of items between them; debug builds
//! compare every block with prettyplease's print of it.

use proc_macro2::{Delimiter, Spacing};
use quote::quote;

use super::stand_in;
use super::statements::{
    fits, is_punct, print_struct_literal, print_trees, push_line, push_overflowing_line,
    struct_literal, StructLiteral, INDENT, MARGIN,
};
use super::structs::{
    is_unbreakable, print_attributes, push_typed_text, split_fields, type_text, visibility, Tail,
};
use super::tree::{self, Tree};

/// The `impl` block `item` as prettyplease prints it at the top level of a file, or `None`.
pub fn print(item: &[Tree]) -> Option<String> {
    let mut out = String::new();
    let rest = print_attributes(item, 0, &mut out)?;
    let (Tree::Group(body), header) = rest.split_last()? else {
        return None;
    };
    if body.delimiter() != Delimiter::Brace {
        return None;
    }
    let members = tree::split_items(body.trees());
    let open = if members.is_empty() { " {}" } else { " {" };
    impl_header(header)?.push(open, &mut out)?;
    if members.is_empty() {
        return Some(out);
    }
    for member in &members {
        if print_method(member, &mut out)
            .or_else(|| print_const_list(member, INDENT, &mut out))
            .is_none()
        {
            out.push_str(&printed_by_prettyplease(member)?);
        }
    }
    push_line(&mut out, 0, "}")?;
    Some(out)
}

/// An `impl` block's header: `impl` with its generics and any trait, and the type.
struct ImplHeader<'t> {
    lead: String,
    is_trait: bool,
    target: &'t [Tree],
}

impl ImplHeader<'_> {
    /// The header and `open` on one line when they fit; else, for a trait's `impl`, `for Type`
    /// on a line of its own, as prettyplease breaks it. A type with nowhere to break runs past
    /// the margin.
    fn push(&self, open: &str, out: &mut String) -> Option<()> {
        let target = type_text(self.target)?;
        let joint = if self.is_trait { " for " } else { " " };
        let one_line = format!("{}{joint}{target}{open}", self.lead);
        if fits(0, one_line.len()) {
            return push_line(out, 0, &one_line);
        }
        if !is_unbreakable(&target) {
            return None;
        }
        match self.is_trait {
            true => {
                push_line(out, 0, &self.lead)?;
                push_overflowing_line(out, 0, &format!("for {target}{open}"));
            }
            false => push_overflowing_line(out, 0, &one_line),
        }
        Some(())
    }
}

/// `impl Name`, `impl<'a> Name<'a>` or `impl Trait for Name`, with lifetimes and plain type
/// parameters as the only generics.
fn impl_header(trees: &[Tree]) -> Option<ImplHeader<'_>> {
    let [Tree::Ident(keyword), rest @ ..] = trees else {
        return None;
    };
    if keyword != "impl" {
        return None;
    }
    let (generics, rest) = match rest.first() {
        Some(tree) if is_punct(tree, '<') => {
            let close = rest.iter().position(|tree| is_punct(tree, '>'))?;
            let params = split_fields(&rest[1..close])?
                .into_iter()
                .map(generic_param)
                .collect::<Option<Vec<_>>>()?;
            (format!("<{}>", params.join(", ")), &rest[close + 1..])
        }
        _ => (String::new(), rest),
    };
    let header = match rest.iter().position(|tree| is_ident(tree, "for")) {
        Some(at) => ImplHeader {
            lead: format!("impl{generics} {}", type_text(&rest[..at])?),
            is_trait: true,
            target: &rest[at + 1..],
        },
        None => ImplHeader {
            lead: format!("impl{generics}"),
            is_trait: false,
            target: rest,
        },
    };
    (!header.target.is_empty()).then_some(header)
}

/// A lifetime (`'a`) or a type parameter without bounds (`T`).
fn generic_param(trees: &[Tree]) -> Option<String> {
    match trees {
        [Tree::Punct(tick), Tree::Ident(name)]
            if tick.as_char() == '\'' && tick.spacing() == Spacing::Joint =>
        {
            Some(format!("'{name}"))
        }
        [Tree::Ident(name)] => Some(name.to_string()),
        _ => None,
    }
}

/// Prints a method `[attributes] [pub] [async] fn name(params) [-> Type] { body }` at one
/// level in, when its body is empty, one stand-in, or statements `statements` prints; `None`
/// (having printed nothing) for any other item.
fn print_method(trees: &[Tree], out: &mut String) -> Option<()> {
    let mut method = String::new();
    let rest = print_attributes(trees, INDENT, &mut method)?;
    let (visibility, rest) = visibility(rest)?;
    let (asyncness, rest) = match rest {
        [Tree::Ident(word), rest @ ..] if word == "async" => ("async ", rest),
        rest => ("", rest),
    };
    let [Tree::Ident(fn_token), Tree::Ident(name), Tree::Group(params), rest @ .., Tree::Group(body)] =
        rest
    else {
        return None;
    };
    if fn_token != "fn"
        || params.delimiter() != Delimiter::Parenthesis
        || body.delimiter() != Delimiter::Brace
    {
        return None;
    }
    let output = match rest {
        [] => None,
        [Tree::Punct(dash), Tree::Punct(arrow), ty @ ..]
            if dash.as_char() == '-'
                && dash.spacing() == Spacing::Joint
                && arrow.as_char() == '>' =>
        {
            Some(type_text(ty)?)
        }
        _ => return None,
    };
    let body = body.trees();
    // What ends the signature's line, and the body's lines if it has any.
    let (open, statements) = match body {
        [] => (" {}", None),
        body => (" {", Some(body_lines(body)?)),
    };
    let params = method_params(params.trees())?;
    let head = [&visibility, asyncness, "fn ", &name.to_string(), "("].concat();
    push_signature(&mut method, &head, &params, output.as_deref(), open)?;
    if let Some(statements) = statements {
        method.push_str(&statements);
        push_line(&mut method, INDENT, "}")?;
    }
    out.push_str(&method);
    Some(())
}

/// A method body's lines two levels in: its stand-in as it stands, else its statements as
/// `statements` prints them.
fn body_lines(body: &[Tree]) -> Option<String> {
    if let [Tree::Literal(literal), semi] = body {
        let text = literal.to_string();
        if is_punct(semi, ';') && stand_in::is_method_body(&text) {
            return Some([&" ".repeat(2 * INDENT), &text, ";\n"].concat());
        }
    }
    print_trees(body, 2 * INDENT)
}

/// The `const` item `item` as prettyplease prints it at the top level of a file, when
/// [`print_const_list`] prints it.
pub fn print_const(item: &[Tree]) -> Option<String> {
    let mut out = String::new();
    print_const_list(item, 0, &mut out)?;
    Some(out)
}

/// An element of a `const` list.
enum Element<'t> {
    Literal(String),
    Struct(StructLiteral<'t>),
}

impl Element<'_> {
    /// The element on one line.
    fn flat(&self) -> String {
        match self {
            Element::Literal(literal) => literal.clone(),
            Element::Struct((call, path, fields)) => {
                let fields: Vec<&str> = fields.iter().map(|field| field.flat.as_str()).collect();
                let literal = format!("{path} {{ {} }}", fields.join(", "));
                match call {
                    Some(call) => format!("{call}({literal})"),
                    None => literal,
                }
            }
        }
    }
}

/// Prints `[attributes] [pub] const NAME: Type = &[element, …];` at `indent`, each element a
/// literal or a struct literal: on one line when it fits and holds only literals, else each
/// element on its own line(s); or `const NAME: Type = literal;` when it fits on a line. `None`
/// (having printed nothing) for any other item.
fn print_const_list(trees: &[Tree], indent: usize, out: &mut String) -> Option<()> {
    let mut item = String::new();
    let rest = print_attributes(trees, indent, &mut item)?;
    let (visibility, rest) = visibility(rest)?;
    let [Tree::Ident(keyword), Tree::Ident(name), Tree::Punct(colon), rest @ ..] = rest else {
        return None;
    };
    let equals = rest.iter().position(|tree| is_punct(tree, '='))?;
    let (ty, value) = (&rest[..equals], &rest[equals + 1..]);
    if keyword != "const" || colon.as_char() != ':' {
        return None;
    }
    if let [Tree::Literal(literal), semi] = value {
        // One literal: the item on one line, when it fits.
        let line = format!("{visibility}const {name}: {} = {literal};", type_text(ty)?);
        if !is_punct(semi, ';') {
            return None;
        }
        push_line(&mut item, indent, &line)?;
        out.push_str(&item);
        return Some(());
    }
    let [reference, Tree::Group(list), semi] = value else {
        return None;
    };
    if !is_punct(reference, '&') || list.delimiter() != Delimiter::Bracket || !is_punct(semi, ';') {
        return None;
    }
    let mut pieces: Vec<&[Tree]> = list.trees().split(|tree| is_punct(tree, ',')).collect();
    // A trailing comma leaves nothing after it.
    if pieces.len() > 1 && pieces.last().is_some_and(|piece| piece.is_empty()) {
        pieces.pop();
    }
    let elements: Vec<Element> = pieces
        .into_iter()
        .map(|element| match element {
            [Tree::Literal(literal)] => Some(Element::Literal(literal.to_string())),
            element => struct_literal(element).map(Element::Struct),
        })
        .collect::<Option<_>>()?;
    let head = format!("{visibility}const {name}: {} = &[", type_text(ty)?);
    let flat_elements: Vec<String> = elements.iter().map(Element::flat).collect();
    let one_line = format!("{head}{}];", flat_elements.join(", "));
    let on_one_line = fits(indent, one_line.len());
    let only_literals = elements
        .iter()
        .all(|element| matches!(element, Element::Literal(_)));
    match (on_one_line, only_literals) {
        (_, true) => push_literal_list(&mut item, indent, &head, &flat_elements)?,
        // Struct literals that would fit on a line are left to prettyplease.
        (true, false) => return None,
        (false, false) => {
            push_line(&mut item, indent, &head)?;
            for element in elements {
                match element {
                    Element::Literal(literal) => {
                        push_line(&mut item, indent + INDENT, &format!("{literal},"))?
                    }
                    Element::Struct(literal) => {
                        print_struct_literal(literal, ",", indent + INDENT, &mut item)?
                    }
                }
            }
            push_line(&mut item, indent, "];")?;
        }
    }
    out.push_str(&item);
    Some(())
}

/// `{head}{literal, …}];` (`head` ends with `&[`) at `indent`: on one line when it fits, else
/// each literal on its own line one level in. The one layout of a `const` list of literals,
/// for the printers and for items an emitter prints itself.
pub(super) fn push_literal_list(
    out: &mut String,
    indent: usize,
    head: &str,
    literals: &[String],
) -> Option<()> {
    let one_line = format!("{head}{}];", literals.join(", "));
    if fits(indent, one_line.len()) {
        return push_line(out, indent, &one_line);
    }
    push_line(out, indent, head)?;
    for literal in literals {
        push_line(out, indent + INDENT, &format!("{literal},"))?;
    }
    push_line(out, indent, "];")
}

/// A method's parameter: `self` as written (`&self`, `mut self`), or a binding and its type
/// as [`type_text`] writes it.
pub(super) enum Param {
    SelfValue(String),
    Typed { pattern: String, ty: String },
}

/// A method's signature at one level in, `head` (`pub fn name(`) to `open` (` {`): on one line
/// when it fits, else each parameter on its own line with a trailing comma, then `) -> Output`
/// broken inside its `<…>` if it still does not fit, as prettyplease breaks a signature. The
/// one layout of a signature, for the printers and for items an emitter prints itself.
pub(super) fn push_signature(
    out: &mut String,
    head: &str,
    params: &[Param],
    output: Option<&str>,
    open: &'static str,
) -> Option<()> {
    let mut one_line = String::with_capacity(MARGIN + 32);
    one_line.push_str(head);
    for (idx, param) in params.iter().enumerate() {
        if idx > 0 {
            one_line.push_str(", ");
        }
        param.push_flat(&mut one_line);
    }
    one_line.push(')');
    if let Some(ty) = output {
        one_line.push_str(" -> ");
        one_line.push_str(ty);
    }
    one_line.push_str(open);
    if fits(INDENT, one_line.len()) {
        return push_line(out, INDENT, &one_line);
    }
    // prettyplease puts each parameter on its own line, with a trailing comma.
    if params.is_empty() {
        return None;
    }
    push_line(out, INDENT, head)?;
    for (idx, param) in params.iter().enumerate() {
        param.push_broken(idx + 1 == params.len(), out)?;
    }
    // And then, if the return type still does not fit, it breaks inside its `<…>`.
    match output {
        Some(ty) => push_typed_text(out, INDENT, ") -> ", ty, Tail::Open(open)),
        None => push_line(out, INDENT, &format!("){open}")),
    }
}

impl Param {
    /// The parameter on one line.
    pub(super) fn flat(&self) -> String {
        let mut text = String::new();
        self.push_flat(&mut text);
        text
    }

    /// The parameter on one line, written onto `out`.
    fn push_flat(&self, out: &mut String) {
        match self {
            Param::SelfValue(text) => out.push_str(text),
            Param::Typed { pattern, ty } => {
                out.push_str(pattern);
                out.push_str(": ");
                out.push_str(ty);
            }
        }
    }

    /// The parameter on its own line(s) two levels in, as in a broken signature; the last
    /// one's comma is a trailing one.
    fn push_broken(&self, is_last: bool, out: &mut String) -> Option<()> {
        let tail = match is_last {
            true => Tail::TrailingComma,
            false => Tail::Comma,
        };
        match self {
            // A trailing comma that does not count could only matter for a line of 89.
            Param::SelfValue(text) => push_line(out, 2 * INDENT, &format!("{text},")),
            Param::Typed { pattern, ty } => {
                push_typed_text(out, 2 * INDENT, &format!("{pattern}: "), ty, tail)
            }
        }
    }
}

/// The parameters `trees` holds, a trailing comma allowed.
fn method_params(trees: &[Tree]) -> Option<Vec<Param>> {
    let mut pieces = split_fields(trees)?;
    if pieces.last().is_some_and(|piece| piece.is_empty()) && pieces.len() > 1 {
        pieces.pop();
    }
    if pieces.len() == 1 && pieces[0].is_empty() {
        return Some(Vec::new());
    }
    pieces.into_iter().map(param).collect()
}

/// `self`, `&self`, `mut self`, `&'a mut self`, or `[mut] name: Type`.
fn param(trees: &[Tree]) -> Option<Param> {
    let colon = trees.iter().position(|tree| {
        matches!(tree, Tree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone)
    });
    match colon {
        Some(at) => {
            let pattern = &trees[..at];
            let is_binding = match pattern {
                [Tree::Ident(_)] => true,
                [Tree::Ident(word), Tree::Ident(_)] => word == "mut",
                _ => false,
            };
            let ty = &trees[at + 1..];
            if !is_binding || ty.is_empty() {
                return None;
            }
            Some(Param::Typed {
                pattern: type_text(pattern)?,
                ty: type_text(ty)?,
            })
        }
        None => {
            let is_self = matches!(trees.last(), Some(tree) if is_ident(tree, "self"));
            is_self.then(|| type_text(trees).map(Param::SelfValue))?
        }
    }
}

fn is_ident(tree: &Tree, word: &str) -> bool {
    matches!(tree, Tree::Ident(ident) if ident == word)
}

/// An item of an `impl` block as prettyplease prints it there, one level in: the block is
/// printed around it and taken away again.
fn printed_by_prettyplease(member: &[Tree]) -> Option<String> {
    let member = tree::to_stream(member);
    let file = syn::parse2::<syn::File>(quote! { impl S { #member } }).ok()?;
    let printed = prettyplease::unparse(&file);
    let inner = printed.strip_prefix("impl S {\n")?.strip_suffix("}\n")?;
    Some(inner.to_owned())
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::*;

    fn assert_prints_as_prettyplease(tokens: TokenStream) {
        crate::emit::structs::tests::assert_printed_as_prettyplease(print, tokens);
    }

    #[test]
    fn the_impl_blocks_emitters_write_print_as_prettyplease_prints_them() {
        assert_prints_as_prettyplease(quote! {
            impl<'a> V1<'a> {
                pub(crate) fn new(client: &'a crate::Client) -> Self {}
                #[doc = " Sets `name`."]
                pub fn name(mut self, value: impl Into<String>) -> Self {}
                pub fn ownership_declaration(mut self, value: impl Into<crate::models::LegalEntityUboDeclaration>) -> Self {}
                pub async fn send(self) -> crate::Result<crate::models::Account> {}
                fn read(request: &crate::runtime::fake::FakeRequest) -> Result<Self, crate::runtime::fake::FakeError> {}
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
                type Output = crate::Result<()>;
                #[doc = r" Every value the API documents, as sent on the wire."]
                pub const VALUES: &'static [&'static str] = &["forever", "once", "repeating"];
                pub fn post_account_links(&self) -> crate::runtime::fake::Operation<PostAccountLinksRequest, crate::models::AccountLink> {}
                pub fn template_parameters(mut self, value: impl Into<Vec<crate::models::TeamsTeamSendActivityNotificationBodyTemplateParametersItem>>) -> Self {}
                pub const LONGER: &'static [&'static str] = &["ach_credit_transfer", "ach_debit", "acss_debit"];
                #[doc = " The value, as sent on the wire."]
                pub const VALUE: &'static str = "file_link";
            }
        });
        assert_prints_as_prettyplease(quote! { impl From<&str> for Status {} });
        assert_prints_as_prettyplease(quote! {
            impl From<&str> for InvoicePaymentMethodOptionsCustomerBalanceBankTransferEuBankTransferCountry {
                fn from(value: &str) -> Self {}
            }
        });
        assert_prints_as_prettyplease(quote! {
            impl PostAccountsAccountBankAccountsBodyBankAccountVariant0DocumentsBankAccountOwnershipVerification {
                pub fn files(mut self, value: impl Into<Vec<String>>) -> Self {}
            }
        });
        assert_prints_as_prettyplease(quote! {
            impl<'de> ::serde::Deserialize<'de> for PaymentMethodDetailsCardInstallmentsPlanIntervalLonger {}
        });
        assert_prints_as_prettyplease(quote! {
            #[allow(deprecated)]
            impl ::std::fmt::Display for Status {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {}
            }
        });
    }

    #[test]
    fn a_method_whose_body_stands_in_expands_to_prettyplease_s_print() {
        let statements = quote! { self.metadata = Some(value.into()); self };
        let method = |body: TokenStream| {
            quote! {
                impl S {
                    pub fn metadata(mut self, value: impl Into<::std::collections::BTreeMap<String, String>>) -> Self {
                        #body
                    }
                }
            }
        };
        let expected = prettyplease::unparse(&syn::parse2(method(statements.clone())).unwrap());
        let scope = stand_in::Scope::enter();
        let trees = tree::trees(method(stand_in::method_body(statements)));
        let printed = stand_in::expand(print(&trees).unwrap()).unwrap();
        drop(scope);
        assert_eq!(printed, expected);
    }

    #[test]
    fn other_impl_blocks_are_left_to_prettyplease() {
        for item in [
            quote! { impl<T: Clone> S<T> {} },
            quote! { impl S where u8: Copy {} },
            quote! { unsafe impl Send for S {} },
        ] {
            let trees = tree::trees(item.clone());
            assert_eq!(print(&trees), None, "{item}");
        }
    }
}
