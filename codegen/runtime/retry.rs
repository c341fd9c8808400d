//! When to retry a failed attempt and how long to wait first, following Stainless SDKs.
//!
//! Timeouts, connection errors, 408, 409, 429 and 5xx are retried unless the server says
//! otherwise with `x-should-retry`. The wait is what the server asked for in `retry-after-ms` or
//! `Retry-After` when that is between 0 and 60 seconds, else an exponential [`Backoff`] with
//! jitter. This module only decides; `core` counts attempts and sleeps.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// The exponential delay between attempts when the server does not ask for one.
///
/// Retry `n` (1 for the first retry) waits `initial_delay × 2^(n-1)`, capped at `max_delay`,
/// minus up to 25 % random jitter so clients that failed together don't retry together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The delay before the first retry (before jitter).
    pub initial_delay: Duration,
    /// The longest delay between two attempts (before jitter).
    pub max_delay: Duration,
}

impl Backoff {
    /// The delay before retry number `retry` (1 for the first retry), with jitter applied.
    pub fn delay(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let delay = self
            .initial_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay);
        delay.mul_f64(1.0 - 0.25 * random_fraction())
    }
}

impl Default for Backoff {
    /// 0.5 s doubling up to 8 s, as in the Stainless SDKs.
    fn default() -> Self {
        Backoff {
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
        }
    }
}

/// The delay the server asked for, when it is one the client honours (more than 0, at most 60 s).
///
/// `retry-after-ms` (milliseconds) is read first, then `Retry-After` as seconds or as an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    const MAX_HONOURED: Duration = Duration::from_secs(60);
    let from_millis =
        header_str(headers, "retry-after-ms").and_then(|value| seconds_from(value, 1000.0));
    let from_seconds = header_str(headers, "retry-after")
        .and_then(|value| seconds_from(value, 1.0).or_else(|| until_http_date(value)));
    [from_millis, from_seconds]
        .into_iter()
        .flatten()
        .find(|delay| !delay.is_zero() && *delay <= MAX_HONOURED)
}

/// Whether a response status is worth retrying, `x-should-retry` aside.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// Whether to retry a non-2xx response: `x-should-retry: true|false` wins over the status.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match header_str(headers, "x-should-retry") {
        Some("true") => true,
        Some("false") => false,
        _ => is_retryable_status(status.as_u16()),
    }
}

/// How long to wait before retry number `retry`, given the failed response's headers if any.
pub(crate) fn retry_delay(retry: u32, headers: Option<&HeaderMap>, backoff: &Backoff) -> Duration {
    headers
        .and_then(retry_after)
        .unwrap_or_else(|| backoff.delay(retry))
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok().map(str::trim)
}

/// Parses a number of `units_per_second` (1000 for milliseconds) into a duration.
fn seconds_from(value: &str, units_per_second: f64) -> Option<Duration> {
    let units: f64 = value.parse().ok()?;
    Duration::try_from_secs_f64(units / units_per_second).ok()
}

fn until_http_date(value: &str) -> Option<Duration> {
    let date = httpdate::parse_http_date(value).ok()?;
    date.duration_since(SystemTime::now()).ok()
}

/// A number in `[0, 1)` that differs between calls; jitter needs no better randomness.
fn random_fraction() -> f64 {
    // Each `RandomState` is seeded with fresh keys, so hashing nothing gives a new value per call.
    let bits = RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}
