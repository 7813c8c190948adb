//! One request's path through the fake: count, fault, auth, validate, dispatch.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http::{header, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use serde_json::Value;

use crate::auth::Credentials;
use crate::body::{BoxError, FakeBody};
use crate::conn_io::ConnCtl;
use crate::counters::Counters;
use crate::envelope;
use crate::fault_apply::{self, Plan};
use crate::faults::Faults;
use crate::handlers;
use crate::store::Store;

/// Limits that keep one client from tying the fake up.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The largest request body read; a larger one gets a 413.
    pub(crate) max_body: usize,
    /// How long a client may take to send a request head, or a request body.
    pub(crate) read_timeout: std::time::Duration,
    /// Connections served at once.
    pub(crate) max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body: 32 * 1024 * 1024,
            read_timeout: std::time::Duration::from_secs(30),
            max_connections: 512,
        }
    }
}

/// State shared by every connection of one fake.
pub(crate) struct State {
    pub(crate) limits: Limits,
    pub(crate) creds: Credentials,
    pub(crate) base_url: String,
    pub(crate) store: Mutex<Store>,
    pub(crate) faults: Faults,
    pub(crate) counters: Counters,
    pub(crate) log: bool,
}

impl State {
    pub(crate) fn lock_store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Serves one request.
pub(crate) async fn handle(
    state: Arc<State>,
    ctl: Arc<ConnCtl>,
    (peer, conn_id): (SocketAddr, u64),
    req: Request<Incoming>,
) -> Result<Response<FakeBody>, BoxError> {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let call = state.counters.request_received(&path, conn_id);
    let is_control = path.starts_with("/_fake/");
    let fault = if is_control {
        None
    } else {
        state.faults.take(&path, call)
    };
    let (delay, damage) = match fault_apply::plan(fault, &ctl) {
        Plan::Replace(r) => {
            log(
                &state,
                &method,
                &path,
                r.as_ref().ok().map(Response::status),
            );
            return r;
        }
        Plan::Handle { delay, damage } => (delay, damage),
    };
    let (parts, body) = req.into_parts();
    let bytes = match read_body(&state.limits, &parts.headers, body).await {
        Ok(b) => b,
        Err(resp) => {
            log(&state, &method, &path, Some(resp.status()));
            return Ok(resp);
        }
    };
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    let resp = if is_control {
        crate::control::handle(&state, peer, &method, &path, &bytes)
    } else {
        let query = parts.uri.query().unwrap_or("");
        let base = base_url(&parts.headers, &state.base_url);
        route(&state, &method, &path, query, &parts.headers, &bytes, &base)
    };
    log(&state, &method, &path, Some(resp.status()));
    Ok(match damage {
        Some(f) => fault_apply::damage(resp, &f, ctl),
        None => resp,
    })
}

/// Reads the whole request body within the size and time limits; on failure, the response to send.
async fn read_body(
    limits: &Limits,
    headers: &http::HeaderMap,
    body: Incoming,
) -> Result<Bytes, Response<FakeBody>> {
    let too_large = || {
        envelope::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            &format!("The request body is larger than {} bytes.", limits.max_body),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body as u64) {
        // Refused before a byte of it is read.
        return Err(too_large());
    }
    let collect = Limited::new(body, limits.max_body).collect();
    match tokio::time::timeout(limits.read_timeout, collect).await {
        Ok(Ok(c)) => Ok(c.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err(envelope::error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The request body was cut off.",
        )),
        Err(_) => Err(envelope::error(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            "The request body did not arrive in time.",
        )),
    }
}

fn log(state: &State, method: &Method, path: &str, status: Option<StatusCode>) {
    if state.log {
        let status = status.map_or_else(|| "(closed)".to_owned(), |s| s.as_u16().to_string());
        let shown = if path.starts_with("/portal/") {
            "/portal/…"
        } else {
            path
        };
        eprintln!("seam-fake: {method} {shown} -> {status}");
    }
}

/// The base URL for links: the request's `host` if it looks like a host, else the bound address.
fn base_url(headers: &http::HeaderMap, fallback: &str) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match host {
        Some(h)
            if !h.is_empty()
                && h.len() < 256
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)) =>
        {
            format!("http://{h}")
        }
        _ => fallback.to_owned(),
    }
}

fn route(
    state: &State,
    method: &Method,
    path: &str,
    query: &str,
    headers: &http::HeaderMap,
    body: &Bytes,
    base: &str,
) -> Response<FakeBody> {
    if let Some(token) = path.strip_prefix("/portal/") {
        if method == Method::GET || method == Method::HEAD {
            return handlers::portal_page(state, token);
        }
        return method_not_allowed("GET");
    }
    let allowed: Vec<&str> = crate::ROUTES
        .iter()
        .filter(|(_, p)| *p == path)
        .map(|(m, _)| *m)
        .collect();
    if allowed.is_empty() {
        return envelope::error(
            StatusCode::NOT_FOUND,
            "not_found",
            &format!("No route for {method} {}.", truncate(path, 200)),
        );
    }
    if !allowed.contains(&method.as_str()) {
        return method_not_allowed(&allowed.join(", "));
    }
    if !state.creds.accepts(headers) {
        return envelope::error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Unauthorized: send a valid API key, or a personal access token with seam-workspace.",
        );
    }
    if method == Method::DELETE {
        return handlers::delete_data_query(state, query);
    }
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(serde_json::Map::new())
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(_) => {
                let tree = serde_json::json!({"_errors": ["Invalid JSON"]});
                return envelope::invalid_input("Invalid input: the body is not valid JSON", tree);
            }
        }
    };
    if let Some(issues) = crate::validator::validate_operation_body(method.as_str(), path, &value) {
        if !issues.is_empty() {
            return envelope::invalid_input(
                &crate::zod::summary(&issues),
                crate::zod::format_tree(&issues),
            );
        }
    }
    match path {
        "/customers/create_portal" => handlers::create_portal(state, &value, base),
        "/customers/push_data" => handlers::push_data(state, &value),
        "/customers/delete_data" => handlers::delete_data_body(state, &value),
        _ => handlers::create_deep_link(state, &value, base),
    }
}

fn method_not_allowed(allow: &str) -> Response<FakeBody> {
    let mut resp = envelope::error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "That method is not allowed on this route.",
    );
    if let Ok(v) = HeaderValue::from_str(allow) {
        resp.headers_mut().insert(header::ALLOW, v);
    }
    resp
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
