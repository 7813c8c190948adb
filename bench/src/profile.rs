//! `--profile sdk|transport|raw`: one end-to-end client alone, for a profiler such as
//! `valgrind --tool=callgrind`; prints requests/s, requests served and connections used.

use std::sync::Arc;

use crate::load::{requests_per_second, Limits};
use crate::options::Options;
use crate::raw::RawClient;
use crate::sdk;
use crate::server::Server;
use crate::table::thousands;

/// `--profile sdk|transport|raw`: one client, `--tasks` tasks, bounded by `--requests` and
/// `--seconds`. `transport` is the SDK's hyper transport alone, sending raw's prepared request and
/// parsing into a JSON value as raw does: the gap between it and `raw` is the transport's, the
/// gap between `sdk` and it is validation, building, the executor and the typed parse.
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
        } else if who == "transport" {
            let transport = Arc::new(sdk::transport()?);
            let template = Arc::new(sdk::create_portal_wire(&sdk::config(&url)?)?);
            let call = Arc::new(move || {
                let transport = transport.clone();
                let template = template.clone();
                async move { sdk::send_through(&transport, &template).await.map(drop) }
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
