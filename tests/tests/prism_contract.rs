//! Contract tests: the generated client against Prism, a mock server that checks every request against `spec/`.
//!
//! Prism is pinned by `tests/prism/package-lock.json` and installed by `cargo xtask test`.
//! It runs with `--errors`, so a request that breaks the spec gets an error status and an `sl-violations` header instead of a mocked success.
//! Each of the 14 operations is called with every parameter and every optional body field set, and must come back with no violation and a body that decodes into the typed result.
//! A second test sends deliberately invalid requests with plain reqwest, to prove Prism really validates; a contract test that cannot fail proves nothing.
//! The exact bytes the client sends are left to `wire_operations.rs`.

use std::path::Path;

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, Direction, Order,
    ResourceStatus, ResourceType, ShareKind, ShareStatus, ShareTargetType, UpdateShareRequest,
    UpdateShareResourceRequest,
};
use cloudflare_resource_sharing::{Client, Response};
use integration_tests::prism::PrismMock;
use serde_json::{json, Map, Value};

// Request inputs: valid for the spec (at most 32 characters) and different from the spec's
// examples, so the checks on decoded values below cannot pass by echoing the request.
const EMAIL: &str = "user@example.com";
const KEY: &str = "144c9defac04969c7bfad8efaa8ea194";
const TOKEN: &str = "prism-contract-token";
const ACCOUNT: &str = "1d5fdc9e88c8a8c4518b068cd94331fe";
const SHARE: &str = "8f6f3a2e1c0b4d9e8a7b6c5d4e3f2a10";
const RECIPIENT: &str = "5ab0f2b2b9c34a4f8d1c4a43b9c2e1d0";
const RESOURCE: &str = "9c1f3b0e6a2d4e8f8b7a6c5d4e3f2a1b";
const RECIPIENT_ACCOUNT: &str = "b1946ac92492d2347c6235b4d2611184";
const ORGANIZATION: &str = "6f1ed002ab5595859014ebf0951522d9";

// The examples in the spec that Prism builds its responses from.
const EXAMPLE_SHARE_ID: &str = "3fd85f74b32742f1bff64a85009dda07";
const EXAMPLE_RECIPIENT_ID: &str = "3fd85f74b32742f1bff64a85009dda07";
const EXAMPLE_RESOURCE_ID: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// Which of the spec's two security requirements the client satisfies.
#[derive(Clone, Copy, Debug)]
enum Credentials {
    EmailAndKey,
    Token,
}

/// A running `prism mock` on the project's spec, with the checks these tests make of its answers.
struct Prism {
    mock: PrismMock,
}

