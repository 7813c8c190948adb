//! The behavioural suite every bundled transport must pass over real loopback sockets: bodies, the
//! size cap while streaming, redirects, pooling, HTTP versions, timeouts and truthful errors.
//!
//! Each test is generic over a [`Flavor`] (how to build the transport under test with some
//! settings); `transport_suite!(Flavor)` instantiates all of them as `#[tokio::test]`s, so the
//! hyper and reqwest transports run the very same assertions.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use seam_http::{Transport, TransportErrorKind};

use super::{json, Reply, TestServer};

/// Settings a test asks of the transport under test; the defaults are the transport's own.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub max_response_bytes: Option<usize>,
    pub http1_only: bool,
    /// HTTP/2 by prior knowledge on plain `http://`.
    pub http2_only: bool,
    pub request_timeout: Option<Duration>,
    pub https_only: bool,
    pub pool_idle_timeout: Option<Duration>,
    /// No pooling: every request on a connection of its own.
    pub no_pool: bool,
}

/// Builds the transport under test.
pub trait Flavor {
    fn transport(settings: Settings) -> Arc<dyn Transport>;
}

fn default<F: Flavor>() -> Arc<dyn Transport> {
    F::transport(Settings::default())
}

pub fn post(url: &str, body: &'static str) -> http::Request<Bytes> {
    http::Request::post(format!("{url}/customers/create_portal"))
        .header("authorization", "Bearer seam_test_secret_key")
        .header("content-type", "application/json")
        .body(Bytes::from_static(body.as_bytes()))
        .unwrap()
}

fn free_port() -> u16 {
    // Bind then drop to get a port with (almost certainly) nobody listening.
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub async fn sends_the_request_and_returns_status_headers_and_body<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = default::<F>();
    let response = transport
        .send(post(&server.url(), r#"{"a":1}"#))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["seam-request-id"], "req_test_0001");
    assert_eq!(&response.body()[..], br#"{"ok":true}"#);
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, http::Method::POST);
    assert_eq!(seen[0].uri.path(), "/customers/create_portal");
    assert_eq!(&seen[0].body[..], br#"{"a":1}"#);
    assert_eq!(
        seen[0].headers["authorization"],
        "Bearer seam_test_secret_key"
    );
}

/// A 64 MiB body (declared up front or not) against a 1 MiB cap: refused, and the client hangs up
/// instead of draining it.
async fn oversized_body_is_refused<F: Flavor>(declare_length: bool) {
    const TOTAL: u64 = 64 * 1024 * 1024;
    let server = TestServer::start(move |_, _| Reply::Stream {
        total: TOTAL,
        chunk: 64 * 1024,
        declare_length,
    })
    .await;
    let transport = F::transport(Settings {
        max_response_bytes: Some(1 << 20),
        ..Settings::default()
    });
    let err = transport.send(post(&server.url(), "{}")).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
    assert!(err.to_string().contains("1048576"), "{err}");
    assert!(
        server.wait_stream_abandoned().await,
        "the client must hang up instead of draining the body"
    );
    let streamed = server.streamed.load(Ordering::SeqCst);
    assert!(
        streamed < TOTAL / 4,
        "server produced {streamed} of {TOTAL} bytes before the client hung up"
    );
}

pub async fn streamed_body_over_the_cap_is_refused_and_reading_stops_early<F: Flavor>() {
    oversized_body_is_refused::<F>(false).await;
}

pub async fn declared_content_length_over_the_cap_is_refused_before_reading<F: Flavor>() {
    oversized_body_is_refused::<F>(true).await;
}

pub async fn body_exactly_at_the_cap_is_accepted<F: Flavor>() {
    let server = TestServer::start(|_, _| Reply::Stream {
        total: 1 << 20,
        chunk: 10_000,
        declare_length: false,
    })
    .await;
    let transport = F::transport(Settings {
        max_response_bytes: Some(1 << 20),
        ..Settings::default()
    });
    let response = transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(response.body().len(), 1 << 20);
}

pub async fn redirect_is_returned_not_followed<F: Flavor>() {
    let other = TestServer::always(json(200, serde_json::json!({}))).await;
    let location = format!("{}/steal", other.url());
    let server = TestServer::always(
        http::Response::builder()
            .status(302)
            .header("location", location.as_str())
            .body(Bytes::new())
            .unwrap(),
    )
    .await;
    let transport = default::<F>();
    let response = transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], location.as_str());
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        other.connections(),
        0,
        "the redirect target must never be contacted"
    );
}

