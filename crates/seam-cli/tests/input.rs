//! Hostile and broken input and output: the body cap, duplicate keys, flag conflicts on either side
//! of the subcommand, server text with terminal controls, and stdout/stderr that cannot be written.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};

use common::{seam, TEST_KEY};

fn create(extra: &[&str]) -> Vec<String> {
    ["customers", "create-portal"]
        .iter()
        .chain(extra)
        .map(|s| (*s).to_owned())
        .collect()
}

/// A temporary file holding `bytes`, removed on drop.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("seam-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("write temp file");
        Self(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_body_over_the_cap_is_refused_naming_the_flags() {
    let big = format!(
        r#"{{"customer_key": "acme", "x": "{}"}}"#,
        "a".repeat(2_000)
    );
    // stdin, a file, and a device that never ends (the default 64 MiB cap still holds).
    let file = TempFile::new("big.json", big.as_bytes());
    for (args, stdin) in [
        (
            vec!["--body", "-", "--max-body-bytes", "1000"],
            Some(big.clone()),
        ),
        (
            vec!["--max-body-bytes", "1000", "--body", file.path()],
            None,
        ),
        (vec!["--body", "/dev/zero"], None),
    ] {
        let mut argv = vec!["customers", "push-data", "--dry-run"];
        argv.extend(args);
        let mut command = seam(argv.clone());
        if let Some(bytes) = stdin {
            command = command.stdin(bytes);
        }
        let run = command.run();
        assert_eq!(run.code, 2, "{argv:?}: {run:?}");
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.contains("--body") && run.stderr.contains("--max-body-bytes"),
            "{argv:?}: {}",
            run.stderr
        );
    }
    // Raising the cap lets the same body through to validation (`x` is not a push_data field).
    let run = seam(["customers", "push-data", "--dry-run", "--body", "-"])
        .arg_list(&["--max-body-bytes", "100000"])
        .stdin(big)
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("unknown field `x`"), "{}", run.stderr);
}

#[test]
fn duplicate_keys_anywhere_are_refused_by_json_path_and_nothing_is_sent() {
    for (body, path) in [
        (
            r#"{"customer_key": "a", "customer_key": "b"}"#,
            "customer_key",
        ),
        (
            r#"{"customer_key": "a", "spaces": [{"space_key": "s", "name": "S"}, {"space_key": "t", "name": "T", "name": "U"}]}"#,
            "spaces[1].name",
        ),
        // Inside a map the typed model accepts any key in: only the duplicate check sees it.
        (
            r#"{"customer_key": "a", "reservations": [{"reservation_key": "r", "custom_metadata": {"vip": true, "v\u0069p": false}}]}"#,
            "reservations[0].custom_metadata.vip",
        ),
    ] {
        // --fake: were the body accepted, it would be sent and the command would succeed.
        let run = seam(["customers", "push-data", "--fake", "--body", "-"])
            .stdin(body)
            .run();
        assert_eq!(run.code, 2, "{body}: {run:?}");
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr
                .starts_with("error: invalid request: nothing was sent"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("  {path}: ")) && run.stderr.contains("twice"),
            "{path}: {}",
            run.stderr
        );
    }
}

#[test]
fn fake_conflicts_with_endpoint_whichever_side_each_is_on() {
    for argv in [
        vec![
            "--fake",
            "customers",
            "create-portal",
            "--endpoint",
            "http://127.0.0.1:1",
        ],
        vec![
            "--endpoint",
            "http://127.0.0.1:1",
            "customers",
            "create-portal",
            "--fake",
        ],
        vec![
            "customers",
            "create-portal",
            "--fake",
            "--endpoint",
            "http://127.0.0.1:1",
        ],
    ] {
        let run = seam(argv.clone())
            .arg_list(&["--customer-key", "acme"])
            .run();
        assert_eq!(run.code, 2, "{argv:?}: {run:?}");
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.contains("--fake") && run.stderr.contains("--endpoint"),
            "{argv:?}: {}",
            run.stderr
        );
    }
}

