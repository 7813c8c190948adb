//! Client settings: credentials, endpoint, timeouts, retry policy and extra headers, checked once at build.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use url::Url;

use crate::credentials::Credentials;
use crate::endpoint;
use crate::error::Error;
use crate::retry::RetryPolicy;

/// The endpoint used when none is given: `https://connect.getseam.com`.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";
/// The per-attempt timeout used when none is given: 30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Validated client settings. Build one with [`Config::builder`] or [`Config::from_env`].
///
/// ```
/// use std::time::Duration;
/// use seam_core::{Config, Credentials};
///
/// let config = Config::builder()
///     .credentials(Credentials::api_key("seam_test_key_123")?)
///     .timeout(Duration::from_secs(10))
///     .total_deadline(Duration::from_secs(60))
///     .build()?;
/// assert_eq!(config.endpoint().as_str(), "https://connect.getseam.com/");
/// assert!(!format!("{config:?}").contains("seam_test_key_123"));
/// # Ok::<(), seam_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Config {
    credentials: Credentials,
    endpoint: Url,
    /// `endpoint` split into URI parts once, for building request URIs without re-parsing it.
    uri_prefix: Option<endpoint::Prefix>,
    timeout: Duration,
    total_deadline: Option<Duration>,
    retry_policy: RetryPolicy,
    headers: HeaderMap,
    allow_insecure_http: bool,
    /// Which URLs a response may hand back, derived from the endpoint.
    returned_urls: endpoint::ReturnedUrls,
    /// The headers of every request, without and with a body (see [`crate::build`]), shared by
    /// clones; never shown by `Debug` (they hold the credentials).
    request_headers: Arc<[HeaderMap; 2]>,
}

impl Config {
    /// Starts a builder; only the credentials are required.
    #[must_use]
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads the configuration from the process environment; see [`Config::from_env_with`].
    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (a stand-in for the environment), with defaults for
    /// everything else:
    ///
    /// * `SEAM_API_KEY`, or `SEAM_PERSONAL_ACCESS_TOKEN` together with `SEAM_WORKSPACE_ID`
    ///   (setting both a key and a token is an error);
    /// * `SEAM_ENDPOINT` (or the deprecated `SEAM_API_URL`, used only when `SEAM_ENDPOINT` is unset).
    ///
    /// Empty values count as unset.
    ///
    /// ```
    /// use seam_core::Config;
    ///
    /// let config = Config::from_env_with(|name| match name {
    ///     "SEAM_API_KEY" => Some("seam_test_key_123".to_string()),
    ///     "SEAM_ENDPOINT" => Some("http://127.0.0.1:8080".to_string()),
    ///     _ => None,
    /// })?;
    /// assert_eq!(config.endpoint().as_str(), "http://127.0.0.1:8080/");
    /// # Ok::<(), seam_core::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        ConfigBuilder::default().env_with(lookup)?.build()
    }

    /// The credentials every request is sent with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The API base URL; operation paths are appended to its path.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// The URI of a request to operation `path` with `query`: the endpoint's path (trailing `/`
    /// dropped) + `path` + the encoded `query`. Uses the parts split at build when it can.
    pub(crate) fn request_uri(
        &self,
        path: &'static str,
        query: &[(&str, &str)],
    ) -> Result<http::Uri, Error> {
        match self
            .uri_prefix
            .as_ref()
            .and_then(|prefix| prefix.request_uri(path, query))
        {
            Some(uri) => uri,
            None => endpoint::request_uri(&self.endpoint, path, query),
        }
    }

    /// The headers of a request without or with a body, computed at build.
    pub(crate) fn request_headers(&self, has_body: bool) -> &HeaderMap {
        &self.request_headers[usize::from(has_body)]
    }

    /// The time allowed for each attempt (default 30 s).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The time allowed for a whole call, retries and waits included (default: none, bounded by the
    /// retry policy and the per-attempt timeout).
    pub fn total_deadline(&self) -> Option<Duration> {
        self.total_deadline
    }

    /// How failed attempts are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// Extra headers sent with every request.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Whether plain `http://` is allowed to a non-loopback host (see
    /// [`ConfigBuilder::allow_insecure_http`]); it also lets the API hand back plain-http links.
    pub fn allow_insecure_http(&self) -> bool {
        self.allow_insecure_http
    }

    /// The rule for URLs found in responses (magic links, deep links).
    pub(crate) fn returned_urls(&self) -> endpoint::ReturnedUrls {
        self.returned_urls
    }

    /// A builder holding this configuration's values, to derive a variant.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            credentials: Some(self.credentials.clone()),
            endpoint: Some(self.endpoint.as_str().to_owned()),
            timeout: Some(self.timeout),
            total_deadline: self.total_deadline,
            retry_policy: self.retry_policy.clone(),
            headers: self
                .headers
                .iter()
                .map(|(n, v)| Ok((n.clone(), v.clone())))
                .collect(),
            allow_insecure_http: self.allow_insecure_http,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Extra header values may hold secrets of their own: only their names are shown.
        let header_names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint.as_str())
            .field("timeout", &self.timeout)
            .field("total_deadline", &self.total_deadline)
            .field("retry_policy", &self.retry_policy)
            .field("headers", &header_names)
            .finish()
    }
}

