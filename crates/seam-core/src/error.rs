//! The one error type every seam-core (and seam-http) call returns, with predicates to branch on.

pub(crate) mod display;
mod scrub;

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use seam_types::ValidationError;

use crate::transport::{TransportError, TransportErrorKind};
use crate::violations::ValidationErrors;
use display::Bounded;

/// Longest error type shown by `Display`, in bytes.
const TYPE_BYTES: usize = 100;
/// Longest server message shown by `Display`, in bytes.
const MESSAGE_BYTES: usize = 1000;
/// Longest request id, content type or JSON path shown by `Display`, in bytes.
const SHORT_BYTES: usize = 200;
/// Violations listed by `Display`; the rest are counted in one line.
const LISTED_VIOLATIONS: usize = 10;

/// Everything that can go wrong when calling the Seam API.
///
/// The error is opaque: branch on the predicates ([`Error::is_timeout`], [`Error::is_unauthorized`],
/// [`Error::is_rate_limited`], [`Error::is_retryable`], ...) and read details through the accessors
/// ([`Error::status`], [`Error::request_id`], [`Error::api_error_code`],
/// [`Error::validation_errors`], [`Error::headers`], [`Error::body`], [`Error::attempts`], ...).
/// [`Error::kind`] gives the broad category.
///
/// An `Error` never contains a credential: neither its `Debug` nor its `Display` output nor any
/// accessor shows one, even one the server echoed back. `Display` stays short (a few KB at most)
/// whatever the server sent, and escapes control characters in server text.
pub struct Error {
    repr: Box<Repr>,
}

struct Repr {
    inner: Inner,
    attempts: u32,
}

/// The broad category of an [`Error`], for `match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The credentials given are not usable for the customers endpoints.
    Credentials,
    /// The configuration (endpoint, timeouts, headers, environment) is invalid.
    Config,
    /// The request failed client-side validation; nothing was sent.
    Validation,
    /// The HTTP request could not be assembled (for example a body that does not serialize).
    Build,
    /// The transport failed below HTTP (connect, I/O, body too large, its own timeout).
    Transport,
    /// No response arrived within the per-attempt timeout or the total deadline.
    Timeout,
    /// The API answered with its error envelope (or a bare HTTP 401).
    Api,
    /// The API answered with something that is neither the expected result nor its error envelope.
    InvalidResponse,
}

pub(crate) enum Inner {
    Credentials(String),
    Config(String),
    Validation(ValidationErrors),
    Build {
        message: String,
        source: Option<Box<dyn StdError + Send + Sync + 'static>>,
    },
    Transport(TransportError),
    Timeout {
        after: Duration,
        deadline: bool,
    },
    Api(ApiError),
    InvalidResponse(InvalidResponse),
}

/// The response as it arrived: headers and body (the body within the transport's size cap).
pub(crate) struct Received {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// The API's own error: the envelope `{"error": {"type", "message", ...}}` plus the HTTP facts.
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) error_type: String,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) data: Option<serde_json::Value>,
    pub(crate) validation: Option<ValidationErrors>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) received: Received,
}

/// A response that could not be understood.
pub(crate) struct InvalidResponse {
    pub(crate) status: StatusCode,
    pub(crate) content_type: Option<String>,
    pub(crate) request_id: Option<String>,
    /// JSON path where reading failed (empty for the document root).
    pub(crate) path: Option<String>,
    pub(crate) message: String,
    pub(crate) excerpt: String,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) source: Option<serde_json::Error>,
    pub(crate) received: Received,
}

impl Error {
    pub(crate) fn new(inner: Inner) -> Self {
        Self {
            repr: Box::new(Repr { inner, attempts: 0 }),
        }
    }

    pub(crate) fn credentials(message: impl Into<String>) -> Self {
        Self::new(Inner::Credentials(message.into()))
    }

