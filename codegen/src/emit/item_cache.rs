//! The formatted text of every top-level item of an earlier run, by a hash of the item's tokens,
//! kept in files so that regenerating formats only the items that changed.
//!
//! prettyplease formats an item the same way wherever it stands, so an item whose tokens are
//! unchanged has the text it had. Formatting is most of the cost of emitting, and a spec update
//! changes few items, so a regeneration after a small change (or none) skips most of it.
//!
//! The files are only ever an optimisation: one that is missing, unreadable, corrupt, or written
//! by another build of the generator counts as empty, and failing to write one is not an error.
//! Beside the items they keep each memoised piece's entry (`piece_memo`): what the piece
//! declared and read, and which items it made, so that a piece whose inputs are unchanged is not
//! even built.
//!
//! There are two files. The base holds every item of the run that wrote it; a delta beside it
//! holds only the texts of items the base lacks, and the whole index of the run that wrote it,
//! whose offsets run on from the base's text into its own. A regeneration after a small change
//! writes a delta of a few kilobytes of text where rewriting the base wrote all of it (Graph's
//! 70 MB: 36 ms, and as much again for the kernel to free the file it replaced); a base is
//! written again once the delta's text would pass a quarter of the base's, or the run uses less
//! than half of the base's. A delta names its base by a fingerprint of the base's random number,
//! checksum and text length, so it is not read over another base.
//!
//! Both files are laid out alike: magic, generator identity, the base's number (a delta: the
//! fingerprint of its base), text length, text, item count, then per item its token hash,
//! offset and length; piece count, then per piece its key, its reads (count, then code and hash
//! each) and its items (count, then token hashes); last a checksum of everything before it.

use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::file_text::{FileText, ItemText};
use crate::cache_file::{
    generator_identity, lowering_record, paths_index, stable_hash, write_file, FileBytes, KeptText,
};

const BASE_MAGIC: &[u8; 8] = b"OAGITEM7";
const DELTA_MAGIC: &[u8; 8] = b"OAGDELT7";

/// A delta is written while its text stays within this share of the base's text.
const DELTA_SHARE: usize = 4;

/// Formatted items of an earlier run, read back from its base and delta.
#[derive(Default)]
pub struct ItemCache {
    base: Option<CacheFile>,
    delta: Option<CacheFile>,
}

/// One cache file as read: its texts, checked whole to be UTF-8 (they are most of the
/// crate's files after a small change, which borrow them), and its index.
struct CacheFile {
    text: Arc<KeptText>,
    text_len: usize,
    /// A base's own number, or the fingerprint of the base a delta was written over.
    base_tag: u64,
    checksum: u64,
    // Keyed by hashes already, so Fx's one multiply spreads them as well as SipHash did.
    spans: FxHashMap<u64, (usize, usize)>,
    pieces: FxHashMap<u64, PieceEntry>,
}

/// What one piece was made from and what it made, for `piece_memo`: the hash of the inputs it
/// declared, each thing it read (a code naming it, and the hash it had), and its items' token
/// hashes in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PieceEntry {
    pub key: u64,
    pub reads: Vec<(u64, u64)>,
    pub items: Vec<u64>,
}

/// The base an earlier run left, as a new delta needs it: its fingerprint, its text's length,
/// and where each of its items is in that text.
pub struct Base {
    fingerprint: u64,
    text_len: usize,
    spans: FxHashMap<u64, (usize, usize)>,
}

impl ItemCache {
    /// The cache at `path` (its base, and the delta beside it when that was written over this
    /// base), or an empty one when there is none this build can trust.
    pub fn load(path: &Path) -> ItemCache {
        let identity = generator_identity();
        let read = |path: &Path, magic| {
            FileBytes::open(path).and_then(|bytes| parse(bytes, identity, magic))
        };
        let Some(base) = read(path, BASE_MAGIC) else {
            return ItemCache::default();
        };
        let delta = read(&delta_path(path), DELTA_MAGIC)
            .filter(|delta| delta.base_tag == base.fingerprint());
        ItemCache {
            base: Some(base),
            delta,
        }
    }

