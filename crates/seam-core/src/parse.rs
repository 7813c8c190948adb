//! Response parsing: `http::Response<Bytes>` -> the typed result, the API's error, or an invalid-response error.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, Response, StatusCode};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::config::Config;
use crate::endpoint::ReturnedUrls;
use crate::error::{ApiError, Error, Inner, InvalidResponse, Received};
use crate::operation::Operation;
use crate::retry_after;

mod envelope;

pub use envelope::MAX_DATA_BYTES;

/// Longest body excerpt kept in an invalid-response error, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// The `seam-request-id` response header, named once: looking a header up by `&str` parses the
/// name again on every call.
pub(crate) const REQUEST_ID: http::HeaderName = http::HeaderName::from_static("seam-request-id");

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
/// The body is read in one pass straight into `O::Output` (other members of the object are skipped
/// without being built); only an answer carrying the legacy key alone, or one that fails to read
/// (read again to find the JSON path of the failure), is read twice.
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
/// let problems = err.validation_errors().unwrap();
/// assert_eq!(problems.for_parameter("locale").next(), Some("Invalid enum value"));
/// ```
pub fn parse<O: Operation + ?Sized>(response: Response<Bytes>) -> Result<O::Output, Error> {
    parse_with::<O>(response, ReturnedUrls::default())
}

/// Like [`parse`], with the rule for returned URLs that fits `config`'s endpoint: plain `http`
/// links are accepted to a loopback host when the endpoint is on loopback, and to any host after
/// [`crate::ConfigBuilder::allow_insecure_http`]. [`parse`] alone accepts `https` links only.
///
/// ```
/// use seam_core::{parse_for, Config, Credentials};
/// use seam_core::operation::CreatePortal;
///
/// let local = Config::builder()
///     .credentials(Credentials::api_key("seam_test_key_123")?)
///     .endpoint("http://127.0.0.1:8080")
///     .build()?;
/// let answer = |url: &str| http::Response::new(bytes::Bytes::from(format!(r#"{{"ok": true, "customer_portal": {{
///     "url": "{url}", "customer_key": "c1", "workspace_id": "00000000-0000-0000-0000-000000000001",
///     "created_at": "2025-01-01T00:00:00Z", "expires_at": "2025-01-02T00:00:00Z"}}}}"#)));
/// assert!(parse_for::<CreatePortal>(&local, answer("http://127.0.0.1:8080/portal/x")).is_ok());
/// let err = parse_for::<CreatePortal>(&local, answer("javascript:alert(1)")).unwrap_err();
/// assert_eq!(err.json_path(), Some("customer_portal.url"));
/// # Ok::<(), seam_core::Error>(())
/// ```
pub fn parse_for<O: Operation + ?Sized>(
    config: &Config,
    response: Response<Bytes>,
) -> Result<O::Output, Error> {
    parse_with::<O>(response, config.returned_urls())
}

pub(crate) fn parse_with<O: Operation + ?Sized>(
    response: Response<Bytes>,
    urls: ReturnedUrls,
) -> Result<O::Output, Error> {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    if status.is_success() {
        return parse_success::<O>(status, &parts.headers, &body, urls);
    }
    Err(parse_failure(status, parts.headers, body))
}

