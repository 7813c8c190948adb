//! Request and connection counters that tests read to see what actually reached the server.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Distinct paths counted one by one; requests to further paths are counted under [`OTHER`].
const MAX_PATHS: usize = 4096;

/// The counter key for requests beyond [`MAX_PATHS`] distinct paths.
const OTHER: &str = "(other paths)";

/// Counts of what the fake has received; cheap to clone, shared with the server.
#[derive(Clone, Default)]
pub struct Counters {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    connections: AtomicU64,
    requests: Mutex<BTreeMap<String, u64>>,
    /// Per path, the ids of the connections that carried at least one request to it.
    conns_by_path: Mutex<BTreeMap<String, BTreeSet<u64>>>,
}

impl Counters {
    /// TCP connections accepted so far.
    pub fn connections(&self) -> u64 {
        self.inner.connections.load(Ordering::SeqCst)
    }

    /// Requests received so far whose path is exactly `path` (e.g. `/customers/create_portal`),
    /// whatever their method or outcome. After 4096 distinct paths, requests to new ones are
    /// counted under `"(other paths)"` instead, so random paths cannot grow memory without bound.
    pub fn requests(&self, path: &str) -> u64 {
        self.lock().get(path).copied().unwrap_or(0)
    }

    /// Distinct TCP connections that carried at least one request to `path`.
    pub fn connections_for(&self, path: &str) -> u64 {
        let map = self
            .inner
            .conns_by_path
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(path).map_or(0, |s| s.len() as u64)
    }

    /// Requests received so far, over all paths.
    pub fn total_requests(&self) -> u64 {
        self.lock().values().sum()
    }

    /// A copy of the per-path request counts.
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock().clone()
    }

    /// Counts a new connection and returns its id.
    pub(crate) fn connection_accepted(&self) -> u64 {
        self.inner.connections.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Counts one request to `path` on connection `conn` and returns its 1-based call number on that path.
    pub(crate) fn request_received(&self, path: &str, conn: u64) -> u64 {
        let path = {
            let map = self.lock();
            if map.len() >= MAX_PATHS && !map.contains_key(path) {
                OTHER
            } else {
                path
            }
        };
        self.inner
            .conns_by_path
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(path.to_owned())
            .or_default()
            .insert(conn);
        let mut map = self.lock();
        let n = map.entry(path.to_owned()).or_insert(0);
        *n += 1;
        *n
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u64>> {
        self.inner
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Counters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counters")
            .field("connections", &self.connections())
            .field("requests", &self.snapshot())
            .finish()
    }
}