    /// The formatted text of the item whose tokens hash to `hash`.
    pub fn get(&self, hash: u64) -> Option<ItemText<'_>> {
        let base = self.base.as_ref()?;
        let &(start, len) = self.index()?.spans.get(&hash)?;
        let (file, start) = match start.checked_sub(base.text_len) {
            None => (base, start),
            Some(in_delta) => (self.delta.as_ref()?, in_delta),
        };
        let range = start..start.checked_add(len)?;
        // A span that runs past its text or cuts a character in half is never served.
        file.text.as_str().get(range.clone())?;
        Some(ItemText::Kept {
            text: &file.text,
            range,
        })
    }

    /// The entry of the piece whose declared inputs hash to `key`.
    pub fn piece(&self, key: u64) -> Option<&PieceEntry> {
        self.index()?.pieces.get(&key)
    }

    /// The file whose index is the last run's: the delta when there is one, else the base.
    fn index(&self) -> Option<&CacheFile> {
        self.delta.as_ref().or(self.base.as_ref())
    }

    /// What a new delta needs of the base: its index, without the texts.
    pub fn into_base(self) -> Option<Base> {
        let base = self.base?;
        let fingerprint = base.fingerprint();
        let text_len = base.text_len;
        let mut spans = base.spans;
        spans.retain(|_, &mut (start, len)| start + len <= text_len);
        Some(Base {
            fingerprint,
            text_len,
            spans,
        })
    }
}

impl CacheFile {
    /// What a delta written over this base names it by: its random number alone could be drawn
    /// twice, its checksum and length with it name its texts.
    fn fingerprint(&self) -> u64 {
        let mut words = Vec::with_capacity(24);
        for word in [self.base_tag, self.checksum, self.text_len as u64] {
            words.extend_from_slice(&word.to_le_bytes());
        }
        stable_hash(&words)
    }
}

fn delta_path(path: &Path) -> PathBuf {
    path.with_extension("delta")
}

fn retired_path(path: &Path) -> PathBuf {
    path.with_extension("retired")
}

/// Deletes the item cache at `path`: its base, its delta, a base retired but not yet deleted,
/// and the lowering record and the index of path items kept beside it; one that is not there
/// is no error.
pub fn remove(path: &Path) -> std::io::Result<()> {
    let files = [
        path.to_path_buf(),
        delta_path(path),
        retired_path(path),
        lowering_record(path),
        paths_index(path),
    ];
    for file in files {
        unless_missing(fs::remove_file(&file))?;
    }
    Ok(())
}

/// Copies the item cache at `from` to `to`, with the delta, the lowering record and the index
/// of path items kept beside it, so that a run at `to` finds what a run at `from` would; `to`'s
/// own files go first.
pub fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    remove(to)?;
    fs::copy(from, to)?;
    for beside in [delta_path, lowering_record, paths_index] {
        unless_missing(fs::copy(beside(from), beside(to)))?;
    }
    Ok(())
}

