//! The connection pool: idle HTTP/1.1 connections and one shared HTTP/2 connection per origin.
//!
//! * An HTTP/1.1 connection is put back only once its exchange is complete (the transport does that
//!   before the call returns), so sequential calls always find it, and a call dropped half-way never
//!   returns a half-used connection.
//! * An HTTP/2 connection is shared from the moment it is connected. While a connection that may turn
//!   out to be HTTP/2 (ALPN, or prior knowledge) is being opened to an origin, other callers for that
//!   origin wait for it instead of opening their own, so a burst of concurrent calls multiplexes over
//!   one connection. Once an origin is known to answer with HTTP/1.1, nobody waits.
//! * Closed connections are skipped at checkout; idle ones are closed after the idle timeout by a
//!   background sweep that runs only while the pool holds connections.
//!
//! The lock is a plain mutex held for a few map operations, never across an `.await`.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use http::uri::{Authority, Scheme};
use hyper::client::conn::{http1, http2};
use tokio::sync::Notify;

use super::connect::{Conn, ReqBody};

/// How often closed connections are swept out when there is no idle timeout.
const SWEEP_WITHOUT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// The origin a connection goes to: scheme and `host[:port]` as written in the request URI, without
/// user info. Cheap to clone (the parts share the URI's bytes). Compared and hashed as text, byte
/// for byte (the `http::uri` types compare case-insensitively, one byte at a time, which costs more
/// on every call than it saves: request URIs built from one `Config` are spelled alike).
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    scheme: Scheme,
    authority: Authority,
}

impl PartialEq for Origin {
    fn eq(&self, other: &Self) -> bool {
        self.scheme() == other.scheme() && self.authority() == other.authority()
    }
}

impl Eq for Origin {}

impl Hash for Origin {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.scheme().hash(state);
        self.authority().hash(state);
    }
}

impl Origin {
    /// The origin of `uri`; `None` without a scheme or host.
    pub(crate) fn of(uri: &http::Uri) -> Option<Self> {
        let authority = uri.authority()?;
        // User info may hold a password: keep it out of the key (and so out of errors and logs).
        let authority = match authority.as_str().rsplit_once('@') {
            None => authority.clone(),
            Some((_, host_port)) => host_port.parse().ok()?,
        };
        Some(Self {
            scheme: uri.scheme()?.clone(),
            authority,
        })
    }

    /// `http`, `https`, ...
    pub(crate) fn scheme(&self) -> &str {
        self.scheme.as_str()
    }

    /// `host[:port]`, for the `Host` header, errors and logs.
    pub(crate) fn authority(&self) -> &str {
        self.authority.as_str()
    }

    /// `scheme://host[:port]/`: what a connector needs to open a connection here. (The request's
    /// own URI will not do once it has been rewritten to origin form for a pooled HTTP/1.1
    /// connection that then turned out to be closed.)
    pub(crate) fn uri(&self) -> Result<http::Uri, http::uri::InvalidUriParts> {
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(self.authority.clone());
        parts.path_and_query = Some(http::uri::PathAndQuery::from_static("/"));
        http::Uri::from_parts(parts)
    }
}

/// Idle and shared connections, keyed by [`Origin`].
///
/// Cloning is cheap; clones share the connections.
#[derive(Clone)]
pub(crate) struct Pool {
    shared: Arc<Shared>,
    idle_timeout: Option<Duration>,
    max_idle_per_host: usize,
}

struct Shared {
    state: Mutex<State>,
    /// Wakes callers waiting for a connect attempt (to any origin) to end.
    connect_ended: Notify,
}

#[derive(Default)]
struct State {
    hosts: HashMap<Origin, Host>,
    /// Identifies connect attempts others may wait on.
    next_attempt: u64,
    sweeper_running: bool,
}

/// Everything the pool knows about one origin.
#[derive(Default)]
struct Host {
    /// Idle HTTP/1.1 connections, oldest first (so the last is the most recently used).
    idle: Vec<(http1::SendRequest<ReqBody>, Instant)>,
    /// The shared HTTP/2 connection and when it was last handed out.
    h2: Option<(http2::SendRequest<ReqBody>, Instant)>,
    /// The last connection opened here negotiated HTTP/1.1: callers connect without waiting.
    speaks_http1: bool,
    /// The connect attempt that others wait on to learn whether it yields a shared HTTP/2 connection.
    connecting: Option<u64>,
}

