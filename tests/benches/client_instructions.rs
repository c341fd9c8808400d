//! The client-overhead pairs of `client_overhead.rs`, counted in instructions instead of timed:
//! `cargo xtask bench` runs this under callgrind when valgrind is installed, once per side,
//! and divides what `measured` executed by the iterations. Unlike time, the count does not
//! move with the host, so it says whether a pair is within its 1.05× where criterion's
//! means on a shared 2-core machine differ by more than that from run to run.
//!
//! Usage: `client_instructions <decode|encode|round-trip> <ours|baseline> <iterations>`.
//!
//! The round trip lists one page from a loopback server on a thread of its own, which
//! callgrind does not count, on a current-thread runtime, so that all the client's work runs
//! inside `measured` on this thread.

mod shares;

use std::hint::black_box;

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ResourceType,
    ShareObject,
};
use cloudflare_resource_sharing::runtime::{decode, ApiRequest, RawResponse};
use shares::BaselinePage;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pair, side, iterations] = args.as_slice() else {
        eprintln!(
            "usage: client_instructions <decode|encode|round-trip> <ours|baseline> <iterations>"
        );
        std::process::exit(2);
    };
    let iterations: usize = iterations.parse().expect("a number of iterations");
    let page = shares::share_page(1, 100, 100);
    let body = create_body();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let base_url = loopback_server(page.clone());
    let account = "023e105f4ecef8ad9ca31a8372d0c353";
    let client = cloudflare_resource_sharing::Client::builder()
        .base_url(base_url.clone())
        .api_token("token")
        .build()
        .expect("a client");
    let http = reqwest::Client::new();
    let url = format!("{base_url}/accounts/{account}/shares");
    let work: Box<dyn Fn()> = match (pair.as_str(), side.as_str()) {
        ("decode", "ours") => Box::new(|| {
            let raw = raw_response(&page);
            black_box(decode::envelope_page::<ShareObject>(&raw).expect("decodes"));
        }),
        ("decode", "baseline") => Box::new(|| {
            let raw = raw_response(&page);
            black_box(serde_json::from_slice::<BaselinePage>(&raw.body).expect("decodes"));
        }),
        ("encode", "ours") => Box::new(|| {
            let request = ApiRequest::new(
                reqwest::Method::POST,
                "/accounts/{account_id}/shares",
                String::new(),
            );
            let _ = black_box(request.json(&body).expect("encodes"));
        }),
        ("encode", "baseline") => Box::new(|| {
            black_box(serde_json::to_vec(&body).expect("encodes"));
        }),
        ("round-trip", "ours") => Box::new(|| {
            let page = runtime.block_on(async {
                client
                    .resource_sharing()
                    .list(account)
                    .per_page(100)
                    .await
                    .expect("a page")
            });
            black_box(page);
        }),
        ("round-trip", "baseline") => Box::new(|| {
            let page = runtime.block_on(async {
                let response = http
                    .get(&url)
                    .query(&[("per_page", "100")])
                    .bearer_auth("token")
                    .send()
                    .await
                    .expect("sent");
                let bytes = response.bytes().await.expect("read");
                serde_json::from_slice::<BaselinePage>(&bytes).expect("decodes")
            });
            black_box(page);
        }),
        _ => {
            eprintln!("unknown pair {pair} or side {side}");
            std::process::exit(2);
        }
    };
    // One untimed call first, so that what runs once (lazy statics, the allocator's first
    // pages) is not counted.
    work();
    measured(&*work, iterations);
}

/// The calls callgrind counts (`--toggle-collect`).
#[inline(never)]
fn measured(work: &dyn Fn(), iterations: usize) {
    for _ in 0..iterations {
        work();
    }
}

/// A server on a thread of its own that answers every request on every connection with
/// `page`, keeping connections open as both clients expect; its base URL.
fn loopback_server(page: Vec<u8>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        page.len()
    )
    .into_bytes();
    response.extend_from_slice(&page);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let response = response.clone();
            std::thread::spawn(move || {
                let mut request = Vec::new();
                let mut buffer = [0; 4096];
                while let Ok(read @ 1..) = stream.read(&mut buffer) {
                    request.extend_from_slice(&buffer[..read]);
                    // A GET has no body: each request ends with its blank line.
                    while let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                        request.drain(..end + 4);
                        if stream.write_all(&response).is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    format!("http://{address}")
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
