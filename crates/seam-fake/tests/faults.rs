//! Each fault as seen on the wire by a raw client, plus the per-call rule selection and counters.

mod common;

use std::io::ErrorKind;
use std::time::Duration;

use common::{exchange, post, request, Raw};
use seam_fake::{FakeSeam, Fault};
use serde_json::json;

const CREATE: &str = "/customers/create_portal";

async fn with_fault(fault: Fault) -> (FakeSeam, Raw) {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(CREATE, 1, fault);
    let r = post(
        &fake,
        CREATE,
        &json!({"customer_data": {"customer_key": "c"}}),
    )
    .await;
    (fake, r)
}

#[tokio::test]
async fn respond_sends_exact_status_headers_and_body() {
    let (_f, r) = with_fault(Fault::respond(429, &[("retry-after", "1")], "slow down")).await;
    assert_eq!(r.status(), Some(429));
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    assert_eq!(r.body(), b"slow down");
    assert!(r.header("seam-request-id").is_none());
    let (_f, r) = with_fault(Fault::status(503)).await;
    assert_eq!(r.status(), Some(503));
    assert!(r.body().is_empty());
}

#[tokio::test]
async fn close_before_headers_sends_nothing() {
    let (fake, r) = with_fault(Fault::CloseBeforeHeaders).await;
    assert!(r.bytes.is_empty());
    assert!(!r.timed_out);
    assert!(fake.customer_data("c").is_none(), "not handled");
}

#[tokio::test]
async fn reset_before_headers_is_a_reset() {
    let (_f, r) = with_fault(Fault::ResetBeforeHeaders).await;
    assert!(r.bytes.is_empty());
    assert_eq!(r.error, Some(ErrorKind::ConnectionReset));
}

#[tokio::test]
async fn reset_mid_body_sends_headers_then_resets() {
    let (fake, r) = with_fault(Fault::ResetMidBody).await;
    assert_eq!(r.status(), Some(200));
    assert_eq!(r.error, Some(ErrorKind::ConnectionReset));
    assert!(
        fake.customer_data("c").is_some(),
        "handled before the damage"
    );
}

#[tokio::test]
async fn truncated_body_is_shorter_than_declared() {
    let (_f, r) = with_fault(Fault::TruncatedBody).await;
    assert_eq!(r.status(), Some(200));
    let declared: usize = r.header("content-length").unwrap().parse().unwrap();
    assert!(!r.body().is_empty());
    assert!(r.body().len() < declared);
    assert!(!r.timed_out);
}

#[tokio::test]
async fn stall_mid_body_holds_then_closes() {
    let (_f, r) = with_fault(Fault::StallMidBody {
        stall: Duration::from_millis(400),
    })
    .await;
    assert_eq!(r.status(), Some(200));
    assert!(r.elapsed >= Duration::from_millis(400));
    let declared: usize = r.header("content-length").unwrap().parse().unwrap();
    assert!(r.body().len() < declared);
}

#[tokio::test]
async fn delay_holds_the_headers() {
    let (_f, r) = with_fault(Fault::delay(Duration::from_millis(300))).await;
    assert_eq!(r.status(), Some(200));
    assert!(r.elapsed >= Duration::from_millis(300));
}

#[tokio::test]
async fn oversized_streams_that_many_bytes() {
    let (_f, r) = with_fault(Fault::Oversized {
        bytes: 3 * 1024 * 1024,
    })
    .await;
    assert_eq!(r.status(), Some(200));
    let body = r.body();
    assert_eq!(body.len(), 3 * 1024 * 1024);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["ok"], true);
}

