//! hyper-util clients bound to the Tokio runtime that drives their connections.
//!
//! hyper-util's client spawns a task per connection and one idle-connection reaper per pool on
//! the runtime of the call that created them. A transport kept across runtimes (a static shared by
//! `#[tokio::test]`s, a runtime rebuilt after a panic) would otherwise keep a pool whose tasks died
//! with the first runtime: its connections are gone and its reaper never runs again. So each
//! client pair is bound to the runtime that first used it, noticed through a sentinel task, and
//! replaced by a fresh pair once that runtime has shut down.

use std::sync::{Arc, Mutex, PoisonError, Weak};

use bytes::Bytes;
use http_body_util::Full;

use super::connect::Stack;

/// The client type: hyper-util's legacy (pooling) client over our connector stack.
pub(crate) type Client = hyper_util::client::legacy::Client<Stack, Full<Bytes>>;

/// The two clients of one runtime.
pub(crate) struct Bound {
    /// Ends when the runtime that drives these clients' tasks shuts down.
    alive: Weak<()>,
    /// The pooled client every request uses.
    pub(crate) pooled: Client,
    /// A client without a pool, for the one retry after a pooled connection turned out stale: it
    /// always opens a new connection.
    pub(crate) fresh: Client,
}

/// Builds and hands out the clients of the current runtime.
pub(crate) struct Clients {
    connector: Stack,
    pooled: hyper_util::client::legacy::Builder,
    fresh: hyper_util::client::legacy::Builder,
    current: Mutex<Option<Arc<Bound>>>,
}

impl Clients {
    /// Clients over `connector` with the settings in `pooled` (`fresh` is the same without a pool).
    pub(crate) fn new(connector: Stack, pooled: hyper_util::client::legacy::Builder) -> Self {
        let mut fresh = pooled.clone();
        fresh.pool_max_idle_per_host(0);
        Self {
            connector,
            pooled,
            fresh,
            current: Mutex::new(None),
        }
    }

    /// The clients bound to a live runtime, binding new ones to the current runtime if needed.
    /// Must be called from within a Tokio runtime.
    pub(crate) fn current(&self) -> Arc<Bound> {
        let mut slot = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bound) = slot.as_ref() {
            if bound.alive.strong_count() > 0 {
                return bound.clone();
            }
            tracing::debug!(
                "the runtime of the pooled connections has shut down; starting a new pool"
            );
        }
        let alive = Arc::new(());
        let bound = Arc::new(Bound {
            alive: Arc::downgrade(&alive),
            pooled: self.pooled.build(self.connector.clone()),
            fresh: self.fresh.build(self.connector.clone()),
        });
        // Dropped, with `alive`, when its runtime shuts down.
        tokio::spawn(async move {
            let _alive = alive;
            std::future::pending::<()>().await;
        });
        *slot = Some(bound.clone());
        bound
    }
}
