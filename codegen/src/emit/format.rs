//! Builds and formats emitted Rust on every core.
//!
//! Each file is given as pieces: closures that each build the tokens of some of its whole
//! top-level items. Worker threads take pieces from one queue, build their tokens, parse them
//! with `syn::parse2` and print them with `prettyplease`, so building, parsing and printing all
//! run in parallel and tokens never go through text and back (`proc_macro2` tokens cannot
//! cross threads, so each piece lives and dies on the thread that builds it).
//!
//! prettyplease prints a file's items one after another, each ending its own lines, so items
//! formatted one by one, put back together in order, are exactly the formatted file. That is
//! what lets an item whose tokens did not change since the last run take its text from the
//! [`ItemCache`] instead of being parsed and printed again, and what lets the structs, enums
//! and `impl` blocks that `structs` and `impls` print, and the macro calls that `macro_calls`
//! prints, be printed apart from the runs of items between them; and what lets a piece hand
//! over items an emitter printed itself from the IR (`text.rs`), taken as they are and, where
//! stand-ins are verified, re-printed through `syn` and prettyplease. A piece whose inputs did
//! not change (`piece_memo`) is not built at all: its items' texts come from the cache.

use std::num::NonZeroUsize;
use std::sync::Mutex;

use proc_macro2::{TokenStream, TokenTree};

use super::file_text::{FileText, ItemText};
use super::impls;
use super::item_cache::{ItemCache, ItemSpan, PieceEntry};
use super::items;
use super::macro_calls;
use super::piece_memo::{Hashes, Inputs, Key};
use super::stand_in;
use super::structs;
use super::tokens::tokens_of;
use super::tree::{self, Tree};
use crate::cache_file::stable_hash;
use crate::error::Error;
use crate::ir::reads;

/// Builds whole top-level items of one file; runs on whichever thread takes it.
pub struct Piece<'a> {
    build: Box<dyn FnOnce() -> Built + Send + 'a>,
    /// What it declares it is made from, when it may be served by `piece_memo`.
    inputs: Option<Inputs<'a>>,
}

impl<'a> Piece<'a> {
    /// A piece built in every run; with an item cache, its unchanged items are not formatted
    /// again.
    pub fn new<B: Into<Built>>(build: impl FnOnce() -> B + Send + 'a) -> Self {
        Piece {
            build: Box::new(move || build().into()),
            inputs: None,
        }
    }

    /// A piece that is not built when `inputs` and what it reads are as they were in the run
    /// that filled the item cache. `inputs` writes every value `build` holds.
    pub fn keyed<B: Into<Built>>(
        inputs: impl FnOnce(&mut Key<'_>) + Send + 'a,
        build: impl FnOnce() -> B + Send + 'a,
    ) -> Self {
        Piece {
            build: Box::new(move || build().into()),
            inputs: Some(Box::new(inputs)),
        }
    }
}

/// What a piece builds, in file order: runs of items as tokens, to be formatted, and items an
/// emitter printed itself (`text::Lines`: models, builders, handles), taken as they are.
#[derive(Default)]
pub struct Built {
    parts: Vec<Part>,
}

enum Part {
    Tokens(TokenStream),
    /// One whole item as prettyplease prints it; debug builds check that it is.
    Printed(Result<String, String>),
}

impl Built {
    /// Appends items as tokens.
    pub fn tokens(&mut self, tokens: TokenStream) {
        if tokens.is_empty() {
            return;
        }
        match self.parts.last_mut() {
            Some(Part::Tokens(run)) => run.extend(std::iter::once(tokens)),
            _ => self.parts.push(Part::Tokens(tokens)),
        }
    }

    /// Appends one item printed as prettyplease prints it at the top level of a file, or the
    /// message of an emitter that could not print it.
    pub fn printed(&mut self, text: Result<String, String>) {
        self.parts.push(Part::Printed(text));
    }
}

impl From<TokenStream> for Built {
    fn from(tokens: TokenStream) -> Self {
        let mut built = Built::default();
        built.tokens(tokens);
        built
    }
}

/// One Rust file to emit: its path relative to the crate, and its pieces in file order.
pub struct RustFile<'a> {
    pub path: String,
    pub pieces: Vec<Piece<'a>>,
}

impl<'a> RustFile<'a> {
    /// A file built by one closure.
    pub fn whole(path: impl Into<String>, build: impl FnOnce() -> TokenStream + Send + 'a) -> Self {
        RustFile {
            path: path.into(),
            pieces: vec![Piece::new(build)],
        }
    }
}