#[tokio::test]
async fn invalid_utf8_redirect_content_type_and_garbage() {
    let (_f, r) = with_fault(Fault::InvalidUtf8).await;
    assert_eq!(r.status(), Some(200));
    assert!(std::str::from_utf8(&r.body()).is_err());

    let (_f, r) = with_fault(Fault::Redirect {
        status: 307,
        location: "http://127.0.0.1:9/x".into(),
    })
    .await;
    assert_eq!(r.status(), Some(307));
    assert_eq!(
        r.header("location").as_deref(),
        Some("http://127.0.0.1:9/x")
    );

    let (_f, r) = with_fault(Fault::ContentType {
        content_type: "text/html".into(),
    })
    .await;
    assert_eq!(r.status(), Some(200));
    assert_eq!(r.header("content-type").as_deref(), Some("text/html"));
    assert_eq!(r.json()["ok"], true);

    let (_f, r) = with_fault(Fault::Garbage {
        bytes: "SSH-2.0-nope\r\n".into(),
    })
    .await;
    assert_eq!(r.bytes, b"SSH-2.0-nope\r\n");
}

#[tokio::test]
async fn trickle_sends_one_byte_at_a_time() {
    let (_f, r) = with_fault(Fault::Trickle {
        interval: Duration::from_millis(5),
    })
    .await;
    assert_eq!(r.status(), Some(200));
    assert_eq!(r.json()["ok"], true);
    let len = r.body().len() as u32;
    assert!(r.elapsed >= Duration::from_millis(1) * (len - 1));
}

#[tokio::test]
async fn rules_select_calls_and_counters_count() {
    let fake = FakeSeam::start().await.unwrap();
    fake.faults().next(CREATE, 2, Fault::status(502));
    fake.faults().on_call(CREATE, 4, Fault::status(418));
    fake.faults()
        .on_call("/customers/push_data", 1, Fault::status(500));
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(post(&fake, CREATE, &json!({})).await.status().unwrap());
    }
    assert_eq!(statuses, [502, 502, 200, 418, 200]);
    assert_eq!(
        fake.faults().armed(),
        1,
        "the push_data rule is still waiting"
    );
    assert_eq!(fake.counters().requests(CREATE), 5);
    assert_eq!(fake.counters().connections(), 5);
    assert_eq!(fake.counters().connections_for(CREATE), 5);
    assert_eq!(fake.counters().connections_for("/customers/push_data"), 0);
    fake.faults().always("*", Fault::status(599));
    assert_eq!(
        post(&fake, "/customers/push_data", &json!({}))
            .await
            .status(),
        Some(500)
    );
    assert_eq!(
        post(&fake, "/customers/push_data", &json!({}))
            .await
            .status(),
        Some(599)
    );
    fake.faults().clear();
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));
}

#[tokio::test]
async fn control_route_arms_faults_and_reports_counters() {
    let fake = FakeSeam::start().await.unwrap();
    let ctl = format!("Bearer {}", fake.control_token());
    let ctl: &[(&str, &str)] = &[("authorization", &ctl)];
    let arm = json!({"route": CREATE, "next": 1, "fault": {"kind": "respond", "status": 429,
        "headers": [["retry-after", "0"]], "body": ""}});
    let r = exchange(
        fake.addr(),
        &request("POST", "/_fake/faults", ctl, arm.to_string().as_bytes()),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status(), Some(200));
    assert_eq!(r.json()["armed"], 1);
    let delay = json!({"route": CREATE, "call": 3, "fault": {"kind": "delay", "delay_ms": 250}});
    let r = exchange(
        fake.addr(),
        &request("POST", "/_fake/faults", ctl, delay.to_string().as_bytes()),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status(), Some(200));
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(429));
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));
    let slow = post(&fake, CREATE, &json!({})).await;
    assert!(slow.elapsed >= Duration::from_millis(250));

    let bad = exchange(
        fake.addr(),
        &request(
            "POST",
            "/_fake/faults",
            ctl,
            b"{\"route\":\"/x\",\"fault\":{\"kind\":\"nope\"}}",
        ),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(bad.status(), Some(400));

    let r = exchange(
        fake.addr(),
        &request("GET", "/_fake/counters", ctl, b""),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.json()["requests"][CREATE], 3);
    assert!(r.json()["connections"].as_u64().unwrap() >= 6);
    let r = exchange(
        fake.addr(),
        &request("DELETE", "/_fake/faults", ctl, b""),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.json()["armed"], 0);
}
