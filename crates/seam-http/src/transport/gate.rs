//! One connect at a time to an `https` origin whose protocol is not known yet, so that a burst of
//! concurrent first calls shares one HTTP/2 connection.
//!
//! With HTTP/2 only (prior knowledge), plain `http` origins pass the gate too: hyper-util already
//! lets one caller connect while the others wait, but it releases them when the handshake is done,
//! a moment before the connection is in its pool, and a caller released in that moment opens a
//! second connection (seen under load in `concurrent_http2_calls_share_one_connection`: 8 runs in
//! 300 with two connections).
//!
//! hyper-util's client learns that an origin speaks HTTP/2 only from ALPN, after a TLS handshake;
//! until then each concurrent caller opens a connection of its own, and all but one are thrown
//! away. Here the first caller to an origin goes ahead alone and the others wait until its
//! connection is in the pool (or its attempt failed or was dropped). Then they go ahead: over
//! HTTP/2 they share that connection; over HTTP/1.1 each opens its own, as it would have anyway.
//! Once an origin's first connection is established, calls skip the gate.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

#[cfg(feature = "default-client")]
pub(crate) use self::hyper_gate::send;

/// The gates of every origin this transport has called that needs one.
pub(crate) struct Gates {
    /// Whether plain `http` origins are gated too (HTTP/2 prior knowledge).
    plain_http: bool,
    origins: Mutex<HashMap<String, Arc<Gate>>>,
}

/// One origin's gate.
#[derive(Default)]
pub(crate) struct Gate {
    /// Set once a connection to the origin was established (the gate stays open from then on).
    learned: AtomicBool,
    /// Held by the caller whose connect is in flight.
    turn: tokio::sync::Mutex<()>,
}

impl Gates {
    /// Gates for `https` origins, and for plain `http` ones when `plain_http`.
    pub(crate) fn new(plain_http: bool) -> Self {
        Self {
            plain_http,
            origins: Mutex::default(),
        }
    }

    /// The gate to pass before calling `uri`, or `None` when no gate applies (plain `http` unless
    /// gated, or an origin already connected to once).
    pub(crate) fn enter(&self, uri: &http::Uri) -> Option<Arc<Gate>> {
        match uri.scheme_str() {
            Some("https") => {}
            Some("http") if self.plain_http => {}
            _ => return None,
        }
        let key = uri.authority()?.as_str();
        let mut origins = self.origins.lock().unwrap_or_else(PoisonError::into_inner);
        match origins.get(key) {
            Some(gate) if gate.learned.load(Ordering::Acquire) => None,
            Some(gate) => Some(gate.clone()),
            None => {
                let gate = Arc::new(Gate::default());
                origins.insert(key.to_owned(), gate.clone());
                Some(gate)
            }
        }
    }
}

/// How long the first call to an origin holds the others back at most. A first call the server
/// never answers (or whose TLS handshake stalls) must not stall every other call to that origin
/// until their own timeouts: after this the others go ahead without waiting for it (and may open
/// connections of their own, as they would without the gate).
pub(crate) const FIRST_CALL_HOLD: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs `call` (the whole call, response head included) once it is this caller's turn at `gate`,
/// holding the turn until it is done or [`FIRST_CALL_HOLD`] has passed; a success opens the gate
/// (also one that came after the hold).
/// For clients whose connections this crate cannot watch (reqwest's): the first call to an origin
/// goes alone, the others then find its connection in the pool.
#[cfg(feature = "reqwest")]
pub(crate) async fn pass<T, E>(
    gate: Arc<Gate>,
    call: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let turn = gate.turn.lock().await;
    if gate.learned.load(Ordering::Acquire) {
        drop(turn);
        return call.await;
    }
    let mut turn = Some(turn);
    let mut call = std::pin::pin!(call);
    let result = match tokio::time::timeout(FIRST_CALL_HOLD, call.as_mut()).await {
        Ok(result) => result,
        Err(_held_too_long) => {
            turn = None;
            call.await
        }
    };
    // A success opens the gate even when it came after the hold ended.
    if result.is_ok() {
        gate.learned.store(true, Ordering::Release);
    }
    drop(turn);
    result
}

#[cfg(feature = "default-client")]
mod hyper_gate {
    use std::future::Future as _;
    use std::pin::pin;
    use std::sync::atomic::Ordering;
    use std::sync::Arc;
    use std::task::Poll;

    use bytes::Bytes;
    use http_body_util::Full;
    use hyper::body::Incoming;
    use hyper_util::client::legacy::connect::capture_connection;

    use super::super::clients::Client;
    use super::Gate;

    /// Sends `request` through `client` once it is this caller's turn at `gate`, holding the turn
    /// until the connection is established (then it is in the pool for the callers waiting) or
    /// [`FIRST_CALL_HOLD`](super::FIRST_CALL_HOLD) has passed.
    pub(crate) async fn send(
        gate: Arc<Gate>,
        client: &Client,
        mut request: http::Request<Full<Bytes>>,
    ) -> Result<http::Response<Incoming>, hyper_util::client::legacy::Error> {
        let turn = gate.turn.lock().await;
        if gate.learned.load(Ordering::Acquire) {
            drop(turn);
            return client.request(request).await;
        }
        let mut capture = capture_connection(&mut request);
        let mut response = client.request(request);
        let mut connected = pin!(capture.wait_for_connection_metadata());
        let mut held_too_long = pin!(tokio::time::sleep(super::FIRST_CALL_HOLD));
        let mut turn = Some(turn);
        let mut watching = true;
        std::future::poll_fn(|cx| {
            // The connection is watched until it is made (or fails), even after the hold ended:
            // a slow first connect still opens the gate.
            if watching {
                if let Poll::Ready(metadata) = connected.as_mut().poll(cx) {
                    if metadata.is_some() {
                        gate.learned.store(true, Ordering::Release);
                    }
                    watching = false;
                    turn = None;
                }
            }
            if turn.is_some() && held_too_long.as_mut().poll(cx).is_ready() {
                turn = None;
            }
            std::pin::Pin::new(&mut response).poll(cx)
        })
        .await
    }
}
