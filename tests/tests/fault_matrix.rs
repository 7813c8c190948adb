//! The fault matrix: each fault seam-fake can inject, the exact error the SDK reports for it,
//! that the error came within the configured deadline, and that nothing panicked.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{assert_no_secrets, client, create_portal, quick_retries, Outcome, SLACK};
use seam_core::TransportErrorKind;
use seam_fake::{FakeSeam, Fault};
use seam_http::{CustomerPortal, DeleteDataRequest, Seam, SeamBuilder};
use serde_json::json;

const CREATE: &str = "/customers/create_portal";
const DELETE: &str = "/customers/delete_data";
const TIMEOUT: Duration = Duration::from_millis(500);
const DEADLINE: Duration = Duration::from_millis(1500);

/// Arms `fault` for the next call to create_portal, makes one call with a 500 ms per-attempt timeout,
/// a 1.5 s total deadline and `attempts` attempts (after `tune`), and checks the common promises:
/// within the deadline, no secrets in the error, and the fake still serves afterwards.
async fn hit(
    fault: Fault,
    attempts: u32,
    tune: impl FnOnce(SeamBuilder) -> SeamBuilder,
) -> (FakeSeam, Outcome<CustomerPortal>) {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(CREATE, 1, fault);
    let seam = tune(
        client(&fake)
            .timeout(TIMEOUT)
            .total_deadline(DEADLINE)
            .retry_policy(quick_retries(attempts)),
    )
    .build()
    .unwrap();
    let out = create_portal(&seam).await;
    assert!(
        out.elapsed <= DEADLINE + SLACK,
        "took {:?}, deadline {DEADLINE:?}",
        out.elapsed
    );
    if let Err(e) = &out.result {
        assert_no_secrets(e, &fake);
    }
    let again = create_portal(&seam).await;
    assert!(
        again.result.is_ok(),
        "the fake serves normally after the fault"
    );
    (fake, out)
}

fn envelope(kind: &str) -> String {
    json!({"error": {"type": kind, "message": "injected"}, "ok": false}).to_string()
}

fn transport_kind(out: &Outcome<CustomerPortal>) -> Option<TransportErrorKind> {
    out.err().transport_error().map(|t| t.kind())
}

// --- HTTP statuses --------------------------------------------------------------------------------

#[tokio::test]
async fn f01_429_with_retry_after_is_an_api_error_carrying_the_wait() {
    let fault = Fault::respond(
        429,
        &[("content-type", "application/json"), ("retry-after", "1")],
        &envelope("rate_limited"),
    );
    let (_fake, out) = hit(fault, 1, |b| b).await;
    let err = out.err();
    assert!(err.is_api());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(err.api_error_code(), Some("rate_limited"));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert!(err.is_retryable());
    assert_eq!(out.report.attempts, 1);
}

#[tokio::test]
async fn f02_429_then_success_is_retried_after_retry_after() {
    let fault = Fault::respond(429, &[("retry-after", "1")], "");
    let (fake, out) = hit(fault, 3, |b| b).await;
    assert!(out.result.is_ok());
    assert_eq!(out.report.attempts, 2);
    assert!(
        out.elapsed >= Duration::from_secs(1),
        "waited for Retry-After"
    );
    assert_eq!(
        fake.counters().requests(CREATE),
        3,
        "429 + retry + the follow-up call"
    );
}

#[tokio::test]
async fn f03_503_with_an_empty_body_is_an_invalid_response() {
    let (_fake, out) = hit(Fault::status(503), 1, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.api_error_code(), None);
    assert!(err.is_retryable());
}

#[tokio::test]
async fn f04_503_is_retried_even_for_create_portal() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(CREATE, 2, Fault::status(503));
    let seam = client(&fake)
        .total_deadline(DEADLINE)
        .retry_policy(quick_retries(3))
        .build()
        .unwrap();
    let out = create_portal(&seam).await;
    assert!(out.result.is_ok());
    assert_eq!(out.report.attempts, 3);
    assert!(out.elapsed <= DEADLINE + SLACK);
    assert_eq!(fake.counters().requests(CREATE), 3);
}

#[tokio::test]
async fn f05_502_html_page_is_an_invalid_response_with_an_excerpt() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let fault = Fault::respond(502, &[("content-type", "text/html")], page);
    let (_fake, out) = hit(fault, 1, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(err.content_type(), Some("text/html"));
    assert!(err.body_excerpt().unwrap_or("").contains("502 Bad Gateway"));
}

