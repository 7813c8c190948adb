//! Hostile input never panics or hangs the fake: oversized and slow bodies, slow or silent
//! clients, deep nesting, invalid UTF-8, many connections, huge pushes.

mod common;

use std::time::{Duration, Instant};

use common::{exchange, post, request};
use seam_fake::FakeSeam;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CREATE: &str = "/customers/create_portal";
const PUSH: &str = "/customers/push_data";

/// Reads until EOF or an error; `None` if the server kept the connection open past `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(got),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn a_declared_oversized_body_gets_413_in_the_envelope_without_being_read() {
    let fake = FakeSeam::start().await.unwrap();
    let auth = format!("Bearer {}", fake.api_key());
    // 33 MiB declared, nothing sent: the answer must not wait for the body.
    let head = format!(
        "POST {CREATE} HTTP/1.1\r\nauthorization: {auth}\r\ncontent-length: {}\r\n\r\n",
        33 * 1024 * 1024
    );
    let r = exchange(fake.addr(), head.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(
        r.status(),
        Some(413),
        "{:?}",
        String::from_utf8_lossy(&r.bytes)
    );
    assert!(r.elapsed < Duration::from_secs(2));
    assert_eq!(r.json()["error"]["type"], "payload_too_large");
    assert_eq!(r.json()["ok"], false);
    assert!(r.header("seam-request-id").is_some());
    assert!(!String::from_utf8_lossy(&r.bytes).contains(fake.api_key()));
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_gets_413() {
    let fake = FakeSeam::builder()
        .max_request_body(1024)
        .start()
        .await
        .unwrap();
    let auth = format!("Bearer {}", fake.api_key());
    let mut req = format!(
        "POST {CREATE} HTTP/1.1\r\nauthorization: {auth}\r\ntransfer-encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..4 {
        req.extend_from_slice(format!("200\r\n{}\r\n", " ".repeat(0x200)).as_bytes());
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let r = exchange(fake.addr(), &req, Duration::from_secs(5)).await;
    assert_eq!(r.status(), Some(413));
    assert_eq!(r.json()["error"]["type"], "payload_too_large");
    // Just under the limit is read and judged as usual.
    let body = format!("{{\"locale\":\"fr-FR\"{}}}", " ".repeat(900));
    let r = exchange(
        fake.addr(),
        &request("POST", CREATE, &[("authorization", &auth)], body.as_bytes()),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status(), Some(200));
}

#[tokio::test]
async fn deep_nesting_and_invalid_utf8_are_invalid_input() {
    let fake = FakeSeam::start().await.unwrap();
    let auth = format!("Bearer {}", fake.api_key());
    let deep = format!(
        "{{\"customer_data\":{}{}}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let deep_objects = "{\"a\":".repeat(100_000);
    let bodies: [&[u8]; 4] = [
        deep.as_bytes(),
        deep_objects.as_bytes(),
        b"{\"customer_data\":{\"customer_key\":\"\xc3\x28\"}}",
        b"{\"locale\":\"\xed\xa0\x80\"}",
    ];
    for body in bodies {
        let r = exchange(
            fake.addr(),
            &request("POST", CREATE, &[("authorization", &auth)], body),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(r.status(), Some(400));
        assert_eq!(r.json()["error"]["type"], "invalid_input");
    }
    // The control route parses JSON too.
    let ctl = format!("Bearer {}", fake.control_token());
    let r = exchange(
        fake.addr(),
        &request(
            "POST",
            "/_fake/faults",
            &[("authorization", &ctl)],
            deep.as_bytes(),
        ),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status(), Some(400));
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));
}

#[tokio::test]
async fn silent_and_slow_clients_are_cut_off() {
    let limit = Duration::from_millis(300);
    let fake = FakeSeam::builder()
        .read_timeout(limit)
        .start()
        .await
        .unwrap();
    let slack = Duration::from_secs(2);

    // Connects and says nothing.
    let mut silent = TcpStream::connect(fake.addr()).await.unwrap();
    // Sends half a request head and stops.
    let mut half = TcpStream::connect(fake.addr()).await.unwrap();
    half.write_all(b"POST /customers/create_portal HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    let start = Instant::now();
    assert!(closed_within(&mut silent, limit + slack).await.is_some());
    assert!(closed_within(&mut half, limit + slack).await.is_some());
    assert!(start.elapsed() < limit + slack);

    // Dribbles a header byte every 50 ms: still cut off at the limit, not kept alive by it.
    let mut dribble = TcpStream::connect(fake.addr()).await.unwrap();
    let start = Instant::now();
    let head = b"POST /customers/create_portal HTTP/1.1\r\nx-slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut cut = false;
    for b in head {
        if dribble.write_all(&[*b]).await.is_err() {
            cut = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        if start.elapsed() > limit + slack {
            break;
        }
    }
    let cut = cut || closed_within(&mut dribble, slack).await.is_some();
    assert!(cut, "a dribbling client kept its connection");
    assert!(start.elapsed() < limit + slack + slack);

    // Sends a head, then too little of the declared body: 408 in the envelope.
    let auth = format!("Bearer {}", fake.api_key());
    let mut slow_body = TcpStream::connect(fake.addr()).await.unwrap();
    let head = format!(
        "POST {CREATE} HTTP/1.1\r\nhost: x\r\nauthorization: {auth}\r\ncontent-length: 100\r\n\r\n{{"
    );
    slow_body.write_all(head.as_bytes()).await.unwrap();
    let got = closed_within(&mut slow_body, limit + slack)
        .await
        .expect("the server answers a stalled body");
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"request_timeout\""));

    // An idle keep-alive connection is closed after the limit too.
    let mut idle = TcpStream::connect(fake.addr()).await.unwrap();
    let req = format!("POST {CREATE} HTTP/1.1\r\nhost: x\r\nauthorization: {auth}\r\ncontent-length: 2\r\n\r\n{{}}");
    idle.write_all(req.as_bytes()).await.unwrap();
    let got = closed_within(&mut idle, limit + slack)
        .await
        .expect("idle keep-alive connection closed");
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"));

    // And the server still serves.
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));
}

#[tokio::test]
async fn connections_are_bounded_and_waiting_clients_are_served_later() {
    let limit = Duration::from_millis(300);
    let fake = FakeSeam::builder()
        .max_connections(2)
        .read_timeout(limit)
        .start()
        .await
        .unwrap();
    // Two silent clients take both slots.
    let _a = TcpStream::connect(fake.addr()).await.unwrap();
    let _b = TcpStream::connect(fake.addr()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let start = Instant::now();
    let r = post(&fake, CREATE, &json!({})).await;
    assert_eq!(r.status(), Some(200));
    // Served only once a silent client was cut off, and not much later.
    assert!(start.elapsed() >= limit / 2, "{:?}", start.elapsed());
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(fake.counters().connections(), 3);
}

#[tokio::test]
async fn hundreds_of_concurrent_clients_are_all_answered() {
    let fake = FakeSeam::builder()
        .max_connections(16)
        .start()
        .await
        .unwrap();
    let auth = format!("Bearer {}", fake.api_key());
    let req = request("POST", CREATE, &[("authorization", &auth)], b"{}");
    let start = Instant::now();
    let tasks: Vec<_> = (0..300)
        .map(|_| {
            let req = req.clone();
            let addr = fake.addr();
            tokio::spawn(async move { exchange(addr, &req, Duration::from_secs(20)).await })
        })
        .collect();
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(r.status(), Some(200));
    }
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_eq!(fake.counters().requests(CREATE), 300);
}

#[tokio::test]
async fn a_push_of_many_thousands_of_resources_upserts_in_linear_time() {
    let fake = FakeSeam::start().await.unwrap();
    let guests: Vec<_> = (0..20_000)
        .map(|i| json!({"guest_key": format!("g{i}"), "name": "n"}))
        .collect();
    let body = json!({"customer_key": "big", "guests": guests});
    let start = Instant::now();
    assert_eq!(post(&fake, PUSH, &body).await.status(), Some(200));
    // The same keys again: every one is an update, none is appended.
    assert_eq!(post(&fake, PUSH, &body).await.status(), Some(200));
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    let data = fake.customer_data("big").unwrap();
    assert_eq!(data["guests"].as_array().unwrap().len(), 20_000);
}
