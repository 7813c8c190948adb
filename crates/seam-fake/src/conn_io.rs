//! A TCP stream wrapper that lets a request handler reset the connection or replace the response
//! with raw bytes, for faults hyper cannot express.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Switches a handler flips to sabotage its own connection.
#[derive(Default)]
pub(crate) struct ConnCtl {
    reset: AtomicBool,
    raw: Mutex<Option<Bytes>>,
    /// A request head has arrived on this connection.
    requested: AtomicBool,
}

impl ConnCtl {
    /// Notes that a request head arrived (the connection is a real client, not a stalled one).
    pub(crate) fn request_started(&self) {
        self.requested.store(true, Ordering::SeqCst);
    }

    /// Whether any request head has arrived.
    pub(crate) fn has_requests(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
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