fn parse_success<O: Operation + ?Sized>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &Bytes,
    urls: ReturnedUrls,
) -> Result<O::Output, Error> {
    let invalid = |path: Option<String>, message: String, source: Option<serde_json::Error>| {
        invalid_response(status, headers.clone(), body.clone(), path, message, source)
    };
    if body.is_empty() {
        return Err(invalid(
            Some(String::new()),
            "expected a JSON object, got an empty body".to_owned(),
            None,
        ));
    }
    let Some(key) = O::RESPONSE_KEY else {
        // The whole object is the result: one pass, straight from the bytes, then a look at `ok`.
        let output = read(body, || Whole(PhantomData::<O::Output>))
            .map_err(|(path, e)| shape_error(path, e, &invalid))?;
        let ok = match read(body, || Member::<IgnoredAny>::new(None, None)) {
            Ok(Found::Missing { ok, .. }) => ok,
            _ => None,
        };
        check_ok(status, headers, body, ok)?;
        return checked_urls::<O>(output, "", urls, &invalid);
    };
    let legacy = O::LEGACY_RESPONSE_KEY;
    let (output, ok, read_key) = match read(body, || Member::<O::Output>::new(Some(key), legacy)) {
        Ok(Found::Value(output, ok)) => (output, ok, key),
        Ok(Found::NotAnObject(kind)) => {
            return Err(invalid(
                Some(String::new()),
                format!("expected a JSON object, got {kind}"),
                None,
            ))
        }
        // Only an older server answers with the legacy key alone: this rare case pays a second pass.
        Ok(Found::Missing {
            legacy_seen: true,
            ok,
        }) => {
            check_ok(status, headers, body, ok)?;
            let legacy = legacy.unwrap_or(key);
            match read(body, || Member::<O::Output>::new(Some(legacy), None)) {
                Ok(Found::Value(output, ok)) => (output, ok, legacy),
                Ok(_) => {
                    return Err(invalid(
                        Some(key.to_owned()),
                        format!("the response has no `{key}` member"),
                        None,
                    ))
                }
                Err((path, e)) => return Err(shape_error(path, e, &invalid)),
            }
        }
        Ok(Found::Missing {
            legacy_seen: false,
            ok,
        }) => {
            check_ok(status, headers, body, ok)?;
            return Err(invalid(
                Some(key.to_owned()),
                format!("the response has no `{key}` member"),
                None,
            ));
        }
        Err((path, e)) => return Err(shape_error(path, e, &invalid)),
    };
    check_ok(status, headers, body, ok)?;
    checked_urls::<O>(output, read_key, urls, &invalid)
}

/// Refuses a 2xx answer whose `ok` is anything but `true` (absent is accepted): Seam's error
/// envelope becomes an API error, anything else an invalid-response error at `ok`.
fn check_ok(
    status: StatusCode,
    headers: &HeaderMap,
    body: &Bytes,
    ok: Option<OkFlag>,
) -> Result<(), Error> {
    let got = match ok {
        None | Some(OkFlag::True) => return Ok(()),
        Some(OkFlag::False) => "false",
        Some(OkFlag::Other(kind)) => kind,
    };
    if envelope::read(body).is_ok() {
        return Err(parse_failure(status, headers.clone(), body.clone()));
    }
    Err(invalid_response(
        status,
        headers.clone(),
        body.clone(),
        Some("ok".to_owned()),
        format!(
            "a success status (HTTP {}) with `ok` {got}: the operation did not report success",
            status.as_u16()
        ),
        None,
    ))
}

/// Passes `output` on when every URL in it keeps to `urls`; otherwise the invalid-response error
/// naming the first one that does not (`customer_portal.url`).
fn checked_urls<O: Operation + ?Sized>(
    output: O::Output,
    key: &str,
    urls: ReturnedUrls,
    invalid: &impl Fn(Option<String>, String, Option<serde_json::Error>) -> Error,
) -> Result<O::Output, Error> {
    let mut refused = None;
    O::visit_urls(&output, &mut |field, url| {
        if refused.is_none() {
            if let Err(why) = urls.check(url) {
                refused = Some((field, why, url.password().map(str::to_owned)));
            }
        }
    });
    match refused {
        None => Ok(output),
        Some((field, why, password)) => {
            let path = if key.is_empty() {
                field.to_owned()
            } else {
                format!("{key}.{field}")
            };
            let message = format!("the link at `{path}` {why}; it was not returned");
            let error = invalid(Some(path), message, None);
            // The excerpt may show the link: never its password.
            Err(match password {
                Some(password) => error.redact_excerpt(&password),
                None => error,
            })
        }
    }
}

