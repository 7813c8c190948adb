//! The running fake: how to start it, what it accepts, and how to stop it.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::auth::Credentials;
use crate::counters::Counters;
use crate::faults::Faults;
use crate::service::{Limits, State};
use crate::store::{Caps, Store};

/// A running fake Seam API. Dropping it stops the server (inside a Tokio runtime).
pub struct FakeSeam {
    addr: SocketAddr,
    base_url: String,
    state: Arc<State>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl FakeSeam {
    /// Starts a fake on `127.0.0.1` with a free port and fresh random credentials.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// A builder to choose the address, credentials and logging.
    pub fn builder() -> FakeSeamBuilder {
        FakeSeamBuilder::default()
    }

    /// The URL to send API calls to, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API key the fake accepts (`authorization: Bearer <key>`).
    pub fn api_key(&self) -> &str {
        &self.state.creds.api_key
    }

    /// The personal access token the fake accepts together with [`FakeSeam::workspace_id`].
    pub fn personal_access_token(&self) -> &str {
        &self.state.creds.pat
    }

    /// The workspace of the personal access token (sent as `seam-workspace`), also reported
    /// as `workspace_id` in portal links.
    pub fn workspace_id(&self) -> uuid::Uuid {
        self.state.creds.workspace_id
    }

    /// The bearer token of the control routes (`/_fake/faults`, `/_fake/counters`): a client
    /// sends `authorization: Bearer <token>`. The library calls ([`FakeSeam::faults`],
    /// [`FakeSeam::counters`]) need none of it.
    pub fn control_token(&self) -> &str {
        &self.state.control_token
    }

    /// The fault plan; arm faults here.
    pub fn faults(&self) -> &Faults {
        &self.state.faults
    }

    /// What the server has received.
    pub fn counters(&self) -> &Counters {
        &self.state.counters
    }

    /// The stored data of one customer, as `{"<collection>": [resource, ...], ...}`.
    pub fn customer_data(&self, customer_key: &str) -> Option<serde_json::Value> {
        let data = self.state.store.customer(customer_key)?;
        serde_json::to_value(data).ok()
    }

    /// Stops accepting, closes open connections and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for FakeSeam {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl std::fmt::Debug for FakeSeam {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeSeam")
            .field("base_url", &self.base_url)
            .field("api_key", &"[redacted]")
            .field("personal_access_token", &"[redacted]")
            .field("control_token", &"[redacted]")
            .field("workspace_id", &self.state.creds.workspace_id)
            .finish()
    }
}

/// Options for [`FakeSeam`]; start with [`FakeSeam::builder`].
#[derive(Default)]
pub struct FakeSeamBuilder {
    bind: Option<SocketAddr>,
    allow_remote: bool,
    api_key: Option<String>,
    pat: Option<String>,
    workspace_id: Option<uuid::Uuid>,
    control_token: Option<String>,
    log: bool,
    limits: Limits,
    caps: Caps,
    link_lifetime: Option<Duration>,
}

