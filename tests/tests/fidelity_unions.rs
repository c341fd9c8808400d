//! The unions fixture (`tests/fixtures/fidelity/unions.yaml`) on real JSON and on the wire.
//!
//! A union whose alternatives each pin one property to their own constant is tagged by that
//! property, as Cloudflare's DNS records are by `type`: every record decodes to its own variant,
//! re-encodes byte for byte, and an unknown type is kept whole. An untagged union tries its
//! alternatives most specific first, whatever order the document lists them in. Snapshots of
//! the emitted code are in `fidelity_snapshots.rs`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const A_RECORD: &str = r#"{"content":"198.51.100.4","type":"A","id":"372e6795","name":"example.com","proxied":true,"ttl":3600.0}"#;
const CNAME_RECORD: &str = r#"{"content":"example.com","type":"CNAME","name":"www"}"#;
const MX_RECORD: &str =
    r#"{"content":"mx.example.com","priority":10.0,"type":"MX","name":"example.com"}"#;

#[test]
fn a_record_decodes_as_a() {
    use fidelity_unions::models::DnsRecord;

    let record: DnsRecord = check(A_RECORD);

    let DnsRecord::ARecord(a) = record else {
        panic!("not an A record: {record:?}")
    };
    assert_eq!(a.content, "198.51.100.4");
    assert_eq!(a.proxied, Some(true));
}

#[test]
fn cname_record_decodes_as_cname_not_as_the_first_variant() {
    use fidelity_unions::models::DnsRecord;

    let record: DnsRecord = check(CNAME_RECORD);

    let DnsRecord::CnameRecord(cname) = record else {
        panic!("not a CNAME record: {record:?}")
    };
    assert_eq!(cname.name, "www");
    assert_eq!(cname.type_.as_str(), "CNAME");
}

#[test]
fn mx_record_decodes_as_mx() {
    use fidelity_unions::models::DnsRecord;

    let record: DnsRecord = check(MX_RECORD);

    let DnsRecord::MxRecord(mx) = record else {
        panic!("not an MX record: {record:?}")
    };
    assert_eq!(mx.priority, 10.0);
}

#[test]
fn unknown_record_type_is_kept_as_sent() {
    use fidelity_unions::models::DnsRecord;

    // Keys in sorted order: the raw value is a `serde_json::Map`, which sorts them.
    let input = r#"{"content":"v=spf1 -all","name":"example.com","type":"TXT"}"#;

    let record: DnsRecord = check(input);

    let DnsRecord::Unknown(raw) = record else {
        panic!("a TXT record is not known to this fixture: {record:?}")
    };
    assert_eq!(raw["type"], "TXT");
}

#[test]
fn a_record_with_a_mismatched_body_is_an_error_not_another_variant() {
    use fidelity_unions::models::DnsRecord;

    // The tag says MX, so only the MX shape is tried, and it lacks `priority`.
    let error = serde_json::from_str::<DnsRecord>(CNAME_RECORD.replace("CNAME", "MX").as_str())
        .expect_err("an MX record needs a priority");

    assert!(error.to_string().contains("priority"), "{error}");
}

