//! Files the generator keeps between runs (the item cache, `emit/item_cache.rs`; the lowering
//! record, `lower/replay.rs`): the one hash they key by, the build they belong to, and how each
//! is replaced whole.
//!
//! Such a file is only ever an optimisation: one that is missing, damaged or of another build
//! reads as nothing, and failing to write one is not an error.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The lowering record kept beside the item cache at `item_cache`: its name with `.lowering`
/// added, so that no two caches share one (`a.items` and `a.cache` would, by extension) and no
/// cache is its own record.
pub fn lowering_record(item_cache: &Path) -> PathBuf {
    let mut name = item_cache.file_name().unwrap_or_default().to_os_string();
    name.push(".lowering");
    item_cache.with_file_name(name)
}

/// The index of path item texts kept beside the item cache at `item_cache`
/// (`load/unparsed.rs`): its name with `.paths` added.
pub fn paths_index(item_cache: &Path) -> PathBuf {
    let mut name = item_cache.file_name().unwrap_or_default().to_os_string();
    name.push(".paths");
    item_cache.with_file_name(name)
}

/// A kept file's bytes, mapped into memory where the system allows it, else read.
///
/// Read, stripe's 10.6 MB item cache and 4.8 MB record were copied into fresh pages the
/// kernel had to fault in and zero: about a third of the CPU of a one-change run went to the
/// kernel handing out pages. Mapped, the file's pages are the page cache's own.
pub enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl FileBytes {
    /// The bytes of the file at `path`; `None` when it cannot be read.
    /// Mapped only where a mapped file can still be renamed over and unlinked (Unix): the
    /// emitted files borrow the item cache's text while the next cache replaces it, and where
    /// a mapping locks its file (Windows) the cache would never be replaced.
    pub fn open(path: &Path) -> Option<FileBytes> {
        if !cfg!(unix) {
            return fs::read(path).ok().map(FileBytes::Read);
        }
        let file = fs::File::open(path).ok()?;
        // SAFETY: the mapping is read-only, and the generator never changes a kept file in
        // place: `write_file` writes a new file and renames it over the old one, which leaves
        // this mapping on the old file, and removing one only unlinks its name. Every kept
        // file's checksum is checked once it is mapped. What no mapping survives is another
        // program writing into the file while it is mapped, which is until the emitted files
        // that borrow the item cache's text are dropped (the end of the run, for `xtask`):
        // bytes changed after the check go unnoticed, and a truncation ends the run with
        // SIGBUS. Kept files live in the generator's own target directory, where nothing else
        // writes.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Some(FileBytes::Mapped(map)),
            Err(_) => fs::read(path).ok().map(FileBytes::Read),
        }
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(map) => map,
            FileBytes::Read(bytes) => bytes,
        }
    }
}

/// Text in a kept file, checked once, where the file is opened, to be UTF-8: the item cache's
/// texts, which most of a regeneration's files are made of. Checked whole, they are read as
/// text where they are served and written, never checked item by item or copied.
pub struct KeptText {
    bytes: FileBytes,
    start: usize,
    len: usize,
}

impl KeptText {
    /// The text at `range` of `bytes`; `None` when it is not UTF-8 or runs past them.
    pub fn new(bytes: FileBytes, range: std::ops::Range<usize>) -> Option<KeptText> {
        std::str::from_utf8(bytes.get(range.clone())?).ok()?;
        Some(KeptText {
            bytes,
            start: range.start,
            len: range.len(),
        })
    }

    pub fn as_str(&self) -> &str {
        let bytes = &self.bytes[self.start..][..self.len];
        // SAFETY: `new` checked these bytes to be UTF-8, and they never change after: the
        // fields are private, and a mapping's bytes stay as they were checked unless another
        // program writes into the kept file while it is mapped, the case `FileBytes::open`
        // owns to.
        unsafe { std::str::from_utf8_unchecked(bytes) }
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

/// The [`stable_hash`] of what `value`'s `Hash` writes.
pub fn value_hash(value: &(impl Hash + ?Sized)) -> u64 {
    let mut hasher = StableHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// How many bytes [`StableHasher`] gathers before handing them to XXH3.
const GATHERED: usize = 1024;

/// The [`stable_hash`] of everything written to it, through `Hash` or `io::Write`.
///
/// A streaming hasher costs per call, and derived `Hash` calls once per field (SipHash in
/// stripe's first run: 94 M instructions in its `write`; XXH3's streaming `update`, per call,
/// a third of hashing a changed path item's effects). So small writes are gathered in a buffer
/// on the stack, integers copied in as fixed-size words, and only full buffers (or writes as
/// large) go to XXH3, whose streaming digest is that of the bytes joined. Gathering into a
/// growing `Vec` instead, then hashing it once, copied it at each growth and took fresh pages:
/// hashing stripe's 3,677 types (5.4 MB in 372,000 writes) took 4.5 ms so, and 3.1 ms this way.
pub struct StableHasher {
    /// What went to XXH3 already; `None` until a buffer filled.
    streamed: Option<Box<xxhash_rust::xxh3::Xxh3>>,
    gathered: [u8; GATHERED],
    len: usize,
}

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher {
            streamed: None,
            gathered: [0; GATHERED],
            len: 0,
        }
    }
}

impl StableHasher {
    /// Gathers a fixed-size word: a copy the compiler makes a single move.
    #[inline(always)]
    fn gather<const N: usize>(&mut self, bytes: [u8; N]) {
        if self.len + N > GATHERED {
            self.stream_gathered();
        }
        self.gathered[self.len..self.len + N].copy_from_slice(&bytes);
        self.len += N;
    }

