//! `--dry-run`: the built request as one JSON object on stdout, secrets redacted, nothing sent.

mod common;

use common::{closed_port, seam, TEST_KEY};
use serde_json::Value;

/// Parses a dry run's stdout (exactly one JSON object) and replaces the SDK version, which changes
/// with every release, by `[version]`.
fn normalized(stdout: &str) -> Value {
    let mut value: Value = serde_json::from_str(stdout).expect("stdout is one JSON object");
    let headers = value["headers"].as_object_mut().expect("headers object");
    for (name, header) in headers.iter_mut() {
        let text = header.as_str().expect("header values are strings");
        let version = env!("CARGO_PKG_VERSION");
        if text.contains(version) && (name == "user-agent" || name.starts_with("seam-sdk")) {
            *header = Value::String(text.replace(version, "[version]"));
        }
    }
    value
}

#[test]
fn create_portal_dry_run_shows_the_request_with_the_key_redacted() {
    // The endpoint is a closed port: if anything were sent, this would fail with exit 4.
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    let run = seam([
        "customers",
        "create-portal",
        "--dry-run",
        "--endpoint",
        &endpoint,
        "--customer-key",
        "acme",
        "--locale",
        "fr-FR",
        "--embedded",
        "--navigation-mode",
        "restricted",
        "--landing-page",
        "property_listing=pl-7",
    ])
    .env("SEAM_API_KEY", TEST_KEY)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let mut value = normalized(&run.stdout);
    assert_eq!(value["url"], format!("{endpoint}/customers/create_portal"));
    assert_eq!(value["headers"]["authorization"], "[redacted]");
    value["url"] = Value::String("[endpoint]/customers/create_portal".into());
    insta::assert_json_snapshot!("create_portal", value);
}

#[test]
fn push_data_dry_run_works_offline_with_a_placeholder_key() {
    let body = r#"{
        "customer_key": "acme",
        "spaces": [{"space_key": "lobby", "name": "Lobby"}],
        "users": [{"user_key": "u1", "name": "Ada", "email_address": "ada@example.test"}]
    }"#;
    let run = seam(["customers", "push-data", "--dry-run", "--body", "-"])
        .stdin(body)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "note: no credentials configured; the dry run uses a placeholder key\n"
    );
    let value = normalized(&run.stdout);
    assert_eq!(value["headers"]["authorization"], "[redacted]");
    insta::assert_json_snapshot!("push_data", value);
}

#[test]
fn delete_data_dry_run_puts_keys_in_the_query_and_has_no_body() {
    let run = seam([
        "customers",
        "delete-data",
        "--dry-run",
        "--customer-key",
        "acme",
        "--space-key",
        "lobby",
        "--space-key",
        "roof top",
    ])
    .env("SEAM_API_KEY", TEST_KEY)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let value = normalized(&run.stdout);
    assert_eq!(value["method"], "DELETE");
    assert_eq!(value["body"], Value::Null);
    insta::assert_json_snapshot!("delete_data", value);
}

#[test]
fn dry_run_reports_every_violation_and_prints_nothing() {
    // Two problems at once: an empty customer key and a space without a key.
    let body = r#"{"customer_data": {"customer_key": "", "spaces": [{"space_key": "", "name": "Lobby"}]}}"#;
    let run = seam(["customers", "create-portal", "--dry-run", "--body", "-"])
        .stdin(body)
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: invalid request"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("customer_data.customer_key"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("customer_data.spaces[0].space_key"),
        "{}",
        run.stderr
    );
}

#[test]
fn api_key_flag_warns_and_never_echoes_the_key() {
    let run = seam([
        "customers",
        "create-portal",
        "--dry-run",
        "--api-key",
        TEST_KEY,
        "--customer-key",
        "acme",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("shell history"), "{}", run.stderr);
    let value = normalized(&run.stdout);
    assert_eq!(value["headers"]["authorization"], "[redacted]");
    assert_eq!(
        value["url"],
        "https://connect.getseam.com/customers/create_portal"
    );
}

#[test]
fn flags_override_the_body_field_by_field() {
    let body = r#"{"customer_data": {"customer_key": "old", "units": [{"unit_key": "u1", "name": "Unit 1"}]},
                  "locale": "de-DE", "read_only": true}"#;
    let run = seam([
        "customers",
        "create-portal",
        "--dry-run",
        "--body",
        "-",
        "--customer-key",
        "new",
        "--read-only=false",
    ])
    .env("SEAM_API_KEY", TEST_KEY)
    .stdin(body)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let value = normalized(&run.stdout);
    assert_eq!(
        value["body"],
        serde_json::json!({
            "customer_data": {"customer_key": "new", "units": [{"unit_key": "u1", "name": "Unit 1"}]},
            "locale": "de-DE",
            "read_only": false
        })
    );
}

#[test]
fn personal_access_token_sends_the_workspace_and_hides_the_token() {
    let token = "seam_at_testtoken_Pr1vate_0003";
    let run = seam([
        "customers",
        "create-portal",
        "--dry-run",
        "--customer-key",
        "acme",
    ])
    .env("SEAM_PERSONAL_ACCESS_TOKEN", token)
    .env("SEAM_WORKSPACE_ID", "ws_123")
    .secret(token)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let value = normalized(&run.stdout);
    assert_eq!(value["headers"]["authorization"], "[redacted]");
    assert_eq!(value["headers"]["seam-workspace"], "ws_123");
}

/// The delete query is the official SDKs' strict one: names sorted, a comma kept inside its key
/// (`%2C`), and `_strict=true` last so the API does not split `a,b` into two keys.
#[test]
fn delete_data_query_is_sorted_and_strict() {
    let run = seam([
        "--dry-run",
        "customers",
        "delete-data",
        "--customer-key",
        "a,b",
        "--building-key",
        "x",
    ])
    .env("SEAM_API_KEY", TEST_KEY)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let value = normalized(&run.stdout);
    assert_eq!(
        value["url"],
        "https://connect.getseam.com/customers/delete_data?building_keys=x&customer_keys=a%2Cb&_strict=true"
    );
}
