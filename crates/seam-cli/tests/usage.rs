//! Everything that must fail before a request is sent: exit 2, stdout empty, stderr says why.

mod common;

use common::{seam, TEST_KEY};

const CREATE: [&str; 2] = ["customers", "create-portal"];

fn create(extra: &[&str]) -> Vec<String> {
    CREATE
        .iter()
        .chain(extra)
        .map(|s| (*s).to_owned())
        .collect()
}

#[test]
fn unknown_field_in_body_is_named_by_json_path() {
    let body = r#"{"customer_data": {"customer_key": "acme", "spaces": [{"space_key": "s1", "nmae": "Lobby"}]}}"#;
    let run = seam(create(&["--body", "-", "--dry-run"]))
        .env("SEAM_API_KEY", TEST_KEY)
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
        run.stderr.contains("customer_data.spaces[0]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nmae"), "{}", run.stderr);
}

#[test]
fn wrong_type_in_body_is_named_by_json_path() {
    let run = seam(create(&["--body", "-"]))
        .env("SEAM_API_KEY", TEST_KEY)
        .stdin(r#"{"is_embedded": "yes"}"#)
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("is_embedded"), "{}", run.stderr);
}

#[test]
fn body_that_is_not_json_names_the_flag() {
    let run = seam(create(&["--body", "-", "--fake"]))
        .stdin("{nope")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("--body is not valid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_body_file_names_the_file() {
    let run = seam(create(&[
        "--body",
        "/nonexistent/seam-cli-test.json",
        "--fake",
    ]))
    .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("/nonexistent/seam-cli-test.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_landing_page_is_a_usage_error_listing_the_kinds() {
    let run = seam(create(&["--landing-page", "garage=1", "--fake"])).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--landing-page"), "{}", run.stderr);
    assert!(run.stderr.contains("property_listing"), "{}", run.stderr);
}

#[test]
fn bad_timeout_names_the_flag() {
    let run = seam(create(&["--timeout", "10h", "--fake"])).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--timeout"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown unit"), "{}", run.stderr);
}

#[test]
fn no_credentials_and_no_endpoint_suggests_fake() {
    let run = seam(create(&["--customer-key", "acme"])).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("SEAM_API_KEY"), "{}", run.stderr);
    assert!(run.stderr.contains("--fake"), "{}", run.stderr);
}

#[test]
fn fake_and_endpoint_conflict() {
    let run = seam(create(&["--fake", "--endpoint", "http://127.0.0.1:1"])).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--endpoint"), "{}", run.stderr);
}

#[test]
fn help_documents_exit_codes_and_credentials() {
    let run = seam(["--help"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    for needle in [
        "2  usage error or invalid input",
        "3  the API answered with an error",
        "4  network failure",
        "SEAM_API_KEY",
        "--fake",
    ] {
        assert!(
            run.stdout.contains(needle),
            "missing {needle:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn completions_are_generated_for_bash() {
    let run = seam(["completions", "bash"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("complete"), "{}", run.stdout);
    assert!(run.stdout.contains("create-portal"), "{}", run.stdout);
    assert!(run.stdout.contains("--landing-page"), "{}", run.stdout);
}

#[test]
fn delete_with_no_keys_is_refused() {
    let run = seam(["customers", "delete-data", "--fake"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: nothing to delete"),
        "{}",
        run.stderr
    );
}

#[test]
fn violations_caused_by_a_flag_name_the_flag() {
    let run = seam(create(&["--customer-key", "", "--fake"])).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("customer_data.customer_key: ")
            && run.stderr.contains("(set by --customer-key)"),
        "{}",
        run.stderr
    );
}

#[test]
fn malformed_api_key_is_refused_without_echoing_it() {
    let run = seam(create(&["--customer-key", "acme"]))
        .env("SEAM_API_KEY", "not-a-seam-key-0123456789")
        .secret("not-a-seam-key-0123456789")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("API key"), "{}", run.stderr);
}
