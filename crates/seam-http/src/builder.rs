//! `SeamBuilder`: credentials, endpoint, timeouts, retries and transport settings for a [`Seam`] client.

use std::fmt;
use std::time::Duration;

use seam_core::{Config, ConfigBuilder, Credentials, Error, RetryPolicy};

#[cfg(feature = "default-client")]
use crate::client::Seam;
#[cfg(feature = "default-client")]
use crate::transport::{HyperTransport, HyperTransportBuilder};

/// Configures a [`Seam`] client; start with [`Seam::builder`]. Only credentials are required.
///
/// Problems (a malformed key, an `http://` endpoint on a non-loopback host, ...) are reported by
/// [`SeamBuilder::build`], all setters are infallible.
///
/// ```
/// use std::time::Duration;
/// use seam_http::Seam;
///
/// let seam = Seam::builder()
///     .api_key("seam_test_key_123")
///     .timeout(Duration::from_secs(10))
///     .total_deadline(Duration::from_secs(60))
///     .max_attempts(5)
///     .build()?;
/// assert_eq!(seam.config().timeout(), Duration::from_secs(10));
/// assert!(!format!("{seam:?}").contains("seam_test_key_123"));
/// # Ok::<(), seam_http::Error>(())
/// ```
#[must_use]
pub struct SeamBuilder {
    config: ConfigBuilder,
    credentials: Option<Result<Credentials, Error>>,
    retry_policy: RetryPolicy,
    #[cfg(feature = "default-client")]
    transport: HyperTransportBuilder,
}

impl Default for SeamBuilder {
    fn default() -> Self {
        Self {
            config: Config::builder(),
            credentials: None,
            retry_policy: RetryPolicy::default(),
            #[cfg(feature = "default-client")]
            transport: HyperTransport::builder(),
        }
    }
}

impl SeamBuilder {
    /// Authenticates with an API key (`seam_...`).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::api_key(key));
        self
    }

    /// Authenticates with a personal access token (`seam_at...`) acting in `workspace_id`.
    pub fn personal_access_token(
        mut self,
        token: impl Into<String>,
        workspace_id: impl Into<String>,
    ) -> Self {
        self.credentials = Some(Credentials::personal_access_token(token, workspace_id));
        self
    }

    /// Authenticates with a console session token (a JWT) acting in `workspace_id`.
    pub fn console_session_token(
        mut self,
        token: impl Into<String>,
        workspace_id: impl Into<String>,
    ) -> Self {
        self.credentials = Some(Credentials::console_session_token(token, workspace_id));
        self
    }

    /// Authenticates with ready-made [`Credentials`].
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Ok(credentials));
        self
    }

    /// Takes credentials and endpoint from the environment (see [`Config::from_env`]); settings made
    /// on this builder afterwards win.
    #[allow(clippy::wrong_self_convention)]
    pub fn from_env(self) -> Result<Self, Error> {
        self.env_with(|name| std::env::var(name).ok())
    }

    /// Like [`SeamBuilder::from_env`], reading variables through `lookup` instead of the process environment.
    pub fn env_with(mut self, lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        self.config = self.config.env_with(lookup)?;
        Ok(self)
    }

    /// The API base URL (default `https://connect.getseam.com`).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.config = self.config.endpoint(endpoint);
        self
    }

    /// The time allowed for each attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config = self.config.timeout(timeout);
        self
    }

    /// The time allowed for a whole call, retries and waits included (default: none).
    pub fn total_deadline(mut self, deadline: Duration) -> Self {
        self.config = self.config.total_deadline(deadline);
        self
    }

    /// Attempts in all per call, the first included (default 3; `1` disables retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry_policy = self.retry_policy.with_max_attempts(attempts);
        self
    }

    /// The whole retry policy (backoff, caps, idempotency opt-in); replaces [`SeamBuilder::max_attempts`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Allows a plain `http://` endpoint on a non-loopback host (loopback is always allowed).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.config = self.config.allow_insecure_http(allow);
        self
    }

    /// Adds a header to every request (not `authorization` or `seam-workspace`: use the credential setters).
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.config = self.config.header(name, value);
        self
    }

    /// The largest response body accepted, in bytes (default 16 MiB).
    #[cfg(feature = "default-client")]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.transport = self.transport.max_response_bytes(bytes);
        self
    }

    /// The time allowed for connecting: TCP, proxy hop and TLS handshake (default 10 s). A
    /// failure there means the request never left, so it is retried even for `create_portal`.
    #[cfg(feature = "default-client")]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.transport = self.transport.connect_timeout(timeout);
        self
    }

    /// Sends every request through the HTTP proxy at `url` instead of the environment's proxies
    /// (see [`HyperTransportBuilder::proxy`]); credentials in it are never printed.
    #[cfg(feature = "default-client")]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.transport = self.transport.proxy(url);
        self
    }

    /// Never uses a proxy, whatever `HTTPS_PROXY` and friends say.
    #[cfg(feature = "default-client")]
    pub fn no_proxy(mut self) -> Self {
        self.transport = self.transport.no_proxy();
        self
    }

    /// Replaces all transport settings (pooling, HTTP versions, proxies, TLS) at once.
    #[cfg(feature = "default-client")]
    pub fn transport(mut self, transport: HyperTransportBuilder) -> Self {
        self.transport = transport;
        self
    }

    /// The checked [`Config`] this builder describes, without a transport (for dry runs, or for
    /// [`Seam::with_transport`]).
    pub fn build_config(self) -> Result<Config, Error> {
        let mut config = self.config.retry_policy(self.retry_policy);
        if let Some(credentials) = self.credentials {
            config = config.credentials(credentials?);
        }
        config.build()
    }

    /// Checks every setting and builds the client.
    #[cfg(feature = "default-client")]
    pub fn build(mut self) -> Result<Seam, Error> {
        let transport = std::mem::take(&mut self.transport);
        let config = self.build_config()?;
        let transport = transport.build().map_err(transport_build_error)?;
        Ok(Seam::with_transport(config, transport))
    }

    /// Checks every setting and builds a [`blocking::Seam`](crate::blocking::Seam): the same client
    /// with synchronous calls, on a private runtime thread.
    ///
    /// ```
    /// let seam = seam_http::Seam::builder()
    ///     .api_key("seam_test_key_123")
    ///     .max_attempts(5)
    ///     .build_blocking()?;
    /// assert_eq!(seam.config().retry_policy().max_attempts(), 5);
    /// # Ok::<(), seam_http::Error>(())
    /// ```
    #[cfg(all(feature = "blocking", feature = "default-client"))]
    pub fn build_blocking(self) -> Result<crate::blocking::Seam, Error> {
        crate::blocking::Seam::start(|| self.build())
    }
}

impl fmt::Debug for SeamBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("SeamBuilder");
        out.field("config", &self.config)
            .field("retry_policy", &self.retry_policy);
        #[cfg(feature = "default-client")]
        out.field("transport", &self.transport);
        out.finish_non_exhaustive()
    }
}

/// The default transport could not be created (TLS setup, or an unusable proxy URL).
#[cfg(feature = "default-client")]
pub(crate) fn transport_build_error(err: std::io::Error) -> Error {
    Error::from(
        seam_core::TransportError::connect(format!("could not set up the HTTP transport: {err}"))
            .with_source(err),
    )
}
