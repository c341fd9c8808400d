//! Client overhead against hand-written reqwest + serde doing the same work (`cargo bench -p
//! integration-tests --bench client_overhead`, or `cargo xtask bench`): decoding a 100-item list
//! page, encoding a create body, and a whole request round trip to a loopback server.
//!
//! The target is 1.05× the baseline for each pair. Figures are read from criterion's report,
//! never asserted: timing belongs in benchmarks, not tests.

mod shares;

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ResourceType,
    ShareObject,
};
use cloudflare_resource_sharing::runtime::{decode, ApiRequest, RawResponse};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use shares::BaselinePage;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A 100-item page, the only page of its list (about 80 KB).
fn list_page() -> Vec<u8> {
    shares::share_page(1, 100, 100)
}

fn raw_response(body: &[u8]) -> RawResponse {
    RawResponse {
        status: reqwest::StatusCode::OK,
        headers: reqwest::header::HeaderMap::new(),
        body: bytes::Bytes::copy_from_slice(body),
        attempts: 1,
        request_id: None,
    }
}

fn create_body() -> CreateShareRequest {
    let recipient = CreateShareRecipientRequest::default()
        .recipient_account_id("6d4e0ffa3e9ab7d1b9e7d2e1c8a3b2f0");
    let resources = (0..20)
        .map(|idx| {
            CreateShareResourceRequest::new(
                Default::default(),
                "023e105f4ecef8ad9ca31a8372d0c353".into(),
                format!("rule-{idx}"),
                ResourceType::CustomRuleset,
            )
        })
        .collect();
    CreateShareRequest::new("WAF rules".into(), vec![recipient], resources)
}

fn decode_page(c: &mut Criterion) {
    let body = list_page();
    let mut group = c.benchmark_group("decode a 100-item page");
    group.bench_function("ours", |b| {
        b.iter_batched(
            || raw_response(&body),
            |raw| decode::envelope_page::<ShareObject>(&raw).expect("decodes"),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("baseline", |b| {
        b.iter_batched(
            || raw_response(&body),
            |raw| serde_json::from_slice::<BaselinePage>(&raw.body).expect("decodes"),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn encode_body(c: &mut Criterion) {
    let body = create_body();
    let mut group = c.benchmark_group("encode a create body");
    group.bench_function("ours", |b| {
        b.iter(|| {
            ApiRequest::new(
                reqwest::Method::POST,
                "/accounts/{account_id}/shares",
                String::new(),
            )
            .json(&body)
            .expect("encodes")
        })
    });
    group.bench_function("baseline", |b| {
        b.iter(|| serde_json::to_vec(&body).expect("encodes"))
    });
    group.finish();
}

fn round_trip(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let body = list_page();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        server
    });
    let account = "023e105f4ecef8ad9ca31a8372d0c353";
    let client = cloudflare_resource_sharing::Client::builder()
        .base_url(server.uri())
        .api_token("token")
        .build()
        .expect("a client");
    let http = reqwest::Client::new();
    let url = format!("{}/accounts/{account}/shares", server.uri());
    let mut group = c.benchmark_group("list one page over loopback");
    group.bench_function("ours", |b| {
        b.to_async(&runtime).iter(|| async {
            client
                .resource_sharing()
                .list(account)
                .per_page(100)
                .await
                .expect("a page")
        })
    });
    group.bench_function("baseline", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = http
                .get(&url)
                .query(&[("per_page", "100")])
                .bearer_auth("token")
                .send()
                .await
                .expect("sent");
            let bytes = response.bytes().await.expect("read");
            serde_json::from_slice::<BaselinePage>(&bytes).expect("decodes")
        })
    });
    group.finish();
}

criterion_group!(benches, decode_page, encode_body, round_trip);
criterion_main!(benches);
