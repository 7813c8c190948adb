//! `--dry-run`: the exact request the SDK would send, as one JSON object, secrets redacted.
//!
//! The object is `{"method", "url", "headers", "body"}`, pretty-printed. The body is streamed from
//! the built bytes (see [`seam_cli::pretty`]): strings and numbers appear exactly as they would be
//! sent, in the order they would be sent, and no second copy of a large body is made.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use seam_cli::pretty::{is_json, write_pretty};

/// What a redacted header value is shown as.
pub const REDACTED: &str = "[redacted]";

/// The headers of `request` by name (sorted, repeats joined by `, `), sensitive ones and
/// `authorization` shown as [`REDACTED`].
pub fn headers<B>(request: &http::Request<B>) -> BTreeMap<String, String> {
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in request.headers() {
        let shown = if value.is_sensitive() || name == http::header::AUTHORIZATION {
            REDACTED.to_owned()
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        headers
            .entry(name.as_str().to_owned())
            .and_modify(|existing| {
                existing.push_str(", ");
                existing.push_str(&shown);
            })
            .or_insert(shown);
    }
    headers
}

/// Writes `request` as the dry-run JSON object (no trailing newline). An empty body is `null`; a
/// body that is not JSON (never built by the SDK) is shown as a string.
pub fn write<W: Write + ?Sized, B: AsRef<[u8]>>(
    out: &mut W,
    request: &http::Request<B>,
) -> io::Result<()> {
    write_parts(out, request, |out, f| {
        let body = request.body().as_ref();
        if body.is_empty() {
            out.write_all(b"null")
        } else if is_json(body) {
            write_pretty(out, f, body)
        } else {
            string(out, &String::from_utf8_lossy(body))
        }
    })
}

/// Writes `request` as the dry-run JSON object like [`write()`], with `body` (what the SDK would
/// serialize as the request's body) streamed through serde_json in place of the request's own
/// body bytes. The output is the same as [`write()`]'s for a request built with that body.
pub fn write_streamed<W: Write + ?Sized, B, T: Serialize + ?Sized>(
    out: &mut W,
    request: &http::Request<B>,
    body: &T,
) -> io::Result<()> {
    write_parts(out, request, |out, f| {
        let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Nested(f));
        // `From` hands back the writer's own io::Error (a closed pipe stays BrokenPipe).
        body.serialize(&mut serializer).map_err(io::Error::from)
    })
}

/// The dry-run object around a body that `body` writes through the document's formatter.
fn write_parts<W: Write + ?Sized, B>(
    out: &mut W,
    request: &http::Request<B>,
    body: impl FnOnce(&mut W, &mut PrettyFormatter<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut f = PrettyFormatter::new();
    f.begin_object(out)?;
    key(out, &mut f, true, "method")?;
    string(out, request.method().as_str())?;
    f.end_object_value(out)?;
    key(out, &mut f, false, "url")?;
    string(out, &request.uri().to_string())?;
    f.end_object_value(out)?;
    key(out, &mut f, false, "headers")?;
    f.begin_object(out)?;
    for (i, (name, value)) in headers(request).iter().enumerate() {
        key(out, &mut f, i == 0, name)?;
        string(out, value)?;
        f.end_object_value(out)?;
    }
    f.end_object(out)?;
    f.end_object_value(out)?;
    key(out, &mut f, false, "body")?;
    body(out, &mut f)?;
    f.end_object_value(out)?;
    f.end_object(out)
}

/// The document's [`PrettyFormatter`], borrowed to lay out a value nested in it (serde_json takes
/// its formatter by value). Every layout call goes to it; values are written as by any formatter.
struct Nested<'a, 'b>(&'a mut PrettyFormatter<'b>);

/// Forwards each named layout call of [`Formatter`] to the borrowed formatter.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: Write + ?Sized>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl Formatter for Nested<'_, '_> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }
}

