//! Part 2: the big push_data request, through the SDK path (`seam_core::build`: validate, serialize,
//! URL and headers) against plain `serde_json::to_vec` of the same typed value, in alternating runs.

use std::hint::black_box;
use std::time::Instant;

use seam_core::operation::PushData;
use seam_core::Config;
use seam_types::Validate;

use crate::stats::{median, Paired};
use crate::{proto_validate, sdk};

/// Throughputs in MB/s (10^6 bytes) for the SDK path (`a`) and plain `to_vec` (`b`), plus the
/// median time of `validate()` alone, for the record.
#[derive(Clone, Copy, Debug)]
pub struct Throughput {
    /// SDK path vs `to_vec`.
    pub paired: Paired,
    /// Median milliseconds of one `validate()` call.
    pub validate_ms: f64,
    /// Median milliseconds of one SDK path run.
    pub sdk_ms: f64,
    /// Median milliseconds of one `to_vec`.
    pub plain_ms: f64,
    /// Median milliseconds of the lazy-path validation prototype ([`crate::proto_validate`]).
    pub lazy_validate_ms: f64,
}

/// Runs the SDK path and `to_vec` `rounds` times each, alternating, on `op`'s request of `len` bytes.
pub fn compare(
    config: &Config,
    op: &PushData,
    len: usize,
    rounds: usize,
) -> Result<Throughput, String> {
    // Warm-up (page faults, allocator arenas) and a check that both produce the same bytes.
    let built = sdk::build_push_data(config, op)?;
    let plain = serde_json::to_vec(&op.0).map_err(|e| e.to_string())?;
    if built.body().as_ref() != plain.as_slice() {
        return Err("the SDK body differs from serde_json::to_vec".into());
    }
    drop((built, plain));

    let mb = len as f64 / 1e6;
    let (mut sdk_rates, mut plain_rates) = (Vec::new(), Vec::new());
    let (mut sdk_ms, mut plain_ms, mut validate_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut lazy_ms = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let request = sdk::build_push_data(config, op)?;
        let took = started.elapsed().as_secs_f64();
        drop(black_box(request));
        sdk_rates.push(mb / took);
        sdk_ms.push(took * 1e3);

        let started = Instant::now();
        let body = serde_json::to_vec(black_box(&op.0)).map_err(|e| e.to_string())?;
        let took = started.elapsed().as_secs_f64();
        drop(black_box(body));
        plain_rates.push(mb / took);
        plain_ms.push(took * 1e3);

        let started = Instant::now();
        black_box(black_box(&op.0).validate()).map_err(|e| e.to_string())?;
        validate_ms.push(started.elapsed().as_secs_f64() * 1e3);

        let started = Instant::now();
        let violations = proto_validate::validate(black_box(&op.0));
        lazy_ms.push(started.elapsed().as_secs_f64() * 1e3);
        if !violations.is_empty() {
            return Err("the lazy-path prototype found violations".into());
        }
    }
    Ok(Throughput {
        paired: Paired::of(&sdk_rates, &plain_rates),
        validate_ms: median(&validate_ms),
        sdk_ms: median(&sdk_ms),
        plain_ms: median(&plain_ms),
        lazy_validate_ms: median(&lazy_ms),
    })
}

/// Wraps the request once (outside any timing) as the SDK operation.
pub fn operation(request: seam_types::PushDataRequest) -> PushData {
    sdk::push_data(request)
}
