//! Envelopes and plain bodies: what decodes, what is `success: false`, and where errors point.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::raw_response;
use crate::runtime::decode::{empty, envelope_page, envelope_page_in, envelope_result, json, text};
use crate::runtime::{Error, PageInfo};

#[derive(Debug, Deserialize, PartialEq)]
struct Share {
    id: String,
    size: u32,
}

/// Shares on a volume: nesting of objects and arrays, an enum and a tuple, for error paths.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Only decoded, to see where decoding fails.
struct Volume {
    shares: Vec<Share>,
    kind: Kind,
    span: Option<(u32, u32)>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Ssd,
    Hdd,
}

/// A union decoded by trying each alternative, which fails only once the whole value is read.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // Only decoded, to see where decoding fails.
enum ShareOrId {
    Share(Share),
    Id(u32),
}

/// The `path` and `message` of a decode error.
fn decode_failure(error: Error) -> (String, String) {
    match error {
        Error::Decode { path, message, .. } => (path, message),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn envelope_result_returns_the_result() {
    let raw =
        raw_response(r#"{"success":true,"errors":[],"messages":[],"result":{"id":"a","size":3}}"#);
    let share: Share = envelope_result(&raw).expect("a successful envelope");
    assert_eq!(
        share,
        Share {
            id: "a".to_owned(),
            size: 3
        }
    );
}

#[test]
fn success_true_with_errors_is_still_a_success() {
    let raw = raw_response(r#"{"success":true,"errors":[{"code":1,"message":"odd"}],"result":7}"#);
    assert_eq!(envelope_result::<u32>(&raw).expect("success wins"), 7);
}

#[test]
fn success_false_is_an_error_with_the_envelope_messages() {
    let raw = raw_response(
        r#"{"success":false,"errors":[{"code":1003,"message":"bad zone"},"plain"],"messages":[],"result":null}"#,
    );
    let error = envelope_result::<Option<Share>>(&raw).expect_err("success: false");
    let Error::Unsuccessful(api_error) = &error else {
        panic!("expected Unsuccessful, got {error:?}");
    };
    assert_eq!(api_error.status, 200);
    let messages: Vec<&str> = api_error
        .errors
        .iter()
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(messages, ["bad zone", "plain"]);
    assert_eq!(api_error.errors[0].code, Some(1003));
    assert!(api_error.body.contains("bad zone"));
}

#[test]
fn success_false_wins_over_a_result_that_would_not_decode() {
    let raw = raw_response(r#"{"success":false,"errors":[],"result":"not a share"}"#);
    let error = envelope_result::<Share>(&raw).expect_err("success: false");
    assert!(matches!(error, Error::Unsuccessful(_)), "{error:?}");
}

#[test]
fn a_decode_error_carries_the_serde_path() {
    let raw =
        raw_response(r#"{"success":true,"result":[{"id":"a","size":1},{"id":"b","size":"big"}]}"#);
    let error = envelope_result::<Vec<Share>>(&raw).expect_err("size is a string");
    let (path, message) = decode_failure(error);
    assert_eq!(path, "result[1].size");
    assert!(message.contains("invalid type"), "{message}");
}

#[test]
fn a_decode_error_keeps_the_start_of_the_body_out_of_its_message() {
    let raw = raw_response(r#"{"result": {"id": "secret-token-value"}}"#);
    let error = envelope_result::<Share>(&raw).expect_err("size is missing");
    assert!(!error.to_string().contains("secret-token-value"), "{error}");
    let Error::Decode {
        excerpt, status, ..
    } = error
    else {
        panic!("expected a decode error");
    };
    assert_eq!(status, 200);
    assert!(excerpt.contains("secret-token-value"));
}

#[test]
fn a_missing_or_null_result_decodes_when_the_type_accepts_null() {
    for body in ["", "  ", "{}", r#"{"success":true,"result":null}"#] {
        let result = envelope_result::<Option<Share>>(&raw_response(body));
        assert_eq!(result.expect("null is None"), None, "{body:?}");
        assert!(
            envelope_result::<()>(&raw_response(body)).is_ok(),
            "{body:?}"
        );
    }
}

#[test]
fn a_missing_result_is_an_error_when_the_type_needs_a_value() {
    let error = envelope_result::<Share>(&raw_response("{}")).expect_err("no result");
    let (path, _) = decode_failure(error);
    assert_eq!(path, "result");
}

#[test]
fn trailing_data_after_the_document_is_an_error() {
    let error = envelope_result::<u32>(&raw_response(r#"{"result":1} {"#)).expect_err("trailing");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[test]
fn envelope_page_reads_items_and_result_info() {
    let raw = raw_response(
        r#"{"success":true,"result":[{"id":"a","size":1}],"result_info":{"page":2,"per_page":"1","total_pages":3.0}}"#,
    );
    let page = envelope_page::<Share>(&raw).expect("a page");
    assert_eq!(page.items.len(), 1);
    let info = page.info.expect("result_info");
    let expected = PageInfo {
        page: Some(2),
        per_page: Some(1),
        total_pages: Some(3),
        ..PageInfo::default()
    };
    assert_eq!(info, expected);
}

#[test]
fn a_malformed_result_info_gives_a_page_without_info() {
    let raw = raw_response(r#"{"result":[],"result_info":"page one"}"#);
    let page = envelope_page::<Share>(&raw).expect("items still decode");
    assert!(page.items.is_empty());
    assert!(page.info.is_none());
}

#[test]
fn envelope_page_in_reads_the_list_inside_the_result_object() {
    let raw = raw_response(
        r#"{"success":true,"result":{"count":1,"images":[{"id":"a","size":1}]},"result_info":{"page":2}}"#,
    );
    let page = envelope_page_in::<Share>(&raw, "images").expect("a page");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.info.expect("result_info").page, Some(2));
    let empty = raw_response(r#"{"success":true,"result":{"count":0}}"#);
    let page = envelope_page_in::<Share>(&empty, "images").expect("no list is an empty page");
    assert!(page.items.is_empty());
}

#[test]
fn envelope_page_in_errors_name_the_property() {
    let raw = raw_response(r#"{"success":true,"result":{"images":[{"id":"a","size":"big"}]}}"#);
    let (path, _) =
        decode_failure(envelope_page_in::<Share>(&raw, "images").expect_err("bad size"));
    assert_eq!(path, "result.images[0].size");
    let raw = raw_response(r#"{"success":false,"result":{"images":[]}}"#);
    let error = envelope_page_in::<Share>(&raw, "images").expect_err("success: false");
    assert!(matches!(error, Error::Unsuccessful(_)), "{error:?}");
}

#[test]
fn envelope_page_with_success_false_is_an_error() {
    let raw = raw_response(r#"{"success":false,"errors":["nope"],"result":[]}"#);
    let error = envelope_page::<Share>(&raw).expect_err("success: false");
    assert!(matches!(error, Error::Unsuccessful(_)), "{error:?}");
}

#[test]
fn plain_json_and_text_bodies() {
    let share: Share = json(&raw_response(r#"{"id":"a","size":2}"#)).expect("plain JSON");
    assert_eq!(share.size, 2);
    assert_eq!(text(&raw_response("héllo")).expect("UTF-8"), "héllo");
    let mut raw = raw_response("");
    raw.body = bytes::Bytes::from_static(b"\xff\xfe");
    let (path, message) = decode_failure(text(&raw).expect_err("not UTF-8"));
    assert_eq!(path, ".");
    assert!(message.contains("not valid UTF-8"), "{message}");
}

#[test]
fn empty_accepts_anything_but_success_false() {
    for body in ["", "not json", "[]", r#"{"success":true}"#] {
        assert!(empty(&raw_response(body)).is_ok(), "{body:?}");
    }
    let error = empty(&raw_response(r#"{"success":false}"#)).expect_err("success: false");
    assert!(matches!(error, Error::Unsuccessful(_)), "{error:?}");
}

// Error paths come from scanning the body up to serde_json's error position. Each class of error
// is checked against the path `serde_path_to_error` gives by decoding again, as decode did before.

/// Asserts that decoding `body` as `T` fails at `expected`, and that path tracking agrees.
fn check_path<T: DeserializeOwned + std::fmt::Debug>(body: &str, expected: &str) {
    let (path, _) = decode_failure(json::<T>(&raw_response(body)).expect_err(body));
    assert_eq!(path, expected, "{body}");
    let deserializer = &mut serde_json::Deserializer::from_str(body);
    let tracked = match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Err(error) => error.path().to_string(),
        // serde_path_to_error does not look past the value: trailing data is at the root.
        Ok(_) => ".".to_owned(),
    };
    assert_eq!(tracked, expected, "serde_path_to_error on {body}");
}

#[test]
fn an_invalid_type_is_at_the_value() {
    check_path::<Volume>(
        r#"{"shares":[{"id":"a","size":1},{"id":"b","size":"big"}],"kind":"ssd"}"#,
        "shares[1].size",
    );
    check_path::<Volume>(r#"{"shares":{"id":"a"},"kind":"ssd"}"#, "shares");
    check_path::<Vec<u32>>(r#"[1, 2, "three"]"#, "[2]");
}

#[test]
fn an_invalid_type_is_found_on_a_later_line() {
    let body = serde_json::json!({"kind": "ssd", "shares": [{"id": "b", "size": "big"}]});
    let body = serde_json::to_string_pretty(&body).expect("a JSON value");
    check_path::<Volume>(&body, "shares[0].size");
}

#[test]
fn a_missing_field_is_at_the_object_that_lacks_it() {
    check_path::<Volume>(r#"{"shares":[{"id":"a"}],"kind":"ssd"}"#, "shares[0]");
    check_path::<Volume>(r#"{"shares":[{"size":1,"id":"a"}] }"#, ".");
}

#[test]
fn too_few_elements_are_at_the_array() {
    check_path::<Volume>(r#"{"shares":[],"kind":"ssd","span":[1]}"#, "span");
}

#[test]
fn a_union_that_matches_no_alternative_is_at_the_value() {
    // serde_json places these where the enclosing array or object ends.
    check_path::<Vec<ShareOrId>>(r#"[7, {"id":"a","size":[1]}, 8]"#, "[1]");
    check_path::<Vec<Vec<ShareOrId>>>(r#"[[7], [8, {"id":"a"}]]"#, "[1][1]");
    check_path::<Vec<HashMap<String, ShareOrId>>>(r#"[{"a": 7, "b": {"id":"c"}}, {}]"#, "[0].b");
    check_path::<HashMap<String, ShareOrId>>(r#"{"a": 7, "b": {"id":"c"}}"#, "b");
    check_path::<HashMap<String, ShareOrId>>(r#"{"b": {"id":"c"}, "a": 7}"#, "b");
    check_path::<HashMap<String, ShareOrId>>(r#"{"b": "c", "a": 7}"#, "b");
}

#[test]
fn an_unknown_variant_is_at_the_value() {
    check_path::<Volume>(r#"{"shares":[],"kind":"tape","span":null}"#, "kind");
}

#[test]
fn trailing_characters_are_at_the_root() {
    check_path::<Volume>(r#"{"shares":[],"kind":"ssd"} {"shares":"#, ".");
}

#[test]
fn a_body_cut_short_is_at_the_value_it_breaks_off_in() {
    check_path::<Volume>(r#"{"shares":[{"id":"a","size":"#, "shares[0].size");
    check_path::<Volume>(r#"{"shares":[{"id":"a","size":1},"#, "shares");
    check_path::<Volume>(r#"{"shares":[{"id":"a","size":1}"#, "shares");
}

#[test]
fn a_syntax_error_is_at_the_value_it_is_in() {
    check_path::<Volume>(r#"{"shares":[{"id":"a\q","size":1}]}"#, "shares[0].id");
    check_path::<Volume>(r#"{"shares":[],"kind":ssd}"#, "kind");
    check_path::<Volume>(r#"{"shares":[{"id":"a","size":1} {"id":"b"}]}"#, "shares");
}

#[test]
fn strings_and_escaped_keys_do_not_mislead_the_scan() {
    check_path::<Volume>(
        r#"{"sh\u0061res":[{"id":"}],\"{[","size":-1}]}"#,
        "shares[0].size",
    );
}

#[test]
fn an_error_between_object_members_is_at_the_object() {
    // Path tracking adds a `?` member here, for the key it has not read; the path stops at the
    // object instead.
    for body in [
        r#"{"shares":[{"id":"a","#,
        r#"{"shares":[{"id":"a""#,
        r#"{"shares":[{"id":"a" "size":1}]}"#,
    ] {
        let (path, _) = decode_failure(json::<Volume>(&raw_response(body)).expect_err(body));
        assert_eq!(path, "shares[0]", "{body}");
    }
}

#[test]
fn an_envelope_that_breaks_off_names_only_the_field() {
    // The envelope's fields are not decoded yet when it fails, so the path goes no deeper.
    let body = r#"{"success":true,"result":{"shares":[{"id":"a","#;
    let (path, _) = decode_failure(envelope_result::<Volume>(&raw_response(body)).expect_err(body));
    assert_eq!(path, "result");
    let (path, _) =
        decode_failure(envelope_result::<Volume>(&raw_response("[1]")).expect_err("[1]"));
    assert_eq!(path, ".");
}
