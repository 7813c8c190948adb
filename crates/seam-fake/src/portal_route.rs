//! `GET /portal/<token>`: one view of the link, answered as HTML or, for `accept:
//! application/json`, as JSON; with frame headers that follow `is_embedded`, and a 410 once the
//! link has expired.

use http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use serde_json::json;
use time::OffsetDateTime;

use crate::body::FakeBody;
use crate::clock::rfc3339_micros;
use crate::envelope;
use crate::portal_page;
use crate::portal_view::PortalView;
use crate::store::{PortalLink, Store};

/// The page's policy: nothing loads but its inline style; no forms, no base, no plugins.
const CSP_BASE: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The answer for a known link: its page or view, or a 410 once past its `expires_at`.
pub(crate) fn respond(link: &PortalLink, store: &Store, request: &HeaderMap) -> Response<FakeBody> {
    let json = wants_json(request);
    let expires_at = rfc3339_micros(link.expires_at);
    let embedded = link
        .config
        .get("is_embedded")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    if link.expires_at <= OffsetDateTime::now_utc() {
        let mut resp = if json {
            envelope::json(
                StatusCode::GONE,
                &json!({
                    "error": {
                        "type": "portal_link_expired",
                        "message": format!("This portal link expired at {expires_at}."),
                        "data": {"expires_at": expires_at},
                    },
                    "ok": false
                }),
            )
        } else {
            let view =
                PortalView::build(&link.customer_key, &link.config, None, expires_at.clone());
            envelope::html(
                StatusCode::GONE,
                portal_page::expired(&view.locale, embedded, &expires_at),
            )
        };
        frame_headers(resp.headers_mut(), embedded);
        return resp;
    }
    // Read the customer's resources only for a live link.
    let data = store.customer(&link.customer_key);
    let view = PortalView::build(&link.customer_key, &link.config, data.as_ref(), expires_at);
    let mut resp = if json {
        let value = serde_json::to_value(&view).unwrap_or_default();
        envelope::json(StatusCode::OK, &value)
    } else {
        envelope::html(StatusCode::OK, portal_page::render(&view))
    };
    frame_headers(resp.headers_mut(), embedded);
    resp
}

/// The answer for a token the fake does not know.
pub(crate) fn not_found(request: &HeaderMap) -> Response<FakeBody> {
    let mut resp = if wants_json(request) {
        envelope::error(
            StatusCode::NOT_FOUND,
            "portal_link_not_found",
            "This seam-fake does not know that portal link.",
        )
    } else {
        envelope::html(StatusCode::NOT_FOUND, portal_page::not_found())
    };
    frame_headers(resp.headers_mut(), false);
    resp
}

/// Framing follows `is_embedded`: any site may frame an embedded portal; no site may frame
/// any other portal page (CSP `frame-ancestors 'none'`, and `x-frame-options: DENY` for
/// browsers that predate it). `vary: accept` because one URL has two representations.
fn frame_headers(headers: &mut HeaderMap, embedded: bool) {
    let csp = if embedded {
        format!("{CSP_BASE}; frame-ancestors *")
    } else {
        format!("{CSP_BASE}; frame-ancestors 'none'")
    };
    if let Ok(v) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if embedded {
        headers.remove(header::X_FRAME_OPTIONS);
    } else {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// Whether the client prefers JSON to HTML: the `accept` media range with the higher `q` among
/// `application/json` and `text/html` (the first listed on a tie); HTML when neither is named.
pub(crate) fn wants_json(headers: &HeaderMap) -> bool {
    let mut best_json: Option<(f32, usize)> = None;
    let mut best_html: Option<(f32, usize)> = None;
    let ranges = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .take(64);
    for (i, range) in ranges.enumerate() {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        let slot = match media.as_str() {
            "application/json" => &mut best_json,
            "text/html" | "application/xhtml+xml" => &mut best_html,
            _ => continue,
        };
        if slot.is_none_or(|(bq, _)| q > bq) {
            *slot = Some((q, i));
        }
    }
    match (best_json, best_html) {
        (Some(_), None) => true,
        (Some((jq, ji)), Some((hq, hi))) => jq > hq || (jq == hq && ji < hi),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn negotiation_prefers_what_the_client_ranks_higher() {
        assert!(wants_json(&accept("application/json")));
        assert!(wants_json(&accept("application/json, text/html;q=0.5")));
        assert!(!wants_json(&accept(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!wants_json(&accept("text/html, application/json")));
        assert!(!wants_json(&accept("application/json;q=0")));
        assert!(!wants_json(&accept("*/*")));
        assert!(!wants_json(&HeaderMap::new()));
    }
}
