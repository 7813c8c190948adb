//! HTTPS over loopback: certificate verification against given roots, ALPN choosing HTTP/2 or
//! HTTP/1.1, pooling and HTTP/2 multiplexing, and a TLS failure reported as a connect error (the
//! request never left).
#![cfg(all(feature = "default-client", feature = "ring"))]

#[path = "support/tls.rs"]
mod tls_support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use seam_http::{CreatePortalRequest, HyperTransport, Seam, Transport as _, TransportErrorKind};
use tls_support::{server_config, trusting_test_ca, AlpnServer, PORTAL};

/// A blocking HTTPS/1.1 server (ALPN `http/1.1`) on 127.0.0.1 answering every request with a portal.
struct TlsServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl TlsServer {
    fn start() -> Self {
        Self::start_on("127.0.0.1:0")
    }

    fn start_on(bind: &str) -> Self {
        let mut config = server_config();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let config = Arc::new(config);
        let listener = TcpListener::bind(bind).unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (c, r) = (connections.clone(), requests.clone());
        std::thread::spawn(move || {
            for socket in listener.incoming() {
                let Ok(socket) = socket else { return };
                c.fetch_add(1, Ordering::SeqCst);
                let (config, requests) = (config.clone(), r.clone());
                std::thread::spawn(move || {
                    let conn = rustls::ServerConnection::new(config).unwrap();
                    let mut tls = rustls::StreamOwned::new(conn, socket);
                    while read_request(&mut tls).is_some() {
                        requests.fetch_add(1, Ordering::SeqCst);
                        let head = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nseam-request-id: req_tls\r\ncontent-length: {}\r\n\r\n",
                            PORTAL.len()
                        );
                        if tls
                            .write_all(head.as_bytes())
                            .and_then(|_| tls.write_all(PORTAL.as_bytes()))
                            .is_err()
                        {
                            return;
                        }
                        let _ = tls.flush();
                    }
                });
            }
        });
        Self {
            addr,
            connections,
            requests,
        }
    }
}

/// Reads one request (head and `content-length` body); `None` at end of stream or on error.
fn read_request(stream: &mut impl Read) -> Option<()> {
    let mut data = Vec::new();
    let mut byte = [0u8; 1];
    while !data.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        data.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&data).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse::<usize>().unwrap())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).ok()?;
    Some(())
}

#[tokio::test]
async fn https_with_a_trusted_root_works_and_reuses_the_connection() {
    let server = TlsServer::start();
    let transport = HyperTransport::builder()
        .tls_config(trusting_test_ca())
        .build()
        .unwrap();
    for _ in 0..5 {
        let request = http::Request::post(format!(
            "https://localhost:{}/customers/create_portal",
            server.addr.port()
        ))
        .body(Bytes::from_static(b"{}"))
        .unwrap();
        let response = transport.send(request).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.version(), http::Version::HTTP_11);
        assert_eq!(&response.body()[..], PORTAL.as_bytes());
    }
    assert_eq!(server.requests.load(Ordering::SeqCst), 5);
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn seam_client_over_https() {
    let server = TlsServer::start();
    let seam = Seam::builder()
        .api_key("seam_testkey_tls_0123456789")
        .endpoint(format!("https://localhost:{}", server.addr.port()))
        .transport(HyperTransport::builder().tls_config(trusting_test_ca()))
        .build()
        .unwrap();
    let portal = seam
        .customers()
        .create_portal(CreatePortalRequest::new())
        .await
        .unwrap();
    assert_eq!(portal.url.as_str(), "https://portal.example/tls");
}

#[tokio::test]
async fn an_untrusted_certificate_is_a_connect_error_and_nothing_is_sent() {
    let server = TlsServer::start();
    // The default roots (Mozilla's) do not include the test CA.
    let transport = HyperTransport::new().unwrap();
    let request = http::Request::post(format!(
        "https://localhost:{}/customers/create_portal",
        server.addr.port()
    ))
    .header("authorization", "Bearer seam_testkey_never_sent")
    .body(Bytes::from_static(b"{}"))
    .unwrap();
    let err = transport.send(request).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(!err.may_have_reached_server());
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "{err}"
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_certificate_for_another_name_is_refused() {
    // The certificate names `localhost` and 127.0.0.1, not ::1.
    let server = TlsServer::start_on("[::1]:0");
    let transport = HyperTransport::builder()
        .tls_config(trusting_test_ca())
        .build()
        .unwrap();
    let request = http::Request::get(format!("https://[::1]:{}/", server.addr.port()))
        .body(Bytes::new())
        .unwrap();
    let err = transport
        .send(request)
        .await
        .expect_err("the name does not match");
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "{err}"
    );
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "TCP connected; TLS refused"
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
}

