//! Whether the fast paths check themselves against the slow paths they stand in for: printed
//! stand-ins and items printed from the IR against prettyplease, pieces the memo serves
//! against building them, and the hand-written typed read against serde's. Verifying, the
//! lowering record also keeps every component `$ref` a path item lowers, not only the large
//! ones (`lower/replay/references.rs`), so that a fuzzed edit replays them where it can.

use std::sync::OnceLock;

/// Always in debug builds; in release builds when `CODEGEN_VERIFY_STAND_INS` is set, as
/// `cargo xtask corpus` and `cargo xtask fuzz` can run on every document.
pub fn verifying() -> bool {
    static VERIFYING: OnceLock<bool> = OnceLock::new();
    cfg!(debug_assertions)
        || *VERIFYING.get_or_init(|| std::env::var_os("CODEGEN_VERIFY_STAND_INS").is_some())
}
