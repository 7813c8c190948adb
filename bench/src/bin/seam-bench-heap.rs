//! `seam-bench-heap SIZE`: peak heap of the SDK path for a push_data of about SIZE bytes, measured
//! under a counting global allocator; prints one `peaks ...` line for `seam-bench` to read.
#![forbid(unsafe_code)]

use peak_alloc::PeakAlloc;
use seam_bench::heap::Peaks;
use seam_bench::{payload, sdk, serialize};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn main() {
    if let Err(message) = run() {
        eprintln!("seam-bench-heap: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let target: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .ok_or("usage: seam-bench-heap SIZE_IN_BYTES")?;
    let config = sdk::config("http://127.0.0.1:9")?;

    let before_request = HEAP.current_usage();
    let op = serialize::operation(payload::portfolio(target));
    let request = HEAP.current_usage().saturating_sub(before_request);

    let (sdk_peak, payload) =
        peak_of(|| sdk::build_push_data(&config, &op).map(|built| built.body().len()))?;
    let (plain, _) = peak_of(|| {
        serde_json::to_vec(&op.0)
            .map(|body| body.len())
            .map_err(|e| e.to_string())
    })?;
    let peaks = Peaks {
        payload,
        sdk: sdk_peak,
        plain,
        request,
    };
    println!("{}", peaks.to_line());
    Ok(())
}

/// Runs `step` and returns the highest heap it had live above what was live before it started,
/// with the step's result (whose allocations are freed before returning).
fn peak_of<T>(step: impl FnOnce() -> Result<T, String>) -> Result<(usize, T), String> {
    HEAP.reset_peak_usage();
    let before = HEAP.current_usage();
    let value = step()?;
    Ok((HEAP.peak_usage().saturating_sub(before), value))
}
