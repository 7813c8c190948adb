//! HTTPS over loopback: certificate verification against given roots, ALPN choosing HTTP/2 or
//! HTTP/1.1, pooling and HTTP/2 multiplexing, and a TLS failure reported as a connect error (the
//! request never left).
#![cfg(feature = "ring")]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use seam_http::{CreatePortalRequest, HyperTransport, Seam, Transport as _, TransportErrorKind};

const CA: &[u8] = include_bytes!("fixtures/test-ca.pem");
const LEAF: &[u8] = include_bytes!("fixtures/localhost.pem");
const LEAF_KEY: &[u8] = include_bytes!("fixtures/localhost.key");

const PORTAL: &str = r#"{"ok":true,"customer_portal":{"url":"https://portal.example/tls","customer_key":"c1","workspace_id":"00000000-0000-0000-0000-000000000001","created_at":"2025-01-01T00:00:00Z","expires_at":"2025-01-02T00:00:00Z"}}"#;

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

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

/// An async HTTPS server on 127.0.0.1 (tokio-rustls + hyper-util's auto server, so both HTTP/2 and
/// HTTP/1.1) offering `alpn` in that order. It records the HTTP version of every request and counts
/// TCP connections; the first `stall_first` connections are accepted and then left hanging before
/// the TLS handshake.
struct AlpnServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    versions: Arc<Mutex<Vec<http::Version>>>,
    task: tokio::task::JoinHandle<()>,
}

impl AlpnServer {
    async fn start(alpn: &[&[u8]], stall_first: usize) -> Self {
        use hyper_util::rt::{TokioExecutor, TokioIo};

        let mut config = server_config();
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let versions: Arc<Mutex<Vec<http::Version>>> = Arc::default();
        let task = tokio::spawn({
            let (connections, versions) = (connections.clone(), versions.clone());
            async move {
                let mut stalled = Vec::new();
                loop {
                    let Ok((socket, _)) = listener.accept().await else {
                        return;
                    };
                    if connections.fetch_add(1, Ordering::SeqCst) < stall_first {
                        stalled.push(socket);
                        continue;
                    }
                    let (acceptor, versions) = (acceptor.clone(), versions.clone());
                    tokio::spawn(async move {
                        let Ok(tls) = acceptor.accept(socket).await else {
                            return;
                        };
                        let service = hyper::service::service_fn(
                            move |request: http::Request<hyper::body::Incoming>| {
                                versions.lock().unwrap().push(request.version());
                                async move {
                                    let response = http::Response::builder()
                                        .header("content-type", "application/json")
                                        .header("seam-request-id", "req_tls")
                                        .body(http_body_util::Full::new(Bytes::from_static(
                                            PORTAL.as_bytes(),
                                        )))
                                        .unwrap();
                                    Ok::<_, std::convert::Infallible>(response)
                                }
                            },
                        );
                        let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                            .serve_connection(TokioIo::new(tls), service)
                            .await;
                    });
                }
            }
        });
        Self {
            addr,
            connections,
            versions,
            task,
        }
    }

    fn url(&self) -> String {
        format!("https://localhost:{}", self.addr.port())
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn versions(&self) -> Vec<http::Version> {
        self.versions.lock().unwrap().clone()
    }
}

impl Drop for AlpnServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn server_config() -> rustls::ServerConfig {
    rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(LEAF).unwrap()],
            PrivateKeyDer::from_pem_slice(LEAF_KEY).unwrap(),
        )
        .unwrap()
}

fn trusting_test_ca() -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(CA).unwrap())
        .unwrap();
    rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth()
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
    // Wait until the first call is connecting: the next one then waits for it.
    for _ in 0..200 {
        if server.connections() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(server.connections(), 1);

    let second = tokio::time::timeout(
        Duration::from_secs(10),
        transport.send(portal_request(&server.url())),
    )
    .await
    .expect("the second call must not wait forever for the abandoned connect")
    .unwrap();
    assert_eq!(second.version(), http::Version::HTTP_2);
    assert!(first.await.unwrap(), "the first call timed out");
    assert_eq!(server.connections(), 2);
}
