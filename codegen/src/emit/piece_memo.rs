//! Pieces whose inputs did not change since the last run are not even built: their items' texts
//! come from the item cache as they are. With only the item cache, every piece is built and
//! only its formatting is saved, and building is most of what a regeneration after a small change
//! costs (stripe after one new query parameter: 1.33 of 2.10 G instructions).
//!
//! A piece's inputs are what it declares and what it reads:
//! - it declares, through [`Key`], the values its closure holds (the types or operations it
//!   emits, the prelude names it writes short, the crate's name); `format.rs` adds its file and
//!   its place in the file;
//! - what it reads through the IR's accessors while it builds is recorded (`ir::reads`), and kept
//!   with the hash each read had then.
//!
//! A piece is served when its declared inputs hash as an entry's did and every read of that
//! entry still hashes as it did. A piece that read a whole list, or a part of the API kept by no
//! id (its info, auth, resource tree), is never kept. Values are hashed through `Hash`, derived
//! on every IR type so that no field is left out, with XXH3 (`cache_file::StableHasher`), so the
//! same value hashes alike in every run of a build (integers go in native byte order).

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use super::item_cache::PieceEntry;
use crate::cache_file::{value_hash, StableHasher};
use crate::ir::reads::Reads;
use crate::ir::{Api, TypeId};

/// What a piece declares it is made from, written into its key.
pub type Inputs<'a> = Box<dyn FnOnce(&mut Key<'_>) + Send + 'a>;

/// The hashes of the IR's types and operations, each computed once, when first asked for, on
/// whichever thread asks.
pub struct Hashes<'a> {
    api: &'a Api,
    types: Vec<OnceLock<u64>>,
    operations: Vec<OnceLock<u64>>,
}

/// A piece's declared inputs, hashed as they are written.
pub struct Key<'h> {
    hasher: StableHasher,
    hashes: &'h Hashes<'h>,
    /// False once a type the piece names is not in the IR: such a piece is built every time.
    sound: bool,
}

/// The code a read is kept under: types even, operations odd.
fn type_code(idx: usize) -> u64 {
    idx as u64 * 2
}

fn operation_code(idx: usize) -> u64 {
    idx as u64 * 2 + 1
}

impl<'a> Hashes<'a> {
    pub fn new(api: &'a Api) -> Self {
        Hashes {
            api,
            types: (0..api.types.len()).map(|_| OnceLock::new()).collect(),
            operations: (0..api.operations().len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The key of a piece of `file` at `piece_idx` that declares `inputs`; `None` when it names
    /// a type the IR does not have.
    pub fn key(&self, file: &str, piece_idx: usize, inputs: Inputs<'_>) -> Option<u64> {
        let mut key = Key {
            hasher: StableHasher::default(),
            hashes: self,
            sound: true,
        };
        key.value(file).value(&piece_idx);
        inputs(&mut key);
        key.sound.then(|| key.hasher.finish())
    }

    /// The entry kept for a piece with `key` that read `reads` and made items with these token
    /// hashes; `None` when it read a whole list or a part kept by no id, or made no item alone
    /// (`None` among its items).
    pub fn entry(
        &self,
        key: u64,
        reads: &Reads,
        items: impl IntoIterator<Item = Option<u64>>,
    ) -> Option<PieceEntry> {
        if reads.whole {
            return None;
        }
        let types = reads.types.iter().map(|id| type_code(id.index()));
        let operations = reads.operations.iter().map(|id| operation_code(id.index()));
        let reads = types
            .chain(operations)
            .map(|code| Some((code, self.read_hash(code)?)))
            .collect::<Option<_>>()?;
        Some(PieceEntry {
            key,
            reads,
            items: items.into_iter().collect::<Option<_>>()?,
        })
    }

    /// Whether everything `entry` read still hashes as it did.
    pub fn still_holds(&self, entry: &PieceEntry) -> bool {
        entry
            .reads
            .iter()
            .all(|&(code, hash)| self.read_hash(code) == Some(hash))
    }

    /// The hash of the type or operation `code` names, `None` when there is none.
    fn read_hash(&self, code: u64) -> Option<u64> {
        let idx = usize::try_from(code / 2).ok()?;
        if code % 2 == 0 {
            self.type_hash(idx)
        } else {
            let slot = self.operations.get(idx)?;
            Some(*slot.get_or_init(|| value_hash(&self.api.operations()[idx])))
        }
    }

    fn type_hash(&self, idx: usize) -> Option<u64> {
        let slot = self.types.get(idx)?;
        Some(*slot.get_or_init(|| value_hash(self.api.types.get(TypeId::from_index(idx)))))
    }
}

impl Key<'_> {
    /// Any value, by its `Hash`.
    pub fn value(&mut self, value: &(impl Hash + ?Sized)) -> &mut Self {
        value.hash(&mut self.hasher);
        self
    }

    /// The type `id`, by the hash every piece shares.
    pub fn type_def(&mut self, id: TypeId) -> &mut Self {
        match self.hashes.type_hash(id.index()) {
            Some(hash) => self.hasher.write_u64(hash),
            None => self.sound = false,
        }
        self
    }
}
