//! The default [`Transport`]: pooled keep-alive HTTP/1.1 and HTTP/2 over rustls, with a response-size cap.
//!
//! Connections come from hyper-util's `HttpConnector` wrapped in hyper-rustls's `HttpsConnector` (TCP,
//! connect timeout, TLS, ALPN) and speak hyper's client `conn` API. The pool is our own rather than
//! hyper-util's legacy `Client`: that one returns a connection to its pool from a background task and
//! races a fresh connect against the checkout, so back-to-back calls on a multi-threaded runtime open
//! extra sockets. Here an HTTP/1.1 connection is back in the pool before the call returns, and
//! concurrent calls to an origin that may speak HTTP/2 wait for the one connect in flight and then
//! share its connection (see `pool.rs`).

mod body;
mod builder;
mod connect;
mod errors;
mod pool;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use seam_core::{BoxFuture, Transport, TransportError};

pub use builder::HyperTransportBuilder;
use connect::{Conn, Connector};
use pool::{Checkout, Origin, Pool};

/// The default size cap for one response body: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How long a finished HTTP/1.1 exchange may take to release its connection before the connection is
/// closed instead of pooled (normally immediate).
const RELEASE_GRACE: Duration = Duration::from_millis(250);

/// Sends requests over a pool of keep-alive HTTP/1.1 and HTTP/2 connections (TLS by rustls, ALPN-negotiated).
///
/// It never follows redirects (a `3xx` comes back as a response, so credentials never travel to
/// another host), refuses response bodies larger than its cap without buffering them, and reports
/// connect failures apart from failures after the request may have left.
///
/// A connection is back in the pool before the call that used it returns, so sequential calls reuse
/// one connection; concurrent calls over HTTP/2 share one connection. A call dropped half-way (a
/// timeout, a cancelled task) closes the connection it was using rather than pooling it. Cloning is
/// cheap: clones share the pool.
///
/// Sending needs a Tokio runtime with the time driver enabled (each connection is driven by a
/// spawned task).
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use std::time::Duration;
/// use seam_http::{HyperTransport, Transport as _};
///
/// let transport = HyperTransport::builder()
///     .max_response_bytes(1 << 20)
///     .connect_timeout(Duration::from_secs(5))
///     .build()?;
/// let request = http::Request::get("https://connect.getseam.com/health")
///     .body(bytes::Bytes::new())
///     .expect("valid request");
/// let response = transport.send(request).await;
/// # let _ = response;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HyperTransport {
    inner: Arc<Inner>,
}

struct Inner {
    connector: Connector,
    pool: Pool,
    max_response_bytes: usize,
    request_timeout: Option<Duration>,
}

impl HyperTransport {
    /// A transport with the default settings (see [`HyperTransportBuilder`]).
    ///
    /// Fails only when the operating system's trust roots are required (feature `native-roots`
    /// alone) and cannot be loaded.
    pub fn new() -> std::io::Result<Self> {
        Self::builder().build()
    }

    /// Starts configuring a transport.
    pub fn builder() -> HyperTransportBuilder {
        HyperTransportBuilder::default()
    }

    /// The largest response body this transport accepts, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    async fn send_inner(
        &self,
        mut request: http::Request<Full<Bytes>>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        // The pool key; its authority (`host[:port]`, never user info, which may hold a password)
        // is also what errors and logs show.
        let Some(key) = Origin::of(request.uri()) else {
            return Err(TransportError::connect(
                "the request URI has no scheme or host",
            ));
        };
        let authority = key.authority();
        let may_be_h2 = self.inner.connector.may_negotiate_h2(key.scheme());
        tracing::debug!(method = %request.method(), host = authority, path = request.uri().path(), "sending request");

