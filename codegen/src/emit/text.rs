//! Items an emitter prints itself, straight from the IR, instead of building their tokens.
//!
//! Building tokens with `quote!`, moving them into trees and printing those was most of a
//! models file's cost, though every line of a struct, its setters or an enum is a shape the
//! printers know; so were the structs, setters and handle methods of a resource. [`Lines`]
//! writes those lines with the printers' own layouts (`structs`, `impls` and `statements` lay
//! out text and trees alike, so each layout is written once). What none of them lays out goes
//! through the token path, as little of it as can: a statement alone, a method alone (its docs
//! one stand-in, as a method built as tokens has), else the whole item, which runs past the
//! margin until `format::reformatted` lexes and prints it: a slower way, never a different
//! print. Debug builds check every such item against prettyplease (`format.rs`).

use proc_macro2::TokenStream;

use super::format::{printed_member, reformatted};
use super::impls::{push_literal_list, push_signature, Param};
use super::prelude::{Std, INTO, OPTION};
use super::stand_in::{self, push_doc_block};
use super::statements::{
    fits, print_struct_literal, print_trees, push_line, push_overflowing_line, FieldValue, INDENT,
};
use super::structs::{push_attribute_text, push_doc_text, push_field_text};
use super::tokens::{lit_str, tokens_of};
use super::tree;

/// A method one level in, as the emitters write setters, constructors and a handle's methods:
/// docs, attributes, `pub fn name(params) -> Output {`, its body, `}`.
pub struct Method<'a> {
    pub doc: MethodDocs<'a>,
    pub attributes: &'a [&'a str],
    /// `pub` or `pub(crate)`.
    pub visibility: &'a str,
    pub name: &'a str,
    pub params: Vec<Param>,
    pub output: &'a str,
    pub body: Body<'a>,
}

impl<'a> Method<'a> {
    /// A public method returning `Self`, as setters and constructors are.
    pub fn returning_self(
        doc: MethodDocs<'a>,
        attributes: &'a [&'a str],
        name: &'a str,
        params: Vec<Param>,
        body: Body<'a>,
    ) -> Self {
        Method {
            doc,
            attributes,
            visibility: "pub",
            name,
            params,
            output: "Self",
            body,
        }
    }
}

/// A method's docs: none, one attribute's value (its leading space included), or a block of
/// lines.
pub enum MethodDocs<'a> {
    None,
    Line(&'a str),
    Block(&'a str),
}

/// A method's body: statements each on a line, or a struct literal (`Self { … }`) of its path
/// and fields.
pub enum Body<'a> {
    Lines(&'a [&'a str]),
    Literal(&'a str, Vec<FieldValue<'a>>),
}

/// The lines of one item, and whether each had its printers' layout.
pub struct Lines {
    out: String,
    laid_out: bool,
}

impl Lines {
    pub fn with_capacity(capacity: usize) -> Lines {
        Lines {
            out: String::with_capacity(capacity),
            laid_out: true,
        }
    }

    /// The item as prettyplease prints it, or the message of a formatter that could not.
    pub fn finish(self) -> Result<String, String> {
        match self.laid_out {
            true => Ok(self.out),
            false => reformatted(&self.out),
        }
    }

    /// `{header} {` these lines `}`, or `{header} {}` without any: an `impl` block of them.
    pub fn block(self, header: &str) -> Lines {
        let mut block = Lines::with_capacity(self.out.len() + header.len() + 8);
        if self.out.is_empty() {
            block.header(header, "{}");
            return block;
        }
        block.header(header, "{");
        block.out.push_str(&self.out);
        block.out.push_str("}\n");
        block.laid_out &= self.laid_out;
        block
    }

    /// `{header} {open}`: a plain name has nowhere to break; a header with generics that does
    /// not fit is printed as prettyplease prints it (with an empty body, whose `{}` becomes
    /// `open`).
    fn header(&mut self, header: &str, open: &str) {
        let line = format!("{header} {open}");
        if !header.contains('<') || fits(0, line.len()) {
            return self.unbreakable(0, &line);
        }
        let broken = reformatted(&format!("{header} {{}}"));
        match broken.as_deref().map(|text| text.strip_suffix("{}\n")) {
            Ok(Some(lead)) => {
                self.out.push_str(lead);
                self.out.push_str(open);
                self.out.push('\n');
            }
            _ => {
                self.laid_out = false;
                self.unbreakable(0, &line);
            }
        }
    }

    /// Lines already printed, or the message of the formatter that could not print them.
    pub fn printed(&mut self, lines: Result<String, String>) -> Result<(), String> {
        self.out.push_str(&lines?);
        Ok(())
    }

    fn note(&mut self, laid_out: Option<()>) {
        self.laid_out &= laid_out.is_some();
    }

    /// `text` at `indent`, which must fit.
    pub fn line(&mut self, indent: usize, text: &str) {
        let fitted = push_line(&mut self.out, indent, text);
        if fitted.is_none() {
            push_overflowing_line(&mut self.out, indent, text);
        }
        self.note(fitted);
    }

    /// A statement of a method's body at `indent`: on its line when it fits, else broken by the
    /// statement printer (`statements`), as the same statement built as tokens would be.
    pub fn statement(&mut self, indent: usize, text: &str) {
        if push_line(&mut self.out, indent, text).is_some() {
            return;
        }
        self.statements_of(indent, text);
    }

    /// `text`, statements written flat, printed by the statement printer from its tokens; a
    /// shape it does not print runs past the margin and sends the item to prettyplease.
    fn statements_of(&mut self, indent: usize, text: &str) {
        match print_trees(&tree::trees(tokens_of(text)), indent) {
            Some(printed) => self.out.push_str(&printed),
            None => {
                self.laid_out = false;
                push_overflowing_line(&mut self.out, indent, text);
            }
        }
    }

