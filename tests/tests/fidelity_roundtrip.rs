//! The type-fidelity fixture crates on real JSON and on the wire.
//!
//! Each fixture (`tests/fixtures/fidelity/<rule>.yaml`) proves one lowering rule. Here every rule
//! is shown on real JSON: decoding into the generated type and encoding it again gives back the
//! input, and the typed value holds what the JSON said. Operations run against a wiremock server on
//! loopback, and the tests assert what the server received (or that it received nothing).
//! What the generator emits is pinned by the snapshots in `fidelity_snapshots.rs`, not here.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client of the fixture crate `$krate` that talks to `$server` and never retries.
macro_rules! client {
    ($krate:ident, $server:expr) => {
        $krate::Client::builder()
            .base_url($server.uri())
            .max_retries(0)
            .build()
            .expect("the test client is valid")
    };
}

const TIMESTAMP: &str = "2023-09-21T18:56:32.624632Z";

// Objects.

fn widget_json() -> Value {
    json!({
        "id": "w-1",
        "name": "gear",
        "label": "front",
        "note": "handle with care",
        "secret": "s3cret",
        "dimensions": {"width": 3, "depth": 1.5},
        "foo_bar": "snake",
        "fooBar": 7,
        "foo-bar": true,
    })
}

#[test]
fn widget_with_every_field_round_trips() {
    use fidelity_objects::models::{Widget, WidgetDimensions};

    let widget: Widget = check(widget_json());

    assert_eq!(widget.id.as_deref(), Some("w-1"));
    assert_eq!(widget.name, "gear");
    assert_eq!(widget.label.as_deref(), Some("front"));
    assert_eq!(widget.note, Some(Some("handle with care".to_owned())));
    assert_eq!(widget.secret.as_deref(), Some("s3cret"));
    assert_eq!(widget.foo_bar.as_deref(), Some("snake"));
    assert_eq!(widget.foo_bar_2, Some(7));
    assert_eq!(widget.foo_bar_3, Some(true));
    let dimensions: WidgetDimensions = widget.dimensions;
    assert_eq!(dimensions, WidgetDimensions::new(3).depth(1.5));
}

#[test]
fn widget_accepts_an_unknown_field_and_drops_it() {
    use fidelity_objects::models::Widget;

    let mut input = widget_json();
    input["added_later"] = json!({"nested": [1, 2]});

    let widget: Widget = serde_json::from_value(input).expect("an unknown field is accepted");

    assert_eq!(encode(&widget), widget_json());
}

#[test]
fn widget_note_null_is_some_none_and_stays_null() {
    use fidelity_objects::models::Widget;

    let mut input = widget_json();
    input["note"] = Value::Null;

    let widget: Widget = check(input);

    assert_eq!(widget.note, Some(None));
}

#[test]
fn widget_note_absent_stays_absent() {
    use fidelity_objects::models::Widget;

    let mut input = widget_json();
    input.as_object_mut().expect("an object").remove("note");

    let widget: Widget = check(input);

    assert_eq!(widget.note, None);
}

#[test]
fn widget_label_null_round_trips() {
    use fidelity_objects::models::Widget;

    let mut input = widget_json();
    input["label"] = Value::Null;

    let widget: Widget = check(input);

    assert_eq!(widget.label, None);
}

#[tokio::test]
async fn widget_request_from_new_sends_only_what_was_set() {
    use fidelity_objects::models::{Widget, WidgetDimensions};

    let server = serve(ResponseTemplate::new(200).set_body_json(widget_json())).await;
    let body = Widget::new("gear".to_owned(), None, WidgetDimensions::new(3))
        .note(None)
        .foo_bar_3(false);

    let created = client!(fidelity_objects, server)
        .widgets()
        .create(body)
        .await
        .expect("the widget decodes");

    assert_eq!(created.id.as_deref(), Some("w-1"));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/widgets");
    assert_eq!(
        body_json(&request),
        json!({
            "name": "gear",
            "label": null,
            "note": null,
            "dimensions": {"width": 3},
            "foo-bar": false,
        })
    );
}

// Enums.

#[test]
fn order_flags_every_listed_value_round_trips() {
    use fidelity_enums::models::{Order, OrderFlagsItem, Phase};

    let order: Order = check(json!({
        "phase": "shipped",
        "flags": ["", "+1", "-1", "unknown", "2xx", "already-seen"],
    }));

    assert_eq!(order.phase, Phase::Shipped);
    assert_eq!(
        order.flags,
        [
            OrderFlagsItem::Empty,
            OrderFlagsItem::Plus1,
            OrderFlagsItem::Minus1,
            OrderFlagsItem::Unknown,
            OrderFlagsItem::V2xx,
            OrderFlagsItem::AlreadySeen,
        ]
    );
}

