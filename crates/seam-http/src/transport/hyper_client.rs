//! [`HyperTransport`]: hyper-util's pooling client over our connector stack, with a response-size
//! cap, the one retry after a stale pooled connection, and no redirects.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use seam_core::{BoxFuture, Replay, Transport, TransportError};

use super::builder::HyperTransportBuilder;
use super::clients::{Bound, Clients};
use super::connect::ConnStats;
use super::gate::Gates;
use super::proxy::Proxies;
use super::{body, errors, without_userinfo};

/// Sends requests over pooled keep-alive HTTP/1.1 and HTTP/2 connections (TLS by rustls, protocol
/// by ALPN), built on hyper-util's client, optionally through an HTTP proxy.
///
/// * **No redirects**: a `3xx` comes back as a response, so credentials never travel to another host.
/// * **Bounded responses**: bodies larger than the cap are refused without being buffered.
/// * **Truthful errors**: failures in the connect phase (TCP, proxy, TLS handshake, all under the
///   connect timeout) are [`Connect`](seam_core::TransportErrorKind::Connect) errors: the request
///   never left. Failures after it may have been sent are not.
/// * **Stale connections**: a request that fails on a reused pooled connection before a response
///   head arrived, because the server had closed that connection, is sent once more on a fresh
///   connection (the server never answered it; the SDK counts it as one attempt).
/// * **Pooling**: concurrent calls over HTTP/2 share one connection, the first ones to a new
///   origin included. Sequential HTTP/1.1 calls reuse a pooled connection; hyper-util hands a
///   connection back to its pool from a background task, so on a multi-threaded runtime a call
///   that starts while the previous one's connection is still on its way back may open a second
///   one (both are then kept and reused). A call dropped half-way (a timeout, a cancelled task)
///   closes the connection it was using rather than pooling it.
/// * **Proxies**: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (either case) are read at
///   build time unless [`HyperTransportBuilder::proxy`] or [`HyperTransportBuilder::no_proxy`] says
///   otherwise; `https` goes through a CONNECT tunnel; loopback destinations bypass the proxy.
///
/// Cloning is cheap: clones share the pool. Sending needs a Tokio runtime with the time driver
/// enabled (connections are driven by spawned tasks).
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

pub(super) struct Inner {
    pub(super) clients: Clients,
    pub(super) proxies: Option<Arc<Proxies>>,
    /// `None` when no calls can share a connection (HTTP/1.1 only, or no pool).
    pub(super) gates: Option<Gates>,
    pub(super) max_response_bytes: usize,
    pub(super) request_timeout: Option<Duration>,
}

impl HyperTransport {
    /// A transport with the default settings (see [`HyperTransportBuilder`]).
    ///
    /// Fails when the TLS setup cannot be completed (see [`HyperTransportBuilder::build`]) or a
    /// proxy variable in the environment is not a usable proxy URL.
    pub fn new() -> std::io::Result<Self> {
        Self::builder().build()
    }

    /// Starts configuring a transport.
    pub fn builder() -> HyperTransportBuilder {
        HyperTransportBuilder::default()
    }

