//! Prints the statements of a function body as prettyplease prints them, straight from their
//! tokens, for the few shapes the emitters write in bulk: `let` bindings, calls, chains of field
//! accesses ending in a call, struct literals, `if let`, `for`, `match` with one-line arms and
//! bare blocks (builders' `build`, `validate` methods). Anything else gives `None`, and the
//! body goes through `syn` and `prettyplease` as before.
//!
//! Parsing those bodies was a third of a stripe run's instructions: syn peeks for every keyword
//! at the start of every statement and expression. The shapes here are printed flat when they
//! fit in prettyplease's margin, and a call that does not fit puts each argument on its own
//! line, as prettyplease does; a statement that would need any other break is not printed here.
//! `stand_in::body` checks the result against prettyplease in debug builds.

use std::fmt::Write;

use proc_macro2::{Delimiter, Spacing};

use super::tree::{Group, Tree};

/// prettyplease's margin: a line fits when its indentation and text take at most this many
/// columns, unless it is indented so far that [`MIN_SPACE`] leaves it more.
pub(super) const MARGIN: usize = 89;
/// prettyplease's `MIN_SPACE`: a line indented past `MARGIN - MIN_SPACE` columns still has this
/// many for its text (a type nested eight levels deep is printed that way).
const MIN_SPACE: usize = 60;
/// How far a block's statements and a broken call's arguments are indented.
pub(super) const INDENT: usize = 4;

/// Whether `len` columns of text fit on a line indented by `indent`, as prettyplease decides:
/// a line starts with `max(MARGIN - indent, MIN_SPACE)` columns to fill.
pub(super) fn fits(indent: usize, len: usize) -> bool {
    len <= MARGIN.saturating_sub(indent).max(MIN_SPACE)
}

/// The statements `trees` at `indent` columns, one per line and blocks broken, or `None` when
/// they hold a shape this printer does not know. Trees rather than a stream, so that a caller
/// that owns the stream moves its trees out instead of copying each.
pub fn print_trees(trees: &[Tree], indent: usize) -> Option<String> {
    let mut out = String::new();
    print_statements(trees, indent, &mut out)?;
    Some(out)
}

fn print_statements(trees: &[Tree], indent: usize, out: &mut String) -> Option<()> {
    let mut rest = trees;
    while !rest.is_empty() {
        rest = print_statement(rest, indent, out)?;
    }
    Some(())
}

/// Prints the statement `trees` starts with and returns the trees after it.
fn print_statement<'t>(trees: &'t [Tree], indent: usize, out: &mut String) -> Option<&'t [Tree]> {
    match &trees[0] {
        Tree::Group(group) if group.delimiter() == Delimiter::Brace => {
            let body = group.trees();
            print_block("", body, indent, out)?;
            Some(&trees[1..])
        }
        Tree::Ident(word) if word == "match" => {
            let open = trees.iter().position(is_brace)?;
            let Tree::Group(group) = &trees[open] else {
                return None;
            };
            let arms = group.trees();
            print_match(&flat(&trees[..open])?, arms, indent, out)?;
            Some(&trees[open + 1..])
        }
        Tree::Ident(word) if word == "if" || word == "for" => {
            let open = trees.iter().position(is_brace)?;
            let Tree::Group(group) = &trees[open] else {
                return None;
            };
            // An `else` would continue the statement; this printer knows none.
            if matches!(trees.get(open + 1), Some(Tree::Ident(word)) if word == "else") {
                return None;
            }
            let head = flat(&trees[..open])?;
            let body = group.trees();
            print_block(&head, body, indent, out)?;
            Some(&trees[open + 1..])
        }
        _ => {
            let end = trees.iter().position(is_semicolon);
            let (statement, rest, semi) = match end {
                Some(end) => (&trees[..end], &trees[end + 1..], ";"),
                // The body's value, the last thing in it.
                None => (trees, &trees[trees.len()..], ""),
            };
            print_line(statement, semi, indent, out)?;
            Some(rest)
        }
    }
}

