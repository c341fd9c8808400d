// The deprecated `account_id` alias names its replacement and sunset date.
#![deny(deprecated)]

use cloudflare_resource_sharing::models::CreateShareRecipientRequest;

fn main() {
    let _ = CreateShareRecipientRequest::default().account_id("023e105f4ecef8ad9ca31a8372d0c353");
}
