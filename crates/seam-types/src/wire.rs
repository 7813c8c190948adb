//! Small serde helpers shared by the models (crate-internal).

use serde::{Deserialize, Deserializer};

/// Reads a present field as `Some(value)`. Used with `#[serde(default)]` so that an absent field is
/// `None`, while an explicit `null` is handed to `T` (an error unless `T` accepts null, like `Nullable`).
pub(crate) fn some<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
