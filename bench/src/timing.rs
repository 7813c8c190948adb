//! Timing of small operations: repeat timed batches until a time budget is spent.

use std::time::{Duration, Instant};

/// Runs `batch` (which returns the time it measured and how many operations it did) until `budget`
/// of measured time is spent; returns nanoseconds per operation.
pub fn ns_per_op(budget: Duration, mut batch: impl FnMut() -> (Duration, u64)) -> f64 {
    let (mut spent, mut count) = (Duration::ZERO, 0u64);
    while spent < budget || count == 0 {
        let (took, ops) = batch();
        spent += took;
        count += ops;
    }
    spent.as_nanos() as f64 / count.max(1) as f64
}

/// Nanoseconds per call of `op`, timed in batches of `batch` calls until `budget` is spent.
pub fn ns_per_call(budget: Duration, batch: u64, mut op: impl FnMut()) -> f64 {
    ns_per_op(budget, || {
        let started = Instant::now();
        for _ in 0..batch {
            op();
        }
        (started.elapsed(), batch)
    })
}