#[test]
fn order_unlisted_values_are_kept_as_sent() {
    use fidelity_enums::models::{Order, OrderFlagsItem, Phase};

    let order: Order = check(json!({"phase": "lost", "flags": ["3xx", "UNKNOWN"]}));

    assert_eq!(order.phase, Phase::Unknown("lost".to_owned()));
    assert_eq!(
        order.flags,
        [
            OrderFlagsItem::UnknownValue("3xx".to_owned()),
            OrderFlagsItem::UnknownValue("UNKNOWN".to_owned()),
        ]
    );
}

#[test]
fn order_flags_text_forms_agree_with_the_wire() {
    use fidelity_enums::models::OrderFlagsItem;

    assert_eq!(
        OrderFlagsItem::VALUES,
        ["", "+1", "-1", "unknown", "2xx", "already-seen"]
    );
    for &wire in OrderFlagsItem::VALUES.iter().chain(&["3xx"]) {
        let parsed: OrderFlagsItem = wire.parse().expect("parsing is infallible");
        assert_eq!(parsed.as_str(), wire);
        assert_eq!(parsed.to_string(), wire);
        assert_eq!(OrderFlagsItem::from(wire), parsed);
        assert_eq!(encode(&parsed), json!(wire));
    }
    assert_eq!("-1".parse::<OrderFlagsItem>(), Ok(OrderFlagsItem::Minus1));
    assert_eq!(
        "3xx".parse::<OrderFlagsItem>(),
        Ok(OrderFlagsItem::UnknownValue("3xx".to_owned()))
    );
}

