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
//!
//! ```no_run
//! # async fn example() -> cloudflare_resource_sharing::Result<()> {
//! let client = cloudflare_resource_sharing::Client::from_env()?;
//! let result = client.resource_sharing().list("023e105f4ecef8ad9ca31a8372d0c353").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

#[rustfmt::skip]
mod client;
#[rustfmt::skip]
pub mod models;
#[rustfmt::skip]
pub mod resources;
pub mod runtime;

pub use client::{Client, ClientBuilder, Credentials};
pub use runtime::{Error, Page, PageStream, RequestOptions, Response, Result};
