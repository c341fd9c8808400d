//! The formatted text of every top-level item of an earlier run, by a hash of the item's tokens,
//! kept in one file so that regenerating formats only the items that changed.
//!
//! prettyplease formats an item the same way wherever it stands, so an item whose tokens are
//! unchanged has the text it had. Formatting is most of the cost of emitting, and a spec update
//! changes few items, so a regeneration after a small change (or none) skips most of it.
//!
//! The file is only ever an optimisation: one that is missing, unreadable, corrupt, or written by
//! another build of the generator counts as empty, and failing to write it is not an error.
//! Beside the items it keeps each memoised piece's entry (`piece_memo`): what the piece declared
//! and read, and which items it made, so that a piece whose inputs are unchanged is not even
//! built.
//!
//! Its layout: magic, generator identity, text length, text (every file's formatted items, one
//! after another), item count, then per item its token hash, offset and length in the text;
//! piece count, then per piece its key, its reads (count, then code and hash each) and its items
//! (count, then token hashes); last a checksum of everything before it.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{BufWriter, Write};
use std::path::Path;

use rustc_hash::FxHashMap;

const MAGIC: &[u8; 8] = b"OAGITEM5";

/// Formatted items of an earlier run, read back from the cache file.
#[derive(Default)]
pub struct ItemCache {
    /// The whole file as read; the items' texts are `bytes[text_start..]`, each checked to be
    /// UTF-8 when it is served (moving the text to the front of the buffer copied all of it).
    bytes: Vec<u8>,
    text_start: usize,
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

impl ItemCache {
    /// The cache at `path`, or an empty one when there is none this build can trust.
    pub fn load(path: &Path) -> ItemCache {
        fs::read(path)
            .ok()
            .and_then(|bytes| parse(bytes, generator_identity()))
            .unwrap_or_default()
    }

    /// The formatted text of the item whose tokens hash to `hash`.
    pub fn get(&self, hash: u64) -> Option<&str> {
        let &(start, len) = self.spans.get(&hash)?;
        let start = self.text_start + start;
        std::str::from_utf8(self.bytes.get(start..start + len)?).ok()
    }

