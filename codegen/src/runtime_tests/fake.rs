//! The runtime half of the `testing` fake on its own: routing, the answers it makes up (404,
//! 501, 400), paging, and list parameters, with hand-written input types instead of
//! generated ones.

use std::sync::Arc;

use reqwest::Method;

use crate::runtime::fake::{FakeError, FakeInput, FakeRequest, FakeServer, Reply, Route};
use crate::runtime::{ApiRequest, Core, Error, RawResponse, RequestOptions, Result};

const ROUTES: &[Route] = &[
    Route {
        operation: "items.get",
        method: "GET",
        template: "/items/{id}",
    },
    Route {
        operation: "items.search",
        method: "GET",
        template: "/items/search",
    },
    Route {
        operation: "items.list",
        method: "GET",
        template: "/items",
    },
];

/// The path parameter `id`, which must be at most 3 characters.
#[derive(Debug, PartialEq)]
struct ItemId(String);

/// The query parameter `tags`, a comma-joined list.
#[derive(Debug, PartialEq)]
struct Tags(Option<Vec<String>>);

impl FakeInput for ItemId {
    fn read(request: &FakeRequest) -> std::result::Result<Self, FakeError> {
        request.path_param("id").map(ItemId)
    }

    fn validate(&self) -> Result<()> {
        if self.0.len() > 3 {
            return Err(Error::InvalidRequest {
                parameter: String::from("id"),
                message: String::from("is too long"),
            });
        }
        Ok(())
    }
}

impl FakeInput for Tags {
    fn read(request: &FakeRequest) -> std::result::Result<Self, FakeError> {
        request.query_list("tags", false).map(Tags)
    }
}

async fn check(
    server: &Arc<FakeServer>,
    path: &str,
    query: &[(&str, &str)],
) -> Result<RawResponse> {
    let core: Core = server.core(None).expect("a valid configuration");
    let mut request = ApiRequest::new(Method::GET, "/test", path.to_owned());
    for (name, value) in query {
        request = request.query(name, *value);
    }
    core.execute(request, &RequestOptions::new().max_retries(0))
        .await
}

fn first_message(error: &Error) -> String {
    error.api_error().expect("an API error").errors[0]
        .message
        .clone()
}

#[tokio::test]
async fn a_literal_segment_wins_over_a_parameter() {
    let server = FakeServer::new(ROUTES);
    server
        .operation::<ItemId, String>("items.get", Reply::envelope(200))
        .returns(String::from("by id"));

    let error = check(&server, "/items/search", &[])
        .await
        .expect_err("search has no handler");

    assert_eq!(error.status(), Some(501));
    assert!(first_message(&error).contains("items.search"), "{error:?}");
    assert_eq!(server.calls()[0].operation, Some("items.search"));
}

#[tokio::test]
async fn a_path_of_no_operation_is_404_and_unexpected() {
    let server = FakeServer::new(ROUTES);

    let error = check(&server, "/nowhere", &[])
        .await
        .expect_err("no such path");

    assert_eq!(error.status(), Some(404));
    assert!(first_message(&error).contains("/nowhere"), "{error:?}");
    assert!(!server.calls()[0].handled);
}

#[tokio::test]
async fn decoding_failures_answer_400_and_skip_the_handler() {
    let server = FakeServer::new(ROUTES);
    let operation = server.operation("items.get", Reply::envelope(200));
    operation.handle(|ItemId(id)| Ok(format!("item {id}")));

    let ok = check(&server, "/items/a%20b", &[])
        .await
        .expect("a short id");
    let error = check(&server, "/items/long-id", &[])
        .await
        .expect_err("a long id");

    assert_eq!(
        &ok.body[..],
        br#"{"success":true,"errors":[],"messages":[],"result":"item a b"}"#
    );
    assert_eq!(error.status(), Some(400));
    assert_eq!(operation.calls(), [ItemId(String::from("a b"))]);
}

#[tokio::test]
async fn a_list_is_served_page_by_page_and_comma_lists_split_before_decoding() {
    let server = FakeServer::new(ROUTES);
    let operation = server.operation::<Tags, Vec<u32>>("items.list", Reply::page("page", 200));
    operation.returns((1..=5).collect());
    let list = ApiRequest::new(Method::GET, "/items", "/items".to_owned())
        .query_list("tags", ["a,b", "c"])
        .query("page", "3")
        .query("per_page", "2");
    let core = server.core(None).expect("a valid configuration");

    let raw = core
        .execute(list, &RequestOptions::new())
        .await
        .expect("a page");

    let body: serde_json::Value = serde_json::from_slice(&raw.body).expect("JSON");
    assert_eq!(body["result"], serde_json::json!([5]));
    assert_eq!(body["result_info"]["total_pages"], 3);
    assert_eq!(
        operation.calls(),
        [Tags(Some(vec!["a,b".to_owned(), "c".to_owned()]))]
    );
}

#[tokio::test]
async fn a_list_inside_the_result_object_is_served_inside_it() {
    let server = FakeServer::new(ROUTES);
    server
        .operation::<Tags, Vec<u32>>("items.search", Reply::page_in("page", "images", 200))
        .returns((1..=3).collect());

    let raw = check(
        &server,
        "/items/search",
        &[("page", "2"), ("per_page", "2")],
    )
    .await
    .expect("a page");

    let body: serde_json::Value = serde_json::from_slice(&raw.body).expect("JSON");
    assert_eq!(body["result"], serde_json::json!({"images": [3]}));
    assert_eq!(body["result_info"]["page"], 2);
}
