//! The accept loop: counts connections and serves each with hyper (HTTP/1 or HTTP/2) until
//! shutdown, within the limits that keep a hostile client from tying the fake up.

use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

use crate::conn_io::{ConnCtl, FaultIo};
use crate::service::{handle, State};

/// Accepts connections until `shutdown` changes or its sender is dropped.
///
/// At most `state.limits.max_connections` are served at once; further clients wait in the
/// kernel's accept queue. A connection must deliver a complete request head within
/// `state.limits.read_timeout` of being accepted, and of each previous response (HTTP/1).
pub(crate) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(state.limits.max_connections.max(1)));
    let read_timeout = state.limits.read_timeout;
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(read_timeout);
    builder.http2().timer(TokioTimer::new());
    let builder = Arc::new(builder);
    loop {
        let permit = tokio::select! {
            _ = shutdown.changed() => break,
            permit = Arc::clone(&slots).acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let accepted = tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            // E.g. out of file descriptors: back off briefly instead of spinning.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let conn_id = state.counters.connection_accepted();
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        let builder = Arc::clone(&builder);
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let ctl = Arc::new(ConnCtl::default());
            let io = TokioIo::new(FaultIo::new(stream, Arc::clone(&ctl)));
            let svc_ctl = Arc::clone(&ctl);
            let svc = service_fn(move |req| {
                svc_ctl.request_started();
                handle(
                    Arc::clone(&state),
                    Arc::clone(&svc_ctl),
                    (peer, conn_id),
                    req,
                )
            });
            let conn = builder.serve_connection(io, svc);
            tokio::select! {
                _ = conn => {}
                _ = stop.changed() => {}
                _ = first_request_deadline(&ctl, read_timeout) => {}
            }
        });
    }
}

/// Completes when no request head has arrived `limit` after the connection was accepted (a
/// silent client, or one dribbling its first bytes, which hyper's protocol sniffing would wait
/// for forever); pends forever once a request has arrived.
async fn first_request_deadline(ctl: &ConnCtl, limit: Duration) {
    tokio::time::sleep(limit).await;
    if ctl.has_requests() {
        std::future::pending::<()>().await;
    }
}
