//! The executor end to end over a scripted closure transport and a fake clock: attempts, waits, deadline.

mod common;

use std::time::Duration;

use common::{block_on, scripted, FakeRuntime, Step, API_KEY, PORTAL_OK};
use proptest::prelude::*;
use seam_core::exec::{execute, CallOptions, CallReport};
use seam_core::operation::{CreatePortal, DeleteData, Operation};
use seam_core::{Config, Credentials, Error, RetryPolicy, TransportError};
use seam_types::{CreatePortalRequest, DeleteDataRequest, PushDataRequest};

const S: fn(u64) -> Duration = Duration::from_secs;
const MS: fn(u64) -> Duration = Duration::from_millis;

fn builder() -> seam_core::ConfigBuilder {
    Config::builder().credentials(Credentials::api_key(API_KEY).expect("key"))
}

fn portal() -> CreatePortal {
    CreatePortal(CreatePortalRequest::new())
}

fn delete() -> DeleteData {
    DeleteData(DeleteDataRequest::new().with_customer_keys(["c1"]))
}

fn status(code: u16) -> Step {
    Step::Respond(
        code,
        vec![("content-type", "application/json".into())],
        r#"{"error":{"type":"server_error","message":"oops"}}"#,
    )
}

fn ok() -> Step {
    Step::Respond(
        200,
        vec![("seam-request-id", "req_ok".into())],
        r#"{"ok":true}"#,
    )
}

fn connect_error() -> TransportError {
    TransportError::connect("connection refused")
}

/// Runs `op` against `steps` with the fake clock (jitter source fixed at 0.5).
fn run<O: Operation>(
    config: &Config,
    op: &O,
    options: &CallOptions,
    steps: Vec<Step>,
) -> (Result<O::Output, Error>, CallReport, Vec<Duration>, usize) {
    let runtime = FakeRuntime::new(0.5);
    let (transport, seen) = scripted(steps);
    let (result, report) = block_on(execute(config, &transport, &runtime, op, options));
    let sent = seen.lock().expect("seen").len();
    (result, report, runtime.sleeps(), sent)
}

#[test]
fn fail_fail_succeed_on_an_idempotent_call() {
    let config = builder().build().expect("config");
    let (result, report, sleeps, sent) = run(
        &config,
        &delete(),
        &CallOptions::new(),
        vec![status(500), status(502), ok()],
    );
    assert!(result.expect("third attempt succeeds").ok);
    assert_eq!((report.attempts, sent), (3, 3));
    // Full jitter at random = 0.5: half of 1 s, then half of 2 s.
    assert_eq!(sleeps, [MS(500), S(1)]);
    assert_eq!(report.elapsed, MS(1500));
    assert_eq!(report.status, Some(http::StatusCode::OK));
    assert_eq!(report.request_id.as_deref(), Some("req_ok"));
}

#[test]
fn a_500_on_create_portal_is_not_repeated_unless_opted_in() {
    let config = builder().build().expect("config");
    let (result, report, sleeps, _) = run(
        &config,
        &portal(),
        &CallOptions::new(),
        vec![status(500), ok()],
    );
    let err = result.expect_err("no retry");
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!((report.attempts, sleeps.len()), (1, 0));

    let options = CallOptions::new().retry_non_idempotent(true);
    let portal_ok = Step::Respond(200, vec![], PORTAL_OK);
    let (result, report, sleeps, _) =
        run(&config, &portal(), &options, vec![status(500), portal_ok]);
    assert_eq!(result.expect("retried").customer_key, "customer-1");
    assert_eq!((report.attempts, sleeps), (2, vec![MS(500)]));
}

#[test]
fn a_429_with_retry_after_waits_what_the_server_asked() {
    let config = builder().build().expect("config");
    let busy = Step::Respond(
        429,
        vec![("retry-after", "2".into())],
        r#"{"error":{"type":"rate_limited","message":"slow down"}}"#,
    );
    let portal_ok = Step::Respond(200, vec![], PORTAL_OK);
    let (result, report, sleeps, _) = run(
        &config,
        &portal(),
        &CallOptions::new(),
        vec![busy, portal_ok],
    );
    assert!(result.is_ok());
    assert_eq!((report.attempts, sleeps), (2, vec![S(2)]));

    // A huge Retry-After is capped at 20 s.
    let busy = Step::Respond(503, vec![("retry-after", "86400".into())], "down");
    let (_, report, sleeps, _) = run(&config, &delete(), &CallOptions::new(), vec![busy, ok()]);
    assert_eq!((report.attempts, sleeps), (2, vec![S(20)]));
}

