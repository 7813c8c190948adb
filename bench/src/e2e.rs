//! Part 1: `create_portal` end to end on loopback, the `Seam` client against raw hyper, in
//! alternating rounds (SDK, raw, SDK, raw, ...) at a given concurrency.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use crate::load::{requests_per_second, Limits};
use crate::raw::RawClient;
use crate::sdk::{self, Seam};
use crate::server::Server;
use crate::stats::Paired;

/// How long and how often to run.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Alternating rounds (each runs the SDK once and raw once).
    pub rounds: usize,
    /// Limits of one run.
    pub limits: Limits,
}

/// Runs the SDK and the raw client `settings.rounds` times each, alternating, at `concurrency`
/// tasks sharing one client each; returns requests/s (SDK as `a`, raw as `b`).
pub async fn compare(
    concurrency: usize,
    settings: Settings,
    seam: Arc<Seam>,
    raw: Arc<RawClient>,
) -> Result<Paired, String> {
    let request = Arc::new(sdk::create_portal_request());
    let sdk_call = Arc::new(move || {
        let seam = seam.clone();
        let request = request.clone();
        async move {
            let portal = sdk::create_portal(&seam, &request).await?;
            black_box(portal);
            Ok(())
        }
    });
    let raw_call = Arc::new(move || {
        let raw = raw.clone();
        async move {
            let value = raw.call().await?;
            black_box(value);
            Ok(())
        }
    });
    // Warm-up: open every connection both clients will use and fault in the code paths.
    let warm = Limits {
        requests: concurrency as u64 * 32,
        time: Duration::from_secs(2),
    };
    requests_per_second(concurrency, warm, sdk_call.clone()).await?;
    requests_per_second(concurrency, warm, raw_call.clone()).await?;

    let mut sdk_rates = Vec::with_capacity(settings.rounds);
    let mut raw_rates = Vec::with_capacity(settings.rounds);
    for _ in 0..settings.rounds {
        sdk_rates.push(requests_per_second(concurrency, settings.limits, sdk_call.clone()).await?);
        raw_rates.push(requests_per_second(concurrency, settings.limits, raw_call.clone()).await?);
    }
    Ok(Paired::of(&sdk_rates, &raw_rates))
}

/// Sends one request through each client and compares what the server received; `Ok(None)` when
/// the two are byte-identical (request line, headers, body), otherwise a short description of the
/// difference.
pub async fn wire_difference(
    server: &Server,
    seam: &Seam,
    raw: &RawClient,
) -> Result<Option<String>, String> {
    server.capture_next();
    sdk::create_portal(seam, &sdk::create_portal_request()).await?;
    let from_sdk = server
        .take_captured()
        .ok_or("the server saw no SDK request")?;
    server.capture_next();
    raw.call().await?;
    let from_raw = server
        .take_captured()
        .ok_or("the server saw no raw request")?;
    let mut differences = Vec::new();
    if from_sdk.line != from_raw.line {
        differences.push(format!(
            "request line {} vs {}",
            from_sdk.line, from_raw.line
        ));
    }
    if from_sdk.body != from_raw.body {
        differences.push("body".to_owned());
    }
    for name in from_sdk.headers.keys().chain(from_raw.headers.keys()) {
        let a: Vec<_> = from_sdk.headers.get_all(name).iter().collect();
        let b: Vec<_> = from_raw.headers.get_all(name).iter().collect();
        if a != b && !differences.iter().any(|d| d == name.as_str()) {
            differences.push(name.as_str().to_owned());
        }
    }
    Ok((!differences.is_empty()).then(|| differences.join(", ")))
}