#[tokio::test]
async fn status_enums_are_distinct_while_sort_and_direction_share_a_type() {
    use fidelity_enums::models::{ListInvoicesStatus, Sort, Status};

    let server = serve(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let client = client!(fidelity_enums, server);
    // One value of one type goes to both setters: this compiles only while they share `Sort`.
    let order = Sort::Desc;

    client
        .orders()
        .list()
        .status(Status::Open)
        .sort(order.clone())
        .await
        .expect("the orders decode");
    client
        .invoices()
        .list()
        .status(ListInvoicesStatus::Paid)
        .direction(order)
        .await
        .expect("the invoices decode");

    assert_eq!(Status::VALUES, ["open", "closed"]);
    assert_eq!(ListInvoicesStatus::VALUES, ["draft", "paid", "void"]);
    let received = server.received_requests().await.expect("recording is on");
    let sent: Vec<(&str, Option<&str>)> = received
        .iter()
        .map(|request| (request.url.path(), request.url.query()))
        .collect();
    assert_eq!(
        sent,
        [
            ("/orders", Some("status=open&sort=desc")),
            ("/invoices", Some("status=paid&direction=desc")),
        ]
    );
}

#[tokio::test]
async fn unlisted_enum_value_is_refused_before_sending() {
    let server = serve(ResponseTemplate::new(200).set_body_json(json!([]))).await;

    let result = client!(fidelity_enums, server)
        .invoices()
        .list()
        .direction("sideways")
        .await;

    let Err(fidelity_enums::Error::InvalidRequest { parameter, .. }) = result else {
        panic!("not refused: {result:?}")
    };
    assert_eq!(parameter, "direction");
    assert_nothing_sent(&server).await;
}

// Aliases.

#[test]
fn member_request_reads_deprecated_names_and_writes_new_ones() {
    use fidelity_aliases::models::MemberRequest;

    let member: MemberRequest =
        serde_json::from_value(json!({"account_id": "acc-old", "nick": "bob"}))
            .expect("the deprecated names decode");

    assert_eq!(member.member_account_id.as_deref(), Some("acc-old"));
    assert_eq!(member.nickname.as_deref(), Some("bob"));
    assert_eq!(
        encode(&member),
        json!({"member_account_id": "acc-old", "nickname": "bob"})
    );
}

#[test]
fn member_request_new_names_round_trip() {
    use fidelity_aliases::models::MemberRequest;

    let member: MemberRequest = check(json!({"member_account_id": "acc-new", "nickname": "bob"}));

    assert_eq!(member.member_account_id.as_deref(), Some("acc-new"));
    assert_eq!(member.nickname.as_deref(), Some("bob"));
}

#[test]
fn member_request_with_both_names_decodes() {
    use fidelity_aliases::models::MemberRequest;

    // A body may carry both names while an API deprecates one; the new name wins.
    let member: MemberRequest = serde_json::from_value(json!({
        "account_id": "acc-1",
        "member_account_id": "acc-1",
    }))
    .expect("both names decode");

    assert_eq!(encode(&member), json!({"member_account_id": "acc-1"}));
}

#[test]
fn member_request_deprecated_setters_write_new_names() {
    use fidelity_aliases::models::MemberRequest;

    #[allow(deprecated)]
    let member = MemberRequest::default().account_id("acc-old").nick("bob");

    assert_eq!(member.member_account_id.as_deref(), Some("acc-old"));
    assert_eq!(member.nickname.as_deref(), Some("bob"));
    assert_eq!(
        encode(&member),
        json!({"member_account_id": "acc-old", "nickname": "bob"})
    );
}

#[tokio::test]
async fn member_create_keeps_path_account_apart_from_body_account() {
    use fidelity_aliases::models::MemberRequest;

    let answer = json!({"member_account_id": "acc-body"});
    let server = serve(ResponseTemplate::new(200).set_body_json(&answer)).await;
    #[allow(deprecated)]
    let body = MemberRequest::default().account_id("acc-body");

    let member = client!(fidelity_aliases, server)
        .accounts()
        .create("acc-path", body)
        .await
        .expect("the member decodes");

    assert_eq!(member.member_account_id.as_deref(), Some("acc-body"));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/accounts/acc-path/members");
    assert_eq!(request.url.query(), None);
    assert_eq!(body_json(&request), answer);
}

// Composition.

#[test]
fn pet_cat_tag_selects_cat() {
    use fidelity_composition::models::Pet;

    let pet: Pet = check(json!({"pet_type": "cat", "lives": 9}));

    let Pet::Cat(cat) = pet else {
        panic!("not a cat: {pet:?}")
    };
    assert_eq!(cat.lives, 9);
}

#[test]
fn pet_dog_and_puppy_tags_select_dog() {
    use fidelity_composition::models::Pet;

    for tag in ["dog", "puppy"] {
        let pet: Pet = check(json!({"pet_type": tag, "good": true}));

        let Pet::Dog(dog) = pet else {
            panic!("not a dog: {pet:?}")
        };
        assert_eq!(dog.pet_type, tag);
        assert!(dog.good);
    }
}

#[test]
fn pet_unknown_tag_is_kept_as_sent() {
    use fidelity_composition::models::Pet;

    let input = json!({"pet_type": "hamster", "wheel": {"radius": 4}});

    let pet: Pet = check(input.clone());

    assert_eq!(pet, Pet::Unknown(input));
}

#[test]
fn pet_without_tag_fails_to_decode() {
    use fidelity_composition::models::Pet;

    let error = serde_json::from_value::<Pet>(json!({"lives": 9})).expect_err("no tag, no pet");

    assert!(error.to_string().contains("pet_type"), "{error}");
}

#[tokio::test]
async fn pet_get_reads_the_redefined_envelope_result_as_pet() {
    use fidelity_composition::models::Pet;

    let envelope = json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": {"pet_type": "puppy", "good": false},
    });
    let server = serve(ResponseTemplate::new(200).set_body_json(envelope)).await;

    let pet: Pet = client!(fidelity_composition, server)
        .pets()
        .get("p")
        .await
        .expect("the envelope's result decodes");

    let Pet::Dog(dog) = pet else {
        panic!("not a dog: {pet:?}")
    };
    assert_eq!(dog.pet_type, "puppy");
    assert!(!dog.good);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/pets/p");
}

#[test]
fn drawing_shape_object_and_size_integer() {
    use fidelity_composition::models::{Circle, Drawing, DrawingShape, DrawingSize};

    let drawing: Drawing = check(json!({
        "shape": {"radius": 2.5},
        "label": "wheel",
        "size": 3,
    }));

    assert_eq!(drawing.shape, DrawingShape::Circle(Circle::new(2.5)));
    assert_eq!(drawing.size, DrawingSize::Integer(3));
    let label: &String = &drawing.label;
    assert_eq!(label, "wheel");
    assert_eq!(drawing.parent, None);
}

#[test]
fn drawing_shape_string_and_size_string() {
    use fidelity_composition::models::{Drawing, DrawingShape, DrawingSize};

    let drawing: Drawing = check(json!({
        "shape": "square",
        "label": "box",
        "size": "3",
    }));

    assert_eq!(drawing.shape, DrawingShape::String("square".to_owned()));
    assert_eq!(drawing.size, DrawingSize::String("3".to_owned()));
}

#[test]
fn drawing_parent_object_round_trips() {
    use fidelity_composition::models::{Circle, Drawing};

    let drawing: Drawing = check(json!({
        "shape": "dot",
        "label": "inner",
        "size": 1,
        "parent": {"radius": 10.5},
    }));

    assert_eq!(drawing.parent, Some(Some(Circle::new(10.5))));
}

