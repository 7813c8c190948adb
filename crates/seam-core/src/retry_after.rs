//! Reading the `Retry-After` header: delay-seconds or an IMF-fixdate HTTP-date.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{DATE, RETRY_AFTER};
use http::HeaderMap;

/// The wait the server asks for, if `Retry-After` is present and readable.
///
/// An HTTP-date is measured from the response's own `Date` header when there is one (so a skewed
/// local clock does not matter), else from the local clock. A date in the past means "now" (zero).
/// Unreadable values are ignored.
pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    let now = headers
        .get(DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date)
        .or_else(local_now)?;
    Some(Duration::from_secs(at.saturating_sub(now)))
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn local_now() -> Option<u64> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .map(|d| d.as_secs())
}

// `SystemTime::now` is unavailable on bare wasm: without a `Date` header the date cannot be used.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn local_now() -> Option<u64> {
    let _ = (SystemTime::UNIX_EPOCH, UNIX_EPOCH);
    None
}

/// Seconds since the Unix epoch for an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn parse_http_date(s: &str) -> Option<u64> {
    let mut parts = s.split_ascii_whitespace();
    let weekday = parts.next()?;
    if weekday.len() != 4 || !weekday.ends_with(',') {
        return None;
    }
    let day: u64 = parts.next().filter(|d| d.len() == 2)?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let mut field = |max: u64| -> Option<u64> {
        let v: u64 = hms.next().filter(|f| f.len() == 2)?.parse().ok()?;
        (v <= max).then_some(v)
    };
    let (hour, minute, second) = (field(23)?, field(59)?, field(60)?);
    if parts.next()? != "GMT" || parts.next().is_some() || !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (year >= 1970).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn seconds_and_dates_relative_to_the_date_header() {
        assert_eq!(
            from_headers(&headers(&[("retry-after", "7")])),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            from_headers(&headers(&[
                ("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT"),
                ("date", "Sun, 06 Nov 1994 08:49:37 GMT")
            ])),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            from_headers(&headers(&[
                ("retry-after", "Sun, 06 Nov 1994 08:49:30 GMT"),
                ("date", "Sun, 06 Nov 1994 08:49:37 GMT")
            ])),
            Some(Duration::ZERO)
        );
        assert_eq!(from_headers(&headers(&[("retry-after", "soon")])), None);
        assert_eq!(from_headers(&headers(&[("retry-after", "-3")])), None);
        assert_eq!(from_headers(&headers(&[])), None);
    }
}