impl FakeSeamBuilder {
    /// The address to listen on (default `127.0.0.1:0`, a free port).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = Some(addr);
        self
    }

    /// Allows a non-loopback bind address (refused otherwise).
    pub fn allow_remote(mut self, allow: bool) -> Self {
        self.allow_remote = allow;
        self
    }

    /// Accept this API key instead of a random `seam_fake_...` one.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Accept this personal access token instead of a random `seam_at_fake_...` one.
    pub fn personal_access_token(mut self, token: impl Into<String>) -> Self {
        self.pat = Some(token.into());
        self
    }

    /// Use this workspace id instead of a random one.
    pub fn workspace_id(mut self, id: uuid::Uuid) -> Self {
        self.workspace_id = Some(id);
        self
    }

    /// Print one line per request (method, path, status; never headers or bodies) to stderr.
    pub fn log_requests(mut self, log: bool) -> Self {
        self.log = log;
        self
    }

    /// The largest request body accepted (default 32 MiB); a larger one gets a 413 in Seam's
    /// error envelope, and a declared `content-length` above it is refused before reading.
    pub fn max_request_body(mut self, bytes: usize) -> Self {
        self.limits.max_body = bytes;
        self
    }

    /// Sets both [`FakeSeamBuilder::head_read_timeout`] and
    /// [`FakeSeamBuilder::body_read_timeout`].
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.head_timeout = timeout;
        self.limits.body_timeout = timeout;
        self
    }

    /// How long a client may take to send a complete request head (default 5 s), counted from
    /// the connection's accept (HTTP/1 and HTTP/2) or from the previous response (HTTP/1
    /// keep-alive, which is so also its idle limit). Sending bytes slowly does not extend it.
    /// A connection that misses it is closed.
    pub fn head_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.head_timeout = timeout;
        self
    }

    /// How long a client may take to send a request body once its head has arrived (default
    /// 30 s); a body that misses it gets a 408 in Seam's error envelope.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.body_timeout = timeout;
        self
    }

    /// How long an HTTP/2 connection may stay open with no request in flight (default 30 s);
    /// then it gets a GOAWAY and is closed.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.limits.idle_timeout = timeout;
        self
    }

    /// How many connections are served at once (default 512, at least 1). When all are taken,
    /// the connection idle longest is closed to make room; only when all are busy do more
    /// clients wait in the accept queue.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.limits.max_connections = n.max(1);
        self
    }

    /// How many concurrent streams one HTTP/2 connection may open (default 32, at least 1).
    pub fn max_concurrent_streams(mut self, n: u32) -> Self {
        self.limits.max_streams = n.max(1);
        self
    }

    /// How many resources the fake stores at most, over all customers and collections, a
    /// customer record counting as one (default 200 000). A push or create_portal past it is
    /// refused with a 413 (`fake_store_full`) and stores nothing.
    pub fn max_stored_resources(mut self, n: usize) -> Self {
        self.caps.resources = n;
        self
    }

    /// How many bytes of resources the fake stores at most, counted as their JSON text
    /// (default 64 MiB; the memory used is a few times that). Past it, a 413 as above.
    pub fn max_stored_bytes(mut self, bytes: usize) -> Self {
        self.caps.bytes = bytes;
        self
    }

    /// How many portal links the fake remembers at most, live or expired (default 10 000).
    /// Expired links are forgotten first to make room; when none has expired, create_portal and
    /// create_deep_link are refused with a 413 (`fake_portal_links_full`).
    pub fn max_portal_links(mut self, n: usize) -> Self {
        self.caps.links = n;
        self
    }

    /// How long a new portal link stays valid (default 7 days, as Seam documents); after its
    /// `expires_at` its page answers 410.
    pub fn portal_link_lifetime(mut self, lifetime: Duration) -> Self {
        self.link_lifetime = Some(lifetime);
        self
    }

    /// Accept this control token instead of a random `seam_ctl_fake_...` one.
    pub fn control_token(mut self, token: impl Into<String>) -> Self {
        self.control_token = Some(token.into());
        self
    }

    /// Binds and starts serving on the current Tokio runtime.
    pub async fn start(self) -> io::Result<FakeSeam> {
        let bind = self
            .bind
            .unwrap_or_else(|| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
        if !bind.ip().is_loopback() && !self.allow_remote {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "seam-fake binds loopback only unless allow_remote is set",
            ));
        }
        let listener = tokio::net::TcpListener::bind(bind).await?;
        let addr = listener.local_addr()?;
        let base_url = base_url_for(addr);
        let mut creds = Credentials::random();
        if let Some(k) = self.api_key {
            creds.api_key = k;
        }
        if let Some(p) = self.pat {
            creds.pat = p;
        }
        if let Some(w) = self.workspace_id {
            creds.workspace_id = w;
        }
        let control_token = self
            .control_token
            .unwrap_or_else(|| format!("seam_ctl_fake_{}", crate::clock::token(24)));
        let link_lifetime = self.link_lifetime.map_or(time::Duration::days(7), |d| {
            time::Duration::try_from(d).unwrap_or(time::Duration::MAX)
        });
        let state = Arc::new(State {
            limits: self.limits,
            creds,
            control_token,
            addr,
            base_url: base_url.clone(),
            store: Store::new(self.caps),
            link_lifetime,
            faults: Faults::default(),
            counters: Counters::default(),
            heavy: tokio::sync::Semaphore::new(2),
            log: self.log,
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(crate::server::serve(listener, Arc::clone(&state), stopped));
        Ok(FakeSeam {
            addr,
            base_url,
            state,
            stop,
            task: Some(task),
        })
    }
}

/// `http://IP:PORT`, with brackets for IPv6 and loopback standing in for an unspecified address.
fn base_url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => Ipv4Addr::LOCALHOST.into(),
        ip if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}
