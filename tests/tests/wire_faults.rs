//! The generated client when the wire misbehaves, and the checks it makes before sending.
//!
//! Retries, rate limits, dead and slow servers, bodies that don't decode, error envelopes,
//! pagination that must end, path parameters that try to escape their segment, client-side
//! validation, configuration errors, and the promise that credentials never reach `Debug` output
//! or `tracing`. Every test asserts what the server received (or that it received nothing), never
//! how long something took. The happy path of each operation is left to `wire_operations.rs`.

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, ResourceType, ShareKind, ShareObject,
    ShareStatus, ShareTargetType,
};
use cloudflare_resource_sharing::runtime::retry::retry_after;
use cloudflare_resource_sharing::{Client, Error, RequestOptions, Result};
use futures::StreamExt;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{json, Value};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{any, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "wire-faults-token-123";
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const SHARE: &str = "3fd85f74b32742f1bff64a85009dda07";

/// What one `get` of a share came to, and how many requests it took.
struct Outcome {
    result: Result<ShareObject>,
    requests: usize,
}

// Retries.

#[tokio::test]
async fn server_error_is_retried_until_success() {
    let outcome = check(
        vec![
            ResponseTemplate::new(500),
            ResponseTemplate::new(200).set_body_json(envelope(share_json(SHARE))),
        ],
        RequestOptions::new(),
    )
    .await;

    assert_eq!(outcome.result.expect("the retry succeeds").id, SHARE);
    assert_eq!(outcome.requests, 2);
}

#[tokio::test]
async fn rate_limit_waits_as_long_as_retry_after_asks() {
    let log = Log::default();
    let _guard = tracing::subscriber::set_default(log.recorder());
    // Another test's thread may have registered a callsite while no subscriber wanted it,
    // caching `never` for it in a race with this registration; ask every callsite again.
    tracing::callsite::rebuild_interest_cache();

    let outcome = check(
        vec![
            ResponseTemplate::new(429).insert_header("retry-after", "1"),
            ResponseTemplate::new(200).set_body_json(envelope(share_json(SHARE))),
        ],
        RequestOptions::new(),
    )
    .await;

    outcome.result.expect("the retry succeeds");
    assert_eq!(outcome.requests, 2);
    // The client's own backoff is at most 500 ms and jittered, so an exact 1000 ms can only
    // come from the header; the retry event records the delay the client then slept for.
    assert_eq!(
        log.retries(),
        ["event: message=retrying request attempt=1 failure=HTTP 429 delay_ms=1000"]
    );
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("1"));
    assert_eq!(retry_after(&headers), Some(Duration::from_secs(1)));
}

#[tokio::test]
async fn exhausted_retries_say_how_many_attempts_were_made() {
    let body = json!({
        "success": false,
        "errors": [{ "code": 10000, "message": "internal error" }],
        "messages": [],
        "result": null
    });

    let outcome = check(
        vec![ResponseTemplate::new(503).set_body_json(body)],
        RequestOptions::new().max_retries(1),
    )
    .await;

    let error = outcome.result.expect_err("every attempt fails");
    assert!(matches!(error, Error::Server(_)), "{error:?}");
    assert_eq!(error.attempts(), Some(2));
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        error.to_string(),
        "server error: HTTP 503 after 2 attempts: [10000] internal error"
    );
    assert_eq!(outcome.requests, 2);
}

#[tokio::test]
async fn client_error_is_not_retried() {
    let outcome = check(vec![ResponseTemplate::new(403)], RequestOptions::new()).await;

    let error = outcome.result.expect_err("403 is an error");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert_eq!(outcome.requests, 1);
}

// Dead and slow servers.

