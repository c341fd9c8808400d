// The README's usage example, verbatim inside a function, kept compiling.
async fn example() -> cloudflare_resource_sharing::Result<()> {
    use cloudflare_resource_sharing::models::{CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ResourceType, ShareStatus};
    use cloudflare_resource_sharing::Client;
    use futures::TryStreamExt;

    let client = Client::from_env()?; // CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY
    let account = "023e105f4ecef8ad9ca31a8372d0c353";
    let recipient = CreateShareRecipientRequest::default().recipient_account_id("6d4e0ffa3e9ab7d1b9e7d2e1c8a3b2f0");
    let resource = CreateShareResourceRequest::new(Default::default(), account.into(), "rule".into(), ResourceType::CustomRuleset);
    let share = client.resource_sharing().create(account, CreateShareRequest::new("WAF rules".into(), vec![recipient], vec![resource])).await?;
    let mut shares = client.resource_sharing().list(account).status(ShareStatus::Active).stream();
    while let Some(share) = shares.try_next().await? { println!("{} {}", share.id, share.name); }
    println!("created {}", share.id);
    Ok(())
}

fn main() {
    let _ = example;
}
