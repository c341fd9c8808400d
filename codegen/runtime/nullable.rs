//! Fields that may be absent *or* null, where the difference matters (`Option<Option<T>>`).
//!
//! serde reads a missing field through `#[serde(default)]` as `None`; this reads a present `null`
//! as `Some(None)`, so a request can clear a value by sending `null` and leave it alone by omitting it.

use serde::{Deserialize, Deserializer};

/// Reads a present field: `null` becomes `Some(None)`, a value `Some(Some(value))`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Reads a present field as `Some`, even when it is `null`: for fields holding any JSON value,
/// where `null` is data rather than absence.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