#[test]
fn drawing_parent_null_round_trips() {
    use fidelity_composition::models::Drawing;

    // `oneOf: [Circle, null]` is nullable, so an explicit null survives as `Some(None)`.
    let drawing: Drawing = check(json!({
        "shape": "dot",
        "label": "root",
        "size": 1,
        "parent": null,
    }));
    assert_eq!(drawing.parent, Some(None));
}

// Shapes.

fn thing_json() -> Value {
    json!({
        "type": "gadget",
        "ref": "refs/heads/main",
        "self": "https://example.com/things/1",
        "match": "exact",
        "2fa": true,
        "small": -5,
        "big": 9_007_199_254_740_993_i64,
        "count": 10,
        "ratio": 0.25,
        "on": false,
        "at": TIMESTAMP,
        "day": "2024-02-29",
        "uid": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "blob": "AP/7774QgA==",
        "file": "raw file contents",
        "labels": {"env": "prod", "team": "edge"},
        "meta": {"nested": {"list": [1, "two", null, false]}, "n": 1.5},
        "matrix": [[1.5, -2.25], [], [3.5]],
        "tree": {
            "name": "root",
            "next": {"name": "second", "next": {"name": "third"}},
            "children": [
                {"name": "leaf"},
                {"name": "branch", "children": [{"name": "twig", "children": []}]},
            ],
        },
        "pattern_field": "abc",
    })
}

#[test]
fn thing_with_every_field_round_trips() {
    use fidelity_shapes::models::Thing;
    use fidelity_shapes::runtime::Base64;

    let thing: Thing = check(thing_json());

    assert_eq!(
        [&thing.type_, &thing.ref_, &thing.self_, &thing.match_],
        [
            "gadget",
            "refs/heads/main",
            "https://example.com/things/1",
            "exact"
        ]
    );
    assert!(thing.n2fa);
    assert_eq!(thing.small, -5_i32);
    assert_eq!(thing.big, 9_007_199_254_740_993_i64);
    assert_eq!(thing.count, 10);
    assert_eq!(thing.ratio, 0.25);
    assert!(!thing.on);
    assert_eq!(
        thing.at,
        TIMESTAMP
            .parse::<chrono::DateTime<chrono::Utc>>()
            .expect("a timestamp")
    );
    assert_eq!(
        thing.day,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29).expect("a leap day")
    );
    assert_eq!(
        thing.uid.to_string(),
        "67e55044-10b1-426f-9247-bb680e5fe0c8"
    );
    assert_eq!(
        thing.blob,
        Base64(vec![0x00, 0xFF, 0xFB, 0xEF, 0xBE, 0x10, 0x80])
    );
    assert_eq!(thing.file, "raw file contents");
    let labels = thing.labels.expect("labels");
    assert_eq!(labels["team"], "edge");
    let meta = thing.meta.expect("meta");
    assert_eq!(meta["nested"]["list"][1], "two");
    assert_eq!(
        thing.matrix,
        Some(vec![vec![1.5, -2.25], vec![], vec![3.5]])
    );
}

#[test]
fn thing_timestamp_keeps_its_microseconds_exactly() {
    use fidelity_shapes::models::Thing;

    let thing: Thing = check(thing_json());

    assert_eq!(encode(&thing)["at"], TIMESTAMP);
    assert_eq!(thing.at.timestamp_subsec_micros(), 624_632);
}

#[test]
fn thing_bytes_travel_as_standard_base64() {
    use fidelity_shapes::runtime::Base64;

    for (bytes, text) in [
        (vec![], ""),
        (vec![0xFB], "+w=="),
        (vec![0xFB, 0xFF], "+/8="),
        (
            vec![0x00, 0xFF, 0xFB, 0xEF, 0xBE, 0x10, 0x80],
            "AP/7774QgA==",
        ),
    ] {
        let decoded: Base64 = check(json!(text));
        assert_eq!(decoded, Base64(bytes));
    }
}

#[test]
fn node_tree_several_levels_deep_round_trips() {
    use fidelity_shapes::models::Node;

    let node: Node = check(thing_json()["tree"].clone());

    let next = node.next.as_deref().expect("a second level");
    let third = next.next.as_deref().expect("a third level");
    assert_eq!(third.name, "third");
    let children = node.children.as_deref().expect("children");
    let twig = &children[1].children.as_deref().expect("grandchildren")[0];
    assert_eq!(twig.name, "twig");
    assert_eq!(twig.children.as_deref(), Some(&[][..]));
}

#[tokio::test]
async fn thing_update_sends_the_thing() {
    use fidelity_shapes::models::Thing;

    let server = serve(ResponseTemplate::new(200).set_body_json(thing_json())).await;
    let thing: Thing = serde_json::from_value(thing_json()).expect("the thing decodes");

    let updated = client!(fidelity_shapes, server)
        .things()
        .update(thing.clone())
        .await
        .expect("the thing decodes");

    assert_eq!(updated, thing);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/things");
    assert_eq!(body_json(&request), thing_json());
}

