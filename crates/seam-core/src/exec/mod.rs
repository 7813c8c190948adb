//! The executor: validate, build, send, parse and retry, over any [`Transport`] and [`Runtime`].

mod options;
mod race;

use std::time::Duration;

pub use options::{CallOptions, CallReport};

use crate::build::{body_of, head_of};
use crate::config::Config;
use crate::error::Error;
use crate::operation::Operation;
use crate::parse::parse_for;
use crate::retry::{decide, Decision, Outcome};
use crate::transport::{BoxFuture, Replay, Transport};

/// Time and randomness, injected so the executor needs no async runtime and tests need no clock.
pub trait Runtime: Send + Sync + 'static {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
    /// Monotonic time since an arbitrary, fixed origin.
    fn now(&self) -> Duration;
    /// A random number in `[0, 1)`, for retry jitter.
    fn random(&self) -> f64;
}

/// Runs `op` to completion: validate -> build -> send -> parse, retrying per the retry policy.
///
/// * Each attempt is raced against the per-attempt timeout (`options.timeout`, else the config's),
///   clipped to what is left of the total deadline; a lost race is an [`Error`] with `is_timeout()`.
/// * After a failure, [`crate::retry::decide`] says whether and how long to wait. A wait that would
///   reach the total deadline is not started: the last error is returned instead.
/// * When the call fails in the end, the error reported is the most informative one: the last
///   answer the server gave (a 429 or 503 with its envelope and `Retry-After`) rather than a later
///   connection failure or timeout that carries no response.
/// * A secret echoed back by the server is removed from the error before it is returned.
///
/// Returns the result and a [`CallReport`] (attempts, last status and request id, elapsed time).
///
/// ```
/// use std::time::Duration;
/// use bytes::Bytes;
/// use seam_core::exec::{execute, CallOptions, Runtime};
/// use seam_core::operation::DeleteData;
/// use seam_core::{BoxFuture, Config, Credentials, TransportError};
/// use seam_types::DeleteDataRequest;
///
/// struct NoWait;
/// impl Runtime for NoWait {
///     fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> { Box::pin(async {}) }
///     fn now(&self) -> Duration { Duration::ZERO }
///     fn random(&self) -> f64 { 0.5 }
/// }
///
/// let transport = |request: http::Request<Bytes>| async move {
///     assert_eq!(request.method(), http::Method::DELETE);
///     Ok::<_, TransportError>(http::Response::new(Bytes::from_static(br#"{"ok":true}"#)))
/// };
/// let config = Config::builder().credentials(Credentials::api_key("seam_test_key_123")?).build()?;
/// let op = DeleteData(DeleteDataRequest::new().with_customer_keys(["c1"]));
/// # let block_on = |f| tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f);
/// let (result, report) = block_on(execute(&config, &transport, &NoWait, &op, &CallOptions::new()));
/// assert!(result?.ok);
/// assert_eq!(report.attempts, 1);
/// # Ok::<(), seam_core::Error>(())
/// ```
pub async fn execute<O, T, R>(
    config: &Config,
    transport: &T,
    runtime: &R,
    op: &O,
    options: &CallOptions,
) -> (Result<O::Output, Error>, CallReport)
where
    O: Operation,
    T: Transport + ?Sized,
    R: Runtime + ?Sized,
{
    let start = runtime.now();
    let mut report = CallReport::default();
    let result = run(config, transport, runtime, op, options, start, &mut report).await;
    report.elapsed = runtime.now().saturating_sub(start);
    let credentials = config.credentials();
    if let Some(id) = report.request_id.as_mut() {
        if credentials.appears_in(id) {
            *id = credentials.scrub(id);
        }
    }
    let result = result.map_err(|e| e.scrub(credentials).with_attempts(report.attempts));
    (result, report)
}

async fn run<O, T, R>(
    config: &Config,
    transport: &T,
    runtime: &R,
    op: &O,
    options: &CallOptions,
    start: Duration,
    report: &mut CallReport,
) -> Result<O::Output, Error>
where
    O: Operation,
    T: Transport + ?Sized,
    R: Runtime + ?Sized,
{
    op.validate()?;
    let body = body_of(op)?;
    // Each attempt, and a transport sending a request once more on its own (see
    // `Transport::send_with_replay`), builds the head (cheaper than keeping a copy of the headers)
    // and shares the body. The first attempt builds it in the loop like the others, so that no
    // request (about 250 bytes) waits in this future for the whole call.
    let request = || {
        head_of(config, op, body.is_some())
            .map(|head| http::Request::from_parts(head, body.clone().unwrap_or_default()))
    };
    let replay = || request().ok();
    let policy = options.effective_retry_policy(config.retry_policy());
    let timeout = options
        .timeout
        .filter(|t| !t.is_zero())
        .unwrap_or(config.timeout());
    let deadline = config.total_deadline().and_then(|d| start.checked_add(d));
    // The error to report if the call stops now (see `most_informative`).
    let mut earlier: Option<Error> = None;

    loop {
        let (attempt_timeout, clipped) = match deadline {
            Some(end) => {
                let left = end.saturating_sub(runtime.now());
                if left < timeout {
                    (left, true)
                } else {
                    (timeout, false)
                }
            }
            None => (timeout, false),
        };
        if attempt_timeout.is_zero() {
            // Only reachable when a sleep overran the deadline: report what went wrong before it.
            return Err(earlier.unwrap_or_else(|| Error::timeout(Duration::ZERO, true)));
        }
        // A request that cannot be built is not an attempt.
        let built = request()?;
        report.attempts += 1;
        let sent = race::race(
            transport.send_with_replay(built, Replay::new(&replay)),
            runtime.sleep(attempt_timeout),
        )
        .await;
        let error = match sent {
            Some(Ok(response)) => {
                report.status = Some(response.status());
                report.request_id = response
                    .headers()
                    .get(&crate::parse::REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                match parse_for::<O>(config, response) {
                    Ok(output) => return Ok(output),
                    Err(e) => e,
                }
            }
            Some(Err(e)) => Error::from(e),
            None => Error::timeout(attempt_timeout, clipped),
        };
        let outcome = Outcome::of(&error);
        match decide(
            report.attempts,
            &outcome,
            O::IDEMPOTENT,
            &policy,
            runtime.random(),
        ) {
            Decision::Stop => return Err(most_informative(error, earlier)),
            Decision::RetryAfter(wait) => {
                if let Some(end) = deadline {
                    if runtime.now().saturating_add(wait) >= end {
                        return Err(most_informative(error, earlier));
                    }
                }
                runtime.sleep(wait).await;
                earlier = Some(most_informative(error, earlier));
            }
        }
    }
}

/// The error a failed call reports: the latest one, unless it carries no HTTP response while an
/// earlier attempt got one (a 429 or 503 says more than the connection failure that followed it).
fn most_informative(latest: Error, earlier: Option<Error>) -> Error {
    match earlier {
        Some(answered) if latest.status().is_none() && answered.status().is_some() => answered,
        _ => latest,
    }
}
