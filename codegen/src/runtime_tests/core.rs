//! `Core::execute` against a loopback server: retries, and the request that reaches the wire.
//!
//! The backoff is zero, so a retry never waits and no test depends on timing.

use std::time::Duration;

use reqwest::Method;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::runtime::{
    ApiRequest, AuthHeader, Backoff, Core, CoreConfig, Error, RawResponse, RequestOptions,
    Response, Result,
};

/// What a call returned and every request the server received.
struct Outcome {
    result: Result<RawResponse>,
    requests: Vec<Request>,
}

/// Serves `responses` in order (the last one repeats) and sends `request` once, with two retries.
async fn check(
    responses: Vec<ResponseTemplate>,
    request: ApiRequest,
    options: RequestOptions,
) -> Outcome {
    let server = MockServer::start().await;
    let n_responses = responses.len();
    for (response_idx, response) in responses.into_iter().enumerate() {
        let mock = Mock::given(method("GET")).respond_with(response);
        // Mocks match in mount order, so each but the last answers once and steps aside.
        let is_last = response_idx + 1 == n_responses;
        let mock = if is_last { mock } else { mock.up_to_n_times(1) };
        mock.mount(&server).await;
    }
    let core = Core::new(config(&server.uri())).expect("a valid configuration");
    let result = core.execute(request, &options).await;
    let requests = server.received_requests().await.expect("recording is on");
    Outcome { result, requests }
}

fn config(base_url: &str) -> CoreConfig {
    let mut config = CoreConfig::new(format!("{base_url}/client/v4/"), "runtime-tests/1.0");
    config.backoff = Backoff {
        initial_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };
    config
}

fn get(path: &str) -> ApiRequest {
    ApiRequest::new(Method::GET, "/zones/{zone_id}", path.to_owned())
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name)?.to_str().ok()
}

#[tokio::test]
async fn a_retryable_status_is_retried_until_success() {
    let responses = vec![
        ResponseTemplate::new(503),
        ResponseTemplate::new(429).insert_header("retry-after-ms", "1"),
        ResponseTemplate::new(200).set_body_string("{}"),
    ];
    let outcome = check(responses, get("/zones/z1"), RequestOptions::new()).await;
    let raw = outcome.result.expect("the third attempt succeeds");
    assert_eq!(raw.attempts, 3);
    assert_eq!(&raw.body[..], b"{}");
    assert_eq!(outcome.requests.len(), 3);
}

#[tokio::test]
async fn retries_stop_at_max_retries() {
    let responses = vec![ResponseTemplate::new(500)];
    let options = RequestOptions::new().max_retries(1);
    let outcome = check(responses, get("/zones/z1"), options).await;
    let error = outcome.result.expect_err("every attempt fails");
    assert!(matches!(error, Error::Server(_)), "{error:?}");
    assert_eq!(error.attempts(), Some(2));
    assert_eq!(outcome.requests.len(), 2);
}

#[tokio::test]
async fn x_should_retry_false_stops_a_retryable_status() {
    let responses = vec![ResponseTemplate::new(503).insert_header("x-should-retry", "false")];
    let outcome = check(responses, get("/zones/z1"), RequestOptions::new()).await;
    let error = outcome.result.expect_err("503");
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(outcome.requests.len(), 1);
}

#[tokio::test]
async fn a_client_error_is_not_retried() {
    let body = r#"{"success":false,"errors":[{"code":1001,"message":"no such zone"}]}"#;
    let responses = vec![ResponseTemplate::new(404).set_body_string(body)];
    let outcome = check(responses, get("/zones/z1"), RequestOptions::new()).await;
    let error = outcome.result.expect_err("404");
    let Error::NotFound(api_error) = &error else {
        panic!("expected NotFound, got {error:?}");
    };
    assert_eq!(api_error.errors[0].message, "no such zone");
    assert_eq!(outcome.requests.len(), 1);
}

