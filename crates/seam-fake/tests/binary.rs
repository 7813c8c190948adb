//! The `seam-fake` binary: prints its URL and credentials, answers a curl-style create_portal.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Kills the child when the test ends, pass or fail.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_serves_what_it_prints() {
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_seam-fake"))
            .args(["--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    let reader = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .take(4)
            .map_while(Result::ok)
            .collect::<Vec<String>>()
    });
    let printed = tokio::time::timeout(Duration::from_secs(10), reader)
        .await
        .expect("the binary prints within 10 s")
        .unwrap();
    assert_eq!(printed.len(), 4);
    let url = printed[0]
        .strip_prefix("seam-fake listening on ")
        .expect("first line names the URL");
    let key = printed[1].split_whitespace().last().unwrap().to_owned();
    assert!(key.starts_with("seam_fake_"));
    assert!(printed[2]
        .split_whitespace()
        .last()
        .unwrap()
        .starts_with("seam_at_fake_"));
    let addr: std::net::SocketAddr = url.strip_prefix("http://").unwrap().parse().unwrap();
    assert!(addr.ip().is_loopback());

    let auth = format!("Bearer {key}");
    let body = br#"{"customer_data":{"customer_key":"customer_1"}}"#;
    let req = common::request(
        "POST",
        "/customers/create_portal",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        body,
    );
    let r = common::exchange(addr, &req, Duration::from_secs(5)).await;
    assert_eq!(r.status(), Some(200));
    let v = r.json();
    assert_eq!(v["customer_portal"]["customer_key"], "customer_1");
    assert!(v["customer_portal"]["url"]
        .as_str()
        .unwrap()
        .starts_with(url));
    // The request log names the route and status, never the credentials.
    let stderr = child.0.stderr.take().unwrap();
    drop(child);
    let log = tokio::task::spawn_blocking(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut text);
        text
    });
    let log = tokio::time::timeout(Duration::from_secs(10), log)
        .await
        .unwrap()
        .unwrap();
    assert!(log.contains("POST /customers/create_portal -> 200"));
    assert!(!log.contains(&key), "the log leaks the API key");
}

#[tokio::test]
async fn binary_refuses_a_remote_address_without_the_flag() {
    let out = tokio::task::spawn_blocking(|| {
        Command::new(env!("CARGO_BIN_EXE_seam-fake"))
            .args(["--listen", "0.0.0.0:0"])
            .output()
    });
    let out = tokio::time::timeout(Duration::from_secs(10), out)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
}
