// A required path parameter cannot be left out.
use cloudflare_resource_sharing::Client;

fn main() {
    let client = Client::builder().api_token("token").build().unwrap();
    let _ = client.resource_sharing().get("023e105f4ecef8ad9ca31a8372d0c353");
}
