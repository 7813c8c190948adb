//! Checks for the string formats the contract uses: date-time, uuid and uri.

/// An RFC 3339 date-time (`2026-01-02T03:04:05Z`, fractional seconds and offsets allowed).
pub(crate) fn is_date_time(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

/// A hyphenated UUID (`8-4-4-4-12` hex digits), as zod's `uuid()` accepts.
pub(crate) fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// An absolute URL.
pub(crate) fn is_uri(s: &str) -> bool {
    url::Url::parse(s).is_ok()
}
