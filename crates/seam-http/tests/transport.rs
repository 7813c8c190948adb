//! The hyper transport over real loopback sockets: the shared behavioural suite (bodies, size cap,
//! redirects, pooling, timeouts, errors), then what only this transport promises (one socket for
//! sequential calls on a current-thread runtime, pools that survive their runtime, the retry on a
//! stale pooled connection, the connect timeout over the TLS handshake).
// The bundled transport's suite: nothing to run without it.
#![cfg(feature = "default-client")]

#[macro_use]
mod support;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use seam_http::{HyperTransport, Replay, Transport, TransportErrorKind};
use support::suite::{
    answer_once_then_close, hang_up_on_the_second_request, post, Flavor, Settings,
};
use support::{json, Reply, TestServer};

/// The suite's settings as `HyperTransportBuilder` calls.
struct Hyper;

impl Flavor for Hyper {
    fn transport(settings: Settings) -> Arc<dyn Transport> {
        let mut builder = HyperTransport::builder();
        if let Some(bytes) = settings.max_response_bytes {
            builder = builder.max_response_bytes(bytes);
        }
        if settings.http1_only {
            builder = builder.http1_only();
        }
        if settings.http2_only {
            builder = builder.http2_only();
        }
        if let Some(timeout) = settings.request_timeout {
            builder = builder.request_timeout(timeout);
        }
        if settings.https_only {
            builder = builder.https_only(true);
        }
        if let Some(timeout) = settings.pool_idle_timeout {
            builder = builder.pool_idle_timeout(timeout);
        }
        if settings.no_pool {
            builder = builder.pool_max_idle_per_host(0);
        }
        Arc::new(builder.build().unwrap())
    }
}

transport_suite!(Hyper);

/// On a current-thread runtime the connection is back in the pool before the next call starts.
#[tokio::test]
async fn one_hundred_sequential_requests_share_one_connection_on_a_current_thread_runtime() {
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = HyperTransport::new().unwrap();
    for _ in 0..100 {
        let response = transport.send(post(&server.url(), "{}")).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert_eq!(server.requests().len(), 100);
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn a_request_on_a_connection_the_server_just_closed_is_sent_again_on_a_fresh_one() {
    // No pause between calls: the next request may go out before the client has seen the close.
    let (url, accepted) = answer_once_then_close().await;
    let transport = HyperTransport::new().unwrap();
    for _ in 0..5 {
        let request = http::Request::get(format!("{url}/"))
            .body(Bytes::new())
            .unwrap();
        let response = transport.send(request).await.unwrap();
        assert_eq!(&response.body()[..], b"ok");
    }
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        5,
        "one connection per answer"
    );
}

/// The second request on the first connection is read by the server, which then hangs up: the
/// transport sends it once more on a new connection, byte for byte, built again by `replay` when
/// the caller gives one (`send_with_replay`), from its own copy otherwise (`send`).
#[tokio::test]
async fn a_request_the_server_hung_up_on_is_sent_again_byte_for_byte() {
    for with_replay in [false, true] {
        let (url, seen) = hang_up_on_the_second_request(r#"{"ok":true}"#.to_owned()).await;
        let transport = HyperTransport::new().unwrap();
        let replays = std::sync::atomic::AtomicUsize::new(0);
        let build = || {
            replays.fetch_add(1, Ordering::SeqCst);
            Some(post(&url, r#"{"n":2}"#))
        };
        for (n, body) in [(1, r#"{"n":1}"#), (2, r#"{"n":2}"#)] {
            let request = post(&url, body);
            let response = if with_replay {
                transport
                    .send_with_replay(request, Replay::new(&build))
                    .await
            } else {
                transport.send(request).await
            };
            let response = response.unwrap_or_else(|e| panic!("call {n}: {e}"));
            assert_eq!(&response.body()[..], br#"{"ok":true}"#);
        }
        let seen = seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 3, "answered, hung up on, sent again");
        assert_eq!(seen[2], seen[1], "the request sent again is the same");
        assert!(seen[1].ends_with(br#"{"n":2}"#));
        let expected_replays = usize::from(with_replay);
        assert_eq!(replays.load(Ordering::SeqCst), expected_replays);
    }
}

#[tokio::test]
async fn the_connect_timeout_covers_the_tls_handshake() {
    // Accepts TCP, then never answers the ClientHello.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let limit = Duration::from_millis(300);
    let transport = HyperTransport::builder()
        .connect_timeout(limit)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = transport
        .send(post(&format!("https://localhost:{port}"), "{}"))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(!err.may_have_reached_server());
    assert!(err.to_string().contains("TLS handshake"), "{err}");
    assert!(elapsed >= limit, "{elapsed:?}");
    assert!(elapsed < limit + Duration::from_secs(1), "{elapsed:?}");
}

#[test]
fn idle_connections_are_still_closed_after_the_first_runtime_is_gone() {
    // The server runs on its own runtime; the client is used from two runtimes one after the
    // other, as with a client kept in a static across `#[tokio::test]`s.
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = server_runtime.block_on(TestServer::start(|_, _| {
        Reply::Full(json(200, serde_json::json!({})))
    }));
    let url = server.url();
    let transport = HyperTransport::builder()
        .pool_idle_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let client_runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };

    let first = client_runtime();
    first.block_on(transport.send(post(&url, "{}"))).unwrap();
    drop(first);
    assert!(
        server_runtime.block_on(server.wait_closed(1)),
        "its connection ends with the runtime that drove it"
    );

    let second = client_runtime();
    second.block_on(async {
        transport.send(post(&url, "{}")).await.unwrap();
        assert_eq!(server.connections(), 2);
        // Idle past the timeout while this runtime is alive: the pool must close the connection.
        tokio::time::sleep(Duration::from_millis(500)).await;
    });
    assert!(
        server_runtime.block_on(server.wait_closed(2)),
        "the idle connection must be closed after the idle timeout on the second runtime too"
    );
    drop(second);
}
