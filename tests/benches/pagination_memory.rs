//! Peak heap of auto-pagination (`cargo bench -p integration-tests --bench pagination_memory`,
//! or `cargo xtask bench`): streaming 10,000 shares, 100 pages of 100, from a loopback server
//! with the generated client's `.stream()`, against collecting the same 10,000 into a `Vec` with
//! plain reqwest + serde, and against the size of one page.
//!
//! Heap is counted by this binary's global allocator (a global allocator is per binary, hence a
//! bench of its own). The server runs in a child process, this same binary started again, so
//! that only the client's allocations are counted. Each figure is the peak during the work minus
//! what was allocated just before it, in bytes, printed one per line as
//! `pagination_memory <name> <value>`; `cargo xtask bench` reads them back. The item count and
//! the ids' distinctness are asserted; the sizes are only reported.

mod shares;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cloudflare_resource_sharing::models::ShareObject;
use cloudflare_resource_sharing::runtime::{decode, RawResponse};
use futures::StreamExt;
use shares::BaselinePage;

const PER_PAGE: u64 = 100;
const TOTAL: u64 = 10_000;
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
/// Measured rounds, after one unmeasured round; the largest peak of each kind is reported.
const ROUNDS: usize = 3;
/// Set in the environment of the child process that serves the pages.
const SERVE_ENV: &str = "PAGINATION_MEMORY_SERVE";

