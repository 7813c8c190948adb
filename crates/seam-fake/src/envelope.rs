//! Building responses: JSON with a fresh `seam-request-id`, and Seam's error envelope.

use http::{header, HeaderValue, Response, StatusCode};
use serde_json::{json, Value};

use crate::body::FakeBody;

/// A JSON response with `content-type: application/json` and a new `seam-request-id`.
pub(crate) fn json(status: StatusCode, value: &Value) -> Response<FakeBody> {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut resp = Response::new(FakeBody::full(body));
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    stamp(h);
    resp
}

/// Adds a fresh `seam-request-id` header.
pub(crate) fn stamp(headers: &mut http::HeaderMap) {
    if let Ok(v) = HeaderValue::from_str(&crate::clock::random_uuid().to_string()) {
        headers.insert("seam-request-id", v);
    }
}

/// Seam's error envelope: `{"error": {"type", "message"}, "ok": false}`.
pub(crate) fn error(status: StatusCode, kind: &str, message: &str) -> Response<FakeBody> {
    json(
        status,
        &json!({"error": {"type": kind, "message": message}, "ok": false}),
    )
}

/// A 400 `invalid_input` envelope carrying zod-style `validation_errors`.
pub(crate) fn invalid_input(message: &str, validation_errors: Value) -> Response<FakeBody> {
    json(
        StatusCode::BAD_REQUEST,
        &json!({
            "error": {
                "type": "invalid_input",
                "message": message,
                "validation_errors": validation_errors,
            },
            "ok": false
        }),
    )
}

/// A plain HTML page (the portal): no scripts allowed, and no `referer` carrying the link's
/// token to other sites.
pub(crate) fn html(status: StatusCode, page: String) -> Response<FakeBody> {
    let mut resp = Response::new(FakeBody::full(page));
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    stamp(resp.headers_mut());
    resp
}