/// `head {`, the statements of `body` one level in, and `}`; `head` empty for a bare block.
fn print_block(head: &str, body: &[Tree], indent: usize, out: &mut String) -> Option<()> {
    if body.is_empty() {
        return None;
    }
    let open = match head {
        "" => String::from("{"),
        head => format!("{head} {{"),
    };
    push_line(out, indent, &open)?;
    print_statements(body, indent + INDENT, out)?;
    push_line(out, indent, "}")
}

/// `head {`, one arm per line (`pattern => value,`) one level in, and `}`; arms whose value is
/// a block, or that do not fit, are left to prettyplease.
fn print_match(head: &str, arms: &[Tree], indent: usize, out: &mut String) -> Option<()> {
    push_line(out, indent, &format!("{head} {{"))?;
    let mut rest = arms;
    while !rest.is_empty() {
        let arrow = rest.windows(2).position(|pair| {
            matches!(pair, [Tree::Punct(eq), Tree::Punct(gt)]
                if eq.as_char() == '=' && eq.spacing() == Spacing::Joint && gt.as_char() == '>')
        })?;
        let end = rest.iter().position(is_comma)?;
        if end < arrow + 2 {
            return None;
        }
        let (pattern, value) = (&rest[..arrow], &rest[arrow + 2..end]);
        if pattern.is_empty() || value.is_empty() {
            return None;
        }
        let arm = format!("{} => {},", flat(pattern)?, flat(value)?);
        push_line(out, indent + INDENT, &arm)?;
        rest = &rest[end + 1..];
    }
    push_line(out, indent, "}")
}

/// One statement that is no block: flat when it fits, else a call with one argument per line.
fn print_line(statement: &[Tree], semi: &str, indent: usize, out: &mut String) -> Option<()> {
    if let Some(literal) = struct_literal(statement) {
        return print_struct_literal(literal, semi, indent, out);
    }
    let mut text = String::with_capacity(96);
    push_flat(statement, &mut text)?;
    text.push_str(semi);
    if fits(indent, text.len()) {
        return push_line(out, indent, &text);
    }
    match statement {
        [Tree::Ident(_), Tree::Punct(equals), Tree::Ident(_), Tree::Punct(dot), ..]
            if equals.as_char() == '=' && dot.as_char() == '.' =>
        {
            print_broken_method_call(statement, semi, indent, out)
        }
        [Tree::Ident(_), Tree::Punct(dot), ..] if dot.as_char() == '.' => {
            print_broken_chain(statement, semi, indent, out)
        }
        _ => print_broken_call(statement, semi, indent, out),
    }
}

/// `receiver.field…​.method(args)[?]` at the start of a statement that does not fit:
/// prettyplease breaks before each `.` (but the first after a receiver of at most four
/// letters), and then, if the call still does not fit, puts each argument on its own line.
fn print_broken_chain(
    statement: &[Tree],
    semi: &str,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let (call, _, _) = last_call(statement)?;
    let (Tree::Ident(receiver), links) = statement[..call].split_first()? else {
        return None;
    };
    // `.field` pairs, then the method's `.name`.
    let names: Vec<&proc_macro2::Ident> = links
        .chunks(2)
        .map(|link| match link {
            [dot, Tree::Ident(name)] if is_lone_dot(dot) => Some(name),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (_method, fields) = names.split_last()?;
    if fields.is_empty() {
        return None;
    }
    let receiver = receiver.to_string();
    let (first, fields) = match receiver.len() <= INDENT {
        true => (format!("{receiver}.{}", fields[0]), &fields[1..]),
        false => (receiver, fields),
    };
    push_line(out, indent, &first)?;
    for field in fields {
        push_line(out, indent + INDENT, &format!(".{field}"))?;
    }
    push_method_call(&statement[call - 1..], semi, indent, out)
}

/// `.method(args)[?]{end}` one level in from `indent`, after a receiver broken before its dot:
/// on one line when it fits, else with each argument on its own line.
fn push_method_call(call: &[Tree], end: &str, indent: usize, out: &mut String) -> Option<()> {
    let [Tree::Ident(name), Tree::Group(args), tail @ ..] = call else {
        return None;
    };
    if args.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let tail = call_tail(tail)?;
    let line = format!(".{}{end}", flat(call)?);
    if fits(indent + INDENT, line.len()) {
        return push_line(out, indent + INDENT, &line);
    }
    push_line(out, indent + INDENT, &format!(".{name}("))?;
    push_arguments(args, true, indent + 2 * INDENT, out)?;
    push_line(out, indent + INDENT, &format!("){tail}{end}"))
}

fn is_lone_dot(tree: &Tree) -> bool {
    matches!(tree, Tree::Punct(dot) if dot.as_char() == '.' && dot.spacing() == Spacing::Alone)
}

/// A struct literal, alone (`Name { … }`) or as a call's one argument (`Ok(Self { … })`):
/// the call's name, the literal's path, and its fields. `None` for any other statement.
pub(super) type StructLiteral<'t> = (Option<String>, String, Vec<FieldValue<'t>>);

/// A struct literal's field: as it prints on one line (`name: value` or `name`), and its name
/// and value's trees for breaking it (no trees for `name` alone).
pub(super) struct FieldValue<'t> {
    pub(super) flat: String,
    name: String,
    value: &'t [Tree],
}

