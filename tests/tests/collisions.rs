//! The collisions fixture on the wire: a document whose every name is one the generator emits
//! itself, a Rust keyword or a prelude name still gives a client that sends and reads every
//! wire name as the document spells it, and a fake (the `testing` feature) whose accessors and
//! inputs keep them too. That the crate compiles clippy-clean is proven by its being a workspace
//! member.

use fidelity_collisions::models::{Option as Thing, String as Kind};
use futures::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server answering every request with `body`, and a bearer-token client of it.
async fn serve(body: Value) -> (MockServer, fidelity_collisions::Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = fidelity_collisions::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build_2("t0ken")
        .build()
        .expect("the test client is valid");
    (server, client)
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn query(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

#[tokio::test]
async fn every_input_keeps_its_wire_name() {
    let (server, client) =
        serve(json!({"Err": "no", "kind": "as_str", "wire": {"Ok": true}})).await;
    let mut body = Thing::new("n".into(), 1)
        .additional_properties_2("a")
        .type_("t")
        .self_("s")
        .add_2(2)
        .some("x");
    body.additional_properties.insert("extra".into(), 9);

    let result = client
        .builder_2()
        .send("c/ore", "p", 7, "me", body)
        .build_2("b")
        .send_2("s")
        .send_with_response_2("w")
        .stream_2("st")
        .options_2("o")
        .into_future_2("f")
        .body_2("q")
        .value(vec!["v1".to_owned(), "v2".to_owned()])
        .item("i")
        .add_2(3)
        .type_("ty")
        .option("h")
        .send()
        .await
        .expect("the call succeeds");

    assert_eq!(result.err.as_deref(), Some("no"));
    assert_eq!(result.kind, Some(Kind::AsStr));
    let requests = received(&server).await;
    let [request] = requests.as_slice() else {
        panic!("one request, got {}", requests.len());
    };
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/core/c%2Fore/p/7/me");
    let expected: Vec<(String, String)> = [
        ("build", "b"),
        ("send", "s"),
        ("send_with_response", "w"),
        ("stream", "st"),
        ("options", "o"),
        ("into_future", "f"),
        ("body", "q"),
        ("value", "v1"),
        ("value", "v2"),
        ("item", "i"),
        ("add", "3"),
        ("type", "ty"),
    ]
    .iter()
    .map(|(key, value)| (key.to_string(), value.to_string()))
    .collect();
    assert_eq!(query(request), expected);
    assert_eq!(
        request.headers.get("Option").map(|v| v.as_bytes()),
        Some(&b"h"[..])
    );
    let sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(
        sent,
        json!({"new": "n", "validate": 1, "additional_properties": "a", "type": "t",
               "self": "s", "add": 2, "Some": "x", "extra": 9})
    );
}

#[tokio::test]
async fn a_deprecated_alias_reads_into_its_field_beside_an_emitted_name() {
    let thing: Thing =
        serde_json::from_value(json!({"old_new": "old", "validate": 3})).expect("decodes");
    assert_eq!(thing.new_2, "old");
    assert_eq!(thing.validate_2, 3);
}

#[tokio::test]
async fn enum_values_named_like_enum_members_round_trip() {
    for (wire, kind) in [
        ("Unknown", Kind::Unknown),
        ("VALUES", Kind::Values),
        ("as_str", Kind::AsStr),
        ("unknown", Kind::Unknown2),
        ("Self", Kind::Self_),
        ("other", Kind::UnknownValue("other".into())),
    ] {
        let (server, client) = serve(json!(wire)).await;
        let got = client.from_env_2().eq_2("r").await.expect("decodes");
        assert_eq!(got, kind);
        assert_eq!(got.as_str(), wire);
        assert_eq!(
            query(&received(&server).await[0]),
            [("resources".to_owned(), "r".to_owned())]
        );
    }
}

#[tokio::test]
async fn pagination_streams_beside_parameters_named_like_locals() {
    let server = MockServer::start().await;
    for page in 1..=2 {
        Mock::given(wiremock::matchers::query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "success": true, "errors": [], "messages": [],
                "result": [{"Box": format!("b{page}"), "idx": page}],
                "result_info": {"page": page, "total_pages": 2},
            })))
            .mount(&server)
            .await;
    }
    let client = fidelity_collisions::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build_2("t0ken")
        .build()
        .expect("the test client is valid");

    let items: Vec<_> = client
        .builder_2()
        .new_2("k")
        .idx("i")
        .stream()
        .try_collect()
        .await
        .expect("two pages");

    let boxes: Vec<&str> = items.iter().map(|item| item.box_.as_str()).collect();
    assert_eq!(boxes, ["b1", "b2"]);
    for request in received(&server).await {
        assert_eq!(request.url.path(), "/core/k/things");
        assert!(query(&request).contains(&("idx".to_owned(), "i".to_owned())));
    }
}

#[tokio::test]
async fn credentials_named_like_builder_members_are_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = fidelity_collisions::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .base_url_2("key")
        .credentials_2("secret")
        .build()
        .expect("the test client is valid");

    client.core_2().client_2("x").await.expect("deleted");

    let requests = received(&server).await;
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/clients/x");
    assert_eq!(
        requests[0].headers.get("X-Base-Url").map(|v| v.as_bytes()),
        Some(&b"key"[..])
    );
    assert_eq!(
        query(&requests[0]),
        [("credentials".to_owned(), "secret".to_owned())]
    );
}

#[tokio::test]
async fn the_fake_keeps_resources_and_inputs_named_like_its_own_members() {
    let fake = fidelity_collisions::fake::Fake::new();
    fake.calls_2().assert_no_unexpected_calls().returns(());

    fake.client()
        .calls_2()
        .assert_no_unexpected_calls("d")
        .validate("v")
        .fake("f")
        .await
        .expect("the fake answers 204");

    let inputs = fake.calls_2().assert_no_unexpected_calls().calls();
    let input = &inputs[0];
    assert_eq!(input.decode, "d");
    assert_eq!(input.validate.as_deref(), Some("v"));
    assert_eq!(input.fake.as_deref(), Some("f"));
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
}
