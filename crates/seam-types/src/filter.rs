//! Customer resources filters: narrow the portal to resources whose custom field has a given value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::metadata::{StrOrBool, StringOrBool};
use crate::FilterOperation;

request_model! {
    /// One filter of `customer_resources_filters`: `field` `operation` `value`.
    pub struct CustomerResourcesFilter {
        required {
            /// Name of the field to compare; must look like an identifier (`^[a-zA-Z_]\w*$`).
            field: String,
            /// The comparison; `=` is the only one the contract lists.
            operation: FilterOperation,
            /// The value to compare with.
            value: FilterValue,
        }
    }
}

impl CustomerResourcesFilter {
    /// A filter keeping resources whose `field` equals `value`.
    pub fn equals(field: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::new(field, FilterOperation::Equals, value)
    }
}

/// The value a filter compares with: a string or a boolean.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FilterValue {
    /// A string value.
    String(String),
    /// A boolean value.
    Bool(bool),
}

impl From<&str> for FilterValue {
    fn from(v: &str) -> Self {
        Self::String(v.to_owned())
    }
}

impl From<String> for FilterValue {
    fn from(v: String) -> Self {
        Self::String(v)
    }
}

impl From<bool> for FilterValue {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}

impl Serialize for FilterValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(s) => serializer.serialize_str(s),
            Self::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for FilterValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringOrBool).map(|v| match v {
            StrOrBool::Str(s) => Self::String(s),
            StrOrBool::Bool(b) => Self::Bool(b),
        })
    }
}