    pub(super) fn from_inner(inner: Inner) -> Self {
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The largest response body this transport accepts, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    /// [`HyperTransport::send_inner`], boxed, under the request timeout if one is set.
    fn send_timed<'a>(
        &'a self,
        request: http::Request<Bytes>,
        replay: Option<Replay<'a>>,
    ) -> BoxFuture<'a, Result<http::Response<Bytes>, TransportError>> {
        // Without a way to build the request again, keep what sending it again needs (boxed: only
        // direct callers of `Transport::send` take this path).
        let copy = match replay {
            Some(_) => None,
            None => Some(Box::new((
                request.method().clone(),
                request.uri().clone(),
                request.headers().clone(),
                request.body().clone(),
            ))),
        };
        let (request, uri) = match self.prepare(request) {
            Ok(prepared) => prepared,
            Err(err) => return Box::pin(std::future::ready(Err(err))),
        };
        let sent = self.send_inner(request, uri, replay, copy);
        match self.inner.request_timeout {
            None => Box::pin(sent),
            Some(limit) => {
                // Boxed on its own: the block awaiting it would otherwise hold it twice (as the
                // captured future and inside the `Timeout`), about 2 KB; this way both boxes are
                // small.
                let sent: BoxFuture<'a, _> = Box::pin(sent);
                Box::pin(async move {
                    tokio::time::timeout(limit, sent).await.unwrap_or_else(|_| {
                        Err(TransportError::timeout(format!(
                            "no complete response within {} ms",
                            limit.as_millis()
                        )))
                    })
                })
            }
        }
    }

    /// Removes user info from the URI and adds the proxy's credentials to a plain-http request
    /// that goes through a proxy; gives the request for hyper and its URI.
    fn prepare(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<(http::Request<Full<Bytes>>, http::Uri), TransportError> {
        let (mut parts, body) = request.into_parts();
        strip_userinfo(&mut parts.uri);
        let uri = parts.uri.clone();
        if uri.scheme().is_none() || uri.authority().is_none() {
            return Err(TransportError::connect(
                "the request URI has no scheme or host",
            ));
        }
        if let Some(proxies) = &self.inner.proxies {
            // A plain-http request to a proxy carries the proxy credentials itself (an https one
            // sends them on the CONNECT request instead).
            if uri.scheme_str() == Some("http") {
                if let Some(auth) = proxies.route(&uri).and_then(|p| p.basic_auth().cloned()) {
                    parts
                        .headers
                        .insert(http::header::PROXY_AUTHORIZATION, auth);
                }
            }
        }
        Ok((http::Request::from_parts(parts, Full::new(body)), uri))
    }

    /// Sends the prepared `request` to `uri`; after a stale pooled connection, sends it once more
    /// on a fresh one, built again by `replay` or, without one, from `copy`.
    ///
    /// A plain function returning an `async` block, not an `async fn`: the block uses its captured
    /// arguments in place, where an `async fn` would keep each one twice (as argument and as
    /// local). The future is moved into a `Box` on every call, so its size is copied every time.
    #[allow(clippy::manual_async_fn)] // On purpose: see above.
    fn send_inner<'a>(
        &'a self,
        request: http::Request<Full<Bytes>>,
        uri: http::Uri,
        replay: Option<Replay<'a>>,
        copy: Option<Box<(http::Method, http::Uri, http::HeaderMap, Bytes)>>,
    ) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>> + Send + 'a {
        async move {
            // Errors and logs name the origin by `host[:port]` (user info was removed).
            let authority = uri.authority().map_or("", |a| a.as_str());
            tracing::debug!(method = %request.method(), host = authority, path = uri.path(), "sending request");

            let clients = self.inner.clients.current();
            // In a block of its own, so that the result (about 150 bytes) is not kept in the
            // future while the body is read.
            let response = {
                let sent = match self.inner.gates.as_ref().and_then(|g| g.enter(&uri)) {
                    None => clients.pooled.request(request).await,
                    // Boxed: rare (the first calls to an origin), and its future is large.
                    Some(gate) => Box::pin(super::gate::send(gate, &clients.pooled, request)).await,
                };
                match sent {
                    Ok(response) => response,
                    // Boxed: rare, and its future is large.
                    Err(err) if is_stale(&err) => {
                        Box::pin(self.send_again(&clients, err, replay, copy, authority)).await?
                    }
                    Err(err) => return Err(errors::client(authority, err)),
                }
            };
            self.read_response(response).await
        }
    }

    /// The one resend after a stale pooled connection, on a fresh connection.
    async fn send_again(
        &self,
        clients: &Bound,
        err: hyper_util::client::legacy::Error,
        replay: Option<Replay<'_>>,
        copy: Option<Box<(http::Method, http::Uri, http::HeaderMap, Bytes)>>,
        authority: &str,
    ) -> Result<http::Response<hyper::body::Incoming>, TransportError> {
        let again = match (replay, copy) {
            (Some(replay), _) => replay.request(),
            (None, Some(copy)) => {
                let (method, uri, headers, body) = *copy;
                let mut again = http::Request::new(body);
                *again.method_mut() = method;
                *again.uri_mut() = uri;
                *again.headers_mut() = headers;
                Some(again)
            }
            (None, None) => None,
        };
        let Some(again) = again else {
            return Err(errors::client(authority, err));
        };
        tracing::debug!(host = authority, "pooled connection was closed by the server before answering; sending again on a fresh connection");
        let (again, _) = self.prepare(again)?;
        clients
            .fresh
            .request(again)
            .await
            .map_err(|err| errors::client(authority, err))
    }

    /// Reads the body of `response` under the size cap. Split before the future starts, so that
    /// the future holds head and body once (an `async fn` would also keep the whole response).
    fn read_response(
        &self,
        response: http::Response<hyper::body::Incoming>,
    ) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>> + Send + '_ {
        let (parts, incoming) = response.into_parts();
        async move {
            tracing::debug!(status = parts.status.as_u16(), version = ?parts.version, "response head received");
            if let Some(stats) = parts.extensions.get::<ConnStats>() {
                stats.response_received();
            }
            let limit = self.inner.max_response_bytes;
            body::check_declared_length(&parts.headers, limit)?;
            // Dropping the body unread (on an error, or when this future is dropped) closes an
            // HTTP/1.1 connection instead of pooling it.
            let body = body::collect_limited(incoming, limit).await?;
            if parts.version == http::Version::HTTP_11 && on_current_thread_runtime() {
                // hyper-util returns the connection to its pool from a task of its own: on a
                // current-thread runtime, let it run before the caller's next request, so that
                // one finds the connection there. A multi-thread runtime runs that task on another
                // worker meanwhile; yielding there only adds two context switches per call
                // (measured with `perf stat` on `seam-bench --profile sdk --tasks 1`: 4.1 against
                // 2.0 per request).
                tokio::task::yield_now().await;
            }
            Ok(http::Response::from_parts(parts, body))
        }
    }
}