#[tokio::test]
async fn refused_connection_is_a_connection_error() {
    // Bind a port, then free it, so nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let address = listener.local_addr().expect("a bound address");
    drop(listener);

    let error = client(&format!("http://{address}"))
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .options(RequestOptions::new().max_retries(1))
        .await
        .expect_err("nothing listens");

    assert!(
        matches!(error, Error::Connection { attempts: 2, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "could not reach the API after 2 attempts"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn reset_connection_is_a_connection_error() {
    // A server that accepts each connection and drops it before answering.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let address = listener.local_addr().expect("a bound address");
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });

    let error = client(&format!("http://{address}"))
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .options(RequestOptions::new().max_retries(1))
        .await
        .expect_err("every connection is dropped");

    assert!(
        matches!(error, Error::Connection { attempts: 2, .. }),
        "{error:?}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn response_slower_than_the_timeout_is_a_timeout() {
    let slow = ResponseTemplate::new(200)
        .set_body_json(envelope(share_json(SHARE)))
        .set_delay(Duration::from_secs(5));

    let outcome = check(
        vec![slow],
        RequestOptions::new()
            .timeout(Duration::from_millis(200))
            .max_retries(0),
    )
    .await;

    let error = outcome.result.expect_err("the server is too slow");
    assert!(matches!(error, Error::Timeout { attempts: 1 }), "{error:?}");
    assert_eq!(error.to_string(), "request timed out after 1 attempt");
    assert!(error.is_retryable());
    assert_eq!(outcome.requests, 1);
}

// Bodies.

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_path_and_excerpt() {
    let truncated =
        format!(r#"{{"success":true,"errors":[],"messages":[],"result":{{"id":"{SHARE}","name":"#);

    let outcome = check(
        vec![ResponseTemplate::new(200).set_body_raw(truncated.clone(), "application/json")],
        RequestOptions::new(),
    )
    .await;

    let error = outcome.result.expect_err("the body is cut short");
    let Error::Decode {
        status,
        path,
        message,
        excerpt,
    } = &error
    else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(*status, 200);
    assert_eq!(path, "result");
    assert!(message.starts_with("EOF while parsing"), "{message}");
    assert_eq!(excerpt, &truncated);
    assert_eq!(outcome.requests, 1);
}

#[tokio::test]
async fn wrong_field_type_is_a_decode_error_naming_the_field() {
    let mut share = share_json(SHARE);
    share["resources"][0]["resource_version"] = json!("four");

    let outcome = check(
        vec![ResponseTemplate::new(200).set_body_json(envelope(share))],
        RequestOptions::new(),
    )
    .await;

    let error = outcome
        .result
        .expect_err("resource_version must be an integer");
    let Error::Decode { path, message, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(path, "result.resources[0].resource_version");
    assert!(message.starts_with("invalid type: string"), "{message}");
}

#[tokio::test]
async fn success_false_with_200_is_an_error() {
    let body = json!({
        "success": false,
        "errors": [{ "code": 7003, "message": "Could not route" }],
        "messages": [],
        "result": null
    });

    let outcome = check(
        vec![ResponseTemplate::new(200).set_body_json(body)],
        RequestOptions::new(),
    )
    .await;

    let error = outcome.result.expect_err("success is false");
    assert!(matches!(error, Error::Unsuccessful(_)), "{error:?}");
    assert_eq!(error.status(), Some(200));
    assert_eq!(
        error.to_string(),
        "request unsuccessful: HTTP 200 after 1 attempt: [7003] Could not route"
    );
    assert_eq!(outcome.requests, 1);
}

#[tokio::test]
async fn not_found_envelope_keeps_every_detail() {
    let body = json!({
        "success": false,
        "errors": [{
            "code": 1001,
            "message": "Share not found",
            "documentation_url": "https://developers.cloudflare.com/api",
            "source": { "pointer": "/share_id" }
        }],
        "messages": [],
        "result": null
    });

    let outcome = check(
        vec![ResponseTemplate::new(404)
            .insert_header("cf-ray", "8a1b2c3d4e5f-SJC")
            .set_body_json(body)],
        RequestOptions::new(),
    )
    .await;

    let error = outcome.result.expect_err("404 is an error");
    let Error::NotFound(api_error) = &error else {
        panic!("expected NotFound, got {error:?}");
    };
    assert_eq!(api_error.status, 404);
    let first = &api_error.errors[0];
    assert_eq!(first.code, Some(1001));
    assert_eq!(first.message, "Share not found");
    assert_eq!(
        first.documentation_url.as_deref(),
        Some("https://developers.cloudflare.com/api")
    );
    assert_eq!(
        first
            .source
            .as_ref()
            .and_then(|source| source.pointer.as_deref()),
        Some("/share_id")
    );
    assert_eq!(error.request_id(), Some("8a1b2c3d4e5f-SJC"));
    assert_eq!(
        error.to_string(),
        "not found: HTTP 404 after 1 attempt: [1001] Share not found (at /share_id) (request id 8a1b2c3d4e5f-SJC)"
    );
    assert!(!error.is_retryable());
    assert_eq!(outcome.requests, 1);
}

#[tokio::test]
async fn errors_next_to_success_true_are_not_a_failure() {
    let body = json!({
        "success": true,
        "errors": [{ "code": 1000, "message": "message" }],
        "messages": [],
        "result": share_json(SHARE)
    });

    let outcome = check(
        vec![ResponseTemplate::new(200).set_body_json(body)],
        RequestOptions::new(),
    )
    .await;

    assert_eq!(outcome.result.expect("success is true").id, SHARE);
}

#[tokio::test]
async fn unknown_enum_values_and_fields_decode_and_round_trip() {
    let mut share = share_json(SHARE);
    share["status"] = json!("archived");
    share["kind"] = json!("forwarded");
    share["target_type"] = json!("enterprise");
    share["resources"][0]["resource_type"] = json!("future-type");
    share["field_from_the_future"] = json!({ "nested": [1, 2, 3] });
    share["resources"][0]["another_new_field"] = json!(true);

    let outcome = check(
        vec![ResponseTemplate::new(200).set_body_json(envelope(share))],
        RequestOptions::new(),
    )
    .await;

    let share = outcome.result.expect("unknown values are kept");
    assert_eq!(share.status, ShareStatus::Unknown("archived".to_owned()));
    assert_eq!(share.kind, Some(ShareKind::Unknown("forwarded".to_owned())));
    assert_eq!(
        share.target_type,
        ShareTargetType::Unknown("enterprise".to_owned())
    );
    let resources = share.resources.as_ref().expect("resources were sent");
    assert_eq!(
        resources[0].resource_type,
        ResourceType::Unknown("future-type".to_owned())
    );
    let encoded = serde_json::to_value(&share).expect("serialises");
    assert_eq!(encoded["status"], "archived");
    assert_eq!(encoded["kind"], "forwarded");
    assert_eq!(encoded["target_type"], "enterprise");
    assert_eq!(encoded["resources"][0]["resource_type"], "future-type");
}

// Pagination.

#[tokio::test]
async fn stream_reads_pages_until_an_empty_one() {
    let server = MockServer::start().await;
    serve_page(&server, 1, page_body(&["a", "b"], json!({ "page": 1 }))).await;
    serve_page(&server, 2, page_body(&["c", "d"], json!({ "page": 2 }))).await;
    serve_page(&server, 3, page_body(&[], json!({ "page": 3 }))).await;

    let ids = stream_ids(&server).await;

    assert_eq!(ids, ["a", "b", "c", "d"]);
    let received = server.received_requests().await.expect("recording is on");
    let queries: Vec<_> = received.iter().map(|request| request.url.query()).collect();
    assert_eq!(
        queries,
        [
            Some("page=1&per_page=2"),
            Some("page=2&per_page=2"),
            Some("page=3&per_page=2")
        ]
    );
}

#[tokio::test]
async fn stream_stops_when_the_server_ignores_the_page_parameter() {
    let server = MockServer::start().await;
    let same_page = page_body(&["a", "b"], json!({ "page": 1, "total_pages": 5 }));
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(same_page))
        .mount(&server)
        .await;

    let ids = stream_ids(&server).await;

    assert_eq!(ids, ["a", "b"]);
    assert_eq!(requested_pages(&server).await, ["1", "2"]);
}

#[tokio::test]
async fn stream_stops_at_the_reported_last_page() {
    let server = MockServer::start().await;
    serve_page(
        &server,
        1,
        page_body(&["a", "b"], json!({ "page": 1, "total_pages": 2 })),
    )
    .await;
    serve_page(
        &server,
        2,
        page_body(&["c"], json!({ "page": 2, "total_pages": 2 })),
    )
    .await;
    // A third page exists, but the server said there were two.
    serve_page(
        &server,
        3,
        page_body(&["z"], json!({ "page": 3, "total_pages": 2 })),
    )
    .await;

    let ids = stream_ids(&server).await;

    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requested_pages(&server).await, ["1", "2"]);
}

#[tokio::test]
async fn stream_yields_an_error_once_then_ends() {
    let server = MockServer::start().await;
    serve_page(&server, 1, page_body(&["a", "b"], json!({ "page": 1 }))).await;
    Mock::given(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(403))
        .mount(&server)
        .await;

    let results: Vec<_> = client(&server.uri())
        .resource_sharing()
        .list(ACCOUNT)
        .per_page(2)
        .stream()
        .collect()
        .await;

    assert_eq!(results.len(), 3);
    assert!(
        matches!(results[2], Err(Error::Forbidden(_))),
        "{:?}",
        results[2]
    );
    assert_eq!(requested_pages(&server).await, ["1", "2"]);
}

// Path parameters.

#[tokio::test]
async fn path_parameters_cannot_leave_their_segment() {
    for (share_id, wire_path) in [
        ("../zones", format!("/accounts/{ACCOUNT}/shares/..%2Fzones")),
        ("a/b?c", format!("/accounts/{ACCOUNT}/shares/a%2Fb%3Fc")),
        ("é #", format!("/accounts/{ACCOUNT}/shares/%C3%A9%20%23")),
    ] {
        let server = serve_share().await;

        client(&server.uri())
            .resource_sharing()
            .get(ACCOUNT, share_id)
            .await
            .expect("the share decodes");

        let received = server.received_requests().await.expect("recording is on");
        assert_eq!(received.len(), 1, "{share_id}");
        assert_eq!(received[0].url.path(), wire_path, "{share_id}");
        assert_eq!(received[0].url.query(), None, "{share_id}");
    }
}

#[tokio::test]
async fn dot_segments_are_rejected_before_sending() {
    for (account_id, share_id, segment) in [
        (ACCOUNT, "..", "%2E%2E"),
        (ACCOUNT, ".", "%2E"),
        ("..", SHARE, "%2E%2E"),
    ] {
        let server = serve_share().await;

        let error = client(&server.uri())
            .resource_sharing()
            .delete(account_id, share_id)
            .await
            .expect_err("the path would point at another resource");

        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{account_id}/{share_id}: {error:?}"
        );
        // The error names the whole path, not the parameter that holds the dot segment.
        assert_eq!(
            error.to_string(),
            format!(
                "invalid value for `path`: segment `{segment}` would change which resource is requested"
            )
        );
        assert_eq!(request_count(&server).await, 0, "{account_id}/{share_id}");
    }
}

// Client-side validation.

#[tokio::test]
async fn invalid_parameters_are_rejected_before_sending() {
    let server = serve_share().await;
    let client = client(&server.uri());
    let sharing = client.resource_sharing();
    let too_long = "0".repeat(33);

    let errors = [
        sharing.get(too_long.as_str(), SHARE).await.map(drop),
        sharing.list(ACCOUNT).per_page(101).await.map(drop),
        sharing.list(ACCOUNT).page(-1).await.map(drop),
        sharing
            .list(ACCOUNT)
            .status(ShareStatus::from("archived"))
            .await
            .map(drop),
        sharing
            .recipients()
            .create(
                ACCOUNT,
                SHARE,
                CreateShareRecipientRequest::default().recipient_account_id(too_long.as_str()),
            )
            .await
            .map(drop),
        sharing
            .create(
                ACCOUNT,
                CreateShareRequest::new(
                    "n".to_owned(),
                    vec![CreateShareRecipientRequest::default().organization_id(too_long.as_str())],
                    Vec::new(),
                ),
            )
            .await
            .map(drop),
    ];

    let messages: Vec<String> = errors
        .into_iter()
        .map(|result| {
            let error = result.expect_err("the value breaks a rule of the API");
            assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
            error.to_string()
        })
        .collect();
    assert_eq!(
        messages,
        [
            "invalid value for `account_id`: must be at most 32 characters long, got 33",
            "invalid value for `per_page`: must be at most 100, got 101",
            "invalid value for `page`: must be at least 0, got -1",
            "invalid value for `status`: `archived` is not one of: active, deleting, deleted",
            "invalid value for `body.recipient_account_id`: must be at most 32 characters long, got 33",
            "invalid value for `body.recipients[0].organization_id`: must be at most 32 characters long, got 33",
        ]
    );
    assert_eq!(request_count(&server).await, 0);
}

// Configuration and secrets.

#[test]
fn missing_credentials_are_a_config_error() {
    // `from_env` reads these; no other test in this file touches the environment.
    for name in [
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_BASE_URL",
    ] {
        std::env::remove_var(name);
    }
    let expected =
        "invalid client configuration: no credentials: set api_email (CLOUDFLARE_EMAIL) \
                    and api_key (CLOUDFLARE_API_KEY), or api_token (CLOUDFLARE_API_TOKEN)";

    for result in [
        Client::from_env(),
        Client::builder().build(),
        Client::builder().with_env().build(),
        // An email without its key is not a credential.
        Client::builder().api_email("user@example.com").build(),
    ] {
        let error = result.expect_err("no usable credentials");
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert_eq!(error.to_string(), expected);
    }
}

#[test]
fn unusable_base_url_is_a_config_error() {
    for base_url in ["not a url", "ftp://example.com"] {
        let error = Client::builder()
            .base_url(base_url)
            .api_token(TOKEN)
            .build()
            .expect_err("not an http(s) URL");

        assert!(matches!(error, Error::Config(_)), "{base_url}: {error:?}");
        assert!(error.to_string().contains(base_url), "{error}");
    }
}

#[test]
fn debug_output_never_shows_credentials() {
    let secrets = [TOKEN, "the-global-key", "header-secret-value"];
    let builder = Client::builder()
        .api_token(TOKEN)
        .api_email("user@example.com")
        .api_key("the-global-key")
        .header("x-custom-auth", "header-secret-value");
    let client = builder.build().expect("the client is valid");
    let request = client
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .options(RequestOptions::new().header("authorization", "header-secret-value"));

    for debug in [format!("{client:?}"), format!("{request:?}")] {
        for secret in secrets {
            assert!(!debug.contains(secret), "{secret} shown in {debug}");
        }
    }
}

#[test]
fn builder_debug_never_shows_credentials() {
    let builder = Client::builder()
        .api_token(TOKEN)
        .api_key("the-global-key")
        .header("x-custom-auth", "header-secret-value");

    let debug = format!("{builder:?}");

    assert!(
        debug.contains("x-custom-auth"),
        "header names stay visible: {debug}"
    );
    for secret in [TOKEN, "the-global-key", "header-secret-value"] {
        assert!(!debug.contains(secret), "{secret} shown in {debug}");
    }
}

#[tokio::test]
async fn one_span_per_request_and_no_secret_in_it() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(share_json(SHARE))))
        .mount(&server)
        .await;
    let log = Log::default();
    let _guard = tracing::subscriber::set_default(log.recorder());
    // Another test's thread may have registered a callsite while no subscriber wanted it,
    // caching `never` for it in a race with this registration; ask every callsite again.
    tracing::callsite::rebuild_interest_cache();
    let body = CreateShareRequest::new(
        "body-secret-value".to_owned(),
        vec![CreateShareRecipientRequest::default().recipient_account_id(ACCOUNT)],
        Vec::new(),
    );

    client(&server.uri())
        .resource_sharing()
        .create(ACCOUNT, body)
        .options(RequestOptions::new().header("x-secret-header", "header-secret-value"))
        .await
        .expect("the retry succeeds");

    let retries = log.retries();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert!(
        retries[0]
            .starts_with("event: message=retrying request attempt=1 failure=HTTP 500 delay_ms="),
        "{retries:?}"
    );
    let log = log.text();
    assert_eq!(log.matches("new_span http_request").count(), 1, "{log}");
    for expected in [
        "new_span http_request: method=POST path=\"/accounts/{account_id}/shares\"",
        "record: attempt=1",
        "record: attempt=2",
        "record: status=200",
        "record: duration_ms=",
    ] {
        assert!(log.contains(expected), "missing {expected:?} in\n{log}");
    }
    for secret in [TOKEN, "header-secret-value", "body-secret-value"] {
        assert!(!log.contains(secret), "{secret} leaked into\n{log}");
    }
    assert_eq!(request_count(&server).await, 2);
}

