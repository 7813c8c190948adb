//! Per-call settings ([`CallOptions`]) and what a call did ([`CallReport`]).

use std::borrow::Cow;
use std::time::Duration;

use crate::retry::RetryPolicy;

/// Overrides for one call; unset fields fall back to the [`crate::Config`].
///
/// The retry settings layer: the call's [`CallOptions::retry_policy`] (else the client's), then
/// `max_attempts` and `retry_non_idempotent` on top of it, whatever order they were set in.
///
/// ```
/// use std::time::Duration;
/// use seam_core::exec::CallOptions;
/// use seam_core::RetryPolicy;
///
/// let options = CallOptions::new()
///     .timeout(Duration::from_secs(5))
///     .retry_policy(RetryPolicy::default().with_base_delay(Duration::from_millis(100)))
///     .max_attempts(2);
/// assert_eq!(options.timeout, Some(Duration::from_secs(5)));
/// assert_eq!(options.retry_non_idempotent, None);
///
/// let client_policy = RetryPolicy::none();
/// let effective = options.effective_retry_policy(&client_policy);
/// assert_eq!(effective.max_attempts(), 2);
/// assert_eq!(effective.base_delay(), Duration::from_millis(100));
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
    /// A whole retry policy for this call, instead of the client's.
    pub retry_policy: Option<RetryPolicy>,
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

    /// Uses `policy` for this call instead of the client's retry policy (`max_attempts` and
    /// `retry_non_idempotent`, when set, still apply on top of it).
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// The retry policy this call runs with when the client's is `base`: borrowed when nothing
    /// overrides it.
    pub fn effective_retry_policy<'a>(&'a self, base: &'a RetryPolicy) -> Cow<'a, RetryPolicy> {
        let mut policy = Cow::Borrowed(self.retry_policy.as_ref().unwrap_or(base));
        if let Some(attempts) = self.max_attempts {
            policy = Cow::Owned(policy.into_owned().with_max_attempts(attempts));
        }
        if let Some(yes) = self.retry_non_idempotent {
            policy = Cow::Owned(policy.into_owned().with_retry_non_idempotent(yes));
        }
        policy
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
