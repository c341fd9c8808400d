//! mimalloc's options for the generator: set before `main`, since the first arena is made
//! by the first allocation.

use std::ffi::{c_int, c_long};

/// `mi_option_arena_eager_commit` in mimalloc 3's `mi_option_e` (libmimalloc-sys 0.1.49
/// names no v3 options without its `extended` feature, whose `cty` dependency we skip).
const ARENA_EAGER_COMMIT: c_int = 4;
/// `mi_option_purge_delay` in the same enum: milliseconds before freed memory goes back to
/// the OS, `-1` for never.
const PURGE_DELAY: c_int = 15;
/// `mi_option_allow_thp` in the same enum: whether the heap may be in transparent huge pages.
const ALLOW_THP: c_int = 43;

unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

/// Commits each arena whole when it is reserved, and keeps the heap out of transparent huge
/// pages. Committed as it was touched, an arena took a `mprotect` per chunk (about 300 in
/// stripe's run after a one-operation change), each holding the process's memory map for
/// writing while the other core faulted pages in: eager commit took that run's lowering from
/// 19.1 to 18.0 ms on average, with half as many slow runs (16 paired runs), and left the
/// parse floor as it was. On this kernel an eagerly committed arena also went into huge
/// pages, which sped the floor up alike, stalled on compaction, and took stripe's cold peak
/// from 102 to 150 MiB; without them, peaks are as they were (stripe 92 to 96 MiB).
///
/// Never gives freed memory back to the OS: a run is short, and memory given back is faulted
/// in and zeroed again by the kernel when it is used next. For Graph that was 180,000 page
/// faults and a ninth of the CPU in the kernel; without purging, 4 % less wall time (median of
/// six paired runs, 3.12 s against 2.97 s) for a 7 % higher peak (532 MiB against 570 MiB).
///
/// The first arena is made by the first allocation, before `main`, so this runs as a
/// constructor, as `MIMALLOC_ARENA_EAGER_COMMIT=1 MIMALLOC_ALLOW_THP=0 MIMALLOC_PURGE_DELAY=-1`
/// in the environment would.
extern "C" fn set_options() {
    // SAFETY: sets plain integer options; mimalloc takes options before its own start.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 1);
        mi_option_set(ALLOW_THP, 0);
        mi_option_set(PURGE_DELAY, -1);
    }
}

#[used]
#[cfg_attr(target_os = "linux", unsafe(link_section = ".init_array"))]
static SET_OPTIONS: extern "C" fn() = set_options;

#[cfg(all(test, target_os = "linux"))]
#[test]
fn arenas_are_committed_eagerly_without_huge_pages_and_never_purged_from_the_start() {
    // SAFETY: reads plain integer options.
    assert_eq!(unsafe { mi_option_get(ARENA_EAGER_COMMIT) }, 1);
    assert_eq!(unsafe { mi_option_get(ALLOW_THP) }, 0);
    assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, -1);
}