fn portal_request(url: &str) -> http::Request<Bytes> {
    http::Request::post(format!("{url}/customers/create_portal"))
        .header("authorization", "Bearer seam_testkey_alpn_0123456789")
        .body(Bytes::from_static(b"{}"))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alpn_h2_multiplexes_twenty_concurrent_calls_over_one_connection() {
    let server = AlpnServer::start(&[b"h2", b"http/1.1"], 0).await;
    let transport = HyperTransport::builder()
        .tls_config(trusting_test_ca())
        .build()
        .unwrap();
    // From a cold pool: all 20 start before any connection exists.
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let (transport, url) = (transport.clone(), server.url());
            tokio::spawn(async move { transport.send(portal_request(&url)).await })
        })
        .collect();
    let all = async {
        for call in calls {
            let response = call.await.unwrap().unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(response.version(), http::Version::HTTP_2);
            assert_eq!(&response.body()[..], PORTAL.as_bytes());
        }
    };
    // Bounded, so a caller left waiting for the shared connection fails the test instead of hanging it.
    tokio::time::timeout(Duration::from_secs(10), all)
        .await
        .expect("every call completes");
    let versions = server.versions();
    assert_eq!(versions.len(), 20);
    assert!(
        versions.iter().all(|v| *v == http::Version::HTTP_2),
        "{versions:?}"
    );
    assert_eq!(server.connections(), 1, "one shared HTTP/2 connection");

    // Later calls keep using it.
    transport.send(portal_request(&server.url())).await.unwrap();
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn seam_client_speaks_http2_when_alpn_offers_it() {
    let server = AlpnServer::start(&[b"h2", b"http/1.1"], 0).await;
    let seam = Seam::builder()
        .api_key("seam_testkey_alpn_0123456789")
        .endpoint(server.url())
        .transport(HyperTransport::builder().tls_config(trusting_test_ca()))
        .build()
        .unwrap();
    for _ in 0..3 {
        let portal = seam
            .customers()
            .create_portal(CreatePortalRequest::new())
            .await
            .unwrap();
        assert_eq!(portal.url.as_str(), "https://portal.example/tls");
    }
    assert_eq!(server.versions(), vec![http::Version::HTTP_2; 3]);
    assert_eq!(server.connections(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alpn_http1_gives_concurrent_calls_their_own_connections() {
    let server = AlpnServer::start(&[b"http/1.1"], 0).await;
    let transport = HyperTransport::builder()
        .tls_config(trusting_test_ca())
        .build()
        .unwrap();
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let (transport, url) = (transport.clone(), server.url());
            tokio::spawn(async move { transport.send(portal_request(&url)).await })
        })
        .collect();
    let all = async {
        for call in calls {
            let response = call.await.unwrap().unwrap();
            assert_eq!(response.version(), http::Version::HTTP_11);
        }
    };
    // Callers that waited for the first connect to learn the protocol must then go ahead.
    tokio::time::timeout(Duration::from_secs(10), all)
        .await
        .expect("no caller is left waiting");
    assert!(server
        .versions()
        .iter()
        .all(|v| *v == http::Version::HTTP_11));
}

/// Once the first call's connection is accepted (and left hanging before TLS), a second call must
/// be answered over HTTP/2 `within` the given time.
async fn second_call_while_the_first_connects(
    server: &AlpnServer,
    transport: &HyperTransport,
    within: Duration,
) {
    // Wait until the first call is connecting: the next one then waits for it.
    for _ in 0..200 {
        if server.connections() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(server.connections(), 1);
    let second = tokio::time::timeout(within, transport.send(portal_request(&server.url())))
        .await
        .expect("the second call must not wait for the first call's stalled connect")
        .unwrap();
    assert_eq!(second.version(), http::Version::HTTP_2);
}

#[tokio::test]
async fn a_caller_waiting_on_a_cancelled_connect_goes_ahead() {
    // The first connection hangs before TLS; the second is served.
    let server = AlpnServer::start(&[b"h2", b"http/1.1"], 1).await;
    let transport = HyperTransport::builder()
        .tls_config(trusting_test_ca())
        .build()
        .unwrap();

    let first = tokio::spawn({
        let (transport, url) = (transport.clone(), server.url());
        async move {
            tokio::time::timeout(
                Duration::from_millis(500),
                transport.send(portal_request(&url)),
            )
            .await
            .is_err()
        }
    });
    second_call_while_the_first_connects(&server, &transport, Duration::from_secs(10)).await;
    assert!(first.await.unwrap(), "the first call timed out");
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn a_stalled_tls_handshake_does_not_hold_back_the_others() {
    // The first connection hangs before TLS and its call is not given up; later ones are served.
    let server = AlpnServer::start(&[b"h2", b"http/1.1"], 1).await;
    let transport = HyperTransport::builder()
        .tls_config(trusting_test_ca())
        .request_timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let first = tokio::spawn({
        let (transport, url) = (transport.clone(), server.url());
        async move { transport.send(portal_request(&url)).await }
    });
    // Well below the first call's 60 s: the gate holds the others back 2 s at most.
    second_call_while_the_first_connects(&server, &transport, Duration::from_secs(6)).await;
    // hyper-util may hand the first caller the second call's HTTP/2 connection; if so, it is answered.
    if first.is_finished() {
        assert_eq!(first.await.unwrap().unwrap().status(), 200);
    } else {
        first.abort();
    }
}
