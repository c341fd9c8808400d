//! mimalloc's options for the generator: set before `main`, since the first arena is made
//! by the first allocation.

use std::ffi::{c_int, c_long};

/// `mi_option_arena_eager_commit` in mimalloc 3's `mi_option_e` (libmimalloc-sys 0.1.49
/// names no v3 options without its `extended` feature, whose `cty` dependency we skip).
const ARENA_EAGER_COMMIT: c_int = 4;

unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

/// Commits arena memory as it is touched rather than ahead: Stripe's run peaked at
/// 142 MiB with eager commit and 112 MiB without, in the same time (paired runs).
/// The first arena is made by the first allocation, before `main`, so this runs as a
/// constructor, as `MIMALLOC_ARENA_EAGER_COMMIT=0` in the environment would.
extern "C" fn commit_lazily() {
    // SAFETY: sets a plain integer option; mimalloc takes options before its own start.
    unsafe { mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

#[used]
#[cfg_attr(target_os = "linux", unsafe(link_section = ".init_array"))]
static COMMIT_LAZILY: extern "C" fn() = commit_lazily;

#[cfg(all(test, target_os = "linux"))]
#[test]
fn arenas_are_committed_lazily_from_the_start() {
    // SAFETY: reads a plain integer option.
    assert_eq!(unsafe { mi_option_get(ARENA_EAGER_COMMIT) }, 0);
}
