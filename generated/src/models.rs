// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! The types the API sends and receives, one per schema the operations use.
#[cfg(feature = "resource-sharing")]
#[rustfmt::skip]
mod resource_sharing;
#[cfg(feature = "resource-sharing")]
pub use resource_sharing::*;
