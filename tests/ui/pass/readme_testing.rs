// The README's "Testing your code" example, verbatim inside a function, kept compiling.
async fn example() -> Result<(), Box<dyn std::error::Error>> {
    use std::time::Duration;
    use cloudflare_resource_sharing::fake::Fake;
    use cloudflare_resource_sharing::models::{ShareObject, ShareStatus, ShareTargetType};
    use cloudflare_resource_sharing::runtime::fake::FakeError;

    let account = "023e105f4ecef8ad9ca31a8372d0c353";
    let at = "2023-09-21T18:56:32Z".parse()?;
    let share = ShareObject::new(account.into(), "Account A".into(), at, "share-1".into(), at, "WAF rules".into(), "org-1".into(), ShareStatus::Active, ShareTargetType::Account);

    let fake = Fake::new();
    fake.resource_sharing().get()
        .once(Err(FakeError::rate_limited(Duration::from_secs(1)))) // first a 429: the client waits and retries
        .returns(share.clone());
    fake.resource_sharing().list().returns(vec![share.clone(); 45]); // served 20 per page
    fake.resource_sharing().delete().fails(FakeError::status(403).error(10000, "not allowed"));

    let client = fake.client(); // give this to the code under test instead of Client::from_env()
    let fetched = client.resource_sharing().get(account, "share-1").await?;
    let first_page = client.resource_sharing().list(account).await?;
    let denied = client.resource_sharing().delete(account, "share-1").await;

    assert_eq!(fetched, share);
    assert_eq!(first_page.items.len(), 20);
    assert!(matches!(denied, Err(cloudflare_resource_sharing::Error::Forbidden(_))));
    assert_eq!(fake.calls().iter().map(|call| call.status).collect::<Vec<_>>(), [429, 200, 200, 403]);
    assert_eq!(fake.resource_sharing().get().calls()[0].share_id, "share-1");
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
    Ok(())
}

fn main() {
    let _ = example;
}
