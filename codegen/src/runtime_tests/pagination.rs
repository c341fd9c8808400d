//! `paginate` with a fake fetch function: which pages it asks for and where it stops.

use std::sync::{Arc, Mutex};

use futures_util::StreamExt;

use super::raw_response;
use crate::runtime::decode::envelope_page;
use crate::runtime::pagination::{paginate, paginate_cursor};
use crate::runtime::{Error, Page, PageInfo, Result};

/// Streams from `first_page`, answering page `n` with `pages[n - first_page]` (an empty page
/// past the end); returns the items, or an error's text, and the pages requested.
fn check(first_page: u64, pages: Vec<Result<Page<u32>>>) -> (Vec<String>, Vec<u64>) {
    let requested = Arc::new(Mutex::new(Vec::new()));
    let pages = Arc::new(Mutex::new(pages.into_iter()));
    let log = Arc::clone(&requested);
    let stream = paginate(first_page, move |page_number| {
        log.lock().expect("log").push(page_number);
        let page = pages.lock().expect("pages").next();
        async move { page.unwrap_or_else(|| Ok(Page::new(Vec::new(), None))) }
    });
    let items = block_on(stream.collect::<Vec<_>>());
    let items = items
        .into_iter()
        .map(|item| match item {
            Ok(number) => number.to_string(),
            Err(error) => format!("error: {error}"),
        })
        .collect();
    let requested = requested.lock().expect("log").clone();
    (items, requested)
}

/// Runs a future to completion; the fake fetches never wait, so one runtime thread is enough.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

fn info(page: u64, total_pages: u64) -> Option<PageInfo> {
    Some(PageInfo {
        page: Some(page),
        total_pages: Some(total_pages),
        ..PageInfo::default()
    })
}

/// A page decoded from an envelope, so it carries the fingerprint of its raw `result`.
fn decoded(body: &str) -> Result<Page<u32>> {
    envelope_page(&raw_response(body))
}

#[test]
fn stops_at_the_first_empty_page() {
    let pages = vec![
        Ok(Page::new(vec![1, 2], None)),
        Ok(Page::new(vec![3], None)),
    ];
    let (items, requested) = check(1, pages);
    assert_eq!(items, ["1", "2", "3"]);
    assert_eq!(requested, [1, 2, 3]);
}

#[test]
fn stops_at_the_last_page_result_info_reports() {
    let pages = vec![
        Ok(Page::new(vec![1], info(1, 2))),
        Ok(Page::new(vec![2], info(2, 2))),
        Ok(Page::new(vec![99], None)),
    ];
    let (items, requested) = check(1, pages);
    assert_eq!(items, ["1", "2"]);
    assert_eq!(requested, [1, 2]);
}

#[test]
fn starts_at_the_first_page_it_is_given() {
    let pages = vec![Ok(Page::new(vec![3], info(3, 3)))];
    let (items, requested) = check(3, pages);
    assert_eq!(items, ["3"]);
    assert_eq!(requested, [3]);
}

#[test]
fn counts_pages_itself_when_the_server_echoes_a_wrong_number() {
    let pages = vec![
        Ok(Page::new(vec![1], info(1, 3))),
        Ok(Page::new(vec![2], info(1, 3))),
        Ok(Page::new(vec![3], info(3, 3))),
    ];
    let (items, requested) = check(1, pages);
    assert_eq!(items, ["1", "2", "3"]);
    assert_eq!(requested, [1, 2, 3]);
}