/// What hyper-util's pool (under both transports) guarantees on a multi-threaded runtime: a call
/// takes an idle pooled connection whenever one is in the pool; a connection still on its way back
/// (it is returned from a task of its own) races a new connect, and the extra connection is pooled
/// and reused too. So sequential calls reuse connections for the vast majority of calls, not
/// necessarily one (2 to 4 sockets for 100 calls were seen on a loaded 2-core machine).
pub async fn sequential_requests_reuse_connections<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = default::<F>();
    for _ in 0..100 {
        let response = transport.send(post(&server.url(), "{}")).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert_eq!(server.requests().len(), 100);
    let opened = server.connections();
    assert!(
        (1..=10).contains(&opened),
        "100 sequential calls opened {opened} connections"
    );
}

pub async fn clones_share_the_pool<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let first = default::<F>();
    let second = first.clone();
    first.send(post(&server.url(), "{}")).await.unwrap();
    // Give the connection time to get back to the pool: this is about sharing, not racing.
    tokio::time::sleep(Duration::from_millis(50)).await;
    second.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(server.connections(), 1);
}

pub async fn http2_prior_knowledge_on_plain_http<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let transport = F::transport(Settings {
        http2_only: true,
        ..Settings::default()
    });
    for _ in 0..5 {
        let response = transport.send(post(&server.url(), "{}")).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert!(server
        .requests()
        .iter()
        .all(|r| r.version == http::Version::HTTP_2));
    assert_eq!(server.connections(), 1);
}

pub async fn refused_connection_is_a_connect_error<F: Flavor>() {
    let port = free_port();
    let transport = default::<F>();
    let err = transport
        .send(post(&format!("http://127.0.0.1:{port}"), "{}"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(!err.may_have_reached_server());
    assert!(!format!("{err:?}").contains("seam_test_secret_key"));
}

pub async fn connection_closed_without_response_is_an_io_error<F: Flavor>() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt as _;
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 1024];
        let _ = socket.read(&mut buf).await;
        drop(socket);
    });
    let transport = default::<F>();
    let err = transport
        .send(post(&format!("http://{addr}"), "{}"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Io, "{err}");
    assert!(err.may_have_reached_server());
}

pub async fn request_timeout_bounds_a_stalled_exchange<F: Flavor>() {
    let server = TestServer::start(|_, _| Reply::Stall).await;
    let timeout = Duration::from_millis(300);
    let transport = F::transport(Settings {
        request_timeout: Some(timeout),
        ..Settings::default()
    });
    let started = Instant::now();
    let err = transport.send(post(&server.url(), "{}")).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
    assert!(elapsed >= timeout, "{elapsed:?}");
    assert!(elapsed < timeout + Duration::from_secs(2), "{elapsed:?}");
}

pub async fn https_only_refuses_plain_http<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let transport = F::transport(Settings {
        https_only: true,
        ..Settings::default()
    });
    let err = transport.send(post(&server.url(), "{}")).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert_eq!(server.connections(), 0);
}

/// A raw HTTP/1.1 server on 127.0.0.1 that answers one request per connection with `ok`, then
/// hangs up despite keep-alive (no `Connection: close`). Returns its URL and accept counter.
pub async fn answer_once_then_close() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = socket
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                    .await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), accepted)
}

