//! Credentials never show in `Debug` output, wherever they are held.

use crate::runtime::{ApiRequest, AuthHeader, Backoff, Core, CoreConfig, RequestOptions, Secret};

const TOKEN: &str = "tok-3f9a-very-secret";

#[test]
fn secret_debug_is_redacted() {
    let secret = Secret::new(TOKEN);
    assert_eq!(format!("{secret:?}"), r#"Secret("[redacted]")"#);
    assert_eq!(secret.expose(), TOKEN);
}

#[test]
fn config_and_core_debug_show_no_credentials() {
    let mut config = CoreConfig::new("https://api.example.com/v1/", "test/1.0");
    config.auth = vec![
        AuthHeader::Bearer(Secret::new(TOKEN)),
        AuthHeader::Header {
            name: "x-auth-key",
            value: Secret::new(TOKEN),
        },
        AuthHeader::Query {
            name: "api_key",
            value: Secret::from(TOKEN),
        },
    ];
    config.default_headers = vec![("x-extra-key".to_owned(), TOKEN.to_owned())];
    config.backoff = Backoff::default();
    let config_debug = format!("{config:?}");
    assert!(!config_debug.contains(TOKEN), "{config_debug}");
    assert!(config_debug.contains("x-extra-key"), "{config_debug}");
    let core = Core::new(config).expect("a valid configuration");
    let core_debug = format!("{core:?}");
    assert!(!core_debug.contains(TOKEN), "{core_debug}");
    assert_eq!(core.base_url(), "https://api.example.com/v1");
}

#[test]
fn request_and_options_debug_show_header_names_only() {
    let request =
        ApiRequest::new(reqwest::Method::GET, "/me", "/me".to_owned()).header("x-auth-key", TOKEN);
    let options = RequestOptions::new().header("authorization", TOKEN);
    let debug = format!("{request:?} {options:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(
        debug.contains("x-auth-key") && debug.contains("authorization"),
        "{debug}"
    );
}
