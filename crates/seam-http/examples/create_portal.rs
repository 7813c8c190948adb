//! Creates a Customer Portal link with credentials from the environment.
//!
//! ```text
//! SEAM_API_KEY=seam_... cargo run -p seamapi-http --example create_portal -- customer_1
//! ```

use std::process::ExitCode;

use seam_http::{CreatePortalRequest, CustomerData, Seam};

#[tokio::main]
async fn main() -> ExitCode {
    let customer_key = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "customer_1".to_owned());

    let seam = match Seam::from_env() {
        Ok(seam) => seam,
        Err(err) if err.is_config() || err.kind() == seam_http::ErrorKind::Credentials => {
            eprintln!("{err}");
            eprintln!();
            eprintln!("Set credentials first, for example:");
            eprintln!("  export SEAM_API_KEY=seam_...");
            eprintln!("or");
            eprintln!("  export SEAM_PERSONAL_ACCESS_TOKEN=seam_at... SEAM_WORKSPACE_ID=...");
            eprintln!("Optionally point SEAM_ENDPOINT at another server (http:// is allowed for 127.0.0.1).");
            return ExitCode::from(2);
        }
        Err(err) => {
            eprintln!("could not create the client: {err}");
            return ExitCode::FAILURE;
        }
    };

    let request = CreatePortalRequest::new().with_customer_data(CustomerData::new(customer_key));
    match seam.customers().create_portal(request).send().await {
        Ok(portal) => {
            println!("{}", portal.url);
            eprintln!(
                "for {} in workspace {}, valid until {}",
                portal.customer_key, portal.workspace_id, portal.expires_at
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("create_portal failed: {err}");
            if let Some(id) = err.request_id() {
                eprintln!("seam-request-id: {id}");
            }
            ExitCode::FAILURE
        }
    }
}