/// `result`'s error, unless it says the file was not there.
fn unless_missing<T>(result: std::io::Result<T>) -> std::io::Result<()> {
    match result {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Moves the file at `path` aside and deletes it on a thread nobody waits for. Writing a base
/// over the old one made the rename free the old file's blocks and pages (Graph's 70 MB: 70 to
/// 95 ms; stripe's 10 MB: 8 to 11 ms, a quarter of its emit after a one-operation change).
fn retire(path: &Path) {
    let aside = retired_path(path);
    if fs::rename(path, &aside).is_ok() {
        crate::worker::aside(move || {
            let _ = fs::remove_file(aside);
        });
    }
}

/// One item of this run's output: its token hash, and where its text is in its file.
#[derive(Clone, Copy)]
pub struct ItemSpan {
    pub hash: u64,
    pub start: usize,
    pub len: usize,
}

/// Writes the items of this run (each file's formatted text and its items' spans in it) and its
/// pieces' entries beside `base`, the base the run read: as a delta when the texts `base` lacks
/// are few, else as a new base at `path`. Each file is replaced whole, so a reader never sees
/// half of one. Errors are ignored: the next run simply formats more.
pub fn store(
    path: &Path,
    files: &[(&FileText, &[ItemSpan])],
    pieces: &[PieceEntry],
    base: Option<&Base>,
) {
    if let Some(parent) = path.parent() {
        let _ = fs::create_dir_all(parent);
    }
    if let Some(base) = base {
        if store_delta(path, files, pieces, base) {
            return;
        }
    }
    let number = new_base_number();
    let texts = files
        .iter()
        .flat_map(|(text, _)| text.parts().map(str::as_bytes));
    let file_starts: Vec<usize> = files
        .iter()
        .scan(0, |next, (text, _)| {
            let start = *next;
            *next += text.len();
            Some(start)
        })
        .collect();
    let items = files
        .iter()
        .zip(&file_starts)
        .flat_map(|((_, spans), &start)| {
            spans
                .iter()
                .map(move |span| (span.hash, start + span.start, span.len))
        });
    retire(path);
    let _ = fs::remove_file(delta_path(path));
    let _ = write_file(path, |file| {
        write_contents(file, BASE_MAGIC, number, texts, items, pieces)
    });
}

/// Writes a delta over `base`; `false`, writing nothing, when its text would be too large or
/// the run uses too little of the base (reading a large base to serve a little would cost every
/// later run).
fn store_delta(
    path: &Path,
    files: &[(&FileText, &[ItemSpan])],
    pieces: &[PieceEntry],
    base: &Base,
) -> bool {
    let mut added: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    let mut used: FxHashSet<u64> = FxHashSet::default();
    let mut texts = Vec::new();
    let (mut added_len, mut used_len) = (0, 0);
    for (text, spans) in files {
        for span in *spans {
            if let Some(&(_, len)) = base.spans.get(&span.hash) {
                if used.insert(span.hash) {
                    used_len += len;
                }
                continue;
            }
            if added.contains_key(&span.hash) {
                continue;
            }
            // Every item lies within one part of its file.
            let Some(item) = text.within_part(span.start..span.start + span.len) else {
                return false;
            };
            added.insert(span.hash, (base.text_len + added_len, span.len));
            texts.push(item.as_bytes());
            added_len += span.len;
        }
    }
    if added_len > base.text_len / DELTA_SHARE || used_len < base.text_len / 2 {
        return false;
    }
    let items = files
        .iter()
        .flat_map(|(_, spans)| spans.iter())
        .filter_map(|span| {
            let &(start, len) = base.spans.get(&span.hash).or(added.get(&span.hash))?;
            Some((span.hash, start, len))
        });
    let _ = write_file(&delta_path(path), |file| {
        let texts = texts.into_iter();
        write_contents(file, DELTA_MAGIC, base.fingerprint, texts, items, pieces)
    });
    true
}

/// A random number for a new base (the standard library's hasher keys come from the operating
/// system), mixed with the time and the process, so that two bases hardly ever share one.
fn new_base_number() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    hasher.finish()
}

/// A cache file's contents, as the module doc lays them out.
fn write_contents<'t>(
    file: fs::File,
    magic: &[u8; 8],
    base_tag: u64,
    texts: impl Iterator<Item = &'t [u8]> + Clone,
    items: impl Iterator<Item = (u64, usize, usize)> + Clone,
    pieces: &[PieceEntry],
) -> std::io::Result<()> {
    let mut out = ChecksumWriter::new(BufWriter::new(file));
    out.write_all(magic)?;
    for word in [
        generator_identity(),
        base_tag,
        texts.clone().map(<[u8]>::len).sum::<usize>() as u64,
    ] {
        out.write_all(&word.to_le_bytes())?;
    }
    for text in texts {
        out.write_all(text)?;
    }
    // The index is laid out in memory and checksummed in one pass: a `write_all` per word cost
    // the checksum a call per eight bytes.
    let item_count = items.clone().count();
    let piece_words: usize = pieces
        .iter()
        .map(|piece| 3 + 2 * piece.reads.len() + piece.items.len())
        .sum();
    let index_len = 8 * (2 + 3 * item_count + piece_words);
    let mut index = Vec::with_capacity(index_len);
    let mut word = |value: u64| index.extend_from_slice(&value.to_le_bytes());
    word(item_count as u64);
    for (hash, start, len) in items {
        word(hash);
        word(start as u64);
        word(len as u64);
    }
    word(pieces.len() as u64);
    for piece in pieces {
        word(piece.key);
        word(piece.reads.len() as u64);
        for &(code, hash) in &piece.reads {
            word(code);
            word(hash);
        }
        word(piece.items.len() as u64);
        for &item in &piece.items {
            word(item);
        }
    }
    debug_assert_eq!(
        index.len(),
        index_len,
        "the index is sized as it is laid out"
    );
    out.write_all(&index)?;
    let checksum = out.checksum();
    let mut inner = out.into_inner();
    inner.write_all(&checksum.to_le_bytes())?;
    inner.into_inner().map_err(|error| error.into_error())?;
    Ok(())
}

