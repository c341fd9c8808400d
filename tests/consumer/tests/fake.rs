//! Tests of `consumer` written as a user of `cloudflare-resource-sharing` writes them: with the
//! crate's `testing` fake and its public API only, no HTTP server and no hand-written JSON.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use chrono::{DateTime, Utc};
use cloudflare_resource_sharing::fake::Fake;
use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareResourceRequest, RecipientAssociationStatus,
    ResourceStatus, ResourceType, ShareObject, ShareRecipientObject, ShareResourceObject,
    ShareStatus, ShareTargetType, UpdateShareRequest, UpdateShareResourceRequest,
};
use cloudflare_resource_sharing::runtime::fake::FakeError;
use cloudflare_resource_sharing::runtime::ApiRequest;
use cloudflare_resource_sharing::{Error, RequestOptions};
use consumer::ShareService;
use futures::TryStreamExt;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const SHARE: &str = "3fd85f74b32742f1bff64a85009dda07";
const RECIPIENT: &str = "3fd85f74b32742f1bff64a85009dda08";
const RESOURCE: &str = "3fd85f74b32742f1bff64a85009dda09";

// Shares: all five operations.

#[tokio::test]
async fn share_service_creates_a_share_and_the_fake_sees_the_typed_body() {
    let fake = Fake::new();
    fake.resource_sharing()
        .create()
        .handle(|input| Ok(share(SHARE, &input.body.name)));
    let service = ShareService::new(fake.client(), ACCOUNT);

    let id = service
        .share_with("rules", "recipient-account", ruleset())
        .await
        .unwrap();

    assert_eq!(id, SHARE);
    let calls = fake.resource_sharing().create().calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].account_id, ACCOUNT);
    assert_eq!(calls[0].body.name, "rules");
    assert_eq!(
        calls[0].body.recipients[0].recipient_account_id.as_deref(),
        Some("recipient-account")
    );
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
}

#[tokio::test]
async fn get_update_and_delete_a_share() {
    let fake = Fake::new();
    let shares = fake.resource_sharing();
    shares.get().handle(|input| {
        assert_eq!(input.include_resources, Some(true));
        Ok(share(&input.share_id, "fetched"))
    });
    shares
        .update()
        .handle(|input| Ok(share(&input.share_id, &input.body.name)));
    // Required fields are public: a value built with `new` is changed like any struct.
    let mut deleting = share(SHARE, "gone");
    deleting.status = ShareStatus::Deleting;
    shares.delete().returns(deleting);
    let client = fake.client();

    let fetched = client
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .include_resources(true)
        .await
        .unwrap();
    let updated = client
        .resource_sharing()
        .update(ACCOUNT, SHARE, UpdateShareRequest::new("renamed".into()))
        .await
        .unwrap();
    let deleted = client
        .resource_sharing()
        .delete(ACCOUNT, SHARE)
        .await
        .unwrap();

    assert_eq!(fetched.name, "fetched");
    assert_eq!(updated.name, "renamed");
    assert_eq!(deleted.status, ShareStatus::Deleting);
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
}

#[tokio::test]
async fn listing_active_shares_streams_three_pages() {
    let fake = Fake::new();
    fake.resource_sharing().list().handle(|input| {
        assert_eq!(input.status, Some(ShareStatus::Active));
        Ok((1..=5)
            .map(|n| share(SHARE, &format!("share {n}")))
            .collect())
    });
    let service = ShareService::new(fake.client(), ACCOUNT);

    let names = service.active_share_names(2).await.unwrap();

    assert_eq!(
        names,
        ["share 1", "share 2", "share 3", "share 4", "share 5"]
    );
    let pages: Vec<Option<i64>> = fake
        .resource_sharing()
        .list()
        .calls()
        .iter()
        .map(|input| input.page)
        .collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);
}

// Recipients: all four operations.