/// One piece, where it goes, and what it became: its items' token hashes and formatted texts
/// (no hash when the piece had to be formatted whole), or syn's message; and its entry for the
/// next run's memo.
struct Formatted<'c> {
    file_idx: usize,
    piece_idx: usize,
    items: Result<PieceText<'c>, String>,
    entry: Option<PieceEntry>,
}

/// A piece's items, in order: each one's token hash (none when the piece was formatted whole)
/// and formatted text.
/// Texts taken from the cache stay borrowed from it, in the files too (`file_text.rs`).
type PieceText<'c> = Vec<(Option<u64>, ItemText<'c>)>;

/// The formatted files, in the order given, and for each its items' places in its text; and the
/// memo's entries for the pieces that have one.
pub struct FormattedFiles {
    pub files: Vec<(String, FileText)>,
    pub spans: Vec<Vec<ItemSpan>>,
    pub pieces: Vec<PieceEntry>,
}

/// Builds and formats every file, each headed by `head`, taking unchanged items from `cache`,
/// and with `memo` unchanged keyed pieces; without a cache, pieces are formatted whole and no
/// item is hashed. Pieces are taken in the order given, so put the largest first to keep every
/// core busy to the end.
pub fn format_files(
    files: Vec<RustFile<'_>>,
    cache: Option<&ItemCache>,
    memo: Option<&Hashes<'_>>,
    head: &str,
) -> Result<FormattedFiles, Error> {
    let mut paths = Vec::with_capacity(files.len());
    let mut queue = Vec::new();
    for (file_idx, file) in files.into_iter().enumerate() {
        paths.push(file.path);
        for (piece_idx, piece) in file.pieces.into_iter().enumerate() {
            queue.push((file_idx, piece_idx, piece));
        }
    }
    let n_workers = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(queue.len().max(1));
    let queue = Mutex::new(queue.into_iter());
    // The calling thread is a worker too, and a worker that is not begun in time leaves its
    // share to the others.
    let format = || format_queued(&queue, &paths, cache, memo);
    let results = crate::worker::spread(n_workers - 1, &format)
        .into_iter()
        .flatten()
        .collect();
    assemble(paths, results, head)
}

/// Builds and formats pieces until the queue is empty.
fn format_queued<'a, 'c>(
    queue: &Mutex<impl Iterator<Item = (usize, usize, Piece<'a>)>>,
    paths: &[String],
    cache: Option<&'c ItemCache>,
    memo: Option<&Hashes<'_>>,
) -> Vec<Formatted<'c>> {
    let memo = cache.zip(memo);
    let mut formatted = Vec::new();
    let stand_ins = stand_in::Scope::enter();
    loop {
        let next = match queue.lock() {
            Ok(mut queue) => queue.next(),
            Err(_) => return formatted,
        };
        let Some((file_idx, piece_idx, piece)) = next else {
            return formatted;
        };
        let key = memo
            .zip(piece.inputs)
            .and_then(|((_, hashes), inputs)| hashes.key(&paths[file_idx], piece_idx, inputs));
        let (items, entry) = match (memo, key) {
            (Some(memo), Some(key)) => {
                format_memoised(piece.build, key, memo, crate::verify::verifying())
            }
            _ => {
                let built = (piece.build)();
                let items = match cache {
                    Some(cache) => format_piece(built, cache),
                    None => format_whole(built).map(|text| vec![(None, ItemText::Made(text))]),
                };
                (items, None)
            }
        };
        stand_ins.clear();
        formatted.push(Formatted {
            file_idx,
            piece_idx,
            items,
            entry,
        });
    }
}

/// A keyed piece: served from the cache when its entry still holds and all its items are there,
/// otherwise built and formatted item by item, recording what it reads for its new entry. When
/// `verify`ing (as stand-ins are verified), a served piece is built anyway and must make the same
/// items.
fn format_memoised<'c>(
    build: impl FnOnce() -> Built,
    key: u64,
    (cache, hashes): (&'c ItemCache, &Hashes<'_>),
    verify: bool,
) -> (Result<PieceText<'c>, String>, Option<PieceEntry>) {
    let served = cache
        .piece(key)
        .filter(|entry| hashes.still_holds(entry))
        .and_then(|entry| Some((entry, served_texts(entry, cache)?)));
    match served {
        Some((entry, texts)) if !verify => return (Ok(texts), Some(entry.clone())),
        _ => {}
    }
    let (built, reads) = reads::recording(build);
    let items = format_piece(built, cache);
    let entry = items
        .as_ref()
        .ok()
        .and_then(|texts| hashes.entry(key, &reads, texts.iter().map(|(hash, _)| *hash)));
    if let Some((served, _)) = served {
        assert_eq!(
            Some(&served.items),
            entry.as_ref().map(|entry| &entry.items),
            "the piece memo served a piece that builds other items: it reads something its \
             inputs do not declare"
        );
    }
    (items, entry)
}