#[tokio::test]
async fn f06_500_envelope_is_not_retried_for_create_portal() {
    let fault = Fault::json(
        500,
        &json!({"error": {"type": "internal_server_error", "message": "boom"}, "ok": false}),
    );
    let (fake, out) = hit(fault, 3, |b| b).await;
    let err = out.err();
    assert!(err.is_api());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(err.api_error_code(), Some("internal_server_error"));
    assert!(err.request_id().is_some());
    assert_eq!(out.report.attempts, 1, "create_portal is not idempotent");
    assert_eq!(
        fake.counters().requests(CREATE),
        2,
        "the failed call + the follow-up call"
    );
}

#[tokio::test]
async fn f07_500_is_retried_for_idempotent_delete_data() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(
        DELETE,
        1,
        Fault::json(
            500,
            &json!({"error": {"type": "internal_server_error", "message": "x"}}),
        ),
    );
    let seam = client(&fake)
        .total_deadline(DEADLINE)
        .retry_policy(quick_retries(3))
        .build()
        .unwrap();
    let (result, report) = seam
        .customers()
        .delete_data(DeleteDataRequest::new().with_customer_keys(["gone"]))
        .send_with_report()
        .await;
    assert!(result.is_ok());
    assert!(report.elapsed <= DEADLINE + SLACK);
    assert_eq!(report.attempts, 2);
    assert_eq!(fake.counters().requests(DELETE), 2);
}

#[tokio::test]
async fn f08_bare_401_is_unauthorized() {
    let (_fake, out) = hit(Fault::status(401), 3, |b| b).await;
    let err = out.err();
    assert!(err.is_unauthorized());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(!err.is_retryable());
    assert_eq!(out.report.attempts, 1);
}

#[tokio::test]
async fn f09_400_invalid_input_exposes_parameter_paths() {
    let body = json!({"error": {"type": "invalid_input", "message": "bad", "validation_errors":
        {"_errors": [], "customer_data": {"_errors": [], "buildings": {"_errors": [], "3": {"_errors": [],
        "building_key": {"_errors": ["String must contain at least 1 character(s)"]}}}}}}, "ok": false});
    let (_fake, out) = hit(Fault::json(400, &body), 3, |b| b).await;
    let err = out.err();
    assert!(err.is_validation());
    assert_eq!(err.api_error_code(), Some("invalid_input"));
    let problems = err.validation_errors().expect("violations");
    assert_eq!(
        problems
            .for_parameter("customer_data.buildings[3].building_key")
            .collect::<Vec<_>>(),
        ["String must contain at least 1 character(s)"]
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(out.report.attempts, 1);
}

#[tokio::test]
async fn f10_unknown_error_type_is_kept_verbatim() {
    let (_fake, out) = hit(
        Fault::json(
            404,
            &json!({"error": {"type": "customer_not_found", "message": "no"}}),
        ),
        1,
        |b| b,
    )
    .await;
    let err = out.err();
    assert!(err.is_api());
    assert_eq!(err.api_error_code(), Some("customer_not_found"));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
}

// --- Time -----------------------------------------------------------------------------------------

#[tokio::test]
async fn f11_delay_past_the_attempt_timeout_is_a_timeout() {
    let (fake, out) = hit(Fault::delay(Duration::from_secs(3)), 3, |b| b).await;
    let err = out.err();
    assert!(err.is_timeout());
    assert!(out.elapsed >= TIMEOUT && out.elapsed <= TIMEOUT + SLACK);
    assert_eq!(
        out.report.attempts, 1,
        "create_portal is not repeated after a timeout"
    );
    assert_eq!(fake.counters().requests(CREATE), 2);
}

#[tokio::test]
async fn f12_slow_idempotent_calls_stop_at_the_total_deadline() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults()
        .always(DELETE, Fault::delay(Duration::from_secs(5)));
    let seam = client(&fake)
        .timeout(Duration::from_millis(300))
        .total_deadline(Duration::from_millis(800))
        .retry_policy(quick_retries(10))
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    let (result, report) = seam
        .customers()
        .delete_data(DeleteDataRequest::new().with_space_keys(["s"]))
        .send_with_report()
        .await;
    let elapsed = start.elapsed();
    let Err(err) = result else {
        panic!("expected a timeout")
    };
    assert!(err.is_timeout());
    assert!(
        elapsed <= Duration::from_millis(800) + SLACK,
        "took {elapsed:?}"
    );
    assert!(report.attempts >= 2, "retried within the deadline");
    assert!(report.attempts <= 3);
}

