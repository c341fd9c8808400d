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

mod pairs;
mod shares;

use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pair, side, iterations] = args.as_slice() else {
        eprintln!(
            "usage: client_instructions <decode|encode|round-trip> <ours|baseline> <iterations>"
        );
        std::process::exit(2);
    };
    let iterations: usize = iterations.parse().expect("a number of iterations");
    let page = pairs::list_page();
    let body = pairs::create_body();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let base_url = loopback_server(page.clone());
    let client = pairs::client(&base_url);
    let http = reqwest::Client::new();
    let url = pairs::list_url(&base_url);
    let work: Box<dyn Fn()> = match (pair.as_str(), side.as_str()) {
        ("decode", "ours") => Box::new(|| {
            black_box(pairs::decode_ours(&pairs::raw_response(&page)));
        }),
        ("decode", "baseline") => Box::new(|| {
            black_box(pairs::decode_baseline(&pairs::raw_response(&page)));
        }),
        ("encode", "ours") => Box::new(|| {
            let _ = black_box(pairs::encode_ours(&body));
        }),
        ("encode", "baseline") => Box::new(|| {
            black_box(pairs::encode_baseline(&body));
        }),
        ("round-trip", "ours") => Box::new(|| {
            black_box(runtime.block_on(pairs::list_ours(&client)));
        }),
        ("round-trip", "baseline") => Box::new(|| {
            black_box(runtime.block_on(pairs::list_baseline(&http, &url)));
        }),
        _ => {
            eprintln!("unknown pair {pair} or side {side}");
            std::process::exit(2);
        }
    };
    // One uncounted call first, so that what runs once (lazy statics, the allocator's first
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
