//! Where two outcomes of generating the same document part, for the tests that generate it two
//! ways. Shared by `fuzz/oracle.rs` and `streamed_paths.rs` via `#[path]`.

/// A little of each outcome from just before the first byte where they differ (or where the
/// shorter ends), cut at character boundaries.
pub fn first_difference(whole: &str, streamed: &str) -> String {
    let at = whole
        .bytes()
        .zip(streamed.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(whole.len().min(streamed.len()));
    let from = |text: &str| {
        let start = (at.saturating_sub(80)..=at).find(|&idx| text.is_char_boundary(idx));
        text[start.unwrap_or(at)..]
            .chars()
            .take(200)
            .collect::<String>()
    };
    format!("read whole: …{} streamed: …{}", from(whole), from(streamed))
}
