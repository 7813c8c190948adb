//! Commands that really send: against `--fake` (the embedded fake) or a `FakeSeam` started here,
//! on 127.0.0.1 only. Covers success output, API errors (exit 3) and network failures (exit 4).

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::time::Duration;

use common::{closed_port, seam, Run, Seam, WRONG_KEY};
use seam_fake::{FakeSeam, Fault};
use serde_json::Value;

/// `--fake` generates a random `seam_fake_...` key per run; it must never be printed.
fn assert_no_fake_key(run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains("seam_fake_"),
            "the fake's key leaked:\n{run:?}"
        );
    }
}

/// Runs the binary on a blocking thread so the in-process fake keeps serving meanwhile.
async fn run_blocking(command: Seam) -> Run {
    tokio::task::spawn_blocking(move || command.run())
        .await
        .expect("runner thread")
}

#[test]
fn fake_happy_path_prints_just_the_url() {
    let run = seam([
        "customers",
        "create-portal",
        "--fake",
        "--customer-key",
        "acme",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    assert_no_fake_key(&run);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line: {:?}", run.stdout);
    assert!(run.stdout.ends_with('\n'));
    let url = lines[0];
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(!url.contains(char::is_whitespace), "{url}");
}

#[test]
fn fake_output_json_is_the_typed_portal() {
    let run = seam([
        "customers",
        "create-portal",
        "--fake",
        "--customer-key",
        "acme",
        "--output",
        "json",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_no_fake_key(&run);
    let portal: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let mut fields: Vec<&str> = portal
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "created_at",
            "customer_key",
            "expires_at",
            "url",
            "workspace_id"
        ]
    );
    assert_eq!(portal["customer_key"], "acme");
    assert!(portal["url"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    assert!(
        run.stdout.contains("\n  \""),
        "pretty-printed: {}",
        run.stdout
    );
}

#[test]
fn fake_push_and_delete_print_nothing_or_ok_json() {
    let body = r#"{"customer_key": "acme", "spaces": [{"space_key": "lobby", "name": "Lobby"}]}"#;
    let run = seam(["customers", "push-data", "--fake", "--body", "-"])
        .stdin(body)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_no_fake_key(&run);

    let run = seam([
        "customers",
        "delete-data",
        "--fake",
        "-o",
        "json",
        "--customer-key",
        "acme",
        "--space-key",
        "lobby",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_no_fake_key(&run);
    let ok: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(ok, serde_json::json!({"ok": true}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_key_is_an_api_error_with_type_and_request_id() {
    let fake = FakeSeam::start().await.expect("fake starts");
    let run = run_blocking(
        seam([
            "customers",
            "create-portal",
            "--endpoint",
            &fake.base_url(),
            "--customer-key",
            "acme",
        ])
        .env("SEAM_API_KEY", WRONG_KEY)
        .secret(fake.api_key()),
    )
    .await;
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.stdout, "");
    let mut lines = run.stderr.lines();
    assert_eq!(
        lines.next(),
        Some("error: the API returned an error (HTTP 401)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\n  type: "), "{}", run.stderr);
    assert!(run.stderr.contains("\n  request id: "), "{}", run.stderr);
    assert_eq!(fake.counters().requests("/customers/create_portal"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn right_key_from_the_environment_works_and_stays_secret() {
    let fake = FakeSeam::start().await.expect("fake starts");
    let run = run_blocking(
        seam([
            "customers",
            "create-portal",
            "--endpoint",
            &fake.base_url(),
            "--customer-key",
            "acme",
            "--landing-page",
            "space=lobby",
        ])
        .env("SEAM_API_KEY", fake.api_key())
        .secret(fake.api_key()),
    )
    .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&fake.base_url()), "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_error_envelope_is_exit_3_after_retries() {
    let fake = FakeSeam::start().await.expect("fake starts");
    let envelope = serde_json::json!({
        "error": {"type": "service_unavailable", "message": "the fake is down for the test"}
    });
    fake.faults()
        .always("/customers/create_portal", Fault::json(503, &envelope));
    let run = run_blocking(
        seam([
            "customers",
            "create-portal",
            "--endpoint",
            &fake.base_url(),
            "--customer-key",
            "acme",
            "--retries",
            "1",
            "--timeout",
            "20s",
        ])
        .env("SEAM_API_KEY", fake.api_key())
        .secret(fake.api_key()),
    )
    .await;
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: the API returned an error (HTTP 503)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\n  type: service_unavailable\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("\n  message: the fake is down for the test\n"),
        "{}",
        run.stderr
    );
    // create_portal is not idempotent, so it is sent once or twice depending on the SDK's policy,
    // but never more than `--retries 1` allows.
    let sent = fake.counters().requests("/customers/create_portal");
    assert!((1..=2).contains(&sent), "sent {sent} times");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_response_is_exit_4() {
    let fake = FakeSeam::start().await.expect("fake starts");
    fake.faults().always(
        "/customers/create_portal",
        Fault::respond(200, &[("content-type", "text/plain")], "not json"),
    );
    let run = run_blocking(
        seam([
            "customers",
            "create-portal",
            "--endpoint",
            &fake.base_url(),
            "--customer-key",
            "acme",
        ])
        .env("SEAM_API_KEY", fake.api_key())
        .secret(fake.api_key()),
    )
    .await;
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("could not be understood"),
        "{}",
        run.stderr
    );
}

#[test]
fn closed_port_is_a_network_error() {
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    let run = seam([
        "customers",
        "create-portal",
        "--endpoint",
        &endpoint,
        "--customer-key",
        "acme",
        "--retries",
        "0",
    ])
    .env("SEAM_API_KEY", common::TEST_KEY)
    .run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: could not reach the server"),
        "{}",
        run.stderr
    );
}

#[test]
fn silent_server_is_a_timeout() {
    // Accepts connections and reads, but never answers.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            let mut s = stream;
            let _ = s.set_read_timeout(Some(Duration::from_millis(50)));
            let _ = s.read(&mut [0u8; 4096]);
            held.push(s);
        }
    });
    let run = seam([
        "customers",
        "create-portal",
        "--endpoint",
        &endpoint,
        "--customer-key",
        "acme",
        "--timeout",
        "300ms",
        "--retries",
        "0",
    ])
    .env("SEAM_API_KEY", common::TEST_KEY)
    .run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: the request timed out"),
        "{}",
        run.stderr
    );
}
