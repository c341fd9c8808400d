//! The `testing` fake on fixture crates other than the project's client, so it is shown to be
//! general: unions and nullable unions (composition), open enums in queries and results (enums),
//! and path, query, list and header parameters with their constraints (parameters).
//!
//! Each test registers a typed answer, calls through the fake's client, and asserts the typed
//! inputs the fake decoded; what the generator emits is pinned by the snapshots, not here.

use chrono::{DateTime, Utc};
use reqwest::Method;

const TIMESTAMP: &str = "2023-09-21T18:56:32.624632Z";

// Composition.

#[tokio::test]
async fn composition_union_results_and_bodies_cross_the_fake_typed() {
    use fidelity_composition::fake::Fake;
    use fidelity_composition::models::{Circle, Dog, Drawing, DrawingShape, DrawingSize, Pet};

    let fake = Fake::new();
    fake.pets()
        .get()
        .handle(|input| Ok(Pet::Dog(Dog::new(input.pet_id, true))));
    fake.shapes().create().handle(|input| Ok(input.body));
    let client = fake.client();
    let drawing = Drawing::new(
        DrawingShape::Circle(Circle::new(2.5)),
        "wheel".to_owned(),
        DrawingSize::Integer(3),
    )
    .parent(None);

    let pet = client.pets().get("puppy").await.expect("the fake answers");
    let echoed = client
        .shapes()
        .create(drawing.clone())
        .await
        .expect("the fake echoes the drawing");

    assert_eq!(pet, Pet::Dog(Dog::new("puppy".to_owned(), true)));
    assert_eq!(echoed, drawing);
    assert_eq!(fake.shapes().create().calls()[0].body.parent, Some(None));
    fake.assert_all_called();
    fake.assert_no_unexpected_calls();
}

// Enums.

#[tokio::test]
async fn enums_in_queries_decode_to_the_same_types_the_client_sent() {
    use fidelity_enums::fake::Fake;
    use fidelity_enums::models::{ListInvoicesStatus, Order, OrderFlagsItem, Phase, Sort, Status};

    let fake = Fake::new();
    fake.orders().list().returns(vec![Order::new(
        Phase::Unknown("lost".to_owned()),
        vec![OrderFlagsItem::Plus1, OrderFlagsItem::Empty],
    )]);
    fake.invoices().list().returns(vec!["inv-1".to_owned()]);
    let client = fake.client();

    let orders = client
        .orders()
        .list()
        .status(Status::Open)
        .sort(Sort::Desc)
        .await
        .expect("the fake answers");
    client
        .invoices()
        .list()
        .status(ListInvoicesStatus::Paid)
        .direction(Sort::Asc)
        .await
        .expect("the fake answers");

    assert_eq!(orders[0].phase, Phase::Unknown("lost".to_owned()));
    assert_eq!(
        orders[0].flags,
        [OrderFlagsItem::Plus1, OrderFlagsItem::Empty]
    );
    let order_input = &fake.orders().list().calls()[0];
    assert_eq!(order_input.status, Some(Status::Open));
    assert_eq!(order_input.sort, Some(Sort::Desc));
    let invoice_input = &fake.invoices().list().calls()[0];
    assert_eq!(invoice_input.status, Some(ListInvoicesStatus::Paid));
    assert_eq!(invoice_input.direction, Some(Sort::Asc));
}

#[tokio::test]
async fn an_enum_value_the_document_does_not_list_is_rejected_with_400() {
    let fake = fidelity_enums::fake::Fake::new();
    fake.invoices().list().returns(Vec::new());
    let request =
        fidelity_enums::runtime::ApiRequest::new(Method::GET, "/invoices", "/invoices".into())
            .query("direction", "sideways");

    let error = fake
        .client()
        .core()
        .execute(request, &fidelity_enums::RequestOptions::new())
        .await
        .expect_err("sideways is no direction");

    assert_eq!(error.status(), Some(400));
    let message = &error.api_error().expect("an API error").errors[0].message;
    assert!(message.contains("direction"), "{message}");
}

// Parameters.

#[tokio::test]
async fn parameters_of_every_location_decode_as_sent() {
    use fidelity_parameters::fake::Fake;
    use fidelity_parameters::models::RecordGetResponse;

    let fake = Fake::new();
    fake.zones()
        .get()
        .handle(|input| Ok(RecordGetResponse::default().id(input.record_id)));
    let since: DateTime<Utc> = TIMESTAMP.parse().expect("a timestamp");

    let record = fake
        .client()
        .zones()
        .get("zone a/b", 9_007_199_254_740_993_i64, 50)
        .tag(vec!["env=production".to_owned(), "team a&b".to_owned()])
        .fields(vec!["id".to_owned(), "a,b".to_owned()])
        .since(since)
        .x_request_tag("trace-1")
        .await
        .expect("the fake answers");

    assert_eq!(record.id, Some(9_007_199_254_740_993));
    let input = &fake.zones().get().calls()[0];
    assert_eq!(input.zone_id, "zone a/b");
    assert_eq!(input.limit, 50);
    assert_eq!(
        input.tag.as_deref(),
        Some(&["env=production".to_owned(), "team a&b".to_owned()][..])
    );
    assert_eq!(
        input.fields.as_deref(),
        Some(&["id".to_owned(), "a,b".to_owned()][..])
    );
    assert_eq!(input.since, Some(since));
    assert_eq!(input.x_request_tag.as_deref(), Some("trace-1"));
}

#[tokio::test]
async fn a_missing_required_query_and_an_out_of_range_one_are_rejected_with_400() {
    let fake = fidelity_parameters::fake::Fake::new();
    fake.zones()
        .get()
        .returns(fidelity_parameters::models::RecordGetResponse::default());
    let client = fake.client();
    let request = |query: Option<&str>| {
        let request = fidelity_parameters::runtime::ApiRequest::new(
            Method::GET,
            "/zones/{zone_id}/records/{record_id}",
            "/zones/z/records/1".into(),
        );
        match query {
            Some(limit) => request.query("limit", limit),
            None => request,
        }
    };

    let mut messages = Vec::new();
    for query in [None, Some("0"), Some("many")] {
        let error = client
            .core()
            .execute(request(query), &fidelity_parameters::RequestOptions::new())
            .await
            .expect_err("the fake rejects it");
        assert_eq!(error.status(), Some(400));
        messages.push(
            error.api_error().expect("an API error").errors[0]
                .message
                .clone(),
        );
    }

    assert!(
        messages.iter().all(|message| message.contains("limit")),
        "{messages:?}"
    );
    assert!(fake.zones().get().calls().is_empty());
}