#[tokio::test]
async fn every_operation_passes_prism_validation() {
    let prism = Prism::start("every_operation").await;
    // Both security requirements, alternated so each is accepted on reads, writes and deletes.
    let email_and_key = prism.client(Credentials::EmailAndKey);
    let token = prism.client(Credentials::Token);

    // Shares.
    let page = prism.check(
        "shares-list",
        email_and_key
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
            .send_with_response()
            .await,
    );
    assert_eq!(page.items[0].id, EXAMPLE_SHARE_ID);
    assert!(
        page.info.is_some(),
        "shares-list: result_info did not decode"
    );

    let share = prism.check(
        "share-create",
        token
            .resource_sharing()
            .create(ACCOUNT, create_share_request())
            .send_with_response()
            .await,
    );
    assert_eq!(share.id, EXAMPLE_SHARE_ID);

    let share = prism.check(
        "shares-get-by-id",
        email_and_key
            .resource_sharing()
            .get(ACCOUNT, SHARE)
            .include_resources(true)
            .include_recipient_counts(true)
            .send_with_response()
            .await,
    );
    assert_eq!(share.id, EXAMPLE_SHARE_ID);

    let share = prism.check(
        "share-update",
        token
            .resource_sharing()
            .update(
                ACCOUNT,
                SHARE,
                UpdateShareRequest::new("Renamed shared ruleset".to_owned()),
            )
            .send_with_response()
            .await,
    );
    assert_eq!(share.id, EXAMPLE_SHARE_ID);

    let share = prism.check(
        "share-delete",
        email_and_key
            .resource_sharing()
            .delete(ACCOUNT, SHARE)
            .send_with_response()
            .await,
    );
    assert_eq!(share.id, EXAMPLE_SHARE_ID);

    // Recipients.
    let page = prism.check(
        "share-recipients-list",
        token
            .resource_sharing()
            .recipients()
            .list(ACCOUNT, SHARE)
            .include_resources(true)
            .page(2)
            .per_page(20)
            .send_with_response()
            .await,
    );
    assert_eq!(page.items[0].id, EXAMPLE_RECIPIENT_ID);
    assert!(
        page.info.is_some(),
        "share-recipients-list: result_info did not decode"
    );

    // The schema has no oneOf between the two targets, so both optional fields go in one body.
    let recipient = prism.check(
        "share-recipient-create",
        email_and_key
            .resource_sharing()
            .recipients()
            .create(
                ACCOUNT,
                SHARE,
                CreateShareRecipientRequest::default()
                    .recipient_account_id(RECIPIENT_ACCOUNT)
                    .organization_id(ORGANIZATION),
            )
            .send_with_response()
            .await,
    );
    assert_eq!(recipient.id, EXAMPLE_RECIPIENT_ID);

    let recipient = prism.check(
        "share-recipients-get-by-id",
        token
            .resource_sharing()
            .recipients()
            .get(ACCOUNT, SHARE, RECIPIENT)
            .include_resources(true)
            .send_with_response()
            .await,
    );
    assert_eq!(recipient.id, EXAMPLE_RECIPIENT_ID);

    let recipient = prism.check(
        "share-recipient-delete",
        email_and_key
            .resource_sharing()
            .recipients()
            .delete(ACCOUNT, SHARE, RECIPIENT)
            .send_with_response()
            .await,
    );
    assert_eq!(recipient.id, EXAMPLE_RECIPIENT_ID);

    // Resources.
    let page = prism.check(
        "share-resources-list",
        token
            .resource_sharing()
            .resources()
            .list(ACCOUNT, SHARE)
            .status(ResourceStatus::Active)
            .resource_type(ResourceType::GatewayPolicy)
            .page(2)
            .per_page(20)
            .send_with_response()
            .await,
    );
    assert_eq!(page.items[0].id, EXAMPLE_RESOURCE_ID);
    assert!(
        page.info.is_some(),
        "share-resources-list: result_info did not decode"
    );

    let resource = prism.check(
        "share-resource-create",
        email_and_key
            .resource_sharing()
            .resources()
            .create(ACCOUNT, SHARE, create_share_resource_request())
            .send_with_response()
            .await,
    );
    assert_eq!(resource.id, EXAMPLE_RESOURCE_ID);

    let resource = prism.check(
        "share-resources-get-by-id",
        token
            .resource_sharing()
            .resources()
            .get(ACCOUNT, SHARE, RESOURCE)
            .send_with_response()
            .await,
    );
    assert_eq!(resource.id, EXAMPLE_RESOURCE_ID);

    let resource = prism.check(
        "share-resource-update",
        email_and_key
            .resource_sharing()
            .resources()
            .update(
                ACCOUNT,
                SHARE,
                RESOURCE,
                UpdateShareResourceRequest::new(resource_meta()),
            )
            .send_with_response()
            .await,
    );
    assert_eq!(resource.id, EXAMPLE_RESOURCE_ID);

    let resource = prism.check(
        "share-resource-delete",
        token
            .resource_sharing()
            .resources()
            .delete(ACCOUNT, SHARE, RESOURCE)
            .send_with_response()
            .await,
    );
    assert_eq!(resource.id, EXAMPLE_RESOURCE_ID);
}

