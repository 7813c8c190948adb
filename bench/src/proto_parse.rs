//! A prototype of a one-pass response parse, to size a proposed change to `seam_core::parse`:
//! read the member `key` of the top-level JSON object straight from the bytes into the typed output
//! (other members skipped unparsed), keeping serde_path_to_error's path, instead of building a
//! `serde_json::Value` first and deserializing the typed output from it. Like seam-core, it falls
//! back to a legacy key (create_portal's `magic_link`) when the main key is absent.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// The member `key` (else `legacy`) of the JSON object in `body`, typed as `T`; `Err` names the
/// JSON path.
pub fn member<T: for<'de> Deserialize<'de>>(
    body: &[u8],
    key: &'static str,
    legacy: Option<&'static str>,
) -> Result<T, String> {
    let mut json = serde_json::Deserializer::from_slice(body);
    let mut track = serde_path_to_error::Track::new();
    let value = Member::<T>::new(key, legacy)
        .deserialize(serde_path_to_error::Deserializer::new(
            &mut json, &mut track,
        ))
        .map_err(|e| format!("{}: {e}", track.path()))?;
    json.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// [`member`] without path tracking on the happy path: a plain serde_json pass first, and only when
/// it fails, a second, tracked pass to find the JSON path for the error.
pub fn member_untracked_first<T: for<'de> Deserialize<'de>>(
    body: &[u8],
    key: &'static str,
    legacy: Option<&'static str>,
) -> Result<T, String> {
    let mut json = serde_json::Deserializer::from_slice(body);
    match Member::<T>::new(key, legacy)
        .deserialize(&mut json)
        .and_then(|value| json.end().map(|()| value))
    {
        Ok(value) => Ok(value),
        Err(_) => member(body, key, legacy),
    }
}

/// Seed reading one member of an object as `T`.
struct Member<T> {
    key: &'static str,
    legacy: Option<&'static str>,
    _output: PhantomData<T>,
}

impl<T> Member<T> {
    fn new(key: &'static str, legacy: Option<&'static str>) -> Self {
        Self {
            key,
            legacy,
            _output: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Member<T> {
    type Value = T;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Member<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` member", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let (mut found, mut fallback) = (None, None);
        let seed = WhichKey {
            key: self.key,
            legacy: self.legacy,
        };
        while let Some(which) = map.next_key_seed(seed)? {
            match which {
                Which::Main if found.is_none() => found = Some(map.next_value::<T>()?),
                // Read the legacy member only while the main one has not been seen.
                Which::Legacy if found.is_none() && fallback.is_none() => {
                    fallback = Some(map.next_value::<T>()?)
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        found
            .or(fallback)
            .ok_or_else(|| de::Error::missing_field(self.key))
    }
}

/// Which wanted key an object key is.
enum Which {
    Main,
    Legacy,
    Other,
}

/// Seed classifying an object key against the wanted ones, without allocating it.
#[derive(Clone, Copy)]
struct WhichKey {
    key: &'static str,
    legacy: Option<&'static str>,
}

impl<'de> DeserializeSeed<'de> for WhichKey {
    type Value = Which;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Which, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for WhichKey {
    type Value = Which;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Which, E> {
        Ok(if key == self.key {
            Which::Main
        } else if Some(key) == self.legacy {
            Which::Legacy
        } else {
            Which::Other
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seam_types::CustomerPortal;

    #[test]
    fn reads_the_member_and_skips_the_rest() {
        let body = crate::fixtures::create_portal_response();
        let portal: CustomerPortal = member(&body, "customer_portal", Some("magic_link")).unwrap();
        assert_eq!(portal.customer_key, crate::fixtures::CUSTOMER_KEY);
    }

    #[test]
    fn the_untracked_pass_agrees_with_the_tracked_one() {
        let body = crate::fixtures::create_portal_response();
        let a: CustomerPortal = member(&body, "customer_portal", None).unwrap();
        let b: CustomerPortal = member_untracked_first(&body, "customer_portal", None).unwrap();
        assert_eq!(a, b);
        let bad = br#"{"customer_portal": {"url": 5}}"#;
        assert_eq!(
            member::<CustomerPortal>(bad, "customer_portal", None),
            member_untracked_first::<CustomerPortal>(bad, "customer_portal", None)
        );
    }

    #[test]
    fn falls_back_to_the_legacy_key() {
        let body = crate::fixtures::create_portal_response();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let legacy_only = serde_json::json!({"magic_link": value["magic_link"], "ok": true});
        let bytes = serde_json::to_vec(&legacy_only).unwrap();
        let portal: CustomerPortal = member(&bytes, "customer_portal", Some("magic_link")).unwrap();
        assert_eq!(portal.customer_key, crate::fixtures::CUSTOMER_KEY);
    }

    #[test]
    fn errors_keep_the_path() {
        let err = member::<CustomerPortal>(
            br#"{"customer_portal": {"url": 5}}"#,
            "customer_portal",
            None,
        )
        .unwrap_err();
        assert!(err.starts_with("customer_portal.url"), "{err}");
        assert!(member::<CustomerPortal>(br#"{"ok": true}"#, "customer_portal", None).is_err());
    }
}