impl FieldValue<'_> {
    /// A field written as text, `name` or `name: value` on one line: for items an emitter
    /// prints itself. Its value has no trees, so a field that does not fit is not broken.
    pub(super) fn text(name: &str, value: Option<&str>) -> Self {
        FieldValue {
            flat: match value {
                Some(value) => format!("{name}: {value}"),
                None => name.to_owned(),
            },
            name: name.to_owned(),
            value: &[],
        }
    }
}

pub(super) fn struct_literal(statement: &[Tree]) -> Option<StructLiteral<'_>> {
    let (call, literal): (Option<String>, &[Tree]) = match statement {
        [Tree::Ident(name), Tree::Group(args)] if args.delimiter() == Delimiter::Parenthesis => {
            (Some(name.to_string()), args.trees())
        }
        literal => (None, literal),
    };
    let (Tree::Group(fields), path) = literal.split_last()? else {
        return None;
    };
    if fields.delimiter() != Delimiter::Brace || !is_plain_path(path) {
        return None;
    }
    let pieces: Vec<&[Tree]> = fields.trees().split(is_comma).collect();
    let mut printed = Vec::with_capacity(pieces.len());
    for (idx, field) in pieces.iter().enumerate() {
        printed.push(match field {
            // Only the comma after the last field may leave nothing behind it.
            [] if idx + 1 == pieces.len() => continue,
            [Tree::Ident(name)] => FieldValue {
                flat: name.to_string(),
                name: name.to_string(),
                value: &[],
            },
            [Tree::Ident(name), Tree::Punct(colon), value @ ..]
                if colon.as_char() == ':' && colon.spacing() == Spacing::Alone =>
            {
                FieldValue {
                    flat: format!("{name}: {}", flat(value)?),
                    name: name.to_string(),
                    value,
                }
            }
            _ => return None,
        });
    }
    Some((call, flat(path)?, printed))
}

/// The widest a struct literal may be, from its path to the space before its `}`, and still be
/// printed on one line: prettyplease breaks a wider one even where it would fit.
const STRUCT_LITERAL_MAX_WIDTH: usize = 34;

