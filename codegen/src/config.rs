//! The generator configuration: a plain struct the caller builds, optionally read from YAML.
//!
//! It holds what the OpenAPI document cannot say: the crate name, the environment variables
//! `Client::from_env` reads, and the response header that carries a request id.
//! Everything else about the API comes from the document.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;

/// What to generate, beyond the document.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The package name of the generated crate, e.g. `cloudflare-resource-sharing`.
    pub crate_name: String,
    /// The path of the document as shown in generated headers, e.g. `spec/resource-sharing.openapi.yaml`.
    #[serde(skip)]
    pub spec_label: String,
    #[serde(default)]
    pub env: EnvConfig,
    /// The response header the API puts its request id in, e.g. `cf-ray`; the generated client
    /// reports it on responses and errors. OpenAPI has no field for it, so it is configured.
    #[serde(default)]
    pub request_id_header: Option<String>,
    /// Where the crate's `runtime` module comes from; set by the caller, never by the YAML file.
    #[serde(skip)]
    pub runtime: RuntimeSource,
    /// The file that keeps formatted items between runs, so a regeneration formats only what
    /// changed (`emit/item_cache.rs`); `None` formats everything. Set by the caller, never by
    /// the YAML file.
    #[serde(skip)]
    pub item_cache: Option<std::path::PathBuf>,
}

/// Where a generated crate's `runtime` module comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum RuntimeSource {
    /// Copied into `src/runtime/`, so the crate builds anywhere (the default).
    #[default]
    Copied,
    /// Included with `#[path]` from the generator's own runtime, for crates that live in this
    /// repository beside it (the fixture crates): one runtime source, no committed copies.
    /// `path` leads from the crate's `src/` to `codegen/runtime/mod.rs`.
    Shared { path: String },
}

/// Environment variable names read by `Client::from_env`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct EnvConfig {
    /// Overrides the base URL; defaults to `<CRATE>_BASE_URL`.
    pub base_url: Option<String>,
    /// By security scheme key; a scheme not listed reads `<CRATE>_<SCHEME>`.
    #[serde(default)]
    pub schemes: BTreeMap<String, String>,
}

impl Config {
    /// Parses a `codegen.yaml`; `file` only names it in messages.
    ///
    /// A `request_id_header` that is not a valid HTTP header name is refused here, since every
    /// client generated with it would fail to build.
    pub fn from_yaml(file: &str, text: &str) -> Result<Config, Error> {
        let config_error = |message: String| Error::Config {
            file: file.to_owned(),
            message,
        };
        let config: Config =
            serde_yaml::from_str(text).map_err(|error| config_error(error.to_string()))?;
        match &config.request_id_header {
            Some(name) if !is_header_name(name) => Err(config_error(format!(
                "request_id_header `{name}` is not a valid HTTP header name"
            ))),
            _ => Ok(config),
        }
    }
}

/// Whether `name` is an RFC 9110 token, which is what an HTTP header name must be.
fn is_header_name(name: &str) -> bool {
    const TOKEN_SYMBOLS: &str = "!#$%&'*+-.^_`|~";
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || TOKEN_SYMBOLS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::Config;

    fn check(yaml: &str) -> Result<Config, String> {
        Config::from_yaml("codegen.yaml", yaml).map_err(|error| error.to_string())
    }

    #[test]
    fn request_id_header_is_read() {
        let config = check("crate_name: x\nrequest_id_header: cf-ray\n").expect("valid");
        assert_eq!(config.request_id_header.as_deref(), Some("cf-ray"));
    }

    #[test]
    fn request_id_header_defaults_to_none() {
        let config = check("crate_name: x\n").expect("valid");
        assert_eq!(config.request_id_header, None);
    }

    #[test]
    fn an_invalid_request_id_header_is_refused_with_the_file() {
        let error = check("crate_name: x\nrequest_id_header: 'cf ray'\n").expect_err("a space");
        assert_eq!(
            error,
            "codegen.yaml: invalid generator configuration: request_id_header `cf ray` is not a valid HTTP header name"
        );
    }
}
