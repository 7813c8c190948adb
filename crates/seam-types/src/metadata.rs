//! Custom metadata values: a string or a boolean (or an explicit null) attached to a resource.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Nullable;

/// The `custom_metadata` map of a reservation or property listing: key to string, boolean or `null`.
pub type CustomMetadata = BTreeMap<String, Nullable<MetadataValue>>;

/// One custom metadata value. Strings are limited to 500 characters (checked by `validate()`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MetadataValue {
    /// A string value.
    String(String),
    /// A boolean value.
    Bool(bool),
}

impl From<&str> for MetadataValue {
    fn from(v: &str) -> Self {
        Self::String(v.to_owned())
    }
}

impl From<String> for MetadataValue {
    fn from(v: String) -> Self {
        Self::String(v)
    }
}

impl From<bool> for MetadataValue {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}

impl Serialize for MetadataValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(s) => serializer.serialize_str(s),
            Self::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for MetadataValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringOrBool).map(|v| match v {
            StrOrBool::Str(s) => Self::String(s),
            StrOrBool::Bool(b) => Self::Bool(b),
        })
    }
}

/// What a string-or-boolean visitor read.
pub(crate) enum StrOrBool {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
}

/// Visitor accepting a JSON string or boolean, with a clear message for anything else.
pub(crate) struct StringOrBool;

impl Visitor<'_> for StringOrBool {
    type Value = StrOrBool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a boolean")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(StrOrBool::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(StrOrBool::Str(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(StrOrBool::Bool(v))
    }
}
