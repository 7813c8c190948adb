//! The `Seam` client end to end over loopback: results, API errors, retries, timeouts, redirects, pooling.
// The bundled transport's suite: nothing to run without it.
#![cfg(feature = "default-client")]

mod support;

use std::future::IntoFuture as _;
use std::time::{Duration, Instant};

use bytes::Bytes;
use seam_http::{
    CreatePortalRequest, CustomerData, DeleteDataRequest, PushDataRequest, RetryPolicy, Seam,
};
use serde_json::json;
use support::{json, Reply, TestServer};

const KEY: &str = "seam_testkey_0123456789abcdef";

fn portal_body() -> serde_json::Value {
    json!({"ok": true, "customer_portal": {
        "url": "https://portal.example/magic/abc",
        "customer_key": "customer_1",
        "workspace_id": "00000000-0000-0000-0000-000000000001",
        "created_at": "2025-01-01T00:00:00.000Z",
        "expires_at": "2025-01-02T00:00:00.000Z"
    }})
}

fn client(server: &TestServer) -> Seam {
    Seam::builder()
        .api_key(KEY)
        .endpoint(server.url())
        .retry_policy(
            RetryPolicy::default()
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(50)),
        )
        .build()
        .expect("valid client")
}

fn request() -> CreatePortalRequest {
    CreatePortalRequest::new().with_customer_data(CustomerData::new("customer_1"))
}

fn error_body(kind: &str, message: &str) -> serde_json::Value {
    json!({"error": {"type": kind, "message": message}})
}

#[tokio::test]
async fn create_portal_returns_the_typed_portal() {
    let server = TestServer::always(json(200, portal_body())).await;
    let portal = client(&server)
        .customers()
        .create_portal(request())
        .await
        .unwrap();
    assert_eq!(portal.url.as_str(), "https://portal.example/magic/abc");
    assert_eq!(portal.customer_key, "customer_1");

    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, http::Method::POST);
    assert_eq!(seen[0].uri.path(), "/customers/create_portal");
    assert_eq!(
        seen[0].headers["authorization"],
        format!("Bearer {KEY}").as_str()
    );
    let sent: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(sent["customer_data"]["customer_key"], "customer_1");
}

#[tokio::test]
async fn push_and_delete_data_hit_their_endpoints() {
    let server = TestServer::always(json(200, json!({"ok": true}))).await;
    let seam = client(&server);
    assert!(
        seam.customers()
            .push_data(PushDataRequest::new("customer_1"))
            .await
            .unwrap()
            .ok
    );
    let delete = DeleteDataRequest::new().with_customer_keys(["customer_1"]);
    assert!(seam.customers().delete_data(delete).await.unwrap().ok);
    let seen = server.requests();
    assert_eq!(seen[0].uri.path(), "/customers/push_data");
    assert_eq!(seen[1].method, http::Method::DELETE);
    assert_eq!(seen[1].uri.path(), "/customers/delete_data");
    assert_eq!(
        seen[1].uri.query(),
        Some("customer_keys=customer_1&_strict=true")
    );
}

