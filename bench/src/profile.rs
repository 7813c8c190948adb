//! `--profile sdk|raw`: one end-to-end client alone, for a profiler such as
//! `valgrind --tool=callgrind`; prints requests/s, requests served and connections used.

use std::sync::Arc;

use crate::load::{requests_per_second, Limits};
use crate::options::Options;
use crate::raw::RawClient;
use crate::sdk;
use crate::server::Server;
use crate::table::thousands;

/// `--profile sdk|raw`: one client, `--tasks` tasks, bounded by `--requests` and `--seconds`.
pub fn run(
    options: &Options,
    who: &str,
    server: &Server,
    runtime: &tokio::runtime::Runtime,
) -> Result<String, String> {
    let url = server.url();
    eprintln!("seam-bench: profiling `{who}` against {url}");
    let limits = Limits {
        requests: options.e2e_requests,
        time: options.e2e_time,
    };
    let rate = runtime.block_on(async {
        if who == "sdk" {
            let seam = Arc::new(sdk::client(&url)?);
            let request = Arc::new(sdk::create_portal_request());
            let call = Arc::new(move || {
                let seam = seam.clone();
                let request = request.clone();
                async move { sdk::create_portal(&seam, &request).await.map(drop) }
            });
            requests_per_second(options.profile_tasks, limits, call).await
        } else {
            let raw = Arc::new(RawClient::new(sdk::create_portal_wire(&sdk::config(
                &url,
            )?)?));
            let call = Arc::new(move || {
                let raw = raw.clone();
                async move { raw.call().await.map(drop) }
            });
            requests_per_second(options.profile_tasks, limits, call).await
        }
    })?;
    Ok(format!(
        "{who}: {} req/s, {} requests served on {} connections",
        thousands(rate),
        server.served(),
        server.connections()
    ))
}