#[tokio::test]
async fn recipients_list_create_get_and_delete() {
    let fake = Fake::new();
    let recipients = fake.resource_sharing().recipients();
    recipients
        .list()
        .returns(vec![recipient(RECIPIENT), recipient("second")]);
    recipients.create().handle(|input| {
        let account = input.body.recipient_account_id.unwrap_or_default();
        Ok(recipient(&account))
    });
    recipients
        .get()
        .handle(|input| Ok(recipient(&input.recipient_id)));
    let mut leaving = recipient(RECIPIENT);
    leaving.association_status = RecipientAssociationStatus::Disassociating;
    recipients.delete().returns(leaving);
    let client = fake.client();
    let api = client.resource_sharing().recipients();

    let listed: Vec<ShareRecipientObject> = api
        .list(ACCOUNT, SHARE)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let created = api
        .create(
            ACCOUNT,
            SHARE,
            CreateShareRecipientRequest::default().recipient_account_id("new-account"),
        )
        .await
        .unwrap();
    let fetched = api.get(ACCOUNT, SHARE, RECIPIENT).await.unwrap();
    let deleted = api.delete(ACCOUNT, SHARE, RECIPIENT).await.unwrap();

    assert_eq!(listed.len(), 2);
    assert_eq!(created.account_id, "new-account");
    assert_eq!(fetched.id, RECIPIENT);
    assert_eq!(
        deleted.association_status,
        RecipientAssociationStatus::Disassociating
    );
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
}

// Resources: all five operations.

#[tokio::test]
async fn resources_list_create_get_update_and_delete() {
    let fake = Fake::new();
    let resources = fake.resource_sharing().resources();
    resources.list().handle(|input| {
        assert_eq!(input.resource_type, Some(ResourceType::CustomRuleset));
        Ok(vec![resource(RESOURCE)])
    });
    resources
        .create()
        .handle(|input| Ok(resource(&input.body.resource_id)));
    resources
        .get()
        .handle(|input| Ok(resource(&input.resource_id)));
    resources.update().handle(|input| {
        let mut updated = resource(&input.resource_id);
        updated.meta = input.body.meta;
        Ok(updated)
    });
    let mut deleting = resource(RESOURCE);
    deleting.status = ResourceStatus::Deleting;
    resources.delete().returns(deleting);
    let client = fake.client();
    let api = client.resource_sharing().resources();

    let listed = api
        .list(ACCOUNT, SHARE)
        .resource_type(ResourceType::CustomRuleset)
        .await
        .unwrap();
    let created = api.create(ACCOUNT, SHARE, ruleset()).await.unwrap();
    let fetched = api.get(ACCOUNT, SHARE, RESOURCE).await.unwrap();
    let meta = serde_json::Map::from_iter([("note".to_owned(), serde_json::json!("updated"))]);
    let updated = api
        .update(
            ACCOUNT,
            SHARE,
            RESOURCE,
            UpdateShareResourceRequest::new(meta.clone()),
        )
        .await
        .unwrap();
    let deleted = api.delete(ACCOUNT, SHARE, RESOURCE).await.unwrap();

    assert_eq!(listed.items.len(), 1);
    assert_eq!(created.resource_id, "ruleset-1");
    assert_eq!(fetched.id, RESOURCE);
    assert_eq!(updated.meta, meta);
    assert_eq!(deleted.status, ResourceStatus::Deleting);
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
}

// Errors, retries and the fake's own checks.

#[tokio::test(start_paused = true)]
async fn a_429_is_retried_after_its_retry_after_and_both_attempts_are_recorded() {
    let fake = Fake::new();
    fake.resource_sharing()
        .get()
        .once(Err(FakeError::rate_limited(Duration::from_secs(2))))
        .returns(share(SHARE, "after the wait"));
    let started = tokio::time::Instant::now();

    let fetched = fake
        .client()
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(fetched.into_inner().name, "after the wait");
    let statuses: Vec<u16> = fake.calls().iter().map(|call| call.status).collect();
    assert_eq!(statuses, [429, 200]);
    // The client waited as the answer asked (the clock is tokio's paused one).
    assert!(started.elapsed() >= Duration::from_secs(2));
}

#[tokio::test]
async fn success_false_is_an_unsuccessful_error() {
    let fake = Fake::new();
    fake.resource_sharing()
        .delete()
        .fails(FakeError::unsuccessful(1002, "share is locked"));

    let error = fake
        .client()
        .resource_sharing()
        .delete(ACCOUNT, SHARE)
        .await
        .unwrap_err();

    let Error::Unsuccessful(api_error) = &error else {
        panic!("expected Unsuccessful, got {error:?}");
    };
    assert_eq!(api_error.status, 200);
    assert_eq!(api_error.errors[0].code, Some(1002));
    assert_eq!(api_error.errors[0].message, "share is locked");
}

#[tokio::test]
async fn a_404_with_envelope_errors_makes_exists_false() {
    let fake = Fake::new();
    fake.resource_sharing()
        .get()
        .fails(FakeError::status(404).error(1003, "share not found"));
    let service = ShareService::new(fake.client(), ACCOUNT);

    assert!(!service.exists(SHARE).await.unwrap());
}

