//! One connect at a time to an `https` origin whose protocol is not known yet, so that a burst of
//! concurrent first calls shares one HTTP/2 connection.
//!
//! hyper-util's client learns that an origin speaks HTTP/2 only from ALPN, after a TLS handshake;
//! until then each concurrent caller opens a connection of its own, and all but one are thrown
//! away. Here the first caller to an origin goes ahead alone and the others wait until its
//! connection is in the pool (or its attempt failed or was dropped). Then they go ahead: over
//! HTTP/2 they share that connection; over HTTP/1.1 each opens its own, as it would have anyway.
//! Once an origin's first connection is established, calls skip the gate.

use std::collections::HashMap;
use std::future::Future as _;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Poll;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::capture_connection;

use super::clients::Client;

/// The gates of every `https` origin this transport has called.
#[derive(Default)]
pub(crate) struct Gates {
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
    /// The gate to pass before calling `uri`, or `None` when no gate applies (plain `http`, or an
    /// origin already connected to once).
    pub(crate) fn enter(&self, uri: &http::Uri) -> Option<Arc<Gate>> {
        if uri.scheme_str() != Some("https") {
            return None;
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

/// Sends `request` through `client` once it is this caller's turn at `gate`, holding the turn
/// until the connection is established (then it is in the pool for the callers waiting).
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
    let mut turn = Some(turn);
    std::future::poll_fn(|cx| {
        if turn.is_some() {
            if let Poll::Ready(metadata) = connected.as_mut().poll(cx) {
                if metadata.is_some() {
                    gate.learned.store(true, Ordering::Release);
                }
                turn = None;
            }
        }
        std::pin::Pin::new(&mut response).poll(cx)
    })
    .await
}
