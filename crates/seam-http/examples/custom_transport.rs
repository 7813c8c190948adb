//! Plugs a custom transport into `Seam`: a closure that logs each request's method and URI, then either
//! delegates to the default `HyperTransport` (when `SEAM_API_KEY` is set) or answers with a canned portal.
//!
//! ```text
//! cargo run -p seamapi-http --example custom_transport
//! ```

use std::sync::Arc;

// Only `seam-http` is needed: it re-exports the `http` and `bytes` crates a transport speaks.
use seam_http::bytes::Bytes;
use seam_http::{
    http, Config, CreatePortalRequest, Credentials, HyperTransport, Seam, Transport as _,
    TransportError,
};

/// A response shaped like the API's, for running without credentials.
fn canned_portal() -> http::Response<Bytes> {
    let body = r#"{"ok": true, "customer_portal": {
        "url": "https://portal.example/magic/offline-demo",
        "customer_key": "customer_1",
        "workspace_id": "00000000-0000-0000-0000-000000000001",
        "created_at": "2025-01-01T00:00:00Z",
        "expires_at": "2025-01-02T00:00:00Z"}}"#;
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("seam-request-id", "req_offline_demo")
        .body(Bytes::from_static(body.as_bytes()))
        .expect("static response is valid")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let live = std::env::var("SEAM_API_KEY").is_ok();
    let config = if live {
        Config::from_env()?
    } else {
        Config::builder()
            .credentials(Credentials::api_key("seam_offline_demo_key")?)
            .build()?
    };

    let hyper = Arc::new(HyperTransport::new()?);
    let transport = move |request: http::Request<Bytes>| {
        let hyper = hyper.clone();
        async move {
            // Method and URI only: headers hold the credentials and are never printed.
            eprintln!("-> {} {}", request.method(), request.uri());
            let response = if live {
                hyper.send(request).await?
            } else {
                canned_portal()
            };
            eprintln!("<- {}", response.status());
            Ok::<_, TransportError>(response)
        }
    };

    let seam = Seam::with_transport(config, transport);
    let portal = seam
        .customers()
        .create_portal(CreatePortalRequest::new())
        .send()
        .await?;
    println!("{}", portal.url);
    Ok(())
}
