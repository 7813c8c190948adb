//! Time and randomness for the executor from Tokio: timers, a monotonic clock and retry jitter.

use std::time::{Duration, Instant};

use seam_core::exec::Runtime;
use seam_core::BoxFuture;

/// The [`Runtime`] used by [`Seam`](crate::Seam): `tokio::time::sleep`, a monotonic clock started at
/// construction, and `fastrand` for jitter.
#[derive(Clone, Copy, Debug)]
pub struct TokioRuntime {
    origin: Instant,
}

impl TokioRuntime {
    /// A runtime whose clock starts now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for TokioRuntime {
    fn default() -> Self {
        Self::new()
    }
}

impl Runtime for TokioRuntime {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }

    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn random(&self) -> f64 {
        fastrand::f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_stays_in_the_unit_interval_and_varies() {
        let runtime = TokioRuntime::new();
        let samples: Vec<f64> = (0..1000).map(|_| runtime.random()).collect();
        assert!(samples.iter().all(|x| (0.0..1.0).contains(x)));
        assert!(samples.iter().any(|x| *x != samples[0]));
    }

    #[tokio::test(start_paused = true)]
    async fn sleep_waits_the_given_time_on_the_tokio_clock() {
        let runtime = TokioRuntime::new();
        let before = tokio::time::Instant::now();
        runtime.sleep(Duration::from_secs(7)).await;
        assert_eq!(before.elapsed(), Duration::from_secs(7));
    }

    #[test]
    fn now_is_monotonic() {
        let runtime = TokioRuntime::new();
        let a = runtime.now();
        let b = runtime.now();
        assert!(b >= a);
    }
}
