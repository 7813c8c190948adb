//! The one error type every seam-core (and seam-http) call returns, with predicates to branch on.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use http::StatusCode;
use seam_types::ValidationError;

use crate::credentials::Credentials;
use crate::transport::{TransportError, TransportErrorKind};

/// Everything that can go wrong when calling the Seam API.
///
/// The error is opaque: branch on the predicates ([`Error::is_timeout`], [`Error::is_unauthorized`],
/// [`Error::is_retryable`], ...) and read details through the accessors ([`Error::status`],
/// [`Error::request_id`], [`Error::api_error_code`], ...). [`Error::kind`] gives the broad category.
///
/// An `Error` never contains a credential: neither its `Debug` nor its `Display` output shows one.
pub struct Error {
    inner: Box<Inner>,
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
    Validation(ValidationError),
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

/// The API's own error: the envelope `{"error": {"type", "message", ...}}` plus the HTTP facts.
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) error_type: String,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) data: Option<serde_json::Value>,
    pub(crate) validation: Vec<(String, String)>,
    pub(crate) retry_after: Option<Duration>,
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
}

impl Error {
    pub(crate) fn new(inner: Inner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    pub(crate) fn credentials(message: impl Into<String>) -> Self {
        Self::new(Inner::Credentials(message.into()))
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
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
        if let Inner::Credentials(m) | Inner::Config(m) = &mut *self.inner {
            *m = format!("{source}: {m}");
        }
        self
    }

    pub(crate) fn timeout(after: Duration, deadline: bool) -> Self {
        Self::new(Inner::Timeout { after, deadline })
    }

    /// Removes every trace of the credential's secret (say, echoed back by a proxy) from the
    /// server-provided texts of this error.
    pub(crate) fn scrub(mut self, credentials: &Credentials) -> Self {
        match &mut *self.inner {
            Inner::Api(e) => {
                e.message = credentials.scrub(&e.message);
                if e.data
                    .as_ref()
                    .is_some_and(|d| credentials.appears_in(&d.to_string()))
                {
                    e.data = Some(serde_json::Value::String("[redacted]".to_owned()));
                }
                for (path, message) in &mut e.validation {
                    *path = credentials.scrub(path);
                    *message = credentials.scrub(message);
                }
            }
            Inner::InvalidResponse(e) => {
                e.message = credentials.scrub(&e.message);
                e.excerpt = credentials.scrub_excerpt(&e.excerpt);
                if e.path.as_deref().is_some_and(|p| credentials.appears_in(p)) {
                    e.path = Some("[redacted]".to_owned());
                }
                if e.source
                    .as_ref()
                    .is_some_and(|s| credentials.appears_in(&s.to_string()))
                {
                    e.source = None;
                }
            }
            _ => {}
        }
        self
    }

    /// Replaces `text` (a password found in a refused link) in the body excerpt.
    pub(crate) fn redact_excerpt(mut self, text: &str) -> Self {
        if let Inner::InvalidResponse(e) = &mut *self.inner {
            if !text.is_empty() {
                e.excerpt = e.excerpt.replace(text, "[redacted]");
            }
        }
        self
    }

    /// Removes the credential's secret from a credentials or configuration message (an endpoint or
    /// header name that holds it by mistake).
    pub(crate) fn scrub_config(mut self, credentials: &Credentials) -> Self {
        if let Inner::Credentials(m) | Inner::Config(m) = &mut *self.inner {
            *m = credentials.scrub(m);
        }
        self
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// The broad category of this error.
    pub fn kind(&self) -> ErrorKind {
        match &*self.inner {
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
        match &*self.inner {
            Inner::Timeout { .. } => true,
            Inner::Transport(e) => e.kind() == TransportErrorKind::Timeout,
            _ => false,
        }
    }

    /// The API rejected the credentials (HTTP 401, or an error of type `unauthorized`).
    pub fn is_unauthorized(&self) -> bool {
        match &*self.inner {
            Inner::Api(e) => e.status == StatusCode::UNAUTHORIZED || e.error_type == "unauthorized",
            _ => false,
        }
    }

    /// The request was refused as invalid: either by client-side validation before anything was sent
    /// (see [`Error::validation_errors`]) or by the API with `invalid_input`
    /// (see [`Error::api_validation_errors`]).
    pub fn is_validation(&self) -> bool {
        match &*self.inner {
            Inner::Validation(_) => true,
            Inner::Api(e) => e.error_type == "invalid_input",
            _ => false,
        }
    }

    /// The credentials or configuration are unusable; fix the setup, retrying will not help.
    pub fn is_config(&self) -> bool {
        matches!(&*self.inner, Inner::Credentials(_) | Inner::Config(_))
    }

    /// The API answered with its error envelope (see [`Error::api_error_code`]).
    pub fn is_api(&self) -> bool {
        matches!(&*self.inner, Inner::Api(_))
    }

    /// The transport failed below HTTP (see [`crate::TransportError`], available as the error source).
    pub fn is_transport(&self) -> bool {
        matches!(&*self.inner, Inner::Transport(_))
    }

    /// The request never left: connection refused, DNS or TLS failure. Always safe to retry.
    pub fn is_connect(&self) -> bool {
        match &*self.inner {
            Inner::Transport(e) => e.kind() == TransportErrorKind::Connect,
            _ => false,
        }
    }

    /// The response was neither the expected result nor the API's error envelope
    /// (an HTML page from a proxy, an empty or truncated body, a missing field, ...).
    pub fn is_invalid_response(&self) -> bool {
        matches!(&*self.inner, Inner::InvalidResponse(_))
    }

    /// A transient failure that a later attempt may not hit: a connect failure, a timeout,
    /// an I/O failure, HTTP 429 or any 5xx.
    ///
    /// This says nothing about whether repeating the request is *safe*; the executor only repeats
    /// non-idempotent operations (like `create_portal`) after failures where the request certainly did
    /// not reach the server or was refused unprocessed (connect failures, 429, 503), unless told otherwise.
    pub fn is_retryable(&self) -> bool {
        match &*self.inner {
            Inner::Transport(e) => e.kind() != TransportErrorKind::BodyTooLarge,
            Inner::Timeout { .. } => true,
            Inner::Api(_) | Inner::InvalidResponse(_) => self
                .status()
                .is_some_and(|s| s == StatusCode::TOO_MANY_REQUESTS || s.is_server_error()),
            _ => false,
        }
    }

    /// The API's error type, such as `invalid_input`, `unauthorized` or `customer_not_found`.
    /// A bare HTTP 401 without an envelope reads as `unauthorized`.
    pub fn api_error_code(&self) -> Option<&str> {
        match &*self.inner {
            Inner::Api(e) => Some(&e.error_type),
            _ => None,
        }
    }

    /// The API's error message, as sent by the server.
    pub fn api_error_message(&self) -> Option<&str> {
        match &*self.inner {
            Inner::Api(e) => Some(&e.message),
            _ => None,
        }
    }

    /// The `data` object of the API's error, when the server sent one.
    pub fn api_error_data(&self) -> Option<&serde_json::Value> {
        match &*self.inner {
            Inner::Api(e) => e.data.as_ref(),
            _ => None,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match &*self.inner {
            Inner::Api(e) => Some(e.status),
            Inner::InvalidResponse(e) => Some(e.status),
            _ => None,
        }
    }

    /// The `seam-request-id` response header: quote it when contacting Seam support.
    pub fn request_id(&self) -> Option<&str> {
        match &*self.inner {
            Inner::Api(e) => e.request_id.as_deref(),
            Inner::InvalidResponse(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// How long the server asked the client to wait (`Retry-After`), uncapped, if it said so.
    pub fn retry_after(&self) -> Option<Duration> {
        match &*self.inner {
            Inner::Api(e) => e.retry_after,
            Inner::InvalidResponse(e) => e.retry_after,
            _ => None,
        }
    }

    /// Client-side validation problems (each with its JSON path), when the request was never sent.
    pub fn validation_errors(&self) -> Option<&ValidationError> {
        match &*self.inner {
            Inner::Validation(e) => Some(e),
            _ => None,
        }
    }

    /// The API's per-parameter messages for an `invalid_input` error, as `(path, message)` pairs;
    /// empty for every other error.
    pub fn api_validation_errors(&self) -> &[(String, String)] {
        match &*self.inner {
            Inner::Api(e) => &e.validation,
            _ => &[],
        }
    }

    /// For an invalid response: the JSON path where reading the body failed (empty for the root).
    pub fn json_path(&self) -> Option<&str> {
        match &*self.inner {
            Inner::InvalidResponse(e) => e.path.as_deref(),
            _ => None,
        }
    }

    /// For an invalid response: the first characters (at most 200) of the body, for diagnosis.
    pub fn body_excerpt(&self) -> Option<&str> {
        match &*self.inner {
            Inner::InvalidResponse(e) => Some(&e.excerpt),
            _ => None,
        }
    }

    /// For an invalid response: the `content-type` the server sent.
    pub fn content_type(&self) -> Option<&str> {
        match &*self.inner {
            Inner::InvalidResponse(e) => e.content_type.as_deref(),
            _ => None,
        }
    }

    /// The transport failure, when this is a transport error.
    pub fn transport_error(&self) -> Option<&TransportError> {
        match &*self.inner {
            Inner::Transport(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Self::new(Inner::Validation(e))
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Self::new(Inner::Transport(e))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.inner {
            Inner::Credentials(m) => write!(f, "unusable credentials: {m}"),
            Inner::Config(m) => write!(f, "invalid configuration: {m}"),
            Inner::Validation(e) => write!(f, "{e}"),
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
                        write!(f, " (server said: {})", e.message)?;
                    }
                } else {
                    write!(
                        f,
                        "Seam API error `{}` (HTTP {}): {}",
                        e.error_type,
                        e.status.as_u16(),
                        e.message
                    )?;
                }
                for (path, message) in &e.validation {
                    if path.is_empty() {
                        write!(f, "\n  - {message}")?;
                    } else {
                        write!(f, "\n  - {path}: {message}")?;
                    }
                }
                if let Some(id) = &e.request_id {
                    write!(f, " [seam-request-id: {id}]")?;
                }
                Ok(())
            }
            Inner::InvalidResponse(e) => {
                write!(
                    f,
                    "unexpected response from the Seam API (HTTP {}, content-type {})",
                    e.status.as_u16(),
                    e.content_type.as_deref().unwrap_or("not set")
                )?;
                match e.path.as_deref() {
                    Some("") => write!(f, " at the top level")?,
                    Some(p) => write!(f, " at `{p}`")?,
                    None => {}
                }
                write!(f, ": {}", e.message)?;
                if !e.excerpt.is_empty() {
                    write!(f, "; body starts with: {:?}", e.excerpt)?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " [seam-request-id: {id}]")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind());
        match &*self.inner {
            Inner::Credentials(m) | Inner::Config(m) => {
                d.field("message", m);
            }
            Inner::Validation(e) => {
                d.field("violations", &e.violations());
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
                    .field("error_type", &e.error_type)
                    .field("message", &e.message)
                    .field("request_id", &e.request_id)
                    .field("data", &e.data)
                    .field("validation", &e.validation)
                    .field("retry_after", &e.retry_after);
            }
            Inner::InvalidResponse(e) => {
                d.field("status", &e.status)
                    .field("content_type", &e.content_type)
                    .field("request_id", &e.request_id)
                    .field("path", &e.path)
                    .field("message", &e.message)
                    .field("excerpt", &e.excerpt)
                    .field("retry_after", &e.retry_after);
            }
        }
        d.finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &*self.inner {
            Inner::Build { source, .. } => {
                source.as_deref().map(|e| e as &(dyn StdError + 'static))
            }
            Inner::Transport(e) => Some(e),
            Inner::InvalidResponse(e) => e.source.as_ref().map(|e| e as &(dyn StdError + 'static)),
            _ => None,
        }
    }
}