#[test]
fn stops_when_the_server_repeats_a_page() {
    let pages = vec![
        decoded(r#"{"result":[1,2]}"#),
        decoded(r#"{"result":[1,2]}"#),
        decoded(r#"{"result":[3]}"#),
    ];
    let (items, requested) = check(1, pages);
    assert_eq!(items, ["1", "2"]);
    assert_eq!(requested, [1, 2]);
}

#[test]
fn pages_with_different_results_are_not_repeats() {
    let pages = vec![
        decoded(r#"{"result":[1,2]}"#),
        decoded(r#"{"result":[1,3]}"#),
        decoded(r#"{"result":[]}"#),
    ];
    let (items, _) = check(1, pages);
    assert_eq!(items, ["1", "2", "1", "3"]);
}

#[test]
fn an_error_is_yielded_once_and_ends_the_stream() {
    let failure = Error::Config("fetch failed".to_owned());
    let pages = vec![
        Ok(Page::new(vec![1], None)),
        Err(failure),
        Ok(Page::new(vec![2], None)),
    ];
    let (items, requested) = check(1, pages);
    assert_eq!(
        items,
        ["1", "error: invalid client configuration: fetch failed"]
    );
    assert_eq!(requested, [1, 2]);
}

#[test]
fn has_next_page_and_next_page_number() {
    assert!(!Page::<u32>::new(Vec::new(), info(1, 5)).has_next_page());
    assert!(Page::new(vec![1], None).has_next_page());
    assert_eq!(Page::new(vec![1], None).next_page_number(), None);
    assert_eq!(Page::new(vec![1], info(2, 5)).next_page_number(), Some(3));
    assert_eq!(Page::new(vec![1], info(5, 5)).next_page_number(), None);
    assert_eq!(
        Page::new(vec![1], info(u64::MAX, u64::MAX)).next_page_number(),
        None
    );
}

/// Streams a cursor-paged list, answering each request with the next body of `bodies` (an
/// empty page past the end); returns the items, or an error's text, and the cursors requested.
fn check_cursor(bodies: Vec<&'static str>) -> (Vec<String>, Vec<Option<String>>) {
    let requested = Arc::new(Mutex::new(Vec::new()));
    let bodies = Arc::new(Mutex::new(bodies.into_iter()));
    let log = Arc::clone(&requested);
    let stream = paginate_cursor(None, move |cursor| {
        log.lock().expect("log").push(cursor);
        let body = bodies.lock().expect("bodies").next();
        async move { body.map_or_else(|| Ok(Page::new(Vec::new(), None)), decoded) }
    });
    let items = block_on(stream.collect::<Vec<_>>())
        .into_iter()
        .map(|item| match item {
            Ok(number) => number.to_string(),
            Err(error) => format!("error: {error}"),
        })
        .collect();
    let requested = requested.lock().expect("log").clone();
    (items, requested)
}

#[test]
fn cursor_pages_follow_result_info_cursor_until_it_is_empty() {
    let (items, requested) = check_cursor(vec![
        r#"{"success":true,"result":[1,2],"result_info":{"cursor":"b"}}"#,
        r#"{"success":true,"result":[3],"result_info":{"cursor":"c"}}"#,
        r#"{"success":true,"result":[4],"result_info":{"cursor":""}}"#,
    ]);
    assert_eq!(items, ["1", "2", "3", "4"]);
    assert_eq!(requested, [None, Some("b".into()), Some("c".into())]);
}

#[test]
fn cursor_pages_read_cursors_after_too() {
    let (items, requested) = check_cursor(vec![
        r#"{"success":true,"result":[1],"result_info":{"cursors":{"after":"b","before":"x"}}}"#,
        r#"{"success":true,"result":[2],"result_info":{"cursors":{}}}"#,
    ]);
    assert_eq!(items, ["1", "2"]);
    assert_eq!(requested, [None, Some("b".into())]);
}

#[test]
fn cursor_pages_stop_at_a_cursor_already_used() {
    let (items, requested) = check_cursor(vec![
        r#"{"success":true,"result":[1],"result_info":{"cursor":"b"}}"#,
        r#"{"success":true,"result":[2],"result_info":{"cursor":"c"}}"#,
        r#"{"success":true,"result":[3],"result_info":{"cursor":"b"}}"#,
        r#"{"success":true,"result":[4],"result_info":{"cursor":"d"}}"#,
    ]);
    assert_eq!(items, ["1", "2", "3"]);
    assert_eq!(requested, [None, Some("b".into()), Some("c".into())]);
}

#[test]
fn cursor_pages_stop_at_an_empty_page_or_a_missing_cursor() {
    let (items, requested) = check_cursor(vec![
        r#"{"success":true,"result":[1],"result_info":{"cursor":"b"}}"#,
        r#"{"success":true,"result":[],"result_info":{"cursor":"c"}}"#,
    ]);
    assert_eq!(items, ["1"]);
    assert_eq!(requested.len(), 2);
    let (items, requested) =
        check_cursor(vec![r#"{"success":true,"result":[1],"result_info":{}}"#]);
    assert_eq!(items, ["1"]);
    assert_eq!(requested, [None]);
}
