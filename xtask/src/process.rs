//! Starting child processes the way `corpus` and `fuzz` both need them: under a memory cap.

use std::path::Path;
use std::process::Command;

/// A command running `exe`; with a cap (MiB, 0 for none), `ulimit -v` turns a runaway
/// allocation into an abort the caller can record, before it starves the machine.
pub fn capped_command(exe: &Path, max_memory_mb: u64) -> Command {
    if max_memory_mb == 0 {
        return Command::new(exe);
    }
    let mut command = Command::new("sh");
    command
        .args(["-c", "ulimit -v \"$1\" && shift && exec \"$@\"", "sh"])
        .arg((max_memory_mb * 1024).to_string())
        .arg(exe);
    command
}
