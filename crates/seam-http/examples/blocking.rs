//! The blocking client: a Customer Portal link from plain `fn main`, no async runtime of your own.
//!
//! ```text
//! SEAM_API_KEY=seam_... cargo run -p seamapi-http --features blocking --example blocking -- customer_1
//! ```
//!
//! Against the local fake instead: start `cargo run -p seamapi-fake`, then set `SEAM_ENDPOINT` and
//! `SEAM_API_KEY` to what it prints.

use std::time::Duration;

use seam_http::blocking::Seam;
use seam_http::{CreatePortalRequest, CustomerData, Locale};

fn main() -> Result<(), seam_http::Error> {
    let customer_key = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "customer_1".to_owned());
    let seam = Seam::from_env()?;

    // Passed by reference: the request is not copied and stays ours after the call.
    let request =
        CreatePortalRequest::from(CustomerData::new(customer_key)).with_locale(Locale::EnUs);
    let portal = seam
        .customers()
        .create_portal(&request)
        .timeout(Duration::from_secs(10))
        .send()
        .inspect_err(|err| eprintln!("create_portal failed (request id {:?})", err.request_id()))?;

    println!("{}", portal.url);
    eprintln!(
        "for {} in locale {:?}, valid until {}",
        portal.customer_key, request.locale, portal.expires_at
    );
    Ok(())
}
