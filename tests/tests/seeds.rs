//! Golden tests from the seed pages the spec was written from (`tests/fixtures/seeds/`).
//!
//! The curl example of seed 003 must be exactly the body the client sends for a new share, and
//! the example responses of seeds 000 (list) and 001 (create) must decode, through the client and
//! a loopback server, to the values the pages show and re-encode to the same JSON.
//! The fixtures are copied verbatim from the seed pages; the pages themselves stay outside the
//! repository.

use chrono::{DateTime, NaiveDate, Utc};
use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ResourceStatus,
    ResourceType, ShareKind, ShareObject, ShareStatus, ShareTargetType,
};
use cloudflare_resource_sharing::runtime::PageInfo;
use cloudflare_resource_sharing::Client;
use serde_json::{Map, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const LIST_RESPONSE: &str = include_str!("../fixtures/seeds/000_list_shares_response.json");
const CREATE_RESPONSE: &str = include_str!("../fixtures/seeds/001_create_share_response.json");
const CREATE_REQUEST: &str = include_str!("../fixtures/seeds/003_create_share_request.json");

/// The account every seed example uses.
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const EMAIL: &str = "user@example.com";
const KEY: &str = "144c9defac04969c7bfad8efaa8ea194";

#[tokio::test]
async fn seed_003_curl_body_is_what_share_create_sends() {
    let server = serve(CREATE_RESPONSE).await;
    let body = CreateShareRequest::new(
        "My Shared WAF Managed Rule".to_owned(),
        vec![CreateShareRecipientRequest::default()],
        vec![CreateShareResourceRequest::new(
            Map::new(),
            ACCOUNT.to_owned(),
            ACCOUNT.to_owned(),
            ResourceType::CustomRuleset,
        )],
    );

    client(&server)
        .resource_sharing()
        .create(ACCOUNT, body)
        .await
        .expect("the seed response decodes");

    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1);
    let request = &received[0];
    let header = |name: &str| request.headers.get(name).map(|value| value.as_bytes());
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), format!("/accounts/{ACCOUNT}/shares"));
    assert_eq!(request.url.query(), None);
    assert_eq!(header("content-type"), Some(&b"application/json"[..]));
    assert_eq!(header("x-auth-email"), Some(EMAIL.as_bytes()));
    assert_eq!(header("x-auth-key"), Some(KEY.as_bytes()));
    let sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(sent, parse(CREATE_REQUEST));
}

#[tokio::test]
async fn seed_000_list_response_decodes_to_the_shown_values() {
    let server = serve(LIST_RESPONSE).await;

    let page = client(&server)
        .resource_sharing()
        .list(ACCOUNT)
        .await
        .expect("the seed response decodes despite its sample `errors`");

    assert_eq!(
        page.info,
        Some(PageInfo {
            page: Some(1),
            per_page: Some(20),
            count: Some(1),
            total_count: Some(2000),
            total_pages: Some(50),
        })
    );
    assert_eq!(page.items.len(), 1);
    check(&page.items[0], &parse(LIST_RESPONSE)["result"][0]);
}

#[tokio::test]
async fn seed_001_create_response_decodes_to_the_shown_values() {
    let server = serve(CREATE_RESPONSE).await;
    let body = CreateShareRequest::new(
        "My Shared WAF Managed Rule".to_owned(),
        vec![CreateShareRecipientRequest::default()],
        Vec::new(),
    );

    let share = client(&server)
        .resource_sharing()
        .create(ACCOUNT, body)
        .await
        .expect("the seed response decodes despite its sample `errors`");

    check(&share, &parse(CREATE_RESPONSE)["result"]);
}

/// Asserts that `share` holds the values the seed pages show, and re-encodes to `seed_json`.
fn check(share: &ShareObject, seed_json: &Value) {
    let timestamp: DateTime<Utc> = NaiveDate::from_ymd_opt(2023, 9, 21)
        .and_then(|date| date.and_hms_micro_opt(18, 56, 32, 624_632))
        .expect("a valid date")
        .and_utc();

    assert_eq!(share.id, "3fd85f74b32742f1bff64a85009dda07");
    assert_eq!(share.account_id, ACCOUNT);
    assert_eq!(share.account_name, "Account A");
    assert_eq!(share.created, timestamp);
    assert_eq!(share.modified, timestamp);
    assert_eq!(share.name, "My Shared WAF Managed Rule");
    assert_eq!(share.organization_id, ACCOUNT);
    assert_eq!(share.status, ShareStatus::Active);
    assert_eq!(share.target_type, ShareTargetType::Account);
    assert_eq!(share.associated_recipient_count, Some(10));
    assert_eq!(share.associating_recipient_count, Some(1));
    assert_eq!(share.disassociated_recipient_count, Some(0));
    assert_eq!(share.disassociating_recipient_count, Some(0));
    assert_eq!(share.kind, Some(ShareKind::Sent));

    let resources = share
        .resources
        .as_ref()
        .expect("the seed includes resources");
    assert_eq!(resources.len(), 1);
    let resource = &resources[0];
    assert_eq!(resource.id, ACCOUNT);
    assert_eq!(resource.created, timestamp);
    assert_eq!(resource.modified, timestamp);
    assert!(resource.meta.is_empty());
    assert_eq!(resource.resource_account_id, ACCOUNT);
    assert_eq!(resource.resource_id, ACCOUNT);
    assert_eq!(resource.resource_type, ResourceType::CustomRuleset);
    assert_eq!(resource.resource_version, 0);
    assert_eq!(resource.status, ResourceStatus::Active);

    let encoded = serde_json::to_value(share).expect("a share serialises");
    assert_eq!(&encoded, seed_json);
}

/// A client with the seed pages' credentials (email and global key), failing fast.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_email(EMAIL)
        .api_key(KEY)
        .max_retries(0)
        .build()
        .expect("the test client is valid")
}

/// A server that answers every request with 200 and the seed's `body`, byte for byte.
async fn serve(body: &'static str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

fn parse(fixture: &str) -> Value {
    serde_json::from_str(fixture).expect("the fixture is JSON")
}