#[tokio::test]
async fn a_request_breaking_the_documents_constraints_is_rejected_with_400() {
    let fake = Fake::new();
    fake.resource_sharing().get().returns(share(SHARE, "never"));
    fake.resource_sharing()
        .create()
        .returns(share(SHARE, "never"));
    let client = fake.client();
    // The client checks its inputs before sending, so only a hand-built request can break them.
    let too_long = "a".repeat(33);
    let get = ApiRequest::new(
        reqwest::Method::GET,
        "/accounts/{account_id}/shares/{share_id}",
        format!("/accounts/{too_long}/shares/{SHARE}"),
    );
    let create = ApiRequest::new(
        reqwest::Method::POST,
        "/accounts/{account_id}/shares",
        format!("/accounts/{ACCOUNT}/shares"),
    )
    .body("application/json", br#"{"name": 7}"#.to_vec());

    let get_error = client
        .core()
        .execute(get, &RequestOptions::new())
        .await
        .unwrap_err();
    let create_error = client
        .core()
        .execute(create, &RequestOptions::new())
        .await
        .unwrap_err();

    let Error::BadRequest(get_error) = get_error else {
        panic!("expected BadRequest, got {get_error:?}");
    };
    assert!(
        get_error.errors[0].message.contains("account_id"),
        "{get_error:?}"
    );
    let Error::BadRequest(create_error) = create_error else {
        panic!("expected BadRequest, got {create_error:?}");
    };
    assert!(
        create_error.errors[0].message.contains("body"),
        "{create_error:?}"
    );
    // Rejected calls are recorded, and the handlers never ran.
    assert_eq!(fake.calls().len(), 2);
    assert!(fake.resource_sharing().get().calls().is_empty());
}

#[tokio::test]
async fn an_unregistered_operation_answers_501_naming_it() {
    let fake = Fake::new();
    fake.resource_sharing()
        .get()
        .returns(share(SHARE, "registered"));

    let error = fake
        .client()
        .resource_sharing()
        .recipients()
        .list(ACCOUNT, SHARE)
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(501));
    let message = &error.api_error().unwrap().errors[0].message;
    assert!(
        message.contains("resource_sharing.recipients.list"),
        "{message}"
    );
    let unexpected = panic_message(|| fake.assert_no_unexpected_calls());
    assert!(
        unexpected.contains("resource_sharing.recipients.list"),
        "{unexpected}"
    );
    let uncalled = panic_message(|| fake.assert_all_called());
    assert!(uncalled.contains("resource_sharing.get"), "{uncalled}");
}

#[tokio::test(start_paused = true)]
async fn a_slow_answer_runs_into_the_clients_timeout() {
    let fake = Fake::new();
    fake.resource_sharing()
        .get()
        .delay(Duration::from_secs(30))
        .returns(share(SHARE, "too late"));
    let options = RequestOptions::new()
        .timeout(Duration::from_secs(1))
        .max_retries(1);

    let error = fake
        .client()
        .resource_sharing()
        .get(ACCOUNT, SHARE)
        .options(options)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout { attempts: 2 }), "{error:?}");
}

fn share(id: &str, name: &str) -> ShareObject {
    ShareObject::new(
        ACCOUNT.into(),
        "Account A".into(),
        at(),
        id.into(),
        at(),
        name.into(),
        "023e105f4ecef8ad9ca31a8372d0c354".into(),
        ShareStatus::Active,
        ShareTargetType::Account,
    )
}

fn recipient(account_id: &str) -> ShareRecipientObject {
    ShareRecipientObject::new(
        account_id.into(),
        RecipientAssociationStatus::Associated,
        at(),
        account_id.into(),
        at(),
    )
}

fn resource(id: &str) -> ShareResourceObject {
    ShareResourceObject::new(
        at(),
        id.into(),
        serde_json::Map::new(),
        at(),
        ACCOUNT.into(),
        "ruleset-1".into(),
        ResourceType::CustomRuleset,
        1,
        ResourceStatus::Active,
    )
}

fn ruleset() -> CreateShareResourceRequest {
    CreateShareResourceRequest::new(
        serde_json::Map::new(),
        ACCOUNT.into(),
        "ruleset-1".into(),
        ResourceType::CustomRuleset,
    )
}

fn at() -> DateTime<Utc> {
    "2023-09-21T18:56:32.624632Z".parse().unwrap()
}

/// What `check` panicked with; the assertions of the fake are meant to fail tests loudly.
fn panic_message(check: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(check)).unwrap_err();
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|message| (*message).to_owned())
            .unwrap_or_default(),
    }
}
