//! hyper-util clients bound to the Tokio runtime that drives their connections.
//!
//! hyper-util's client spawns a task per connection and one idle-connection reaper per pool on
//! the runtime of the call that created them. A transport kept across runtimes (a static shared by
//! `#[tokio::test]`s, a runtime rebuilt after a panic) would otherwise keep a pool whose tasks died
//! with the first runtime: its connections are gone and its reaper never runs again. So each
//! client pair is bound to the runtime that first used it, noticed through a sentinel task, and
//! replaced by a fresh pair once that runtime has shut down.

use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

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
    /// The clients of the first runtime to send through this transport: the usual case, read
    /// without a lock or a reference count (both would be writes to memory that every worker
    /// thread shares, on every call).
    first: OnceLock<Bound>,
    /// The clients of a later runtime, once the first one has shut down.
    later: Mutex<Option<Arc<Bound>>>,
}

/// The clients [`Clients::current`] hands out.
pub(crate) enum Current<'a> {
    First(&'a Bound),
    Later(Arc<Bound>),
}

impl Deref for Current<'_> {
    type Target = Bound;

    fn deref(&self) -> &Bound {
        match self {
            Current::First(bound) => bound,
            Current::Later(bound) => bound,
        }
    }
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
            first: OnceLock::new(),
            later: Mutex::new(None),
        }
    }

    /// The clients bound to a live runtime, binding new ones to the current runtime if needed.
    /// Must be called from within a Tokio runtime.
    pub(crate) fn current(&self) -> Current<'_> {
        let first = self.first.get_or_init(|| self.bind());
        if first.alive.strong_count() > 0 {
            return Current::First(first);
        }
        let mut slot = self.later.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bound) = slot.as_ref() {
            if bound.alive.strong_count() > 0 {
                return Current::Later(bound.clone());
            }
        }
        tracing::debug!("the runtime of the pooled connections has shut down; starting a new pool");
        let bound = Arc::new(self.bind());
        *slot = Some(bound.clone());
        Current::Later(bound)
    }

    /// New clients bound to the current runtime.
    fn bind(&self) -> Bound {
        let alive = Arc::new(());
        let bound = Bound {
            alive: Arc::downgrade(&alive),
            pooled: self.pooled.build(self.connector.clone()),
            fresh: self.fresh.build(self.connector.clone()),
        };
        // Dropped, with `alive`, when its runtime shuts down.
        tokio::spawn(async move {
            let _alive = alive;
            std::future::pending::<()>().await;
        });
        bound
    }
}
