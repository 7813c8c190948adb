//! The control routes under `/_fake/`: arm faults, clear them, read counters; and who may use them.
//!
//! Only the fake's owner may: a request needs `authorization: Bearer <control token>` (printed at
//! start, [`crate::FakeSeam::control_token`]), must come from a loopback peer, must name the fake's
//! own address as its `Host` (a DNS-rebinding page names its own host name), and must not carry a
//! foreign `Origin` or a cross-site `Sec-Fetch-Site` (a page in a browser on the same machine).

use std::net::{IpAddr, SocketAddr};

use http::{header, Method, Request, Response, StatusCode};
use serde_json::json;

use crate::body::FakeBody;
use crate::envelope;
use crate::service::State;

/// The control routes.
const ROUTES: &[&str] = &["/_fake/faults", "/_fake/counters"];

/// Whether `path` is one of the control routes.
pub(crate) fn is_route(path: &str) -> bool {
    ROUTES.contains(&path)
}

/// Refuses a control request that is not the owner's: `Some(response saying why)`.
pub(crate) fn refusal<B>(
    state: &State,
    peer: SocketAddr,
    req: &Request<B>,
) -> Option<Response<FakeBody>> {
    let forbidden = |msg: &str| Some(envelope::error(StatusCode::FORBIDDEN, "forbidden", msg));
    if !peer.ip().is_loopback() {
        return forbidden("The control routes only answer loopback clients.");
    }
    let headers = req.headers();
    let host_header = headers.get(header::HOST).map(|h| h.to_str().unwrap_or(""));
    let authority = req.uri().authority().map(|a| a.as_str());
    let hosts: Vec<&str> = host_header.into_iter().chain(authority).collect();
    if hosts.is_empty() || !hosts.iter().all(|h| is_own_host(state.addr, h)) {
        return forbidden(
            "The control routes only answer requests whose Host is the fake's own address.",
        );
    }
    for origin in headers.get_all(header::ORIGIN) {
        let own = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|h| is_own_host(state.addr, h));
        if !own {
            return forbidden("The control routes refuse cross-origin requests.");
        }
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        if !matches!(site.to_str(), Ok("same-origin" | "none")) {
            return forbidden("The control routes refuse cross-site requests.");
        }
    }
    let mut auth = headers.get_all(header::AUTHORIZATION).iter();
    let token = match (auth.next(), auth.next()) {
        (Some(v), None) => v
            .to_str()
            .ok()
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim()),
        _ => None,
    };
    if !token
        .is_some_and(|t| crate::auth::constant_eq(t.as_bytes(), state.control_token.as_bytes()))
    {
        return Some(envelope::error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "The control routes need `authorization: Bearer <control token>` (printed by \
             seam-fake at start; FakeSeam::control_token() in Rust).",
        ));
    }
    None
}

/// Whether `host` (a `Host` value or an authority: `name:port`) names the fake's own address:
/// its port, and `localhost` or an IP literal of the fake (any loopback address for a loopback
/// bind, any address for an unspecified one).
fn is_own_host(addr: SocketAddr, host: &str) -> bool {
    let Some((name, port)) = host.rsplit_once(':') else {
        return false;
    };
    if port.parse::<u16>().ok() != Some(addr.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    let Ok(ip) = literal.parse::<IpAddr>() else {
        return false;
    };
    if name.contains(':') && !name.starts_with('[') {
        return false;
    }
    let bound = addr.ip();
    ip == bound || bound.is_unspecified() || (bound.is_loopback() && ip.is_loopback())
}

/// Serves a `/_fake/...` request that [`refusal`] let through.
pub(crate) fn handle(
    state: &State,
    method: &Method,
    path: &str,
    body: &[u8],
) -> Response<FakeBody> {
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

#[cfg(test)]
mod tests {
    use super::is_own_host;
    use std::net::SocketAddr;

    #[test]
    fn own_host_is_the_port_and_a_literal_or_localhost() {
        let v4: SocketAddr = "127.0.0.1:8787".parse().unwrap();
        assert!(is_own_host(v4, "127.0.0.1:8787"));
        assert!(is_own_host(v4, "LOCALHOST:8787"));
        assert!(is_own_host(v4, "127.0.0.2:8787"));
        assert!(!is_own_host(v4, "127.0.0.1:8788"));
        assert!(!is_own_host(v4, "127.0.0.1"));
        assert!(!is_own_host(v4, "evil.invalid:8787"));
        assert!(!is_own_host(v4, "10.0.0.1:8787"));
        let v6: SocketAddr = "[::1]:9".parse().unwrap();
        assert!(is_own_host(v6, "[::1]:9"));
        assert!(!is_own_host(v6, "::1:9"));
        let any: SocketAddr = "0.0.0.0:9".parse().unwrap();
        assert!(is_own_host(any, "192.0.2.7:9"));
        assert!(!is_own_host(any, "rebind.invalid:9"));
    }
}
