//! Form and multipart bodies on the wire (`tests/fixtures/fidelity/forms.yaml`): the exact bytes
//! a server receives, by OpenAPI's encoding defaults and the document's `encoding` overrides.
//! That Prism accepts them is checked at the end, against the same document.

use std::collections::BTreeMap;
use std::path::Path;

use fidelity_forms::models::{
    FlowCreate, FlowCreateFilter, FlowCreateMetadata, FlowCreateStatus, FlowUpdateBody,
    UploadCreate, UploadCreateMetadata,
};
use fidelity_forms::runtime::FilePart;
use fidelity_forms::{Client, Error};
use integration_tests::prism::PrismMock;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server answering every request with a flow and an upload (after `failures` immediate
/// 503s), and a client of it that retries once.
async fn serve(failures: u64) -> (MockServer, Client) {
    let server = MockServer::start().await;
    if failures > 0 {
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "0"))
            .up_to_n_times(failures)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sid": "FW1", "id": "U1"})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(1)
        .build()
        .expect("the test client is valid");
    (server, client)
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn content_type(request: &Request) -> &str {
    request
        .headers
        .get("content-type")
        .expect("a body has a content type")
        .to_str()
        .expect("the content type is text")
}

fn text(request: &Request) -> &str {
    std::str::from_utf8(&request.body).expect("the body is text")
}

fn flow() -> FlowCreate {
    let mut labels = BTreeMap::new();
    labels.insert("team".to_owned(), "core".to_owned());
    FlowCreate::new(
        "Welcome flow".to_owned(),
        FlowCreateStatus::Published,
        json!({"states": [{"name": "Trigger", "type": "trigger"}]}),
    )
    .tags(vec!["a b".to_owned(), "c&d".to_owned()])
    .channels(vec!["sms".to_owned(), "whatsapp".to_owned()])
    .ids(vec![1, 2])
    .metadata(FlowCreateMetadata::default().source("ui").priority(2))
    .filter(FlowCreateFilter::default().kind("x").since(5))
    .labels(labels)
    .enabled(true)
    .weight(1.5)
}

#[tokio::test]
async fn form_properties_follow_the_encoding_defaults_and_overrides() {
    let (server, client) = serve(0).await;
    let created = client
        .flows()
        .create(flow())
        .await
        .expect("the call succeeds");
    assert_eq!(created.sid, "FW1");

    let requests = received(&server).await;
    let [request] = requests.as_slice() else {
        panic!("one request, got {}", requests.len());
    };
    assert_eq!(content_type(request), "application/x-www-form-urlencoded");
    let expected = [
        "friendly_name=Welcome+flow",
        "status=published",
        // `{}` and objects without a style: JSON text (`contentType: application/json`).
        "definition=%7B%22states%22%3A%5B%7B%22name%22%3A%22Trigger%22%2C%22type%22%3A%22trigger%22%7D%5D%7D",
        // Arrays by default: `form`, exploded.
        "tags=a+b",
        "tags=c%26d",
        // `pipeDelimited`, not exploded.
        "channels=sms%7Cwhatsapp",
        // `form`, not exploded.
        "ids=1%2C2",
        "metadata=%7B%22source%22%3A%22ui%22%2C%22priority%22%3A2%7D",
        // `deepObject`.
        "filter%5Bkind%5D=x",
        "filter%5Bsince%5D=5",
        // `form` on an object, exploded by default: its members become pairs.
        "team=core",
        "enabled=true",
        "weight=1.5",
    ]
    .join("&");
    assert_eq!(text(request), expected);
}

#[tokio::test]
async fn a_json_document_property_holding_a_string_is_sent_as_the_string() {
    let (server, client) = serve(0).await;
    let body = FlowCreate::new("f".to_owned(), FlowCreateStatus::Draft, json!("plain"));
    client
        .flows()
        .create(body)
        .await
        .expect("the call succeeds");
    let requests = received(&server).await;
    assert_eq!(
        text(&requests[0]),
        "friendly_name=f&status=draft&definition=plain"
    );
}

#[tokio::test]
async fn an_optional_form_body_is_sent_only_when_set() {
    let (server, client) = serve(0).await;
    client
        .flows()
        .update("FW1")
        .await
        .expect("the call succeeds");
    client
        .flows()
        .update("FW1")
        .body(FlowUpdateBody::default().friendly_name("Renamed flow"))
        .await
        .expect("the call succeeds");
    let requests = received(&server).await;
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
    assert_eq!(text(&requests[1]), "friendly_name=Renamed+flow");
}

#[tokio::test]
async fn form_bodies_are_validated_before_sending() {
    let (server, client) = serve(0).await;
    let body = FlowUpdateBody::default().friendly_name("x".repeat(65));
    let error = client
        .flows()
        .update("FW1")
        .body(body)
        .await
        .expect_err("65 characters break maxLength");
    assert!(
        matches!(&error, Error::InvalidRequest { parameter, .. } if parameter == "body.friendly_name"),
        "{error:?}"
    );
    assert!(received(&server).await.is_empty());
}

fn upload() -> UploadCreate {
    let document = FilePart::new(b"%PDF-1.7".to_vec())
        .filename("q3.pdf")
        .content_type("application/pdf");
    UploadCreate::new("Q3 report".to_owned(), document)
        .preview(FilePart::new(vec![0x89, b'P', b'N', b'G']))
        .attachments(vec![
            FilePart::new(b"a".to_vec()).filename("a.txt"),
            FilePart::new(b"b".to_vec()).filename("b \"quoted\".txt"),
        ])
        .tags(vec!["x".to_owned(), "y".to_owned()])
        .metadata(UploadCreateMetadata::default().source("scanner"))
        .notes("# Title")
        .pages(3)
}

/// The body the upload must produce, for `boundary`.
fn expected_upload(boundary: &str) -> Vec<u8> {
    let part = |headers: &str, content: &[u8]| {
        let mut part = format!("--{boundary}\r\n{headers}\r\n\r\n").into_bytes();
        part.extend_from_slice(content);
        part.extend_from_slice(b"\r\n");
        part
    };
    let disposition = |name: &str| format!("Content-Disposition: form-data; name=\"{name}\"");
    [
        part(&disposition("title"), b"Q3 report"),
        part(&disposition("tags"), b"x"),
        part(&disposition("tags"), b"y"),
        part(
            &format!("{}\r\nContent-Type: application/json", disposition("metadata")),
            br#"{"source":"scanner"}"#,
        ),
        part(
            &format!("{}\r\nContent-Type: text/markdown", disposition("notes")),
            b"# Title",
        ),
        part(&disposition("pages"), b"3"),
        // Files last: the caller's content type wins; a list of types in the document does not.
        part(
            "Content-Disposition: form-data; name=\"document\"; filename=\"q3.pdf\"\r\nContent-Type: application/pdf",
            b"%PDF-1.7",
        ),
        // No content type from the caller: the document's single `contentType`.
        part(
            &format!("{}\r\nContent-Type: image/png", disposition("preview")),
            &[0x89, b'P', b'N', b'G'],
        ),
        part(
            "Content-Disposition: form-data; name=\"attachments\"; filename=\"a.txt\"\r\nContent-Type: application/octet-stream",
            b"a",
        ),
        part(
            "Content-Disposition: form-data; name=\"attachments\"; filename=\"b %22quoted%22.txt\"\r\nContent-Type: application/octet-stream",
            b"b",
        ),
        format!("--{boundary}--\r\n").into_bytes(),
    ]
    .concat()
}

#[tokio::test]
async fn multipart_bodies_send_fields_then_files_with_names_and_types() {
    let (server, client) = serve(0).await;
    let uploaded = client
        .uploads()
        .create(upload())
        .await
        .expect("the call succeeds");
    assert_eq!(uploaded.id, "U1");

    let requests = received(&server).await;
    let [request] = requests.as_slice() else {
        panic!("one request, got {}", requests.len());
    };
    let boundary = content_type(request)
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type with a boundary");
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(&expected_upload(boundary))
    );
    assert_eq!(request.body, expected_upload(boundary));
}

