//! Path segments and query components can never change the shape of the URL.

use crate::runtime::encode::{path_segment, query_component, text_value, text_values};
use crate::runtime::Error;

#[test]
fn a_slash_stays_inside_the_segment() {
    assert_eq!(path_segment("a/b"), "a%2Fb");
    assert_eq!(path_segment("../zones"), "..%2Fzones");
}

#[test]
fn dot_segments_are_encoded() {
    assert_eq!(path_segment("."), "%2E");
    assert_eq!(path_segment(".."), "%2E%2E");
    // Only a whole segment of dots is special; dots inside a value are unreserved.
    assert_eq!(path_segment("..."), "...");
    assert_eq!(path_segment("v1.2"), "v1.2");
}

#[test]
fn query_and_fragment_characters_are_encoded() {
    assert_eq!(path_segment("a?b#c"), "a%3Fb%23c");
    assert_eq!(path_segment("a&b=c;d"), "a%26b%3Dc%3Bd");
    assert_eq!(path_segment("100%"), "100%25");
}

#[test]
fn unicode_is_encoded_as_utf8_bytes() {
    assert_eq!(path_segment("café"), "caf%C3%A9");
    assert_eq!(path_segment("日本"), "%E6%97%A5%E6%9C%AC");
}

#[test]
fn unreserved_characters_are_kept() {
    assert_eq!(path_segment("Az09-._~"), "Az09-._~");
}

#[test]
fn query_components_encode_spaces_and_separators() {
    assert_eq!(query_component("env=production"), "env%3Dproduction");
    assert_eq!(query_component("a b&c+d"), "a%20b%26c%2Bd");
}

#[test]
fn text_value_writes_strings_bare_and_structures_as_json() {
    assert_eq!(text_value("name", "plain").expect("a string"), "plain");
    assert_eq!(text_value("count", &3).expect("a number"), "3");
    let object = serde_json::json!({"a": [1, true]});
    assert_eq!(
        text_value("filter", &object).expect("an object"),
        r#"{"a":[1,true]}"#
    );
}

#[test]
fn text_value_names_the_parameter_it_cannot_write() {
    let map = std::collections::BTreeMap::from([(vec![1u8], 1)]);
    let error = text_value("filter", &map).expect_err("a map with non-string keys");
    assert!(
        matches!(&error, Error::InvalidRequest { parameter, .. } if parameter == "filter"),
        "{error:?}"
    );
}

#[test]
fn text_values_write_each_item_and_name_the_parameter_of_one_they_cannot() {
    let items = [serde_json::json!("plain"), serde_json::json!({"a": 1})];
    assert_eq!(
        text_values("expand", &items).expect("strings and objects"),
        ["plain", r#"{"a":1}"#]
    );
    let map = std::collections::BTreeMap::from([(vec![1u8], 1)]);
    let error = text_values("filter", &[map]).expect_err("a map with non-string keys");
    assert!(
        matches!(&error, Error::InvalidRequest { parameter, .. } if parameter == "filter"),
        "{error:?}"
    );
}
