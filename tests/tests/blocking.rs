//! `seam_http::blocking::Seam` against seam-fake over loopback: the three calls, a timeout and a
//! retry from plain threads, and a clean error (no panic, nothing sent) inside a Tokio runtime.

use std::time::{Duration, Instant};

use seam_fake::{FakeSeam, Fault};
use seam_http::{blocking, DeleteDataRequest, PushDataRequest, RetryPolicy, Seam};
use seam_types::Building;

/// A fake served by a runtime of its own, so that the test thread stays outside any runtime.
struct Served {
    fake: FakeSeam,
    _runtime: tokio::runtime::Runtime,
}

/// A fake and a blocking client pointed at it.
fn setup() -> (Served, blocking::Seam) {
    let served = serve();
    let seam = client(&served.fake);
    (served, seam)
}

fn serve() -> Served {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime for the fake");
    let fake = runtime
        .block_on(FakeSeam::start())
        .expect("the fake starts");
    Served {
        fake,
        _runtime: runtime,
    }
}

fn client(fake: &FakeSeam) -> blocking::Seam {
    Seam::builder()
        .api_key(fake.api_key())
        .endpoint(fake.base_url())
        .timeout(Duration::from_secs(2))
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(1)
                .with_base_delay(Duration::from_millis(20))
                .with_max_delay(Duration::from_millis(50)),
        )
        .build_blocking()
        .expect("a blocking client")
}

#[test]
fn push_portal_and_delete_from_plain_threads() {
    let (served, seam) = setup();
    let fake = &served.fake;

    let request = PushDataRequest::new("acme").push_building(Building::new("b1", "North Tower"));
    assert!(
        seam.customers()
            .push_data(&request)
            .send()
            .expect("push_data")
            .ok
    );
    assert_eq!(
        request.customer_key, "acme",
        "passed by reference, still ours"
    );
    assert!(fake
        .customer_data("acme")
        .expect("stored")
        .to_string()
        .contains("North Tower"));

    // Two threads share one client (and its connection pool) at once.
    let portals: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| seam.customers().create_portal_for("acme").send()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    let urls: Vec<String> = portals
        .into_iter()
        .map(|p| p.expect("create_portal").url.to_string())
        .collect();
    assert!(
        urls[0].starts_with(&format!("{}/portal/", fake.base_url())),
        "{}",
        urls[0]
    );
    assert_ne!(urls[0], urls[1]);

    let delete = DeleteDataRequest::new().with_customer_keys(["acme"]);
    assert!(
        seam.customers()
            .delete_data(delete)
            .send()
            .expect("delete_data")
            .ok
    );
    assert!(fake.customer_data("acme").is_none(), "deleted on the fake");
    assert_eq!(fake.counters().requests("/customers/create_portal"), 2);
}

#[test]
fn a_per_call_timeout_and_a_retry() {
    let (served, seam) = setup();
    let fake = &served.fake;

    fake.faults().next(
        "/customers/push_data",
        1,
        Fault::delay(Duration::from_secs(5)),
    );
    let start = Instant::now();
    let err = seam
        .customers()
        .push_data(PushDataRequest::new("slow"))
        .timeout(Duration::from_millis(300))
        .send()
        .expect_err("times out");
    assert!(err.is_timeout(), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );

    fake.faults()
        .next("/customers/create_portal", 1, Fault::status(503));
    let (result, report) = seam
        .customers()
        .create_portal_for("acme")
        .max_attempts(3)
        .send_with_report();
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(report.attempts, 2, "one 503, then the answer");
    assert_eq!(fake.counters().requests("/customers/create_portal"), 2);
}

#[test]
fn inside_a_tokio_runtime_it_is_an_error_not_a_panic() {
    let (served, seam) = setup();
    let fake = &served.fake;

    for runtime in [
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build(),
    ] {
        let runtime = runtime.expect("a runtime");
        let err = runtime.block_on(async {
            seam.customers()
                .create_portal_for("acme")
                .send()
                .expect_err("refused inside a runtime")
        });
        assert!(err.is_config(), "{err}");
        assert!(err.to_string().contains("inside an async"), "{err}");
    }
    assert_eq!(fake.counters().total_requests(), 0, "nothing was sent");

    // Outside the runtime again, the same client works.
    assert!(seam.customers().create_portal_for("acme").send().is_ok());
    // A client made and dropped inside a runtime neither panics nor blocks it.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async { drop(client(fake)) });
}