/// Serves `responses` in order (the last one for every later request), gets one share with
/// `options`, and returns the result with the number of requests the server saw.
async fn check(responses: Vec<ResponseTemplate>, options: RequestOptions) -> Outcome {
    let server = MockServer::start().await;
    let n_responses = responses.len();
    for (response_idx, response) in responses.into_iter().enumerate() {
        let mock = Mock::given(any()).respond_with(response);
        let is_last = response_idx + 1 == n_responses;
        let mock = if is_last { mock } else { mock.up_to_n_times(1) };
        mock.mount(&server).await;
    }

    let result = client(&server.uri())
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .options(options)
        .await;

    let received = server.received_requests().await.expect("recording is on");
    for request in &received {
        assert_eq!(
            request.url.path(),
            format!("/accounts/{ACCOUNT}/shares/{SHARE}")
        );
    }
    Outcome {
        result,
        requests: received.len(),
    }
}

/// A client with the default retry budget and timeout.
fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_token(TOKEN)
        .build()
        .expect("the test client is valid")
}

async fn serve_share() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(share_json(SHARE))))
        .mount(&server)
        .await;
    server
}

async fn serve_page(server: &MockServer, page: u64, body: Value) {
    Mock::given(query_param("page", page.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// Streams every share, two per page, and returns their ids.
async fn stream_ids(server: &MockServer) -> Vec<String> {
    client(&server.uri())
        .resource_sharing()
        .list(ACCOUNT)
        .per_page(2)
        .stream()
        .map(|share| share.expect("no error").id)
        .collect()
        .await
}

async fn requested_pages(server: &MockServer) -> Vec<String> {
    let received: Vec<Request> = server.received_requests().await.expect("recording is on");
    received
        .iter()
        .filter_map(|request| {
            request
                .url
                .query_pairs()
                .find(|(name, _)| name == "page")
                .map(|(_, value)| value.into_owned())
        })
        .collect()
}

async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .len()
}

fn envelope(result: Value) -> Value {
    json!({ "success": true, "errors": [], "messages": [], "result": result })
}

fn page_body(ids: &[&str], result_info: Value) -> Value {
    let result: Vec<Value> = ids.iter().map(|id| share_json(id)).collect();
    json!({ "success": true, "errors": [], "messages": [], "result": result, "result_info": result_info })
}

fn share_json(id: &str) -> Value {
    json!({
        "id": id,
        "account_id": ACCOUNT,
        "account_name": "Account A",
        "created": "2023-09-21T18:56:32.624632Z",
        "modified": "2023-09-21T18:56:32.624632Z",
        "name": "My Shared WAF Managed Rule",
        "organization_id": ACCOUNT,
        "status": "active",
        "target_type": "account",
        "resources": [{
            "id": SHARE,
            "created": "2023-09-21T18:56:32.624632Z",
            "meta": {},
            "modified": "2023-09-21T18:56:32.624632Z",
            "resource_account_id": ACCOUNT,
            "resource_id": SHARE,
            "resource_type": "custom-ruleset",
            "resource_version": 0,
            "status": "active"
        }]
    })
}

/// The lines a [`Recorder`] wrote, shared with the test that reads them.
#[derive(Clone, Default)]
struct Log {
    lines: Arc<Mutex<Vec<String>>>,
}

/// A subscriber that writes every span, field record and event as one line of text.
struct Recorder {
    log: Log,
    next_id: AtomicU64,
}

struct FieldWriter(String);

impl Log {
    fn recorder(&self) -> Recorder {
        Recorder {
            log: self.clone(),
            next_id: AtomicU64::new(1),
        }
    }

    fn push(&self, line: String) {
        self.lines.lock().expect("not poisoned").push(line);
    }

    /// The "retrying request" events, one line each.
    fn retries(&self) -> Vec<String> {
        let lines = self.lines.lock().expect("not poisoned");
        lines
            .iter()
            .filter(|line| line.starts_with("event: message=retrying request"))
            .cloned()
            .collect()
    }

    fn text(&self) -> String {
        self.lines.lock().expect("not poisoned").join("\n")
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = FieldWriter(format!("new_span {}:", span.metadata().name()));
        span.record(&mut fields);
        self.log.push(fields.0);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut fields = FieldWriter("record:".to_owned());
        values.record(&mut fields);
        self.log.push(fields.0);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = FieldWriter("event:".to_owned());
        event.record(&mut fields);
        self.log.push(fields.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

impl Visit for FieldWriter {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}