/// Reads a cache file with `magic`; `None` when anything about it is off.
fn parse(bytes: FileBytes, identity: u64, magic: &[u8; 8]) -> Option<CacheFile> {
    let body_len = bytes.len().checked_sub(8)?;
    let (body, checksum) = bytes.split_at(body_len);
    let checksum = u64::from_le_bytes(checksum.try_into().ok()?);
    if u64::from(crc32fast::hash(body)) != checksum {
        return None;
    }
    let mut reader = Reader { bytes: body, at: 0 };
    if reader.take(magic.len())? != magic || reader.word()? != identity {
        return None;
    }
    let base_tag = reader.word()?;
    let text_len = usize::try_from(reader.word()?).ok()?;
    let text_start = reader.at;
    reader.take(text_len)?;
    let text_range = text_start..text_start + text_len;
    let item_count = usize::try_from(reader.word()?).ok()?;
    let mut spans =
        FxHashMap::with_capacity_and_hasher(item_count.min(body_len / 24), Default::default());
    for _ in 0..item_count {
        let hash = reader.word()?;
        let start = usize::try_from(reader.word()?).ok()?;
        let len = usize::try_from(reader.word()?).ok()?;
        start.checked_add(len)?;
        spans.insert(hash, (start, len));
    }
    let pieces = read_pieces(&mut reader)?;
    if reader.at != body_len {
        return None;
    }
    Some(CacheFile {
        text: Arc::new(KeptText::new(bytes, text_range)?),
        text_len,
        base_tag,
        checksum,
        spans,
        pieces,
    })
}

/// The pieces' entries, by key; `None` when a count runs past the file.
fn read_pieces(reader: &mut Reader<'_>) -> Option<FxHashMap<u64, PieceEntry>> {
    let count = reader.count(8)?;
    let mut pieces = FxHashMap::with_capacity_and_hasher(count, Default::default());
    for _ in 0..count {
        let key = reader.word()?;
        let reads = (0..reader.count(16)?)
            .map(|_| Some((reader.word()?, reader.word()?)))
            .collect::<Option<_>>()?;
        let items = (0..reader.count(8)?)
            .map(|_| reader.word())
            .collect::<Option<_>>()?;
        pieces.insert(key, PieceEntry { key, reads, items });
    }
    Some(pieces)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(taken)
    }

    fn word(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count of things `size` bytes each, refused when they cannot all be in what is left, so
    /// a damaged count never reserves memory for them.
    fn count(&mut self, size: usize) -> Option<usize> {
        let count = usize::try_from(self.word()?).ok()?;
        (count <= (self.bytes.len() - self.at) / size).then_some(count)
    }
}

