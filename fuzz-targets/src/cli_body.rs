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
        assert!(
            is_json(&out),
            "pretty output is not JSON: {}",
            String::from_utf8_lossy(&out)
        );
        // The printer may only move whitespace: every token is copied as written (a number such as
        // `1E400`, which serde_json cannot hold as a value, included).
        assert_eq!(
            without_layout(&out),
            without_layout(data),
            "pretty printing changed a token"
        );
        // Where serde_json can read the document, the value is the same too.
        if let Ok(original) = serde_json::from_slice::<Value>(data) {
            let printed: Value = serde_json::from_slice(&out).expect("same tokens, same reading");
            assert_eq!(printed, original, "pretty printing changed the value");
        }
    }
}

/// `json` without the whitespace between its tokens (whitespace inside strings kept).
fn without_layout(json: &[u8]) -> Vec<u8> {
    let mut kept = Vec::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for &byte in json {
        if in_string {
            kept.push(byte);
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
        } else if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            in_string = byte == b'"';
            kept.push(byte);
        }
    }
    kept
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `cargo xtask fuzz` (cli_body, 2026-12-02): a number too large for an f64 is valid
    /// JSON and is printed as written, but the old check read the output back through serde_json,
    /// which refuses it.
    #[test]
    fn a_number_beyond_f64_is_printed_as_written() {
        run(br#"{"f_s":[222222222222222222222E222222222]}"#);
        run(br#"{"customer_key":"a","x":1E400}"#);
        run(br#"{"customer_data":{"customer_key":"a","buildings":[{"building_key":"b","name":"n","latitude":1E400}]}}"#);
    }

    #[test]
    fn layout_is_dropped_only_outside_strings() {
        assert_eq!(
            without_layout(b"{ \"a b\" : [ 1 ,\n\t\"\\\" x\" ] }"),
            b"{\"a b\":[1,\"\\\" x\"]}".to_vec()
        );
    }
}