#[tokio::test]
async fn a_retried_multipart_request_resends_the_same_bytes() {
    let (server, client) = serve(1).await;
    client
        .uploads()
        .create(upload())
        .await
        .expect("the retry succeeds");
    let requests = received(&server).await;
    let [first, second] = requests.as_slice() else {
        panic!("two requests, got {}", requests.len());
    };
    assert_eq!(content_type(first), content_type(second));
    assert_eq!(first.body, second.body);
}

#[tokio::test]
async fn multipart_fields_are_validated_before_sending() {
    let (server, client) = serve(0).await;
    let body = UploadCreate::new("x".repeat(101), FilePart::new(Vec::new()));
    let error = client
        .uploads()
        .create(body)
        .await
        .expect_err("101 characters break maxLength");
    assert!(
        matches!(&error, Error::InvalidRequest { parameter, .. } if parameter == "body.title"),
        "{error:?}"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn the_testing_fake_reads_a_multipart_upload_back_into_its_type() {
    use fidelity_forms::fake::Fake;
    use fidelity_forms::models::Upload;

    let fake = Fake::new();
    fake.uploads()
        .create()
        .handle(|input| Ok(Upload::new(input.body.title)));
    let answer = fake
        .client()
        .uploads()
        .create(upload())
        .await
        .expect("the fake answers");

    assert_eq!(answer.id, "Q3 report");
    let sent = upload();
    let received = fake.uploads().create().calls().remove(0).body;
    // Text, list, number and JSON fields come back as they were sent...
    assert_eq!(
        (
            &received.title,
            &received.tags,
            &received.pages,
            &received.metadata,
            &received.notes
        ),
        (
            &sent.title,
            &sent.tags,
            &sent.pages,
            &sent.metadata,
            &sent.notes
        )
    );
    // ...and files keep their bytes and names, with the content type the client chose.
    assert_eq!(received.document, sent.document);
    let preview = received.preview.expect("the preview part arrives");
    assert_eq!(preview.bytes, sent.preview.expect("sent").bytes);
    assert_eq!(preview.content_type.as_deref(), Some("image/png"));
    let names: Vec<Option<String>> = received
        .attachments
        .expect("both attachments arrive")
        .into_iter()
        .map(|file| file.filename)
        .collect();
    assert_eq!(
        names,
        [
            Some("a.txt".to_owned()),
            Some("b \"quoted\".txt".to_owned())
        ]
    );
}

/// Prism reads an array or object property of these bodies only when an `encoding` entry names
/// it (and never reads repeated or JSON multipart parts), so these requests set every property
/// it can read and leave out `tags`, `metadata`, `labels` and `attachments`.
#[tokio::test]
async fn prism_accepts_a_form_and_a_multipart_request() {
    let prism = PrismMock::start(
        "forms",
        "tests/fixtures/fidelity/forms.yaml",
        Path::new(env!("CARGO_TARGET_TMPDIR")),
    )
    .await;
    let client = Client::builder()
        .base_url(prism.base_url())
        .max_retries(0)
        .build()
        .expect("the client builds");
    let flow = FlowCreate::new(
        "Welcome flow".to_owned(),
        FlowCreateStatus::Published,
        json!({"states": [{"name": "Trigger"}]}),
    )
    .channels(vec!["sms".to_owned(), "whatsapp".to_owned()])
    .ids(vec![1, 2])
    .filter(FlowCreateFilter::default().kind("x").since(5))
    .enabled(true)
    .weight(1.5);
    let upload = UploadCreate::new(
        "Q3 report".to_owned(),
        FilePart::new(b"%PDF-1.7".to_vec())
            .filename("q3.pdf")
            .content_type("application/pdf"),
    )
    .preview(FilePart::new(b"png".to_vec()).filename("p.png"))
    .notes("# Title")
    .pages(3);

    let created = client.flows().create(flow).send_with_response().await;
    let created = created.unwrap_or_else(|error| panic!("{error}\n{}", prism.log()));
    assert!(created.headers.get("sl-violations").is_none());
    let uploaded = client.uploads().create(upload).send_with_response().await;
    let uploaded = uploaded.unwrap_or_else(|error| panic!("{error}\n{}", prism.log()));
    assert!(uploaded.headers.get("sl-violations").is_none());

    // Prism does read these bodies: one that breaks the document is refused.
    let refused = reqwest::Client::new()
        .post(format!("{}/flows", prism.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("friendly_name=x&status=bogus&definition=1&channels=a")
        .send()
        .await
        .expect("Prism answers");
    assert_eq!(refused.status().as_u16(), 422);
}
