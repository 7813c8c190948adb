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
    /// requires), keeping its text. Any offset is accepted, including `-00:00` ("offset unknown",
    /// read as UTC but written back as `-00:00`).
    ///
    /// A leap second (`23:59:60`) is refused: it cannot be held as an instant without changing
    /// it, so the text and the value would disagree.
    ///
    /// ```
    /// use seam_types::Timestamp;
    ///
    /// let t = Timestamp::parse("2025-06-16T18:54:17.946594+02:00")?;
    /// assert_eq!(t.to_string(), "2025-06-16T18:54:17.946594+02:00"); // the text is kept
    /// assert_eq!(t.as_offset_date_time().unix_timestamp(), 1_750_092_857);
    /// assert!(Timestamp::parse("2016-12-31T23:59:60Z").is_err());
    /// # Ok::<(), seam_types::TimestampError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let value = Self::parse_value(text)?;
        Ok(Self {
            text: text.to_owned(),
            value,
        })
    }

    /// Like [`Timestamp::parse`], keeping the given `String` as the text (no copy).
    fn parse_owned(text: String) -> Result<Self, TimestampError> {
        let value = Self::parse_value(&text)?;
        Ok(Self { text, value })
    }

    fn parse_value(text: &str) -> Result<OffsetDateTime, TimestampError> {
        let bytes = text.as_bytes();
        if !matches!(bytes.get(10), Some(b'T' | b't')) {
            return Err(TimestampError {
                reason: "expected `T` between the date and the time".to_owned(),
            });
        }
        // `YYYY-MM-DDTHH:MM:SS`: the seconds are bytes 17 and 18.
        if bytes.get(16) == Some(&b':') && bytes.get(17..19) == Some(b"60") {
            return Err(TimestampError {
                reason: "leap seconds (second 60) are not supported".to_owned(),
            });
        }
        OffsetDateTime::parse(text, &Rfc3339).map_err(|e| TimestampError {
            reason: e.to_string(),
        })
    }

    /// Whether the text is RFC 3339. Always true for a parsed timestamp; false only for one built
    /// from an `OffsetDateTime` whose year is outside `0000..=9999`.
    pub(crate) fn is_rfc3339(&self) -> bool {
        (0..=9999).contains(&self.value.year())
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
        Self::parse_owned(text).map_err(serde::de::Error::custom)
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
            "2025-06-16T14:54:17-02:00",
            "2025-06-16T16:54:17-00:00",
            "2025-06-16T16:54:17+00:00",
            "2025-06-16T22:24:17.5+05:30",
            "2025-06-16t16:54:17z",
        ] {
            let t = Timestamp::parse(text).expect(text);
            assert_eq!(t.to_string(), text);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{text}\""));
        }
    }

    #[test]
    fn offsets_keep_their_instant() {
        let plus = Timestamp::parse("2025-06-16T18:54:17+02:00").unwrap();
        let minus_zero = Timestamp::parse("2025-06-16T16:54:17-00:00").unwrap();
        let z = Timestamp::parse("2025-06-16T16:54:17Z").unwrap();
        assert_eq!(plus.as_offset_date_time(), z.as_offset_date_time());
        assert_eq!(minus_zero.as_offset_date_time(), z.as_offset_date_time());
        // Equal instants, different texts: not equal as timestamps (the text is what is sent).
        assert_ne!(minus_zero, z);
        let read: Timestamp = serde_json::from_str("\"2025-06-16T16:54:17-00:00\"").unwrap();
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            "\"2025-06-16T16:54:17-00:00\""
        );
    }

    #[test]
    fn leap_seconds_are_refused_with_a_reason() {
        for text in [
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60.5Z",
            "2017-01-01T01:59:60+02:00",
        ] {
            let err = Timestamp::parse(text).unwrap_err();
            assert!(err.to_string().contains("leap second"), "{text}: {err}");
            let json = format!("\"{text}\"");
            let err = serde_json::from_str::<Timestamp>(&json).unwrap_err();
            assert!(err.to_string().contains("leap second"), "{text}: {err}");
        }
    }

    #[test]
    fn years_rfc3339_cannot_write_are_flagged() {
        let far = time::macros::datetime!(-0001-01-01 0:00 UTC);
        assert!(!Timestamp::from(far).is_rfc3339());
        assert!(Timestamp::from(time::macros::datetime!(2025-01-01 0:00 UTC)).is_rfc3339());
    }

    #[test]
    fn rejects_non_rfc3339() {
        for text in [
            "2025-06-16",
            "yesterday",
            "2025-06-16 16:54:17Z",
            "",
            "2025-06-16T16:54:17",
            "2025-06-16T24:00:00Z",
            " 2025-06-16T16:54:17Z",
            "2025-06-16T16:54:17Z ",
            "2025-06-16T16:54:17+0200",
        ] {
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
