// A handler returns its own operation's output: `get` answers a share, not a recipient.
use cloudflare_resource_sharing::fake::Fake;
use cloudflare_resource_sharing::models::ShareRecipientObject;

fn register(fake: &Fake, recipient: ShareRecipientObject) {
    fake.resource_sharing().get().returns(recipient);
    fake.resource_sharing().create().handle(|_input| Ok(String::from("a share")));
}

fn main() {
    let _ = register;
}
