//! Part 3: reading a create_portal response, `seam_core::parse` (status, JSON, typed
//! `customer_portal`) against `serde_json::from_slice::<Value>` of the same bytes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::sdk;
use crate::server::REQUEST_ID;
use crate::stats::Paired;

/// Responses parsed per timed batch (built before the clock starts).
const BATCH: usize = 2_000;

/// Nanoseconds per parse for the SDK (`a`) and for `serde_json::Value` (`b`), alternating rounds
/// of about `per_round` each.
pub fn compare(body: &Bytes, rounds: usize, per_round: Duration) -> Result<Paired, String> {
    sdk::parse_create_portal(response(body))?;
    let (mut sdk_ns, mut value_ns) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        sdk_ns.push(timed(per_round, || {
            let batch: Vec<_> = (0..BATCH).map(|_| response(body)).collect();
            let started = Instant::now();
            for response in batch {
                black_box(sdk::parse_create_portal(black_box(response)).ok());
            }
            started.elapsed()
        }));
        value_ns.push(timed(per_round, || {
            let started = Instant::now();
            for _ in 0..BATCH {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)).ok());
            }
            started.elapsed()
        }));
    }
    Ok(Paired::of(&sdk_ns, &value_ns))
}

/// Repeats `batch` (which times `BATCH` parses) until `per_round` of measured time; ns per parse.
fn timed(per_round: Duration, mut batch: impl FnMut() -> Duration) -> f64 {
    let (mut spent, mut count) = (Duration::ZERO, 0u64);
    while spent < per_round {
        spent += batch();
        count += BATCH as u64;
    }
    spent.as_nanos() as f64 / count as f64
}

/// The response as the transport hands it to the SDK: 200, JSON content type, request id, body.
fn response(body: &Bytes) -> http::Response<Bytes> {
    let mut response = http::Response::new(body.clone());
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(
        "seam-request-id",
        http::HeaderValue::from_static(REQUEST_ID),
    );
    response
}
