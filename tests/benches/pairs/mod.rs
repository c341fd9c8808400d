//! The client-overhead pairs, each side written once: `client_overhead.rs` times them with
//! criterion and `client_instructions.rs` counts them under callgrind, so both measure the same
//! work. Each pair is ours against what a careful hand-written reqwest + serde client would do.

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ResourceType,
    ShareObject,
};
use cloudflare_resource_sharing::runtime::{decode, ApiRequest, RawResponse};
use cloudflare_resource_sharing::Client;

use crate::shares::{self, BaselinePage};

/// The account every request names.
pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// A 100-item page, the only page of its list (about 80 KB).
pub fn list_page() -> Vec<u8> {
    shares::share_page(1, 100, 100)
}

/// `body` as the client's transport hands it to decoding.
pub fn raw_response(body: &[u8]) -> RawResponse {
    RawResponse {
        status: reqwest::StatusCode::OK,
        headers: reqwest::header::HeaderMap::new(),
        body: bytes::Bytes::copy_from_slice(body),
        attempts: 1,
        request_id: None,
    }
}

/// A share with one recipient and 20 resources.
pub fn create_body() -> CreateShareRequest {
    let recipient = CreateShareRecipientRequest::default()
        .recipient_account_id("6d4e0ffa3e9ab7d1b9e7d2e1c8a3b2f0");
    let resources = (0..20)
        .map(|idx| {
            CreateShareResourceRequest::new(
                Default::default(),
                ACCOUNT.into(),
                format!("rule-{idx}"),
                ResourceType::CustomRuleset,
            )
        })
        .collect();
    CreateShareRequest::new("WAF rules".into(), vec![recipient], resources)
}

pub fn decode_ours(raw: &RawResponse) -> impl Sized {
    decode::envelope_page::<ShareObject>(raw).expect("decodes")
}

pub fn decode_baseline(raw: &RawResponse) -> BaselinePage {
    serde_json::from_slice::<BaselinePage>(&raw.body).expect("decodes")
}

pub fn encode_ours(body: &CreateShareRequest) -> ApiRequest {
    ApiRequest::new(
        reqwest::Method::POST,
        "/accounts/{account_id}/shares",
        String::new(),
    )
    .json(body)
    .expect("encodes")
}

pub fn encode_baseline(body: &CreateShareRequest) -> Vec<u8> {
    serde_json::to_vec(body).expect("encodes")
}

/// The client the round trip lists with, against the server at `base_url`.
pub fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url.to_owned())
        .api_token("token")
        .build()
        .expect("a client")
}

/// One page of shares, listed by the generated client.
pub async fn list_ours(client: &Client) -> impl Sized {
    client
        .resource_sharing()
        .list(ACCOUNT)
        .per_page(100)
        .await
        .expect("a page")
}

/// The URL the baseline lists from, made once as a hand-written client would.
pub fn list_url(base_url: &str) -> String {
    format!("{base_url}/accounts/{ACCOUNT}/shares")
}

/// One page of shares, listed with plain reqwest from `url` ([`list_url`]), and decoded.
pub async fn list_baseline(http: &reqwest::Client, url: &str) -> BaselinePage {
    let response = http
        .get(url)
        .query(&[("per_page", "100")])
        .bearer_auth("token")
        .send()
        .await
        .expect("sent");
    let bytes = response.bytes().await.expect("read");
    serde_json::from_slice::<BaselinePage>(&bytes).expect("decodes")
}
