// Building a client with either credential, and matching on typed errors.
use std::time::Duration;

use cloudflare_resource_sharing::{Client, Error};

async fn example() {
    let client = Client::builder()
        .api_email("user@example.com")
        .api_key("144c9defac04969c7bfad8efaa8ea194")
        .timeout(Duration::from_secs(10))
        .max_retries(3)
        .build()
        .expect("credentials are set");
    match client.resource_sharing().recipients().get("acct", "share", "recipient").await {
        Ok(recipient) => println!("{:?}", recipient.association_status),
        Err(Error::NotFound(error)) => println!("gone: {error}"),
        Err(error) if error.is_retryable() => println!("try later: {error}"),
        Err(error) => println!("{error}"),
    }
}

fn main() {
    let _ = example;
    let token_client = Client::builder().api_token("token").build();
    assert!(token_client.is_ok());
}
