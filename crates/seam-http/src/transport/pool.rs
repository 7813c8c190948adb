//! The connection pool: idle HTTP/1.1 connections and shared HTTP/2 connections per origin, with an idle timeout.
//!
//! A connection is put back before the call that used it returns, so sequential calls always find it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use hyper::client::conn::{http1, http2};

use super::connect::{Conn, ReqBody};

/// An origin: `scheme://host:port` as written in the request URI.
pub(crate) type Key = String;

/// Idle and shared connections, keyed by origin.
#[derive(Clone)]
pub(crate) struct Pool {
    state: Arc<Mutex<State>>,
    idle_timeout: Option<Duration>,
    max_idle_per_host: usize,
}

#[derive(Default)]
struct State {
    h1: HashMap<Key, Vec<(http1::SendRequest<ReqBody>, Instant)>>,
    h2: HashMap<Key, (http2::SendRequest<ReqBody>, Instant)>,
    reaper_running: bool,
}

impl State {
    /// Drops closed connections and those idle for longer than `idle_timeout`; `true` if none are left.
    fn evict(&mut self, idle_timeout: Option<Duration>, now: Instant) -> bool {
        let fresh = |since: &Instant| idle_timeout.is_none_or(|t| now.duration_since(*since) < t);
        self.h1.retain(|_, list| {
            list.retain(|(s, since)| !s.is_closed() && fresh(since));
            !list.is_empty()
        });
        self.h2
            .retain(|_, (s, since)| !s.is_closed() && fresh(since));
        self.h1.is_empty() && self.h2.is_empty()
    }
}

impl Pool {
    /// An empty pool.
    pub(crate) fn new(idle_timeout: Option<Duration>, max_idle_per_host: usize) -> Self {
        Self {
            state: Arc::default(),
            idle_timeout,
            max_idle_per_host,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A usable connection to `key`, if one is idle (HTTP/1.1, most recently used first) or shared (HTTP/2).
    pub(crate) fn checkout(&self, key: &str) -> Option<Conn> {
        let now = Instant::now();
        let mut state = self.lock();
        state.evict(self.idle_timeout, now);
        if let Some((sender, since)) = state.h2.get_mut(key) {
            if sender.is_ready() {
                *since = now;
                return Some(Conn::H2(sender.clone()));
            }
        }
        let list = state.h1.get_mut(key)?;
        while let Some((sender, _)) = list.pop() {
            if sender.is_ready() {
                return Some(Conn::H1(sender));
            }
        }
        None
    }

    /// Keeps `conn` for later calls to `key`: an HTTP/1.1 connection must be idle (its last response read
    /// to the end); an HTTP/2 one is shared from the moment it is connected.
    pub(crate) fn put(&self, key: &str, conn: Conn) {
        if self.max_idle_per_host == 0 {
            return;
        }
        let mut state = self.lock();
        match conn {
            Conn::H1(sender) => {
                let list = state.h1.entry(key.to_owned()).or_default();
                if list.len() >= self.max_idle_per_host {
                    return;
                }
                list.push((sender, Instant::now()));
            }
            Conn::H2(sender) => {
                state.h2.insert(key.to_owned(), (sender, Instant::now()));
            }
        }
        if !state.reaper_running {
            if let Some(idle_timeout) = self.idle_timeout {
                state.reaper_running = true;
                tokio::spawn(reap(Arc::downgrade(&self.state), idle_timeout));
            }
        }
    }
}

/// Closes idle connections once they outlive `idle_timeout`; stops when the pool is empty or gone.
async fn reap(state: Weak<Mutex<State>>, idle_timeout: Duration) {
    loop {
        tokio::time::sleep(idle_timeout / 2).await;
        let Some(state) = state.upgrade() else {
            return;
        };
        let mut state = state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if state.evict(Some(idle_timeout), Instant::now()) {
            state.reaper_running = false;
            return;
        }
    }
}
