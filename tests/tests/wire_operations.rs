//! One HTTP round trip per operation of the generated client, against a server on loopback.
//!
//! Each test calls one method the way a user would, checks the typed value it decodes, and then
//! asserts what the server received: method, exact path, query string, headers and JSON body.
//! What happens when things go wrong (retries, timeouts, odd bodies, pagination limits) is left
//! to `wire_faults.rs`, and the seed pages' examples to `seeds.rs`.

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, Direction, Order,
    RecipientAssociationStatus, ResourceStatus, ResourceType, ShareKind, ShareStatus,
    ShareTargetType, UpdateShareRequest, UpdateShareResourceRequest,
};
use cloudflare_resource_sharing::runtime::PageInfo;
use cloudflare_resource_sharing::{Client, RequestOptions};
use serde_json::{json, Map, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "wire-operations-token";
const EMAIL: &str = "user@example.com";
const KEY: &str = "144c9defac04969c7bfad8efaa8ea194";
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const SHARE: &str = "3fd85f74b32742f1bff64a85009dda07";
const RECIPIENT: &str = "5ab0f2b2b9c34a4f8d1c4a43b9c2e1d0";
const RESOURCE: &str = "9c1f3b0e6a2d4e8f8b7a6c5d4e3f2a1b";
const TIMESTAMP: &str = "2023-09-21T18:56:32.624632Z";

/// Which credentials the client was built with, and so which headers the server must see.
#[derive(Clone, Copy, Debug)]
enum Credentials {
    Token,
    EmailAndKey,
}

/// What one request must look like on the wire.
struct Expected {
    method: &'static str,
    path: String,
    /// The raw query string, exactly as sent (order and percent-encoding included).
    query: Option<&'static str>,
    /// The JSON body; `None` means no body and no `Content-Type`.
    body: Option<Value>,
    credentials: Credentials,
}

impl Default for Expected {
    fn default() -> Self {
        Expected {
            method: "GET",
            path: String::new(),
            query: None,
            body: None,
            credentials: Credentials::Token,
        }
    }
}

// Shares.

#[tokio::test]
async fn shares_list_sends_every_filter_as_query() {
    let server = serve(page_envelope(vec![share_json()], 2, 5)).await;

    let page = client(&server, Credentials::Token)
        .resource_sharing()
        .list(ACCOUNT)
        .status(ShareStatus::Active)
        .kind(ShareKind::Sent)
        .target_type(ShareTargetType::Account)
        .resource_types(vec![
            ResourceType::CustomRuleset,
            ResourceType::GatewayPolicy,
        ])
        .order(Order::Created)
        .direction(Direction::Desc)
        .page(2)
        .per_page(20)
        .include_resources(true)
        .include_recipient_counts(true)
        .await
        .expect("the list decodes");

    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, SHARE);
    assert_eq!(page.items[0].status, ShareStatus::Active);
    assert_eq!(
        page.info,
        Some(PageInfo {
            page: Some(2),
            per_page: Some(20),
            count: Some(1),
            total_count: Some(81),
            total_pages: Some(5),
        })
    );
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares"),
            query: Some(
                "status=active&kind=sent&target_type=account\
                 &resource_types=custom-ruleset&resource_types=gateway-policy\
                 &order=created&direction=desc&page=2&per_page=20\
                 &include_resources=true&include_recipient_counts=true",
            ),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn shares_list_without_filters_sends_no_query() {
    let server = serve(page_envelope(vec![], 1, 1)).await;

    let page = client(&server, Credentials::Token)
        .resource_sharing()
        .list(ACCOUNT)
        .await
        .expect("an empty list decodes");

    assert!(page.items.is_empty());
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares"),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn shares_create_sends_the_typed_body() {
    let server = serve(envelope(share_json())).await;
    let body = CreateShareRequest::new(
        "My Shared WAF Managed Rule".to_owned(),
        vec![
            CreateShareRecipientRequest::default().recipient_account_id(RECIPIENT),
            CreateShareRecipientRequest::default().organization_id(ACCOUNT),
        ],
        vec![CreateShareResourceRequest::new(
            meta(json!({ "ruleset": "managed", "version": 3 })),
            ACCOUNT.to_owned(),
            RESOURCE.to_owned(),
            ResourceType::GatewayDestinationIp,
        )],
    );

    let share = client(&server, Credentials::Token)
        .resource_sharing()
        .create(ACCOUNT, body)
        .await
        .expect("the share decodes");

    assert_eq!(share.name, "My Shared WAF Managed Rule");
    assert_eq!(share.target_type, ShareTargetType::Account);
    check(
        &server,
        Expected {
            method: "POST",
            path: format!("/accounts/{ACCOUNT}/shares"),
            body: Some(json!({
                "name": "My Shared WAF Managed Rule",
                "recipients": [
                    { "recipient_account_id": RECIPIENT },
                    { "organization_id": ACCOUNT }
                ],
                "resources": [{
                    "meta": { "ruleset": "managed", "version": 3 },
                    "resource_account_id": ACCOUNT,
                    "resource_id": RESOURCE,
                    "resource_type": "gateway-destination-ip"
                }]
            })),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn shares_get_sends_its_include_flags() {
    let server = serve(envelope(share_json())).await;

    let share = client(&server, Credentials::Token)
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .include_resources(true)
        .include_recipient_counts(false)
        .await
        .expect("the share decodes");

    assert_eq!(share.id, SHARE);
    assert_eq!(share.associated_recipient_count, Some(10));
    let resources = share.resources.expect("resources were included");
    assert_eq!(resources[0].resource_type, ResourceType::CustomRuleset);
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}"),
            query: Some("include_resources=true&include_recipient_counts=false"),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn shares_update_puts_the_new_name() {
    let server = serve(envelope(share_json())).await;

    let share = client(&server, Credentials::Token)
        .resource_sharing()
        .update(
            ACCOUNT,
            SHARE,
            UpdateShareRequest::new("Renamed".to_owned()),
        )
        .await
        .expect("the share decodes");

    assert_eq!(share.kind, Some(ShareKind::Sent));
    check(
        &server,
        Expected {
            method: "PUT",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}"),
            body: Some(json!({ "name": "Renamed" })),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn shares_delete_sends_no_body() {
    let mut deleting = share_json();
    deleting["status"] = json!("deleting");
    let server = serve(envelope(deleting)).await;

    let share = client(&server, Credentials::Token)
        .resource_sharing()
        .delete(ACCOUNT, SHARE)
        .await
        .expect("the share decodes");

    assert_eq!(share.status, ShareStatus::Deleting);
    check(
        &server,
        Expected {
            method: "DELETE",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}"),
            ..Expected::default()
        },
    )
    .await;
}

// Recipients.

#[tokio::test]
async fn recipients_list_sends_its_query() {
    let server = serve(page_envelope(vec![recipient_json()], 3, 3)).await;

    let page = client(&server, Credentials::Token)
        .resource_sharing()
        .recipients()
        .list(ACCOUNT, SHARE)
        .include_resources(true)
        .page(3)
        .per_page(100)
        .await
        .expect("the list decodes");

    assert_eq!(page.items[0].id, RECIPIENT);
    assert_eq!(
        page.items[0].association_status,
        RecipientAssociationStatus::Associated
    );
    let resources = page.items[0]
        .resources
        .as_ref()
        .expect("resources were included");
    assert_eq!(resources[0].error, "not yet synced");
    assert!(!resources[0].terminal);
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/recipients"),
            query: Some("include_resources=true&page=3&per_page=100"),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn recipients_create_sends_the_recipient_account() {
    let server = serve(envelope(recipient_json())).await;

    let recipient = client(&server, Credentials::Token)
        .resource_sharing()
        .recipients()
        .create(
            ACCOUNT,
            SHARE,
            CreateShareRecipientRequest::default().recipient_account_id(RECIPIENT),
        )
        .await
        .expect("the recipient decodes");

    assert_eq!(recipient.account_id, RECIPIENT);
    check(
        &server,
        Expected {
            method: "POST",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/recipients"),
            body: Some(json!({ "recipient_account_id": RECIPIENT })),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn recipients_get_sends_include_resources() {
    let server = serve(envelope(recipient_json())).await;

    let recipient = client(&server, Credentials::Token)
        .resource_sharing()
        .recipients()
        .get(ACCOUNT, SHARE, RECIPIENT)
        .include_resources(false)
        .await
        .expect("the recipient decodes");

    assert_eq!(
        recipient.created.to_rfc3339(),
        "2023-09-21T18:56:32.624632+00:00"
    );
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/recipients/{RECIPIENT}"),
            query: Some("include_resources=false"),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn recipients_delete_sends_no_body() {
    let mut disassociating = recipient_json();
    disassociating["association_status"] = json!("disassociating");
    let server = serve(envelope(disassociating)).await;

    let recipient = client(&server, Credentials::Token)
        .resource_sharing()
        .recipients()
        .delete(ACCOUNT, SHARE, RECIPIENT)
        .await
        .expect("the recipient decodes");

    assert_eq!(
        recipient.association_status,
        RecipientAssociationStatus::Disassociating
    );
    check(
        &server,
        Expected {
            method: "DELETE",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/recipients/{RECIPIENT}"),
            ..Expected::default()
        },
    )
    .await;
}

// Resources.

#[tokio::test]
async fn resources_list_sends_its_filters() {
    let server = serve(page_envelope(vec![resource_json()], 1, 1)).await;

    let page = client(&server, Credentials::Token)
        .resource_sharing()
        .resources()
        .list(ACCOUNT, SHARE)
        .status(ResourceStatus::Deleted)
        .resource_type(ResourceType::IdpFederationGrant)
        .page(0)
        .per_page(0)
        .await
        .expect("the list decodes");

    assert_eq!(page.items[0].resource_version, 4);
    assert_eq!(page.items[0].status, ResourceStatus::Active);
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/resources"),
            query: Some("status=deleted&resource_type=idp-federation-grant&page=0&per_page=0"),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn resources_create_sends_the_typed_body() {
    let server = serve(envelope(resource_json())).await;
    let body = CreateShareResourceRequest::new(
        Map::new(),
        ACCOUNT.to_owned(),
        RESOURCE.to_owned(),
        ResourceType::GatewayExtendedEmailMatching,
    );

    let resource = client(&server, Credentials::Token)
        .resource_sharing()
        .resources()
        .create(ACCOUNT, SHARE, body)
        .await
        .expect("the resource decodes");

    assert_eq!(resource.id, RESOURCE);
    check(
        &server,
        Expected {
            method: "POST",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/resources"),
            body: Some(json!({
                "meta": {},
                "resource_account_id": ACCOUNT,
                "resource_id": RESOURCE,
                "resource_type": "gateway-extended-email-matching"
            })),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn resources_get_sends_no_query() {
    let server = serve(envelope(resource_json())).await;

    let resource = client(&server, Credentials::Token)
        .resource_sharing()
        .resources()
        .get(ACCOUNT, SHARE, RESOURCE)
        .await
        .expect("the resource decodes");

    assert_eq!(resource.meta, meta(json!({ "ruleset": "managed" })));
    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/resources/{RESOURCE}"),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn resources_update_puts_the_meta() {
    let server = serve(envelope(resource_json())).await;
    let body = UpdateShareResourceRequest::new(meta(json!({ "nested": { "list": [1, "two"] } })));

    let resource = client(&server, Credentials::Token)
        .resource_sharing()
        .resources()
        .update(ACCOUNT, SHARE, RESOURCE, body)
        .await
        .expect("the resource decodes");

    assert_eq!(resource.resource_account_id, ACCOUNT);
    check(
        &server,
        Expected {
            method: "PUT",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/resources/{RESOURCE}"),
            body: Some(json!({ "meta": { "nested": { "list": [1, "two"] } } })),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn resources_delete_sends_no_body() {
    let mut deleting = resource_json();
    deleting["status"] = json!("deleting");
    let server = serve(envelope(deleting)).await;

    let resource = client(&server, Credentials::Token)
        .resource_sharing()
        .resources()
        .delete(ACCOUNT, SHARE, RESOURCE)
        .await
        .expect("the resource decodes");

    assert_eq!(resource.status, ResourceStatus::Deleting);
    check(
        &server,
        Expected {
            method: "DELETE",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/resources/{RESOURCE}"),
            ..Expected::default()
        },
    )
    .await;
}

// Credentials, options and responses.

#[tokio::test]
async fn email_and_key_are_sent_instead_of_a_bearer_token() {
    let server = serve(envelope(share_json())).await;

    client(&server, Credentials::EmailAndKey)
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .await
        .expect("the share decodes");

    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}"),
            credentials: Credentials::EmailAndKey,
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn option_query_is_percent_encoded_after_the_operations_own() {
    let server = serve(page_envelope(vec![], 1, 1)).await;
    let options = RequestOptions::new()
        .query("note", "a b&c=d/é")
        .header("x-extra", "kept");

    client(&server, Credentials::Token)
        .resource_sharing()
        .resources()
        .list(ACCOUNT, SHARE)
        .per_page(5)
        .options(options)
        .await
        .expect("an empty list decodes");

    check(
        &server,
        Expected {
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/resources"),
            query: Some("per_page=5&note=a%20b%26c%3Dd%2F%C3%A9"),
            ..Expected::default()
        },
    )
    .await;
    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(
        received[0]
            .headers
            .get("x-extra")
            .map(|value| value.as_bytes()),
        Some(&b"kept"[..])
    );
}

#[tokio::test]
async fn send_with_response_keeps_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("cf-ray", "8a1b2c3d4e5f-SJC")
                .set_body_json(envelope(recipient_json())),
        )
        .mount(&server)
        .await;

    let response = client(&server, Credentials::Token)
        .resource_sharing()
        .recipients()
        .create(
            ACCOUNT,
            SHARE,
            CreateShareRecipientRequest::default().organization_id(ACCOUNT),
        )
        .send_with_response()
        .await
        .expect("201 is a success");

    assert_eq!(response.status.as_u16(), 201);
    assert_eq!(response.request_id(), Some("8a1b2c3d4e5f-SJC"));
    assert_eq!(response.value.id, RECIPIENT);
    check(
        &server,
        Expected {
            method: "POST",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/recipients"),
            body: Some(json!({ "organization_id": ACCOUNT })),
            ..Expected::default()
        },
    )
    .await;
}

// The deprecated `account_id` alias of `recipient_account_id`.

#[tokio::test]
async fn deprecated_account_id_setter_sends_recipient_account_id() {
    let server = serve(envelope(recipient_json())).await;
    #[allow(deprecated)]
    let body = CreateShareRecipientRequest::default().account_id("x");

    client(&server, Credentials::Token)
        .resource_sharing()
        .recipients()
        .create(ACCOUNT, SHARE, body)
        .await
        .expect("the recipient decodes");

    check(
        &server,
        Expected {
            method: "POST",
            path: format!("/accounts/{ACCOUNT}/shares/{SHARE}/recipients"),
            body: Some(json!({ "recipient_account_id": "x" })),
            ..Expected::default()
        },
    )
    .await;
}

#[tokio::test]
async fn deprecated_account_id_inside_a_new_share_is_renamed_on_the_wire() {
    let server = serve(envelope(share_json())).await;
    #[allow(deprecated)]
    let recipient = CreateShareRecipientRequest::default().account_id("x");
    let body = CreateShareRequest::new("Alias".to_owned(), vec![recipient], Vec::new());

    client(&server, Credentials::Token)
        .resource_sharing()
        .create(ACCOUNT, body)
        .await
        .expect("the share decodes");

    check(
        &server,
        Expected {
            method: "POST",
            path: format!("/accounts/{ACCOUNT}/shares"),
            body: Some(json!({
                "name": "Alias",
                "recipients": [{ "recipient_account_id": "x" }],
                "resources": []
            })),
            ..Expected::default()
        },
    )
    .await;
}

#[test]
fn account_id_in_json_reads_as_recipient_account_id() {
    for input in [
        json!({ "account_id": "x" }),
        json!({ "recipient_account_id": "x" }),
    ] {
        let recipient: CreateShareRecipientRequest =
            serde_json::from_value(input.clone()).expect("both names are accepted");

        assert_eq!(
            recipient.recipient_account_id.as_deref(),
            Some("x"),
            "{input}"
        );
        assert_eq!(recipient.organization_id, None);
        assert_eq!(
            serde_json::to_value(&recipient).expect("serialises"),
            json!({ "recipient_account_id": "x" })
        );
    }
}

/// A client for `server` whose requests fail fast instead of retrying.
fn client(server: &MockServer, credentials: Credentials) -> Client {
    let builder = Client::builder().base_url(server.uri()).max_retries(0);
    let builder = match credentials {
        Credentials::Token => builder.api_token(TOKEN),
        Credentials::EmailAndKey => builder.api_email(EMAIL).api_key(KEY),
    };
    builder.build().expect("the test client is valid")
}

/// A server that answers every request with 200 and `body`.
async fn serve(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// Asserts that the server received exactly one request, and that it matches `expected`.
async fn check(server: &MockServer, expected: Expected) {
    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1, "{received:?}");
    let request = &received[0];
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|value| value.to_str().expect("an ASCII header value"))
    };

    assert_eq!(request.method.as_str(), expected.method);
    assert_eq!(request.url.path(), expected.path);
    assert_eq!(request.url.query(), expected.query);
    assert_eq!(header("accept"), Some("application/json"));
    let user_agent = header("user-agent").expect("a user agent");
    assert!(
        user_agent.starts_with("cloudflare-resource-sharing/"),
        "{user_agent}"
    );
    match expected.credentials {
        Credentials::Token => {
            assert_eq!(
                header("authorization"),
                Some(format!("Bearer {TOKEN}").as_str())
            );
            assert_eq!(header("x-auth-email"), None);
            assert_eq!(header("x-auth-key"), None);
        }
        Credentials::EmailAndKey => {
            assert_eq!(header("authorization"), None);
            assert_eq!(header("x-auth-email"), Some(EMAIL));
            assert_eq!(header("x-auth-key"), Some(KEY));
        }
    }
    match expected.body {
        Some(body) => {
            assert_eq!(header("content-type"), Some("application/json"));
            let sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
            assert_eq!(sent, body);
        }
        None => {
            assert_eq!(header("content-type"), None);
            assert!(request.body.is_empty(), "{:?}", request.body);
        }
    }
}

fn envelope(result: Value) -> Value {
    json!({ "success": true, "errors": [], "messages": [], "result": result })
}

fn page_envelope(items: Vec<Value>, page: u64, total_pages: u64) -> Value {
    json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": items,
        "result_info": {
            "page": page,
            "per_page": 20,
            "count": items.len(),
            "total_count": 81,
            "total_pages": total_pages
        }
    })
}

fn meta(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("meta must be an object, got {other}"),
    }
}

fn share_json() -> Value {
    json!({
        "id": SHARE,
        "account_id": ACCOUNT,
        "account_name": "Account A",
        "created": TIMESTAMP,
        "modified": TIMESTAMP,
        "name": "My Shared WAF Managed Rule",
        "organization_id": ACCOUNT,
        "status": "active",
        "target_type": "account",
        "associated_recipient_count": 10,
        "kind": "sent",
        "resources": [resource_json()]
    })
}

fn recipient_json() -> Value {
    json!({
        "id": RECIPIENT,
        "account_id": RECIPIENT,
        "association_status": "associated",
        "created": TIMESTAMP,
        "modified": TIMESTAMP,
        "resources": [{
            "error": "not yet synced",
            "resource_id": RESOURCE,
            "resource_version": 4,
            "terminal": false
        }]
    })
}

fn resource_json() -> Value {
    json!({
        "id": RESOURCE,
        "created": TIMESTAMP,
        "meta": { "ruleset": "managed" },
        "modified": TIMESTAMP,
        "resource_account_id": ACCOUNT,
        "resource_id": RESOURCE,
        "resource_type": "custom-ruleset",
        "resource_version": 4,
        "status": "active"
    })
}
