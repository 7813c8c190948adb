//! Shared helpers: a fake plus an SDK client pointed at it, a panic-catching call runner, and a raw GET.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use seam_core::exec::CallReport;
use seam_core::{Error, RetryPolicy};
use seam_fake::FakeSeam;
use seam_http::{CreatePortalRequest, CustomerData, CustomerPortal, Seam, SeamBuilder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Slack allowed past a configured deadline for scheduling on a busy machine.
pub const SLACK: Duration = Duration::from_millis(400);

/// A retry policy with short waits, so retry tests stay fast.
pub fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(attempts)
        .with_base_delay(Duration::from_millis(20))
        .with_max_delay(Duration::from_millis(50))
        .with_max_retry_after(Duration::from_secs(2))
}

/// A client builder for `fake` with its API key, a 1 s per-attempt timeout and one attempt.
pub fn client(fake: &FakeSeam) -> SeamBuilder {
    Seam::builder()
        .api_key(fake.api_key())
        .endpoint(fake.base_url())
        .timeout(Duration::from_secs(1))
        .retry_policy(quick_retries(1))
}

/// The result of one SDK call run in its own task.
pub struct Outcome<T> {
    pub result: Result<T, Error>,
    pub report: CallReport,
    pub elapsed: Duration,
}

impl<T: std::fmt::Debug> Outcome<T> {
    /// The error; fails the test (without printing the client's settings) if the call succeeded.
    pub fn err(&self) -> &Error {
        match &self.result {
            Ok(_) => panic!(
                "expected the call to fail (attempts {}, last status {:?})",
                self.report.attempts, self.report.status
            ),
            Err(e) => e,
        }
    }
}

/// Runs `create_portal` for customer `cust` in a spawned task: a panic in the SDK fails here.
pub async fn create_portal(seam: &Seam) -> Outcome<CustomerPortal> {
    let seam = seam.clone();
    let start = Instant::now();
    let joined = tokio::spawn(async move {
        let req = CreatePortalRequest::new().with_customer_data(CustomerData::new("cust"));
        seam.customers().create_portal(req).send_with_report().await
    })
    .await;
    let (result, report) = match joined {
        Ok(pair) => pair,
        Err(e) => panic!("the SDK task failed: panicked = {}", e.is_panic()),
    };
    Outcome {
        result,
        report,
        elapsed: start.elapsed(),
    }
}

/// Checks that an error's text and debug form do not leak the fake's credentials.
pub fn assert_no_secrets(err: &Error, fake: &FakeSeam) {
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains(fake.api_key()),
        "error text leaks the API key"
    );
    assert!(
        !shown.contains(fake.personal_access_token()),
        "error text leaks the PAT"
    );
}

/// A plain `GET path` over a fresh connection: status and body text.
pub async fn raw_get(addr: SocketAddr, path: &str) -> (u16, String) {
    let work = async {
        let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
        let req = format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).await.ok()?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.ok()?;
        let text = String::from_utf8_lossy(&buf).into_owned();
        let status = text.get(9..12)?.parse().ok()?;
        let body = text.split_once("\r\n\r\n")?.1.to_owned();
        Some((status, body))
    };
    tokio::time::timeout(Duration::from_secs(5), work)
        .await
        .ok()
        .flatten()
        .unwrap_or((0, String::new()))
}

/// A JSON `POST path` with `authorization: Bearer key` over a fresh connection: status and body JSON.
pub async fn raw_post(
    addr: SocketAddr,
    path: &str,
    key: &str,
    body: &[u8],
) -> (u16, serde_json::Value) {
    let work = async {
        let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
        let head = format!(
            "POST {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\nauthorization: Bearer {key}\r\n\
             content-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        s.write_all(head.as_bytes()).await.ok()?;
        s.write_all(body).await.ok()?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.ok()?;
        let split = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
        let status = std::str::from_utf8(buf.get(9..12)?).ok()?.parse().ok()?;
        let json = serde_json::from_slice(&buf[split + 4..]).unwrap_or(serde_json::Value::Null);
        Some((status, json))
    };
    tokio::time::timeout(Duration::from_secs(5), work)
        .await
        .ok()
        .flatten()
        .unwrap_or((0, serde_json::Value::Null))
}