#[test]
fn connect_errors_are_retried_even_for_create_portal() {
    let config = builder().build().expect("config");
    let steps = vec![
        Step::Fail(connect_error),
        Step::Fail(connect_error),
        Step::Fail(connect_error),
    ];
    let (result, report, sleeps, sent) = run(&config, &portal(), &CallOptions::new(), steps);
    let err = result.expect_err("all three attempts fail");
    assert!(err.is_connect() && err.is_transport() && err.is_retryable());
    assert_eq!((report.attempts, sent), (3, 3));
    assert_eq!(sleeps, [MS(500), S(1)]);
    assert_eq!(report.status, None);
}

#[test]
fn io_errors_after_sending_are_not_repeated_for_create_portal() {
    let config = builder().build().expect("config");
    let (result, report, _, _) = run(
        &config,
        &portal(),
        &CallOptions::new(),
        vec![Step::Fail(|| TransportError::io("reset")), ok()],
    );
    assert!(result.expect_err("io").is_transport());
    assert_eq!(report.attempts, 1);
}

#[test]
fn a_hanging_transport_times_out_per_attempt() {
    let config = builder().timeout(S(5)).build().expect("config");
    let (result, report, sleeps, _) = run(
        &config,
        &delete(),
        &CallOptions::new(),
        vec![Step::Hang, Step::Hang, ok()],
    );
    assert!(result.is_ok());
    assert_eq!(report.attempts, 3);
    assert_eq!(sleeps, [S(5), MS(500), S(5), S(1)]);

    // Not idempotent: the first timeout is final, and says so.
    let (result, report, _, _) = run(
        &config,
        &portal(),
        &CallOptions::new(),
        vec![Step::Hang, ok()],
    );
    let err = result.expect_err("timeout");
    assert!(err.is_timeout() && !err.is_transport());
    assert!(err.to_string().contains("5s"), "{err}");
    assert_eq!((report.attempts, report.elapsed), (1, S(5)));

    // Per-call timeout wins over the config's.
    let options = CallOptions::new().timeout(S(1)).max_attempts(1);
    let (_, report, sleeps, _) = run(&config, &delete(), &options, vec![Step::Hang]);
    assert_eq!((report.attempts, sleeps), (1, vec![S(1)]));
}

