//! Measures the fake under the loads that used to lock it up, over loopback, and prints one line
//! per scenario: `cargo run -p seamapi-fake --example load [--release] -- [SCENARIO..]`.
//!
//! Scenarios (all by default): `issues` (a push_data with 200k invalid fields, and a create_portal
//! sent meanwhile), `delete` (a 60k-key delete_data against 80k stored resources, and a
//! create_portal meanwhile), `h2c` (600 idle HTTP/2 connections, then a create_portal),
//! `slowloris` (600 connections dribbling a header, then a create_portal), `memory` (20k pushes
//! of 10 new resources each: resident memory before and after).
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Empty;
use hyper_util::rt::{TokioExecutor, TokioIo};
use seam_fake::FakeSeam;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one HTTP/1.1 request with `connection: close`; returns the status and the time taken.
async fn call(
    addr: SocketAddr,
    key: &str,
    method: &str,
    path: &str,
    body: &[u8],
) -> (u16, Duration) {
    let start = Instant::now();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\
         authorization: Bearer {key}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let Ok(mut s) = TcpStream::connect(addr).await else {
        return (0, start.elapsed());
    };
    let mut sent = s.write_all(head.as_bytes()).await.is_ok();
    sent = sent && s.write_all(body).await.is_ok();
    let mut got = Vec::new();
    if sent {
        let _ = s.read_to_end(&mut got).await;
    }
    let status = std::str::from_utf8(got.get(9..12).unwrap_or(b"000"))
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, start.elapsed())
}

async fn create_portal(fake: &FakeSeam) -> (u16, Duration) {
    call(
        fake.addr(),
        fake.api_key(),
        "POST",
        "/customers/create_portal",
        b"{}",
    )
    .await
}

/// A big request and a create_portal 200 ms into it.
async fn big_and_small(fake: &FakeSeam, path: &'static str, body: Vec<u8>) -> String {
    let (addr, key) = (fake.addr(), fake.api_key().to_owned());
    let big = tokio::spawn(async move { call(addr, &key, "POST", path, &body).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (small_status, small) = create_portal(fake).await;
    let (big_status, took) = big.await.unwrap_or((0, Duration::ZERO));
    format!(
        "{path} -> {big_status} in {:.2} s; create_portal meanwhile -> {small_status} in {:.0} ms",
        took.as_secs_f64(),
        small.as_secs_f64() * 1e3
    )
}

async fn issues() -> String {
    let fake = FakeSeam::start().await.expect("start");
    let guests: Vec<_> = (0..200_000)
        .map(|_| json!({"guest_key": "", "name": "n"}))
        .collect();
    let body = json!({"customer_key": "big", "guests": guests}).to_string();
    format!(
        "issues: 200k invalid fields: {}",
        big_and_small(&fake, "/customers/push_data", body.into_bytes()).await
    )
}

async fn delete() -> String {
    let fake = FakeSeam::start().await.expect("start");
    for chunk in 0..4 {
        let guests: Vec<_> = (chunk * 20_000..(chunk + 1) * 20_000)
            .map(|i| json!({"guest_key": format!("g{i}"), "name": "n"}))
            .collect();
        let body = json!({"customer_key": "c", "guests": guests}).to_string();
        call(
            fake.addr(),
            fake.api_key(),
            "POST",
            "/customers/push_data",
            body.as_bytes(),
        )
        .await;
    }
    let keys: Vec<_> = (0..60_000).map(|i| format!("g{i}")).collect();
    let body = json!({"guest_keys": keys}).to_string();
    format!(
        "delete: 60k keys vs 80k stored: {}",
        big_and_small(&fake, "/customers/delete_data", body.into_bytes()).await
    )
}

async fn h2c() -> String {
    let fake = FakeSeam::start().await.expect("start");
    let addr = fake.addr();
    let mut open = tokio::task::JoinSet::new();
    for _ in 0..600 {
        open.spawn(async move {
            let stream = TcpStream::connect(addr).await.ok()?;
            let (mut send, conn) =
                hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
                    .await
                    .ok()?;
            let task = tokio::spawn(conn);
            let req = http::Request::get(format!("http://{addr}/"))
                .body(Empty::<Bytes>::new())
                .ok()?;
            tokio::time::timeout(Duration::from_secs(30), send.send_request(req))
                .await
                .ok()?
                .ok()?;
            Some((send, task))
        });
    }
    let mut idle = Vec::new();
    while let Some(c) = open.join_next().await {
        idle.extend(c.ok().flatten());
    }
    let (status, took) = create_portal(&fake).await;
    for (_, t) in &idle {
        t.abort();
    }
    format!("h2c: {} of 600 idle HTTP/2 connections answered; then create_portal -> {status} in {:.0} ms", idle.len(), took.as_secs_f64() * 1e3)
}

async fn slowloris() -> String {
    let fake = FakeSeam::start().await.expect("start");
    let addr = fake.addr();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..600 {
        tasks.spawn(async move {
            let Ok(mut s) = TcpStream::connect(addr).await else {
                return;
            };
            for b in b"POST / HTTP/1.1\r\nx: "
                .iter()
                .chain(std::iter::repeat(&b'a'))
                .take(3000)
            {
                if s.write_all(&[*b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (status, took) = create_portal(&fake).await;
    tasks.abort_all();
    format!(
        "slowloris: 600 dribbling connections; create_portal -> {status} in {:.0} ms",
        took.as_secs_f64() * 1e3
    )
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

async fn memory() -> String {
    let fake = FakeSeam::start().await.expect("start");
    let before = rss_mb();
    let (mut ok, mut full) = (0, 0);
    for i in 0..20_000 {
        let guests: Vec<_> = (0..10)
            .map(|j| json!({"guest_key": format!("g{i}-{j}"), "name": "a guest with a name"}))
            .collect();
        let body = json!({"customer_key": format!("c{}", i % 100), "guests": guests}).to_string();
        match call(
            fake.addr(),
            fake.api_key(),
            "POST",
            "/customers/push_data",
            body.as_bytes(),
        )
        .await
        .0
        {
            200 => ok += 1,
            413 => full += 1,
            _ => {}
        }
    }
    format!("memory: 20k pushes of 10 new guests: {ok} stored, {full} refused (413, store full); RSS {before:.0} -> {:.0} MB", rss_mb())
}

#[tokio::main]
async fn main() {
    // 600 client and up to 512 server sockets in this one process.
    if let Err(e) = rlimit::increase_nofile_limit(4096) {
        eprintln!("could not raise the open-files limit: {e}");
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = ["issues", "delete", "h2c", "slowloris", "memory"];
    let chosen: Vec<&str> = if args.is_empty() {
        all.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    for s in chosen {
        let line = match s {
            "issues" => issues().await,
            "delete" => delete().await,
            "h2c" => h2c().await,
            "slowloris" => slowloris().await,
            "memory" => memory().await,
            other => format!("unknown scenario {other}; pick from {all:?}"),
        };
        println!("{line}");
    }
}
