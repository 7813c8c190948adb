//! `Timestamp`: an RFC 3339 date-time that writes back exactly the text it was read from.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// An RFC 3339 date-time (`2025-06-16T16:54:17.946594Z`).
///
/// It keeps the exact text it was parsed from, so a value read from the API is written back
/// byte for byte (the number of sub-second digits and the offset are kept). Two timestamps are equal
/// when their texts are equal; compare [`Timestamp::as_offset_date_time`] for the instant.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    value: OffsetDateTime,
}

/// Why a string is not an RFC 3339 date-time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3339 date-time (like 2025-06-16T16:54:17.946594Z): {reason}")]
pub struct TimestampError {
    reason: String,
}

impl Timestamp {
    /// Parses an RFC 3339 date-time (with `T` between date and time, as JSON Schema's `date-time`
    /// requires), keeping its text.
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
            return Err(TimestampError {
                reason: "expected `T` between the date and the time".to_owned(),
            });
        }
        let value = OffsetDateTime::parse(text, &Rfc3339).map_err(|e| TimestampError {
            reason: e.to_string(),
        })?;
        Ok(Self {
            text: text.to_owned(),
            value,
        })
    }

    /// The instant.
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.value
    }

    /// The text, exactly as parsed (or as formatted, for a timestamp built from an `OffsetDateTime`).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<OffsetDateTime> for Timestamp {
    /// Formats the instant as RFC 3339. An offset with seconds (which RFC 3339 cannot write) is
    /// converted to UTC first; a year outside 0000..=9999 falls back to `time`'s own display format.
    fn from(value: OffsetDateTime) -> Self {
        let value = if value.offset().seconds_past_minute() != 0 {
            value.to_offset(UtcOffset::UTC)
        } else {
            value
        };
        let text = value.format(&Rfc3339).unwrap_or_else(|_| value.to_string());
        Self { text, value }
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sub_second_digits() {
        for text in [
            "2025-06-16T16:54:17.946594Z",
            "2025-06-16T16:54:17Z",
            "2025-06-16T16:54:17.9Z",
            "2025-06-16T18:54:17.946594000+02:00",
        ] {
            let t = Timestamp::parse(text).expect(text);
            assert_eq!(t.to_string(), text);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{text}\""));
        }
    }

    #[test]
    fn rejects_non_rfc3339() {
        for text in ["2025-06-16", "yesterday", "2025-06-16 16:54:17Z", ""] {
            assert!(Timestamp::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn from_offset_date_time_formats_rfc3339() {
        let t = Timestamp::from(time::macros::datetime!(2025-06-16 16:54:17.5 UTC));
        assert_eq!(t.as_str(), "2025-06-16T16:54:17.5Z");
        assert_eq!(Timestamp::parse(t.as_str()).unwrap(), t);
    }
}