/// A struct literal: on one line when it is narrow and fits, else each field on its own line
/// with a comma, hugged by the call around it if there is one (`Ok(Self {` … `})`). A narrow
/// one that does not fit gives `None`.
pub(super) fn print_struct_literal(
    (call, path, fields): StructLiteral<'_>,
    semi: &str,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    if fields.is_empty() {
        return None;
    }
    let (open, close) = match &call {
        Some(name) => (format!("{name}({path} {{"), format!("}}){semi}")),
        None => (format!("{path} {{"), format!("}}{semi}")),
    };
    let flats: Vec<&str> = fields.iter().map(|field| field.flat.as_str()).collect();
    let fields_text = flats.join(", ");
    // prettyplease measures up to the space before `}`.
    let width = path.len() + " { ".len() + fields_text.len() + " ".len();
    if width <= STRUCT_LITERAL_MAX_WIDTH {
        return push_line(out, indent, &format!("{open} {fields_text} {close}"));
    }
    push_line(out, indent, &open)?;
    for (idx, field) in fields.iter().enumerate() {
        // The last field's comma is a trailing one, which does not count toward the fit.
        let counted = field.flat.len() + usize::from(idx + 1 < fields.len());
        if fits(indent + INDENT, counted) {
            push_overflowing_line(out, indent + INDENT, &format!("{},", field.flat));
        } else {
            print_broken_field(field, indent + INDENT, out)?;
        }
    }
    push_line(out, indent, &close)
}

/// A field whose value does not fit on its line: `name: receiver` and `.method(args)?,` one
/// level in, as prettyplease breaks a method call, or `name: path(`, the arguments one per line,
/// and `)?,`, as it breaks a call.
fn print_broken_field(field: &FieldValue<'_>, indent: usize, out: &mut String) -> Option<()> {
    if let [Tree::Literal(_)] = field.value {
        // A literal has nowhere to break.
        push_overflowing_line(out, indent, &format!("{},", field.flat));
        return Some(());
    }
    let (call, args, tail) = last_call(field.value)?;
    match &field.value[..call] {
        [Tree::Ident(receiver), dot, Tree::Ident(_)] if is_lone_dot(dot) => {
            push_line(out, indent, &format!("{}: {receiver}", field.name))?;
            // The method, its arguments and its `?`.
            let call = format!(".{},", flat(&field.value[call - 1..])?);
            push_line(out, indent + INDENT, &call)
        }
        callee if is_plain_path(callee) => {
            push_line(out, indent, &format!("{}: {}(", field.name, flat(callee)?))?;
            push_arguments(args, true, indent + INDENT, out)?;
            push_line(out, indent, &format!("){tail},"))
        }
        _ => None,
    }
}

/// `x = y.method(args)[?];` that does not fit: prettyplease breaks before the method, and
/// then, if the call still does not fit, puts each argument on its own line.
fn print_broken_method_call(
    statement: &[Tree],
    semi: &str,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let ([assigned, equals, receiver, _], call) = statement.split_first_chunk::<4>()?;
    let Tree::Ident(_) = receiver else {
        return None;
    };
    push_line(
        out,
        indent,
        &flat(&[assigned.clone(), equals.clone(), receiver.clone()])?,
    )?;
    push_method_call(call, semi, indent, out)
}

/// `[let x = ]path(args)[?];` with each argument on its own line, as prettyplease breaks a
/// call that does not fit; `path!(text)`, the one macro the emitters call in a statement
/// (`::std::format!`), puts its one argument on its own line without a trailing comma. The
/// callee must be a plain path, so that nothing before the arguments could break instead.
fn print_broken_call(
    statement: &[Tree],
    semi: &str,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let (call, group, tail_text) = last_call(statement)?;
    let callee_start = match statement {
        [Tree::Ident(word), ..] if word == "let" => {
            let equals = statement.iter().position(is_lone_equals)?;
            equals + 1
        }
        _ => 0,
    };
    let (callee, is_macro) = match &statement[callee_start..call] {
        [path @ .., Tree::Punct(bang)] if bang.as_char() == '!' => (path, true),
        path => (path, false),
    };
    if !is_plain_path(callee) {
        return None;
    }
    let head = format!("{}(", flat(&statement[..call])?);
    push_line(out, indent, &head)?;
    push_arguments(group, !is_macro, indent + INDENT, out)?;
    push_line(out, indent, &format!("){tail_text}{semi}"))
}

