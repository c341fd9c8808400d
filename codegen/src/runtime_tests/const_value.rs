//! `const_value!`: a one-value type writes its value, reads it, and refuses anything else by
//! naming the value it expected.

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Kind;

impl Kind {
    fn as_str(&self) -> &'static str {
        "file_link"
    }
}

crate::runtime::const_value!(Kind);

#[test]
fn the_value_is_written_shown_and_read() {
    assert_eq!(serde_json::to_string(&Kind).unwrap(), r#""file_link""#);
    assert_eq!(Kind.to_string(), "file_link");
    assert_eq!(
        serde_json::from_str::<Kind>(r#""file_link""#).unwrap(),
        Kind
    );
}

#[test]
fn any_other_value_is_refused_with_the_one_expected() {
    let error = serde_json::from_str::<Kind>(r#""list""#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid value: string \"list\", expected the string `file_link`"
    );
    assert!(serde_json::from_str::<Kind>("7").is_err());
}