    /// The entry of the piece whose declared inputs hash to `key`.
    pub fn piece(&self, key: u64) -> Option<&PieceEntry> {
        self.pieces.get(&key)
    }
}

/// Moves the cache file at `path` aside and deletes it on a thread nobody waits for; the run
/// writes its own under the same name when it ends. Writing it over the old one made the rename
/// free the old file's blocks and pages (Graph's 70 MB: 70 to 95 ms; stripe's 10 MB: 8 to 11
/// ms, a quarter of its emit after a one-operation change). Emitting calls it, so a document
/// that fails to lower keeps its cache.
pub fn retire(path: &Path) {
    let aside = path.with_extension("retired");
    if fs::rename(path, &aside).is_err() {
        return;
    }
    let deleting = std::thread::Builder::new().spawn({
        let aside = aside.clone();
        move || fs::remove_file(aside)
    });
    if deleting.is_err() {
        let _ = fs::remove_file(&aside);
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
/// pieces' entries to `path`, replacing the file whole so a reader never sees half of it. Errors
/// are ignored: the next run simply formats everything.
pub fn store(path: &Path, files: &[(&str, &[ItemSpan])], pieces: &[PieceEntry]) {
    let _ = try_store(path, files, pieces);
}

fn try_store(
    path: &Path,
    files: &[(&str, &[ItemSpan])],
    pieces: &[PieceEntry],
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let staging = path.with_extension(format!("tmp{}", std::process::id()));
    let mut out = ChecksumWriter::new(BufWriter::new(fs::File::create(&staging)?));
    out.write_all(MAGIC)?;
    out.write_all(&generator_identity().to_le_bytes())?;
    let text_len: usize = files.iter().map(|(text, _)| text.len()).sum();
    out.write_all(&(text_len as u64).to_le_bytes())?;
    for (text, _) in files {
        out.write_all(text.as_bytes())?;
    }
    let item_count: usize = files.iter().map(|(_, spans)| spans.len()).sum();
    out.write_all(&(item_count as u64).to_le_bytes())?;
    let mut base = 0;
    for (text, spans) in files {
        for span in *spans {
            for word in [span.hash, (base + span.start) as u64, span.len as u64] {
                out.write_all(&word.to_le_bytes())?;
            }
        }
        base += text.len();
    }
    out.write_all(&(pieces.len() as u64).to_le_bytes())?;
    for piece in pieces {
        out.write_all(&piece.key.to_le_bytes())?;
        out.write_all(&(piece.reads.len() as u64).to_le_bytes())?;
        for (code, hash) in &piece.reads {
            out.write_all(&code.to_le_bytes())?;
            out.write_all(&hash.to_le_bytes())?;
        }
        out.write_all(&(piece.items.len() as u64).to_le_bytes())?;
        for item in &piece.items {
            out.write_all(&item.to_le_bytes())?;
        }
    }
    let checksum = out.checksum();
    let mut inner = out.into_inner();
    inner.write_all(&checksum.to_le_bytes())?;
    inner.into_inner().map_err(|error| error.into_error())?;
    fs::rename(&staging, path).inspect_err(|_| {
        let _ = fs::remove_file(&staging);
    })
}

/// Reads a cache file; `None` when anything about it is off.
fn parse(mut bytes: Vec<u8>, identity: u64) -> Option<ItemCache> {
    let body_len = bytes.len().checked_sub(8)?;
    let (body, checksum) = bytes.split_at(body_len);
    if u64::from(crc32fast::hash(body)) != u64::from_le_bytes(checksum.try_into().ok()?) {
        return None;
    }
    let mut reader = Reader { bytes: body, at: 0 };
    if reader.take(MAGIC.len())? != MAGIC || reader.word()? != identity {
        return None;
    }
    let text_len = usize::try_from(reader.word()?).ok()?;
    let text_start = reader.at;
    reader.take(text_len)?;
    let item_count = usize::try_from(reader.word()?).ok()?;
    let mut spans =
        FxHashMap::with_capacity_and_hasher(item_count.min(body_len / 24), Default::default());
    for _ in 0..item_count {
        let hash = reader.word()?;
        let start = usize::try_from(reader.word()?).ok()?;
        let len = usize::try_from(reader.word()?).ok()?;
        if start.checked_add(len)? > text_len {
            return None;
        }
        spans.insert(hash, (start, len));
    }
    let pieces = read_pieces(&mut reader)?;
    if reader.at != body_len {
        return None;
    }
    bytes.truncate(text_start + text_len);
    // A span that is not UTF-8, or cuts a character in half, is refused by `get`, so it is
    // never served.
    Some(ItemCache {
        bytes,
        text_start,
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

/// The hash every cached key is made with: XXH3-64, a specified algorithm with no seed, so the
/// same bytes hash alike in every run of every build, and two items' texts share a key only by
/// a 64-bit chance. It replaced SipHash with fixed keys, which took 19 of the 67 M instructions
/// of stripe's emit after a one-operation change (hashing the IR's types and operations for
/// the piece memo, and the items' keys).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Which build of the generator is running: the program's size and modification time. A
/// rebuilt generator (another prettyplease, another emitter) never trusts what an older build
/// cached.
pub fn generator_identity() -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(metadata) = std::env::current_exe().and_then(fs::metadata) {
        hasher.write_u64(metadata.len());
        if let Ok(modified) = metadata.modified() {
            if let Ok(since) = modified.duration_since(std::time::UNIX_EPOCH) {
                hasher.write_u128(since.as_nanos());
            }
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_items_read_back_and_damage_empties_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let first = [
            ItemSpan {
                hash: 7,
                start: 0,
                len: 3,
            },
            ItemSpan {
                hash: 9,
                start: 3,
                len: 2,
            },
        ];
        let second = [ItemSpan {
            hash: 11,
            start: 1,
            len: 2,
        }];
        let piece = PieceEntry {
            key: 5,
            reads: vec![(2, 3), (4, 6)],
            items: vec![7, 9],
        };
        store(
            &path,
            &[("abcde", &first), ("xyz", &second)],
            std::slice::from_ref(&piece),
        );
        let cache = ItemCache::load(&path);
        assert_eq!(cache.piece(5), Some(&piece));
        assert_eq!(cache.piece(7), None);
        assert_eq!(cache.get(7), Some("abc"));
        assert_eq!(cache.get(9), Some("de"));
        assert_eq!(cache.get(11), Some("yz"));
        assert_eq!(cache.get(8), None);

        let mut bytes = fs::read(&path).unwrap();
        bytes[MAGIC.len() + 8 + 8] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert_eq!(
            ItemCache::load(&path).get(7),
            None,
            "a flipped bit must empty the cache"
        );
        assert_eq!(ItemCache::load(&dir.path().join("missing")).get(7), None);
    }

    #[test]
    fn a_retired_cache_is_gone_and_its_file_deleted_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items");
        let spans = [ItemSpan {
            hash: 7,
            start: 0,
            len: 3,
        }];
        store(&path, &[("abc", &spans)], &[]);
        assert_eq!(ItemCache::load(&path).get(7), Some("abc"));
        retire(&path);
        assert!(!path.exists(), "the cache is moved aside at once");
        assert_eq!(ItemCache::load(&path).get(7), None);
        // The file moved aside is deleted by a thread of its own.
        let aside = path.with_extension("retired");
        for _ in 0..500 {
            if !aside.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(!aside.exists(), "the retired cache is deleted");
        retire(&path);
        store(&path, &[("xyz", &spans)], &[]);
        assert_eq!(ItemCache::load(&path).get(7), Some("xyz"));
    }
}