/// The arguments in `group`, one per line at `indent`, each followed by a comma but the last
/// one when `trailing_comma` is false (a macro's, of which only one is known).
fn push_arguments(
    group: &Group,
    trailing_comma: bool,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let args: Vec<&[Tree]> = group.trees().split(is_comma).collect();
    if !trailing_comma && args.len() != 1 {
        return None;
    }
    let comma = if trailing_comma { "," } else { "" };
    for arg in &args {
        push_argument(arg, comma, indent, out)?;
    }
    Some(())
}

/// One argument of a broken call or array at `indent`, then `comma`: on one line when it fits
/// (a path or a literal, having nowhere to break, even when it does not); else `&[`, each
/// element on its own line and `]`; else a call's chain of method calls broken before each dot.
fn push_argument(arg: &[Tree], comma: &str, indent: usize, out: &mut String) -> Option<()> {
    if arg.is_empty() {
        return None;
    }
    let line = format!("{}{comma}", flat(arg)?);
    if fits(indent, line.len()) || is_plain_path(arg) || matches!(arg, [Tree::Literal(_)]) {
        push_overflowing_line(out, indent, &line);
        return Some(());
    }
    match arg {
        [reference, Tree::Group(list)]
            if is_punct(reference, '&') && list.delimiter() == Delimiter::Bracket =>
        {
            push_line(out, indent, "&[")?;
            for element in list.trees().split(is_comma) {
                push_argument(element, ",", indent + INDENT, out)?;
            }
            push_line(out, indent, &format!("]{comma}"))
        }
        _ => push_broken_call_chain(arg, comma, indent, out),
    }
}

/// `path(args).method(args)…` that does not fit: the call on its line, then each method call
/// one level in, as prettyplease breaks a chain before each dot.
fn push_broken_call_chain(
    chain: &[Tree],
    comma: &str,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let mut links = chain.split(is_lone_dot);
    let call = links.next()?;
    let (Tree::Group(_), callee) = call.split_last()? else {
        return None;
    };
    if !is_parenthesis(&call[call.len() - 1]) || !is_plain_path(callee) {
        return None;
    }
    push_line(out, indent, &flat(call)?)?;
    let methods: Vec<&[Tree]> = links.collect();
    for (idx, method) in methods.iter().enumerate() {
        let [Tree::Ident(_), Tree::Group(args)] = method else {
            return None;
        };
        if args.delimiter() != Delimiter::Parenthesis {
            return None;
        }
        let end = if idx + 1 == methods.len() { comma } else { "" };
        push_line(out, indent + INDENT, &format!(".{}{end}", flat(method)?))?;
    }
    (!methods.is_empty()).then_some(())
}

/// Appends `text` at `indent`, however long: for what prettyplease cannot break.
pub(super) fn push_overflowing_line(out: &mut String, indent: usize, text: &str) {
    out.reserve(indent + text.len() + 1);
    push_indent(out, indent);
    out.push_str(text);
    out.push('\n');
}

/// `indent` spaces, copied whole rather than pushed one character at a time.
pub(super) fn push_indent(out: &mut String, indent: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let run = left.min(SPACES.len());
        out.push_str(&SPACES[..run]);
        left -= run;
    }
}

/// Appends `text` at `indent`, or `None` when it does not fit: prettyplease would break it.
pub(super) fn push_line(out: &mut String, indent: usize, text: &str) -> Option<()> {
    if !fits(indent, text.len()) {
        return None;
    }
    push_overflowing_line(out, indent, text);
    Some(())
}

/// What came before a token, which decides the space in front of the next.
#[derive(Clone, Copy, PartialEq)]
enum Before {
    Start,
    /// An identifier that is no keyword, or a literal.
    Word,
    /// A keyword such as `let`, `in` or `as`: a space follows.
    Keyword,
    /// `=`, `,` or `&&`: the separator already wrote the space.
    Spaced,
    /// A prefix (`&`, `*`, `!`), a `.` or a `::`: nothing goes between it and what follows.
    Joined,
    /// A closing delimiter or `?`.
    Closed,
}

