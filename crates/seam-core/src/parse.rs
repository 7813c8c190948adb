//! Response parsing: `http::Response<Bytes>` -> the typed result, the API's error, or an invalid-response error.

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, Response, StatusCode};
use seam_types::ApiErrorEnvelope;
use serde_json::Value;

use crate::error::{ApiError, Error, Inner, InvalidResponse};
use crate::operation::Operation;
use crate::retry_after;

/// Longest body excerpt kept in an invalid-response error, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// Reads the response to operation `O`.
///
/// * 2xx: the value under `O::RESPONSE_KEY` (or the whole object), typed as `O::Output`; when that
///   key is missing, the deprecated `O::LEGACY_RESPONSE_KEY` (create_portal's `magic_link`) is read.
/// * Seam's error envelope `{"error": {"type", "message", ...}}`: an API error with its type,
///   message, status, `seam-request-id`, `data`, `Retry-After` and, for `invalid_input`, the
///   per-parameter messages. A 401 is always an "unauthorized" API error, whatever its body.
/// * Anything else: an invalid-response error with the status, content type, the JSON path where
///   reading failed and the first 200 characters of the body.
///
/// Never panics, whatever the status, headers and bytes.
///
/// ```
/// use seam_core::parse;
/// use seam_core::operation::CreatePortal;
///
/// let response = http::Response::builder()
///     .status(400)
///     .header("seam-request-id", "req_123")
///     .body(bytes::Bytes::from_static(br#"{"error": {"type": "invalid_input", "message": "bad locale",
///         "validation_errors": {"locale": {"_errors": ["Invalid enum value"]}}}}"#))
///     .unwrap();
/// let err = parse::<CreatePortal>(response).unwrap_err();
/// assert_eq!(err.api_error_code(), Some("invalid_input"));
/// assert_eq!(err.request_id(), Some("req_123"));
/// assert_eq!(err.api_validation_errors()[0].0, "locale");
/// ```
pub fn parse<O: Operation + ?Sized>(response: Response<Bytes>) -> Result<O::Output, Error> {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    if status.is_success() {
        return parse_success::<O>(status, &parts.headers, &body);
    }
    Err(parse_failure(status, &parts.headers, &body))
}

fn parse_success<O: Operation + ?Sized>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<O::Output, Error> {
    let invalid = |path: Option<String>, message: String, source: Option<serde_json::Error>| {
        invalid_response(status, headers, body, path, message, source)
    };
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            let message = if body.is_empty() {
                "expected a JSON object, got an empty body".to_owned()
            } else {
                format!("the body is not valid JSON ({e})")
            };
            return Err(invalid(Some(String::new()), message, Some(e)));
        }
    };
    let target = match O::RESPONSE_KEY {
        None => &value,
        Some(key) => match &value {
            Value::Object(map) => match map
                .get(key)
                .or_else(|| O::LEGACY_RESPONSE_KEY.and_then(|legacy| map.get(legacy)))
            {
                Some(inner) => inner,
                None => {
                    return Err(invalid(
                        Some(key.to_owned()),
                        format!("the response has no `{key}` member"),
                        None,
                    ))
                }
            },
            other => {
                return Err(invalid(
                    Some(String::new()),
                    format!("expected a JSON object, got {}", json_kind(other)),
                    None,
                ))
            }
        },
    };
    serde_path_to_error::deserialize::<_, O::Output>(target).map_err(|e| {
        let inner_path = e.path().to_string();
        let path = match (O::RESPONSE_KEY, inner_path.as_str()) {
            (None, ".") => String::new(),
            (None, p) => p.to_owned(),
            (Some(key), ".") => key.to_owned(),
            (Some(key), p) if p.starts_with('[') => format!("{key}{p}"),
            (Some(key), p) => format!("{key}.{p}"),
        };
        let source = e.into_inner();
        invalid(
            Some(path),
            format!("the response does not have the expected shape ({source})"),
            Some(source),
        )
    })
}

fn parse_failure(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let request_id = header_text(headers, "seam-request-id");
    let retry_after = retry_after::from_headers(headers);
    match serde_json::from_slice::<ApiErrorEnvelope>(body) {
        Ok(envelope) => {
            let error = envelope.error;
            let validation = error
                .validation_errors
                .as_ref()
                .map(|tree| tree.flatten())
                .unwrap_or_default();
            Error::new(Inner::Api(ApiError {
                status,
                error_type: error.error_type,
                message: error.message,
                request_id,
                data: error.data,
                validation,
                retry_after,
            }))
        }
        Err(_) if status == StatusCode::UNAUTHORIZED => Error::new(Inner::Api(ApiError {
            status,
            error_type: "unauthorized".to_owned(),
            message: String::new(),
            request_id,
            data: None,
            validation: Vec::new(),
            retry_after,
        })),
        Err(e) => {
            let (path, message) = if body.is_empty() {
                (None, "the body is empty".to_owned())
            } else if status.is_redirection() {
                (
                    None,
                    format!(
                        "a redirect{} was not followed; check the endpoint",
                        header_text(headers, "location")
                            .map(|l| format!(" to {}", excerpt(l.as_bytes())))
                            .unwrap_or_default()
                    ),
                )
            } else {
                (
                    Some(path_of(&e)),
                    format!("expected Seam's error envelope ({e})"),
                )
            };
            invalid_response(status, headers, body, path, message, Some(e))
        }
    }
}

/// The path of a failure while reading the envelope; serde_json's own errors carry no path.
fn path_of(e: &serde_json::Error) -> String {
    if e.is_data() {
        "error".to_owned()
    } else {
        String::new()
    }
}

fn invalid_response(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    path: Option<String>,
    message: String,
    source: Option<serde_json::Error>,
) -> Error {
    Error::new(Inner::InvalidResponse(InvalidResponse {
        status,
        content_type: header_text(headers, CONTENT_TYPE.as_str()),
        request_id: header_text(headers, "seam-request-id"),
        path,
        message,
        excerpt: excerpt(body),
        retry_after: retry_after::from_headers(headers),
        source,
    }))
}

/// A header's value as text, if present and printable; long values are shortened.
fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?;
    Some(excerpt(value.as_bytes()))
}

/// At most [`EXCERPT_CHARS`] characters of `body`, decoded lossily, control characters shown as spaces,
/// ending with `…` when shortened. Never splits a character.
pub(crate) fn excerpt(body: &[u8]) -> String {
    // Four bytes per char at most: no need to decode more than that.
    let head = &body[..body.len().min(EXCERPT_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let mut out = String::new();
    let mut chars = text.chars().map(|c| if c.is_control() { ' ' } else { c });
    for c in chars.by_ref().take(EXCERPT_CHARS - 1) {
        out.push(c);
    }
    match (chars.next(), chars.next()) {
        (None, _) if head.len() == body.len() => {}
        (Some(last), None) if head.len() == body.len() => out.push(last),
        _ => out.push('…'),
    }
    out
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_short_and_char_safe() {
        assert_eq!(excerpt(b""), "");
        assert_eq!(excerpt(b"a\nb"), "a b");
        let exact = "é".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(exact.as_bytes()), exact);
        let long = "é".repeat(EXCERPT_CHARS + 1);
        let cut = excerpt(long.as_bytes());
        assert_eq!(cut.chars().count(), EXCERPT_CHARS);
        assert!(cut.ends_with('…'));
        // Invalid UTF-8 and a multi-byte char cut at the byte limit do not panic.
        let mut bytes = vec![0xff; 3];
        bytes.extend("€".repeat(400).as_bytes());
        assert!(excerpt(&bytes).chars().count() <= EXCERPT_CHARS);
    }
}