/// The texts of `entry`'s items, when the cache holds every one.
fn served_texts<'c>(entry: &PieceEntry, cache: &'c ItemCache) -> Option<PieceText<'c>> {
    entry
        .items
        .iter()
        .map(|&hash| Some((Some(hash), cache.get(hash)?)))
        .collect()
}

/// A piece's parts formatted whole, without a cache: no item is hashed.
fn format_whole(built: Built) -> Result<String, String> {
    let mut text = String::new();
    for part in built.parts {
        match part {
            Part::Tokens(tokens) => text.push_str(&format_tokens(tokens)?),
            Part::Printed(printed) => text.push_str(&checked_printed(printed?)),
        }
    }
    Ok(text)
}

/// Formats a piece item by item: items as tokens from the cache when their tokens are there,
/// and printed items as they are, keyed by their text.
fn format_piece(built: Built, cache: &ItemCache) -> Result<PieceText<'_>, String> {
    let mut texts = Vec::new();
    for part in built.parts {
        match part {
            Part::Tokens(tokens) => texts.extend(format_items(tokens, cache)?),
            Part::Printed(printed) => {
                let printed = printed?;
                let hash = stable_hash(printed.as_bytes());
                texts.push((Some(hash), ItemText::Made(checked_printed(printed))));
            }
        }
    }
    Ok(texts)
}

/// `text`, items an emitter printed itself but for a layout it left to prettyplease (a line
/// that runs past the margin), formatted as tokens are: lexed, then printed apart or by
/// prettyplease.
pub fn reformatted(text: &str) -> Result<String, String> {
    format_tokens(tokens_of(text))
}

