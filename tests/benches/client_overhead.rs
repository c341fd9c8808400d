//! Client overhead against hand-written reqwest + serde doing the same work (`cargo bench -p
//! integration-tests --bench client_overhead`, or `cargo xtask bench`): decoding a 100-item list
//! page, encoding a create body, and a whole request round trip to a loopback server. Each
//! side is written once, in `pairs/`, which `client_instructions.rs` counts as well.
//!
//! The target is 1.05× the baseline for each pair. Figures are read from criterion's report,
//! never asserted: timing belongs in benchmarks, not tests.

mod pairs;
mod shares;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn decode_page(c: &mut Criterion) {
    let body = pairs::list_page();
    let mut group = c.benchmark_group("decode a 100-item page");
    group.bench_function("ours", |b| {
        b.iter_batched(
            || pairs::raw_response(&body),
            |raw| pairs::decode_ours(&raw),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("baseline", |b| {
        b.iter_batched(
            || pairs::raw_response(&body),
            |raw| pairs::decode_baseline(&raw),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn encode_body(c: &mut Criterion) {
    let body = pairs::create_body();
    let mut group = c.benchmark_group("encode a create body");
    group.bench_function("ours", |b| b.iter(|| pairs::encode_ours(&body)));
    group.bench_function("baseline", |b| b.iter(|| pairs::encode_baseline(&body)));
    group.finish();
}

fn round_trip(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let body = pairs::list_page();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        server
    });
    let client = pairs::client(&server.uri());
    let http = reqwest::Client::new();
    let url = pairs::list_url(&server.uri());
    let mut group = c.benchmark_group("list one page over loopback");
    group.bench_function("ours", |b| {
        b.to_async(&runtime).iter(|| pairs::list_ours(&client))
    });
    group.bench_function("baseline", |b| {
        b.to_async(&runtime)
            .iter(|| pairs::list_baseline(&http, &url))
    });
    group.finish();
}

criterion_group!(benches, decode_page, encode_body, round_trip);
criterion_main!(benches);