/// A one-shot HTTP server on loopback that answers any request with `status` and `body`.
fn answer_once(status: &str, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let status = status.to_owned();
    std::thread::spawn(move || {
        if let Some(Ok(mut stream)) = listener.incoming().next() {
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let head = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nseam-request-id: req_1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    endpoint
}

#[test]
fn server_text_reaches_the_terminal_escaped_cut_and_counted() {
    let mut violations = serde_json::Map::new();
    for i in 0..100 {
        violations.insert(
            format!("f{i:03}\u{1b}[2J"),
            serde_json::json!({"_errors": [format!("bad\u{7} value {i}")]}),
        );
    }
    let body = serde_json::json!({"error": {
        "type": "invalid_input\u{1b}]0;owned\u{7}",
        "message": format!("\u{9b}31m{}", "m".repeat(50_000)),
        "validation_errors": {"customer_data": violations},
    }})
    .to_string();
    let endpoint = answer_once("400 Bad Request", body);
    let run = seam(create(&["--endpoint", &endpoint, "--customer-key", "acme"]))
        .env("SEAM_API_KEY", TEST_KEY)
        .run();
    assert_eq!(run.code, 3, "{run:?}");
    let raw_controls: Vec<char> = run
        .stderr
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        raw_controls.is_empty(),
        "{raw_controls:?} in {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("type: invalid_input\\x1b]0;owned\\x07"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("message: \\u{9b}31mmmm"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("more bytes]"),
        "the long message is cut"
    );
    assert!(
        run.stderr
            .contains("customer_data.f000\\x1b[2J: bad\\x07 value 0"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("... and 80 more"), "{}", run.stderr);
    assert!(run.stderr.len() < 8_000, "{} bytes", run.stderr.len());
}

#[test]
fn a_full_disk_is_exit_1_without_a_panic() {
    for (name, command) in [
        (
            "completions bash >/dev/full",
            seam(["completions", "bash"]).stdout_to("/dev/full"),
        ),
        ("--help >/dev/full", seam(["--help"]).stdout_to("/dev/full")),
        (
            "dry run >/dev/full",
            seam(create(&["--dry-run", "--customer-key", "acme"]))
                .env("SEAM_API_KEY", TEST_KEY)
                .stdout_to("/dev/full"),
        ),
        // The error (no credentials) cannot be written.
        (
            "error 2>/dev/full",
            seam(create(&["--customer-key", "acme"])).stderr_to("/dev/full"),
        ),
        // The dry-run note cannot be written.
        (
            "note 2>/dev/full",
            seam(create(&["--dry-run", "--customer-key", "acme"])).stderr_to("/dev/full"),
        ),
        (
            "usage error 2>/dev/full",
            seam(["customers", "frobnicate"]).stderr_to("/dev/full"),
        ),
    ] {
        let run = command.run();
        assert_eq!(run.code, 1, "{name}: {run:?}");
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
    let run = seam(["completions", "bash"]).stdout_to("/dev/full").run();
    assert!(
        run.stderr.starts_with("error: could not write to stdout"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_reader_that_goes_away_is_still_exit_0() {
    // A dry run far bigger than a pipe's buffer, whose reader closes after the first bytes.
    let spaces: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"space_key": "s{i}", "name": "Space {i}"}}"#))
        .collect();
    let body = format!(
        r#"{{"customer_key": "acme", "spaces": [{}]}}"#,
        spaces.join(",")
    );
    let file = TempFile::new("pipe.json", body.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_seam"))
        .args(["customers", "push-data", "--dry-run", "--body", file.path()])
        .env("SEAM_API_KEY", TEST_KEY)
        .env_remove("SEAM_ENDPOINT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn seam");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("first bytes");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    assert_eq!(&first[..1], b"{");
}