#[tokio::test]
async fn f13_stall_mid_body_is_a_timeout() {
    let (_fake, out) = hit(
        Fault::StallMidBody {
            stall: Duration::from_secs(5),
        },
        1,
        |b| b,
    )
    .await;
    assert!(out.err().is_timeout());
    assert!(out.elapsed <= TIMEOUT + SLACK);
}

#[tokio::test]
async fn f14_trickled_body_is_a_timeout() {
    let (_fake, out) = hit(
        Fault::Trickle {
            interval: Duration::from_millis(20),
        },
        1,
        |b| b,
    )
    .await;
    assert!(out.err().is_timeout());
    assert!(out.elapsed <= TIMEOUT + SLACK);
}

// --- Connections ----------------------------------------------------------------------------------

#[tokio::test]
async fn f15_close_before_headers_is_a_transport_error() {
    let (_fake, out) = hit(Fault::CloseBeforeHeaders, 3, |b| b).await;
    assert!(out.err().is_transport());
    assert_eq!(transport_kind(&out), Some(TransportErrorKind::Io));
    assert_eq!(
        out.report.attempts, 1,
        "may have reached the server: not repeated"
    );
}

#[tokio::test]
async fn f16_reset_before_headers_is_a_transport_error() {
    let (_fake, out) = hit(Fault::ResetBeforeHeaders, 1, |b| b).await;
    assert!(out.err().is_transport());
    assert_eq!(transport_kind(&out), Some(TransportErrorKind::Io));
}

#[tokio::test]
async fn f17_reset_mid_body_is_a_transport_error() {
    let (_fake, out) = hit(Fault::ResetMidBody, 1, |b| b).await;
    assert!(out.err().is_transport());
    assert_eq!(transport_kind(&out), Some(TransportErrorKind::Io));
}

#[tokio::test]
async fn f18_truncated_body_is_a_transport_error() {
    let (_fake, out) = hit(Fault::TruncatedBody, 1, |b| b).await;
    assert!(out.err().is_transport());
    assert_eq!(transport_kind(&out), Some(TransportErrorKind::Io));
}

#[tokio::test]
async fn f19_garbage_instead_of_http_is_a_transport_error() {
    let (_fake, out) = hit(
        Fault::Garbage {
            bytes: "SSH-2.0-OpenSSH_9.6\r\n".into(),
        },
        1,
        |b| b,
    )
    .await;
    assert!(out.err().is_transport());
    assert_eq!(transport_kind(&out), Some(TransportErrorKind::Io));
}

#[tokio::test]
async fn f20_reset_on_idempotent_delete_is_retried() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(DELETE, 1, Fault::ResetBeforeHeaders);
    let seam = client(&fake)
        .total_deadline(DEADLINE)
        .retry_policy(quick_retries(3))
        .build()
        .unwrap();
    let (result, report) = seam
        .customers()
        .delete_data(DeleteDataRequest::new().with_space_keys(["s"]))
        .send_with_report()
        .await;
    assert!(result.is_ok());
    assert!(report.elapsed <= DEADLINE + SLACK);
    assert_eq!(report.attempts, 2);
    assert_eq!(
        fake.counters().connections(),
        2,
        "a fresh connection after the reset"
    );
}

#[tokio::test]
async fn f21_connection_refused_is_a_connect_error_retried_within_the_deadline() {
    let fake = FakeSeam::start().await.unwrap();
    let seam = client(&fake)
        .total_deadline(DEADLINE)
        .retry_policy(quick_retries(3))
        .build()
        .unwrap();
    let key = fake.api_key().to_owned();
    fake.shutdown().await;
    let out = create_portal(&seam).await;
    let err = out.err();
    assert!(err.is_connect());
    assert!(err.is_transport());
    assert!(!format!("{err} {err:?}").contains(&key));
    assert_eq!(
        out.report.attempts, 3,
        "connect failures are always safe to retry"
    );
    assert!(out.elapsed <= DEADLINE + SLACK);
}

// --- Bodies ---------------------------------------------------------------------------------------

