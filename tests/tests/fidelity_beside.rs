//! The beside fixture (`tests/fixtures/fidelity/beside.yaml`) on the wire: properties beside a
//! `oneOf`/`anyOf` whose alternatives only list required properties stay one typed struct, and
//! the "one of these is required" rule is checked before anything is sent.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn add_app_with_hostnames_is_sent_typed() {
    use fidelity_beside::models::AppAddRequest;

    let body = r#"{"name":"wiki","hostnames":["wiki.example.com"]}"#;
    let server = serve(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let app = AppAddRequest::new("wiki".into()).hostnames(vec!["wiki.example.com".to_owned()]);

    let created = client(&server)
        .apps()
        .create(app.clone())
        .await
        .expect("one of the sets is present");

    assert_eq!(created, app);
    assert_eq!(received_bodies(&server).await, [body]);
}

#[tokio::test]
async fn add_app_without_hostnames_or_subnets_is_refused_before_sending() {
    use fidelity_beside::models::AppAddRequest;

    let server = serve(ResponseTemplate::new(200)).await;

    let error = client(&server)
        .apps()
        .create(AppAddRequest::new("wiki".into()))
        .await
        .expect_err("neither set is present");

    let text = error.to_string();
    assert!(
        text.contains("at least one of: `hostnames`, `ip_subnets`"),
        "{text}"
    );
    assert!(received_bodies(&server).await.is_empty());
}

#[tokio::test]
async fn config_one_of_refuses_both_and_sends_one() {
    use fidelity_beside::models::AppConfigRequest;

    let server = serve(ResponseTemplate::new(204)).await;
    let both = AppConfigRequest::default().breakout(true).priority(3);

    let error = client(&server)
        .apps()
        .update("a1", both)
        .await
        .expect_err("oneOf allows exactly one");
    client(&server)
        .apps()
        .update("a1", AppConfigRequest::default().priority(3))
        .await
        .expect("exactly one set is present");

    assert!(error.to_string().contains("exactly one of"), "{error}");
    assert_eq!(received_bodies(&server).await, [r#"{"priority":3}"#]);
}

async fn received_bodies(server: &MockServer) -> Vec<String> {
    let received = server.received_requests().await.expect("recording is on");
    received
        .iter()
        .map(|request| String::from_utf8_lossy(&request.body).into_owned())
        .collect()
}

fn client(server: &MockServer) -> fidelity_beside::Client {
    fidelity_beside::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("the test client is valid")
}

async fn serve(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn items_beside_a_one_of_keep_the_shared_properties_in_each_variant() {
    use fidelity_beside::models::{Contradiction, ListItem};

    let body = r#"{"items":[{"id":"i1","comment":"old site","source_url":"example.com/a"},{"id":"i2","url_hostname":"example.com"}],"odd":{"id":"i3","ip":"10.0.0.1"}}"#;
    let server = serve(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;

    let listed = client(&server)
        .items()
        .list()
        .await
        .expect("the items decode");

    let items = listed.items.as_deref().expect("items");
    let [ListItem::Redirect(redirect), ListItem::Hostname(hostname)] = items else {
        panic!("not a redirect then a hostname: {items:?}")
    };
    assert_eq!(
        (redirect.id.as_str(), redirect.source_url.as_str()),
        ("i1", "example.com/a")
    );
    assert_eq!(
        (hostname.id.as_str(), hostname.url_hostname.as_str()),
        ("i2", "example.com")
    );
    let odd: &Contradiction = listed.odd.as_ref().expect("the contradictory item");
    assert_eq!(odd.ip.as_deref(), Some("10.0.0.1"));
    assert_eq!(serde_json::to_string(&listed).expect("encodes"), body);
}
