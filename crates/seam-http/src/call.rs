//! One pending API call: per-call overrides, then `.send().await` runs it through the executor
//! inside a `seam.call` tracing span.

use std::fmt;
use std::future::{poll_fn, Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::pin;
use std::time::Duration;

use seam_core::exec::{execute, CallOptions, CallReport};
use seam_core::operation::Operation;
use seam_core::{BoxFuture, Error};

use crate::client::Seam;
use crate::mode::{Async, Mode};

/// A call that has not started yet: set per-call overrides, then run it with [`Call::send`].
///
/// `call.send().await` is the primary form, as in aws-sdk-rust, octocrab and gax. A `Call` is also
/// [`IntoFuture`], so `call.await` does the same; both return the same future.
///
/// `'r` is how long the request is borrowed for: `'static` when the request was passed by value,
/// the caller's borrow when it was passed by reference (see [`Customers`](crate::Customers)). `M` is
/// the kind of client that made the call: [`Async`] (`send()` returns a future) or, with the
/// `blocking` feature, `blocking::Blocking` (`send()` runs the call to completion); the per-call
/// options are the same for both.
///
/// Overrides apply to this call only, without a second client:
///
/// ```no_run
/// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
/// use std::time::Duration;
/// use seam_http::PushDataRequest;
///
/// let ok = seam
///     .customers()
///     .push_data(PushDataRequest::new("customer_1"))
///     .timeout(Duration::from_secs(5)) // per attempt
///     .max_attempts(5)
///     .idempotent(true) // pushing the same data twice is fine: retry after ambiguous failures too
///     .send()
///     .await?;
/// assert!(ok.ok);
/// # Ok(())
/// # }
/// ```
#[must_use = "a Call does nothing until it is sent: add `.send().await`"]
pub struct Call<'r, O, M = Async> {
    seam: Seam,
    op: O,
    options: CallOptions,
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))] // read by the blocking `send`
    pub(crate) mode: M,
    borrow: PhantomData<&'r ()>,
}

impl<'r, O: Operation + 'r, M: Mode> Call<'r, O, M> {
    pub(crate) fn new(seam: Seam, op: O, mode: M) -> Self {
        Self {
            seam,
            op,
            options: CallOptions::new(),
            mode,
            borrow: PhantomData,
        }
    }

    /// The time allowed for each attempt of this call (instead of the client's timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options = self.options.timeout(timeout);
        self
    }

    /// Attempts in all for this call, the first included (`1` disables retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.options = self.options.max_attempts(attempts);
        self
    }

    /// Declares that repeating this call is harmless, so it is also retried after failures where the
    /// server may already have acted (timeouts, dropped connections, 5xx). `false` withdraws that
    /// opt-in for this call even when the client's [`RetryPolicy`](seam_core::RetryPolicy) grants it;
    /// operations idempotent by nature (`delete_data`) are retried either way.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.options = self.options.retry_non_idempotent(yes);
        self
    }

    /// Uses `policy` for this call instead of the client's [`RetryPolicy`](seam_core::RetryPolicy);
    /// [`Call::max_attempts`] and [`Call::idempotent`] still apply on top of it, in any order.
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// use std::time::Duration;
    /// use seam_http::{DeleteDataRequest, RetryPolicy};
    ///
    /// // A cleanup job that may take its time: more attempts, longer waits between them.
    /// let patient = RetryPolicy::default()
    ///     .with_max_attempts(6)
    ///     .with_max_delay(Duration::from_secs(60));
    /// let request = DeleteDataRequest::new().with_customer_keys(["customer_1"]);
    /// seam.customers().delete_data(request).retry_policy(patient).send().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn retry_policy(mut self, policy: seam_core::RetryPolicy) -> Self {
        self.options = self.options.retry_policy(policy);
        self
    }

    /// Replaces all per-call overrides at once.
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    /// The operation this call will run (its request, method and path).
    pub fn operation(&self) -> &O {
        &self.op
    }

    /// Runs the call inside a `seam.call` span. Borrows the call rather than taking it apart, so
    /// that the future awaiting it holds the operation once.
    pub(crate) async fn run(&self) -> (Result<O::Output, Error>, CallReport) {
        // Without a subscriber interested in it this is `Span::none()`, and everything below that
        // touches it is a no-op.
        let span = tracing::info_span!(
            "seam.call",
            operation = O::NAME,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let inner = &*self.seam.inner;
        // Entered on each poll, as `tracing::Instrument` does, but polled where it lies: wrapping
        // would move the executor's future (about 1 KB) once more on every call.
        let mut future = pin!(execute(
            &inner.config,
            &*inner.transport,
            &inner.runtime,
            &self.op,
            &self.options,
        ));
        let (result, report) = poll_fn(|cx| {
            let _entered = span.enter();
            future.as_mut().poll(cx)
        })
        .await;
        if !span.is_disabled() {
            record(&span, &report);
        }
        span.in_scope(|| trace_outcome(&result, &report));
        (result, report)
    }
}

