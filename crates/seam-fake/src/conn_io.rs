//! Per-connection state: whether requests are in flight and since when the connection is idle
//! (for idle timeouts and eviction), and a TCP stream wrapper that lets a request handler reset
//! the connection or replace the response with raw bytes, for faults hyper cannot express.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Notify;

use crate::counters::SeenPaths;

/// What a connection is doing, for the idle watchdog and the eviction of idle connections.
struct Activity {
    /// Requests being handled or whose response is still being sent.
    in_flight: usize,
    /// When the connection last became idle (accepted, or its last response finished).
    idle_since: Instant,
    /// A request head has arrived on this connection.
    requested: bool,
}

/// Per-connection switches: sabotage by faults, activity, and eviction.
pub(crate) struct ConnCtl {
    reset: AtomicBool,
    raw: Mutex<Option<Bytes>>,
    activity: Mutex<Activity>,
    seen: SeenPaths,
    evicted: AtomicBool,
    evict: Notify,
    /// Signalled when a request starts or the last one in flight ends.
    changed: Notify,
}

impl Default for ConnCtl {
    fn default() -> Self {
        Self {
            reset: AtomicBool::new(false),
            raw: Mutex::new(None),
            activity: Mutex::new(Activity {
                in_flight: 0,
                idle_since: Instant::now(),
                requested: false,
            }),
            seen: SeenPaths::default(),
            evicted: AtomicBool::new(false),
            evict: Notify::new(),
            changed: Notify::new(),
        }
    }
}

/// Marks one request in flight on its connection until dropped (with the response body).
pub(crate) struct InFlight(Arc<ConnCtl>);

impl InFlight {
    /// Notes that a request head arrived on `ctl`'s connection.
    pub(crate) fn start(ctl: &Arc<ConnCtl>) -> Self {
        let mut a = ctl.activity();
        a.in_flight += 1;
        a.requested = true;
        drop(a);
        ctl.changed.notify_one();
        Self(Arc::clone(ctl))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut a = self.0.activity();
        a.in_flight = a.in_flight.saturating_sub(1);
        if a.in_flight == 0 {
            a.idle_since = Instant::now();
            drop(a);
            self.0.changed.notify_one();
        }
    }
}

/// A response body that keeps its request [`InFlight`] until it is sent or dropped.
pub(crate) struct Tracked<B> {
    pub(crate) body: B,
    pub(crate) _in_flight: InFlight,
}

impl<B: Body + Unpin> Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<B::Data>, B::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl ConnCtl {
    fn activity(&self) -> std::sync::MutexGuard<'_, Activity> {
        self.activity
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The counter keys this connection has used.
    pub(crate) fn seen_paths(&self) -> &SeenPaths {
        &self.seen
    }

    /// `None` while a request is in flight; else since when the connection is idle, and whether
    /// it has ever sent a request.
    pub(crate) fn idle(&self) -> Option<(Instant, bool)> {
        let a = self.activity();
        (a.in_flight == 0).then_some((a.idle_since, a.requested))
    }

    /// Whether a request head has ever arrived on this connection.
    pub(crate) fn has_requested(&self) -> bool {
        self.activity().requested
    }

    /// Completes at the next start of a request or end of the last one in flight.
    pub(crate) async fn activity_changed(&self) {
        self.changed.notified().await;
    }

    /// Asks the connection's task to close it (once).
    pub(crate) fn evict(&self) -> bool {
        let first = !self.evicted.swap(true, Ordering::SeqCst);
        if first {
            self.evict.notify_one();
        }
        first
    }

    /// Whether [`ConnCtl::evict`] was called.
    pub(crate) fn is_evicted(&self) -> bool {
        self.evicted.load(Ordering::SeqCst)
    }

    /// Completes once [`ConnCtl::evict`] has been called.
    pub(crate) async fn evicted(&self) {
        if !self.is_evicted() {
            self.evict.notified().await;
        }
    }

    /// The next write on this connection resets it (TCP RST) instead.
    pub(crate) fn arm_reset(&self) {
        self.reset.store(true, Ordering::SeqCst);
    }

    /// The next write sends `bytes` instead of hyper's response, then the connection closes.
    pub(crate) fn arm_raw(&self, bytes: Bytes) {
        *self.raw.lock().unwrap_or_else(|e| e.into_inner()) = Some(bytes);
    }

    fn take_raw(&self) -> Option<Bytes> {
        self.raw.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// A [`TcpStream`] whose writes obey a [`ConnCtl`].
pub(crate) struct FaultIo {
    inner: TcpStream,
    ctl: Arc<ConnCtl>,
    /// Raw bytes being written and how many went out already.
    raw: Option<(Bytes, usize)>,
    /// Raw bytes are out: every further write or flush fails so hyper drops the connection.
    done: bool,
}

impl FaultIo {
    pub(crate) fn new(inner: TcpStream, ctl: Arc<ConnCtl>) -> Self {
        Self {
            inner,
            ctl,
            raw: None,
            done: false,
        }
    }

    fn closed() -> io::Error {
        io::Error::new(io::ErrorKind::BrokenPipe, "seam-fake closed the connection")
    }

    /// Drives the pending raw bytes out; `Ready(Ok)` once all are written.
    fn poll_raw(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, sent)) = self.raw.as_mut() {
            if *sent >= bytes.len() {
                self.raw = None;
                self.done = true;
                break;
            }
            let n = match Pin::new(&mut self.inner).poll_write(cx, &bytes[*sent..]) {
                Poll::Ready(Ok(n)) => n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            };
            if n == 0 {
                return Poll::Ready(Err(Self::closed()));
            }
            *sent += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncRead for FaultIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for FaultIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.ctl.reset.load(Ordering::SeqCst) {
            // Zero linger makes the close that follows an RST rather than a FIN. `set_linger` is
            // deprecated because a non-zero linger blocks on drop; a zero one never does, and
            // `set_zero_linger` needs tokio 1.50 while the workspace allows 1.45.
            #[allow(deprecated)]
            let _ = this.inner.set_linger(Some(std::time::Duration::ZERO));
            return Poll::Ready(Err(io::Error::from(io::ErrorKind::ConnectionReset)));
        }
        if this.done {
            return Poll::Ready(Err(Self::closed()));
        }
        if this.raw.is_none() {
            if let Some(raw) = this.ctl.take_raw() {
                this.raw = Some((raw, 0));
            }
        }
        if this.raw.is_some() {
            // Swallow hyper's bytes; send ours instead.
            return match this.poll_raw(cx) {
                Poll::Ready(Ok(())) => Poll::Ready(Ok(buf.len())),
                Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
                Poll::Pending => Poll::Pending,
            };
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.raw.is_some() {
            match this.poll_raw(cx) {
                Poll::Ready(Ok(())) => {}
                other => return other,
            }
        }
        if this.done {
            return Poll::Ready(Err(Self::closed()));
        }
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