/// Runs the seed made by `seed` over `body`; the whole body must be consumed.
///
/// The first pass is plain `serde_json`. Only when it fails is the body read again with
/// serde_path_to_error, to find the JSON path of the failure: a well-formed answer does not pay
/// for path tracking.
fn read<'de, S: DeserializeSeed<'de>>(
    body: &'de [u8],
    seed: impl Fn() -> S,
) -> Result<S::Value, (String, serde_json::Error)> {
    let mut json = serde_json::Deserializer::from_slice(body);
    match seed().deserialize(&mut json) {
        Ok(value) => {
            json.end().map_err(|e| (String::new(), e))?;
            Ok(value)
        }
        Err(untracked) => Err(read_tracked(body, seed()).unwrap_or((String::new(), untracked))),
    }
}

/// Reads `body` again with `seed`, tracking the JSON path, to locate a failure already seen;
/// `None` in the unexpected case that this pass succeeds.
fn read_tracked<'de, S: DeserializeSeed<'de>>(
    body: &'de [u8],
    seed: S,
) -> Option<(String, serde_json::Error)> {
    let mut json = serde_json::Deserializer::from_slice(body);
    let mut track = serde_path_to_error::Track::new();
    seed.deserialize(serde_path_to_error::Deserializer::new(
        &mut json, &mut track,
    ))
    .err()
    .map(|e| (track.path().to_string(), e))
}

/// The invalid-response error for a body that is not JSON or not of the expected shape.
fn shape_error(
    path: String,
    e: serde_json::Error,
    invalid: &impl Fn(Option<String>, String, Option<serde_json::Error>) -> Error,
) -> Error {
    // serde_path_to_error writes `.` for the root and `?` for a key it never finished reading
    // (truncated JSON): report the last complete position instead.
    let path = match path.as_str() {
        "." | "?" => String::new(),
        p => p.strip_suffix(".?").map_or(path.clone(), str::to_owned),
    };
    let message = if e.is_syntax() || e.is_eof() {
        format!("the body is not valid JSON ({e})")
    } else {
        format!("the response does not have the expected shape ({e})")
    };
    invalid(Some(path), message, Some(e))
}