#[tokio::test]
async fn thing_small_out_of_range_is_refused_before_sending() {
    let mut thing = thing();
    thing.small = 6;

    refused(thing, "body.small").await;
}

#[tokio::test]
async fn thing_ratio_at_exclusive_maximum_is_refused_before_sending() {
    let mut thing = thing();
    thing.ratio = 1.0;

    refused(thing, "body.ratio").await;
}

#[tokio::test]
async fn thing_matrix_with_four_rows_is_refused_before_sending() {
    let mut thing = thing();
    thing.matrix = Some(vec![vec![1.0]; 4]);

    refused(thing, "body.matrix").await;
}

#[tokio::test]
async fn thing_empty_pattern_field_is_refused_before_sending() {
    let mut thing = thing();
    thing.pattern_field = Some(String::new());

    refused(thing, "body.pattern_field").await;
}

// Parameters.

#[tokio::test]
async fn record_get_sends_path_query_and_header_parameters() {
    let server = serve(ResponseTemplate::new(200).set_body_json(json!({"id": 42}))).await;
    let since = TIMESTAMP
        .parse::<chrono::DateTime<chrono::Utc>>()
        .expect("a timestamp");

    let record = client!(fidelity_parameters, server)
        .zones()
        .get("zone a/b", 9_007_199_254_740_993_i64, 50)
        .tag(vec!["env=production".to_owned(), "team a&b".to_owned()])
        .since(since)
        .x_request_tag("trace-1")
        .await
        .expect("the record decodes");

    assert_eq!(record.id, Some(42));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.path(),
        "/zones/zone%20a%2Fb/records/9007199254740993"
    );
    assert_eq!(
        request.url.query(),
        Some(
            "tag=env%3Dproduction&tag=team%20a%26b&limit=50\
             &since=2023-09-21T18%3A56%3A32.624632Z"
        )
    );
    assert_eq!(header(&request, "x-request-tag"), Some("trace-1"));
}

#[tokio::test]
async fn record_get_sends_only_required_query_when_nothing_else_is_set() {
    let server = serve(ResponseTemplate::new(200).set_body_json(json!({}))).await;

    client!(fidelity_parameters, server)
        .zones()
        .get("z1", 7, 1)
        .await
        .expect("an empty record decodes");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/zones/z1/records/7");
    assert_eq!(request.url.query(), Some("limit=1"));
    assert_eq!(header(&request, "x-request-tag"), None);
}

#[tokio::test]
async fn record_get_joins_fields_with_commas_and_escapes_commas_inside_items() {
    let server = serve(ResponseTemplate::new(200).set_body_json(json!({}))).await;

    client!(fidelity_parameters, server)
        .zones()
        .get("z1", 7, 1)
        .fields(vec!["id".to_owned(), "name".to_owned(), "a,b".to_owned()])
        .await
        .expect("an empty record decodes");

    // Delimiters stay literal commas while a comma inside an item is encoded, so `["a,b"]`
    // and `["a", "b"]` stay distinguishable on the wire.
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("fields=id,name,a%2Cb&limit=1"));
}

#[tokio::test]
async fn record_get_sends_a_list_of_enum_values_joined_and_refuses_an_unknown_one() {
    use fidelity_parameters::models::RecordGetOrderItem;
    let server = serve(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = client!(fidelity_parameters, server);

    client
        .zones()
        .get("z1", 7, 1)
        .order(vec![RecordGetOrderItem::Created, RecordGetOrderItem::Name])
        .await
        .expect("an empty record decodes");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("order=created,name&limit=1"));

    let unknown = RecordGetOrderItem::from("size");
    let result = client
        .zones()
        .get("z1", 7, 1)
        .order(vec![RecordGetOrderItem::Name, unknown])
        .await;
    let Err(fidelity_parameters::Error::InvalidRequest { parameter, message }) = result else {
        panic!("not refused: {result:?}")
    };
    assert_eq!(
        (parameter.as_str(), message.as_str()),
        ("order[1]", "`size` is not one of: name, created")
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "the refused call sent nothing"
    );
}

#[tokio::test]
async fn record_get_refuses_limit_zero_before_sending() {
    let server = serve(ResponseTemplate::new(200).set_body_json(json!({}))).await;

    let result = client!(fidelity_parameters, server)
        .zones()
        .get("z1", 7, 0)
        .await;

    let Err(fidelity_parameters::Error::InvalidRequest { parameter, .. }) = result else {
        panic!("not refused: {result:?}")
    };
    assert_eq!(parameter, "limit");
    assert_nothing_sent(&server).await;
}

// A wide resource: methods beyond the first formatting piece live in a further `impl` block.

