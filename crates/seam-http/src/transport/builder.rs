//! Settings for [`HyperTransport`]: size cap, timeouts, pooling, HTTP versions, proxies and TLS.

use std::sync::Arc;
use std::time::Duration;

use hyper_rustls::HttpsConnectorBuilder;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::clients::Clients;
use super::connect::{ProxyConnector, Timed};
use super::gate::Gates;
use super::hyper_client::{HyperTransport, Inner};
use super::proxy::{Proxies, ProxySource};
use super::DEFAULT_MAX_RESPONSE_BYTES;

/// Which protocol to speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Versions {
    /// HTTP/2 if ALPN selects it, HTTP/1.1 otherwise (plain `http://` uses HTTP/1.1).
    Both,
    /// HTTP/1.1 only.
    Http1,
    /// HTTP/2 only (prior knowledge on plain `http://`).
    Http2,
}

/// Configures a [`HyperTransport`]; start with [`HyperTransport::builder`].
///
/// Defaults, in numbers:
///
/// | setting | default |
/// |---|---|
/// | response body cap | 16 MiB |
/// | connect timeout (TCP, proxy hop and TLS handshake together) | 10 s |
/// | idle pooled connection closed after | 90 s |
/// | HTTP/2 keep-alive PING | every 30 s, idle connections included; no answer in 10 s closes the connection |
/// | overall request timeout | none (the SDK's executor enforces its own per attempt) |
///
/// HTTP/2 or HTTP/1.1 by ALPN; `https` and (for loopback development) plain `http` URLs; proxies
/// from the environment (see [`HyperTransportBuilder::proxy`]).
#[derive(Clone)]
#[must_use]
pub struct HyperTransportBuilder {
    max_response_bytes: usize,
    connect_timeout: Option<Duration>,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: usize,
    request_timeout: Option<Duration>,
    http2_keep_alive_interval: Option<Duration>,
    http2_keep_alive_timeout: Duration,
    versions: Versions,
    https_only: bool,
    proxy: ProxySource,
    proxy_loopback: bool,
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
            http2_keep_alive_interval: Some(Duration::from_secs(30)),
            http2_keep_alive_timeout: Duration::from_secs(10),
            versions: Versions::Both,
            https_only: false,
            proxy: ProxySource::Env,
            proxy_loopback: false,
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
            .field("http2_keep_alive_interval", &self.http2_keep_alive_interval)
            .field("http2_keep_alive_timeout", &self.http2_keep_alive_timeout)
            .field("versions", &self.versions)
            .field("https_only", &self.https_only)
            // Shown without credentials.
            .field("proxy", &self.proxy)
            .field("proxy_loopback", &self.proxy_loopback)
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

    /// The time allowed for the whole connect phase: TCP, the proxy hop (if any) and the TLS
    /// handshake (`None`: no limit beyond the operating system's). Failing or running out of time
    /// here means the request never left, so the SDK retries it even for non-idempotent calls.
    pub fn connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.connect_timeout = timeout.into();
        self
    }

    /// How long an unused pooled connection is kept open (`None`: until the server closes it).
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

    /// How often an HTTP/2 connection is sent a PING to check that it is still alive, idle or not
    /// (`None`: never).
    pub fn http2_keep_alive_interval(mut self, interval: impl Into<Option<Duration>>) -> Self {
        self.http2_keep_alive_interval = interval.into();
        self
    }

    /// How long to wait for the answer to a keep-alive PING before closing the connection.
    pub fn http2_keep_alive_timeout(mut self, timeout: Duration) -> Self {
        self.http2_keep_alive_timeout = timeout;
        self
    }

    /// Sends every request through the HTTP proxy at `url` (`http://[user:password@]host[:port]`),
    /// instead of the proxies named by the environment.
    ///
    /// By default (without this or [`no_proxy`](Self::no_proxy)) the transport reads, at build
    /// time, `HTTPS_PROXY` (for `https` URLs), `HTTP_PROXY` (for `http` URLs), `ALL_PROXY` (for
    /// both, when the specific one is unset) and `NO_PROXY` (hosts, domains and CIDR ranges that
    /// bypass the proxy, `*` for all), upper-case names first, then lower-case, as curl and reqwest
    /// do; under CGI (`REQUEST_METHOD` set) proxy variables are ignored.
    ///
    /// `https` requests go through a CONNECT tunnel (TLS stays end to end); plain `http` ones are
    /// sent to the proxy in absolute form. Credentials in the URL become a `Proxy-Authorization:
    /// Basic` header and are never printed. Loopback destinations bypass the proxy (see
    /// [`proxy_loopback`](Self::proxy_loopback)). A URL that is not an `http://` proxy fails
    /// [`build`](Self::build).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySource::Url(url.into());
        self
    }

    /// Never uses a proxy, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxySource::Off;
        self
    }

    /// Reads the proxy variables through `lookup` instead of the process environment (same names
    /// and rules as the default; see [`proxy`](Self::proxy)).
    pub fn proxy_env_with(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.proxy = ProxySource::Lookup(Arc::new(lookup));
        self
    }

    /// Whether loopback destinations (`localhost`, `127.0.0.0/8`, `::1`) go through the proxy too
    /// (default `false`: they are always reached directly).
    pub fn proxy_loopback(mut self, yes: bool) -> Self {
        self.proxy_loopback = yes;
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
    /// Fails when TLS cannot be set up (no crypto provider or trust roots enabled, or the
    /// operating system's roots required and unreadable; see the crate's Cargo features), or when
    /// a proxy URL (given or from the environment) is not usable; the error names the variable,
    /// never the URL's credentials.
    pub fn build(self) -> std::io::Result<HyperTransport> {
        let tls = match self.tls {
            Some(tls) => tls,
            None => crate::tls::client_config()?,
        };
        let proxies = Proxies::resolve(&self.proxy, self.proxy_loopback)?.map(Arc::new);

        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        let tcp = ProxyConnector {
            http,
            proxies: proxies.clone(),
        };

        let schemes = HttpsConnectorBuilder::new().with_tls_config(tls);
        let schemes = if self.https_only {
            schemes.https_only()
        } else {
            schemes.https_or_http()
        };
        let https = match self.versions {
            Versions::Both => schemes.enable_all_versions().wrap_connector(tcp),
            Versions::Http1 => schemes.enable_http1().wrap_connector(tcp),
            Versions::Http2 => schemes.enable_http2().wrap_connector(tcp),
        };
        let connector = Timed {
            inner: https,
            timeout: self.connect_timeout,
        };

        let mut client = hyper_util::client::legacy::Client::builder(TokioExecutor::new());
        client
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .pool_max_idle_per_host(self.pool_max_idle_per_host)
            .http2_only(self.versions == Versions::Http2)
            .http2_keep_alive_interval(self.http2_keep_alive_interval)
            .http2_keep_alive_timeout(self.http2_keep_alive_timeout)
            .http2_keep_alive_while_idle(true);

        Ok(HyperTransport::from_inner(Inner {
            clients: Clients::new(connector, client),
            proxies,
            // Over HTTP/1.1 only there is nothing to share; with both versions only `https` origins
            // can turn out to speak HTTP/2 (by ALPN); with HTTP/2 only every origin does.
            gates: (self.versions != Versions::Http1 && self.pool_max_idle_per_host > 0)
                .then(|| Gates::new(self.versions == Versions::Http2)),
            max_response_bytes: self.max_response_bytes,
            request_timeout: self.request_timeout,
        }))
    }
}
