//! Part 3: reading a create_portal response, `seam_core::parse` (status, JSON, typed
//! `customer_portal`) against `serde_json::from_slice::<Value>` of the same bytes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::timing::{ns_per_call, ns_per_op};

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
        sdk_ns.push(ns_per_op(per_round, || {
            let batch: Vec<_> = (0..BATCH).map(|_| response(body)).collect();
            let started = Instant::now();
            for response in batch {
                black_box(sdk::parse_create_portal(black_box(response)).ok());
            }
            (started.elapsed(), BATCH as u64)
        }));
        value_ns.push(ns_per_call(per_round, BATCH as u64, || {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)).ok());
        }));
    }
    Ok(Paired::of(&sdk_ns, &value_ns))
}

/// The response as the transport hands it to the SDK: 200, JSON content type, request id, body.
pub fn response(body: &Bytes) -> http::Response<Bytes> {
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
