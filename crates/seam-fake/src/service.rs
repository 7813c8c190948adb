//! One request's path through the fake: count, fault, auth, validate, dispatch.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use serde_json::Value;
use tokio::sync::Semaphore;

use crate::auth::Credentials;
use crate::body::{BoxError, FakeBody};
use crate::conn_io::ConnCtl;
use crate::counters::Counters;
use crate::envelope;
use crate::fault_apply::{self, Plan};
use crate::faults::Faults;
use crate::handlers;
use crate::store::Store;

/// Limits that keep one client from tying the fake up (defaults in [`Limits::default`], documented
/// in the README and `--help`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The largest request body read; a larger one gets a 413.
    pub(crate) max_body: usize,
    /// How long a client may take to send a request head, counted from the accept (both
    /// protocols) or from the previous response (HTTP/1 keep-alive).
    pub(crate) head_timeout: Duration,
    /// How long a client may take to send a request body.
    pub(crate) body_timeout: Duration,
    /// How long an HTTP/2 connection may stay open without a request in flight.
    pub(crate) idle_timeout: Duration,
    /// Connections served at once.
    pub(crate) max_connections: usize,
    /// Concurrent streams per HTTP/2 connection.
    pub(crate) max_streams: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body: 32 * 1024 * 1024,
            head_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(30),
            max_connections: 512,
            max_streams: 32,
        }
    }
}

/// Request bodies (or DELETE queries) at least this large are parsed, validated and applied on
/// the blocking pool, so the server keeps answering while they are worked on.
const HEAVY: usize = 64 * 1024;

/// State shared by every connection of one fake.
pub(crate) struct State {
    pub(crate) limits: Limits,
    pub(crate) creds: Credentials,
    /// The bearer token of the control routes.
    pub(crate) control_token: String,
    pub(crate) addr: SocketAddr,
    pub(crate) base_url: String,
    pub(crate) store: Store,
    /// How long a new portal link stays valid.
    pub(crate) link_lifetime: time::Duration,
    pub(crate) faults: Faults,
    pub(crate) counters: Counters,
    /// Heavy requests worked on at once (the rest wait their turn without blocking the server).
    pub(crate) heavy: Semaphore,
    pub(crate) log: bool,
}

impl State {
    /// The key a request to `path` is counted and logged under: the route for the API and control
    /// routes, `/portal/:token` for portal pages, `(redacted path)` for a path that carries a
    /// credential or a portal token, else the path itself.
    pub(crate) fn counter_key<'a>(&self, path: &'a str) -> Cow<'a, str> {
        if path.starts_with("/portal/") {
            return Cow::Borrowed("/portal/:token");
        }
        if crate::ROUTES.iter().any(|(_, p)| *p == path) || crate::control::is_route(path) {
            return Cow::Borrowed(path);
        }
        let decoded = percent_decode(path);
        let secret = [
            self.creds.api_key.as_str(),
            self.creds.pat.as_str(),
            self.control_token.as_str(),
        ];
        let leaks = [path, decoded.as_ref()].iter().any(|p| {
            secret.iter().any(|s| !s.is_empty() && p.contains(s))
                || p.split(['/', ';', ',', '=', '.'])
                    .any(|seg| seg.len() >= 16 && self.store.is_portal_token(seg))
        });
        if leaks {
            Cow::Borrowed("(redacted path)")
        } else {
            Cow::Borrowed(path)
        }
    }
}

/// `%XX` sequences decoded (lossily), so an encoded secret is recognised too.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(b'%'), Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(((hex(h).unwrap_or(0) << 4) | hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (Some(&b), _, _) => {
                out.push(b);
                i += 1;
            }
            _ => break,
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Serves one request.
pub(crate) async fn handle(
    state: Arc<State>,
    ctl: Arc<ConnCtl>,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Result<Response<FakeBody>, BoxError> {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let key = state.counter_key(&path).into_owned();
    let call = state.counters.request_received(&key, ctl.seen_paths());
    let is_control = path.starts_with("/_fake/");
    if is_control {
        if let Some(refused) = crate::control::refusal(&state, peer, &req) {
            log(&state, &method, &key, Some(refused.status()));
            return Ok(refused);
        }
    }
    let fault = if is_control {
        None
    } else {
        state.faults.take(&path, call)
    };
    let (delay, damage) = match fault_apply::plan(fault, &ctl) {
        Plan::Replace(r) => {
            log(&state, &method, &key, r.as_ref().ok().map(Response::status));
            return r;
        }
        Plan::Handle { delay, damage } => (delay, damage),
    };
    let (parts, body) = req.into_parts();
    let bytes = match read_body(&state.limits, &parts.headers, body).await {
        Ok(b) => b,
        Err(resp) => {
            log(&state, &method, &key, Some(resp.status()));
            return Ok(resp);
        }
    };
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    let resp = if is_control {
        crate::control::handle(&state, &method, &path, &bytes)
    } else {
        let query = parts.uri.query().unwrap_or("").to_owned();
        let base = base_url(&parts, &state.base_url);
        let call = Call {
            method: method.clone(),
            path,
            query,
            headers: parts.headers,
            body: bytes,
            base,
        };
        if call.body.len() >= HEAVY || call.query.len() >= HEAVY {
            run_heavy(&state, call).await
        } else {
            route(&state, &call)
        }
    };
    log(&state, &method, &key, Some(resp.status()));
    Ok(match damage {
        Some(f) => fault_apply::damage(resp, &f, ctl),
        None => resp,
    })
}

/// What [`route`] needs of a request, owned so it can move to the blocking pool.
struct Call {
    method: Method,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Bytes,
    base: String,
}

/// Routes a large request on the blocking pool, a few at a time.
async fn run_heavy(state: &Arc<State>, call: Call) -> Response<FakeBody> {
    let busy = || {
        envelope::error(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            "seam-fake is shutting down.",
        )
    };
    let Ok(_permit) = state.heavy.acquire().await else {
        return busy();
    };
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || route(&state, &call))
        .await
        .unwrap_or_else(|_| busy())
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
    match tokio::time::timeout(limits.body_timeout, collect).await {
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

/// One line per request: method, counter key (never a token) and status.
fn log(state: &State, method: &Method, key: &str, status: Option<StatusCode>) {
    if state.log {
        let status = status.map_or_else(|| "(closed)".to_owned(), |s| s.as_u16().to_string());
        eprintln!("seam-fake: {method} {key} -> {status}");
    }
}

/// The base URL for links: the request's authority (HTTP/2) or `host` if it looks like a host,
/// else the bound address.
fn base_url(parts: &http::request::Parts, fallback: &str) -> String {
    let host = parts.uri.authority().map(|a| a.as_str()).or_else(|| {
        parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
    });
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

fn route(state: &State, call: &Call) -> Response<FakeBody> {
    let Call {
        method,
        path,
        query,
        headers,
        body,
        base,
    } = call;
    if let Some(token) = path.strip_prefix("/portal/") {
        if method == Method::GET || method == Method::HEAD {
            return handlers::portal_page(state, token, headers);
        }
        return method_not_allowed("GET");
    }
    let allowed: Vec<&str> = crate::ROUTES
        .iter()
        .filter(|(_, p)| p == path)
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
    match path.as_str() {
        "/customers/create_portal" => handlers::create_portal(state, value, base),
        "/customers/push_data" => handlers::push_data(state, value),
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

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_decoding_reveals_encoded_text() {
        assert_eq!(percent_decode("/a%5Fb%2fc"), "/a_b/c");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/plain"), "/plain");
    }
}
