// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! # Cloudflare API - Resource Sharing
//!
//! Resource Sharing lets an account share Cloudflare resources (custom rulesets, Gateway
//! policies, destination IPs, block page settings, extended email matching and IdP
//! federation grants) with other accounts or with an organization. A share has recipients
//! and resources. Changes are not immediate: mutating calls return the updated object with
//! a new status.
//!
//! Generated from `spec/resource-sharing.openapi.yaml` (API version 4.0.0) by `cargo xtask generate`.
#![cfg_attr(
    feature = "resource-sharing",
    doc = "\n```no_run\n# async fn example() -> cloudflare_resource_sharing::Result<()> {\nlet client = cloudflare_resource_sharing::Client::from_env()?;\nlet result = client.resource_sharing().list(\"023e105f4ecef8ad9ca31a8372d0c353\").await?;\nprintln!(\"{result:?}\");\n# Ok(())\n# }\n```"
)]
//!
//! # Testing your code
//!
//! With the `testing` feature (`features = ["testing"]` in your `[dev-dependencies]`), the `fake` module adds `fake::Fake`: a typed, in-process fake of this API.
//! `Fake::new()` gives a fake whose `client()` is a `Client` answered in process, with no sockets; register an answer per operation, grouped like the client, with `.handle(|input| …)`, `.returns(value)`, `.fails(FakeError::…)` or `.once(…)`.
//! The client's retries, timeouts, pagination and error mapping run unchanged against it.
//! The fake wraps results in the envelope, serves lists page by page, rejects requests that break the document's constraints with a 400, records every call (`calls()`), answers 501 naming any operation nothing was registered for, and checks with `assert_all_called()` and `assert_no_unexpected_calls()`.
//! Every model has a constructor (`new` with the required fields) and setters, so a test builds the values it returns without JSON.
//! With the feature, an example follows; the `fake` module documents the rest.

#![cfg_attr(
    all(feature = "testing", feature = "resource-sharing"),
    doc = "\n```no_run\n# async fn example() -> cloudflare_resource_sharing::Result<()> {\nuse cloudflare_resource_sharing::fake::Fake;\nuse cloudflare_resource_sharing::runtime::fake::FakeError;\n\nlet fake = Fake::new();\nfake.resource_sharing().list().fails(FakeError::status(404).error(1003, \"not found\"));\n\n// The code under test gets the fake's client instead of `Client::from_env()`.\nlet client = fake.client();\nlet result = client.resource_sharing().list(\"023e105f4ecef8ad9ca31a8372d0c353\").await;\nassert_eq!(result.unwrap_err().status(), Some(404));\n\nfake.assert_all_called();\nfake.assert_no_unexpected_calls();\n# Ok(())\n# }\n```"
)]
#![warn(missing_docs)]

#[rustfmt::skip]
mod client;
#[rustfmt::skip]
pub mod models;
#[rustfmt::skip]
pub mod resources;
pub mod runtime;
#[cfg(feature = "testing")]
#[rustfmt::skip]
pub mod fake;

pub use client::{Client, ClientBuilder, Credentials};
pub use runtime::{Error, Page, PageStream, RequestOptions, Response, Result};