#[tokio::test]
async fn f22_oversized_body_is_refused_at_the_cap() {
    let (_fake, out) = hit(
        Fault::Oversized {
            bytes: 4 * 1024 * 1024,
        },
        3,
        |b| b.max_response_bytes(1024 * 1024),
    )
    .await;
    let err = out.err();
    assert!(err.is_transport());
    assert_eq!(transport_kind(&out), Some(TransportErrorKind::BodyTooLarge));
    assert!(!err.is_retryable());
    assert_eq!(out.report.attempts, 1);
}

#[tokio::test]
async fn f23_invalid_utf8_is_an_invalid_response() {
    let (_fake, out) = hit(Fault::InvalidUtf8, 1, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert!(err.request_id().is_some());
}

#[tokio::test]
async fn f24_redirect_is_not_followed() {
    let elsewhere = FakeSeam::start().await.unwrap();
    let location = format!("{}{CREATE}", elsewhere.base_url());
    let (_fake, out) = hit(
        Fault::Redirect {
            status: 307,
            location,
        },
        3,
        |b| b,
    )
    .await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(307));
    assert_eq!(
        elsewhere.counters().total_requests(),
        0,
        "credentials never sent elsewhere"
    );
    assert_eq!(elsewhere.counters().connections(), 0);
}

#[tokio::test]
async fn f25_html_content_type_on_a_json_body() {
    let (_fake, out) = hit(
        Fault::ContentType {
            content_type: "text/html".into(),
        },
        1,
        |b| b,
    )
    .await;
    // The body is the real portal JSON: the SDK reads JSON by content, not by label.
    let portal = out.result.as_ref().map_err(|_| "expected success").unwrap();
    assert_eq!(portal.customer_key, "cust");
}

#[tokio::test]
async fn f26_success_without_the_response_key_is_an_invalid_response() {
    let (_fake, out) = hit(Fault::json(200, &json!({"ok": true})), 1, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.json_path(), Some("customer_portal"));
}

#[tokio::test]
async fn f27_success_with_a_wrongly_typed_field_names_its_path() {
    let body = json!({"ok": true, "customer_portal": {"url": 5, "customer_key": "c",
        "workspace_id": "00000000-0000-4000-8000-000000000000",
        "created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-08T00:00:00Z"}});
    let (_fake, out) = hit(Fault::json(200, &body), 1, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.json_path(), Some("customer_portal.url"));
}