        let mut checkout = self.inner.pool.checkout(&key, may_be_h2).await;
        let mut retried = false;
        let (conn, response) = loop {
            let (conn, reused) = match checkout {
                Checkout::Pooled(conn) => (conn, true),
                Checkout::Connect(ticket) => {
                    // On failure the ticket is dropped here, which lets waiting callers connect.
                    // Boxed: connecting (TCP, TLS, handshake) is rare and its future is large, so
                    // it is kept out of the future of every call.
                    let uri = key.uri().map_err(|err| errors::connect(authority, err))?;
                    let conn = Box::pin(self.inner.connector.connect(uri, authority)).await?;
                    match ticket {
                        Some(ticket) => ticket.connected(&conn),
                        None => {
                            if let Conn::H2(shared) = &conn {
                                self.inner.pool.put(&key, Conn::H2(shared.clone()));
                            }
                        }
                    }
                    (conn, false)
                }
            };
            // HTTP/1.1 takes an origin-form target, HTTP/2 an absolute-form one. Written out here
            // rather than in a helper `async fn`, whose future would hold a second copy of the request.
            let sent = match conn {
                Conn::H1(mut sender) => {
                    to_origin_form(&mut request);
                    let sent = sender.try_send_request(request).await;
                    sent.map(|response| (Conn::H1(sender), response))
                }
                Conn::H2(mut sender) => {
                    *request.version_mut() = http::Version::HTTP_2;
                    let sent = sender.try_send_request(request).await;
                    sent.map(|response| (Conn::H2(sender), response))
                }
            };
            match sent {
                Ok(done) => break done,
                Err(mut failed) => match failed.take_message() {
                    // A pooled connection may have been closed by the server while idle; hyper then
                    // hands the request back unsent, and it is safe to try again: once more from the
                    // pool, then on a connection of our own.
                    Some(unsent) if reused => {
                        tracing::debug!("pooled connection was closed; trying another");
                        request = unsent;
                        checkout = if retried {
                            Checkout::Connect(None)
                        } else {
                            retried = true;
                            self.inner.pool.checkout(&key, may_be_h2).await
                        };
                    }
                    unsent => {
                        return Err(errors::send(
                            authority,
                            failed.into_error(),
                            unsent.is_none(),
                        ))
                    }
                },
            }
        };

        let (parts, incoming) = response.into_parts();
        tracing::debug!(status = parts.status.as_u16(), version = ?parts.version, "response head received");
        let limit = self.inner.max_response_bytes;
        body::check_declared_length(&parts.headers, limit)?;
        // Dropping `conn` on an error (or when this future is dropped) closes an HTTP/1.1 connection
        // whose response was not read to the end instead of pooling it.
        let body = body::collect_limited(incoming, limit).await?;
        self.release(&key, conn).await;
        Ok(http::Response::from_parts(parts, body))
    }

    /// Returns a connection whose exchange is complete to the pool: HTTP/1.1 once the connection is
    /// ready for the next request (usually at once; waited for briefly otherwise, and dropped if it
    /// closes instead). A shared HTTP/2 connection is already pooled.
    async fn release(&self, key: &Origin, conn: Conn) {
        match conn {
            Conn::H2(_) => {}
            Conn::H1(mut sender) => {
                if sender.is_ready()
                    || matches!(
                        tokio::time::timeout(RELEASE_GRACE, sender.ready()).await,
                        Ok(Ok(()))
                    )
                {
                    self.inner.pool.put(key, Conn::H1(sender));
                }
            }
        }
    }
}

/// Rewrites the target to `path?query` and sets `Host` from the URI (host and port, never user info),
/// as HTTP/1.1 expects.
fn to_origin_form(request: &mut http::Request<Full<Bytes>>) {
    if !request.headers().contains_key(http::header::HOST) {
        if let Some(host) = host_header(request.uri()) {
            request.headers_mut().insert(http::header::HOST, host);
        }
    }
    let path = std::mem::take(request.uri_mut())
        .into_parts()
        .path_and_query
        .unwrap_or_else(|| http::uri::PathAndQuery::from_static("/"));
    *request.uri_mut() = http::Uri::from(path);
    *request.version_mut() = http::Version::HTTP_11;
}

/// `host[:port]` for the `Host` header.
fn host_header(uri: &http::Uri) -> Option<http::HeaderValue> {
    http::HeaderValue::from_str(without_userinfo(uri.authority()?)).ok()
}

/// `host[:port]` of an authority that may start with `user:password@`.
fn without_userinfo(authority: &http::uri::Authority) -> &str {
    let text = authority.as_str();
    text.rsplit_once('@')
        .map_or(text, |(_, host_port)| host_port)
}

impl std::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HyperTransport")
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("request_timeout", &self.inner.request_timeout)
            .finish_non_exhaustive()
    }
}

impl Transport for HyperTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        // Converted here rather than in the future, which then holds one request instead of two.
        let request = request.map(Full::new);
        Box::pin(async move {
            match self.inner.request_timeout {
                None => self.send_inner(request).await,
                Some(limit) => tokio::time::timeout(limit, self.send_inner(request))
                    .await
                    .unwrap_or_else(|_| {
                        Err(TransportError::timeout(format!(
                            "no complete response within {} ms",
                            limit.as_millis()
                        )))
                    }),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The future boxed by every `send` is copied into its `Box` on each call: the rarely taken
    /// connect path must not make it large (it was 8,464 bytes with the connect future inline;
    /// 2,192 since).
    #[test]
    fn the_future_of_a_send_stays_small() {
        let transport = HyperTransport::new().expect("transport");
        let future = transport.send(http::Request::new(Bytes::new()));
        let size = std::mem::size_of_val(&*future);
        eprintln!("send future: {size} bytes");
        assert!(size <= 2560, "the send future is {size} bytes");
    }
}