/// Collects settings for a [`Config`]; every check happens in [`ConfigBuilder::build`].
#[derive(Default)]
pub struct ConfigBuilder {
    credentials: Option<Credentials>,
    endpoint: Option<String>,
    timeout: Option<Duration>,
    total_deadline: Option<Duration>,
    retry_policy: RetryPolicy,
    headers: Vec<Result<(HeaderName, HeaderValue), Error>>,
    allow_insecure_http: bool,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("timeout", &self.timeout)
            .field("total_deadline", &self.total_deadline)
            .field("retry_policy", &self.retry_policy)
            .field("headers", &self.headers.len())
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish()
    }
}

impl ConfigBuilder {
    /// The credentials to send (required).
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The API base URL (default `https://connect.getseam.com`). A path is kept as a prefix
    /// (`https://proxy.example/seam` sends to `https://proxy.example/seam/customers/...`).
    /// `http://` is refused unless the host is loopback or [`ConfigBuilder::allow_insecure_http`] is set.
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The time allowed for each attempt (default 30 s; must be more than zero).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time allowed for a whole call, retries and waits included (must be more than zero).
    #[must_use]
    pub fn total_deadline(mut self, deadline: Duration) -> Self {
        self.total_deadline = Some(deadline);
        self
    }

    /// How failed attempts are retried (default [`RetryPolicy::default`]).
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Adds a header to every request (repeat for several). It replaces an SDK header of the same
    /// name (such as `user-agent`); `authorization` and `seam-workspace` are refused: use
    /// [`ConfigBuilder::credentials`].
    #[must_use]
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.headers
            .push(parse_header(name.as_ref(), value.as_ref()));
        self
    }

    /// Allows a plain `http://` endpoint on a non-loopback host (default `false`). The credentials
    /// then cross the network unencrypted: use only on a trusted network.
    #[must_use]
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Fills credentials and endpoint from `lookup` (see [`Config::from_env_with`]), replacing any
    /// credentials and endpoint set before; other settings stay, and settings made afterwards win.
    /// Fails when the environment holds no usable credentials.
    pub fn env_with(mut self, lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let key = get("SEAM_API_KEY");
        let token = get("SEAM_PERSONAL_ACCESS_TOKEN");
        let credentials =
            match (key, token) {
                (Some(_), Some(_)) => return Err(Error::config(
                    "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are set; unset one of them",
                )),
                (Some(key), None) => {
                    Credentials::api_key(key).map_err(|e| e.context("SEAM_API_KEY"))?
                }
                (None, Some(token)) => {
                    let workspace = get("SEAM_WORKSPACE_ID").ok_or_else(|| {
                        Error::config(
                            "SEAM_PERSONAL_ACCESS_TOKEN is set but SEAM_WORKSPACE_ID is not; \
                         a personal access token needs the workspace to act in",
                        )
                    })?;
                    Credentials::personal_access_token(token, workspace)
                        .map_err(|e| e.context("SEAM_PERSONAL_ACCESS_TOKEN / SEAM_WORKSPACE_ID"))?
                }
                (None, None) => {
                    return Err(Error::config(
                        "no credentials in the environment: set SEAM_API_KEY, or \
                     SEAM_PERSONAL_ACCESS_TOKEN and SEAM_WORKSPACE_ID",
                    ))
                }
            };
        self.credentials = Some(credentials);
        if let Some(endpoint) = get("SEAM_ENDPOINT").or_else(|| get("SEAM_API_URL")) {
            self.endpoint = Some(endpoint);
        }
        Ok(self)
    }

    /// Checks every setting and returns the [`Config`], or the first problem found.
    pub fn build(self) -> Result<Config, Error> {
        let credentials = match self.credentials {
            Some(credentials) => credentials,
            None => {
                return Err(Error::config(
                    "no credentials: set an API key (or a personal access token with its workspace id) on the builder, or set SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN and SEAM_WORKSPACE_ID) and read the environment",
                ))
            }
        };
        // An endpoint or header name may hold the secret itself (pasted in the wrong place):
        // no message quotes it.
        let scrub = |e: Error| e.scrub_config(&credentials);
        let endpoint_text = self.endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT);
        let endpoint = endpoint::parse(endpoint_text, self.allow_insecure_http).map_err(|e| {
            if !credentials.appears_in(endpoint_text) {
                return e;
            }
            // Explain the problem with the secret taken out before the text is quoted (and
            // perhaps shortened, which could leave a piece of it).
            let redacted = credentials.scrub(endpoint_text);
            endpoint::parse(&redacted, self.allow_insecure_http).map_or_else(scrub, |_| {
                Error::config("the endpoint is not usable, and it contains the API key or token")
            })
        })?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(Error::config(
                "the per-attempt timeout must be more than zero",
            ));
        }
        if self.total_deadline.is_some_and(|d| d.is_zero()) {
            return Err(Error::config("the total deadline must be more than zero"));
        }
        let mut headers = HeaderMap::new();
        for header in self.headers {
            let (name, value) = header.map_err(scrub)?;
            headers.append(name, value);
        }
        let request_headers = Arc::new(
            [false, true]
                .map(|has_body| crate::build::request_headers(&credentials, &headers, has_body)),
        );
        Ok(Config {
            request_headers,
            credentials,
            uri_prefix: endpoint::Prefix::new(&endpoint),
            returned_urls: endpoint::ReturnedUrls::for_endpoint(
                &endpoint,
                self.allow_insecure_http,
            ),
            endpoint,
            timeout,
            total_deadline: self.total_deadline,
            retry_policy: self.retry_policy,
            headers,
            allow_insecure_http: self.allow_insecure_http,
        })
    }
}

