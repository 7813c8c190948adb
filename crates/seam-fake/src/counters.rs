//! Request and connection counters that tests read to see what actually reached the server.
//!
//! Counters are keyed by route, never by anything secret: every portal page is counted under
//! `/portal/:token`, and a path that carries a credential or a portal token is counted under
//! `(redacted path)` (see `State::counter_key`). Memory stays bounded: at most [`MAX_PATHS`]
//! keys, a fixed-size record per key, and per connection a set of the keys it used.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Distinct keys counted one by one; requests to further paths are counted under [`OTHER`].
const MAX_PATHS: usize = 4096;

/// The counter key for requests beyond [`MAX_PATHS`] distinct paths.
const OTHER: &str = "(other paths)";

/// Counts of what the fake has received; cheap to clone, shared with the server.
#[derive(Clone, Default)]
pub struct Counters {
    inner: Arc<Inner>,
}

#[derive(Default, Clone, Copy)]
struct PerPath {
    requests: u64,
    connections: u64,
}

#[derive(Default)]
struct Inner {
    connections: AtomicU64,
    paths: Mutex<BTreeMap<String, PerPath>>,
}

/// The counter keys one connection has sent requests to (so each is counted once per connection).
#[derive(Default)]
pub(crate) struct SeenPaths(Mutex<HashSet<String>>);

impl Counters {
    /// TCP connections accepted so far.
    pub fn connections(&self) -> u64 {
        self.inner.connections.load(Ordering::SeqCst)
    }

    /// Requests received so far whose path is exactly `path` (e.g. `/customers/create_portal`),
    /// whatever their method or outcome. Portal pages are all counted under `/portal/:token`.
    /// After 4096 distinct paths, requests to new ones are counted under `"(other paths)"`
    /// instead, so random paths cannot grow memory without bound.
    pub fn requests(&self, path: &str) -> u64 {
        self.lock().get(path).map_or(0, |p| p.requests)
    }

    /// Distinct TCP connections that carried at least one request to `path`.
    pub fn connections_for(&self, path: &str) -> u64 {
        self.lock().get(path).map_or(0, |p| p.connections)
    }

    /// Requests received so far, over all paths.
    pub fn total_requests(&self) -> u64 {
        self.lock().values().map(|p| p.requests).sum()
    }

    /// A copy of the per-path request counts.
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock()
            .iter()
            .map(|(k, p)| (k.clone(), p.requests))
            .collect()
    }

    /// Counts a new connection and returns its id.
    pub(crate) fn connection_accepted(&self) -> u64 {
        self.inner.connections.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Counts one request under `key` (already free of secrets) on a connection that has
    /// `seen` these keys before, and returns its 1-based call number under that key.
    pub(crate) fn request_received(&self, key: &str, seen: &SeenPaths) -> u64 {
        let mut map = self.lock();
        let key = if map.len() >= MAX_PATHS && !map.contains_key(key) {
            OTHER
        } else {
            key
        };
        let first_on_conn = seen
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key.to_owned());
        let entry = match map.get_mut(key) {
            Some(e) => e,
            None => map.entry(key.to_owned()).or_default(),
        };
        entry.requests += 1;
        if first_on_conn {
            entry.connections += 1;
        }
        entry.requests
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, PerPath>> {
        self.inner
            .paths
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_per_path_count_each_connection_once() {
        let c = Counters::default();
        let (a, b) = (SeenPaths::default(), SeenPaths::default());
        assert_eq!(c.request_received("/x", &a), 1);
        assert_eq!(c.request_received("/x", &a), 2);
        assert_eq!(c.request_received("/x", &b), 3);
        assert_eq!(c.request_received("/y", &a), 1);
        assert_eq!(c.connections_for("/x"), 2);
        assert_eq!(c.connections_for("/y"), 1);
        assert_eq!(c.total_requests(), 4);
    }

    #[test]
    fn distinct_paths_are_capped() {
        let c = Counters::default();
        let seen = SeenPaths::default();
        for i in 0..MAX_PATHS + 10 {
            c.request_received(&format!("/p{i}"), &seen);
        }
        assert_eq!(c.snapshot().len(), MAX_PATHS + 1);
        assert_eq!(c.requests(OTHER), 10);
    }
}
