#![allow(dead_code)]
//! HTTPS test material shared by the TLS and proxy tests: the test CA and its `localhost` leaf, a
//! client config trusting that CA, and an async HTTPS server choosing HTTP/2 or HTTP/1.1 by ALPN.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

pub const CA: &[u8] = include_bytes!("../fixtures/test-ca.pem");
pub const LEAF: &[u8] = include_bytes!("../fixtures/localhost.pem");
pub const LEAF_KEY: &[u8] = include_bytes!("../fixtures/localhost.key");

pub const PORTAL: &str = r#"{"ok":true,"customer_portal":{"url":"https://portal.example/tls","customer_key":"c1","workspace_id":"00000000-0000-0000-0000-000000000001","created_at":"2025-01-01T00:00:00Z","expires_at":"2025-01-02T00:00:00Z"}}"#;

pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// An async HTTPS server on 127.0.0.1 (tokio-rustls + hyper-util's auto server, so both HTTP/2 and
/// HTTP/1.1) offering `alpn` in that order. It records the HTTP version of every request and counts
/// TCP connections; the first `stall_first` connections are accepted and then left hanging before
/// the TLS handshake.
pub struct AlpnServer {
    pub addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    versions: Arc<Mutex<Vec<http::Version>>>,
    task: tokio::task::JoinHandle<()>,
}

impl AlpnServer {
    pub async fn start(alpn: &[&[u8]], stall_first: usize) -> Self {
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

    pub fn url(&self) -> String {
        format!("https://localhost:{}", self.addr.port())
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn versions(&self) -> Vec<http::Version> {
        self.versions.lock().unwrap().clone()
    }
}

impl Drop for AlpnServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn server_config() -> rustls::ServerConfig {
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

pub fn trusting_test_ca() -> rustls::ClientConfig {
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
