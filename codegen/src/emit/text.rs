//! Items an emitter prints itself, straight from the IR, instead of building their tokens.
//!
//! Building tokens with `quote!`, moving them into trees and printing those was most of a
//! models file's cost, though every line of a struct, its setters or an enum is a shape the
//! printers know. [`Lines`] writes those lines with the printers' own layouts (`structs`,
//! `impls` and `statements` lay out text and trees alike, so each layout is written once). A
//! line none of them lays out runs past the margin, still valid Rust, and the item is then
//! lexed and formatted as tokens are (`format::reformatted`): a slower way, never a different
//! print. Debug builds check every such item against prettyplease (`format.rs`).

use super::format::reformatted;
use super::impls::{push_literal_list, push_signature, Param};
use super::prelude::{Std, INTO, OPTION};
use super::stand_in::push_doc_block;
use super::statements::{
    print_struct_literal, push_line, push_overflowing_line, FieldValue, INDENT,
};
use super::structs::{push_attribute_text, push_doc_text, push_field_text};

/// A method one level in, as the emitters write setters and constructors: docs, attributes,
/// `pub fn name(params) -> Self {`, its body, `}`.
pub struct Method<'a> {
    pub doc: MethodDocs<'a>,
    pub attributes: &'a [&'a str],
    pub name: &'a str,
    pub params: Vec<Param>,
    pub body: Body<'a>,
}

/// A method's docs: one attribute's value (its leading space included), or a block of lines.
pub enum MethodDocs<'a> {
    Line(&'a str),
    Block(&'a str),
}

/// A method's body: statements each on a line, or `Self { … }` from its fields.
pub enum Body<'a> {
    Lines(&'a [&'a str]),
    SelfLiteral(Vec<FieldValue<'a>>),
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

    /// `{header} {` these lines `}`, or `{header} {}` without any: an `impl` block of them,
    /// its header on one line (a name has nowhere to break).
    pub fn block(self, header: &str) -> Lines {
        let mut block = Lines::with_capacity(self.out.len() + header.len() + 8);
        if self.out.is_empty() {
            block.unbreakable(0, &format!("{header} {{}}"));
            return block;
        }
        block.unbreakable(0, &format!("{header} {{"));
        block.out.push_str(&self.out);
        block.out.push_str("}\n");
        block.laid_out = self.laid_out;
        block
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

    /// A method one level in.
    pub fn method(&mut self, method: Method<'_>) {
        match method.doc {
            MethodDocs::Line(value) => self.doc(INDENT, value),
            MethodDocs::Block(text) => self.doc_block(INDENT, text),
        }
        for attribute in method.attributes {
            self.attribute(INDENT, attribute);
        }
        let head = format!("pub fn {}(", method.name);
        self.signature(&head, &method.params, "Self");
        match method.body {
            Body::Lines(statements) => {
                for statement in statements {
                    self.line(2 * INDENT, statement);
                }
            }
            Body::SelfLiteral(fields) => self.self_literal(2 * INDENT, fields),
        }
        self.unbreakable(INDENT, "}");
    }

    /// `Self { field, … }` as a body's last expression at `indent`.
    pub fn self_literal(&mut self, indent: usize, fields: Vec<FieldValue<'_>>) {
        let flat: Vec<String> = fields.iter().map(|field| field.flat.clone()).collect();
        let mut literal = String::new();
        match print_struct_literal(
            (None, String::from("Self"), fields),
            "",
            indent,
            &mut literal,
        ) {
            Some(()) => self.out.push_str(&literal),
            None => {
                self.laid_out = false;
                let line = format!("Self {{ {} }}", flat.join(", "));
                push_overflowing_line(&mut self.out, indent, &line);
            }
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
