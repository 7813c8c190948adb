//! HTTPS over loopback: certificate verification against given roots, ALPN, pooling, and a TLS
//! failure reported as a connect error (the request never left).
#![cfg(feature = "ring")]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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
        let mut config = rustls::ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from_pem_slice(LEAF).unwrap()],
                PrivateKeyDer::from_pem_slice(LEAF_KEY).unwrap(),
            )
            .unwrap();
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
