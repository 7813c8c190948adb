//! Reading the `Retry-After` header: delay-seconds or an HTTP-date.

use std::time::{Duration, SystemTime};

use http::header::{DATE, RETRY_AFTER};
use http::HeaderMap;

/// The wait the server asks for, if `Retry-After` is present and readable.
///
/// An HTTP-date (any of the three forms RFC 9110 asks recipients to accept, read by `httpdate`)
/// is measured from the response's own `Date` header when there is one (so a skewed local clock
/// does not matter), else from the local clock. A date in the past means "now" (zero).
/// Unreadable values are ignored.
pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let now = headers
        .get(DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v.trim()).ok())
        .or_else(local_now)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn local_now() -> Option<SystemTime> {
    Some(SystemTime::now())
}

// `SystemTime::now` is unavailable on bare wasm: without a `Date` header the date cannot be used.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn local_now() -> Option<SystemTime> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn reads_the_three_http_date_forms_and_refuses_others() {
        let date = ("date", "Sun, 06 Nov 1994 08:49:37 GMT");
        for later in [
            "Sun, 06 Nov 1994 08:49:47 GMT",
            "Sunday, 06-Nov-94 08:49:47 GMT",
            "Sun Nov  6 08:49:47 1994",
        ] {
            assert_eq!(
                from_headers(&headers(&[("retry-after", later), date])),
                Some(Duration::from_secs(10)),
                "{later}"
            );
        }
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "1.5",
        ] {
            assert_eq!(
                from_headers(&headers(&[("retry-after", bad), date])),
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn a_date_without_a_date_header_is_measured_from_the_local_clock() {
        let in_an_hour = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
        let mut map = HeaderMap::new();
        map.insert(
            RETRY_AFTER,
            HeaderValue::from_str(&in_an_hour).expect("header"),
        );
        let wait = from_headers(&map).expect("a wait");
        assert!(
            wait > Duration::from_secs(3590) && wait <= Duration::from_secs(3600),
            "{wait:?}"
        );
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