/// Whether this call runs on a current-thread Tokio runtime.
fn on_current_thread_runtime() -> bool {
    tokio::runtime::Handle::try_current()
        .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::CurrentThread)
}

/// Whether `err` is a request that failed on a reused connection before any response head: the
/// server had closed the idle connection (end of stream or reset), so it never answered it.
fn is_stale(err: &hyper_util::client::legacy::Error) -> bool {
    if err.is_connect() {
        return false;
    }
    let Some(hyper) = errors::hyper_error(err) else {
        return false;
    };
    let closed = hyper.is_incomplete_message()
        || std::error::Error::source(hyper)
            .and_then(|e| e.downcast_ref::<std::io::Error>())
            .is_some_and(|io| {
                matches!(
                    io.kind(),
                    std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
                )
            });
    if !closed {
        return false;
    }
    let Some(info) = err.connect_info() else {
        return false;
    };
    let mut extras = http::Extensions::new();
    info.get_extras(&mut extras);
    extras.get::<ConnStats>().is_some_and(ConnStats::was_reused)
}

/// Removes `user:password@` from the URI: it must reach neither the server (`Host`), nor a proxy
/// (absolute-form targets), nor the pool key, errors or logs.
fn strip_userinfo(uri: &mut http::Uri) {
    let Some(authority) = uri.authority() else {
        return;
    };
    if !authority.as_str().contains('@') {
        return;
    }
    let host_port = without_userinfo(authority.as_str()).to_owned();
    let mut parts = std::mem::take(uri).into_parts();
    parts.authority = host_port.parse().ok();
    if let Ok(clean) = http::Uri::from_parts(parts) {
        *uri = clean;
    }
}

impl std::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HyperTransport")
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("request_timeout", &self.inner.request_timeout)
            .field("proxies", &self.inner.proxies)
            .finish_non_exhaustive()
    }
}

impl Transport for HyperTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        self.send_timed(request, None)
    }

    /// Sends without copying the request in advance: after a stale pooled connection, `replay`
    /// builds it again.
    fn send_with_replay<'a>(
        &'a self,
        request: http::Request<Bytes>,
        replay: Replay<'a>,
    ) -> BoxFuture<'a, Result<http::Response<Bytes>, TransportError>> {
        self.send_timed(request, Some(replay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The future boxed by every `send` is allocated and copied into its `Box` on each call: the
    /// rarely taken paths (first connection, stale retry) are boxed so that it stays small. The
    /// budget is 1,032 bytes, the largest block glibc's malloc serves from its per-thread cache.
    /// At 1,424 bytes (before the request and response were held once each) the end-to-end ratio
    /// at 64 and 256 tasks was about 5 points lower (BENCHMARKS.md, 2026-12-04); whether the cache
    /// or the smaller copy made the difference was not measured apart.
    #[test]
    fn the_future_of_a_send_stays_small() {
        let transport = HyperTransport::new().expect("transport");
        let request = http::Request::post("http://127.0.0.1:9/customers/create_portal")
            .body(Bytes::from_static(b"{}"))
            .expect("request");
        let replay = || None;
        // Not polled: nothing is sent.
        let future = transport.send_with_replay(request.clone(), Replay::new(&replay));
        let size = std::mem::size_of_val(&*future);
        eprintln!("send future: {size} bytes");
        assert!(
            size > 256,
            "{size} bytes: this measured an early error, not a send"
        );
        assert!(size <= 1032, "the send future is {size} bytes");

        // With a request timeout (off by default), the send future inside a `Timeout`, once.
        let timed = HyperTransport::builder()
            .request_timeout(Duration::from_secs(30))
            .build()
            .expect("transport");
        let timed_size =
            std::mem::size_of_val(&*timed.send_with_replay(request, Replay::new(&replay)));
        // It boxes the send future above on its own and holds the pointer and a `Sleep`.
        eprintln!("send future with a request timeout: {timed_size} bytes");
        let budget = 2 * std::mem::size_of::<tokio::time::Sleep>() + 64;
        assert!(
            timed_size <= budget,
            "the timed send future is {timed_size} bytes, over {budget}"
        );
    }

    #[test]
    fn user_info_is_removed_from_the_uri() {
        let mut uri: http::Uri = "http://user:hunter2@127.0.0.1:8/x?y=1".parse().unwrap();
        strip_userinfo(&mut uri);
        assert_eq!(uri.to_string(), "http://127.0.0.1:8/x?y=1");
        let mut plain: http::Uri = "https://a.invalid/".parse().unwrap();
        strip_userinfo(&mut plain);
        assert_eq!(plain.to_string(), "https://a.invalid/");
    }
}
