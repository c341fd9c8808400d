//! `Core::execute` through a `Transport` of its own: what the seam receives, and that retries
//! and the per-attempt timeout still run above it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::runtime::{
    ApiRequest, AuthHeader, Backoff, Core, CoreConfig, Error, RequestOptions, Secret, Transport,
    TransportFuture, TransportRequest, TransportResponse,
};

/// Answers with `statuses` in order (the last one repeats) after `delay`, recording each attempt.
#[derive(Clone, Default)]
struct Scripted {
    statuses: Vec<u16>,
    delay: Duration,
    seen: Arc<Mutex<Vec<TransportRequest>>>,
}

impl Transport for Scripted {
    fn send(&self, request: TransportRequest) -> TransportFuture<'_> {
        let mut seen = self.seen.lock().expect("not poisoned");
        seen.push(request);
        let status = self.statuses[(seen.len() - 1).min(self.statuses.len() - 1)];
        let delay = self.delay;
        Box::pin(async move {
            tokio::time::sleep(delay).await;
            Ok(TransportResponse {
                status: StatusCode::from_u16(status).expect("a valid status"),
                headers: HeaderMap::new(),
                body: Bytes::from_static(br#"{"success": true, "errors": [], "result": 1}"#),
            })
        })
    }
}

fn check(transport: &Scripted) -> Core {
    let mut config = CoreConfig::new("https://api.example.com/client/v4", "runtime-tests/1.0");
    config.auth = vec![AuthHeader::Bearer(Secret::new("token"))];
    config.backoff = Backoff {
        initial_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };
    config.transport = Some(Arc::new(transport.clone()));
    Core::new(config).expect("a valid configuration")
}

fn get() -> ApiRequest {
    ApiRequest::new(Method::GET, "/zones/{zone_id}", "/zones/z 1".to_owned()).query("a", "b&c")
}

#[tokio::test]
async fn the_transport_receives_the_built_url_headers_and_body() {
    let transport = Scripted {
        statuses: vec![200],
        ..Scripted::default()
    };
    let request = get().body("text/plain", b"hello".to_vec());

    let raw = check(&transport)
        .execute(request, &RequestOptions::new().header("x-extra", "1"))
        .await
        .expect("a 200");

    assert_eq!(raw.attempts, 1);
    let seen = transport.seen.lock().expect("not poisoned");
    assert_eq!(seen[0].method, Method::GET);
    assert_eq!(
        seen[0].url.as_str(),
        "https://api.example.com/client/v4/zones/z%201?a=b%26c"
    );
    assert_eq!(seen[0].headers["authorization"], "Bearer token");
    assert_eq!(seen[0].headers["x-extra"], "1");
    assert_eq!(seen[0].headers["content-type"], "text/plain");
    assert_eq!(seen[0].body, Bytes::from_static(b"hello"));
}

#[tokio::test]
async fn retries_run_above_the_transport() {
    let transport = Scripted {
        statuses: vec![503, 429, 200],
        ..Scripted::default()
    };

    let raw = check(&transport)
        .execute(get(), &RequestOptions::new())
        .await
        .expect("the third attempt succeeds");

    assert_eq!(raw.attempts, 3);
    assert_eq!(transport.seen.lock().expect("not poisoned").len(), 3);
}

#[tokio::test(start_paused = true)]
async fn the_timeout_applies_to_each_attempt_through_the_transport() {
    let transport = Scripted {
        statuses: vec![200],
        delay: Duration::from_secs(10),
        ..Scripted::default()
    };
    let options = RequestOptions::new()
        .timeout(Duration::from_secs(1))
        .max_retries(1);

    let error = check(&transport)
        .execute(get(), &options)
        .await
        .expect_err("every attempt is too slow");

    assert!(matches!(error, Error::Timeout { attempts: 2 }), "{error:?}");
}
