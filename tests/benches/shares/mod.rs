//! Pages of shares for the benchmarks: the seed page's first share, repeated with distinct ids,
//! in Cloudflare's envelope with a `result_info` that places the page in the whole list.

use cloudflare_resource_sharing::models::ShareObject;
use serde::Deserialize;
use serde_json::{json, Value};

/// What a careful hand-written client would decode a list page into.
#[derive(Deserialize)]
#[allow(dead_code)] // Decoded to do the same work as the client; not every field is read.
pub struct BaselinePage {
    pub success: bool,
    pub errors: Vec<Value>,
    pub messages: Vec<Value>,
    pub result: Vec<ShareObject>,
    pub result_info: Value,
}

/// Page `page` (from 1) of a list of `total_count` shares, `per_page` to a page (a 100-item
/// page is about 80 KB). Item `n` of the whole list has the id `{n:032x}`, so ids are distinct
/// across pages; a page past the end is empty.
pub fn share_page(page: u64, per_page: u64, total_count: u64) -> Vec<u8> {
    let seed: Value = serde_json::from_str(include_str!(
        "../../fixtures/seeds/000_list_shares_response.json"
    ))
    .expect("the seed page is JSON");
    let share = &seed["result"][0];
    let first = (page - 1) * per_page;
    let items: Vec<Value> = (first..total_count.min(first + per_page))
        .map(|idx| {
            let mut item = share.clone();
            item["id"] = json!(format!("{idx:032x}"));
            item
        })
        .collect();
    let count = items.len();
    let page = json!({
        "success": true, "errors": [], "messages": [], "result": items,
        "result_info": {
            "page": page, "per_page": per_page, "count": count, "total_count": total_count,
            "total_pages": total_count.div_ceil(per_page),
        },
    });
    serde_json::to_vec(&page).expect("the page encodes")
}
