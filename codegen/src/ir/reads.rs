//! Which of the IR's types and operations a scope reads. The accessors that are the only way to
//! them from outside lowering ([`Types::get`](super::Types::get), [`Api::operation`](super::Api::operation))
//! note each read while a scope records; walking every type or every operation, or reading the
//! resource tree, the auth or the API's info, notes a read of the whole. The piece memo (`emit::piece_memo`) keeps, with a piece's items, the hash each read
//! had: a read the accessors do not see cannot exist, so the memo cannot miss one.

use std::cell::RefCell;

use super::{OperationId, TypeId};

thread_local! {
    static READS: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// What one scope read, each id once, in ascending order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reads {
    pub types: Vec<TypeId>,
    pub operations: Vec<OperationId>,
    /// The scope read a whole list (every type, every operation) or a part of the API kept by no
    /// id (its info, auth, resource tree), so what it made may depend on anything.
    pub whole: bool,
}

/// Runs `scope` on this thread and returns what it read. Scopes nest: an inner one's reads are
/// its own. A scope that panics still ends, so reads after it are not kept for nobody (a fuzz
/// child goes on to its next document on the same thread).
pub fn recording<R>(scope: impl FnOnce() -> R) -> (R, Reads) {
    /// Puts the outer scope back when ended or dropped (on return or unwind), and hands over
    /// this one's reads.
    struct Scope(Option<Option<Reads>>);
    impl Scope {
        fn end(&mut self) -> Option<Reads> {
            let outer = self.0.take()?;
            READS.with(|reads| reads.replace(outer))
        }
    }
    impl Drop for Scope {
        fn drop(&mut self) {
            self.end();
        }
    }
    let outer = READS.with(|reads| reads.replace(Some(Reads::default())));
    let mut guard = Scope(Some(outer));
    let result = scope();
    let mut reads = guard.end().unwrap_or_default();
    reads.types.sort_unstable();
    reads.types.dedup();
    reads.operations.sort_unstable();
    reads.operations.dedup();
    (result, reads)
}

fn note(record: impl FnOnce(&mut Reads)) {
    READS.with(|reads| {
        if let Some(reads) = reads.borrow_mut().as_mut() {
            record(reads);
        }
    });
}

pub(super) fn type_read(id: TypeId) {
    note(|reads| reads.types.push(id));
}

pub(super) fn operation_read(id: OperationId) {
    note(|reads| reads.operations.push(id));
}

pub(super) fn whole_read() {
    note(|reads| reads.whole = true);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Api;

    #[test]
    fn a_scope_sees_each_read_once_and_only_its_own() {
        let api = Api::of_types(&["A", "B", "C"]);
        let (_, outer) = recording(|| {
            api.type_def(TypeId::from_index(2));
            let (_, inner) = recording(|| api.type_def(TypeId::from_index(1)).name.clone());
            assert_eq!(inner.types, [TypeId::from_index(1)]);
            api.type_def(TypeId::from_index(0));
            api.type_def(TypeId::from_index(2));
        });
        assert_eq!(outer.types, [TypeId::from_index(0), TypeId::from_index(2)]);
        assert!(!outer.whole);
        let (_, walked) = recording(|| api.types.iter().count());
        assert!(walked.whole);
        let (_, listed) = recording(|| api.operations().len());
        assert!(listed.whole);
        // Outside a scope nothing is kept.
        api.type_def(TypeId::from_index(1));
        assert_eq!(recording(|| ()).1, Reads::default());
        assert!(!is_recording());
    }

    #[test]
    fn a_scope_that_panics_ends() {
        let api = Api::of_types(&["A"]);
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            recording(|| {
                api.type_def(TypeId::from_index(0));
                panic!("an emitter's bug");
            })
        }));
        assert!(panicked.is_err());
        assert!(
            !is_recording(),
            "reads after the scope would be kept for nobody"
        );
    }

    fn is_recording() -> bool {
        READS.with(|reads| reads.borrow().is_some())
    }
}
