//! `Nullable<T>`: a value the API lets you set to an explicit JSON `null`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that may be an explicit JSON `null`.
///
/// Fields the contract marks nullable are stored as `Option<Nullable<T>>`: `None` leaves the field out
/// of the JSON, `Some(Nullable::Null)` writes `null` (clearing it on the server), and
/// `Some(Nullable::Value(v))` writes `v`. Map values that may be null are plain `Nullable<T>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// An explicit JSON `null`.
    Null,
    /// A concrete value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, or `None` for `Null`.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Self::Null => None,
            Self::Value(v) => Some(v),
        }
    }

    /// Whether this is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Self::Value(value.to_owned())
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` becomes an explicit `null`.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Self::Value(v),
            None => Self::Null,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_none(),
            Self::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}
