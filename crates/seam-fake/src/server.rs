//! The accept loop: counts connections and serves each with hyper (HTTP/1 or HTTP/2) until shutdown.

use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::conn_io::{ConnCtl, FaultIo};
use crate::service::{handle, State};

/// Accepts connections until `shutdown` changes or its sender is dropped.
pub(crate) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else {
                    // E.g. out of file descriptors: back off briefly instead of spinning.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                let conn_id = state.counters.connection_accepted();
                let _ = stream.set_nodelay(true);
                let state = Arc::clone(&state);
                let mut stop = shutdown.clone();
                tokio::spawn(async move {
                    let ctl = Arc::new(ConnCtl::default());
                    let io = TokioIo::new(FaultIo::new(stream, Arc::clone(&ctl)));
                    let svc = service_fn(move |req| {
                        handle(Arc::clone(&state), Arc::clone(&ctl), (peer, conn_id), req)
                    });
                    let builder = auto::Builder::new(TokioExecutor::new());
                    let conn = builder.serve_connection(io, svc);
                    tokio::select! {
                        _ = conn => {}
                        _ = stop.changed() => {}
                    }
                });
            }
        }
    }
}