#[tokio::test]
async fn a_method_in_a_later_impl_block_sends_its_own_request() {
    let server = serve(ResponseTemplate::new(200).set_body_json(json!({"id": "r-18"}))).await;

    let report = client!(fidelity_wide, server)
        .reports()
        .r18()
        .await
        .expect("a report");

    assert_eq!(report.id, "r-18");
    assert_eq!(only_request(&server).await.url.path(), "/reports/r18");
}

// Responses.

#[tokio::test]
async fn item_create_decodes_201_as_item() {
    let server = serve(ResponseTemplate::new(201).set_body_json(json!({"id": "i-201"}))).await;

    let response = client!(fidelity_responses, server)
        .items()
        .create()
        .send_with_response()
        .await
        .expect("a 201 decodes");

    assert_eq!(response.status.as_u16(), 201);
    assert_eq!(response.value.id, "i-201");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/items");
}

#[tokio::test]
async fn item_create_decodes_202_as_item() {
    let server = serve(ResponseTemplate::new(202).set_body_json(json!({"id": "i-202"}))).await;

    let response = client!(fidelity_responses, server)
        .items()
        .create()
        .send_with_response()
        .await
        .expect("a 202 decodes");

    assert_eq!(response.status.as_u16(), 202);
    assert_eq!(response.value.id, "i-202");
}

#[tokio::test]
async fn item_delete_204_with_empty_body_gives_unit() {
    let server = serve(ResponseTemplate::new(204)).await;

    let response = client!(fidelity_responses, server)
        .items()
        .delete("i 1")
        .send_with_response()
        .await
        .expect("a 204 decodes");

    assert_eq!(response.status.as_u16(), 204);
    let () = response.value;
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/items/i%201");
}

#[tokio::test]
async fn item_label_text_plain_gives_the_string() {
    let text = "Größe: 10 {not json}\n";
    let server = serve(ResponseTemplate::new(200).set_body_string(text)).await;

    let label: String = client!(fidelity_responses, server)
        .items()
        .label("i1")
        .await
        .expect("the text decodes");

    assert_eq!(label, text);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/items/i1/label");
}

#[tokio::test]
async fn item_label_request_accepts_text_plain() {
    let server = serve(ResponseTemplate::new(200).set_body_string("label")).await;

    client!(fidelity_responses, server)
        .items()
        .label("i1")
        .await
        .expect("the text decodes");

    // An operation whose only response is `text/plain` asks for it, not for JSON.
    let request = only_request(&server).await;
    let accept = header(&request, "accept").unwrap_or_default();
    assert!(accept.contains("text/plain"), "Accept: {accept}");
}