#[tokio::test]
async fn f28_empty_200_body_is_an_invalid_response() {
    let (_fake, out) = hit(Fault::status(200), 1, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn f29_the_nth_call_fault_hits_only_that_call() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().on_call(CREATE, 2, Fault::status(418));
    let seam = client(&fake).build().unwrap();
    assert!(create_portal(&seam).await.result.is_ok());
    let out = create_portal(&seam).await;
    assert!(out.elapsed <= Duration::from_secs(1) + SLACK);
    assert_eq!(out.err().status().map(|s| s.as_u16()), Some(418));
    assert!(out.err().is_invalid_response());
    assert!(create_portal(&seam).await.result.is_ok());
    assert_eq!(fake.counters().requests(CREATE), 3);
}

// --- Hostile answers ------------------------------------------------------------------------------

/// A 200 create_portal answer whose magic link is `url`, otherwise well formed.
fn portal_with_url(url: &str) -> serde_json::Value {
    json!({"ok": true, "customer_portal": {"url": url, "customer_key": "cust",
        "workspace_id": "00000000-0000-4000-8000-000000000000",
        "created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-08T00:00:00Z"}})
}

#[tokio::test]
async fn f30_a_magic_link_that_is_not_https_or_carries_user_info_is_refused() {
    let refused = [
        ("javascript:alert(1)", "scheme `javascript`"),
        ("data:text/html,<script>alert(1)</script>", "scheme `data`"),
        ("file:///etc/passwd", "scheme `file`"),
        ("ftp://portal.example.invalid/x", "scheme `ftp`"),
        ("http://portal.example.invalid/x", "plain http"),
        ("http://10.0.0.1/x", "plain http"),
        (
            "https://user:hunter2@portal.example.invalid/x",
            "user name or password",
        ),
        (
            "https://user@portal.example.invalid/x",
            "user name or password",
        ),
        ("http://user:hunter2@127.0.0.1/x", "user name or password"),
    ];
    for (url, why) in refused {
        let (_fake, out) = hit(Fault::json(200, &portal_with_url(url)), 1, |b| b).await;
        let err = out.err();
        assert!(err.is_invalid_response(), "{url}: {err}");
        assert_eq!(err.json_path(), Some("customer_portal.url"), "{url}");
        let shown = err.to_string();
        assert!(shown.contains(why), "{url}: {shown}");
        assert!(
            shown.contains("customer_portal.url"),
            "{url}: names the field: {shown}"
        );
        assert!(
            !shown.contains("hunter2"),
            "{url}: quotes no password: {shown}"
        );
    }
    // The positive controls: https anywhere, and plain http to loopback next to a loopback fake.
    for url in [
        "https://portal.example.invalid/x",
        "http://127.0.0.1:9/portal/x",
        "http://[::1]/p",
    ] {
        let (_fake, out) = hit(Fault::json(200, &portal_with_url(url)), 1, |b| b).await;
        let portal = out.result.as_ref().map_err(|e| e.to_string());
        assert_eq!(
            portal.map(|p| p.url.as_str().to_owned()).ok(),
            Some(url.to_owned())
        );
    }
}

#[tokio::test]
async fn f31_plain_http_links_to_other_hosts_pass_only_after_the_explicit_opt_in() {
    let fault = Fault::json(200, &portal_with_url("http://portal.example.invalid/x"));
    let (_fake, out) = hit(fault, 1, |b| b.allow_insecure_http(true)).await;
    assert!(
        out.result.is_ok(),
        "opted in: {:?}",
        out.result.as_ref().err().map(|e| e.to_string())
    );
}

#[tokio::test]
async fn f32_a_2xx_with_ok_false_is_never_success() {
    // create_portal: a well-formed portal next to `"ok": false`.
    let mut body = portal_with_url("https://portal.example.invalid/x");
    body["ok"] = json!(false);
    let (_fake, out) = hit(Fault::json(200, &body), 3, |b| b).await;
    let err = out.err();
    assert!(err.is_invalid_response(), "{err}");
    assert_eq!(err.json_path(), Some("ok"));
    assert_eq!(out.report.attempts, 1);
    // Other odd values of `ok` are not success either.
    for odd in [json!(null), json!("true"), json!(0)] {
        let mut body = portal_with_url("https://portal.example.invalid/x");
        body["ok"] = odd.clone();
        let (_fake, out) = hit(Fault::json(200, &body), 1, |b| b).await;
        assert_eq!(out.err().json_path(), Some("ok"), "ok = {odd}");
    }
    // Seam's error envelope under a 200 reads as the API error it carries.
    let (_fake, out) = hit(
        Fault::json(
            200,
            &json!({"ok": false,
        "error": {"type": "customer_not_found", "message": "no"}}),
        ),
        1,
        |b| b,
    )
    .await;
    assert!(out.err().is_api());
    assert_eq!(out.err().api_error_code(), Some("customer_not_found"));

    // push_data and delete_data answer `{"ok": ...}` alone.
    let fake = FakeSeam::start().await.unwrap();
    let seam = client(&fake).build().unwrap();
    for route in ["/customers/push_data", DELETE] {
        fake.faults()
            .next(route, 1, Fault::json(200, &json!({"ok": false})));
    }
    let pushed = seam
        .customers()
        .push_data(seam_http::PushDataRequest::new("cust"))
        .await;
    let deleted = seam
        .customers()
        .delete_data(DeleteDataRequest::new().with_customer_keys(["cust"]))
        .await;
    for (name, result) in [("push_data", pushed), ("delete_data", deleted)] {
        let err = result.expect_err(name);
        assert!(err.is_invalid_response(), "{name}: {err}");
        assert_eq!(err.json_path(), Some("ok"), "{name}");
        assert!(err.to_string().contains("`ok` false"), "{name}: {err}");
    }
}

/// create_portal with a raw JSON body that skips client-side validation, so that the fake's own
/// validator answers.
struct RawCreatePortal(serde_json::Value);

impl seam_core::operation::Operation for RawCreatePortal {
    type Output = CustomerPortal;
    const NAME: &'static str = "test.raw_create_portal";
    const METHOD: http::Method = http::Method::POST;
    const PATH: &'static str = CREATE;
    const RESPONSE_KEY: Option<&'static str> = Some("customer_portal");
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<(), seam_types::ValidationError> {
        Ok(())
    }

    fn body(&self) -> Result<Option<bytes::Bytes>, serde_json::Error> {
        serde_json::to_vec(&self.0).map(|body| Some(body.into()))
    }
}

#[tokio::test]
async fn f33_the_fakes_invalid_input_reads_as_typed_violations() {
    let fake = FakeSeam::start().await.unwrap();
    let seam = client(&fake).build().unwrap();
    let transport = seam_http::HyperTransport::new().unwrap();
    let send = |body: serde_json::Value| {
        let (seam, transport) = (&seam, &transport);
        async move {
            let op = RawCreatePortal(body);
            seam_core::exec::execute(
                seam.config(),
                transport,
                &seam_http::TokioRuntime::new(),
                &op,
                &seam_core::exec::CallOptions::new(),
            )
            .await
        }
    };
    let (result, report) = send(json!({"customer_data": {"buildings": [{"name": "Main"}]},
        "locale": "xx-XX"}))
    .await;
    let err = result.expect_err("the fake refuses the body");
    assert_no_secrets(&err, &fake);
    assert!(err.is_validation() && err.is_api(), "{err}");
    assert_eq!(err.api_error_code(), Some("invalid_input"));
    assert_eq!(err.attempts(), 1);
    assert_eq!(report.attempts, 1);
    let problems = err.validation_errors().expect("typed violations");
    assert_eq!(problems.origin(), seam_core::violations::Origin::Server);
    assert_eq!(
        problems.for_parameter("customer_data.customer_key").count(),
        1,
        "{problems}"
    );
    assert_eq!(
        problems
            .for_parameter("customer_data.buildings[0].building_key")
            .count(),
        1,
        "{problems}"
    );
    assert_eq!(problems.for_parameter("locale").count(), 1, "{problems}");
    assert_eq!(problems.len(), 3, "{problems}");
    assert!(problems.request_wide().is_empty(), "{problems}");
    assert_eq!(problems.omitted_count(), 0);
    assert!(err
        .headers()
        .is_some_and(|h| h.contains_key("seam-request-id")));
    let body: serde_json::Value = serde_json::from_slice(err.body().unwrap()).unwrap();
    assert_eq!(body["error"]["type"], "invalid_input");

    // A body that is wrong as a whole: the fake's message is request-wide, no parameter has one.
    let (result, _) = send(json!(["not", "an", "object"])).await;
    let err = result.expect_err("refused");
    let problems = err.validation_errors().expect("typed violations");
    assert_eq!(problems.request_wide().len(), 1, "{problems}");
    assert!(problems.is_empty(), "{problems}");
    assert!(
        err.to_string().contains(&problems.request_wide()[0]),
        "{err}"
    );
}

#[tokio::test]
async fn f34_a_hostile_invalid_input_is_kept_within_bounds() {
    let mut deep = json!({"_errors": ["deep"]});
    for i in 0..60 {
        deep = json!({ format!("d{i}"): deep });
    }
    let mut many = serde_json::Map::new();
    for i in 0..3_000 {
        many.insert(i.to_string(), json!({"_errors": ["bad", "worse"]}));
    }
    let long_key = "k".repeat(5_000);
    let body = json!({"ok": false, "error": {"type": "invalid_input",
        "message": format!("\u{1b}]0;pwned\u{7}{}", "m".repeat(50_000)),
        "validation_errors": {"_errors": ["whole"], "deep": deep, "spaces": many,
            long_key.clone(): {long_key.clone(): {"_errors": ["long"]}},
            "customer_data": {"customer_key": {"_errors": ["Required"]}}}}});
    let (_fake, out) = hit(Fault::json(400, &body), 3, |b| b).await;
    let err = out.err();
    let problems = err.validation_errors().expect("violations");
    assert_eq!(
        problems.len() + problems.request_wide().len(),
        seam_core::violations::MAX_VIOLATIONS
    );
    assert_eq!(
        problems.total_count(),
        1 + 1 + 6_000 + 1 + 1,
        "every message counted"
    );
    assert_eq!(
        problems.omitted_count(),
        problems.total_count() - seam_core::violations::MAX_VIOLATIONS as u64
    );
    assert!(problems
        .iter()
        .all(|v| v.path.len() <= seam_core::violations::MAX_PATH_BYTES));
    let shown = err.to_string();
    assert!(
        shown.len() < 8 * 1024,
        "Display is bounded: {} bytes",
        shown.len()
    );
    assert!(
        shown.contains(&format!("... and {} more", problems.total_count() - 10)),
        "{shown}"
    );
    assert!(
        !shown.contains('\u{1b}') && shown.contains("\\x1b"),
        "control characters escaped"
    );
    assert!(format!("{err:?}").len() < 16 * 1024);
    assert_eq!(
        err.api_error_message().map(str::len),
        Some(50_000 + 10),
        "accessor keeps it whole"
    );
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn f35_a_secret_echoed_anywhere_is_scrubbed() {
    let fake = FakeSeam::start().await.unwrap();
    let key = fake.api_key().to_owned();
    let envelope = json!({"ok": false, "error": {"type": format!("bad_{key}"),
        "message": format!("you sent {key}"), "data": {"echo": key, key.clone(): [key]},
        "validation_errors": {"_errors": [format!("top {key}")], key.clone(): {"_errors": [format!("at {key}")]}}}})
    .to_string();
    let headers = [
        ("content-type", "application/json"),
        ("seam-request-id", &*format!("req-{key}")),
        ("x-echo", &*format!("Bearer {key}")),
    ];
    // An API error, then an invalid response (HTML with the key in every header and at the cut).
    let html = format!("<html>{}{key}</html>", "x".repeat(190));
    let invalid_type = format!("text/html; {key}");
    let invalid_headers = [
        ("content-type", &*invalid_type),
        ("seam-request-id", &*format!("req-{key}")),
    ];
    fake.faults()
        .next(CREATE, 1, Fault::respond(400, &headers, &envelope));
    let seam = client(&fake).build().unwrap();
    let api = create_portal(&seam).await;
    fake.faults()
        .next(CREATE, 1, Fault::respond(502, &invalid_headers, &html));
    let invalid = create_portal(&seam).await;
    for (name, out) in [("api", api), ("invalid", invalid)] {
        let err = out.err();
        let mut everything = format!("{err}\n{err:?}\n");
        for text in [
            err.api_error_code(),
            err.api_error_message(),
            err.request_id(),
            err.content_type(),
            err.body_excerpt(),
            err.json_path(),
        ]
        .into_iter()
        .flatten()
        {
            everything.push_str(text);
        }
        if let Some(data) = err.api_error_data() {
            everything.push_str(&data.to_string());
        }
        if let Some(v) = err.validation_errors() {
            for violation in v {
                everything.push_str(&format!("{} {}", violation.path, violation.message));
            }
            everything.push_str(&v.request_wide().join(" "));
        }
        for (name, value) in err.headers().expect("headers") {
            everything.push_str(&format!(
                "{name}: {}",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        everything.push_str(&String::from_utf8_lossy(err.body().expect("body")));
        let report_id = out.report.request_id.clone().unwrap_or_default();
        everything.push_str(&report_id);
        assert!(
            !everything.contains(&key),
            "{name}: the key leaks: {everything}"
        );
        assert!(
            !everything.contains(&key[..key.len() - 3]),
            "{name}: a piece of the key leaks"
        );
        assert!(everything.contains("[redacted]"), "{name}: {everything}");
    }
}

#[tokio::test]
async fn f36_rate_limits_attempts_headers_and_body_are_reported() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(
        CREATE,
        3,
        Fault::respond(
            429,
            &[("retry-after", "0"), ("x-ratelimit-remaining", "0")],
            &envelope("rate_limited"),
        ),
    );
    let seam = client(&fake)
        .total_deadline(DEADLINE)
        .retry_policy(quick_retries(3))
        .build()
        .unwrap();
    let out = create_portal(&seam).await;
    let err = out.err();
    assert!(err.is_rate_limited());
    assert_eq!(err.attempts(), 3);
    assert_eq!(out.report.attempts, 3);
    assert_eq!(
        err.headers()
            .and_then(|h| h.get("x-ratelimit-remaining"))
            .map(|v| v.as_bytes()),
        Some(&b"0"[..])
    );
    let body: serde_json::Value = serde_json::from_slice(err.body().unwrap()).unwrap();
    assert_eq!(body["error"]["type"], "rate_limited");
    // A 503 that outlasts every attempt is not a rate limit.
    fake.faults().next(CREATE, 3, Fault::status(503));
    let out = create_portal(&seam).await;
    assert!(!out.err().is_rate_limited());
    assert_eq!(out.err().status().map(|s| s.as_u16()), Some(503));
    assert_eq!(out.err().attempts(), 3);
}

// --- Connect phase and retries against raw loopback servers ---------------------------------------

/// A loopback server speaking raw bytes: each accepted connection is handed to `serve` (with its
/// 0-based number); the listener closes once `connections` were accepted (later connects are
/// refused). Returns the port and the number of connections accepted.
async fn raw_server<F, Fut>(connections: usize, serve: F) -> (u16, Arc<AtomicUsize>)
where
    F: Fn(usize, tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        for n in 0..connections {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(serve(n, socket));
        }
    });
    (port, accepted)
}

/// Reads one request head and its `content-length` body.
async fn read_request(socket: &mut tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt as _;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while seen.len() < head_end + length {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    true
}

/// Writes one HTTP/1.1 response with a JSON envelope, then closes the connection without having
/// said `Connection: close` (as a server shedding load may).
async fn answer_and_close(mut socket: tokio::net::TcpStream, status: &str, kind: &str) {
    use tokio::io::AsyncWriteExt as _;
    if !read_request(&mut socket).await {
        return;
    }
    let body = envelope(kind);
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nretry-after: 0\r\n\
         seam-request-id: req_raw\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = socket.write_all(response.as_bytes()).await;
    let _ = socket.shutdown().await;
}

fn raw_client(url: String, attempts: u32) -> SeamBuilder {
    Seam::builder()
        .api_key("seam_testkey_raw_0123456789")
        .endpoint(url)
        .timeout(Duration::from_secs(2))
        .total_deadline(Duration::from_secs(5))
        .retry_policy(quick_retries(attempts))
}

#[tokio::test]
async fn f37_tls_handshake_stall_is_a_connect_failure_retried_for_create_portal() {
    // Accepts TCP, then never answers the TLS ClientHello.
    let (port, accepted) = raw_server(usize::MAX, |_, socket| async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(socket);
    })
    .await;
    let connect_timeout = Duration::from_millis(300);
    let seam = raw_client(format!("https://localhost:{port}"), 3)
        .connect_timeout(connect_timeout)
        .build()
        .unwrap();
    let out = create_portal(&seam).await;
    let err = out.err();
    assert_eq!(
        transport_kind(&out),
        Some(TransportErrorKind::Connect),
        "{err}"
    );
    assert!(!err.transport_error().unwrap().may_have_reached_server());
    assert!(err.to_string().contains("TLS handshake"), "{err}");
    assert_eq!(
        out.report.attempts, 3,
        "a connect failure is always retried"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
    // Three connect timeouts and two short backoffs, far less than one 2 s attempt timeout.
    assert!(
        out.elapsed < connect_timeout * 3 + Duration::from_millis(100) + SLACK,
        "took {:?}",
        out.elapsed
    );
}

/// Runs create_portal (3 attempts) against a server that answers each of its first `connections`
/// connections with `status` and an envelope of `kind`, then hangs up (later connects are refused).
async fn against_a_closing_server(
    connections: usize,
    status: &'static str,
    kind: &'static str,
) -> (Outcome<CustomerPortal>, Arc<AtomicUsize>) {
    let (port, accepted) = raw_server(connections, move |_, socket| {
        answer_and_close(socket, status, kind)
    })
    .await;
    let seam = raw_client(format!("http://127.0.0.1:{port}"), 3)
        .build()
        .unwrap();
    (create_portal(&seam).await, accepted)
}

#[tokio::test]
async fn f38_retry_after_zero_from_a_closing_server_ends_with_the_429() {
    // Every connection: one 429 with `Retry-After: 0`, then the server hangs up.
    let (out, accepted) =
        against_a_closing_server(usize::MAX, "429 Too Many Requests", "rate_limited").await;
    let err = out.err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429), "{err}");
    assert_eq!(err.api_error_code(), Some("rate_limited"));
    assert_eq!(out.report.attempts, 3);
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        3,
        "one fresh connection per attempt"
    );
    // `Retry-After: 0` still waits the floor (here the 50 ms cap of the quick policy) twice.
    assert!(
        out.elapsed >= Duration::from_millis(100),
        "{:?}",
        out.elapsed
    );
}

#[tokio::test]
async fn f39_a_503_then_refused_connections_reports_the_503() {
    // One connection answered with a 503, then the listener is gone: later attempts are refused.
    let (out, _) =
        against_a_closing_server(1, "503 Service Unavailable", "service_unavailable").await;
    let err = out.err();
    assert_eq!(out.report.attempts, 3);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err}");
    assert_eq!(err.api_error_code(), Some("service_unavailable"));
    assert_eq!(err.request_id(), Some("req_raw"));
}
