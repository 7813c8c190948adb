//! Small serde helpers shared by the models (crate-internal).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use uuid::Uuid;

/// Reads a present field as `Some(value)`. Used with `#[serde(default)]` so that an absent field is
/// `None`, while an explicit `null` is handed to `T` (an error unless `T` accepts null, like `Nullable`).
pub(crate) fn some<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// A list read from JSON without its spare capacity. serde grows a list as it reads it (a
/// one-item list of strings holds room for four), which adds up to a sizeable share of a large
/// request's memory; giving the room back keeps the typed request as small as one built in code.
pub(crate) fn tight<T>(list: Option<Vec<T>>) -> Option<Vec<T>> {
    list.map(|mut items| {
        items.shrink_to_fit();
        items
    })
}

/// Reads a request model only from a JSON object. serde's derived struct visitors also take a JSON
/// array (fields by position), which the API refuses; this asks the deserializer for a map and hands
/// the entries to `T` (the derived impl of the model's private shadow), so unknown-field messages and
/// the paths `serde_path_to_error` records for nested errors stay as they were.
pub(crate) fn object_only<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(ObjectOnly(PhantomData))
}

/// The visitor of [`object_only`]: accepts a map and nothing else.
struct ObjectOnly<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

/// Parses `text` as a hyphenated UUID; `None` for any other form or for non-hex digits.
pub(crate) fn parse_hyphenated_uuid(text: &str) -> Option<Uuid> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if shaped {
        Uuid::parse_str(text).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::PushDataRequest;

    #[test]
    fn lists_read_from_json_keep_no_spare_room() {
        let json = br#"{"customer_key": "c", "reservations": [
            {"reservation_key": "r1", "unit_keys": ["u1"]},
            {"reservation_key": "r2", "unit_keys": ["u1", "u2", "u3", "u4", "u5"]}],
            "units": [{"unit_key": "u1", "name": "One"}]}"#;
        let request: PushDataRequest = serde_json::from_slice(json).unwrap();
        let reservations = request.reservations.as_ref().unwrap();
        assert_eq!(reservations.capacity(), 2);
        for (reservation, len) in reservations.iter().zip([1, 5]) {
            let keys = reservation.unit_keys.as_ref().unwrap();
            assert_eq!((keys.len(), keys.capacity()), (len, len));
        }
        assert_eq!(request.units.as_ref().unwrap().capacity(), 1);
    }
}