pub async fn a_connection_the_server_closed_while_idle_is_replaced_transparently<F: Flavor>() {
    let (url, accepted) = answer_once_then_close().await;
    let transport = default::<F>();
    for _ in 0..3 {
        let request = http::Request::get(format!("{url}/"))
            .body(Bytes::new())
            .unwrap();
        let response = transport.send(request).await.unwrap();
        assert_eq!(&response.body()[..], b"ok");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

pub async fn idle_connections_are_closed_after_the_idle_timeout<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let transport = F::transport(Settings {
        pool_idle_timeout: Some(Duration::from_millis(100)),
        ..Settings::default()
    });
    transport.send(post(&server.url(), "{}")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(server.connections(), 1);
    tokio::time::sleep(Duration::from_millis(400)).await;
    transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(
        server.connections(),
        2,
        "the idle connection should have been dropped"
    );
}

pub async fn disabled_pool_opens_a_connection_per_request<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let transport = F::transport(Settings {
        no_pool: true,
        ..Settings::default()
    });
    for _ in 0..3 {
        transport.send(post(&server.url(), "{}")).await.unwrap();
    }
    assert_eq!(server.connections(), 3);
}

pub async fn concurrent_requests_get_their_own_connections_which_are_then_reused<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = default::<F>();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let transport = transport.clone();
            let url = server.url();
            tokio::spawn(async move { transport.send(post(&url, "{}")).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().status(), 200);
    }
    let opened = server.connections();
    assert!((1..=20).contains(&opened), "{opened}");
    tokio::time::sleep(Duration::from_millis(50)).await;
    for _ in 0..20 {
        transport.send(post(&server.url(), "{}")).await.unwrap();
    }
    let after = server.connections();
    assert!(
        after <= opened + 2,
        "sequential calls after a burst reuse pooled connections ({opened} then {after})"
    );
    assert_eq!(server.requests().len(), 40);
}

pub async fn http1_only_speaks_http11<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let transport = F::transport(Settings {
        http1_only: true,
        ..Settings::default()
    });
    transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(server.requests()[0].version, http::Version::HTTP_11);
}

pub async fn concurrent_http2_calls_share_one_connection<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = F::transport(Settings {
        http2_only: true,
        ..Settings::default()
    });
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let transport = transport.clone();
            let url = server.url();
            tokio::spawn(async move { transport.send(post(&url, "{}")).await })
        })
        .collect();
    let all = async {
        for task in tasks {
            let response = task.await.unwrap().unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(response.version(), http::Version::HTTP_2);
        }
    };
    tokio::time::timeout(Duration::from_secs(10), all)
        .await
        .expect("every call completes");
    assert_eq!(server.requests().len(), 20);
    assert_eq!(
        server.connections(),
        1,
        "concurrent HTTP/2 calls must multiplex over one connection"
    );
}

