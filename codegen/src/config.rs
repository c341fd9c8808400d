//! The generator configuration: a plain struct the caller builds, optionally read from YAML.
//!
//! It holds what the OpenAPI document cannot say: the crate name and the environment variables
//! `Client::from_env` reads. Everything about the API itself comes from the document.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;

/// What to generate, beyond the document.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The package name of the generated crate, e.g. `cloudflare-resource-sharing`.
    pub crate_name: String,
    /// The path of the document as shown in generated headers, e.g. `spec/resource-sharing.openapi.yaml`.
    #[serde(skip)]
    pub spec_label: String,
    #[serde(default)]
    pub env: EnvConfig,
    /// Where the crate's `runtime` module comes from; set by the caller, never by the YAML file.
    #[serde(skip)]
    pub runtime: RuntimeSource,
}

/// Where a generated crate's `runtime` module comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
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
    pub fn from_yaml(file: &str, text: &str) -> Result<Config, Error> {
        serde_yaml::from_str(text).map_err(|error| Error::Config {
            file: file.to_owned(),
            message: error.to_string(),
        })
    }
}