#[tokio::test]
async fn unauthorized_is_reported_once_without_retry_or_secret() {
    let server = TestServer::always(json(401, error_body("unauthorized", "Unauthorized"))).await;
    let err = client(&server)
        .customers()
        .create_portal(request())
        .await
        .unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(err.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(err.request_id(), Some("req_test_0001"));
    assert_eq!(server.requests().len(), 1);
    assert!(!format!("{err} {err:?}").contains(KEY));
}

#[tokio::test]
async fn invalid_input_carries_per_parameter_messages() {
    let body = json!({"error": {
        "type": "invalid_input",
        "message": "Invalid input",
        "validation_errors": {
            "_errors": [],
            "locale": {"_errors": ["Invalid enum value. Expected 'en-US' | 'fr-FR'"]},
            "customer_data": {"_errors": [], "customer_key": {"_errors": ["Required"]}}
        }
    }});
    let server = TestServer::always(json(400, body)).await;
    let err = client(&server)
        .customers()
        .create_portal(request())
        .await
        .unwrap_err();
    assert_eq!(err.api_error_code(), Some("invalid_input"));
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    let problems = err.validation_errors().expect("violations");
    assert!(
        problems
            .for_parameter("locale")
            .any(|msg| msg.contains("Invalid enum value")),
        "{problems}"
    );
    assert_eq!(
        problems
            .for_parameter("customer_data.customer_key")
            .collect::<Vec<_>>(),
        ["Required"],
        "{problems}"
    );
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after_then_succeeds() {
    let server = TestServer::start(|n, _| {
        if n == 0 {
            let mut busy = json(429, error_body("too_many_requests", "slow down"));
            busy.headers_mut()
                .insert("retry-after", "1".parse().unwrap());
            Reply::Full(busy)
        } else {
            Reply::Full(json(200, portal_body()))
        }
    })
    .await;
    let started = Instant::now();
    let (result, report) = client(&server)
        .customers()
        .create_portal(request())
        .send_with_report()
        .await;
    let elapsed = started.elapsed();
    assert_eq!(result.unwrap().customer_key, "customer_1");
    assert_eq!(report.attempts, 2);
    assert_eq!(report.status, Some(http::StatusCode::OK));
    assert_eq!(server.requests().len(), 2);
    assert!(
        elapsed >= Duration::from_millis(950),
        "Retry-After: 1 must be honoured, waited {elapsed:?}"
    );
}

#[tokio::test]
async fn service_unavailable_is_retried_until_success() {
    let server = TestServer::start(|n, _| {
        if n < 2 {
            Reply::Full(json(503, error_body("service_unavailable", "try again")))
        } else {
            Reply::Full(json(200, portal_body()))
        }
    })
    .await;
    let (result, report) = client(&server)
        .customers()
        .create_portal(request())
        .send_with_report()
        .await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(report.attempts, 3);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_stop_at_max_attempts_per_call() {
    let server = TestServer::always(json(503, error_body("service_unavailable", "down"))).await;
    let err = client(&server)
        .customers()
        .create_portal(request())
        .max_attempts(2)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_stalled_server_hits_the_per_call_timeout() {
    let server = TestServer::start(|_, _| Reply::Stall).await;
    let timeout = Duration::from_millis(300);
    let started = Instant::now();
    let err = client(&server)
        .customers()
        .create_portal(request())
        .timeout(timeout)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(err.is_timeout(), "{err:?}");
    // create_portal is not idempotent: a timed-out attempt may have reached the server, so no retry.
    assert_eq!(server.requests().len(), 1);
    assert!(elapsed >= timeout, "{elapsed:?}");
    assert!(elapsed < timeout + Duration::from_secs(1), "{elapsed:?}");
}

#[tokio::test]
async fn idempotent_opt_in_retries_after_a_timeout() {
    let server = TestServer::start(|n, _| {
        if n == 0 {
            Reply::Stall
        } else {
            Reply::Full(json(200, portal_body()))
        }
    })
    .await;
    let (result, report) = client(&server)
        .customers()
        .create_portal(request())
        .timeout(Duration::from_millis(200))
        .idempotent(true)
        .send_with_report()
        .await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(report.attempts, 2);
}

#[tokio::test]
async fn oversized_response_is_refused() {
    let server = TestServer::start(|_, _| Reply::Stream {
        total: 64 * 1024 * 1024,
        chunk: 64 * 1024,
        declare_length: false,
    })
    .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .endpoint(server.url())
        .max_response_bytes(1 << 20)
        .build()
        .unwrap();
    let err = seam.customers().create_portal(request()).await.unwrap_err();
    let transport = err.transport_error().expect("a transport error");
    assert_eq!(
        transport.kind(),
        seam_http::TransportErrorKind::BodyTooLarge
    );
    assert_eq!(
        server.requests().len(),
        1,
        "an oversized body is not retried"
    );
    assert!(server.wait_stream_abandoned().await);
    assert!(server.streamed.load(std::sync::atomic::Ordering::SeqCst) < 16 * 1024 * 1024);
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_the_key_stays_home() {
    let other = TestServer::always(json(200, portal_body())).await;
    let server = TestServer::always(
        http::Response::builder()
            .status(302)
            .header(
                "location",
                format!("{}/customers/create_portal", other.url()),
            )
            .body(Bytes::new())
            .unwrap(),
    )
    .await;
    let err = client(&server)
        .customers()
        .create_portal(request())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::FOUND));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        other.connections(),
        0,
        "the redirect target must never be contacted"
    );
    assert!(other.requests().is_empty());
}

#[tokio::test]
async fn one_hundred_sequential_calls_use_one_connection() {
    let server = TestServer::always(json(200, portal_body())).await;
    let seam = client(&server);
    for _ in 0..100 {
        seam.customers().create_portal(request()).await.unwrap();
    }
    assert_eq!(server.requests().len(), 100);
    assert_eq!(server.connections(), 1);
}

/// The server reads the second call's request on a kept-alive connection and hangs up: the
/// transport sends it again on a new connection, rebuilt by the executor byte for byte
/// (credentials and body included), and the call counts one attempt.
#[tokio::test]
async fn a_call_the_server_hung_up_on_is_sent_again_as_the_same_request() {
    let (url, seen) =
        support::suite::hang_up_on_the_second_request(portal_body().to_string()).await;
    let seam = Seam::builder()
        .api_key(KEY)
        .endpoint(url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    seam.customers().create_portal(request()).await.unwrap();
    let second = CreatePortalRequest::new().with_customer_data(CustomerData::new("customer_2"));
    let (result, report) = seam
        .customers()
        .create_portal(&second)
        .send_with_report()
        .await;
    assert_eq!(result.unwrap().customer_key, "customer_1");
    assert_eq!(report.attempts, 1);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "answered, hung up on, sent again");
    assert_eq!(seen[2], seen[1], "the request sent again is the same");
    let text = String::from_utf8_lossy(&seen[1]).into_owned();
    assert!(text.contains("customer_2"), "the second call's body");
    assert!(text.contains(&format!("Bearer {KEY}")), "its credentials");
}

/// On a multi-threaded runtime hyper-util's pool may open a few connections for sequential calls
/// (see the transport tests for why); they are reused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sequential_calls_reuse_connections_on_a_multi_threaded_runtime() {
    let server = TestServer::always(json(200, portal_body())).await;
    let seam = client(&server);
    for _ in 0..100 {
        seam.customers().create_portal(request()).await.unwrap();
    }
    assert_eq!(server.requests().len(), 100);
    let opened = server.connections();
    assert!((1..=10).contains(&opened), "{opened} connections");
}

#[tokio::test]
async fn clones_share_one_pool_and_calls_can_be_spawned() {
    let server = TestServer::always(json(200, portal_body())).await;
    let seam = client(&server);
    seam.customers().create_portal(request()).await.unwrap();
    let clone = seam.clone();
    let spawned = tokio::spawn(clone.customers().create_portal(request()).into_future());
    spawned.await.unwrap().unwrap();
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn invalid_requests_are_refused_before_sending() {
    let server = TestServer::always(json(200, portal_body())).await;
    let bad = CreatePortalRequest::new().with_customer_data(CustomerData::new(""));
    let err = client(&server)
        .customers()
        .create_portal(bad)
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err:?}");
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn with_transport_accepts_a_closure() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let transport = move |request: http::Request<Bytes>| {
        log.lock().unwrap().push(request.uri().to_string());
        async move {
            Ok::<_, seam_http::TransportError>(
                http::Response::builder()
                    .status(200)
                    .body(Bytes::from(portal_body().to_string()))
                    .unwrap(),
            )
        }
    };
    let config = seam_http::Config::builder()
        .credentials(seam_http::Credentials::api_key(KEY).unwrap())
        .build()
        .unwrap();
    let seam = Seam::with_transport(config, transport);
    let portal = seam.customers().create_portal(request()).await.unwrap();
    assert_eq!(portal.customer_key, "customer_1");
    assert_eq!(
        seen.lock().unwrap().as_slice(),
        ["https://connect.getseam.com/customers/create_portal"]
    );
}

#[test]
fn builder_reports_bad_settings_without_leaking_them() {
    let err = Seam::builder()
        .api_key("not-a-seam-key-secret")
        .build()
        .unwrap_err();
    assert!(
        !format!("{err} {err:?}").contains("not-a-seam-key-secret"),
        "{err}"
    );
    let err = Seam::builder()
        .api_key(KEY)
        .endpoint("http://example.com")
        .build()
        .unwrap_err();
    assert!(err.is_config(), "{err:?}");
    assert!(Seam::builder()
        .api_key(KEY)
        .endpoint("http://example.com")
        .allow_insecure_http(true)
        .build()
        .is_ok());
    assert!(Seam::builder().build().unwrap_err().is_config());
}

#[test]
fn from_env_reads_credentials_through_the_builder() {
    let seam = Seam::builder()
        .env_with(|name| match name {
            "SEAM_API_KEY" => Some(KEY.to_owned()),
            "SEAM_ENDPOINT" => Some("http://127.0.0.1:9".to_owned()),
            _ => None,
        })
        .unwrap()
        .timeout(Duration::from_secs(3))
        .build()
        .unwrap();
    assert_eq!(seam.config().endpoint().as_str(), "http://127.0.0.1:9/");
    assert_eq!(seam.config().timeout(), Duration::from_secs(3));
    assert!(!format!("{seam:?}").contains(KEY));
}

#[tokio::test]
async fn total_deadline_bounds_a_retrying_call() {
    let server = TestServer::start(|_, _| {
        let mut busy = json(503, error_body("service_unavailable", "down"));
        busy.headers_mut()
            .insert("retry-after", "2".parse().unwrap());
        Reply::Full(busy)
    })
    .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .endpoint(server.url())
        .max_attempts(5)
        .total_deadline(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = seam
        .customers()
        .delete_data(DeleteDataRequest::new().with_customer_keys(["c1"]))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    // A 2 s wait cannot fit in a 500 ms deadline: the call ends with the last answer instead of waiting.
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn personal_access_token_sends_the_workspace_and_extra_headers() {
    let server = TestServer::always(json(200, portal_body())).await;
    let seam = Seam::builder()
        .personal_access_token(
            "seam_at_testtoken_0123456789",
            "00000000-0000-0000-0000-000000000001",
        )
        .endpoint(server.url())
        .header("x-tenant", "blue")
        .build()
        .unwrap();
    seam.customers().create_portal(request()).await.unwrap();
    let seen = &server.requests()[0];
    assert_eq!(
        seen.headers["authorization"],
        "Bearer seam_at_testtoken_0123456789"
    );
    assert_eq!(
        seen.headers["seam-workspace"],
        "00000000-0000-0000-0000-000000000001"
    );
    assert_eq!(seen.headers["x-tenant"], "blue");
    assert!(!format!("{seam:?}").contains("seam_at_testtoken_0123456789"));
}