/// Headers that carry credentials: only [`Credentials`] may set them (the customers endpoints take
/// none of Seam's client-session or publishable-key headers either).
const CREDENTIAL_HEADERS: [&str; 5] = [
    "authorization",
    "seam-workspace",
    "seam-client-session-token",
    "seam-publishable-key",
    "seam-console-session-token",
];

/// Headers that frame the message or manage the connection: overriding one would desynchronise the
/// request from its body (`content-length`), smuggle a second request (`transfer-encoding`) or
/// send it to another virtual host (`host`).
const MESSAGE_FRAMING_HEADERS: [&str; 10] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
    "expect",
];

fn parse_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Error> {
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        Error::config(format!(
            "extra header name {name:?} is not a valid HTTP header name"
        ))
    })?;
    if CREDENTIAL_HEADERS.contains(&name.as_str()) {
        return Err(Error::config(format!(
            "extra header `{name}` is set from the credentials; set the credentials instead of the header"
        )));
    }
    if MESSAGE_FRAMING_HEADERS.contains(&name.as_str()) {
        return Err(Error::config(format!(
            "extra header `{name}` describes the connection or the body and is set by the SDK and \
             the transport; it cannot be overridden"
        )));
    }
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        Error::config(format!(
            "the value of extra header `{name}` contains characters not allowed in an HTTP header"
        ))
    })?;
    // The value may be a secret of the caller's own (a proxy token): keep it out of logs.
    value.set_sensitive(true);
    Ok((name, value))
}
