//! When to try a call again and how long to wait: the policy and one pure decision function.
//!
//! # Defaults, in numbers
//!
//! * **3 attempts in all** (the first try plus at most 2 retries).
//! * **Exponential backoff with full jitter**: before retry `n` (n = 1, 2, ...) the wait is drawn
//!   uniformly from `[0, min(20 s, 1 s × 2^(n-1)))`, so at most 1 s before the first retry, 2 s before the
//!   second, 4 s, 8 s, 16 s, then 20 s.
//! * **`Retry-After`** (seconds or an HTTP-date) is honoured instead of the backoff, **capped at 20 s**.
//! * **A floor of 100 ms** under every wait (or the largest backoff, if that is smaller), even when
//!   the server says `Retry-After: 0`: an immediate retry would likely land on a connection the
//!   server is closing.
//! * The total deadline of the call (see [`crate::Config`]) is never overstepped: the executor stops
//!   early instead of sleeping past it.
//!
//! # What is retried
//!
//! | outcome                                                     | idempotent op | non-idempotent op |
//! |-------------------------------------------------------------|---------------|-------------------|
//! | request never left (`TransportErrorKind::Connect`)          | yes           | yes               |
//! | HTTP 429, HTTP 503                                          | yes           | yes               |
//! | other 5xx (500, 502, 504, ...)                              | yes           | only if opted in  |
//! | timeout or I/O failure after the request may have been sent | yes           | only if opted in  |
//! | any other 4xx, validation, invalid 2xx body, body too large | no            | no                |
//!
//! Opt in per client with [`RetryPolicy::with_retry_non_idempotent`] or per call with
//! [`crate::exec::CallOptions::retry_non_idempotent`]. `create_portal` is not idempotent (each call
//! mints a new link), `delete_data` is.

use std::time::Duration;

use http::StatusCode;

use crate::error::{Error, Inner};
use crate::transport::TransportErrorKind;

/// How a failed call is retried. Defaults: 3 attempts, 1 s base delay, 20 s cap, full jitter,
/// `Retry-After` capped at 20 s, a 100 ms floor under every wait, non-idempotent operations
/// retried only when safe.
///
/// ```
/// use std::time::Duration;
/// use seam_core::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_base_delay(Duration::from_millis(200))
///     .with_max_delay(Duration::from_secs(5));
/// assert_eq!(policy.max_attempts(), 5);
/// assert_eq!(policy.base_delay(), Duration::from_millis(200));
/// assert_eq!(RetryPolicy::none().max_attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    min_delay: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(20),
            min_delay: Duration::from_millis(100),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries: one attempt.
    pub fn none() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Attempts in all, including the first (default 3; at least 1).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Sets the attempts in all, including the first. Values below 1 count as 1.
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff ceiling before the first retry; it doubles for each further retry (default 1 s).
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// Sets the backoff ceiling before the first retry.
    #[must_use]
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The largest backoff between two attempts (default 20 s).
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Sets the largest backoff between two attempts.
    #[must_use]
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest `Retry-After` wait honoured; longer requests are clipped to this (default 20 s).
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// Sets the longest `Retry-After` wait honoured.
    #[must_use]
    pub fn with_max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The shortest wait before any retry, `Retry-After: 0` included: the configured floor
    /// (default 100 ms), never more than [`RetryPolicy::max_delay`].
    pub fn min_delay(&self) -> Duration {
        self.min_delay.min(self.max_delay)
    }

    /// Sets the floor under every retry wait (`Duration::ZERO` removes it).
    #[must_use]
    pub fn with_min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// Whether non-idempotent operations are also retried after other 5xx responses and after
    /// timeouts or I/O failures once the request may have been sent (default `false`).
    pub fn retry_non_idempotent(&self) -> bool {
        self.retry_non_idempotent
    }

    /// Sets [`RetryPolicy::retry_non_idempotent`]. Only turn it on if a duplicate (for example a
    /// second portal link) is acceptable.
    #[must_use]
    pub fn with_retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// The upper bound (exclusive, before jitter) of the backoff before retry number `retry` (1-based):
    /// `min(max_delay, base_delay × 2^(retry-1))`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        self.base_delay
            .checked_mul(1u32 << exp)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }
}

