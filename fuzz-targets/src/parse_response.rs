//! `parse_response`: a status, headers and body, read as each operation's response by `seam_core::parse`.
//!
//! Input format (so seeds are readable and mutations stay meaningful): the first line is the status
//! code, the following lines up to an empty line are `name: value` headers (lines that are not valid
//! headers are skipped), and the rest is the body. An input whose first line is not a status code
//! in 100..=999 is skipped.
//!
//! Checked for every operation: `parse` returns (no panic), and an error's `Display`, `Debug` and
//! accessors work and stay bounded in size whatever the body (the body itself is capped by the
//! transport, so only a bounded rendering keeps logs and terminals safe).

use std::fmt::Debug;

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Response, StatusCode};
use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, Operation, PushData};
use seam_core::{parse, Error};

/// Longest `Display` of an error accepted, in bytes, whatever the response.
pub const MAX_DISPLAY_BYTES: usize = 64 * 1024;

/// The target: parse `data` (in the format above) as every operation's response.
pub fn run(data: &[u8]) {
    let Some((status, headers, body)) = split(data) else {
        return;
    };
    check::<CreatePortal>(status, &headers, &body);
    check::<PushData>(status, &headers, &body);
    check::<DeleteData>(status, &headers, &body);
    check::<CreateDeepLink>(status, &headers, &body);
}

/// A decoded input: status, headers, body.
pub type Parts = (StatusCode, Vec<(HeaderName, HeaderValue)>, Bytes);

/// The input as (status, headers, body), or `None` when the first line is not a status code.
pub fn split(data: &[u8]) -> Option<Parts> {
    let (head, body) = match find(data, b"\n\n") {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &[][..]),
    };
    let mut lines = head.split(|&b| b == b'\n');
    let status = StatusCode::from_bytes(lines.next()?.trim_ascii()).ok()?;
    let headers = lines
        .filter_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            let name = HeaderName::from_bytes(line[..colon].trim_ascii()).ok()?;
            let value = HeaderValue::from_bytes(line[colon + 1..].trim_ascii()).ok()?;
            Some((name, value))
        })
        .collect();
    Some((status, headers, Bytes::copy_from_slice(body)))
}

fn check<O: Operation>(status: StatusCode, headers: &[(HeaderName, HeaderValue)], body: &Bytes)
where
    O::Output: Debug,
{
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let Ok(response) = builder.body(body.clone()) else {
        return;
    };
    match parse::<O>(response) {
        Ok(value) => {
            assert!(
                status.is_success(),
                "{}: a {status} answer parsed as success",
                O::NAME
            );
            let _ = format!("{value:?}");
        }
        Err(err) => exercise(O::NAME, &err),
    }
}

fn exercise(operation: &str, err: &Error) {
    bounded(operation, &err.to_string());
    let _ = format!("{err:?}");
    let _ = (
        err.kind(),
        err.is_timeout(),
        err.is_unauthorized(),
        err.is_validation(),
    );
    let _ = (
        err.is_api(),
        err.is_invalid_response(),
        err.is_retryable(),
        err.status(),
    );
    let _ = (
        err.api_error_code(),
        err.api_error_message(),
        err.api_error_data(),
    );
    let _ = (err.request_id(), err.retry_after(), err.validation_errors());
    let _ = (
        err.validation_errors()
            .map(|v| (v.len(), v.omitted_count())),
        err.json_path(),
        err.body_excerpt(),
        err.content_type(),
    );
}

/// Panics when an error's `Display` is longer than [`MAX_DISPLAY_BYTES`].
fn bounded(operation: &str, shown: &str) {
    assert!(
        shown.len() <= MAX_DISPLAY_BYTES,
        "{operation}: Display of an error is {} bytes",
        shown.len()
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_format_splits_status_headers_and_body() {
        let (status, headers, body) =
            split(b"429\nretry-after: 3\nnot a header\nseam-request-id:  r1 \n\n{\"a\":1}")
                .unwrap();
        assert_eq!(status, 429);
        assert_eq!(headers.len(), 2);
        assert_eq!(headers[1].0, "seam-request-id");
        assert_eq!(headers[1].1, "r1");
        assert_eq!(&body[..], b"{\"a\":1}");
        assert!(split(b"abc\n\n{}").is_none());
        assert_eq!(split(b"204").unwrap().2.len(), 0);
    }

    #[test]
    #[should_panic(expected = "Display of an error is 65537 bytes")]
    fn a_display_beyond_the_bound_fails_the_target() {
        bounded("planted", &"x".repeat(MAX_DISPLAY_BYTES + 1));
    }
}
