//! Settings for [`HyperTransport`]: size cap, timeouts, pooling, HTTP versions and TLS.

use std::sync::Arc;
use std::time::Duration;

use hyper_rustls::HttpsConnectorBuilder;
use hyper_util::client::legacy::connect::HttpConnector;

use super::connect::{Connector, Versions};
use super::pool::Pool;
use super::{HyperTransport, Inner, DEFAULT_MAX_RESPONSE_BYTES};

/// Configures a [`HyperTransport`]; start with [`HyperTransport::builder`].
///
/// Defaults: 16 MiB response cap, 10 s connect timeout, idle pooled connections closed after 90 s,
/// HTTP/2 or HTTP/1.1 by ALPN, `https` and (for loopback development) plain `http` URLs,
/// no overall request timeout (the SDK's executor enforces its own per attempt).
#[derive(Clone)]
#[must_use]
pub struct HyperTransportBuilder {
    max_response_bytes: usize,
    connect_timeout: Option<Duration>,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: usize,
    request_timeout: Option<Duration>,
    versions: Versions,
    https_only: bool,
    tls: Option<rustls::ClientConfig>,
}

impl Default for HyperTransportBuilder {
    fn default() -> Self {
        Self {
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            connect_timeout: Some(Duration::from_secs(10)),
            pool_idle_timeout: Some(Duration::from_secs(90)),
            pool_max_idle_per_host: usize::MAX,
            request_timeout: None,
            versions: Versions::Both,
            https_only: false,
            tls: None,
        }
    }
}

impl std::fmt::Debug for HyperTransportBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A custom TLS config may hold a client key: only say whether there is one.
        f.debug_struct("HyperTransportBuilder")
            .field("max_response_bytes", &self.max_response_bytes)
            .field("connect_timeout", &self.connect_timeout)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("request_timeout", &self.request_timeout)
            .field("versions", &self.versions)
            .field("https_only", &self.https_only)
            .field("custom_tls", &self.tls.is_some())
            .finish()
    }
}

impl HyperTransportBuilder {
    /// The largest response body accepted, in bytes; a larger one fails with
    /// [`TransportErrorKind::BodyTooLarge`](seam_core::TransportErrorKind::BodyTooLarge) after reading at most this much.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// How long to wait for a TCP connection to be established (`None`: the operating system's limit).
    pub fn connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.connect_timeout = timeout.into();
        self
    }

    /// How long an unused pooled connection is kept open (`None`: until the server closes it).
    /// Idle connections are checked every half of this time by a background task that runs only
    /// while the pool holds connections.
    pub fn pool_idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.pool_idle_timeout = timeout.into();
        self
    }

    /// The most idle HTTP/1.1 connections kept per host (default: no limit beyond the peak number
    /// of concurrent calls). `0` disables pooling altogether: every call opens its own connection,
    /// HTTP/2 ones included.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// A limit on one whole exchange (connect, send, response head and body), for direct users of the
    /// transport. The `Seam` client enforces its own per-attempt timeout, so it leaves this unset.
    pub fn request_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.request_timeout = timeout.into();
        self
    }

    /// Speak HTTP/1.1 only (no `h2` in ALPN).
    pub fn http1_only(mut self) -> Self {
        self.versions = Versions::Http1;
        self
    }

    /// Speak HTTP/2 only (ALPN `h2` over TLS; prior knowledge on plain `http://`).
    pub fn http2_only(mut self) -> Self {
        self.versions = Versions::Http2;
        self
    }

    /// Refuse plain `http://` URLs at the connection level (by default they are allowed so that
    /// loopback development servers work; the SDK's config decides which endpoints are acceptable).
    pub fn https_only(mut self, yes: bool) -> Self {
        self.https_only = yes;
        self
    }

    /// Use this rustls configuration (custom roots, client certificates, another provider) instead of
    /// the feature-selected defaults. Its ALPN list is replaced to match the chosen HTTP versions.
    pub fn tls_config(mut self, config: rustls::ClientConfig) -> Self {
        self.tls = Some(config);
        self
    }

    /// Builds the transport (no runtime needed here; sending needs a Tokio runtime).
    ///
    /// Fails only when the operating system's trust roots are required and cannot be loaded.
    pub fn build(self) -> std::io::Result<HyperTransport> {
        let tls = match self.tls {
            Some(tls) => tls,
            None => crate::tls::client_config()?,
        };

        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(self.connect_timeout);

        let schemes = HttpsConnectorBuilder::new().with_tls_config(tls);
        let schemes = if self.https_only {
            schemes.https_only()
        } else {
            schemes.https_or_http()
        };
        let https = match self.versions {
            Versions::Both => schemes.enable_all_versions().wrap_connector(http),
            Versions::Http1 => schemes.enable_http1().wrap_connector(http),
            Versions::Http2 => schemes.enable_http2().wrap_connector(http),
        };

        Ok(HyperTransport {
            inner: Arc::new(Inner {
                connector: Connector {
                    https,
                    versions: self.versions,
                },
                pool: Pool::new(self.pool_idle_timeout, self.pool_max_idle_per_host),
                max_response_bytes: self.max_response_bytes,
                request_timeout: self.request_timeout,
            }),
        })
    }
}