/// What happened on one attempt, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The transport failed with this kind of error.
    Transport(TransportErrorKind),
    /// The executor's per-attempt timeout fired; the request may have been sent.
    Timeout,
    /// An HTTP response with this status (error envelope or not), and its `Retry-After`, if any.
    Status {
        /// The HTTP status.
        status: StatusCode,
        /// The server's requested wait, uncapped.
        retry_after: Option<Duration>,
    },
    /// A failure no retry can fix (validation, configuration, unreadable 2xx body, ...).
    Permanent,
}

impl Outcome {
    /// Classifies an error for the retry decision.
    pub fn of(error: &Error) -> Self {
        match error.inner() {
            Inner::Transport(e) => Self::Transport(e.kind()),
            Inner::Timeout { .. } => Self::Timeout,
            Inner::Api(_) | Inner::InvalidResponse(_) => match error.status() {
                Some(status) if !status.is_success() => Self::Status {
                    status,
                    retry_after: error.retry_after(),
                },
                _ => Self::Permanent,
            },
            _ => Self::Permanent,
        }
    }
}

/// The answer of [`decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Do not try again; report the last error.
    Stop,
    /// Wait this long, then try again.
    RetryAfter(Duration),
}

/// Decides whether to try again after attempt number `attempt` (1-based) ended with `outcome`.
///
/// Pure: the same inputs give the same answer. `random` is a number in `[0, 1)` used for the jitter
/// (values outside are clamped). `retry_non_idempotent` is the effective opt-in for this call.
///
/// ```
/// use std::time::Duration;
/// use http::StatusCode;
/// use seam_core::retry::{decide, Decision, Outcome};
/// use seam_core::RetryPolicy;
///
/// let policy = RetryPolicy::default();
/// let busy = Outcome::Status { status: StatusCode::TOO_MANY_REQUESTS, retry_after: Some(Duration::from_secs(2)) };
/// assert_eq!(decide(1, &busy, false, &policy, 0.5), Decision::RetryAfter(Duration::from_secs(2)));
/// assert_eq!(decide(3, &busy, false, &policy, 0.5), Decision::Stop); // 3 attempts used
/// ```
pub fn decide(
    attempt: u32,
    outcome: &Outcome,
    idempotent: bool,
    policy: &RetryPolicy,
    random: f64,
) -> Decision {
    if attempt >= policy.max_attempts {
        return Decision::Stop;
    }
    let may_repeat = idempotent || policy.retry_non_idempotent;
    let (retry, retry_after) = match *outcome {
        Outcome::Transport(TransportErrorKind::Connect) => (true, None),
        Outcome::Transport(TransportErrorKind::BodyTooLarge) => (false, None),
        Outcome::Transport(_) | Outcome::Timeout => (may_repeat, None),
        Outcome::Status {
            status,
            retry_after,
        } => {
            if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
            {
                (true, retry_after)
            } else if status.is_server_error() {
                (may_repeat, retry_after)
            } else {
                (false, None)
            }
        }
        Outcome::Permanent => (false, None),
    };
    if !retry {
        return Decision::Stop;
    }
    let delay = match retry_after {
        Some(wait) => wait.min(policy.max_retry_after),
        None => {
            let random = if random.is_finite() {
                random.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let ceiling = policy.backoff_ceiling(attempt);
            // Computed in f64 and clamped: `Duration::mul_f64` could panic near `Duration::MAX`.
            Duration::try_from_secs_f64(ceiling.as_secs_f64() * random)
                .unwrap_or(ceiling)
                .min(ceiling)
        }
    };
    Decision::RetryAfter(delay.max(policy.min_delay()))
}
