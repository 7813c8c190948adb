//! Sending for real: one call through the SDK's executor over seam-http's hyper transport.

use std::time::{Duration, Instant};

use seam_core::exec::{execute, CallOptions, Runtime};
use seam_core::operation::Operation;
use seam_core::BoxFuture;
use seam_http::HyperTransport;

use crate::exit::CliError;
use crate::sdk_error::from_sdk;
use crate::target::Target;

/// Tokio timers and a process-local clock for the executor.
struct TokioRuntime {
    origin: Instant,
}

impl Runtime for TokioRuntime {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
    fn random(&self) -> f64 {
        // Jitter only needs to differ between runs; sub-second clock noise is enough for a CLI.
        f64::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos()),
        ) / 1e9
    }
}

/// Sends `op` with the target's configuration; the typed result, or the mapped error.
pub async fn send<O: Operation>(target: &Target, op: &O) -> Result<O::Output, CliError> {
    let transport = HyperTransport::new()
        .map_err(|e| CliError::internal(format!("could not set up HTTPS: {e}")))?;
    let runtime = TokioRuntime {
        origin: Instant::now(),
    };
    let (result, _report) = execute(
        &target.config,
        &transport,
        &runtime,
        op,
        &CallOptions::new(),
    )
    .await;
    result.map_err(|e| from_sdk(&e))
}