#[tokio::test]
async fn item_raw_octet_stream_gives_the_exact_bytes() {
    let bytes: Vec<u8> = vec![0x00, 0xFF, 0xFE, b'{', 0x80, b'\n', 0x00];
    let server =
        serve(ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"))
            .await;

    let raw = client!(fidelity_responses, server)
        .items()
        .raw("i1")
        .await
        .expect("the bytes arrive");

    assert_eq!(raw.as_ref(), bytes.as_slice());
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/items/i1/raw");
}

#[tokio::test]
async fn item_raw_request_accepts_octet_stream() {
    let server =
        serve(ResponseTemplate::new(200).set_body_raw(vec![1, 2], "application/octet-stream"))
            .await;

    client!(fidelity_responses, server)
        .items()
        .raw("i1")
        .await
        .expect("the bytes arrive");

    // As for the label, the client asks for the operation's own media type.
    let request = only_request(&server).await;
    let accept = header(&request, "accept").unwrap_or_default();
    assert!(
        accept.contains("application/octet-stream"),
        "Accept: {accept}"
    );
}

#[tokio::test]
async fn item_create_400_with_problem_is_bad_request_with_the_raw_body() {
    let problem = json!({"title": "name is missing"});
    let server = serve(ResponseTemplate::new(400).set_body_json(&problem)).await;

    let result = client!(fidelity_responses, server).items().create().await;

    let Err(fidelity_responses::Error::BadRequest(api_error)) = result else {
        panic!("not a bad request: {result:?}")
    };
    assert_eq!(api_error.status, 400);
    assert_eq!(
        serde_json::from_str::<Value>(&api_error.body).expect("the raw body is JSON"),
        problem
    );
    // The spec's `4XX` body is a model, so the error decodes typed.
    let decoded: fidelity_responses::models::Problem =
        api_error.decode_body().expect("the body decodes");
    assert_eq!(decoded.title.as_deref(), Some("name is missing"));
    assert_eq!(only_request(&server).await.url.path(), "/items");
}

#[tokio::test]
async fn item_create_503_is_a_server_error() {
    let server = serve(ResponseTemplate::new(503).set_body_string("upstream down")).await;

    let result = client!(fidelity_responses, server).items().create().await;

    let Err(fidelity_responses::Error::Server(api_error)) = result else {
        panic!("not a server error: {result:?}")
    };
    assert_eq!(api_error.status, 503);
    assert_eq!(api_error.body, "upstream down");
    assert_eq!(api_error.attempts, 1);
    assert_eq!(only_request(&server).await.url.path(), "/items");
}

// Fallbacks.

#[test]
fn odd_anything_accepts_any_json_value() {
    use fidelity_fallbacks::models::OddGetResponse;

    for anything in [
        json!(true),
        json!(-3),
        json!(2.5),
        json!("text"),
        json!([1, "two", [null]]),
        json!({"deep": {"er": [{}]}}),
    ] {
        let response: OddGetResponse = check(json!({"anything": anything}));

        assert_eq!(response.anything, Some(anything));
    }
}

#[test]
fn odd_anything_null_round_trips() {
    use fidelity_fallbacks::models::OddGetResponse;

    // A JSON null is a value `{}` allows, so it survives the round trip.
    check::<OddGetResponse>(json!({"anything": null}));
}

#[test]
fn odd_untyped_fields_are_json_values() {
    use fidelity_fallbacks::models::OddGetResponse;

    let response: OddGetResponse = check(json!({
        "not_a_string": {"a": [1, 2]},
        "strange": "a file, or not",
    }));

    let not_a_string: Option<Value> = response.not_a_string;
    let strange: Option<Value> = response.strange;
    assert_eq!(not_a_string, Some(json!({"a": [1, 2]})));
    assert_eq!(strange, Some(json!("a file, or not")));
}

#[test]
fn odd_untyped_fields_say_so_in_their_docs() {
    // The `odd` resource's models, in the module of its feature.
    let path = integration_tests::workspace_root()
        .join("tests/fixtures/fidelity/fallbacks/src/models/odd.rs");
    let models = std::fs::read_to_string(&path).expect("the fallbacks models are readable");
    let lines: Vec<&str> = models.lines().map(str::trim).collect();

    for (field, reason) in [
        (
            "not_a_string",
            "`not` schemas cannot be expressed as a Rust type.",
        ),
        ("strange", "unknown schema type `file`."),
    ] {
        let declaration = format!("pub {field}: Option<::serde_json::Value>,");
        let field_idx = lines
            .iter()
            .position(|line| *line == declaration)
            .unwrap_or_else(|| panic!("`{declaration}` not in {}", path.display()));
        // The field's doc comment is the run of `///` lines above its (possibly multi-line) attributes.
        let docs: Vec<&str> = lines[..field_idx]
            .iter()
            .rev()
            .skip_while(|line| !line.starts_with("///"))
            .take_while(|line| line.starts_with("///"))
            .copied()
            .collect();
        let untyped = format!("/// Untyped: {reason}");
        assert!(docs.contains(&untyped.as_str()), "{field}: {docs:?}");
    }
}

#[tokio::test]
async fn odd_filter_object_is_sent_as_json_text() {
    use fidelity_fallbacks::models::Filter;

    let answer = json!({"anything": [1], "not_a_string": 2, "strange": {"b": true}});
    let server = serve(ResponseTemplate::new(200).set_body_json(&answer)).await;

    let response = client!(fidelity_fallbacks, server)
        .odd()
        .list()
        .filter(Filter::default().a("x=1 & y"))
        .await
        .expect("the odd shapes decode");

    assert_eq!(encode(&response), answer);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/odd");
    assert_eq!(
        request.url.query(),
        Some("filter=%7B%22a%22%3A%22x%3D1%20%26%20y%22%7D")
    );
    let (name, value) = request.url.query_pairs().next().expect("one query pair");
    assert_eq!(name, "filter");
    assert_eq!(
        serde_json::from_str::<Value>(&value).expect("JSON text"),
        json!({"a": "x=1 & y"})
    );
}

// Helpers.

/// Decodes `json` as `T`, asserts that encoding it again gives back exactly `json`, and returns it.
fn check<T: DeserializeOwned + Serialize>(json: Value) -> T {
    let value: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|error| panic!("{json} does not decode: {error}"));
    assert_eq!(
        encode(&value),
        json,
        "the re-encoded JSON differs from the input"
    );
    value
}

fn encode<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("the value encodes")
}

/// A valid `Thing` to break one rule of.
fn thing() -> fidelity_shapes::models::Thing {
    serde_json::from_value(thing_json()).expect("the thing decodes")
}

