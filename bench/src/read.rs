//! Part 2b: reading the big push_data body back, `seam_types::json::from_slice` into the typed
//! request (with JSON paths, and numbers kept exactly) against `serde_json::from_slice::<Value>`.

use std::hint::black_box;
use std::time::Instant;

use seam_types::PushDataRequest;

use crate::stats::{median, Paired};

/// Throughputs in MB/s of the typed read (`a`) and of `serde_json::Value` (`b`), and the typed
/// read's median milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct ReadThroughput {
    /// Typed read vs `Value`.
    pub paired: Paired,
    /// Median milliseconds of one typed read.
    pub typed_ms: f64,
}

/// Reads `body` `rounds` times each way, alternating; checks first that the typed read writes the
/// same bytes back.
pub fn compare(body: &[u8], rounds: usize) -> Result<ReadThroughput, String> {
    let typed: PushDataRequest = seam_types::json::from_slice(body).map_err(|e| e.to_string())?;
    if serde_json::to_vec(&typed).map_err(|e| e.to_string())? != body {
        return Err("the typed read does not write the same bytes back".into());
    }
    drop(typed);
    let mb = body.len() as f64 / 1e6;
    let (mut typed_rates, mut value_rates, mut typed_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let started = Instant::now();
        let typed = seam_types::json::from_slice::<PushDataRequest>(black_box(body));
        let took = started.elapsed().as_secs_f64();
        drop(black_box(typed.map_err(|e| e.to_string())?));
        typed_rates.push(mb / took);
        typed_ms.push(took * 1e3);

        let started = Instant::now();
        let value = serde_json::from_slice::<serde_json::Value>(black_box(body));
        let took = started.elapsed().as_secs_f64();
        drop(black_box(value.map_err(|e| e.to_string())?));
        value_rates.push(mb / took);
    }
    Ok(ReadThroughput {
        paired: Paired::of(&typed_rates, &value_rates),
        typed_ms: median(&typed_ms),
    })
}