/// The lines of `member`, one item of an `impl` block, as the block's printers print them one
/// level in: for an `impl` block an emitter prints itself around a member built as tokens.
pub fn printed_member(member: TokenStream) -> Result<String, String> {
    let printed = format_tokens(quote::quote! { impl X { #member } })?;
    let lines = printed
        .strip_prefix("impl X {\n")
        .and_then(|rest| rest.strip_suffix("}\n"));
    lines
        .map(str::to_owned)
        .ok_or_else(|| format!("a member printed as `{printed}`"))
}

/// `text`, an item an emitter printed itself; where stand-ins are verified, it must be what
/// prettyplease prints for it.
fn checked_printed(text: String) -> String {
    if crate::verify::verifying() {
        let reprinted = match syn::parse_file(&text) {
            Ok(file) => print_file(file),
            Err(error) => format!("does not parse: {error}"),
        };
        assert_eq!(
            text, reprinted,
            "an item an emitter printed itself differs from prettyplease's print"
        );
    }
    text
}

/// Formats a run of items item by item, each from the cache when its tokens are there. An item
/// that does not parse alone (a cut in the wrong place) sends the whole run to be formatted at
/// once, uncached: that costs time, never correctness.
fn format_items(tokens: TokenStream, cache: &ItemCache) -> Result<PieceText<'_>, String> {
    let trees = tree::trees(tokens);
    let items = tree::split_items(&trees);
    let mut texts = Vec::with_capacity(items.len());
    let mut key = Vec::new();
    for item in &items {
        let hash = item_hash(item, &mut key);
        if let Some(text) = cache.get(hash) {
            texts.push((Some(hash), text));
            continue;
        }
        match format_item(item) {
            Ok(text) => texts.push((Some(hash), ItemText::Made(text))),
            Err(_) => {
                texts.clear();
                break;
            }
        }
    }
    if texts.len() < items.len() {
        drop(items);
        return format_tokens(tree::into_stream(trees))
            .map(|text| vec![(None, ItemText::Made(text))]);
    }
    Ok(texts)
}

/// The hash an item's text is cached by: of its tokens, through `key`, a buffer kept between
/// items.
fn item_hash(item: &[Tree], key: &mut Vec<u8>) -> u64 {
    key.clear();
    tree::write_key(item, key);
    stable_hash(key)
}

/// One whole item printed as [`format_tokens`] prints it, from trees it leaves to the caller.
fn format_item(item: &[Tree]) -> Result<String, String> {
    let text = match print_apart(item) {
        Some(printed) => printed,
        None => {
            let mut text = String::new();
            print_run(tree::to_stream(item), &mut text)?;
            text
        }
    };
    stand_in::expand(text)
}

/// The printed text of `tokens`, with the doc comments and statements their stand-ins hold.
/// Items that `structs` or `impls` print are printed apart, and the runs of items between them go
/// through `syn` and prettyplease (items printed apart and put together in order are the file
/// printed whole, as [`print_file`] says).
fn format_tokens(tokens: TokenStream) -> Result<String, String> {
    let mut text = String::new();
    let mut run: Vec<TokenTree> = Vec::new();
    for item in items::split(tokens) {
        let trees = tree::trees(item);
        match print_apart(&trees) {
            Some(printed) => {
                print_run(std::mem::take(&mut run), &mut text)?;
                text.push_str(&printed);
            }
            None => run.extend(tree::into_stream(trees)),
        }
    }
    print_run(run, &mut text)?;
    stand_in::expand(text)
}

/// The struct, `impl` block or macro call `item` as `structs`, `impls` or `macro_calls` prints
/// it, checked against its print through syn where stand-ins are ([`crate::verify::verifying`]).
fn print_apart(item: &[Tree]) -> Option<String> {
    // A file's docs come as inner attributes before its first item.
    let mut printed = String::new();
    let rest = structs::print_inner_attributes(item, &mut printed)?;
    if !rest.is_empty() {
        let item = match first_after_attributes(rest) {
            Some(Tree::Ident(word)) if word == "impl" => impls::print(rest)?,
            Some(Tree::Ident(word)) if word == "const" => impls::print_const(rest)?,
            _ => macro_calls::print_trees(rest).or_else(|| structs::print(rest))?,
        };
        printed.push_str(&item);
    }
    if crate::verify::verifying() {
        let tokens = tree::to_stream(item);
        let expected = match syn::parse2::<syn::File>(tokens) {
            Ok(file) => print_file(file),
            Err(error) => error.to_string(),
        };
        assert_eq!(
            printed, expected,
            "an item printed apart differs from prettyplease's print"
        );
    }
    Some(printed)
}

/// The first tree of `item` after its outer attributes.
fn first_after_attributes(mut item: &[Tree]) -> Option<&Tree> {
    while let [Tree::Punct(pound), Tree::Group(_), rest @ ..] = item {
        if pound.as_char() != '#' {
            break;
        }
        item = rest;
    }
    item.first()
}

/// Parses the items of `run` as a file and prints them onto `text`.
fn print_run(run: impl IntoIterator<Item = TokenTree>, text: &mut String) -> Result<(), String> {
    let run: TokenStream = run.into_iter().collect();
    if run.is_empty() {
        return Ok(());
    }
    let file = syn::parse2::<syn::File>(run).map_err(|error| error.to_string())?;
    text.push_str(&print_file(file));
    Ok(())
}

/// `file` as prettyplease prints it, except the macro calls [`macro_calls`] prints. Items
/// printed apart and put together in order are the file printed whole (see the module's doc),
/// so the runs of items between those calls go to prettyplease as files of their own.
fn print_file(mut file: syn::File) -> String {
    let items = std::mem::take(&mut file.items);
    let mut text = String::new();
    for item in items {
        match macro_calls::print(&item) {
            Some(call) => {
                flush_run(&mut file, &mut text);
                text.push_str(&call);
            }
            None => file.items.push(item),
        }
    }
    if text.is_empty() {
        return prettyplease::unparse(&file);
    }
    flush_run(&mut file, &mut text);
    text
}

/// Prints the run of items (and inner attributes) gathered in `file` onto `text`, and empties
/// it. A run of inner attributes alone is printed without its last line break (prettyplease
/// leaves it for the item after), so one is added.
fn flush_run(file: &mut syn::File, text: &mut String) {
    if file.items.is_empty() && file.attrs.is_empty() {
        return;
    }
    text.push_str(&prettyplease::unparse(file));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    file.attrs.clear();
    file.items.clear();
}

/// Puts each file's pieces back in order after `head`; the first piece that did not parse is
/// the file's error. Items served from the cache stay in it, so a file is mostly borrowed runs
/// of its kept text (`file_text.rs`); what is copied, the items made in this run, is copied on
/// both cores.
fn assemble(
    paths: Vec<String>,
    mut results: Vec<Formatted<'_>>,
    head: &str,
) -> Result<FormattedFiles, Error> {
    results.sort_unstable_by_key(|result| (result.file_idx, result.piece_idx));
    let mut pieces: Vec<Vec<PieceText<'_>>> = paths.iter().map(|_| Vec::new()).collect();
    let mut entries = Vec::new();
    for result in results {
        let items = result.items.map_err(|message| Error::Emit {
            file: paths[result.file_idx].clone(),
            message,
        })?;
        pieces[result.file_idx].push(items);
        entries.extend(result.entry);
    }
    let assembled = crate::worker::map_all(pieces, |pieces| {
        let mut items = vec![ItemText::Made(head.to_owned())];
        let mut spans = Vec::new();
        let mut at = head.len();
        for (hash, item) in pieces.into_iter().flatten() {
            if let Some(hash) = hash {
                spans.push(ItemSpan {
                    hash,
                    start: at,
                    len: item.len(),
                });
            }
            at += item.len();
            items.push(item);
        }
        (FileText::from_items(items), spans)
    });
    let (texts, spans): (Vec<FileText>, Vec<Vec<ItemSpan>>) = assembled.into_iter().unzip();
    Ok(FormattedFiles {
        files: paths.into_iter().zip(texts).collect(),
        spans,
        pieces: entries,
    })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;
    use crate::emit::item_cache;
    use crate::emit::rust::ident;
    use crate::ir::{Api, TypeId};

    #[test]
    fn an_item_whose_tokens_are_cached_takes_the_cached_text() {
        let hash = item_hash(&tree::trees(quote! { pub struct A; }), &mut Vec::new());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let cached = "pub struct Cached;\n";
        let span = ItemSpan {
            hash,
            start: 0,
            len: cached.len(),
        };
        item_cache::store(&path, &[(&FileText::from(cached), &[span])], &[], None);
        let cache = ItemCache::load(&path);

        let files = vec![RustFile::whole("a.rs", || {
            quote! { pub struct A; pub struct B(u8); }
        })];
        let formatted = format_files(files, Some(&cache), None, "").unwrap();
        assert_eq!(
            formatted.files[0].1,
            "pub struct Cached;\npub struct B(u8);\n"
        );
        assert_eq!(formatted.spans[0].len(), 2);
        assert_eq!(formatted.spans[0][1].start, cached.len());
    }

    /// `T { a: 1 }` ends an item by the cutting rule, so the `const` is cut in two and its
    /// first half does not parse alone: the piece is formatted whole, as without a cache, and
    /// none of it is cached.
    #[test]
    fn a_piece_cut_where_no_item_ends_is_formatted_whole_and_uncached() {
        let piece = || quote! { pub struct A; const X: u8 = T { a: 1 } .a + 1; pub struct B; };
        let cache = ItemCache::default();
        let cached =
            format_files(vec![RustFile::whole("a.rs", piece)], Some(&cache), None, "").unwrap();
        let whole = format_files(vec![RustFile::whole("a.rs", piece)], None, None, "").unwrap();
        assert_eq!(cached.files, whole.files);
        assert!(cached.files[0]
            .1
            .contains("const X: u8 = T { a: 1 }.a + 1;"));
        assert!(cached.spans[0].is_empty());
    }

    /// Formats the keyed piece `build` with the memo over `api` and the cache at `path`, and
    /// stores what it made there for the next call; whether it was built.
    fn memoised_run(
        api: &Api,
        path: &std::path::Path,
        build: impl FnOnce() -> TokenStream,
    ) -> bool {
        let cache = ItemCache::load(path);
        let hashes = Hashes::new(api);
        let built = std::cell::Cell::new(false);
        let build = || {
            built.set(true);
            Built::from(build())
        };
        let (items, entry) = format_memoised(build, 42, (&cache, &hashes), false);
        let items = items.unwrap();
        let text: String = items.iter().map(|(_, text)| text.as_str()).collect();
        let mut spans = Vec::new();
        let mut start = 0;
        for (hash, item) in &items {
            spans.push(ItemSpan {
                hash: hash.unwrap(),
                start,
                len: item.len(),
            });
            start += item.len();
        }
        let entries: Vec<_> = entry.into_iter().collect();
        item_cache::store(path, &[(&FileText::from(text), &spans)], &entries, None);
        built.get()
    }

    /// A keyed piece is served unbuilt while what it read is unchanged, whatever else changes,
    /// and built again once something it read changes.
    #[test]
    fn a_keyed_piece_is_built_again_only_when_what_it_read_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let piece = |api: &Api| {
            let name = ident(&api.type_def(TypeId::from_index(0)).name);
            quote! { pub struct #name; pub struct Other; }
        };
        let first = Api::of_types(&["First", "Second"]);
        assert!(memoised_run(&first, &path, || piece(&first)));
        assert!(!memoised_run(&first, &path, || panic!(
            "served pieces are not built"
        )));
        let second_renamed = Api::of_types(&["First", "Renamed"]);
        assert!(!memoised_run(&second_renamed, &path, || piece(
            &second_renamed
        )));
        let first_renamed = Api::of_types(&["Renamed", "Second"]);
        assert!(memoised_run(&first_renamed, &path, || piece(
            &first_renamed
        )));
        assert!(ItemCache::load(&path).piece(42).is_some());
    }

    fn assert_printed_apart_as_prettyplease(tokens: TokenStream) {
        let trees = tree::trees(tokens.clone());
        let printed = print_apart(&trees).unwrap_or_else(|| panic!("not printed: {tokens}"));
        let expected = print_file(syn::parse2(tokens).unwrap());
        assert_eq!(printed, expected);
    }

    /// A file's first item carries the file's inner attributes; the head of `fake.rs` holds
    /// them and the routes.
    #[test]
    fn a_files_first_item_prints_apart_with_the_files_inner_attributes() {
        assert_printed_apart_as_prettyplease(quote! {
            #![doc = " The fake's operations on `v1`."]
            #![doc = " With `.fails(FakeError::status(404).error(1003, \"not found\"))`."]
            #![cfg_attr(
                feature = "v1",
                doc = "\n ```no_run\n # async fn example() -> bench_client::Result<()> {\n use bench_client::fake::Fake;\n # }\n ```"
            )]
            #[doc = " Every operation of the API, for routing."]
            const ROUTES: &[crate::runtime::fake::Route] = &[
                crate::runtime::fake::Route { operation: "v1.get", method: "GET", template: "/v1" },
                crate::runtime::fake::Route {
                    operation: "groups_site.groups_sites_onenote_section_groups_sections_pages_get_content",
                    method: "GET",
                    template: "/groups/{group-id}/sites/{site-id}/onenote/sectionGroups/{sectionGroup-id}/sections/{onenoteSection-id}/pages/{onenotePage-id}/content",
                },
            ];
        });
        assert_printed_apart_as_prettyplease(quote! {
            #![doc = " Operations on `v1`."]
            pub struct V1<'a> { client: &'a crate::Client }
        });
        assert_printed_apart_as_prettyplease(quote! { #![doc = " Only docs."] });
        assert_printed_apart_as_prettyplease(quote! {
            crate::runtime::request_methods!(GetRequest => crate::models::Share, json);
        });
    }

    /// prettyplease leaves a line indented past 29 columns 60 columns for its text, past the
    /// margin (a fuzz mutant nesting maps eight levels deep found the difference).
    #[test]
    fn deeply_indented_lines_break_where_prettyplease_breaks_them() {
        let mut ty = quote! { ::serde_json::Map<String, ::serde_json::Value> };
        for _ in 0..11 {
            ty = quote! { ::std::collections::BTreeMap<String, #ty> };
        }
        assert_printed_apart_as_prettyplease(quote! {
            pub struct Deep { pub since: Option<#ty>, pub other: Option<String> }
        });
        assert_printed_apart_as_prettyplease(quote! {
            impl Deep {
                pub fn since(mut self, value: impl Into<#ty>) -> Self { self.since = Some(value.into()); self }
            }
        });
    }

    #[test]
    fn what_the_printers_do_not_know_is_left_to_prettyplease() {
        for item in [
            quote! { #![allow(x)] const A: &[S] = &[S { a: 1 }, S { a: 2 }]; },
            quote! { const A: &[u8] = &[f(1)]; },
            quote! { #![doc = "two\nlines"] pub struct A; },
            quote! { #[doc = "x"] m!(A); },
        ] {
            let trees = tree::trees(item.clone());
            assert_eq!(print_apart(&trees), None, "{item}");
        }
    }
}
