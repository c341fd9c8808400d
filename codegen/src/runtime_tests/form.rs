//! Form and multipart bodies: each `style`, what is refused, and parts that cannot end the body.

use serde_json::json;

use crate::runtime::form::{encode_form, FormStyle, PartEncoding};
use crate::runtime::multipart::{encode_multipart, FilePart};
use crate::runtime::Error;

fn form(body: serde_json::Value, entry: PartEncoding) -> String {
    encode_form(&body, &[entry]).expect("an object encodes")
}

#[test]
fn arrays_follow_each_style() {
    let body = json!({"a": ["x y", "z"]});
    let entry = PartEncoding::new("a");
    assert_eq!(form(body.clone(), entry), "a=x+y&a=z");
    assert_eq!(form(body.clone(), entry.explode(false)), "a=x+y%2Cz");
    assert_eq!(
        form(
            body.clone(),
            entry.style(FormStyle::SpaceDelimited).explode(false)
        ),
        "a=x+y%20z"
    );
    assert_eq!(
        form(body, entry.style(FormStyle::PipeDelimited).explode(false)),
        "a=x+y%7Cz"
    );
}

#[test]
fn objects_are_json_text_unless_a_style_is_given() {
    let body = json!({"o": {"k": "v", "n": 1}});
    let entry = PartEncoding::new("o");
    assert_eq!(
        form(body.clone(), entry.content_type("application/json")),
        "o=%7B%22k%22%3A%22v%22%2C%22n%22%3A1%7D"
    );
    assert_eq!(form(body.clone(), entry.style(FormStyle::Form)), "k=v&n=1");
    assert_eq!(form(body.clone(), entry.explode(false)), "o=k%2Cv%2Cn%2C1");
    assert_eq!(
        form(body, entry.style(FormStyle::DeepObject)),
        "o%5Bk%5D=v&o%5Bn%5D=1"
    );
}

#[test]
fn nulls_are_left_out() {
    assert_eq!(
        encode_form(&json!({"a": null, "b": [null, 1]}), &[]).expect("an object encodes"),
        "b=1"
    );
}

#[test]
fn a_body_that_is_not_an_object_is_refused() {
    let error = encode_form(&json!(["a"]), &[]).expect_err("an array has no fields");
    assert!(
        matches!(&error, Error::InvalidRequest { parameter, .. } if parameter == "body"),
        "{error:?}"
    );
}

#[test]
fn a_file_quoting_an_earlier_boundary_ends_nothing() {
    // Boundaries are random per body, and one found in a part is replaced, so a file holding
    // the delimiter of an earlier body is still one part.
    let (content_type, _) = encode_multipart(&json!({}), &[], &[]).expect("an object encodes");
    let used = content_type.trim_start_matches("multipart/form-data; boundary=");
    let file = FilePart::new(format!("--{used}--").into_bytes());
    let (content_type, bytes) =
        encode_multipart(&json!({}), &[], &[("f", &file)]).expect("an object encodes");
    let boundary = content_type.trim_start_matches("multipart/form-data; boundary=");
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches(&delimiter).count(), 2, "{text}");
}

#[test]
fn file_parts_show_their_length_not_their_contents() {
    let file = FilePart::new(b"secret".to_vec()).filename("a.txt");
    assert_eq!(
        format!("{file:?}"),
        r#"FilePart { len: 6, filename: Some("a.txt"), content_type: None }"#
    );
}

/// What the client writes, the fake reads back part for part, names with quotes included.
#[cfg(feature = "testing")]
#[test]
fn multipart_bodies_decode_back_into_their_parts() {
    use crate::runtime::multipart::decode_parts;

    let file = FilePart::new(b"%PDF\r\n--x".to_vec()).filename("a \"b\".pdf");
    let body = json!({"title": "t", "tags": ["x", "y"], "meta": {"k": 1}});
    let (content_type, bytes) =
        encode_multipart(&body, &[], &[("doc", &file)]).expect("an object encodes");

    let parts = decode_parts(&content_type, &bytes).expect("the body decodes");

    type Summary<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);
    let summary: Vec<Summary<'_>> = parts
        .iter()
        .map(|part| {
            (
                part.name.as_str(),
                part.filename.as_deref(),
                part.content_type.as_deref(),
                &part.bytes[..],
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("title", None, None, &b"t"[..]),
            ("tags", None, None, b"x"),
            ("tags", None, None, b"y"),
            ("meta", None, Some("application/json"), br#"{"k":1}"#),
            (
                "doc",
                Some("a \"b\".pdf"),
                Some("application/octet-stream"),
                b"%PDF\r\n--x"
            ),
        ]
    );
    assert!(decode_parts("multipart/form-data", &bytes).is_err());
    assert!(decode_parts(&content_type, &bytes[..bytes.len() - 10]).is_err());
}