/// Counts the bytes allocated now and the most allocated at once since the last reset.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrink(bytes: usize) {
    CURRENT.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc(layout);
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc_zeroed(layout);
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        shrink(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = System.realloc(ptr, layout, new_size);
        if !new.is_null() {
            // Counted as if resized in place: the bytes asked for, not what a copy briefly holds.
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                shrink(layout.size() - new_size);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Starts a measurement: the peak so far is forgotten, and what is allocated now is the base.
fn start_measuring() -> usize {
    let now = CURRENT.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

/// The most allocated at once since `start_measuring` returned `base`, above `base`.
fn peak_above(base: usize) -> usize {
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

/// Which of the 10,000 ids were seen, allocated before any measurement starts.
struct Seen(Vec<u64>);

impl Seen {
    fn new() -> Self {
        Seen(vec![0; TOTAL.div_ceil(64) as usize])
    }

    fn clear(&mut self) {
        self.0.fill(0);
    }

    /// Records the share's id (`{n:032x}`), panicking on an unknown or repeated one.
    fn record(&mut self, share: &ShareObject) {
        let index = u64::from_str_radix(&share.id, 16)
            .ok()
            .filter(|index| *index < TOTAL)
            .unwrap_or_else(|| panic!("the server sent no id {:?}", share.id));
        let (word, bit) = ((index / 64) as usize, 1u64 << (index % 64));
        assert_eq!(self.0[word] & bit, 0, "id {} came twice", share.id);
        self.0[word] |= bit;
    }
}

fn main() {
    if std::env::var_os(SERVE_ENV).is_some() {
        serve();
        return;
    }
    let server = Server::start();
    let base_url = format!("http://127.0.0.1:{}", server.port);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = cloudflare_resource_sharing::Client::builder()
        .base_url(&base_url)
        .api_token("token")
        .build()
        .expect("a client");
    let http = reqwest::Client::new();
    let url = format!("{base_url}/accounts/{ACCOUNT}/shares");
    let mut seen = Seen::new();
    let (page_json, page_decoded) = one_page_sizes();
    // One unmeasured round first: it fills both clients' connection pools and grows hyper's
    // read buffer to its working size (that round's stream peaks about one page of JSON higher).
    runtime.block_on(stream_all(&client, &mut seen));
    runtime.block_on(collect_all(&http, &url, &mut seen));
    let mut request_peak = 0;
    let mut stream_peak = 0;
    let mut collect_peak = 0;
    for _ in 0..ROUNDS {
        request_peak = request_peak.max(runtime.block_on(one_request(&client)));
        stream_peak = stream_peak.max(runtime.block_on(stream_all(&client, &mut seen)));
        collect_peak = collect_peak.max(runtime.block_on(collect_all(&http, &url, &mut seen)));
    }
    let figures = [
        ("items", TOTAL as usize),
        ("pages", TOTAL.div_ceil(PER_PAGE) as usize),
        ("page_json_bytes", page_json),
        ("page_decoded_bytes", page_decoded),
        ("one_page_request_peak_bytes", request_peak),
        ("stream_peak_bytes", stream_peak),
        ("collect_all_peak_bytes", collect_peak),
    ];
    for (name, value) in figures {
        println!("pagination_memory {name} {value}");
    }
    drop(server);
}

/// The size of one 100-item page as JSON, and the heap its decoded `Page` holds.
fn one_page_sizes() -> (usize, usize) {
    let body = shares::share_page(1, PER_PAGE, TOTAL);
    let raw = RawResponse {
        status: reqwest::StatusCode::OK,
        headers: reqwest::header::HeaderMap::new(),
        body: bytes::Bytes::from(body),
        attempts: 1,
        request_id: None,
    };
    let base = start_measuring();
    let page = decode::envelope_page::<ShareObject>(&raw).expect("the page decodes");
    let held = CURRENT.load(Ordering::Relaxed).saturating_sub(base);
    assert_eq!(page.items.len(), PER_PAGE as usize);
    (raw.body.len(), held)
}

/// The peak of fetching one page with the generated client, for comparison with the stream.
async fn one_request(client: &cloudflare_resource_sharing::Client) -> usize {
    let list = client
        .resource_sharing()
        .list(ACCOUNT)
        .per_page(PER_PAGE as i64);
    let base = start_measuring();
    let page = list.send().await.expect("a page");
    assert_eq!(page.items.len(), PER_PAGE as usize);
    drop(page);
    peak_above(base)
}

/// The peak of streaming every item with the generated client, each dropped once checked.
async fn stream_all(client: &cloudflare_resource_sharing::Client, seen: &mut Seen) -> usize {
    seen.clear();
    let list = client
        .resource_sharing()
        .list(ACCOUNT)
        .per_page(PER_PAGE as i64);
    let base = start_measuring();
    let mut items = list.stream();
    let mut count = 0u64;
    while let Some(share) = items.next().await {
        let share = share.expect("an item");
        seen.record(&share);
        count += 1;
        assert!(count <= TOTAL, "the stream went past {TOTAL} items");
    }
    drop(items);
    let peak = peak_above(base);
    assert_eq!(count, TOTAL, "the stream ended early");
    peak
}

/// The peak of the usual hand-written alternative: every page fetched with reqwest, decoded with
/// serde, and its items appended to one `Vec`, until `result_info` says it was the last page.
async fn collect_all(http: &reqwest::Client, url: &str, seen: &mut Seen) -> usize {
    seen.clear();
    let base = start_measuring();
    let mut all: Vec<ShareObject> = Vec::new();
    let mut page_number = 1;
    loop {
        let page = fetch_page(http, url, page_number).await;
        let last = page.result_info["page"].as_u64() >= page.result_info["total_pages"].as_u64();
        all.extend(page.result);
        if last {
            break;
        }
        page_number += 1;
    }
    let peak = peak_above(base);
    assert_eq!(
        all.len(),
        TOTAL as usize,
        "collected the wrong number of items"
    );
    all.iter().for_each(|share| seen.record(share));
    peak
}

async fn fetch_page(http: &reqwest::Client, url: &str, page: u64) -> BaselinePage {
    let response = http
        .get(url)
        .query(&[("page", page), ("per_page", PER_PAGE)])
        .bearer_auth("token")
        .send()
        .await
        .expect("sent");
    let bytes = response.bytes().await.expect("read");
    serde_json::from_slice(&bytes).expect("decodes")
}

/// The child process that serves the pages; it ends when its parent closes its stdin.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start() -> Self {
        let exe = std::env::current_exe().expect("the bench's own path");
        let mut child = Command::new(exe)
            .env(SERVE_ENV, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("the server's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its port");
        let port = line.trim().parse().expect("a port");
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// Serves `GET …?page=n` with page `n` of the 10,000 shares (an empty page past the end), over
/// HTTP/1.1 with keep-alive, until stdin closes.
fn serve() {
    let pages: Arc<Vec<Vec<u8>>> = Arc::new(
        (1..=TOTAL.div_ceil(PER_PAGE) + 1)
            .map(|page| shares::share_page(page, PER_PAGE, TOTAL))
            .collect(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().expect("an address").port();
    println!("{port}");
    std::io::stdout().flush().expect("the port is printed");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let stream = stream.expect("a connection");
            let pages = Arc::clone(&pages);
            std::thread::spawn(move || serve_connection(stream, &pages));
        }
    });
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn serve_connection(mut stream: TcpStream, pages: &[Vec<u8>]) {
    let mut pending = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let end = loop {
            if let Some(at) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(read) => pending.extend_from_slice(&chunk[..read]),
            }
        };
        let head = String::from_utf8_lossy(&pending[..end]).into_owned();
        pending.drain(..end);
        let page = requested_page(&head).clamp(1, pages.len() as u64);
        let body = &pages[page as usize - 1];
        let header = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(header.as_bytes()).is_err() || stream.write_all(body).is_err() {
            return;
        }
    }
}

/// The `page` query parameter of a request head; 1 when there is none.
fn requested_page(head: &str) -> u64 {
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let query = target.split_once('?').map_or("", |(_, query)| query);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|page| page.parse().ok())
        .unwrap_or(1)
}
