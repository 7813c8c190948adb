//! Checks for the string formats the contract uses: date-time, uuid and uri.

/// An RFC 3339 date-time (`2026-01-02T03:04:05Z`, fractional seconds and offsets allowed).
///
/// The `time` crate also takes a space between date and time (RFC 3339's informal note); JSON
/// Schema's `date-time`, zod and seam-types all want `T` (either case), so that is checked first.
pub(crate) fn is_date_time(s: &str) -> bool {
    matches!(s.as_bytes().get(10), Some(b'T' | b't'))
        && time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

/// A hyphenated UUID (`8-4-4-4-12` hex digits), as zod's `uuid()` accepts.
pub(crate) fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// An absolute URL.
pub(crate) fn is_uri(s: &str) -> bool {
    url::Url::parse(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times() {
        for ok in [
            "2026-01-02T03:04:05Z",
            "2026-01-02t03:04:05.123456z",
            "2026-01-02T03:04:05+02:00",
        ] {
            assert!(is_date_time(ok), "{ok}");
        }
        for bad in [
            "2026-01-02 03:04:05Z",
            "2026-01-02",
            "2026-01-02T03:04:05",
            "2026-02-30T00:00:00Z",
            "",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn uuids_are_hyphenated_only() {
        assert!(is_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
        assert!(is_uuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8"));
        for bad in [
            "6ba7b8109dad11d180b400c04fd430c8",
            "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
            "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
