//! [`ReqwestTransport`]: the SDK over a `reqwest::Client`, for applications that already have one
//! (its TLS backend, proxies, DNS and pool are then the ones you configured).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use seam_core::{BoxFuture, Transport, TransportError};

use super::body::{check_declared_length, Limited};
use super::errors::describe;
use super::gate::{self, Gates};
use super::{without_userinfo, DEFAULT_MAX_RESPONSE_BYTES};

/// Sends requests through a [`reqwest::Client`] (feature `reqwest`).
///
/// Like [`HyperTransport`](crate::HyperTransport) it reads whole responses under a size cap
/// (default 16 MiB, refused without buffering more) and reports failures faithfully: reqwest's
/// connect errors (DNS, refused, TLS, proxy, its connect timeout) and requests it could not build
/// are [`Connect`](seam_core::TransportErrorKind::Connect) errors (the request never left); its
/// timeouts are timeouts; everything else is an I/O error after which the server may have seen
/// the request. User info in a URL (`user:password@`) is removed before sending.
///
/// Redirects: the client made by [`ReqwestTransport::new`] follows none. A client you pass to
/// [`ReqwestTransport::from_client`] keeps its own redirect policy, so build it with
/// `.redirect(reqwest::redirect::Policy::none())`; should it follow one anyway, the response is
/// refused with an error rather than returned as the answer to the original request.
///
/// seam-http turns on no TLS backend of reqwest: `https` works when your dependency on reqwest
/// enables one (reqwest's `default-tls`, `rustls`, `native-tls`, ...).
///
/// ```no_run
/// # fn demo(config: seam_http::Config) {
/// use seam_http::{ReqwestTransport, Seam};
///
/// let client = reqwest::Client::builder()
///     .redirect(reqwest::redirect::Policy::none())
///     .build()
///     .expect("client");
/// let seam = Seam::with_transport(config, ReqwestTransport::from_client(client));
/// # let _ = seam;
/// # }
/// ```
#[derive(Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: usize,
    /// The first call to each origin goes alone, so that a burst of first calls shares one HTTP/2
    /// connection (reqwest's pool, like hyper-util's, can otherwise open two).
    gates: Arc<Gates>,
}

impl std::fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReqwestTransport")
            .field("client", &self.client)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl ReqwestTransport {
    /// A transport over a new `reqwest::Client` that follows no redirects, with a 10 s connect
    /// timeout, HTTP/2 keep-alive PINGs every 30 s and idle connections closed after 90 s.
    pub fn new() -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .pool_idle_timeout(Duration::from_secs(90))
            .http2_keep_alive_interval(Duration::from_secs(30))
            .http2_keep_alive_timeout(Duration::from_secs(10))
            .http2_keep_alive_while_idle(true)
            .build()
            .map_err(|err| {
                TransportError::connect(format!(
                    "could not set up the reqwest client: {}",
                    describe(&err)
                ))
                .with_source(err)
            })?;
        Ok(Self::from_client(client))
    }

    /// A transport over your `client` (cheap to clone; clones share its pool).
    pub fn from_client(client: reqwest::Client) -> Self {
        Self {
            client,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            gates: Arc::new(Gates::new(true)),
        }
    }

    /// The largest response body accepted, in bytes (default 16 MiB).
    #[must_use]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    async fn send_inner(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let (mut parts, body) = request.into_parts();
        let Some(authority) = parts.uri.authority() else {
            return Err(TransportError::connect(
                "the request URI has no scheme or host",
            ));
        };
        let authority = without_userinfo(authority.as_str()).to_owned();
        if parts
            .uri
            .authority()
            .is_some_and(|a| a.as_str().contains('@'))
        {
            let mut uri = std::mem::take(&mut parts.uri).into_parts();
            uri.authority = authority.parse().ok();
            parts.uri = http::Uri::from_parts(uri).map_err(|err| {
                TransportError::connect(format!("invalid request URI: {err}")).with_source(err)
            })?;
        }
        let requested = parts.uri.to_string();
        let https = parts.uri.scheme_str() == Some("https");
        let gate = self.gates.enter(&parts.uri);
        let request = reqwest::Request::try_from(http::Request::from_parts(parts, body))
            .map_err(|err| map_error(&authority, err, https))?;
        let sent = self.client.execute(request);
        let sent = match gate {
            None => sent.await,
            Some(gate) => gate::pass(gate, sent).await,
        };
        let mut response = sent.map_err(|err| map_error(&authority, err, https))?;
        if response.url().as_str() != requested {
            return Err(TransportError::io(format!(
                "the reqwest client followed a redirect away from {authority}; build it with \
                 redirect(Policy::none())"
            )));
        }

        let limit = self.max_response_bytes;
        check_declared_length(response.headers(), limit)?;
        let expected = response.content_length().unwrap_or(0);
        let mut collected = Limited::new(limit);
        while let Some(chunk) = response.chunk().await.map_err(|err| {
            TransportError::io(format!(
                "reading the response body from {authority} failed: {}",
                describe(&err.without_url())
            ))
        })? {
            collected.push(chunk, expected)?;
        }
        let mut out = http::Response::new(collected.finish());
        *out.status_mut() = response.status();
        *out.version_mut() = response.version();
        *out.headers_mut() = std::mem::take(response.headers_mut());
        Ok(out)
    }
}

/// reqwest's error kinds mapped to the transport's, without the URL (which may carry a query
/// the caller did not mean to log).
fn map_error(authority: &str, err: reqwest::Error, https: bool) -> TransportError {
    let err = err.without_url();
    let chain = describe(&err);
    if err.is_connect() {
        TransportError::connect(format!("could not connect to {authority}: {chain}"))
    } else if err.is_builder() {
        let hint = if https {
            " (is a TLS feature of reqwest enabled?)"
        } else {
            ""
        };
        TransportError::connect(format!(
            "could not send a request to {authority}: {chain}{hint}"
        ))
    } else if err.is_timeout() {
        TransportError::timeout(format!("request to {authority} timed out: {chain}"))
    } else {
        TransportError::io(format!("request to {authority} failed: {chain}"))
    }
    .with_source(err)
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(self.send_inner(request))
    }
}
