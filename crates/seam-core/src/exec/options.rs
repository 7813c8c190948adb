//! Per-call settings ([`CallOptions`]) and what a call did ([`CallReport`]).

use std::time::Duration;

/// Overrides for one call; unset fields fall back to the [`crate::Config`].
///
/// ```
/// use std::time::Duration;
/// use seam_core::exec::CallOptions;
///
/// let options = CallOptions::new().timeout(Duration::from_secs(5)).max_attempts(1);
/// assert_eq!(options.timeout, Some(Duration::from_secs(5)));
/// assert_eq!(options.retry_non_idempotent, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The per-attempt timeout for this call.
    pub timeout: Option<Duration>,
    /// Attempts in all for this call, including the first (at least 1).
    pub max_attempts: Option<u32>,
    /// Whether this call may be repeated after ambiguous failures even if the operation is not
    /// idempotent (see [`crate::retry`]).
    pub retry_non_idempotent: Option<bool>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the per-attempt timeout for this call.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the number of attempts in all for this call.
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }

    /// Allows (or forbids) repeating this call after ambiguous failures.
    #[must_use]
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = Some(yes);
        self
    }
}

/// What one [`crate::exec::execute`] call did, for logs and metrics; it holds no secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallReport {
    /// Requests handed to the transport (0 when the request could not be built).
    pub attempts: u32,
    /// The HTTP status of the last response received, if any.
    pub status: Option<http::StatusCode>,
    /// The `seam-request-id` of the last response received, if any.
    pub request_id: Option<String>,
    /// Time from the start of the call to its end, waits included, by the runtime's clock.
    pub elapsed: Duration,
}