    /// `text` at `indent`, however long: what has nowhere to break (a name).
    pub fn unbreakable(&mut self, indent: usize, text: &str) {
        push_overflowing_line(&mut self.out, indent, text);
    }

    /// `pub struct {name} {`, or, for a struct without fields, `pub struct {name} {}` and
    /// `false`: nothing follows.
    pub fn struct_header(&mut self, name: &str, has_fields: bool) -> bool {
        let open = if has_fields { "{" } else { "{}" };
        self.unbreakable(0, &format!("pub struct {name} {open}"));
        has_fields
    }

    /// The `///` lines of a doc block.
    pub fn doc_block(&mut self, indent: usize, text: &str) {
        push_doc_block(&mut self.out, indent, text);
    }

    /// The doc attribute of one line, `value` as the attribute holds it (with its leading space).
    pub fn doc(&mut self, indent: usize, value: &str) {
        let laid_out = push_doc_text(&mut self.out, indent, value);
        self.note(laid_out);
    }

    /// An attribute written flat (`#[serde(default)]`).
    pub fn attribute(&mut self, indent: usize, text: &str) {
        let laid_out = push_attribute_text(&mut self.out, indent, text);
        self.note(laid_out);
    }

    /// A field, `{lead}{ty},`.
    pub fn field(&mut self, indent: usize, lead: &str, ty: &str) {
        let laid_out = push_field_text(&mut self.out, indent, lead, ty);
        self.note(laid_out);
    }

    /// A method's signature one level in, from `head` (`pub fn name(`) to ` {`.
    pub fn signature(&mut self, head: &str, params: &[Param], output: &str) {
        let mut signature = String::new();
        match push_signature(&mut signature, head, params, Some(output), " {") {
            Some(()) => self.out.push_str(&signature),
            None => {
                let params: Vec<String> = params.iter().map(Param::flat).collect();
                let line = format!("{head}{}) -> {output} {{", params.join(", "));
                self.laid_out = false;
                push_overflowing_line(&mut self.out, INDENT, &line);
            }
        }
    }

    /// A method one level in. One with a line the printers have no layout for is printed alone
    /// as tokens are, as the `impl` printer prints such a member, not the whole block.
    pub fn method(&mut self, method: Method<'_>) {
        let mut docs = Lines::with_capacity(256);
        match method.doc {
            MethodDocs::Line(value) => docs.doc(INDENT, value),
            MethodDocs::Block(text) => docs.doc_block(INDENT, text),
            MethodDocs::None => {}
        }
        let mut member = Lines::with_capacity(512);
        for attribute in method.attributes {
            member.attribute(INDENT, attribute);
        }
        let head = format!("{} fn {}(", method.visibility, method.name);
        member.signature(&head, &method.params, method.output);
        match method.body {
            Body::Lines(statements) => {
                for statement in statements {
                    member.statement(2 * INDENT, statement);
                }
            }
            Body::Literal(path, fields) => member.struct_literal(2 * INDENT, path, fields),
        }
        member.unbreakable(INDENT, "}");
        if docs.laid_out && member.laid_out {
            self.out.push_str(&docs.out);
            return self.out.push_str(&member.out);
        }
        // The docs go through the formatter as one stand-in, as a member built as tokens does.
        let mut tokens = match method.doc {
            MethodDocs::Line(value) => {
                let value = lit_str(&stand_in::doc_text(value));
                quote::quote! { #[doc = #value] }
            }
            MethodDocs::Block(text) => stand_in::block(text),
            MethodDocs::None => TokenStream::new(),
        };
        tokens.extend(tokens_of(&member.out));
        match printed_member(tokens) {
            Ok(printed) => self.out.push_str(&printed),
            Err(_) => {
                self.laid_out = false;
                self.out.push_str(&docs.out);
                self.out.push_str(&member.out);
            }
        }
    }

    /// `{path} { field, … }` as a body's last expression at `indent`.
    pub fn struct_literal(&mut self, indent: usize, path: &str, fields: Vec<FieldValue<'_>>) {
        let flat: Vec<String> = fields.iter().map(|field| field.flat.clone()).collect();
        let mut literal = String::new();
        match print_struct_literal((None, path.to_owned(), fields), "", indent, &mut literal) {
            Some(()) => self.out.push_str(&literal),
            None => self.statements_of(indent, &format!("{path} {{ {} }}", flat.join(", "))),
        }
    }

    /// `{head}{literal, …}];`, `head` ending with `&[`.
    pub fn literal_list(&mut self, indent: usize, head: &str, literals: &[String]) {
        let mut list = String::new();
        match push_literal_list(&mut list, indent, head, literals) {
            Some(()) => self.out.push_str(&list),
            None => {
                self.laid_out = false;
                let line = format!("{head}{}];", literals.join(", "));
                push_overflowing_line(&mut self.out, indent, &line);
            }
        }
    }
}

/// A setter's parameters: `mut self` and the value, of type `ty`.
pub fn setter_params(ty: String) -> Vec<Param> {
    vec![
        Param::SelfValue(String::from("mut self")),
        Param::Typed {
            pattern: String::from("value"),
            ty,
        },
    ]
}

/// `impl Into<{ty}>`.
pub fn impl_into(ty: &str) -> String {
    format!("impl {}<{ty}>", std_text(INTO))
}

/// A prelude name as the file being built writes it.
pub fn std_text(name: Std) -> String {
    let mut text = String::new();
    name.push_text(&mut text);
    text
}

/// `ty`, or `Option<ty>` for an input that need not be given.
pub fn optional(required: bool, ty: String) -> String {
    match required {
        true => ty,
        false => format!("{}<{ty}>", std_text(OPTION)),
    }
}
