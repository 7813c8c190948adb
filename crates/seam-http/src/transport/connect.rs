//! Opening one connection: TCP (with connect timeout), TLS with ALPN via hyper-rustls, then the HTTP/1.1
//! or HTTP/2 handshake, with the connection's I/O driven by a spawned Tokio task.

use bytes::Bytes;
use http_body_util::Full;
use hyper::client::conn::{http1, http2};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::{Connection as _, HttpConnector};
use hyper_util::rt::{TokioExecutor, TokioTimer};
use seam_core::TransportError;
use tower_service::Service as _;

use super::errors;

/// The request body type sent on pooled connections.
pub(crate) type ReqBody = Full<Bytes>;

/// One ready-to-use connection.
pub(crate) enum Conn {
    /// An HTTP/1.1 connection: one request at a time, returned to the pool after each response.
    H1(http1::SendRequest<ReqBody>),
    /// An HTTP/2 connection: shared by every request to the host.
    H2(http2::SendRequest<ReqBody>),
}

/// Which protocol to speak after connecting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Versions {
    /// HTTP/2 if ALPN selects it, HTTP/1.1 otherwise (plain `http://` uses HTTP/1.1).
    Both,
    /// HTTP/1.1 only.
    Http1,
    /// HTTP/2 only (prior knowledge on plain `http://`).
    Http2,
}

/// Opens connections to `scheme://authority` origins.
#[derive(Clone)]
pub(crate) struct Connector {
    pub(crate) https: HttpsConnector<HttpConnector>,
    pub(crate) versions: Versions,
}

impl Connector {
    /// Whether a new connection to a `scheme` origin may speak HTTP/2 (and so be shared).
    pub(crate) fn may_negotiate_h2(&self, scheme: &str) -> bool {
        match self.versions {
            Versions::Http1 => false,
            Versions::Http2 => true,
            Versions::Both => scheme.eq_ignore_ascii_case("https"),
        }
    }

    /// Connects to the origin of `uri` and performs the HTTP handshake; every failure here means the
    /// request never left.
    pub(crate) async fn connect(
        &self,
        uri: http::Uri,
        authority: &str,
    ) -> Result<Conn, TransportError> {
        let mut https = self.https.clone();
        std::future::poll_fn(|cx| https.poll_ready(cx))
            .await
            .map_err(|err| errors::connect(authority, err))?;
        let io = https
            .call(uri)
            .await
            .map_err(|err| errors::connect(authority, err))?;
        let h2 = match self.versions {
            Versions::Http1 => false,
            Versions::Http2 => true,
            Versions::Both => io.connected().is_negotiated_h2(),
        };
        tracing::debug!(host = %authority, http2 = h2, "connected");
        if h2 {
            let (sender, connection) = http2::Builder::new(TokioExecutor::new())
                .timer(TokioTimer::new())
                .handshake(io)
                .await
                .map_err(|err| errors::connect(authority, err))?;
            tokio::spawn(async move {
                if let Err(err) = connection.await {
                    tracing::debug!(error = %err, "http/2 connection ended with an error");
                }
            });
            Ok(Conn::H2(sender))
        } else {
            let (sender, connection) = http1::handshake(io)
                .await
                .map_err(|err| errors::connect(authority, err))?;
            tokio::spawn(async move {
                if let Err(err) = connection.await {
                    tracing::debug!(error = %err, "http/1.1 connection ended with an error");
                }
            });
            Ok(Conn::H1(sender))
        }
    }
}