/// Sums everything written through it, so the checksum costs no second pass. The checksum
/// only detects a damaged file, so it is a CRC-32 (crc32fast, with the CPU's carry-less
/// multiply): over Graph beta's 195 MB cache it takes 23 ms where SipHash took 70, once when the
/// cache is written and once when it is read, each on one thread.
struct ChecksumWriter<W> {
    inner: W,
    hasher: crc32fast::Hasher,
}

impl<W: Write> ChecksumWriter<W> {
    fn new(inner: W) -> Self {
        ChecksumWriter {
            inner,
            hasher: crc32fast::Hasher::new(),
        }
    }

    fn checksum(&self) -> u64 {
        u64::from(self.hasher.clone().finalize())
    }

    fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for ChecksumWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text the cache serves for `hash`, from its kept text.
    fn kept(cache: &ItemCache, hash: u64) -> Option<&str> {
        cache.get(hash).and_then(|item| item.kept())
    }

    #[test]
    fn copying_and_removing_a_cache_takes_every_file_kept_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("a.items"), dir.path().join("b.items"));
        let beside: [fn(&Path) -> PathBuf; 4] =
            [Path::to_path_buf, delta_path, lowering_record, paths_index];
        for (n, file) in beside.iter().enumerate() {
            fs::write(file(&from), n.to_string()).unwrap();
        }
        fs::write(paths_index(&to), "stale").unwrap();
        copy(&from, &to).unwrap();
        for (n, file) in beside.iter().enumerate() {
            assert_eq!(fs::read_to_string(file(&to)).unwrap(), n.to_string());
        }
        remove(&to).unwrap();
        assert!(beside.iter().all(|file| !file(&to).exists()));
        remove(&to).unwrap();
    }

    fn span(hash: u64, start: usize, len: usize) -> ItemSpan {
        ItemSpan { hash, start, len }
    }

    /// A base of `text`'s four ten-byte items, hashed 1 to 4.
    fn store_four_items(path: &Path, text: &str) {
        let spans = [
            span(1, 0, 10),
            span(2, 10, 10),
            span(3, 20, 10),
            span(4, 30, 10),
        ];
        store(path, &[(&FileText::from(text), &spans)], &[], None);
    }

    /// Waits for the thread that deletes a retired file.
    fn gone(path: &Path) -> bool {
        for _ in 0..500 {
            if !path.exists() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn stored_items_read_back_and_damage_empties_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let first = [span(7, 0, 3), span(9, 3, 2)];
        let second = [span(11, 1, 2)];
        let piece = PieceEntry {
            key: 5,
            reads: vec![(2, 3), (4, 6)],
            items: vec![7, 9],
        };
        store(
            &path,
            &[
                (&FileText::from("abcde"), &first),
                (&FileText::from("xyz"), &second),
            ],
            std::slice::from_ref(&piece),
            None,
        );
        let cache = ItemCache::load(&path);
        assert_eq!(cache.piece(5), Some(&piece));
        assert_eq!(cache.piece(7), None);
        assert_eq!(kept(&cache, 7), Some("abc"));
        assert_eq!(kept(&cache, 9), Some("de"));
        assert_eq!(kept(&cache, 11), Some("yz"));
        assert_eq!(kept(&cache, 8), None);
        // The file is mapped while `cache` lives, and is changed in place below.
        drop(cache);

        let mut bytes = fs::read(&path).unwrap();
        bytes[BASE_MAGIC.len() + 8 + 8 + 8] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert_eq!(
            kept(&ItemCache::load(&path), 7),
            None,
            "a flipped bit must empty the cache"
        );
        assert_eq!(kept(&ItemCache::load(&dir.path().join("missing")), 7), None);
    }

    #[test]
    fn a_small_change_writes_a_delta_and_leaves_the_base_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let text = "fn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\n";
        store_four_items(&path, text);
        let base_bytes = fs::read(&path).unwrap();

        // `b` changed: one new item, a tenth of the text.
        let changed = "fn a() {}\nfn B() {}\nfn c() {}\nfn d() {}\n";
        let changed_spans = [
            span(1, 0, 10),
            span(5, 10, 10),
            span(3, 20, 10),
            span(4, 30, 10),
        ];
        let piece = PieceEntry {
            key: 8,
            reads: vec![],
            items: vec![1, 5],
        };
        let base = ItemCache::load(&path).into_base();
        store(
            &path,
            &[(&FileText::from(changed), &changed_spans)],
            std::slice::from_ref(&piece),
            base.as_ref(),
        );
        assert_eq!(
            fs::read(&path).unwrap(),
            base_bytes,
            "the base is not rewritten"
        );
        assert!(delta_path(&path).exists());
        let cache = ItemCache::load(&path);
        assert_eq!(kept(&cache, 1), Some("fn a() {}\n"));
        assert_eq!(
            kept(&cache, 5),
            Some("fn B() {}\n"),
            "served from the delta"
        );
        assert_eq!(kept(&cache, 2), None, "the index is the last run's");
        assert_eq!(cache.piece(8), Some(&piece));

        // A delta over another base is never read: its offsets would name other texts.
        let other = dir.path().join("other");
        store_four_items(&other, text);
        fs::copy(delta_path(&path), delta_path(&other)).unwrap();
        let cache = ItemCache::load(&other);
        assert_eq!(kept(&cache, 5), None);
        assert_eq!(kept(&cache, 2), Some("fn b() {}\n"));
    }

    #[test]
    fn a_large_change_writes_a_new_base_and_retires_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let text = "0123456789abcdefghij";
        store(
            &path,
            &[(&FileText::from(text), &[span(1, 0, 10), span(2, 10, 10)])],
            &[],
            None,
        );
        let base = ItemCache::load(&path).into_base();
        let small = [span(1, 0, 10), span(2, 10, 10), span(3, 20, 2)];
        store(
            &path,
            &[(&FileText::from("0123456789abcdefghijXY"), &small)],
            &[],
            base.as_ref(),
        );
        assert!(delta_path(&path).exists(), "a tenth of the text is new");
        let base = ItemCache::load(&path).into_base();
        store(
            &path,
            &[(&FileText::from("PQRSTUVWXYZ"), &[span(4, 0, 11)])],
            &[],
            base.as_ref(),
        );
        assert!(!delta_path(&path).exists(), "the old delta is removed");
        assert!(
            gone(&path.with_extension("retired")),
            "the old base is deleted"
        );
        let cache = ItemCache::load(&path);
        assert_eq!(kept(&cache, 4), Some("PQRSTUVWXYZ"));
        assert_eq!(kept(&cache, 1), None);
    }

    #[test]
    fn a_run_that_uses_little_of_the_base_writes_a_new_one_and_leaves_no_staging_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        store_four_items(&path, "0123456789abcdefghijklmnopqrstuvwxyz0123");
        // A tenth of the text is new, but the run uses only a quarter of the base.
        let base = ItemCache::load(&path).into_base();
        store(
            &path,
            &[(
                &FileText::from("0123456789AB"),
                &[span(1, 0, 10), span(5, 10, 2)],
            )],
            &[],
            base.as_ref(),
        );
        assert!(!delta_path(&path).exists(), "a new base, no delta");
        assert!(gone(&retired_path(&path)));
        assert_eq!(kept(&ItemCache::load(&path), 5), Some("AB"));
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["items"], "no staging or retired file is left");
        remove(&path).unwrap();
        remove(&path).unwrap();
        assert!(!path.exists());
    }
}
