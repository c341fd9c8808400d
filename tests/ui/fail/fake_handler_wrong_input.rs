// A handler takes its own operation's input: `get`'s input is not `create`'s.
use cloudflare_resource_sharing::fake::{resource_sharing::CreateRequest, Fake};
use cloudflare_resource_sharing::models::ShareObject;

fn register(fake: &Fake, share: ShareObject) {
    fake.resource_sharing().get().handle(move |_input: CreateRequest| Ok(share.clone()));
}

fn main() {
    let _ = register;
}
