// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! One module per API resource.

#[rustfmt::skip]
pub mod resource_sharing;
