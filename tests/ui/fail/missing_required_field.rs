// A request body cannot be built without its required fields.
use cloudflare_resource_sharing::models::{CreateShareRequest, UpdateShareRequest};

fn main() {
    let _ = CreateShareRequest::new("name".into(), Vec::new());
    let _ = UpdateShareRequest { name: "x".into() };
}