/// Sends `thing` and asserts it is refused for `parameter` without reaching the server.
async fn refused(thing: fidelity_shapes::models::Thing, parameter: &str) {
    let server = serve(ResponseTemplate::new(200).set_body_json(thing_json())).await;

    let result = client!(fidelity_shapes, server)
        .things()
        .update(thing)
        .await;

    let Err(fidelity_shapes::Error::InvalidRequest {
        parameter: refused, ..
    }) = result
    else {
        panic!("not refused: {result:?}")
    };
    assert_eq!(refused, parameter);
    assert_nothing_sent(&server).await;
}

async fn serve(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

// Auth.

#[tokio::test]
async fn query_api_key_goes_in_the_query_and_never_into_errors() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "me"})))
        .mount(&server)
        .await;
    let client = fidelity_auth::Client::builder()
        .base_url(server.uri())
        .api_key("k&y=1")
        .build()
        .expect("a key is enough");

    client.me().list().await.expect("the answer decodes");

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=k%26y%3D1"));
    assert!(header(&request, "authorization").is_none());

    // A refused connection's error must not show the URL, which carries the key.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = closed.local_addr().expect("an address");
    drop(closed);
    let offline = fidelity_auth::Client::builder()
        .base_url(format!("http://{address}"))
        .api_key("secret-key")
        .max_retries(0)
        .build()
        .expect("builds");
    let error = offline.me().list().await.expect_err("nobody listens");
    let mut text = format!("{error} {error:?}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    assert!(!text.contains("secret-key"), "{text}");
}

#[tokio::test]
async fn basic_auth_sends_base64_user_and_password() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "me"})))
        .mount(&server)
        .await;
    let client = fidelity_auth::Client::builder()
        .base_url(server.uri())
        .basic("aladdin", "open sesame")
        .build()
        .expect("basic credentials are enough");

    client.me().list().await.expect("the answer decodes");

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert_eq!(request.url.query(), None);
}

async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1, "{received:?}");
    received.remove(0)
}

async fn assert_nothing_sent(server: &MockServer) {
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "{received:?}");
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("an ASCII header value"))
}

fn body_json(request: &Request) -> Value {
    assert_eq!(header(request, "content-type"), Some("application/json"));
    serde_json::from_slice(&request.body).expect("a JSON body")
}

// Validation through maps and unions.

#[tokio::test]
async fn values_behind_maps_and_unions_are_checked_before_sending() {
    use fidelity_validation::models::{Facet, FacetList, Hook, Note, Plan, Stage, Step, Trigger};
    use std::collections::BTreeMap;
    let server = serve(ResponseTemplate::new(204)).await;
    let client = client!(fidelity_validation, server);
    let refused = |result: fidelity_validation::Result<()>| match result {
        Err(fidelity_validation::Error::InvalidRequest { parameter, .. }) => parameter,
        other => panic!("not refused: {other:?}"),
    };

    let hook = Trigger::Hook(Hook::new("x".repeat(31)));
    let plan = Plan::new("p".to_owned()).trigger(hook);
    assert_eq!(
        refused(client.plans().create(plan).await),
        "body.trigger.url"
    );

    let stages = BTreeMap::from([("build".to_owned(), Stage::default().label("toolong"))]);
    let plan = Plan::new("p".to_owned()).stages(stages);
    assert_eq!(
        refused(client.plans().create(plan).await),
        "body.stages.build.label"
    );

    // A map of maps and a list of lists: an inner loop does not hide the outer key or index.
    let inner = BTreeMap::from([("y".to_owned(), Stage::default().label("toolong"))]);
    let plan = Plan::new("p".to_owned()).matrix(BTreeMap::from([("x".to_owned(), inner)]));
    assert_eq!(
        refused(client.plans().create(plan).await),
        "body.matrix.x.y.label"
    );
    let row = vec![Stage::default(), Stage::default().label("toolong")];
    let plan = Plan::new("p".to_owned()).grid(vec![vec![], row]);
    assert_eq!(
        refused(client.plans().create(plan).await),
        "body.grid[1][1].label"
    );

    let mut plan = Plan::new("p".to_owned());
    plan.additional_properties
        .insert("memo".to_owned(), Note::default().text(""));
    assert_eq!(refused(client.plans().create(plan).await), "body.memo.text");

    let steps = BTreeMap::from([("first".to_owned(), Step::default().order(-1))]);
    let result = client.plans().update("p1", steps).await;
    assert_eq!(refused(result), "body.first.order");

    // Through a recursive wrapper type, two levels down.
    let inner = FacetList(vec![Facet::default().key("far too long")]);
    let facets = FacetList(vec![Facet::default().key("ok").facets(inner)]);
    let plan = Plan::new("p".to_owned()).facets(facets);
    assert_eq!(
        refused(client.plans().create(plan).await),
        "body.facets[0].facets[0].key"
    );
    assert_nothing_sent(&server).await;
}
