//! Standard base64: the RFC 4648 test vectors, round trips, and what decoding refuses.

use crate::runtime::Base64;

fn encode(bytes: &[u8]) -> String {
    Base64(bytes.to_vec()).encode()
}

fn decode(text: &str) -> Option<Vec<u8>> {
    Base64::decode(text).map(|decoded| decoded.0)
}

#[test]
fn encodes_the_rfc_4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        assert_eq!(encode(plain.as_bytes()), encoded, "{plain:?}");
        assert_eq!(
            decode(encoded).as_deref(),
            Some(plain.as_bytes()),
            "{encoded:?}"
        );
    }
}

#[test]
fn every_byte_and_length_round_trips() {
    let bytes: Vec<u8> = (0..=255).collect();
    for len in 0..bytes.len() {
        let encoded = encode(&bytes[..len]);
        assert_eq!(
            decode(&encoded).as_deref(),
            Some(&bytes[..len]),
            "length {len}"
        );
    }
}

#[test]
fn the_last_symbols_of_the_alphabet_are_plus_and_slash() {
    assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
    assert_eq!(decode("+/8="), Some(vec![0xfb, 0xff]));
}

#[test]
fn unpadded_input_decodes() {
    assert_eq!(decode("Zg"), Some(b"f".to_vec()));
    assert_eq!(decode("Zm8"), Some(b"fo".to_vec()));
}

#[test]
fn invalid_input_is_refused() {
    for text in ["Z", "Zm9vY", "Zm-v", "Zm_v", "Zm 9v", "Zg==Zg==", "Zm9v\n"] {
        assert_eq!(decode(text), None, "{text:?}");
    }
}

#[test]
fn serde_uses_the_text_form() {
    let value = Base64(b"foo".to_vec());
    assert_eq!(
        serde_json::to_string(&value).expect("serialise"),
        r#""Zm9v""#
    );
    let back: Base64 = serde_json::from_str(r#""Zm9v""#).expect("deserialise");
    assert_eq!(back, value);
    let error = serde_json::from_str::<Base64>(r#""%%%""#).expect_err("not base64");
    assert!(error.to_string().contains("invalid base64 text"), "{error}");
}