fn key<W: Write + ?Sized>(
    out: &mut W,
    f: &mut PrettyFormatter<'_>,
    first: bool,
    name: &str,
) -> io::Result<()> {
    f.begin_object_key(out, first)?;
    string(out, name)?;
    f.end_object_key(out)?;
    f.begin_object_value(out)
}

fn string<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, text).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<B: AsRef<[u8]>>(request: &http::Request<B>) -> String {
        let mut out = Vec::new();
        write(&mut out, request).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn secrets_are_redacted_and_the_rest_kept() {
        let mut secret = http::HeaderValue::from_static("proxy-token-123");
        secret.set_sensitive(true);
        let request = http::Request::builder()
            .method("POST")
            .uri("https://example.test/customers/create_portal")
            .header("authorization", "Bearer seam_abc")
            .header("x-proxy-auth", secret)
            .header("content-type", "application/json")
            .body(br#"{"b":1,"a":[true,"x"]}"#.to_vec())
            .unwrap();
        let text = shown(&request);
        let expected = serde_json::json!({
            "method": "POST",
            "url": "https://example.test/customers/create_portal",
            "headers": {
                "authorization": "[redacted]",
                "content-type": "application/json",
                "x-proxy-auth": "[redacted]"
            },
            "body": {"b": 1, "a": [true, "x"]}
        });
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            expected
        );
        assert!(!text.contains("seam_abc") && !text.contains("proxy-token-123"));
        assert!(
            text.starts_with("{\n  \"method\": \"POST\",\n  \"url\": "),
            "{text}"
        );
        // The body keeps the order it is sent in (b before a), indented inside the object.
        assert!(
            text.ends_with(
                "\"body\": {\n    \"b\": 1,\n    \"a\": [\n      true,\n      \"x\"\n    ]\n  }\n}"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_streamed_body_prints_as_the_built_one() {
        use seam_core::operation::{Operation, PushData};
        let json = br#"{"customer_key": "c\u00e9\"q", "spaces": [{"space_key": "s", "name": "S",
            "geolocation": {"latitude": 38.712345678900017, "longitude": -1e-7},
            "duration_minutes": 45, "customer_data": {"address": null}}],
            "units": [], "reservations": [{"reservation_key": "r", "unit_keys": [],
            "custom_metadata": {"vip": true, "channel": "airbnb", "none": null}}]}"#;
        let typed: seam_types::PushDataRequest = serde_json::from_slice(json).unwrap();
        let built = PushData(&typed).body().unwrap().unwrap();
        let with_bytes = http::Request::builder()
            .method("POST")
            .uri("https://example.test/customers/push_data")
            .body(built)
            .unwrap();
        let without = http::Request::builder()
            .method("POST")
            .uri("https://example.test/customers/push_data")
            .body(bytes::Bytes::new())
            .unwrap();
        let mut streamed = Vec::new();
        write_streamed(&mut streamed, &without, &typed).unwrap();
        let streamed = String::from_utf8(streamed).unwrap();
        assert_eq!(streamed, shown(&with_bytes));
        assert!(streamed.contains("\"unit_keys\": []"), "{streamed}");
        // Numbers go out exactly as the body file wrote them (issue 12), not as their f64.
        assert!(
            streamed.contains("\"latitude\": 38.712345678900017"),
            "{streamed}"
        );
    }

    #[test]
    fn empty_body_is_null_and_other_bytes_a_string() {
        let request = http::Request::builder()
            .method("DELETE")
            .uri("https://example.test/customers/delete_data?space_keys=a")
            .body(Vec::new())
            .unwrap();
        let value: serde_json::Value = serde_json::from_str(&shown(&request)).unwrap();
        assert_eq!(value["body"], serde_json::Value::Null);
        assert_eq!(
            value["url"],
            "https://example.test/customers/delete_data?space_keys=a"
        );
        let request = http::Request::new(b"not json".to_vec());
        let value: serde_json::Value = serde_json::from_str(&shown(&request)).unwrap();
        assert_eq!(value["body"], "not json");
    }
}