#[test]
fn a_constant_reads_only_its_own_value() {
    use fidelity_unions::models::CnameRecordType;

    let error = serde_json::from_str::<CnameRecordType>(r#""A""#).expect_err("A is not CNAME");

    assert!(error.to_string().contains("CNAME"), "{error}");
    assert_eq!(CnameRecordType.to_string(), CnameRecordType::VALUE);
}

#[tokio::test]
async fn list_decodes_each_record_by_its_type() {
    use fidelity_unions::models::DnsRecord;

    let body = format!(
        r#"{{"success":true,"errors":[],"messages":[],"result":[{A_RECORD},{CNAME_RECORD},{MX_RECORD}]}}"#
    );
    let server = serve(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;

    let records = client(&server)
        .dns_records()
        .list("z1")
        .await
        .expect("the records decode");

    assert!(matches!(
        records.as_slice(),
        [
            DnsRecord::ARecord(_),
            DnsRecord::CnameRecord(_),
            DnsRecord::MxRecord(_)
        ]
    ));
}

#[tokio::test]
async fn create_sends_the_record_with_its_constant_type() {
    use fidelity_unions::models::{CnameRecord, DnsRecord};

    let server =
        serve(ResponseTemplate::new(200).set_body_raw(CNAME_RECORD, "application/json")).await;
    let record = DnsRecord::CnameRecord(CnameRecord::new("example.com".into(), "www".into()));

    let created = client(&server)
        .dns_records()
        .create("z1", record.clone())
        .await
        .expect("the record is created");

    assert_eq!(created, record);
    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1);
    assert_eq!(String::from_utf8_lossy(&received[0].body), CNAME_RECORD);
}

#[test]
fn a_whole_number_decodes_as_the_integer_listed_after_the_number() {
    use fidelity_unions::models::RuleTarget;

    let target: RuleTarget = check("5");

    assert_eq!(target, RuleTarget::Integer(5));
    assert_eq!(check::<RuleTarget>("2.5"), RuleTarget::Number(2.5));
}

#[test]
fn a_uuid_decodes_as_the_id_listed_after_any_string() {
    use fidelity_unions::models::RuleTarget;

    let target: RuleTarget = check(r#""0f8fad5b-d9cb-469f-a165-70867728950e""#);

    assert!(matches!(target, RuleTarget::Id(_)), "{target:?}");
    assert_eq!(
        check::<RuleTarget>(r#""example.com""#),
        RuleTarget::String("example.com".to_owned())
    );
}

#[test]
fn a_rule_with_an_action_is_not_taken_by_the_basic_rule_listed_first() {
    use fidelity_unions::models::Rule;

    let rule: Rule = check(r#"{"expression":"ip.src eq 192.0.2.1","action":"block"}"#);

    let Rule::ActionRule(action) = rule else {
        panic!("not an action rule: {rule:?}")
    };
    assert_eq!(action.action, "block");
    // The logged rule requires what the basic one does and declares more, so it goes first and
    // keeps `logged` when sent; the warning says the basic rule is never decoded.
    assert!(matches!(
        check::<Rule>(r#"{"expression":"true","logged":true}"#),
        Rule::LoggedRule(_)
    ));
}

/// Decodes `text` and asserts that encoding the value gives back the same bytes.
fn check<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let value: T = serde_json::from_str(text)
        .unwrap_or_else(|error| panic!("{text} does not decode: {error}"));
    let encoded = serde_json::to_string(&value).expect("the value encodes");
    assert_eq!(encoded, text, "the re-encoded JSON differs from the input");
    value
}

fn client(server: &MockServer) -> fidelity_unions::Client {
    fidelity_unions::Client::builder()
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
async fn scalar_union_parameters_travel_as_the_text_of_their_variant() {
    use fidelity_unions::models::{Since, Zone};

    let server = serve(ResponseTemplate::new(200).set_body_raw("{}", "application/json")).await;
    let id = "023e105f-4ecb-4ad2-9b8c-4c5e0e2d1f8a";

    client(&server)
        .zone_settings()
        .list(Zone::Id(id.parse().expect("a uuid")))
        .since(Since::Integer(1_700_000_000))
        .await
        .expect("sent by id");
    client(&server)
        .zone_settings()
        .list(Zone::Name("example.com".into()))
        .await
        .expect("sent by name");

    let received = server.received_requests().await.expect("recording is on");
    let urls: Vec<String> = received
        .iter()
        .map(|request| match request.url.query() {
            Some(query) => format!("{}?{query}", request.url.path()),
            None => request.url.path().to_owned(),
        })
        .collect();
    assert_eq!(
        urls,
        [
            format!("/zones/{id}/settings?since=1700000000"),
            "/zones/example.com/settings".to_owned()
        ]
    );
}

#[test]
fn recursion_through_arrays_maps_and_unions_is_typed() {
    use fidelity_composition::models::{Forest, Setting};

    let forest: Forest = check(r#"[[],[[[]],[]]]"#);
    let setting: Setting = check(r#"{"a":"x","b":["y",{"c":[]}]}"#);

    assert_eq!(forest.0[1].0.len(), 2);
    let Setting::SettingMap(map) = setting else {
        panic!("not a map: {setting:?}")
    };
    let Setting::SettingList(list) = &map["b"] else {
        panic!("not a list: {map:?}")
    };
    assert_eq!(list[0], Setting::String("y".into()));
}

/// A cycle through two untagged unions (Graph's user → drive → created-by user) is finite: the
/// union variant that closes it holds a `Box`, and nested values round-trip.
#[test]
fn a_cycle_through_unions_decodes_nested_values() {
    use fidelity_unions::models::{DriveCreatedBy, User, UserDrive};

    let user: User =
        check(r#"{"id":"u1","drive":{"id":"d1","created_by":{"id":"u2","drive":{"quota":1}}}}"#);

    let Some(UserDrive::Drive(drive)) = &user.drive else {
        panic!("the drive is not a Drive: {user:?}")
    };
    let Some(DriveCreatedBy::User(creator)) = &drive.created_by else {
        panic!("the creator is not a User: {drive:?}")
    };
    assert_eq!(creator.id, "u2");
    assert!(matches!(creator.drive, Some(UserDrive::Object(_))));
}