pub async fn a_call_dropped_mid_body_closes_its_connection_instead_of_pooling_it<F: Flavor>() {
    let server = TestServer::start(|n, _| {
        if n == 0 {
            Reply::HeadThenStall
        } else {
            Reply::Full(json(200, serde_json::json!({"second": true})))
        }
    })
    .await;
    let transport = default::<F>();

    // The caller gives up while the body is half read (the future is dropped, not polled to the end).
    let first = tokio::time::timeout(
        Duration::from_millis(300),
        transport.send(post(&server.url(), "{}")),
    )
    .await;
    assert!(first.is_err(), "the first call should still be pending");
    assert!(
        server.wait_closed(1).await,
        "the half-used connection must be closed, not kept"
    );

    let response = transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(&response.body()[..], br#"{"second":true}"#);
    assert_eq!(server.connections(), 2);
    assert_eq!(server.requests().len(), 2);
}

pub async fn user_info_in_the_url_stays_out_of_the_request_and_errors<F: Flavor>() {
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let transport = F::transport(Settings {
        http1_only: true,
        ..Settings::default()
    });
    let url = format!("http://user:hunter2@{}", server.addr);
    transport.send(post(&url, "{}")).await.unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.headers["host"], server.addr.to_string().as_str());
    assert_eq!(
        seen.headers["authorization"], "Bearer seam_test_secret_key",
        "user info must not turn into credentials of its own"
    );
    assert!(!format!("{:?} {}", seen.headers, seen.uri).contains("hunter2"));

    let port = free_port();
    let err = transport
        .send(post(&format!("http://user:hunter2@127.0.0.1:{port}"), "{}"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect);
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
}

/// A first call to an origin that the server never answers must not hold back the calls that come
/// after it: they are answered while it still waits (well before its own timeout).
pub async fn a_stalled_first_call_does_not_hold_back_the_others<F: Flavor>() {
    let server = TestServer::start(|n, _| {
        if n == 0 {
            Reply::Stall
        } else {
            Reply::Full(json(200, serde_json::json!({"later": true})))
        }
    })
    .await;
    let transport = F::transport(Settings {
        request_timeout: Some(Duration::from_secs(60)),
        ..Settings::default()
    });
    let first = tokio::spawn({
        let transport = transport.clone();
        let url = server.url();
        async move { transport.send(post(&url, "{}")).await }
    });
    let seen = async {
        while server.requests().is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(5), seen)
        .await
        .expect("the server sees the first call");

    let second = tokio::time::timeout(
        Duration::from_secs(6),
        transport.send(post(&server.url(), "{}")),
    )
    .await
    .expect("the second call must not wait for the stalled first one")
    .unwrap();
    assert_eq!(&second.body()[..], br#"{"later":true}"#);
    assert!(!first.is_finished(), "the first call is still waiting");
    first.abort();
}

/// Instantiates every test of the suite for `$flavor`.
#[macro_export]
macro_rules! transport_suite {
    ($flavor:ty) => {
        $crate::transport_suite!(@tests $flavor;
            current:
                sends_the_request_and_returns_status_headers_and_body,
                streamed_body_over_the_cap_is_refused_and_reading_stops_early,
                declared_content_length_over_the_cap_is_refused_before_reading,
                body_exactly_at_the_cap_is_accepted,
                redirect_is_returned_not_followed,
                clones_share_the_pool,
                http2_prior_knowledge_on_plain_http,
                refused_connection_is_a_connect_error,
                connection_closed_without_response_is_an_io_error,
                request_timeout_bounds_a_stalled_exchange,
                https_only_refuses_plain_http,
                a_connection_the_server_closed_while_idle_is_replaced_transparently,
                idle_connections_are_closed_after_the_idle_timeout,
                disabled_pool_opens_a_connection_per_request,
                http1_only_speaks_http11,
                a_call_dropped_mid_body_closes_its_connection_instead_of_pooling_it,
                user_info_in_the_url_stays_out_of_the_request_and_errors,
                a_stalled_first_call_does_not_hold_back_the_others;
            multi:
                sequential_requests_reuse_connections,
                concurrent_requests_get_their_own_connections_which_are_then_reused,
                concurrent_http2_calls_share_one_connection
        );
    };
    (@tests $flavor:ty; current: $($current:ident),*; multi: $($multi:ident),*) => {
        $(
            #[tokio::test]
            async fn $current() {
                support::suite::$current::<$flavor>().await
            }
        )*
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $multi() {
                support::suite::$multi::<$flavor>().await
            }
        )*
    };
}

/// A raw HTTP/1.1 server on 127.0.0.1 whose first connection answers one request with `body`
/// (keep-alive), then reads the next request whole and hangs up without answering it, as a server
/// closing an idle connection just as a request arrives would; every later connection answers all
/// its requests. Returns its URL and every request it read, as bytes (head and body), in order.
pub async fn hang_up_on_the_second_request(
    body: String,
) -> (String, Arc<std::sync::Mutex<Vec<Vec<u8>>>>) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen: Arc<std::sync::Mutex<Vec<Vec<u8>>>> = Arc::default();
    let record = seen.clone();
    tokio::spawn(async move {
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        for connection in 0.. {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let record = record.clone();
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                for n in 0.. {
                    let Some(request) = read_request(&mut socket, &mut buffer).await else {
                        return;
                    };
                    record.lock().unwrap().push(request);
                    if connection == 0 && n == 1 {
                        return; // hang up, unanswered
                    }
                    if socket.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });

    /// One whole request (head, then `content-length` bytes of body) from `socket`.
    async fn read_request(
        socket: &mut tokio::net::TcpStream,
        buffer: &mut Vec<u8>,
    ) -> Option<Vec<u8>> {
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|line| line.strip_prefix("content-length:"))
                    .map_or(0, |v| v.trim().parse::<usize>().unwrap());
                let total = end + 4 + length;
                if buffer.len() >= total {
                    return Some(buffer.drain(..total).collect());
                }
            }
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
    }
    (format!("http://{addr}"), seen)
}
