//! Which variant a status becomes, and how errors read when displayed.

use crate::runtime::{ApiError, Error};

fn api_error(status: u16, body: &str, attempts: u32) -> ApiError {
    ApiError::from_body(status, None, body.as_bytes(), attempts)
}

#[test]
fn each_status_gets_its_variant() {
    let cases = [
        (400, "BadRequest("),
        (401, "Unauthorized("),
        (403, "Forbidden("),
        (404, "NotFound("),
        (409, "Conflict("),
        (422, "UnprocessableEntity("),
        (429, "RateLimited("),
        (503, "Server("),
        (418, "Status("),
    ];
    for (status, variant) in cases {
        let error = api_error(status, "", 1).into_error();
        // The derived `Debug` starts with the variant name.
        let debug = format!("{error:?}");
        assert!(debug.starts_with(variant), "{status}: {debug}");
        assert_eq!(error.status(), Some(status));
    }
}

#[test]
fn display_lists_the_envelope_errors_with_codes_and_pointers() {
    let body = r#"{"errors":[{"code":1001,"message":"Share not found","source":{"pointer":"/share_id"}},{"code":"7","message":"again"}],"messages":[{"message":"ignored"}]}"#;
    let error =
        ApiError::from_body(404, Some("8a1b-SJC".to_owned()), body.as_bytes(), 1).into_error();
    assert_eq!(
        error.to_string(),
        "not found: HTTP 404 after 1 attempt: [1001] Share not found (at /share_id); [7] again (request id 8a1b-SJC)"
    );
    assert_eq!(error.request_id(), Some("8a1b-SJC"));
}

#[test]
fn display_falls_back_to_messages_then_to_the_body() {
    let with_messages = api_error(400, r#"{"errors":[],"messages":["check the name"]}"#, 2);
    assert_eq!(
        with_messages.to_string(),
        "HTTP 400 after 2 attempts: check the name"
    );
    let html = api_error(502, "<html>\n  <body>Bad   gateway</body>\n</html>", 3);
    assert_eq!(
        html.to_string(),
        "HTTP 502 after 3 attempts: <html> <body>Bad gateway</body> </html>"
    );
    assert_eq!(
        api_error(500, " \n", 1).to_string(),
        "HTTP 500 after 1 attempt: empty response body"
    );
}

#[test]
fn a_long_body_is_cut_at_200_characters() {
    let body = "é".repeat(300);
    let text = api_error(500, &body, 1).to_string();
    let summary = text.trim_start_matches("HTTP 500 after 1 attempt: ");
    assert_eq!(summary, format!("{}…", "é".repeat(200)));
}

#[test]
fn a_top_level_error_string_becomes_the_error() {
    let error = api_error(401, r#"{"error":"token expired"}"#, 1);
    assert_eq!(error.errors.len(), 1);
    assert_eq!(error.to_string(), "HTTP 401 after 1 attempt: token expired");
}

#[test]
fn odd_message_entries_are_skipped_or_kept_by_their_text() {
    let body = r#"{"errors":[42,null,{"code":[1],"message":"odd code"},{"message":7}]}"#;
    let error = api_error(400, body, 1);
    let messages: Vec<&str> = error.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages, ["odd code"]);
}

#[test]
fn decode_body_reads_the_raw_body_as_a_documented_type() {
    let error = api_error(422, r#"{"title":"invalid","status":422}"#, 1);
    let problem: serde_json::Value = error.decode_body().expect("JSON body");
    assert_eq!(problem["title"], "invalid");
}

#[test]
fn transport_errors_say_how_many_attempts_were_made() {
    assert_eq!(
        Error::Timeout { attempts: 3 }.to_string(),
        "request timed out after 3 attempts"
    );
    assert_eq!(Error::Timeout { attempts: 1 }.attempts(), Some(1));
}

#[test]
fn decode_and_request_errors_name_the_place() {
    let decode = Error::Decode {
        status: 200,
        path: "result.id".to_owned(),
        message: "invalid type".to_owned(),
        excerpt: "{}".to_owned(),
    };
    assert_eq!(
        decode.to_string(),
        "could not decode the HTTP 200 response at `result.id`: invalid type"
    );
    assert_eq!(decode.status(), Some(200));
    let invalid = Error::InvalidRequest {
        parameter: "name".to_owned(),
        message: "must be at most 3 characters long, got 4".to_owned(),
    };
    assert_eq!(
        invalid.to_string(),
        "invalid value for `name`: must be at most 3 characters long, got 4"
    );
    assert_eq!(invalid.status(), None);
}

#[test]
fn is_retryable_follows_the_retry_rule() {
    assert!(Error::Timeout { attempts: 3 }.is_retryable());
    assert!(api_error(503, "", 3).into_error().is_retryable());
    assert!(api_error(429, "", 3).into_error().is_retryable());
    assert!(!api_error(404, "", 1).into_error().is_retryable());
    assert!(!Error::Config("bad".to_owned()).is_retryable());
}