impl Host {
    /// A usable pooled connection, if any; drops the closed and expired ones it passes.
    fn take(&mut self, now: Instant, idle_timeout: Option<Duration>) -> Option<Conn> {
        let fresh = |since: Instant| idle_timeout.is_none_or(|t| now.duration_since(since) < t);
        if let Some((sender, since)) = &mut self.h2 {
            if sender.is_ready() && fresh(*since) {
                *since = now;
                return Some(Conn::H2(sender.clone()));
            }
            self.h2 = None;
        }
        while let Some((sender, since)) = self.idle.pop() {
            if !fresh(since) {
                // The rest are older still.
                self.idle.clear();
                break;
            }
            // An idle connection is ready unless the server closed it meanwhile.
            if sender.is_ready() {
                return Some(Conn::H1(sender));
            }
        }
        None
    }

    /// Drops closed and expired connections; `true` if nothing worth keeping is left.
    fn sweep(&mut self, now: Instant, idle_timeout: Option<Duration>) -> bool {
        let fresh = |since: &Instant| idle_timeout.is_none_or(|t| now.duration_since(*since) < t);
        self.idle
            .retain(|(s, since)| !s.is_closed() && fresh(since));
        if self
            .h2
            .as_ref()
            .is_some_and(|(s, since)| s.is_closed() || !fresh(since))
        {
            self.h2 = None;
        }
        self.idle.is_empty() && self.h2.is_none() && self.connecting.is_none()
    }
}

/// What [`Pool::checkout`] found.
pub(crate) enum Checkout {
    /// A pooled connection: an idle HTTP/1.1 one (now the caller's alone) or the shared HTTP/2 one.
    Pooled(Conn),
    /// Nothing usable: open a new connection. With a [`Connecting`] ticket, other callers are waiting
    /// for this connect; hand its result to [`Connecting::connected`] (or drop the ticket on failure).
    Connect(Option<Connecting>),
}

impl Pool {
    /// An empty pool; `max_idle_per_host == 0` disables pooling (and HTTP/2 sharing).
    pub(crate) fn new(idle_timeout: Option<Duration>, max_idle_per_host: usize) -> Self {
        Self {
            shared: Arc::new(Shared {
                state: Mutex::default(),
                connect_ended: Notify::new(),
            }),
            idle_timeout,
            max_idle_per_host,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.shared.state)
    }

    /// A connection to `key`: a pooled one if usable, else permission to connect.
    ///
    /// When `may_be_h2` (the new connection might be shared HTTP/2) and another caller is already
    /// connecting to `key`, this waits for that attempt to end first. It waits at most once: if the
    /// attempt failed or gave HTTP/1.1, the caller connects on its own rather than queueing behind
    /// the next attempt. Cancel-safe: dropping the future gives up nothing.
    pub(crate) async fn checkout(&self, key: &Origin, may_be_h2: bool) -> Checkout {
        if self.max_idle_per_host == 0 {
            return Checkout::Connect(None);
        }
        let mut waited_for = None;
        loop {
            // Registered (`enable`) only when about to wait, under the pool lock: the attempt's end
            // is announced after its ticket clears `connecting` under that lock, so it cannot be missed.
            let mut ended = pin!(self.shared.connect_ended.notified());
            {
                let mut guard = self.lock();
                let state = &mut *guard;
                let host = if may_be_h2 {
                    host_mut(&mut state.hosts, key)
                } else {
                    match state.hosts.get_mut(key) {
                        Some(host) => host,
                        None => return Checkout::Connect(None),
                    }
                };
                if let Some(conn) = host.take(Instant::now(), self.idle_timeout) {
                    return Checkout::Pooled(conn);
                }
                if !may_be_h2 || host.speaks_http1 {
                    return Checkout::Connect(None);
                }
                match host.connecting {
                    // Still the attempt we waited for: the wake-up was for another origin.
                    Some(id) if waited_for == Some(id) => {
                        ended.as_mut().enable();
                    }
                    // Another caller's connect may give a shared HTTP/2 connection: wait for it.
                    Some(id) if waited_for.is_none() => {
                        waited_for = Some(id);
                        ended.as_mut().enable();
                    }
                    // The attempt we waited for ended without one: connect ourselves, no more waiting.
                    Some(_) => return Checkout::Connect(None),
                    None => {
                        let id = state.next_attempt;
                        state.next_attempt += 1;
                        host.connecting = Some(id);
                        return Checkout::Connect(Some(Connecting {
                            pool: self.clone(),
                            key: key.clone(),
                            id,
                        }));
                    }
                }
            }
            ended.await;
        }
    }

