//! The retry decision: a table of outcomes, and properties of every computed delay.

use std::time::Duration;

use http::StatusCode;
use proptest::prelude::*;
use seam_core::retry::{decide, Decision, Outcome};
use seam_core::{RetryPolicy, TransportErrorKind};

fn status(code: u16) -> Outcome {
    Outcome::Status {
        status: StatusCode::from_u16(code).expect("valid status"),
        retry_after: None,
    }
}

const S: fn(u64) -> Duration = Duration::from_secs;
const MS: fn(u64) -> Duration = Duration::from_millis;

#[test]
fn decision_table() {
    let policy = RetryPolicy::default();
    let opted_in = RetryPolicy::default().with_retry_non_idempotent(true);
    let none = RetryPolicy::none();
    let retry_after = |code: u16, secs: u64| Outcome::Status {
        status: StatusCode::from_u16(code).expect("valid"),
        retry_after: Some(S(secs)),
    };
    // (attempt, outcome, idempotent, policy, random, expected)
    let rows: Vec<(u32, Outcome, bool, &RetryPolicy, f64, Decision)> = vec![
        // Always retried, idempotent or not.
        (
            1,
            Outcome::Transport(TransportErrorKind::Connect),
            false,
            &policy,
            0.5,
            Decision::RetryAfter(MS(500)),
        ),
        (
            1,
            status(429),
            false,
            &policy,
            0.5,
            Decision::RetryAfter(MS(500)),
        ),
        (
            1,
            status(503),
            false,
            &policy,
            0.25,
            Decision::RetryAfter(MS(250)),
        ),
        (
            2,
            status(503),
            false,
            &policy,
            0.5,
            Decision::RetryAfter(S(1)),
        ),
        // Retry-After wins over the backoff and is capped at 20 s.
        (
            1,
            retry_after(429, 3),
            false,
            &policy,
            0.9,
            Decision::RetryAfter(S(3)),
        ),
        (
            1,
            retry_after(503, 0),
            false,
            &policy,
            0.9,
            Decision::RetryAfter(MS(100)),
        ),
        (
            1,
            retry_after(429, 3600),
            false,
            &policy,
            0.9,
            Decision::RetryAfter(S(20)),
        ),
        // Other 5xx and ambiguous transport failures: only idempotent, or opted in.
        (1, status(500), false, &policy, 0.5, Decision::Stop),
        (1, status(502), false, &policy, 0.5, Decision::Stop),
        (1, status(504), false, &policy, 0.5, Decision::Stop),
        (1, Outcome::Timeout, false, &policy, 0.5, Decision::Stop),
        (
            1,
            Outcome::Transport(TransportErrorKind::Timeout),
            false,
            &policy,
            0.5,
            Decision::Stop,
        ),
        (
            1,
            Outcome::Transport(TransportErrorKind::Io),
            false,
            &policy,
            0.5,
            Decision::Stop,
        ),
        (
            1,
            status(500),
            true,
            &policy,
            0.5,
            Decision::RetryAfter(MS(500)),
        ),
        (
            1,
            status(504),
            true,
            &policy,
            1.0,
            Decision::RetryAfter(S(1)),
        ),
        (
            1,
            Outcome::Timeout,
            true,
            &policy,
            0.0,
            Decision::RetryAfter(MS(100)),
        ),
        (
            1,
            Outcome::Transport(TransportErrorKind::Io),
            true,
            &policy,
            0.5,
            Decision::RetryAfter(MS(500)),
        ),
        (
            1,
            status(502),
            false,
            &opted_in,
            0.5,
            Decision::RetryAfter(MS(500)),
        ),
        (
            1,
            Outcome::Timeout,
            false,
            &opted_in,
            0.5,
            Decision::RetryAfter(MS(500)),
        ),
        // Never.
        (1, status(400), true, &opted_in, 0.5, Decision::Stop),
        (1, status(401), true, &opted_in, 0.5, Decision::Stop),
        (1, status(404), true, &opted_in, 0.5, Decision::Stop),
        (1, status(409), true, &opted_in, 0.5, Decision::Stop),
        (1, status(422), true, &opted_in, 0.5, Decision::Stop),
        (1, Outcome::Permanent, true, &opted_in, 0.5, Decision::Stop),
        (
            1,
            Outcome::Transport(TransportErrorKind::BodyTooLarge),
            true,
            &opted_in,
            0.5,
            Decision::Stop,
        ),
        // Out of attempts: 3 in all by default.
        (3, status(503), true, &policy, 0.5, Decision::Stop),
        (
            3,
            Outcome::Transport(TransportErrorKind::Connect),
            true,
            &policy,
            0.5,
            Decision::Stop,
        ),
        (1, status(503), true, &none, 0.5, Decision::Stop),
        // Odd random values are clamped, never panic.
        (
            1,
            status(503),
            true,
            &policy,
            f64::NAN,
            Decision::RetryAfter(MS(100)),
        ),
        (
            1,
            status(503),
            true,
            &policy,
            7.0,
            Decision::RetryAfter(S(1)),
        ),
        (
            1,
            status(503),
            true,
            &policy,
            -1.0,
            Decision::RetryAfter(MS(100)),
        ),
    ];
    for (i, (attempt, outcome, idempotent, policy, random, expected)) in
        rows.into_iter().enumerate()
    {
        assert_eq!(
            decide(attempt, &outcome, idempotent, policy, random),
            expected,
            "row {i}: attempt {attempt}, {outcome:?}, idempotent {idempotent}"
        );
    }
}

