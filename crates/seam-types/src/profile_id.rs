//! `CustomizationProfileId`: a UUID that goes back on the wire exactly as the caller wrote it.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::wire::parse_hyphenated_uuid;

/// The id of a customization profile: a UUID in the hyphenated 8-4-4-4-12 form, kept as the text
/// it was read or parsed from (upper-case hex digits stay upper-case), so a request is sent exactly
/// as written. [`uuid`](Self::uuid) gives the typed (normalised) value; equality compares the text.
///
/// ```
/// use seam_types::CustomizationProfileId;
///
/// let id: CustomizationProfileId = "6BA7B810-9DAD-11D1-80B4-00C04FD430C8".parse().unwrap();
/// assert_eq!(id.as_str(), "6BA7B810-9DAD-11D1-80B4-00C04FD430C8");
/// assert_eq!(id.uuid().to_string(), "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
/// assert!("6ba7b8109dad11d180b400c04fd430c8".parse::<CustomizationProfileId>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CustomizationProfileId {
    text: String,
    uuid: Uuid,
}

impl CustomizationProfileId {
    /// The id as it goes on the wire.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The typed UUID (its `Display` is lower-case).
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }
}

/// Why a text is not a [`CustomizationProfileId`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidProfileId(String);

impl fmt::Display for InvalidProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {HYPHENATED}", self.0)
    }
}

impl std::error::Error for InvalidProfileId {}

/// What a profile id must look like, for error messages.
const HYPHENATED: &str =
    "a UUID in the hyphenated 8-4-4-4-12 form (like 6ba7b810-9dad-11d1-80b4-00c04fd430c8)";

impl FromStr for CustomizationProfileId {
    type Err = InvalidProfileId;

    /// Accepts only the hyphenated form (hex digits of either case), as the API's `format: uuid` does.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match parse_hyphenated_uuid(text) {
            Some(uuid) => Ok(Self {
                text: text.to_owned(),
                uuid,
            }),
            None => Err(InvalidProfileId(text.to_owned())),
        }
    }
}

impl From<Uuid> for CustomizationProfileId {
    /// Written in the lower-case hyphenated form.
    fn from(uuid: Uuid) -> Self {
        Self {
            text: uuid.hyphenated().to_string(),
            uuid,
        }
    }
}

impl From<CustomizationProfileId> for Uuid {
    fn from(id: CustomizationProfileId) -> Self {
        id.uuid
    }
}

impl fmt::Display for CustomizationProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for CustomizationProfileId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for CustomizationProfileId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;

        impl Visitor<'_> for V {
            type Value = CustomizationProfileId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(HYPHENATED)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                text.parse()
                    .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
            }
        }

        deserializer.deserialize_str(V)
    }
}
