//! Test helpers: a request renderer that hides sensitive headers, a fake clock, and scripted transports.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use seam_core::exec::Runtime;
use seam_core::{BoxFuture, Config, Credentials, TransportError};

pub const API_KEY: &str = "seam_testkey_9f8e7d6c5b4a";
pub const PAT: &str = "seam_at1_personal_token_abc123";
pub const CONSOLE_JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb25zb2xlIn0.c2lnbmF0dXJl";
pub const WORKSPACE_ID: &str = "7f1e2d3c-4b5a-4968-8776-655443322110";

pub fn api_key_config() -> Config {
    Config::builder()
        .credentials(Credentials::api_key(API_KEY).expect("valid api key"))
        .build()
        .expect("valid config")
}

/// Renders a request as text: method and URI, headers sorted by name (sensitive values as
/// `[redacted]`), then the body as pretty JSON (or `<empty>` / raw text).
pub fn render_request(request: &http::Request<Bytes>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let shown = if value.is_sensitive() {
                "[redacted]".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_owned(), shown)
        })
        .collect();
    headers.sort();
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    let body = request.body();
    if body.is_empty() {
        out.push_str("<empty>\n");
    } else {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(v) => out.push_str(&serde_json::to_string_pretty(&v).expect("json value prints")),
            Err(_) => out.push_str(&String::from_utf8_lossy(body)),
        }
        out.push('\n');
    }
    out
}

/// A clock that only moves when slept on: each sleep advances it instantly and is recorded.
#[derive(Clone, Default)]
pub struct FakeRuntime {
    state: Arc<Mutex<ClockState>>,
    random: f64,
}

#[derive(Default)]
struct ClockState {
    now: Duration,
    sleeps: Vec<Duration>,
}

impl FakeRuntime {
    /// A fake clock at zero whose jitter source always returns `random`.
    pub fn new(random: f64) -> Self {
        Self {
            state: Arc::default(),
            random,
        }
    }

    /// Every sleep that completed, in order (attempt timeouts that fired included).
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state.lock().expect("clock lock").sleeps.clone()
    }

    /// Moves the clock forward without a sleep (time spent inside the transport).
    pub fn advance(&self, by: Duration) {
        self.state.lock().expect("clock lock").now += by;
    }
}

impl Runtime for FakeRuntime {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let state = Arc::clone(&self.state);
        // The clock moves when the sleep is first polled, not when it is created: a timer that
        // loses a race is never polled and costs no time.
        Box::pin(async move {
            let mut state = state.lock().expect("clock lock");
            state.now += duration;
            state.sleeps.push(duration);
        })
    }

    fn now(&self) -> Duration {
        self.state.lock().expect("clock lock").now
    }

    fn random(&self) -> f64 {
        self.random
    }
}

/// What the scripted transport returns for one request.
pub type Reply = BoxFuture<'static, Result<http::Response<Bytes>, TransportError>>;
/// The requests the scripted transport was given, in order.
pub type Seen = Arc<Mutex<Vec<http::Request<Bytes>>>>;

/// One scripted transport answer.
pub enum Step {
    /// Answer with this status, headers and body.
    Respond(u16, Vec<(&'static str, String)>, &'static str),
    /// Fail with this transport error.
    Fail(fn() -> TransportError),
    /// Never answer (the executor's timer must fire).
    Hang,
}

/// A closure transport that plays `steps` in order and records every request it was given.
pub fn scripted(
    steps: Vec<Step>,
) -> (
    impl Fn(http::Request<Bytes>) -> Reply + Send + Sync + 'static,
    Seen,
) {
    let steps = Arc::new(Mutex::new(VecDeque::from(steps)));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen_by_transport = Arc::clone(&seen);
    let transport = move |request: http::Request<Bytes>| -> Reply {
        seen_by_transport.lock().expect("seen lock").push(request);
        let step = steps.lock().expect("steps lock").pop_front();
        match step {
            Some(Step::Respond(status, headers, body)) => {
                let mut builder = http::Response::builder().status(status);
                for (name, value) in headers {
                    builder = builder.header(name, value);
                }
                let response = builder
                    .body(Bytes::from_static(body.as_bytes()))
                    .expect("scripted response is valid");
                Box::pin(async move { Ok(response) })
            }
            Some(Step::Fail(make)) => {
                let error = make();
                Box::pin(async move { Err(error) })
            }
            Some(Step::Hang) => Box::pin(std::future::pending()),
            None => Box::pin(async { Err(TransportError::io("the script has no more steps")) }),
        }
    };
    (transport, seen)
}

/// Runs a future to completion on a single-threaded tokio runtime (dev-dependency only).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(future)
}

pub const PORTAL_OK: &str = r#"{"ok": true, "customer_portal": {
    "url": "https://connect.getseam.com/portal/abc", "customer_key": "customer-1",
    "workspace_id": "7f1e2d3c-4b5a-4968-8776-655443322110",
    "created_at": "2025-05-01T10:00:00.000Z", "expires_at": "2025-05-02T10:00:00.000Z"}}"#;
