//! A scripted HTTP server on 127.0.0.1 for the integration tests: counts accepted TCP connections,
//! records every request, and answers each one from a closure (full responses, stalls, or huge
//! streamed bodies whose progress is counted).
#![allow(dead_code)]

pub mod suite;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt as _;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: http::Method,
    pub uri: http::Uri,
    pub version: http::Version,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

/// What the server does with a request.
pub enum Reply {
    /// Answer with this response.
    Full(http::Response<Bytes>),
    /// Never answer (the connection stays open).
    Stall,
    /// Send a `200` head declaring a 1000-byte body, and the first 10 bytes of it, then nothing more.
    HeadThenStall,
    /// Stream `total` bytes of zeros in `chunk`-sized frames, optionally declaring `Content-Length`.
    Stream {
        total: u64,
        chunk: usize,
        declare_length: bool,
    },
}

/// A JSON response with the given status, a `seam-request-id` and extra headers.
pub fn json(status: u16, body: serde_json::Value) -> http::Response<Bytes> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("seam-request-id", "req_test_0001")
        .body(Bytes::from(body.to_string()))
        .expect("valid response")
}

/// A running test server.
pub struct TestServer {
    pub addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    closed: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    /// Bytes of streamed bodies handed to hyper so far (an upper bound on what reached the socket).
    pub streamed: Arc<AtomicU64>,
    /// Set when a streamed body is dropped before its end (the client went away).
    pub stream_abandoned: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

type Handler = dyn Fn(usize, &Recorded) -> Reply + Send + Sync + 'static;

impl TestServer {
    /// Starts a server answering request number `n` (0-based, across connections) with `handler(n, req)`.
    pub async fn start(
        handler: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let closed = Arc::new(AtomicUsize::new(0));
        let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let streamed = Arc::new(AtomicU64::new(0));
        let stream_abandoned = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let task = tokio::spawn({
            let connections = connections.clone();
            let closed = closed.clone();
            let requests = requests.clone();
            let streamed = streamed.clone();
            let abandoned = stream_abandoned.clone();
            async move {
                loop {
                    let Ok((socket, _)) = listener.accept().await else {
                        return;
                    };
                    connections.fetch_add(1, Ordering::SeqCst);
                    let requests = requests.clone();
                    let handler = handler.clone();
                    let streamed = streamed.clone();
                    let abandoned = abandoned.clone();
                    let closed = closed.clone();
                    tokio::spawn(async move {
                        let service =
                            hyper::service::service_fn(move |req: http::Request<Incoming>| {
                                let requests = requests.clone();
                                let handler = handler.clone();
                                let streamed = streamed.clone();
                                let abandoned = abandoned.clone();
                                async move {
                                    let (parts, body) = req.into_parts();
                                    let body = body
                                        .collect()
                                        .await
                                        .map(|b| b.to_bytes())
                                        .unwrap_or_default();
                                    let recorded = Recorded {
                                        method: parts.method,
                                        uri: parts.uri,
                                        version: parts.version,
                                        headers: parts.headers,
                                        body,
                                    };
                                    let n = {
                                        let mut all = requests.lock().unwrap();
                                        all.push(recorded.clone());
                                        all.len() - 1
                                    };
                                    let response = match handler(n, &recorded) {
                                        Reply::Full(r) => r.map(ServerBody::Full),
                                        Reply::Stall => std::future::pending().await,
                                        Reply::HeadThenStall => http::Response::builder()
                                            .status(200)
                                            .header("content-length", 1000)
                                            .body(ServerBody::Stalled(Some(Bytes::from_static(
                                                &[b'x'; 10],
                                            ))))
                                            .unwrap(),
                                        Reply::Stream {
                                            total,
                                            chunk,
                                            declare_length,
                                        } => {
                                            let mut b = http::Response::builder().status(200);
                                            if declare_length {
                                                b = b.header("content-length", total);
                                            }
                                            b.body(ServerBody::Zeros(Zeros {
                                                left: total,
                                                chunk: Bytes::from(vec![0u8; chunk]),
                                                declared: declare_length,
                                                streamed,
                                                abandoned,
                                            }))
                                            .unwrap()
                                        }
                                    };
                                    Ok::<_, Infallible>(response)
                                }
                            });
                        let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                            .serve_connection(TokioIo::new(socket), service)
                            .await;
                        closed.fetch_add(1, Ordering::SeqCst);
                    });
                }
            }
        });
        Self {
            addr,
            connections,
            closed,
            requests,
            streamed,
            stream_abandoned,
            task,
        }
    }

    /// A server that answers every request with `response`.
    pub async fn always(response: http::Response<Bytes>) -> Self {
        Self::start(move |_, _| Reply::Full(response.clone())).await
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many TCP connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// How many accepted TCP connections have ended (closed by either side).
    pub fn closed(&self) -> usize {
        self.closed.load(Ordering::SeqCst)
    }

    /// Waits (bounded, about 5 s) until at least `n` connections have ended; `false` if they did not.
    pub async fn wait_closed(&self, n: usize) -> bool {
        for _ in 0..200 {
            if self.closed() >= n {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        false
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits (bounded) until a streamed body has been abandoned by the client.
    pub async fn wait_stream_abandoned(&self) -> bool {
        for _ in 0..200 {
            if self.stream_abandoned.load(Ordering::SeqCst) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        false
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The server's response body.
pub enum ServerBody {
    Full(Bytes),
    Zeros(Zeros),
    /// Yields its bytes, then stays pending forever.
    Stalled(Option<Bytes>),
}

/// An endless-ish stream of zero bytes that counts what it hands out and notices being dropped early.
pub struct Zeros {
    left: u64,
    chunk: Bytes,
    declared: bool,
    streamed: Arc<AtomicU64>,
    abandoned: Arc<AtomicBool>,
}

impl Drop for Zeros {
    fn drop(&mut self) {
        if self.left > 0 {
            self.abandoned.store(true, Ordering::SeqCst);
        }
    }
}

impl Body for ServerBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            ServerBody::Full(b) => {
                if b.is_empty() {
                    Poll::Ready(None)
                } else {
                    Poll::Ready(Some(Ok(Frame::data(std::mem::take(b)))))
                }
            }
            ServerBody::Stalled(first) => match first.take() {
                Some(bytes) => Poll::Ready(Some(Ok(Frame::data(bytes)))),
                None => Poll::Pending,
            },
            ServerBody::Zeros(z) => {
                if z.left == 0 {
                    return Poll::Ready(None);
                }
                let n = (z.chunk.len() as u64).min(z.left);
                z.left -= n;
                z.streamed.fetch_add(n, Ordering::SeqCst);
                Poll::Ready(Some(Ok(Frame::data(z.chunk.slice(..n as usize)))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            ServerBody::Full(b) => b.is_empty(),
            ServerBody::Zeros(z) => z.left == 0,
            ServerBody::Stalled(_) => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ServerBody::Full(b) => SizeHint::with_exact(b.len() as u64),
            ServerBody::Zeros(z) if z.declared => SizeHint::with_exact(z.left),
            ServerBody::Zeros(_) => SizeHint::default(),
            ServerBody::Stalled(_) => SizeHint::with_exact(1000),
        }
    }
}
