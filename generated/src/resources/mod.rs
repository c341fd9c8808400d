// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! One module per API resource.

#[cfg(feature = "resource-sharing")]
#[rustfmt::skip]
pub mod resource_sharing;
