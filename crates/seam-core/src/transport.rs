//! The seam between the SDK and an HTTP stack: one async call, `http::Request<Bytes>` in,
//! `http::Response<Bytes>` out.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;

/// A boxed, `Send` future, as returned by [`Transport::send`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and returns the whole response.
///
/// Implement it over any HTTP client; a closure `Fn(http::Request<Bytes>) -> impl Future<...>`
/// is a transport too. A transport does not retry, follow redirects or interpret status codes:
/// the SDK does that on top of it.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request`; resolves to the full response (status, headers, body) or a [`TransportError`].
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;

    /// Like [`Transport::send`], with `replay` to build the same request once more should the
    /// transport need to send it again on its own (as seam-http's `HyperTransport` does when a
    /// reused keep-alive connection turns out closed before answering). The executor calls this
    /// form, so that such a transport need not copy every request in case. The default ignores
    /// `replay`.
    fn send_with_replay<'a>(
        &'a self,
        request: http::Request<Bytes>,
        replay: Replay<'a>,
    ) -> BoxFuture<'a, Result<http::Response<Bytes>, TransportError>> {
        let _ = replay;
        self.send(request)
    }
}

/// Builds a request handed to [`Transport::send_with_replay`] once more: the same method, URI,
/// headers and body, made afresh rather than copied in advance.
#[derive(Clone, Copy)]
pub struct Replay<'a> {
    build: &'a (dyn Fn() -> Option<http::Request<Bytes>> + Send + Sync),
}

impl<'a> Replay<'a> {
    /// A replay that calls `build`, which gives the request again (`None` if it cannot).
    pub fn new(build: &'a (dyn Fn() -> Option<http::Request<Bytes>> + Send + Sync)) -> Self {
        Self { build }
    }

    /// The request once more, or `None` if it cannot be built again.
    pub fn request(&self) -> Option<http::Request<Bytes>> {
        (self.build)()
    }
}

impl fmt::Debug for Replay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay").finish_non_exhaustive()
    }
}

impl<F, Fut> Transport for F
where
    F: Fn(http::Request<Bytes>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<http::Response<Bytes>, TransportError>> + Send + 'static,
{
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(self(request))
    }
}

/// What went wrong below HTTP, and whether the request may have reached the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The request never left: DNS failure, connection refused, TLS handshake failure.
    /// Always safe to retry.
    Connect,
    /// No complete response within the time allowed; the server may have acted on the request.
    Timeout,
    /// The response body was larger than the configured cap.
    BodyTooLarge,
    /// The connection failed after the request may have been sent (reset, closed mid-body, protocol error).
    Io,
}

/// A failure of the transport itself (no HTTP response to interpret).
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl TransportError {
    /// An error of `kind` with a message a person can act on.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying cause, kept as [`std::error::Error::source`].
    #[must_use]
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The request never left (connect/DNS/TLS failure).
    pub fn connect(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Connect, message)
    }

    /// No complete response in time.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Timeout, message)
    }

    /// The connection failed after the request may have been sent.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Io, message)
    }

    /// The response body exceeded `limit` bytes.
    pub fn body_too_large(limit: usize) -> Self {
        Self::new(
            TransportErrorKind::BodyTooLarge,
            format!("response body is larger than the {limit}-byte limit"),
        )
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// `false` only when the request certainly did not reach the server (see [`TransportErrorKind::Connect`]).
    pub fn may_have_reached_server(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Connect)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}