/// `trees` on one line, spaced as prettyplease spaces the shapes it knows; `None` for others.
pub(super) fn flat(trees: &[Tree]) -> Option<String> {
    let mut out = String::with_capacity(64);
    push_flat(trees, &mut out)?;
    Some(out)
}

/// [`flat`] written onto the end of `out`, which it leaves part written on `None`.
pub(super) fn push_flat(trees: &[Tree], out: &mut String) -> Option<()> {
    let mut before = Before::Start;
    let mut idx = 0;
    while idx < trees.len() {
        let tree = &trees[idx];
        idx += 1;
        before = match tree {
            Tree::Ident(word) => {
                if matches!(before, Before::Word | Before::Keyword | Before::Closed) {
                    out.push(' ');
                }
                let start = out.len();
                let _ = write!(out, "{word}");
                match is_spaced_keyword(&out[start..]) {
                    true => Before::Keyword,
                    false => Before::Word,
                }
            }
            Tree::Literal(literal) => {
                if matches!(before, Before::Word | Before::Keyword | Before::Closed) {
                    return None;
                }
                let _ = write!(out, "{literal}");
                Before::Word
            }
            Tree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::Brace | Delimiter::None => return None,
                };
                if before == Before::Keyword {
                    out.push(' ');
                }
                let inner = group.trees();
                // prettyplease drops or keeps a trailing comma by context; leave those to it.
                if inner.last().is_some_and(is_comma) {
                    return None;
                }
                out.push(open);
                push_flat(inner, out)?;
                out.push(close);
                Before::Closed
            }
            Tree::Punct(punct) => {
                let next = trees.get(idx);
                let (text, after, taken) = punct_text(punct, next, before)?;
                idx += taken;
                out.push_str(text);
                after
            }
        };
    }
    Some(())
}

/// How a punctuation mark prints after `before`: its text with any spaces, what it leaves
/// before the next token, and how many more trees it took (the second `:` of `::`).
fn punct_text(
    punct: &proc_macro2::Punct,
    next: Option<&Tree>,
    before: Before,
) -> Option<(&'static str, Before, usize)> {
    let joined_with = |c: char| {
        punct.spacing() == Spacing::Joint
            && matches!(next, Some(Tree::Punct(next)) if next.as_char() == c)
    };
    let prefix_allowed = matches!(
        before,
        Before::Start | Before::Keyword | Before::Spaced | Before::Joined
    );
    Some(match punct.as_char() {
        ':' if joined_with(':') => {
            let text = match before {
                Before::Keyword => " ::",
                _ => "::",
            };
            (text, Before::Joined, 1)
        }
        '&' if joined_with('&') && matches!(before, Before::Word | Before::Closed) => {
            (" && ", Before::Spaced, 1)
        }
        ',' if punct.spacing() == Spacing::Alone => (", ", Before::Spaced, 0),
        '=' if punct.spacing() == Spacing::Alone
            && matches!(before, Before::Word | Before::Closed) =>
        {
            (" = ", Before::Spaced, 0)
        }
        '.' if punct.spacing() == Spacing::Alone
            && matches!(before, Before::Word | Before::Closed) =>
        {
            (".", Before::Joined, 0)
        }
        '?' if matches!(before, Before::Word | Before::Closed) => ("?", Before::Closed, 0),
        '!' if before == Before::Word => ("!", Before::Joined, 0),
        '&' if punct.spacing() == Spacing::Alone && prefix_allowed => ("&", Before::Joined, 0),
        '*' if punct.spacing() == Spacing::Alone && prefix_allowed => ("*", Before::Joined, 0),
        '-' if punct.spacing() == Spacing::Alone && prefix_allowed => ("-", Before::Joined, 0),
        _ => return None,
    })
}

/// Keywords after which prettyplease writes a space (`let x`, `x as f64`, `in value`).
fn is_spaced_keyword(word: &str) -> bool {
    matches!(
        word,
        "let" | "mut" | "in" | "as" | "if" | "for" | "ref" | "move" | "return"
    )
}

