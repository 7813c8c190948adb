//! The accept loop: counts connections and serves each with hyper (HTTP/1, or HTTP/2 with prior
//! knowledge) until shutdown, within the limits that keep a hostile or careless client from tying
//! the fake up.
//!
//! * At most `max_connections` are served at once. When all slots are taken, the connection that
//!   has been idle longest (no request in flight: silent, dribbling a head, or kept alive; and
//!   for at least a second, or the head timeout if shorter) is closed to make room, HTTP/2 ones
//!   with a GOAWAY; only when no connection is idle do new clients wait in the accept queue.
//! * A request head must arrive within `head_timeout` of the accept, and on HTTP/1 of the
//!   previous response (hyper's header timer; dribbling bytes does not extend it).
//! * An HTTP/2 connection with no request in flight for `idle_timeout` is closed with a GOAWAY,
//!   and keep-alive pings close one whose peer stopped answering; it may carry `max_streams`
//!   concurrent streams.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};

use crate::body::{BoxError, FakeBody};
use crate::conn_io::{ConnCtl, FaultIo, InFlight, Tracked};
use crate::service::{handle, Limits, State};

/// How long an evicted or idle connection that has served requests gets to close gracefully.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// How long a connection must have been idle before it may be closed to make room (a fresh one
/// gets time to send its first request); at most the head-read timeout.
const EVICT_MIN_IDLE: Duration = Duration::from_secs(1);

/// How often a full accept loop looks again for an idle connection to close.
const FULL_RECHECK: Duration = Duration::from_millis(50);

/// HTTP/2 keep-alive ping interval and the time a peer has to answer.
const PING_INTERVAL: Duration = Duration::from_secs(20);
const PING_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest header block accepted on an HTTP/2 stream.
pub(crate) const H2_MAX_HEADER_LIST: u32 = 64 * 1024;

/// The live connections, for eviction.
#[derive(Default)]
struct Conns(Mutex<HashMap<u64, Arc<ConnCtl>>>);

impl Conns {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<ConnCtl>>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Asks the connection idle longest, and for at least `min_idle`, to close; false when
    /// there is none.
    fn evict_idlest(&self, min_idle: Duration) -> bool {
        let conns = self.lock();
        if conns.values().any(|c| c.is_evicted()) {
            // One is closing already; its slot comes free soon.
            return true;
        }
        let now = Instant::now();
        let victim = conns
            .values()
            .filter(|c| !c.is_evicted())
            .filter_map(|c| Some((c.idle()?.0, c)))
            .filter(|(since, _)| now.saturating_duration_since(*since) >= min_idle)
            .min_by_key(|(since, _)| *since);
        victim.is_some_and(|(_, c)| c.evict())
    }
}

/// Accepts connections until `shutdown` changes or its sender is dropped.
pub(crate) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
    let limits = state.limits;
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let conns = Arc::new(Conns::default());
    let builder = Arc::new(builder(&limits));
    loop {
        let permit = tokio::select! {
            _ = shutdown.changed() => break,
            permit = slot(&slots, &conns, EVICT_MIN_IDLE.min(limits.head_timeout)) => permit,
        };
        let accepted = tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            // E.g. out of file descriptors: back off briefly instead of spinning.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let conn_id = state.counters.connection_accepted();
        let _ = stream.set_nodelay(true);
        let ctl = Arc::new(ConnCtl::default());
        conns.lock().insert(conn_id, Arc::clone(&ctl));
        let task = Connection {
            state: Arc::clone(&state),
            builder: Arc::clone(&builder),
            ctl,
            peer,
            stop: shutdown.clone(),
        };
        let conns = Arc::clone(&conns);
        tokio::spawn(async move {
            let _permit: OwnedSemaphorePermit = permit;
            task.run(stream).await;
            conns.lock().remove(&conn_id);
        });
    }
}

/// A connection slot: a free one, or one freed by closing the idlest connection.
async fn slot(slots: &Arc<Semaphore>, conns: &Conns, min_idle: Duration) -> OwnedSemaphorePermit {
    loop {
        if let Ok(p) = Arc::clone(slots).try_acquire_owned() {
            return p;
        }
        conns.evict_idlest(min_idle);
        let wait = Arc::clone(slots).acquire_owned();
        if let Ok(Ok(p)) = tokio::time::timeout(FULL_RECHECK, wait).await {
            return p;
        }
    }
}

fn builder(limits: &Limits) -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_concurrent_streams(limits.max_streams)
        .max_header_list_size(H2_MAX_HEADER_LIST)
        .keep_alive_interval(PING_INTERVAL)
        .keep_alive_timeout(PING_TIMEOUT);
    builder
}

/// One accepted connection and what it needs to be served.
struct Connection {
    state: Arc<State>,
    builder: Arc<auto::Builder<TokioExecutor>>,
    ctl: Arc<ConnCtl>,
    peer: SocketAddr,
    stop: watch::Receiver<bool>,
}

impl Connection {
    async fn run(mut self, stream: TcpStream) {
        let io = TokioIo::new(FaultIo::new(stream, Arc::clone(&self.ctl)));
        let (state, ctl, peer) = (Arc::clone(&self.state), Arc::clone(&self.ctl), self.peer);
        let svc = service_fn(move |req| {
            let in_flight = InFlight::start(&ctl);
            serve_one(Arc::clone(&state), Arc::clone(&ctl), peer, req, in_flight)
        });
        let mut conn = Box::pin(self.builder.serve_connection(io, svc));
        let graceful = tokio::select! {
            _ = conn.as_mut() => return,
            _ = self.stop.changed() => return,
            () = self.ctl.evicted() => true,
            () = idle_watch(&self.ctl, &self.state.limits) => true,
        };
        // Never-used connections just go; used ones get a GOAWAY (HTTP/2) or a close after
        // their last response (HTTP/1), within a grace period.
        if graceful && self.ctl.has_requested() {
            conn.as_mut().graceful_shutdown();
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = self.stop.changed() => {}
                () = tokio::time::sleep(CLOSE_GRACE) => {}
            }
        }
    }
}

/// Serves one request; the response body keeps it counted as in flight until it is sent.
async fn serve_one(
    state: Arc<State>,
    ctl: Arc<ConnCtl>,
    peer: SocketAddr,
    req: hyper::Request<hyper::body::Incoming>,
    in_flight: InFlight,
) -> Result<hyper::Response<Tracked<FakeBody>>, BoxError> {
    let resp = handle(state, ctl, peer, req).await?;
    Ok(resp.map(|body| Tracked {
        body,
        _in_flight: in_flight,
    }))
}

/// Completes when the connection has been idle too long: `head_timeout` before its first
/// request, `idle_timeout` after a response.
async fn idle_watch(ctl: &ConnCtl, limits: &Limits) {
    loop {
        let Some((since, requested)) = ctl.idle() else {
            ctl.activity_changed().await;
            continue;
        };
        let limit = if requested {
            limits.idle_timeout
        } else {
            limits.head_timeout
        };
        let deadline = since + limit;
        if Instant::now() >= deadline {
            return;
        }
        tokio::select! {
            () = tokio::time::sleep_until(deadline.into()) => {}
            () = ctl.activity_changed() => {}
        }
    }
}
