//! The control routes under `/_fake/` (loopback peers only): arm faults, clear them, read counters.

use std::net::SocketAddr;

use http::{Method, Response, StatusCode};
use serde_json::json;

use crate::body::FakeBody;
use crate::envelope;
use crate::service::State;

/// Serves a `/_fake/...` request.
pub(crate) fn handle(
    state: &State,
    peer: SocketAddr,
    method: &Method,
    path: &str,
    body: &[u8],
) -> Response<FakeBody> {
    if !peer.ip().is_loopback() {
        return envelope::error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "The control routes only answer loopback clients.",
        );
    }
    match (method.as_str(), path) {
        ("POST", "/_fake/faults") => {
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(body);
            let added = parsed
                .map_err(|e| format!("not JSON: {e}"))
                .and_then(|v| state.faults.add_from_json(&v));
            match added {
                Ok(()) => envelope::json(
                    StatusCode::OK,
                    &json!({"armed": state.faults.armed(), "ok": true}),
                ),
                Err(msg) => envelope::invalid_input(&msg, json!({"_errors": [msg]})),
            }
        }
        ("DELETE", "/_fake/faults") => {
            state.faults.clear();
            envelope::json(StatusCode::OK, &json!({"armed": 0, "ok": true}))
        }
        ("GET", "/_fake/counters") => envelope::json(
            StatusCode::OK,
            &json!({
                "connections": state.counters.connections(),
                "requests": state.counters.snapshot(),
                "ok": true
            }),
        ),
        _ => envelope::error(StatusCode::NOT_FOUND, "not_found", "No such control route."),
    }
}