impl<'r, O: Operation + 'r> Call<'r, O, Async>
where
    O::Output: 'r,
{
    /// Runs the call: validates the request (nothing is sent if it is invalid), sends it, retries
    /// per the retry policy, and parses the answer.
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// use seam_http::{CreatePortalRequest, CustomerData};
    ///
    /// let request = CreatePortalRequest::new().with_customer_data(CustomerData::new("customer_1"));
    /// let portal = seam.customers().create_portal(request).send().await?;
    /// println!("{}", portal.url);
    /// # Ok(())
    /// # }
    /// ```
    pub fn send(self) -> impl Future<Output = Result<O::Output, Error>> + Send + 'r {
        self.into_future()
    }

    /// Runs the call and also returns its [`CallReport`] (attempts, last status and request id, elapsed time).
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) {
    /// use seam_http::DeleteDataRequest;
    ///
    /// let request = DeleteDataRequest::new().with_customer_keys(["customer_1"]);
    /// let (result, report) = seam.customers().delete_data(request).send_with_report().await;
    /// println!("{} attempt(s), request id {:?}", report.attempts, report.request_id);
    /// # let _ = result;
    /// # }
    /// ```
    pub async fn send_with_report(self) -> (Result<O::Output, Error>, CallReport) {
        self.run().await
    }
}

/// Fills in the `seam.call` span's fields from the report.
fn record(span: &tracing::Span, report: &CallReport) {
    span.record("attempts", report.attempts);
    span.record("elapsed_ms", elapsed_ms(report));
    if let Some(status) = report.status {
        span.record("status", status.as_u16());
    }
    if let Some(request_id) = &report.request_id {
        span.record("request_id", request_id.as_str());
    }
}

/// One debug event with the call's outcome (the error's text never holds a credential: the
/// executor scrubs it).
fn trace_outcome<T>(result: &Result<T, Error>, report: &CallReport) {
    match result {
        Ok(_) => tracing::debug!(
            attempts = report.attempts,
            status = report.status.map(|s| s.as_u16()),
            request_id = report.request_id.as_deref(),
            elapsed_ms = elapsed_ms(report),
            "call succeeded"
        ),
        Err(error) => tracing::debug!(
            attempts = report.attempts,
            status = report.status.map(|s| s.as_u16()),
            request_id = report.request_id.as_deref(),
            elapsed_ms = elapsed_ms(report),
            error = %error,
            "call failed"
        ),
    }
}

fn elapsed_ms(report: &CallReport) -> u64 {
    u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX)
}

impl<'r, O> IntoFuture for Call<'r, O, Async>
where
    O: Operation + 'r,
    O::Output: 'r,
{
    type Output = Result<O::Output, Error>;
    type IntoFuture = BoxFuture<'r, Result<O::Output, Error>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run().await.0 })
    }
}

impl<O, M> fmt::Debug for Call<'_, O, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("operation", &std::any::type_name::<O>())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

#[cfg(all(test, feature = "default-client"))]
mod tests {
    use std::future::IntoFuture as _;

    use seam_core::{Config, Credentials};
    use seam_types::{
        CreateDeepLinkRequest, CreatePortalRequest, DeleteDataRequest, PushDataRequest,
    };

    use crate::client::Seam;

    /// The boxed future of every call is allocated and copied into its `Box` when awaited: it
    /// must stay small (4,560 bytes when it held the call twice, 1,880 with the request in a
    /// `Cow`, 1,184 with the request `Held`, a pointer, about 930 since the executor builds the
    /// first attempt's request in its loop; the create_portal request itself is about 900). The
    /// budget is 1,032 bytes, the largest block glibc's malloc serves from its per-thread cache
    /// (see the transport's send future test).
    #[test]
    fn the_future_of_a_call_stays_small() {
        let config = Config::builder()
            .credentials(Credentials::api_key("seam_test_key_123").expect("key"))
            .build()
            .expect("config");
        let seam = Seam::new(config).expect("client");
        let customers = seam.customers();
        // Every operation, each with its output type: the executor's future differs per operation.
        let sizes = [
            (
                "create_portal",
                size(customers.create_portal(CreatePortalRequest::new())),
            ),
            (
                "push_data",
                size(customers.push_data(PushDataRequest::new("c"))),
            ),
            (
                "delete_data",
                size(customers.delete_data(DeleteDataRequest::new().with_customer_keys(["c"]))),
            ),
            (
                "create_deep_link",
                size(customers.create_deep_link(CreateDeepLinkRequest::new("c", "r"))),
            ),
        ];
        for (name, size) in sizes {
            eprintln!("{name} call future: {size} bytes");
            assert!(size <= 1032, "the {name} call future is {size} bytes");
        }
    }

    /// Bytes of the boxed future `call` awaits as (not polled: nothing is sent).
    fn size<'r, O>(call: crate::Call<'r, O, crate::mode::Async>) -> usize
    where
        O: seam_core::operation::Operation + 'r,
        O::Output: 'r,
    {
        std::mem::size_of_val(&*call.into_future())
    }
}