/// Identifiers joined by `::`, with or without a leading `::`.
fn is_plain_path(trees: &[Tree]) -> bool {
    let trees = match trees {
        [Tree::Punct(first), Tree::Punct(second), rest @ ..]
            if first.as_char() == ':' && second.as_char() == ':' =>
        {
            rest
        }
        trees => trees,
    };
    // `a::b` splits at its colons as `a`, nothing, `b`: identifiers with the gaps between
    // each pair of colons.
    let pieces: Vec<&[Tree]> = trees
        .split(|tree| matches!(tree, Tree::Punct(colon) if colon.as_char() == ':'))
        .collect();
    pieces.len() % 2 == 1
        && pieces.iter().enumerate().all(|(idx, piece)| match idx % 2 {
            0 => matches!(piece, [Tree::Ident(_)]),
            _ => piece.is_empty(),
        })
}

/// Where the last call's arguments of `trees` are, the arguments, and what follows them: the
/// shape every broken call here ends with. `None` unless only a `?` may follow.
fn last_call(trees: &[Tree]) -> Option<(usize, &Group, &'static str)> {
    let call = trees.iter().rposition(is_parenthesis)?;
    let tail = call_tail(&trees[call + 1..])?;
    match &trees[call] {
        Tree::Group(args) => Some((call, args, tail)),
        _ => None,
    }
}

/// What may follow a broken call's `)`: nothing, or `?`.
fn call_tail(tail: &[Tree]) -> Option<&'static str> {
    match tail {
        [] => Some(""),
        [question] if is_punct(question, '?') => Some("?"),
        _ => None,
    }
}

fn is_brace(tree: &Tree) -> bool {
    matches!(tree, Tree::Group(group) if group.delimiter() == Delimiter::Brace)
}

fn is_parenthesis(tree: &Tree) -> bool {
    matches!(tree, Tree::Group(group) if group.delimiter() == Delimiter::Parenthesis)
}

fn is_semicolon(tree: &Tree) -> bool {
    is_punct(tree, ';')
}

pub(super) fn is_comma(tree: &Tree) -> bool {
    is_punct(tree, ',')
}

pub(super) fn is_punct(tree: &Tree, c: char) -> bool {
    matches!(tree, Tree::Punct(punct) if punct.as_char() == c)
}