#[test]
fn the_total_deadline_is_never_passed() {
    // A wait that would reach the deadline is not started: the last error is returned.
    let config = builder().total_deadline(S(10)).build().expect("config");
    let busy = Step::Respond(503, vec![("retry-after", "15".into())], "down");
    let (result, report, sleeps, _) =
        run(&config, &delete(), &CallOptions::new(), vec![busy, ok()]);
    assert_eq!(
        result.expect_err("stopped").status(),
        Some(http::StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!((report.attempts, sleeps.len()), (1, 0));

    // The per-attempt timeout is clipped to what is left of the deadline.
    let config = builder()
        .timeout(S(30))
        .total_deadline(S(8))
        .build()
        .expect("config");
    let (result, report, sleeps, _) = run(
        &config,
        &delete(),
        &CallOptions::new(),
        vec![Step::Hang, Step::Hang],
    );
    let err = result.expect_err("deadline");
    assert!(err.is_timeout());
    assert!(err.to_string().contains("deadline"), "{err}");
    assert_eq!(sleeps, [S(8)]);
    assert_eq!(report.elapsed, S(8));
}

#[test]
fn options_override_the_policy() {
    let config = builder()
        .retry_policy(RetryPolicy::default().with_max_attempts(5))
        .build()
        .expect("config");
    let steps = || vec![status(503), status(503), status(503), status(503), ok()];
    let (result, report, _, _) = run(&config, &delete(), &CallOptions::new(), steps());
    assert!(result.is_ok());
    assert_eq!(report.attempts, 5);
    let (result, report, _, _) = run(
        &config,
        &delete(),
        &CallOptions::new().max_attempts(2),
        steps(),
    );
    assert!(result.is_err());
    assert_eq!(report.attempts, 2);
}

#[test]
fn invalid_requests_are_never_sent() {
    let config = builder().build().expect("config");
    let op = seam_core::operation::PushData(PushDataRequest::new(""));
    let (result, report, sleeps, sent) = run(&config, &op, &CallOptions::new(), vec![ok()]);
    assert!(result.expect_err("invalid").is_validation());
    assert_eq!((report.attempts, sent, sleeps.len()), (0, 0, 0));
}

#[test]
fn a_secret_echoed_by_the_server_is_scrubbed() {
    let config = builder().build().expect("config");
    let echo: &'static str =
        Box::leak(format!("<html>bad header: Bearer {API_KEY}</html>").into_boxed_str());
    let (result, _, _, _) = run(
        &config,
        &portal(),
        &CallOptions::new(),
        vec![Step::Respond(400, vec![], echo)],
    );
    let err = result.expect_err("invalid response");
    let shown = format!("{err} {err:?} {:?}", err.body_excerpt());
    assert!(!shown.contains(API_KEY), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");

    // Also when the excerpt cuts the key in half.
    let cut: &'static str = Box::leak(format!("{}{API_KEY}", "x".repeat(190)).into_boxed_str());
    let (result, _, _, _) = run(
        &config,
        &portal(),
        &CallOptions::new(),
        vec![Step::Respond(502, vec![], cut)],
    );
    let excerpt = result
        .expect_err("invalid")
        .body_excerpt()
        .expect("excerpt")
        .to_owned();
    assert!(!excerpt.contains(&API_KEY[..8]), "{excerpt}");
}

#[test]
fn execute_is_send() {
    fn assert_send<F: std::future::Future + Send>(_: F) {}
    let config = builder().build().expect("config");
    let (transport, _) = scripted(vec![]);
    let runtime = FakeRuntime::new(0.0);
    assert_send(execute(
        &config,
        &transport,
        &runtime,
        &portal(),
        &CallOptions::new(),
    ));
}

fn any_step() -> impl Strategy<Value = u8> {
    0u8..6
}

fn step(kind: u8, retry_after: u64) -> Step {
    match kind {
        0 => Step::Hang,
        1 => Step::Fail(connect_error),
        2 => Step::Fail(|| TransportError::io("reset")),
        3 => Step::Respond(503, vec![("retry-after", retry_after.to_string())], "down"),
        4 => status(500),
        _ => Step::Respond(429, vec![], "slow"),
    }
}

proptest! {
    #[test]
    fn total_time_never_passes_the_deadline(
        kinds in proptest::collection::vec((any_step(), 0u64..40), 1..8),
        deadline_s in 1u64..60,
        timeout_s in 1u64..40,
        max_attempts in 1u32..8,
        random in 0.0f64..1.0,
    ) {
        let config = builder()
            .timeout(S(timeout_s))
            .total_deadline(S(deadline_s))
            .retry_policy(RetryPolicy::default().with_max_attempts(max_attempts))
            .build()
            .expect("config");
        let steps: Vec<Step> = kinds.iter().map(|(k, r)| step(*k, *r)).collect();
        let runtime = FakeRuntime::new(random);
        let (transport, _) = scripted(steps);
        let (result, report) = block_on(execute(&config, &transport, &runtime, &delete(), &CallOptions::new()));
        prop_assert!(result.is_err());
        prop_assert!(report.elapsed <= S(deadline_s), "elapsed {:?} > deadline {}s", report.elapsed, deadline_s);
        prop_assert!(report.attempts >= 1 && report.attempts <= max_attempts);
        prop_assert_eq!(runtime.sleeps().iter().sum::<Duration>(), report.elapsed);
    }
}

/// A retry builds its request head again instead of keeping a copy of the first attempt's: every
/// attempt must still send the same request (line, headers in order, body), with and without a
/// body and with configured headers on top of the SDK's.
#[test]
fn every_attempt_sends_the_same_request() {
    let config = builder()
        .header("x-trace", "t1")
        .header("user-agent", "mine/1")
        .build()
        .expect("config");
    let runtime = FakeRuntime::new(0.5);
    let with_body = DeleteData(DeleteDataRequest::new().with_customer_keys(["c1", "c2"]));
    let push = seam_core::operation::PushData(PushDataRequest::new("c1"));
    let options = CallOptions::new().retry_non_idempotent(true);
    for (op_body, requests) in [
        (false, {
            let (transport, seen) = scripted(vec![status(503), status(500), ok()]);
            let (result, _) =
                block_on(execute(&config, &transport, &runtime, &with_body, &options));
            assert!(result.expect("third attempt").ok);
            seen
        }),
        (true, {
            let (transport, seen) = scripted(vec![status(503), ok()]);
            let (result, _) = block_on(execute(&config, &transport, &runtime, &push, &options));
            assert!(result.expect("second attempt").ok);
            seen
        }),
    ] {
        let requests = requests.lock().expect("seen");
        assert!(requests.len() >= 2, "the call was retried");
        let first = common::render_request(&requests[0]);
        assert_eq!(first.contains("content-type"), op_body, "{first}");
        let headers = requests[0].headers();
        assert_eq!(headers["x-trace"], "t1");
        assert_eq!(headers["user-agent"], "mine/1");
        for (n, later) in requests.iter().enumerate().skip(1) {
            // Compared exactly (header order, values, sensitivity), but never printed: the
            // authorization value is in there.
            assert!(
                wire(later) == wire(&requests[0]),
                "attempt {} differs from the first",
                n + 1
            );
        }
    }
}

/// Everything of a request that goes on the wire, headers in their order.
fn wire(request: &http::Request<bytes::Bytes>) -> impl PartialEq {
    let headers: Vec<_> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.clone(),
                value.as_bytes().to_vec(),
                value.is_sensitive(),
            )
        })
        .collect();
    (
        request.method().clone(),
        request.uri().clone(),
        headers,
        request.body().clone(),
    )
}