#[test]
fn every_wait_has_a_floor_even_retry_after_zero() {
    let busy_now = Outcome::Status {
        status: StatusCode::TOO_MANY_REQUESTS,
        retry_after: Some(Duration::ZERO),
    };
    let unlucky = Outcome::Transport(TransportErrorKind::Connect);
    let policy = RetryPolicy::default();
    assert_eq!(policy.min_delay(), MS(100));
    assert_eq!(
        decide(1, &busy_now, false, &policy, 0.5),
        Decision::RetryAfter(MS(100))
    );
    assert_eq!(
        decide(1, &unlucky, false, &policy, 0.0),
        Decision::RetryAfter(MS(100))
    );
    // The floor never exceeds the largest backoff, and can be removed.
    let quick = RetryPolicy::default().with_max_delay(MS(30));
    assert_eq!(
        decide(1, &busy_now, false, &quick, 0.5),
        Decision::RetryAfter(MS(30))
    );
    let none = RetryPolicy::default().with_min_delay(Duration::ZERO);
    assert_eq!(
        decide(1, &busy_now, false, &none, 0.5),
        Decision::RetryAfter(Duration::ZERO)
    );
}

#[test]
fn backoff_doubles_then_caps() {
    let policy = RetryPolicy::default().with_max_attempts(10);
    let ceilings: Vec<u64> = (1..=7)
        .map(|n| policy.backoff_ceiling(n).as_secs())
        .collect();
    assert_eq!(ceilings, [1, 2, 4, 8, 16, 20, 20]);
    assert_eq!(policy.backoff_ceiling(u32::MAX), S(20));
    let huge = RetryPolicy::default()
        .with_base_delay(Duration::MAX)
        .with_max_delay(Duration::MAX);
    assert_eq!(huge.backoff_ceiling(40), Duration::MAX);
}

fn any_outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Transport(TransportErrorKind::Connect)),
        Just(Outcome::Transport(TransportErrorKind::Io)),
        Just(Outcome::Transport(TransportErrorKind::Timeout)),
        Just(Outcome::Transport(TransportErrorKind::BodyTooLarge)),
        Just(Outcome::Timeout),
        Just(Outcome::Permanent),
        (100u16..600, proptest::option::of(0u64..100_000)).prop_map(|(code, after)| {
            Outcome::Status {
                status: StatusCode::from_u16(code).expect("100..600 is valid"),
                retry_after: after.map(Duration::from_secs),
            }
        }),
    ]
}

proptest! {
    #[test]
    fn every_delay_is_within_its_bounds(
        attempt in 0u32..50,
        outcome in any_outcome(),
        idempotent: bool,
        opt_in: bool,
        max_attempts in 1u32..10,
        base_ms in 0u64..5_000,
        max_ms in 0u64..60_000,
        cap_ms in 0u64..60_000,
        min_ms in 0u64..1_000,
        random in any::<f64>(),
    ) {
        let policy = RetryPolicy::default()
            .with_max_attempts(max_attempts)
            .with_base_delay(MS(base_ms))
            .with_max_delay(MS(max_ms))
            .with_max_retry_after(MS(cap_ms))
            .with_min_delay(MS(min_ms))
            .with_retry_non_idempotent(opt_in);
        // The floor under every wait, never above the largest backoff.
        let floor = MS(min_ms.min(max_ms));
        match decide(attempt, &outcome, idempotent, &policy, random) {
            Decision::Stop => {}
            Decision::RetryAfter(wait) => {
                prop_assert!(attempt < max_attempts);
                match outcome {
                    Outcome::Status { retry_after: Some(asked), .. } => {
                        prop_assert_eq!(wait, asked.min(MS(cap_ms)).max(floor));
                    }
                    _ => prop_assert!(wait <= policy.backoff_ceiling(attempt).max(floor)),
                }
                prop_assert!(wait >= floor);
                prop_assert!(wait <= MS(max_ms.max(cap_ms)));
                // Ambiguous failures of a non-idempotent call are retried only when opted in.
                let ambiguous = matches!(
                    outcome,
                    Outcome::Timeout | Outcome::Transport(TransportErrorKind::Io | TransportErrorKind::Timeout)
                ) || matches!(outcome, Outcome::Status { status, .. }
                    if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE);
                prop_assert!(!ambiguous || idempotent || opt_in);
            }
        }
    }
}
