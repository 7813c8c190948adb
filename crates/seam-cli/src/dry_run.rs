//! `--dry-run`: the exact request the SDK would send, as one JSON object, secrets redacted.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// What a redacted header value is shown as.
pub const REDACTED: &str = "[redacted]";

/// One built request, in the order a reader wants: method, url, headers, body.
#[derive(Debug, Serialize)]
pub struct DryRun {
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Full URL including any query string.
    pub url: String,
    /// Headers by name (sorted); sensitive ones and `authorization` show `[redacted]`.
    pub headers: BTreeMap<String, String>,
    /// The JSON body, or `null` when the request has none (e.g. DELETE with query parameters).
    pub body: Value,
}

/// Describes `request` without any secret in it.
pub fn describe<B: AsRef<[u8]>>(request: &http::Request<B>) -> DryRun {
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
    let bytes = request.body().as_ref();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
    };
    DryRun {
        method: request.method().as_str().to_owned(),
        url: request.uri().to_string(),
        headers,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            .body(br#"{"a":1}"#.to_vec())
            .unwrap();
        let shown = serde_json::to_value(describe(&request)).unwrap();
        assert_eq!(
            shown,
            serde_json::json!({
                "method": "POST",
                "url": "https://example.test/customers/create_portal",
                "headers": {
                    "authorization": "[redacted]",
                    "content-type": "application/json",
                    "x-proxy-auth": "[redacted]"
                },
                "body": {"a": 1}
            })
        );
        let text = serde_json::to_string(&describe(&request)).unwrap();
        assert!(!text.contains("seam_abc") && !text.contains("proxy-token-123"));
        assert!(
            text.starts_with(r#"{"method":"#),
            "fields keep their order: {text}"
        );
    }

    #[test]
    fn empty_body_is_null() {
        let request = http::Request::builder()
            .method("DELETE")
            .uri("https://example.test/customers/delete_data?space_keys=a")
            .body(Vec::new())
            .unwrap();
        let shown = describe(&request);
        assert_eq!(shown.body, Value::Null);
        assert_eq!(
            shown.url,
            "https://example.test/customers/delete_data?space_keys=a"
        );
    }
}
