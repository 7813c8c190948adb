//! The connector stack under hyper-util's client: TCP (hyper-util's `HttpConnector`), an optional
//! proxy hop (plain HTTP proxying, or a CONNECT tunnel for `https`), then TLS with ALPN
//! (hyper-rustls), the whole of it under one connect timeout.
//!
//! A failure anywhere in here means the request never left: the client reports it as a connect
//! error, which the SDK always retries.

use std::error::Error as StdError;
use std::fmt;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::TokioIo;
use seam_core::BoxFuture;
use tokio::net::TcpStream;
use tower_service::Service;

use super::proxy::Proxies;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// The full connector handed to hyper-util's client.
pub(crate) type Stack = Timed<HttpsConnector<ProxyConnector>>;

/// Per-connection bookkeeping, attached to the connection's metadata (`Connected::extra`) and so
/// to every response and client error on it.
#[derive(Clone, Debug, Default)]
pub(crate) struct ConnStats(Arc<AtomicU64>);

impl ConnStats {
    /// Counts one complete response received on this connection.
    pub(crate) fn response_received(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether this connection had already carried a response (so it came from the pool).
    pub(crate) fn was_reused(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }
}

/// A TCP stream to the destination, to a proxy, or through a CONNECT tunnel.
pub(crate) struct Tcp {
    io: TokioIo<TcpStream>,
    /// Requests on it go to an HTTP proxy in absolute form.
    proxied: bool,
    stats: ConnStats,
}

impl Connection for Tcp {
    fn connected(&self) -> Connected {
        self.io
            .connected()
            .proxy(self.proxied)
            .extra(self.stats.clone())
    }
}

impl Read for Tcp {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl Write for Tcp {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}

/// TCP to the destination, or to the proxy that `proxies` picks for it.
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    pub(crate) http: HttpConnector,
    pub(crate) proxies: Option<Arc<Proxies>>,
}

impl Service<Uri> for ProxyConnector {
    type Response = Tcp;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Tcp, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.http.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let route = self.proxies.as_ref().and_then(|p| p.route(&dst));
        let mut http = self.http.clone();
        Box::pin(async move {
            let tcp = |io, proxied| Tcp {
                io,
                proxied,
                stats: ConnStats::default(),
            };
            let Some(proxy) = route else {
                return Ok(tcp(http.call(dst).await?, false));
            };
            let via = ProxyAddr::of(proxy.uri());
            if dst.scheme_str() == Some("https") {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), http);
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                std::future::poll_fn(|cx| tunnel.poll_ready(cx))
                    .await
                    .map_err(|err| via.wrap(err.into()))?;
                let io = tunnel.call(dst).await.map_err(|err| via.wrap(err.into()))?;
                tracing::debug!(proxy = %via.0, "CONNECT tunnel established");
                Ok(tcp(io, false))
            } else {
                let io = http
                    .call(proxy.uri().clone())
                    .await
                    .map_err(|err| via.wrap(err.into()))?;
                Ok(tcp(io, true))
            }
        })
    }
}

/// `host:port` of a proxy (never its credentials), for error messages.
struct ProxyAddr(String);

impl ProxyAddr {
    fn of(uri: &Uri) -> Self {
        Self(
            uri.authority()
                .map(|a| a.as_str().rsplit('@').next().unwrap_or("").to_owned())
                .unwrap_or_default(),
        )
    }

    fn wrap(&self, source: BoxError) -> BoxError {
        Box::new(ViaProxy {
            proxy: self.0.clone(),
            source,
        })
    }
}

/// A connect failure on the way through a proxy.
#[derive(Debug)]
struct ViaProxy {
    proxy: String,
    source: BoxError,
}

impl fmt::Display for ViaProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "through proxy {}", self.proxy)
    }
}

impl StdError for ViaProxy {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// Runs the inner connector under a deadline covering the whole connect phase (TCP, proxy
/// handshake, TLS handshake).
#[derive(Clone)]
pub(crate) struct Timed<C> {
    pub(crate) inner: C,
    pub(crate) timeout: Option<Duration>,
}

/// The connect phase did not finish in time.
#[derive(Debug)]
pub(crate) struct ConnectTimedOut(pub(crate) Duration);

impl fmt::Display for ConnectTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "connect phase (TCP and TLS handshake) not done within {} ms",
            self.0.as_millis()
        )
    }
}

impl StdError for ConnectTimedOut {}

impl<C> Service<Uri> for Timed<C>
where
    C: Service<Uri>,
    C::Error: Into<BoxError>,
    C::Future: Send + 'static,
    C::Response: Send + 'static,
{
    type Response = C::Response;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<C::Response, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let connecting = self.inner.call(dst);
        let timeout = self.timeout;
        Box::pin(async move {
            match timeout {
                None => connecting.await.map_err(Into::into),
                Some(limit) => match tokio::time::timeout(limit, connecting).await {
                    Ok(done) => done.map_err(Into::into),
                    Err(_) => Err(Box::new(ConnectTimedOut(limit)) as BoxError),
                },
            }
        })
    }
}