#[tokio::test]
async fn the_request_reaches_the_wire_as_built() {
    let request = get("/zones/a%2Fb")
        .query("name", "x y")
        .header("x-trace", "from-request");
    let options = RequestOptions::new()
        .header("x-trace", "from-options")
        .query("debug", "1&2");
    let server = MockServer::start().await;
    Mock::given(path("/client/v4/zones/a%2Fb"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let mut config = config(&server.uri());
    config.auth = vec![
        AuthHeader::Bearer("tok".into()),
        AuthHeader::Query {
            name: "api key",
            value: "k&1".into(),
        },
    ];
    let core = Core::new(config).expect("a valid configuration");
    core.execute(request, &options).await.expect("200");
    let requests = server.received_requests().await.expect("recording is on");
    let sent = &requests[0];
    assert_eq!(
        sent.url.query(),
        Some("name=x%20y&debug=1%262&api%20key=k%261")
    );
    assert_eq!(header(sent, "authorization"), Some("Bearer tok"));
    assert_eq!(header(sent, "x-trace"), Some("from-options"));
    assert_eq!(header(sent, "user-agent"), Some("runtime-tests/1.0"));
    assert_eq!(header(sent, "accept"), Some("application/json"));
}

#[tokio::test]
async fn the_configured_request_id_header_names_responses_and_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/client/v4/ok"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-request-id", "req-1"))
        .mount(&server)
        .await;
    Mock::given(path("/client/v4/missing"))
        .respond_with(ResponseTemplate::new(404).insert_header("x-request-id", "req-2"))
        .mount(&server)
        .await;
    let mut config = config(&server.uri());
    config.request_id_header = Some("X-Request-Id");
    let core = Core::new(config).expect("a valid configuration");
    let options = RequestOptions::new();
    let raw = core.execute(get("/ok"), &options).await.expect("200");
    assert_eq!(raw.request_id(), Some("req-1"));
    assert_eq!(Response::from_raw(raw, ()).request_id(), Some("req-1"));
    let error = core
        .execute(get("/missing"), &options)
        .await
        .expect_err("404");
    assert_eq!(error.request_id(), Some("req-2"));
    assert!(
        error.to_string().ends_with(" (request id req-2)"),
        "{error}"
    );
}

#[tokio::test]
async fn without_a_request_id_header_no_response_has_an_id() {
    let responses = vec![ResponseTemplate::new(200).insert_header("cf-ray", "8a1b-SJC")];
    let outcome = check(responses, get("/zones/z1"), RequestOptions::new()).await;
    let raw = outcome.result.expect("200");
    assert_eq!(raw.request_id(), None);
}

#[test]
fn an_invalid_request_id_header_is_a_config_error() {
    let mut config = CoreConfig::new("https://api.example.com", "ua");
    config.request_id_header = Some("x request id");
    let error = Core::new(config).expect_err("a space in a header name");
    assert!(matches!(error, Error::Config(_)), "{error:?}");
}

#[tokio::test]
async fn a_dot_segment_is_refused_before_sending() {
    for path in ["/zones/%2E%2E/secrets", "/zones/./x", "/zones/%2e"] {
        let outcome = check(
            vec![ResponseTemplate::new(200)],
            get(path),
            RequestOptions::new(),
        )
        .await;
        let error = outcome.result.expect_err("a dot segment");
        assert!(
            matches!(&error, Error::InvalidRequest { parameter, .. } if parameter == "path"),
            "{path}: {error:?}"
        );
        assert!(outcome.requests.is_empty(), "{path}");
    }
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_its_error_has_no_query_credential() {
    // Binding port 0 and letting go of the listener gives a loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port();
    let mut config = config(&format!("http://127.0.0.1:{port}"));
    config.auth = vec![AuthHeader::Query {
        name: "api_key",
        value: "key-that-must-not-leak".into(),
    }];
    let core = Core::new(config).expect("a valid configuration");
    let error = core
        .execute(get("/zones/z1"), &RequestOptions::new())
        .await
        .expect_err("nobody listens");
    assert!(
        matches!(error, Error::Connection { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "could not reach the API after 3 attempts"
    );
    assert!(error.is_retryable());
    let mut chain = format!("{error:?}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    assert!(!chain.contains("key-that-must-not-leak"), "{chain}");
}

#[tokio::test]
async fn redirects_are_followed_only_within_the_origin() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let same_origin = format!("{}/client/v4/moved", server.uri());
    Mock::given(path("/client/v4/old"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", same_origin.as_str()))
        .mount(&server)
        .await;
    Mock::given(path("/client/v4/moved"))
        .respond_with(ResponseTemplate::new(200).set_body_string("moved"))
        .mount(&server)
        .await;
    let other_origin = format!("{}/steal", elsewhere.uri());
    Mock::given(path("/client/v4/away"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", other_origin.as_str()))
        .mount(&server)
        .await;
    let core = Core::new(config(&server.uri())).expect("a valid configuration");
    let options = RequestOptions::new();
    let moved = core.execute(get("/old"), &options).await.expect("followed");
    assert_eq!(&moved.body[..], b"moved");
    let error = core
        .execute(get("/away"), &options)
        .await
        .expect_err("not followed");
    assert_eq!(error.status(), Some(302));
    let stolen = elsewhere
        .received_requests()
        .await
        .expect("recording is on");
    assert!(stolen.is_empty(), "{stolen:?}");
}

#[test]
fn a_base_url_must_be_absolute_http() {
    for base_url in [
        "api.example.com",
        "ftp://example.com",
        "file:///tmp",
        "http://",
    ] {
        let error = Core::new(CoreConfig::new(base_url, "ua")).expect_err(base_url);
        assert!(matches!(error, Error::Config(_)), "{base_url}: {error:?}");
    }
}
