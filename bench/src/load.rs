//! The load loop: `concurrency` tasks sharing one client, each firing requests back to back,
//! bounded by both a request count and a wall-clock limit.

use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Upper bounds of one run: it stops at whichever is reached first.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Total requests across all tasks.
    pub requests: u64,
    /// Wall-clock time.
    pub time: Duration,
}

/// Runs `call` from `concurrency` tasks on the current tokio runtime until `limits` is reached;
/// returns completed requests per second. The first failed call aborts the run with its message.
pub async fn requests_per_second<F, Fut>(
    concurrency: usize,
    limits: Limits,
    call: Arc<F>,
) -> Result<f64, String>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let remaining = Arc::new(AtomicI64::new(
        i64::try_from(limits.requests).unwrap_or(i64::MAX),
    ));
    let started = Instant::now();
    let deadline = started + limits.time;
    let tasks: Vec<_> = (0..concurrency.max(1))
        .map(|_| {
            let call = call.clone();
            let remaining = remaining.clone();
            tokio::spawn(async move {
                let mut done = 0u64;
                while Instant::now() < deadline && remaining.fetch_sub(1, Ordering::Relaxed) > 0 {
                    call().await?;
                    done += 1;
                }
                Ok::<u64, String>(done)
            })
        })
        .collect();
    let mut done = 0u64;
    for task in tasks {
        done += task
            .await
            .map_err(|e| format!("load task panicked: {e}"))??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok(done as f64 / elapsed)
}
