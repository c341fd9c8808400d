// The README's usage example, kept compiling.
use cloudflare_resource_sharing::models::{CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ResourceType, ShareStatus};
use cloudflare_resource_sharing::{Client, RequestOptions};
use futures::TryStreamExt;

async fn example() -> cloudflare_resource_sharing::Result<()> {
    let client = Client::from_env()?; // CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY
    let account = "023e105f4ecef8ad9ca31a8372d0c353";
    let share = client
        .resource_sharing()
        .create(account, CreateShareRequest::new(
            "My Shared WAF Managed Rule".into(),
            vec![CreateShareRecipientRequest::default().recipient_account_id("6d4e0ffa3e9ab7d1b9e7d2e1c8a3b2f0")],
            vec![CreateShareResourceRequest::new(Default::default(), account.into(), "rule".into(), ResourceType::CustomRuleset)],
        ))
        .await?;
    let mut active = client.resource_sharing().list(account).status(ShareStatus::Active).stream();
    while let Some(share) = active.try_next().await? {
        println!("{} {}", share.id, share.name);
    }
    let _ = client.resource_sharing().get(account, &share.id).options(RequestOptions::new().max_retries(5)).await?;
    Ok(())
}

fn main() {
    let _ = example;
}