    #[cold]
    fn stream_gathered(&mut self) {
        let streamed = self.streamed.get_or_insert_with(Default::default);
        streamed.update(&self.gathered[..self.len]);
        self.len = 0;
    }
}

/// `Hasher`'s integer writes, each gathered as a fixed-size word ([`StableHasher::gather`]).
macro_rules! gathered_words {
    ($($method:ident: $type:ty),+) => {
        $(
            #[inline]
            fn $method(&mut self, value: $type) {
                self.gather(value.to_ne_bytes());
            }
        )+
    };
}

impl Hasher for StableHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > GATHERED {
            self.stream_gathered();
            if bytes.len() >= GATHERED {
                self.streamed
                    .get_or_insert_with(Default::default)
                    .update(bytes);
                return;
            }
        }
        self.gathered[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    gathered_words!(write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64);
    gathered_words!(write_usize: usize, write_i64: i64, write_isize: isize);

    fn finish(&self) -> u64 {
        let gathered = &self.gathered[..self.len];
        match &self.streamed {
            None => stable_hash(gathered),
            Some(streamed) => {
                let mut streamed = streamed.clone();
                streamed.update(gathered);
                streamed.digest()
            }
        }
    }
}

/// What serde writes (postcard's `to_io`) is hashed as written, never held.
impl Write for StableHasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        Hasher::write(self, bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Which build of the generator is running: the program's size and modification time. A
/// rebuilt generator (another prettyplease, another emitter) never trusts what an older build
/// cached.
pub fn generator_identity() -> u64 {
    static IDENTITY: OnceLock<u64> = OnceLock::new();
    *IDENTITY.get_or_init(read_identity)
}

fn read_identity() -> u64 {
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

/// A staging name beside `path` no other writer uses: this process's id and a count.
fn staging_path(path: &Path) -> PathBuf {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let count = WRITES.fetch_add(1, Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}-{count}", std::process::id()));
    path.with_file_name(name)
}

/// Writes one cache file at `path` through a staging file (`write` fills it) renamed over it;
/// the staging file is removed when anything fails.
pub fn write_file(
    path: &Path,
    write: impl FnOnce(fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let staging = staging_path(path);
    let written = fs::File::create_new(&staging).and_then(|file| {
        write(file)?;
        fs::rename(&staging, path)
    });
    if written.is_err() {
        let _ = fs::remove_file(&staging);
    }
    written
}

/// Replaces the file at `path` with `magic`, this build's identity, the `body` parts one after
/// another, and a checksum of all of them; see [`checked_body`]. The parts are written as they
/// are: Graph's 25 MB record took 44 ms to copy into one buffer and write.
pub fn store_checked(path: &Path, magic: &[u8; 8], body: &[&[u8]]) {
    if let Some(parent) = path.parent() {
        let _ = fs::create_dir_all(parent);
    }
    let identity = generator_identity().to_le_bytes();
    let _ = write_file(path, |file| {
        let mut file = std::io::BufWriter::new(file);
        let mut checksum = xxhash_rust::xxh3::Xxh3::new();
        for part in [magic.as_slice(), &identity]
            .into_iter()
            .chain(body.iter().copied())
        {
            checksum.update(part);
            file.write_all(part)?;
        }
        file.write_all(&checksum.digest().to_le_bytes())?;
        file.flush()
    });
}

/// The body of a file [`store_checked`] wrote with `magic`, when it was this build that wrote
/// it and the checksum holds.
pub fn checked_body<'b>(bytes: &'b [u8], magic: &[u8; 8]) -> Option<&'b [u8]> {
    bytes.get(checked_body_range(bytes, magic)?)
}

/// Where [`checked_body`]'s body is in `bytes`.
pub fn checked_body_range(bytes: &[u8], magic: &[u8; 8]) -> Option<std::ops::Range<usize>> {
    let (written, checksum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if stable_hash(written).to_le_bytes() != checksum {
        return None;
    }
    let rest = written.strip_prefix(magic)?;
    let (identity, _) = rest.split_at_checked(8)?;
    (identity == generator_identity().to_le_bytes()).then_some(magic.len() + 8..written.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stable_hasher_hashes_what_was_written_as_one_slice_however_it_was_cut() {
        // Writes of every size around the buffer's, words among them, and each prefix of them:
        // the digest is XXH3's of the bytes joined, whether or not a buffer was streamed.
        let mut joined = Vec::new();
        let mut hasher = StableHasher::default();
        let mut seed = 7u64;
        for step in 0..400 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            match step % 4 {
                0 => {
                    hasher.write_u64(seed);
                    joined.extend_from_slice(&seed.to_ne_bytes());
                }
                1 => {
                    hasher.write_u8(seed as u8);
                    joined.push(seed as u8);
                }
                _ => {
                    let len = (seed >> 40) as usize % (3 * GATHERED);
                    let bytes: Vec<u8> = (0..len).map(|n| (n as u64 ^ seed) as u8).collect();
                    Hasher::write(&mut hasher, &bytes);
                    joined.extend_from_slice(&bytes);
                }
            }
            assert_eq!(hasher.finish(), stable_hash(&joined), "after {step} writes");
        }
        let mut written = StableHasher::default();
        written.write_all(&joined).unwrap();
        assert_eq!(written.finish(), stable_hash(&joined));
        assert_eq!(StableHasher::default().finish(), stable_hash(&[]));
    }
}
