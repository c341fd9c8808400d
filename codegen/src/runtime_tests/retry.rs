//! Which statuses are retried, what `x-should-retry` overrides, and how long each wait is.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;

use crate::runtime::retry::{is_retryable_status, retry_after, retry_delay, should_retry};
use crate::runtime::Backoff;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.insert(
            *name,
            HeaderValue::from_str(value).expect("test header value"),
        );
    }
    headers
}

fn check_should_retry(status: u16, pairs: &[(&'static str, &str)]) -> bool {
    let status = StatusCode::from_u16(status).expect("test status");
    should_retry(status, &headers(pairs))
}

#[test]
fn retryable_statuses_are_408_409_429_and_5xx() {
    for status in [408, 409, 429, 500, 502, 503, 504, 599] {
        assert!(is_retryable_status(status), "{status} should be retried");
    }
    for status in [200, 301, 400, 401, 403, 404, 410, 422, 499] {
        assert!(
            !is_retryable_status(status),
            "{status} should not be retried"
        );
    }
}

#[test]
fn x_should_retry_overrides_the_status() {
    assert!(!check_should_retry(503, &[("x-should-retry", "false")]));
    assert!(check_should_retry(400, &[("x-should-retry", "true")]));
    assert!(check_should_retry(400, &[("x-should-retry", " true ")]));
}

#[test]
fn an_unrecognised_x_should_retry_falls_back_to_the_status() {
    assert!(check_should_retry(503, &[("x-should-retry", "maybe")]));
    assert!(!check_should_retry(400, &[("x-should-retry", "TRUE")]));
    assert!(check_should_retry(429, &[]));
}

#[test]
fn retry_after_reads_seconds() {
    let delay = retry_after(&headers(&[("retry-after", "7")]));
    assert_eq!(delay, Some(Duration::from_secs(7)));
}

#[test]
fn retry_after_reads_fractional_seconds() {
    let delay = retry_after(&headers(&[("retry-after", "1.5")]));
    assert_eq!(delay, Some(Duration::from_millis(1500)));
}

#[test]
fn retry_after_ms_wins_over_retry_after() {
    let delay = retry_after(&headers(&[("retry-after-ms", "250"), ("retry-after", "7")]));
    assert_eq!(delay, Some(Duration::from_millis(250)));
}

#[test]
fn an_unusable_retry_after_ms_falls_back_to_retry_after() {
    for millis in ["0", "-5", "61000", "soon", "NaN"] {
        let delay = retry_after(&headers(&[
            ("retry-after-ms", millis),
            ("retry-after", "3"),
        ]));
        assert_eq!(
            delay,
            Some(Duration::from_secs(3)),
            "retry-after-ms: {millis}"
        );
    }
}

#[test]
fn retry_after_of_zero_negative_or_over_a_minute_is_ignored() {
    for seconds in ["0", "-1", "61", "3600", "inf", ""] {
        let delay = retry_after(&headers(&[("retry-after", seconds)]));
        assert_eq!(delay, None, "retry-after: {seconds:?}");
    }
}

#[test]
fn retry_after_of_exactly_a_minute_is_honoured() {
    let delay = retry_after(&headers(&[("retry-after", "60")]));
    assert_eq!(delay, Some(Duration::from_secs(60)));
}

#[test]
fn retry_after_reads_a_future_http_date() {
    // Whole seconds, because an HTTP date has no finer resolution.
    let now = SystemTime::now();
    let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
    let delay = retry_after(&headers(&[("retry-after", &date)])).expect("a date 30 s ahead");
    assert!(delay <= Duration::from_secs(30), "{delay:?}");
    assert!(delay >= Duration::from_secs(28), "{delay:?}");
}

#[test]
fn retry_after_ignores_a_past_or_distant_http_date() {
    let now = SystemTime::now();
    for date in [
        now - Duration::from_secs(30),
        now + Duration::from_secs(3600),
    ] {
        let date = httpdate::fmt_http_date(date);
        assert_eq!(
            retry_after(&headers(&[("retry-after", &date)])),
            None,
            "{date}"
        );
    }
}

#[test]
fn backoff_doubles_within_jitter_and_stops_at_the_cap() {
    let backoff = Backoff::default();
    let expected_ms = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    for (retry_idx, expected_ms) in expected_ms.into_iter().enumerate() {
        let retry = u32::try_from(retry_idx + 1).expect("small index");
        let delay = backoff.delay(retry);
        let expected = Duration::from_millis(expected_ms);
        assert!(delay <= expected, "retry {retry}: {delay:?} > {expected:?}");
        assert!(
            delay >= expected.mul_f64(0.75),
            "retry {retry}: {delay:?} too short"
        );
    }
}

#[test]
fn backoff_never_overflows() {
    let backoff = Backoff {
        initial_delay: Duration::from_secs(1),
        max_delay: Duration::from_secs(10),
    };
    for retry in [0, 32, 64, u32::MAX] {
        assert!(
            backoff.delay(retry) <= Duration::from_secs(10),
            "retry {retry}"
        );
    }
}

#[test]
fn retry_delay_prefers_the_server_over_the_backoff() {
    let backoff = Backoff {
        initial_delay: Duration::from_secs(8),
        max_delay: Duration::from_secs(8),
    };
    let asked = headers(&[("retry-after-ms", "20")]);
    assert_eq!(
        retry_delay(1, Some(&asked), &backoff),
        Duration::from_millis(20)
    );
    let silent = headers(&[]);
    assert!(retry_delay(1, Some(&silent), &backoff) >= Duration::from_secs(6));
    assert!(retry_delay(1, None, &backoff) >= Duration::from_secs(6));
}