/// Seed reading the whole document as `T`.
struct Whole<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Whole<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// What [`Member`] found in the top-level value.
enum Found<T> {
    /// The member, typed, and the top-level `ok`, if any.
    Value(T, Option<OkFlag>),
    /// No such member; whether the legacy key was there instead, and the top-level `ok`.
    Missing {
        legacy_seen: bool,
        ok: Option<OkFlag>,
    },
    /// The document is not an object but this kind of value (`an array`, ...).
    NotAnObject(&'static str),
}

/// Seed reading member `key` of the top-level object as `T` while streaming: other members are
/// skipped without being built, the presence of the `legacy` key is noted, and so is `ok`.
struct Member<T> {
    key: Option<&'static str>,
    legacy: Option<&'static str>,
    output: PhantomData<T>,
}

impl<T> Member<T> {
    fn new(key: Option<&'static str>, legacy: Option<&'static str>) -> Self {
        Self {
            key,
            legacy,
            output: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Member<T> {
    type Value = Found<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Found<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Member<T> {
    type Value = Found<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key {
            Some(key) => write!(f, "a JSON object with a `{key}` member"),
            None => f.write_str("a JSON object"),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found<T>, A::Error> {
        let mut found = None;
        let mut legacy_seen = false;
        let mut ok = None;
        while let Some(which) = map.next_key_seed(WhichKey(self.key, self.legacy))? {
            match which {
                // A repeated key: the first one counts.
                WhichKey::WANTED if found.is_none() => found = Some(map.next_value::<T>()?),
                WhichKey::LEGACY => {
                    legacy_seen = true;
                    map.next_value::<IgnoredAny>()?;
                }
                // A repeated `ok`: any value but `true` wins, whichever a reader would keep.
                WhichKey::OK => {
                    let flag = map.next_value::<OkFlag>()?;
                    if ok.is_none() || flag != OkFlag::True {
                        ok = Some(flag);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(match found {
            Some(value) => Found::Value(value, ok),
            None => Found::Missing { legacy_seen, ok },
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found<T>, A::Error> {
        // Drain it, so that a truncated array still reads as invalid JSON.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Found::NotAnObject("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Found<T>, E> {
        Ok(Found::NotAnObject("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Found<T>, E> {
        Ok(Found::NotAnObject("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Found<T>, E> {
        Ok(Found::NotAnObject("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Found<T>, E> {
        Ok(Found::NotAnObject("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Found<T>, E> {
        Ok(Found::NotAnObject("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Found<T>, E> {
        Ok(Found::NotAnObject("null"))
    }
}

/// Seed classifying an object key as the wanted one, the legacy one, `ok` or another, without
/// allocating it.
struct WhichKey(Option<&'static str>, Option<&'static str>);

impl WhichKey {
    const WANTED: u8 = 1;
    const LEGACY: u8 = 2;
    const OK: u8 = 3;
    const OTHER: u8 = 0;
}

impl<'de> DeserializeSeed<'de> for WhichKey {
    type Value = u8;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u8, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for WhichKey {
    type Value = u8;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<u8, E> {
        Ok(if Some(key) == self.0 {
            Self::WANTED
        } else if Some(key) == self.1 {
            Self::LEGACY
        } else if key == "ok" {
            Self::OK
        } else {
            Self::OTHER
        })
    }
}

/// The top-level `ok` of a 2xx answer: `true`, `false`, or another kind of value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OkFlag {
    True,
    False,
    Other(&'static str),
}

impl<'de> Deserialize<'de> for OkFlag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OkFlagVisitor)
    }
}

struct OkFlagVisitor;

impl<'de> Visitor<'de> for OkFlagVisitor {
    type Value = OkFlag;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<OkFlag, E> {
        Ok(if v { OkFlag::True } else { OkFlag::False })
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<OkFlag, E> {
        Ok(OkFlag::Other("a string"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<OkFlag, E> {
        Ok(OkFlag::Other("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<OkFlag, E> {
        Ok(OkFlag::Other("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<OkFlag, E> {
        Ok(OkFlag::Other("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<OkFlag, E> {
        Ok(OkFlag::Other("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OkFlag, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(OkFlag::Other("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OkFlag, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(OkFlag::Other("an object"))
    }
}

fn parse_failure(status: StatusCode, headers: HeaderMap, body: Bytes) -> Error {
    let request_id = header_text(&headers, &REQUEST_ID);
    let retry_after = retry_after::from_headers(&headers);
    match envelope::read(&body) {
        Ok(envelope) => Error::new(Inner::Api(ApiError {
            status,
            error_type: envelope.error_type,
            message: envelope.message,
            request_id,
            data: envelope.data,
            validation: envelope.validation,
            retry_after,
            received: Received { headers, body },
        })),
        Err(_) if status == StatusCode::UNAUTHORIZED => Error::new(Inner::Api(ApiError {
            status,
            error_type: "unauthorized".to_owned(),
            message: String::new(),
            request_id,
            data: None,
            validation: None,
            retry_after,
            received: Received { headers, body },
        })),
        Err(e) => {
            let (path, message) = if body.is_empty() {
                (None, "the body is empty".to_owned())
            } else if status.is_redirection() {
                (
                    None,
                    format!(
                        "a redirect{} was not followed; check the endpoint",
                        header_text(&headers, &http::header::LOCATION)
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
    headers: HeaderMap,
    body: Bytes,
    path: Option<String>,
    message: String,
    source: Option<serde_json::Error>,
) -> Error {
    Error::new(Inner::InvalidResponse(InvalidResponse {
        status,
        content_type: header_text(&headers, &CONTENT_TYPE),
        request_id: header_text(&headers, &REQUEST_ID),
        path,
        message,
        excerpt: excerpt(&body),
        retry_after: retry_after::from_headers(&headers),
        source,
        received: Received { headers, body },
    }))
}

/// A header's value as text, if present and printable; long values are shortened.
fn header_text(headers: &HeaderMap, name: &http::HeaderName) -> Option<String> {
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