#[tokio::test]
async fn prism_reports_invalid_requests() {
    let prism = Prism::start("invalid_requests").await;
    let http = reqwest::Client::new();
    let shares_url = format!("{}/accounts/{ACCOUNT}/shares", prism.mock.base_url());

    prism
        .check_rejected(
            "per_page above the maximum of 100",
            http.get(format!("{shares_url}?per_page=1000"))
                .bearer_auth(TOKEN),
            422,
            "per_page must be <= 100",
        )
        .await;
    // The spec's default style (form, explode) sends an array as repeated keys, not joined by commas.
    prism
        .check_rejected(
            "resource_types joined by a comma",
            http.get(format!(
                "{shares_url}?resource_types=custom-ruleset,gateway-policy"
            ))
            .bearer_auth(TOKEN),
            422,
            "resource_types",
        )
        .await;
    prism
        .check_rejected(
            "a share resource without its required resource_type",
            http.post(&shares_url).bearer_auth(TOKEN).json(&json!({
                "name": "My Shared WAF Managed Rule",
                "recipients": [],
                "resources": [{
                    "meta": {},
                    "resource_account_id": ACCOUNT,
                    "resource_id": RESOURCE,
                }],
            })),
            422,
            "must have required property 'resource_type'",
        )
        .await;
    prism
        .check_rejected(
            "an email without its API key",
            http.get(&shares_url).header("X-Auth-Email", EMAIL),
            401,
            "Invalid security scheme used",
        )
        .await;
}

impl Prism {
    /// Starts Prism on the spec; its output goes to `target/tmp/prism-<name>.log`, one file per
    /// test, replaced on each run.
    async fn start(name: &str) -> Prism {
        let log_dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let mock = PrismMock::start(name, "spec/resource-sharing.openapi.yaml", log_dir).await;
        Prism { mock }
    }

    fn client(&self, credentials: Credentials) -> Client {
        let builder = Client::builder()
            .base_url(self.mock.base_url())
            // A rejected request must fail at once, not be retried.
            .max_retries(0);
        let builder = match credentials {
            Credentials::EmailAndKey => builder.api_email(EMAIL).api_key(KEY),
            Credentials::Token => builder.api_token(TOKEN),
        };
        builder.build().expect("the client builds")
    }

    /// Asserts that Prism accepted the request and that its response decoded, and returns the value.
    fn check<T>(
        &self,
        operation: &str,
        result: cloudflare_resource_sharing::Result<Response<T>>,
    ) -> T {
        let response = match result {
            Ok(response) => response,
            Err(error) => panic!(
                "{operation}: {error}\nPrism's complaints so far (full log: {}):\n{}",
                self.mock.log_path().display(),
                self.complaints()
            ),
        };
        assert_eq!(response.status, 200, "{operation}: unexpected status");
        if let Some(violations) = response.headers.get("sl-violations") {
            panic!("{operation}: Prism reported violations: {violations:?}");
        }
        response.value
    }

    /// Sends a raw request and asserts that Prism rejects it with `status` and names the problem.
    async fn check_rejected(
        &self,
        what: &str,
        request: reqwest::RequestBuilder,
        status: u16,
        violation: &str,
    ) {
        let response = request
            .send()
            .await
            .unwrap_or_else(|error| panic!("{what}: no response from Prism: {error}"));
        assert_eq!(
            response.status().as_u16(),
            status,
            "{what}: Prism did not reject the request"
        );
        let violations = response
            .headers()
            .get("sl-violations")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: Prism sent no sl-violations header"))
            .to_owned();
        assert!(
            violations.contains(violation),
            "{what}: expected a violation mentioning {violation:?}, got {violations}"
        );
    }

    /// The error lines of Prism's log, which say what it found wrong with a request.
    fn complaints(&self) -> String {
        let log = self.mock.log();
        let complaints: Vec<&str> = log.lines().filter(|line| line.contains('✖')).collect();
        match complaints.is_empty() {
            true => "(none logged yet)".to_owned(),
            false => complaints.join("\n"),
        }
    }
}

/// A share with every field set: one recipient of each kind and a resource with metadata.
fn create_share_request() -> CreateShareRequest {
    CreateShareRequest::new(
        "My Shared WAF Managed Rule".to_owned(),
        vec![
            CreateShareRecipientRequest::default().recipient_account_id(RECIPIENT_ACCOUNT),
            CreateShareRecipientRequest::default().organization_id(ORGANIZATION),
        ],
        vec![create_share_resource_request()],
    )
}

fn create_share_resource_request() -> CreateShareResourceRequest {
    CreateShareResourceRequest::new(
        resource_meta(),
        ACCOUNT.to_owned(),
        RESOURCE.to_owned(),
        ResourceType::CustomRuleset,
    )
}

fn resource_meta() -> Map<String, Value> {
    let mut meta = Map::new();
    meta.insert(
        "description".to_owned(),
        json!("shared by the contract test"),
    );
    meta
}