    /// Keeps `conn` for later calls to `key`: an HTTP/1.1 connection must be idle (its last response
    /// read to the end); an HTTP/2 one is shared from the moment it is connected (an existing live
    /// one is kept, and `conn` serves only its own caller).
    pub(crate) fn put(&self, key: &Origin, conn: Conn) {
        if self.max_idle_per_host == 0 {
            return;
        }
        let mut guard = self.lock();
        let state = &mut *guard;
        let host = host_mut(&mut state.hosts, key);
        match conn {
            Conn::H1(sender) => {
                host.speaks_http1 = true;
                // Over the cap, `sender` is dropped, which closes its connection.
                if host.idle.len() < self.max_idle_per_host {
                    host.idle.push((sender, Instant::now()));
                }
            }
            Conn::H2(sender) => {
                host.speaks_http1 = false;
                if host.h2.as_ref().is_none_or(|(s, _)| s.is_closed()) {
                    host.h2 = Some((sender, Instant::now()));
                }
            }
        }
        if !state.sweeper_running {
            state.sweeper_running = true;
            tokio::spawn(sweep(
                Arc::downgrade(&self.shared),
                SweeperRunning(Arc::downgrade(&self.shared)),
                self.idle_timeout,
            ));
        }
    }

    /// How many connections the pool holds for `key` (idle HTTP/1.1, shared HTTP/2); for tests.
    #[cfg(test)]
    fn count(&self, key: &Origin) -> (usize, usize) {
        let state = self.lock();
        state
            .hosts
            .get(key)
            .map_or((0, 0), |h| (h.idle.len(), usize::from(h.h2.is_some())))
    }
}

/// A connect attempt other callers may be waiting on; dropping it (connect failed, or the caller
/// was cancelled) lets them go ahead on their own.
pub(crate) struct Connecting {
    pool: Pool,
    key: Origin,
    id: u64,
}

impl Connecting {
    /// Records what the connect produced: an HTTP/2 connection is shared with the waiters right away;
    /// an HTTP/1.1 one tells them (and later callers) to open their own.
    pub(crate) fn connected(self, conn: &Conn) {
        match conn {
            Conn::H2(sender) => self.pool.put(&self.key, Conn::H2(sender.clone())),
            Conn::H1(_) => {
                if let Some(host) = self.pool.lock().hosts.get_mut(&self.key) {
                    host.speaks_http1 = true;
                }
            }
        }
    }
}

impl Drop for Connecting {
    fn drop(&mut self) {
        {
            let mut state = self.pool.lock();
            if let Some(host) = state.hosts.get_mut(&self.key) {
                if host.connecting == Some(self.id) {
                    host.connecting = None;
                }
            }
        }
        self.pool.shared.connect_ended.notify_waiters();
    }
}

/// The entry for `key`, created empty if missing (cloning the key only then).
fn host_mut<'a>(hosts: &'a mut HashMap<Origin, Host>, key: &Origin) -> &'a mut Host {
    if !hosts.contains_key(key) {
        hosts.insert(key.clone(), Host::default());
    }
    hosts
        .get_mut(key)
        .unwrap_or_else(|| unreachable!("inserted above"))
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // The state stays consistent across a panic (no invariant spans two statements), so a poisoned
    // lock is still usable.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Clears `sweeper_running` however the sweep ends, including its runtime shutting down, so the next
/// `put` (maybe on another runtime) starts a new one.
struct SweeperRunning(Weak<Shared>);

impl Drop for SweeperRunning {
    fn drop(&mut self) {
        if let Some(shared) = self.0.upgrade() {
            lock(&shared.state).sweeper_running = false;
        }
    }
}