fn is_lone_equals(tree: &Tree) -> bool {
    matches!(tree, Tree::Punct(punct) if punct.as_char() == '=' && punct.spacing() == Spacing::Alone)
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::*;

    fn print(tokens: &TokenStream, indent: usize) -> Option<String> {
        print_trees(&super::super::tree::trees(tokens.clone()), indent)
    }

    /// The body as prettyplease prints it in a method of a top-level `impl` block.
    fn prettyplease_body(tokens: &TokenStream) -> String {
        let file = syn::parse2(quote! { impl S { fn f() { #tokens } } }).unwrap();
        let printed = prettyplease::unparse(&file);
        let lines: Vec<&str> = printed.lines().collect();
        lines[2..lines.len() - 2]
            .iter()
            .map(|line| format!("{line}\n"))
            .collect()
    }

    fn assert_prints_as_prettyplease(tokens: TokenStream) {
        let printed = print(&tokens, 8).unwrap_or_else(|| panic!("not printed: {tokens}"));
        assert_eq!(printed, prettyplease_body(&tokens));
    }

    #[test]
    fn the_shapes_emitters_write_print_as_prettyplease_prints_them() {
        let long = "a_property_name_long_enough_to_push_the_line_past_the_margin";
        for body in [
            quote! { crate::runtime::validate::max_length((at, "postal_code"), value, 5000usize)?; Ok(()) },
            quote! {
                { let value = &self.account; crate::runtime::validate::max_length((at, #long), value, 5000usize)?; }
                if let Some(Some(value)) = &self.tags {
                    for (idx, item) in value.iter().enumerate() { item.validate(&((at, "tags"), idx))?; }
                }
                crate::runtime::validate::minimum("page", *value as f64, 0f64, false)?;
                crate::runtime::validate::any_set_present(at, &[self.a.is_some() && self.b.is_some(), true], "`a` + `b`")?;
                Ok(())
            },
            quote! {
                let account_id = crate::runtime::encode::path_segment(&self.account_id);
                let path = ::std::format!("/accounts/{account_id}/shares/{share_id}/recipients/and/more/of/it");
                let mut request = crate::runtime::ApiRequest::new(::reqwest::Method::GET, "/accounts/{account_id}", path);
                if let Some(value) = &self.page { request = request.query("page", value.to_string()); }
                request = request.query("some_parameter_name_which_is_long", value.to_string_of_some_kind());
                request = request.query(#long, crate::runtime::encode::text_value("some_parameter", &value)?);
                Ok(request)
            },
            quote! { self.page = Some(value.into()); self },
            quote! {
                ListRequest { core: self.client.core().clone(), options: crate::runtime::RequestOptions::default(), account_id: account_id.into(), body, }
            },
            quote! {
                Ok(Self { account_id: request.path_param("account_id")?, share_id: request.path_param("share_id")? })
            },
            quote! {
                match self { Self::Active => "active", Self::Unknown(value) => value.as_str(), }
            },
            quote! {
                match value { "active" => Self::Active, other => Self::Unknown(other.to_owned()), }
            },
            // Struct literals that fit: a narrow one stays on its line, a wider one breaks.
            quote! { Self { enabled, } },
            quote! { Ok(Self { body: request.form_body()? }) },
            quote! { Ok(Self { body: request.form_body()?, a }) },
            quote! { GetRequest { core: self.client.core().clone(), body } },
            quote! { self.fake.server.operation("v1.post_account_links", crate::runtime::fake::Reply::json(200u16)) },
            quote! { self.fake.server.operation("v1.post_accounts", crate::runtime::fake::Reply::json(200u16)) },
            quote! { request.fake.server.operation("v1.post_accounts", crate::runtime::fake::Reply::json(200u16))?; },
            quote! { crate::runtime::validate::minimum((at, "limit"), *value as f64, -2147483648f64, false)?; },
            quote! {
                let path = ::std::format!("/devices/{device_id}/registeredOwners/{directory_object_id}/microsoft.graph.servicePrincipal");
            },
            quote! {
                Ok(Self {
                    service_update_message_id: request.path_param("serviceUpdateMessage-id")?,
                    service_announcement_attachment_id: request.path_param("serviceAnnouncementAttachment-id")?,
                    start_date_time: crate::runtime::fake::required("startDateTime", request.query_param("startDateTime")?)?,
                    body: request.bytes_body()?,
                })
            },
            quote! {
                request = request.form(&self.body, &[crate::runtime::PartEncoding::new("expand").style(crate::runtime::FormStyle::DeepObject).explode(true), crate::runtime::PartEncoding::new("metadata").style(crate::runtime::FormStyle::DeepObject)])?;
            },
            // A path argument runs past the margin rather than break.
            quote! {
                crate::runtime::validate::known_value(
                    (at, "setup_future_usage"),
                    value.as_str(),
                    crate::models::PostPaymentIntentsBodyPaymentMethodOptionsAcssDebitVariant0SetupFutureUsage::VALUES
                )?;
            },
        ] {
            assert_prints_as_prettyplease(body);
        }
    }

    #[test]
    fn shapes_it_does_not_know_are_left_to_prettyplease() {
        for body in [
            quote! { match self { Self::A(value) => value.validate(at)?, _ => {} } Ok(()) },
            quote! { let items: Vec<String> = value.iter().map(|item| item.to_string()).collect(); },
            quote! { if let Some(value) = &self.a { x(value); } else { y(); } },
            quote! { f(a, b,); },
            quote! { let x = a < b; },
            quote! { match self { Self::A => { a(); } } },
            // Two words are no path, so this is no struct literal.
            quote! { let value { a: 1 } },
        ] {
            assert_eq!(print(&body, 8), None, "{body}");
        }
    }
}
