//! The pagination fixture (`tests/fixtures/fidelity/pagination.yaml`) on the wire.
//!
//! A `number`-typed `page` still pages, and a `cursor` parameter pages by the cursor each
//! `result_info` hands out; both streams stop on their own, whatever the server answers. A list
//! inside an object `result` pages too. Snapshots of the emitted code are in
//! `fidelity_snapshots.rs`.

use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{any, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn number_typed_page_streams_every_page_and_stops_at_the_last() {
    let server = MockServer::start().await;
    for (page, ids) in [(1, vec!["a", "b"]), (2, vec!["c"])] {
        let zones: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        let body = envelope(json!(zones), json!({"page": page, "total_pages": 2}));
        Mock::given(query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }

    let zones: Vec<_> = client(&server)
        .zones()
        .list()
        .page(1)
        .stream()
        .collect()
        .await;

    let ids: Vec<String> = zones
        .into_iter()
        .map(|zone| zone.expect("a zone").id)
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requested_queries(&server).await, ["page=1", "page=2"]);
}

#[tokio::test]
async fn cursor_stream_follows_result_info_cursor_until_none() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(bucket_page(&["one", "two"], Some("c2")))
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "c2"))
        .respond_with(bucket_page(&["three"], None))
        .mount(&server)
        .await;

    let buckets: Vec<_> = client(&server).buckets().list().stream().collect().await;

    let names: Vec<String> = buckets
        .into_iter()
        .map(|bucket| bucket.expect("a bucket").name)
        .collect();
    assert_eq!(names, ["one", "two", "three"]);
    assert_eq!(requested_queries(&server).await, ["", "cursor=c2"]);
}

#[tokio::test]
async fn cursor_stream_stops_when_the_server_hands_out_a_used_cursor() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(bucket_page(&["one"], Some("c2")))
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "c2"))
        .respond_with(bucket_page(&["two"], Some("c3")))
        .mount(&server)
        .await;
    // The third page sends the client back to the second: following it would never end.
    Mock::given(query_param("cursor", "c3"))
        .respond_with(bucket_page(&["three"], Some("c2")))
        .mount(&server)
        .await;

    let buckets: Vec<_> = client(&server).buckets().list().stream().collect().await;

    assert_eq!(buckets.len(), 3);
    assert_eq!(
        requested_queries(&server).await,
        ["", "cursor=c2", "cursor=c3"]
    );
}

#[tokio::test]
async fn one_cursor_page_reports_its_next_cursor() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(bucket_page(&["one"], Some("c2")))
        .mount(&server)
        .await;

    let page = client(&server)
        .buckets()
        .list()
        .cursor("c1")
        .await
        .expect("one page");

    assert_eq!(page.next_cursor(), Some("c2"));
    assert_eq!(requested_queries(&server).await, ["cursor=c1"]);
}

#[tokio::test]
async fn a_list_inside_the_result_object_streams_every_page() {
    let server = MockServer::start().await;
    for (page, ids) in [(1, vec!["a", "b"]), (2, vec!["c"])] {
        let events: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        let result = json!({"asn_info": [{"asn": 13335}], "events": events, "total_monitors": 3});
        let body = envelope(result, json!({"page": page, "total_pages": 2}));
        Mock::given(query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }

    let events: Vec<_> = client(&server).hijacks().list().stream().collect().await;

    let ids: Vec<String> = events
        .into_iter()
        .map(|event| event.expect("an event").id)
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requested_queries(&server).await, ["page=1", "page=2"]);
}

#[tokio::test]
async fn a_required_page_with_a_default_is_a_setter_and_streams() {
    let server = MockServer::start().await;
    for (page, ids) in [(1, vec!["a"]), (2, vec!["b"])] {
        let devices: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        let body = envelope(json!(devices), json!({"page": page, "total_pages": 2}));
        Mock::given(query_param("page", page.to_string()))
            .and(query_param("per_page", "10"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }

    let devices: Vec<_> = client(&server).devices().list(10).stream().collect().await;

    let ids: Vec<String> = devices
        .into_iter()
        .map(|device| device.expect("a device").id)
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[tokio::test]
async fn envelopes_listing_different_items_page_through_a_union_of_the_items() {
    use fidelity_pagination::models::MembershipsListResultItem as Item;

    let server = MockServer::start().await;
    let body = envelope(
        json!([{"id": "z1"}, {"name": "b1"}]),
        json!({"page": 1, "total_pages": 1}),
    );
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let items: Vec<_> = client(&server)
        .memberships()
        .list()
        .stream()
        .collect()
        .await;

    let items: Vec<Item> = items
        .into_iter()
        .map(|item| item.expect("an item"))
        .collect();
    assert!(
        matches!(&items[0], Item::Zone(zone) if zone.id == "z1"),
        "{items:?}"
    );
    assert!(
        matches!(&items[1], Item::Bucket(bucket) if bucket.name == "b1"),
        "{items:?}"
    );
}

#[tokio::test]
async fn a_bad_item_inside_the_result_object_names_its_path() {
    let server = MockServer::start().await;
    let body = envelope(
        json!({"asn_info": [], "events": [{"id": 7}]}),
        json!({"page": 1}),
    );
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let error = client(&server)
        .hijacks()
        .list()
        .send()
        .await
        .expect_err("an id must be a string");

    let message = error.to_string();
    assert!(message.contains("result.events[0].id"), "{message}");
}

fn bucket_page(names: &[&str], cursor: Option<&str>) -> ResponseTemplate {
    let buckets: Vec<_> = names.iter().map(|name| json!({"name": name})).collect();
    let info = match cursor {
        Some(cursor) => json!({"cursor": cursor, "per_page": 2}),
        None => json!({"per_page": 2}),
    };
    ResponseTemplate::new(200).set_body_json(envelope(json!(buckets), info))
}

fn envelope(result: serde_json::Value, result_info: serde_json::Value) -> serde_json::Value {
    json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": result,
        "result_info": result_info,
    })
}

async fn requested_queries(server: &MockServer) -> Vec<String> {
    let received = server.received_requests().await.expect("recording is on");
    received
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect()
}

fn client(server: &MockServer) -> fidelity_pagination::Client {
    fidelity_pagination::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("the test client is valid")
}

#[tokio::test]
async fn an_any_of_envelope_still_pages() {
    let server = MockServer::start().await;
    let body = envelope(
        json!([{"name": "owasp"}]),
        json!({"page": 1, "total_pages": 1}),
    );
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let packages: Vec<_> = client(&server).packages().list().stream().collect().await;

    let names: Vec<String> = packages
        .into_iter()
        .map(|package| package.expect("a package").name)
        .collect();
    assert_eq!(names, ["owasp"]);
    assert_eq!(requested_queries(&server).await, ["page=1"]);
}
