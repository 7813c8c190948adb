//! The local server both clients talk to: a tiny HTTP/1.1 hyper server on its own thread and tokio
//! runtime that answers every request from memory with one pre-serialized `create_portal` 200 response.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The `seam-request-id` the server puts on every response.
pub const REQUEST_ID: &str = "bench-0000-request-id";

/// What a client sent: method, target, headers and body of one request.
#[derive(Clone, Debug)]
pub struct Captured {
    /// Method and request target, e.g. `POST /customers/create_portal`.
    pub line: String,
    /// The headers as received.
    pub headers: http::HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

/// State shared between the server's tasks and its handle.
#[derive(Default)]
struct Shared {
    served: AtomicU64,
    connections: AtomicU64,
    armed: AtomicBool,
    captured: Mutex<Option<Captured>>,
}

/// A running server; stops (and joins its thread) when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `127.0.0.1:0` and serves `body` (with status 200) on a dedicated thread running a
    /// current-thread tokio runtime, so the server never competes for the client runtime's workers.
    pub fn start(body: Bytes) -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let (stop, stopped) = oneshot::channel();
        let state = shared.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || runtime.block_on(accept_loop(listener, body, state, stopped)))?;
        Ok(Self {
            addr,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`, the endpoint both clients are pointed at.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests were answered so far (a sanity check that the clients really hit the server).
    pub fn served(&self) -> u64 {
        self.shared.served.load(Ordering::Relaxed)
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> u64 {
        self.shared.connections.load(Ordering::Relaxed)
    }

    /// Asks the server to record the next request it receives (see [`Server::take_captured`]).
    pub fn capture_next(&self) {
        *self
            .shared
            .captured
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = None;
        self.shared.armed.store(true, Ordering::SeqCst);
    }

    /// The request recorded since [`Server::capture_next`], if one arrived.
    pub fn take_captured(&self) -> Option<Captured> {
        self.shared
            .captured
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Accepts connections until `stopped` fires; each connection is served by its own task.
async fn accept_loop(
    listener: std::net::TcpListener,
    body: Bytes,
    shared: Arc<Shared>,
    mut stopped: oneshot::Receiver<()>,
) {
    let Ok(listener) = TcpListener::from_std(listener) else {
        return;
    };
    loop {
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        let _ = stream.set_nodelay(true);
        shared.connections.fetch_add(1, Ordering::Relaxed);
        let body = body.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| answer(request, body.clone(), shared.clone()));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Reads the whole request body (as a real server would) and answers with the fixed response.
async fn answer(
    request: Request<Incoming>,
    body: Bytes,
    shared: Arc<Shared>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, incoming) = request.into_parts();
    let received = incoming
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    shared.served.fetch_add(1, Ordering::Relaxed);
    if shared.armed.load(Ordering::Relaxed) && shared.armed.swap(false, Ordering::SeqCst) {
        let captured = Captured {
            line: format!("{} {}", parts.method, parts.uri),
            headers: parts.headers,
            body: received,
        };
        *shared.captured.lock().unwrap_or_else(|e| e.into_inner()) = Some(captured);
    }
    let mut response = Response::new(Full::new(body));
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(
        "seam-request-id",
        http::HeaderValue::from_static(REQUEST_ID),
    );
    Ok(response)
}