    /// A configuration or usage error (`is_config()`), for layers built on this crate that refuse a
    /// setting or a use of their own (seam-http's blocking client called inside an async runtime, for one).
    ///
    /// ```
    /// let error = seam_core::Error::config("the widget count must be positive");
    /// assert!(error.is_config());
    /// assert_eq!(error.to_string(), "invalid configuration: the widget count must be positive");
    /// ```
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Inner::Config(message.into()))
    }

    pub(crate) fn build(
        message: impl Into<String>,
        source: Option<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self::new(Inner::Build {
            message: message.into(),
            source,
        })
    }

    /// Prefixes the message of a credentials or configuration error with where the value came
    /// from (such as an environment variable's name).
    pub(crate) fn context(mut self, source: &str) -> Self {
        if let Inner::Credentials(m) | Inner::Config(m) = &mut self.repr.inner {
            *m = format!("{source}: {m}");
        }
        self
    }

    pub(crate) fn timeout(after: Duration, deadline: bool) -> Self {
        Self::new(Inner::Timeout { after, deadline })
    }

    /// Records how many attempts the call made before ending with this error.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.repr.attempts = attempts;
        self
    }

    /// Replaces `text` (a password found in a refused link) in the body excerpt.
    pub(crate) fn redact_excerpt(mut self, text: &str) -> Self {
        if let Inner::InvalidResponse(e) = &mut self.repr.inner {
            if !text.is_empty() {
                e.excerpt = e.excerpt.replace(text, "[redacted]");
            }
        }
        self
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.repr.inner
    }

    fn received(&self) -> Option<&Received> {
        match &self.repr.inner {
            Inner::Api(e) => Some(&e.received),
            Inner::InvalidResponse(e) => Some(&e.received),
            _ => None,
        }
    }

    /// The broad category of this error.
    pub fn kind(&self) -> ErrorKind {
        match &self.repr.inner {
            Inner::Credentials(_) => ErrorKind::Credentials,
            Inner::Config(_) => ErrorKind::Config,
            Inner::Validation(_) => ErrorKind::Validation,
            Inner::Build { .. } => ErrorKind::Build,
            Inner::Transport(_) => ErrorKind::Transport,
            Inner::Timeout { .. } => ErrorKind::Timeout,
            Inner::Api(_) => ErrorKind::Api,
            Inner::InvalidResponse(_) => ErrorKind::InvalidResponse,
        }
    }

    /// No response in time: the per-attempt timeout, the total deadline, or the transport's own timeout.
    /// The server may still have acted on the request.
    pub fn is_timeout(&self) -> bool {
        match &self.repr.inner {
            Inner::Timeout { .. } => true,
            Inner::Transport(e) => e.kind() == TransportErrorKind::Timeout,
            _ => false,
        }
    }

    /// The API rejected the credentials (HTTP 401, or an error of type `unauthorized`).
    pub fn is_unauthorized(&self) -> bool {
        match &self.repr.inner {
            Inner::Api(e) => e.status == StatusCode::UNAUTHORIZED || e.error_type == "unauthorized",
            _ => false,
        }
    }

    /// The server asked the client to slow down: HTTP 429 (with or without Seam's envelope), or an
    /// API error of type `rate_limited`. [`Error::retry_after`] says how long it asked to wait.
    ///
    /// ```
    /// use seam_core::operation::PushData;
    ///
    /// let response = http::Response::builder()
    ///     .status(429)
    ///     .header("retry-after", "2")
    ///     .body(bytes::Bytes::from_static(b"slow down"))
    ///     .unwrap();
    /// let err = seam_core::parse::<PushData>(response).unwrap_err();
    /// assert!(err.is_rate_limited());
    /// assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(2)));
    /// ```
    pub fn is_rate_limited(&self) -> bool {
        match &self.repr.inner {
            Inner::Api(e) => {
                e.status == StatusCode::TOO_MANY_REQUESTS || e.error_type == "rate_limited"
            }
            Inner::InvalidResponse(e) => e.status == StatusCode::TOO_MANY_REQUESTS,
            _ => false,
        }
    }

    /// The request was refused as invalid: either by client-side validation before anything was sent
    /// or by the API with `invalid_input`; [`Error::validation_errors`] lists the problems.
    pub fn is_validation(&self) -> bool {
        match &self.repr.inner {
            Inner::Validation(_) => true,
            Inner::Api(e) => e.error_type == "invalid_input",
            _ => false,
        }
    }

    /// The credentials or configuration are unusable; fix the setup, retrying will not help.
    pub fn is_config(&self) -> bool {
        matches!(&self.repr.inner, Inner::Credentials(_) | Inner::Config(_))
    }

    /// The API answered with its error envelope (see [`Error::api_error_code`]).
    pub fn is_api(&self) -> bool {
        matches!(&self.repr.inner, Inner::Api(_))
    }

    /// The transport failed below HTTP (see [`crate::TransportError`], available as the error source).
    pub fn is_transport(&self) -> bool {
        matches!(&self.repr.inner, Inner::Transport(_))
    }

    /// The request never left: connection refused, DNS or TLS failure. Always safe to retry.
    pub fn is_connect(&self) -> bool {
        match &self.repr.inner {
            Inner::Transport(e) => e.kind() == TransportErrorKind::Connect,
            _ => false,
        }
    }

    /// The response was neither the expected result nor the API's error envelope
    /// (an HTML page from a proxy, an empty or truncated body, a missing field, a refused link,
    /// a success status with `"ok": false`, ...).
    pub fn is_invalid_response(&self) -> bool {
        matches!(&self.repr.inner, Inner::InvalidResponse(_))
    }

    /// A transient failure that a later attempt may not hit: a connect failure, a timeout,
    /// an I/O failure, HTTP 429 or any 5xx.
    ///
    /// This says nothing about whether repeating the request is *safe*; the executor only repeats
    /// non-idempotent operations (like `create_portal`) after failures where the request certainly did
    /// not reach the server or was refused unprocessed (connect failures, 429, 503), unless told otherwise.
    pub fn is_retryable(&self) -> bool {
        match &self.repr.inner {
            Inner::Transport(e) => e.kind() != TransportErrorKind::BodyTooLarge,
            Inner::Timeout { .. } => true,
            Inner::Api(_) | Inner::InvalidResponse(_) => self
                .status()
                .is_some_and(|s| s == StatusCode::TOO_MANY_REQUESTS || s.is_server_error()),
            _ => false,
        }
    }

    /// How many attempts the call made before it ended with this error: 0 when nothing was sent
    /// (validation, configuration), 1 without retries, more after retries.
    ///
    /// ```
    /// use seam_core::{Config, Credentials};
    /// use seam_core::operation::PushData;
    /// use seam_types::PushDataRequest;
    ///
    /// let config = Config::builder().credentials(Credentials::api_key("seam_test_key_123")?).build()?;
    /// let err = seam_core::build(&config, &PushData(PushDataRequest::new(""))).unwrap_err();
    /// assert_eq!(err.attempts(), 0);
    /// # Ok::<(), seam_core::Error>(())
    /// ```
    pub fn attempts(&self) -> u32 {
        self.repr.attempts
    }

    /// The API's error type, such as `invalid_input`, `unauthorized` or `customer_not_found`.
    /// A bare HTTP 401 without an envelope reads as `unauthorized`.
    pub fn api_error_code(&self) -> Option<&str> {
        match &self.repr.inner {
            Inner::Api(e) => Some(&e.error_type),
            _ => None,
        }
    }

    /// The API's error message, as sent by the server (whole; `Display` shows at most 1,000 bytes
    /// of it).
    pub fn api_error_message(&self) -> Option<&str> {
        match &self.repr.inner {
            Inner::Api(e) => Some(&e.message),
            _ => None,
        }
    }

    /// The `data` object of the API's error, when the server sent one of at most 64 KiB of JSON
    /// (a larger one is only in [`Error::body`]).
    pub fn api_error_data(&self) -> Option<&serde_json::Value> {
        match &self.repr.inner {
            Inner::Api(e) => e.data.as_ref(),
            _ => None,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match &self.repr.inner {
            Inner::Api(e) => Some(e.status),
            Inner::InvalidResponse(e) => Some(e.status),
            _ => None,
        }
    }

    /// The response headers, for an API error or an invalid response.
    ///
    /// As received, except that a header whose value holds the credential's secret reads
    /// `[redacted]` (and one whose name holds it is left out).
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.received().map(|r| &r.headers)
    }

    /// The response body, for an API error or an invalid response: as received (within the
    /// transport's response size cap), except that the credential's secret, if the server echoed
    /// it, reads `[redacted]`.
    ///
    /// ```
    /// use seam_core::operation::CreatePortal;
    ///
    /// let response = http::Response::builder()
    ///     .status(502)
    ///     .header("content-type", "text/html")
    ///     .body(bytes::Bytes::from_static(b"<html>Bad Gateway</html>"))
    ///     .unwrap();
    /// let err = seam_core::parse::<CreatePortal>(response).unwrap_err();
    /// assert_eq!(err.body(), Some(&b"<html>Bad Gateway</html>"[..]));
    /// assert_eq!(err.headers().unwrap()["content-type"], "text/html");
    /// ```
    pub fn body(&self) -> Option<&[u8]> {
        self.received().map(|r| &r.body[..])
    }

    /// The `seam-request-id` response header: quote it when contacting Seam support.
    pub fn request_id(&self) -> Option<&str> {
        match &self.repr.inner {
            Inner::Api(e) => e.request_id.as_deref(),
            Inner::InvalidResponse(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// How long the server asked the client to wait (`Retry-After`), uncapped, if it said so.
    pub fn retry_after(&self) -> Option<Duration> {
        match &self.repr.inner {
            Inner::Api(e) => e.retry_after,
            Inner::InvalidResponse(e) => e.retry_after,
            _ => None,
        }
    }

    /// What was wrong with the request, by parameter: the client-side violations when the request
    /// was never sent, or the API's `validation_errors` (of an `invalid_input` error). Bounded
    /// however many the server sent; see [`ValidationErrors`].
    ///
    /// ```
    /// use seam_core::{Config, Credentials};
    /// use seam_core::operation::PushData;
    /// use seam_types::PushDataRequest;
    ///
    /// let config = Config::builder().credentials(Credentials::api_key("seam_test_key_123")?).build()?;
    /// let err = seam_core::build(&config, &PushData(PushDataRequest::new(""))).unwrap_err();
    /// let problems = err.validation_errors().expect("client-side violations");
    /// assert_eq!(problems.for_parameter("customer_key").count(), 1);
    /// # Ok::<(), seam_core::Error>(())
    /// ```
    pub fn validation_errors(&self) -> Option<&ValidationErrors> {
        match &self.repr.inner {
            Inner::Validation(e) => Some(e),
            Inner::Api(e) => e.validation.as_ref(),
            _ => None,
        }
    }

    /// For an invalid response: the JSON path where reading the body failed (empty for the root).
    pub fn json_path(&self) -> Option<&str> {
        match &self.repr.inner {
            Inner::InvalidResponse(e) => e.path.as_deref(),
            _ => None,
        }
    }

    /// For an invalid response: the first characters (at most 200) of the body, for diagnosis.
    pub fn body_excerpt(&self) -> Option<&str> {
        match &self.repr.inner {
            Inner::InvalidResponse(e) => Some(&e.excerpt),
            _ => None,
        }
    }

    /// For an invalid response: the `content-type` the server sent.
    pub fn content_type(&self) -> Option<&str> {
        match &self.repr.inner {
            Inner::InvalidResponse(e) => e.content_type.as_deref(),
            _ => None,
        }
    }

    /// The transport failure, when this is a transport error.
    pub fn transport_error(&self) -> Option<&TransportError> {
        match &self.repr.inner {
            Inner::Transport(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Self::new(Inner::Validation(e.into()))
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Self::new(Inner::Transport(e))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr.inner {
            Inner::Credentials(m) => write!(f, "unusable credentials: {m}"),
            Inner::Config(m) => write!(f, "invalid configuration: {m}"),
            Inner::Validation(e) => write!(f, "invalid request: {e}"),
            Inner::Build { message, .. } => write!(f, "could not build the request: {message}"),
            Inner::Transport(e) => {
                let what = match e.kind() {
                    TransportErrorKind::Connect => {
                        "could not connect to the Seam API (the request was not sent)"
                    }
                    TransportErrorKind::Timeout => {
                        "the transport timed out waiting for the Seam API"
                    }
                    TransportErrorKind::BodyTooLarge => "the Seam API response was too large",
                    _ => "the connection to the Seam API failed (the request may have been sent)",
                };
                write!(f, "{what}: {e}")
            }
            Inner::Timeout { after, deadline } => {
                if *deadline {
                    write!(
                        f,
                        "no response from the Seam API before the total deadline ({after:?} left for the last attempt); \
                         the request may still have been processed"
                    )
                } else {
                    write!(
                        f,
                        "no response from the Seam API within the {after:?} timeout; \
                         the request may still have been processed"
                    )
                }
            }
            Inner::Api(e) => {
                if e.status == StatusCode::UNAUTHORIZED {
                    write!(
                        f,
                        "unauthorized (HTTP 401): the Seam API rejected the credentials; check that the key or token \
                         is valid, not revoked, and (for tokens) that the workspace id is right"
                    )?;
                    if !e.message.is_empty() {
                        write!(f, " (server said: {})", Bounded(&e.message, MESSAGE_BYTES))?;
                    }
                } else {
                    write!(
                        f,
                        "Seam API error `{}` (HTTP {}): {}",
                        Bounded(&e.error_type, TYPE_BYTES),
                        e.status.as_u16(),
                        Bounded(&e.message, MESSAGE_BYTES)
                    )?;
                }
                if let Some(v) = &e.validation {
                    v.write_lines(f, LISTED_VIOLATIONS)?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " [seam-request-id: {}]", Bounded(id, SHORT_BYTES))?;
                }
                Ok(())
            }
            Inner::InvalidResponse(e) => {
                write!(
                    f,
                    "unexpected response from the Seam API (HTTP {}, content-type {})",
                    e.status.as_u16(),
                    Bounded(e.content_type.as_deref().unwrap_or("not set"), SHORT_BYTES)
                )?;
                match e.path.as_deref() {
                    Some("") => write!(f, " at the top level")?,
                    Some(p) => write!(f, " at `{}`", Bounded(p, SHORT_BYTES))?,
                    None => {}
                }
                write!(f, ": {}", Bounded(&e.message, MESSAGE_BYTES))?;
                if !e.excerpt.is_empty() {
                    write!(f, "; body starts with: {:?}", e.excerpt)?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " [seam-request-id: {}]", Bounded(id, SHORT_BYTES))?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let short = |text: &str, max| Bounded(text, max).to_string();
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind());
        if self.repr.attempts > 0 {
            d.field("attempts", &self.repr.attempts);
        }
        match &self.repr.inner {
            Inner::Credentials(m) | Inner::Config(m) => {
                d.field("message", m);
            }
            Inner::Validation(e) => {
                d.field("violations", &e.to_string());
            }
            Inner::Build { message, source } => {
                d.field("message", message).field("source", source);
            }
            Inner::Transport(e) => {
                d.field("transport", e);
            }
            Inner::Timeout { after, deadline } => {
                d.field("after", after).field("deadline", deadline);
            }
            Inner::Api(e) => {
                d.field("status", &e.status)
                    .field("error_type", &short(&e.error_type, TYPE_BYTES))
                    .field("message", &short(&e.message, MESSAGE_BYTES))
                    .field(
                        "request_id",
                        &e.request_id.as_deref().map(|id| short(id, SHORT_BYTES)),
                    )
                    .field(
                        "data",
                        &e.data.as_ref().map(|v| short(&v.to_string(), SHORT_BYTES)),
                    )
                    .field(
                        "validation",
                        &e.validation.as_ref().map(ToString::to_string),
                    )
                    .field("retry_after", &e.retry_after)
                    .field("body_bytes", &e.received.body.len());
            }
            Inner::InvalidResponse(e) => {
                d.field("status", &e.status)
                    .field(
                        "content_type",
                        &e.content_type.as_deref().map(|c| short(c, SHORT_BYTES)),
                    )
                    .field(
                        "request_id",
                        &e.request_id.as_deref().map(|id| short(id, SHORT_BYTES)),
                    )
                    .field("path", &e.path.as_deref().map(|p| short(p, SHORT_BYTES)))
                    .field("message", &short(&e.message, MESSAGE_BYTES))
                    .field("excerpt", &e.excerpt)
                    .field("retry_after", &e.retry_after)
                    .field("body_bytes", &e.received.body.len());
            }
        }
        d.finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.repr.inner {
            Inner::Build { source, .. } => {
                source.as_deref().map(|e| e as &(dyn StdError + 'static))
            }
            Inner::Transport(e) => Some(e),
            Inner::InvalidResponse(e) => e.source.as_ref().map(|e| e as &(dyn StdError + 'static)),
            _ => None,
        }
    }
}
