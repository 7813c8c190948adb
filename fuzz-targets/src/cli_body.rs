//! `cli_body`: bytes given to `seam ... --body`, read by the CLI's reader into each request type,
//! and pretty-printed as `--dry-run` does.
//!
//! The input is the body bytes. Checked: [`seam_cli::body::read_request`] returns for every request
//! type (no panic), and whatever it accepts is one JSON object; for any well-formed JSON,
//! [`seam_cli::pretty::write_pretty`] prints a document that reads back as the same JSON value.

use seam_cli::body::read_request;
use seam_cli::pretty::{is_json, write_pretty};
use seam_types::{CreateDeepLinkRequest, CreatePortalRequest, DeleteDataRequest, PushDataRequest};
use serde::de::DeserializeOwned;
use serde_json::ser::PrettyFormatter;
use serde_json::Value;

/// The target: read `data` as every request type, and pretty-print it when it is JSON.
pub fn run(data: &[u8]) {
    read_as::<CreatePortalRequest>(data);
    read_as::<PushDataRequest>(data);
    read_as::<DeleteDataRequest>(data);
    read_as::<CreateDeepLinkRequest>(data);
    if is_json(data) {
        let mut out = Vec::new();
        write_pretty(&mut out, &mut PrettyFormatter::new(), data)
            .expect("writing to a Vec cannot fail");
        let printed: Value = serde_json::from_slice(&out).unwrap_or_else(|e| {
            panic!(
                "pretty output is not JSON ({e}): {}",
                String::from_utf8_lossy(&out)
            )
        });
        let original: Value = serde_json::from_slice(data).expect("is_json said it is JSON");
        assert_eq!(printed, original, "pretty printing changed the value");
    }
}

fn read_as<T: DeserializeOwned>(data: &[u8]) {
    match read_request::<T>(data) {
        Ok(_) => {
            let value: Value = serde_json::from_slice(data).expect("an accepted body is JSON");
            assert!(value.is_object(), "an accepted body is not an object");
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(!shown.is_empty(), "an empty error message");
        }
    }
}