/// Drops closed connections, and idle ones once they outlive `idle_timeout`, until the pool is empty
/// or gone.
async fn sweep(shared: Weak<Shared>, mut running: SweeperRunning, idle_timeout: Option<Duration>) {
    let period = idle_timeout.map_or(SWEEP_WITHOUT_IDLE_TIMEOUT, |t| {
        (t / 2).max(Duration::from_millis(1))
    });
    loop {
        tokio::time::sleep(period).await;
        let Some(shared) = shared.upgrade() else {
            return;
        };
        let mut state = lock(&shared.state);
        let now = Instant::now();
        state.hosts.retain(|_, host| !host.sweep(now, idle_timeout));
        if state.hosts.is_empty() {
            // Cleared under the lock (and the guard disarmed), so a `put` right after this starts a
            // new sweep.
            state.sweeper_running = false;
            running.0 = Weak::new();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use tokio::io::DuplexStream;

    const KEY: &str = "https://example.test:443";

    fn origin(uri: &str) -> Origin {
        Origin::of(&uri.parse().unwrap()).unwrap()
    }

    /// An HTTP/1.1 sender over an in-memory pipe, ready for a request; keep the far end alive.
    async fn h1() -> (http1::SendRequest<ReqBody>, DuplexStream) {
        let (near, far) = tokio::io::duplex(64 * 1024);
        let (mut sender, conn) = http1::handshake(TokioIo::new(near)).await.unwrap();
        tokio::spawn(conn);
        sender.ready().await.unwrap();
        (sender, far)
    }

    /// An HTTP/2 sender over an in-memory pipe; keep the far end alive.
    async fn h2() -> (http2::SendRequest<ReqBody>, DuplexStream) {
        let (near, far) = tokio::io::duplex(64 * 1024);
        let (sender, conn) = http2::handshake(TokioExecutor::new(), TokioIo::new(near))
            .await
            .unwrap();
        tokio::spawn(conn);
        (sender, far)
    }

    fn pooled(checkout: Checkout) -> Conn {
        match checkout {
            Checkout::Pooled(conn) => conn,
            Checkout::Connect(_) => panic!("expected a pooled connection"),
        }
    }

    fn connect(checkout: Checkout) -> Option<Connecting> {
        match checkout {
            Checkout::Connect(ticket) => ticket,
            Checkout::Pooled(_) => panic!("expected permission to connect"),
        }
    }

    #[tokio::test]
    async fn an_idle_http1_connection_goes_to_one_caller_at_a_time() {
        let pool = Pool::new(None, usize::MAX);
        let (sender, _far) = h1().await;
        pool.put(&origin(KEY), Conn::H1(sender));
        assert!(matches!(
            pooled(pool.checkout(&origin(KEY), false).await),
            Conn::H1(_)
        ));
        assert!(connect(pool.checkout(&origin(KEY), false).await).is_none());
        assert_eq!(pool.count(&origin(KEY)), (0, 0));
    }

    #[tokio::test]
    async fn idle_connections_per_host_are_capped() {
        let pool = Pool::new(None, 2);
        let mut ends = Vec::new();
        for _ in 0..3 {
            let (sender, far) = h1().await;
            ends.push(far);
            pool.put(&origin(KEY), Conn::H1(sender));
        }
        assert_eq!(pool.count(&origin(KEY)), (2, 0));
        assert_eq!(pool.count(&origin("https://other.test:443")), (0, 0));
    }

    #[tokio::test]
    async fn closed_and_expired_connections_are_skipped() {
        let pool = Pool::new(Some(Duration::from_millis(50)), usize::MAX);
        let (closed, far) = h1().await;
        pool.put(&origin(KEY), Conn::H1(closed));
        drop(far);
        // The connection task sees the pipe close and marks the sender closed.
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(connect(pool.checkout(&origin(KEY), false).await).is_none());

        let (expired, _far) = h1().await;
        pool.put(&origin(KEY), Conn::H1(expired));
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert!(connect(pool.checkout(&origin(KEY), false).await).is_none());
    }

    #[tokio::test]
    async fn a_disabled_pool_keeps_nothing_and_never_makes_callers_wait() {
        let pool = Pool::new(None, 0);
        let (sender, _far) = h2().await;
        pool.put(&origin(KEY), Conn::H2(sender));
        assert!(connect(pool.checkout(&origin(KEY), true).await).is_none());
        assert!(connect(pool.checkout(&origin(KEY), true).await).is_none());
    }

    #[tokio::test]
    async fn callers_wait_for_a_connect_that_may_give_http2_and_then_share_it() {
        let pool = Pool::new(None, usize::MAX);
        let ticket =
            connect(pool.checkout(&origin(KEY), true).await).expect("first caller connects");
        let waiter = tokio::spawn({
            let pool = pool.clone();
            async move { pool.checkout(&origin(KEY), true).await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "the second caller waits");

        let (sender, _far) = h2().await;
        let conn = Conn::H2(sender);
        ticket.connected(&conn);
        assert!(matches!(pooled(waiter.await.unwrap()), Conn::H2(_)));
        assert!(matches!(
            pooled(pool.checkout(&origin(KEY), true).await),
            Conn::H2(_)
        ));
        assert_eq!(pool.count(&origin(KEY)), (0, 1));
    }

    #[tokio::test]
    async fn once_an_origin_answers_http1_nobody_waits() {
        let pool = Pool::new(None, usize::MAX);
        let ticket =
            connect(pool.checkout(&origin(KEY), true).await).expect("first caller connects");
        let waiter = tokio::spawn({
            let pool = pool.clone();
            async move { pool.checkout(&origin(KEY), true).await }
        });
        let (sender, _far) = h1().await;
        ticket.connected(&Conn::H1(sender));
        assert!(connect(waiter.await.unwrap()).is_none());
        // Known HTTP/1.1 now: a new caller gets no ticket and does not wait.
        assert!(connect(pool.checkout(&origin(KEY), true).await).is_none());
    }

    #[tokio::test]
    async fn a_dropped_ticket_releases_the_waiters() {
        let pool = Pool::new(None, usize::MAX);
        let ticket =
            connect(pool.checkout(&origin(KEY), true).await).expect("first caller connects");
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let pool = pool.clone();
                tokio::spawn(async move { pool.checkout(&origin(KEY), true).await })
            })
            .collect();
        tokio::task::yield_now().await;
        assert!(waiters.iter().all(|w| !w.is_finished()));
        // The connect failed, or its caller was cancelled.
        drop(ticket);
        let mut tickets = 0;
        for waiter in waiters {
            tickets += usize::from(connect(waiter.await.unwrap()).is_some());
        }
        assert!(
            tickets <= 1,
            "at most one waiter becomes the next connector"
        );
    }

    #[tokio::test]
    async fn a_wake_up_for_another_origin_does_not_release_a_waiter() {
        let pool = Pool::new(None, usize::MAX);
        let ours = connect(pool.checkout(&origin(KEY), true).await).expect("ticket");
        let other =
            connect(pool.checkout(&origin("https://other.test:443"), true).await).expect("ticket");
        let waiter = tokio::spawn({
            let pool = pool.clone();
            async move { pool.checkout(&origin(KEY), true).await }
        });
        tokio::task::yield_now().await;
        drop(other);
        tokio::task::yield_now().await;
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "still waiting for its own origin");
        let (sender, _far) = h2().await;
        ours.connected(&Conn::H2(sender));
        assert!(matches!(pooled(waiter.await.unwrap()), Conn::H2(_)));
    }

    #[test]
    fn the_origin_leaves_out_user_info() {
        let plain = origin("https://example.test:443/a?b");
        assert_eq!(plain.scheme(), "https");
        assert_eq!(plain.authority(), "example.test:443");
        let with_user = origin("https://user:hunter2@example.test:443/");
        assert_eq!(with_user.authority(), "example.test:443");
        assert_eq!(with_user, plain);
        assert_eq!(origin("HTTPS://example.test:443"), plain);
        assert_ne!(origin("https://Example.test:443"), plain);
        assert_ne!(origin("http://example.test:443"), plain);
        assert_ne!(origin("https://example.test"), plain);
        assert!(Origin::of(&"/path".parse().unwrap()).is_none());
        assert_eq!(
            with_user.uri().unwrap().to_string(),
            "https://example.test:443/"
        );
    }
}
