//! A tiny raw HTTP/1.1 client over `TcpStream`, so tests can see exactly what went over the wire.
#![allow(dead_code)]

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What came back on one connection.
pub struct Raw {
    /// Every byte read before EOF, an error or the time limit.
    pub bytes: Vec<u8>,
    /// The read error that ended the exchange, if any.
    pub error: Option<io::ErrorKind>,
    /// Whether the time limit ended it.
    pub timed_out: bool,
    /// How long the exchange took.
    pub elapsed: Duration,
}

impl Raw {
    /// The status code, if a status line arrived.
    pub fn status(&self) -> Option<u16> {
        let text = std::str::from_utf8(self.bytes.get(..12)?).ok()?;
        text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
    }

    fn split(&self) -> Option<(String, &[u8])> {
        let pos = self.bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&self.bytes[..pos]).into_owned();
        Some((head, &self.bytes[pos + 4..]))
    }

    /// A response header (case-insensitive name), if the head arrived.
    pub fn header(&self, name: &str) -> Option<String> {
        let (head, _) = self.split()?;
        head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }

    /// The body bytes as sent (de-chunked if `transfer-encoding: chunked`).
    pub fn body(&self) -> Vec<u8> {
        let Some((_, body)) = self.split() else {
            return Vec::new();
        };
        if self.header("transfer-encoding").as_deref() == Some("chunked") {
            dechunk(body)
        } else {
            body.to_vec()
        }
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body()).unwrap_or(serde_json::Value::Null)
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..100_000 {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            break;
        };
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok());
        let Some(size) = size else { break };
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = (start + size).min(data.len());
        out.extend_from_slice(&data[start..end]);
        data = data.get(end + 2..).unwrap_or(&[]);
    }
    out
}

/// Builds a request with `connection: close`.
pub fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nconnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends `req` (with a `host` header naming `addr` added after the request line) and reads
/// until EOF, an error, or `limit`.
pub async fn exchange(addr: SocketAddr, req: &[u8], limit: Duration) -> Raw {
    let req = match req.windows(2).position(|w| w == b"\r\n") {
        Some(eol)
            if req.starts_with(b"GET ")
                || req.starts_with(b"POST ")
                || req.starts_with(b"DELETE ")
                || req.starts_with(b"PUT ") =>
        {
            let mut with_host = req[..eol + 2].to_vec();
            with_host.extend_from_slice(format!("host: {addr}\r\n").as_bytes());
            with_host.extend_from_slice(&req[eol + 2..]);
            with_host
        }
        _ => req.to_vec(),
    };
    exchange_as_is(addr, &req, limit).await
}

/// Sends `req` exactly as given (no `host` added) and reads until EOF, an error, or `limit`.
pub async fn exchange_as_is(addr: SocketAddr, req: &[u8], limit: Duration) -> Raw {
    let start = Instant::now();
    let mut bytes = Vec::new();
    let mut error = None;
    let mut timed_out = false;
    let mut stream = TcpStream::connect(addr).await.expect("connect to the fake");
    if let Err(e) = stream.write_all(req).await {
        error = Some(e.kind());
    }
    let mut buf = vec![0u8; 64 * 1024];
    while error.is_none() {
        let left = limit.saturating_sub(start.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => {
                timed_out = true;
                break;
            }
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => bytes.extend_from_slice(&buf[..n]),
            Ok(Err(e)) => error = Some(e.kind()),
        }
    }
    Raw {
        bytes,
        error,
        timed_out,
        elapsed: start.elapsed(),
    }
}

/// A JSON POST with the API key.
pub async fn post(fake: &seam_fake::FakeSeam, path: &str, body: &serde_json::Value) -> Raw {
    let auth = format!("Bearer {}", fake.api_key());
    let req = request(
        "POST",
        path,
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        body.to_string().as_bytes(),
    );
    exchange(fake.addr(), &req, Duration::from_secs(5)).await
}

/// Creates a portal link with `body`; its URL (any answer but a 200 fails the test).
pub async fn portal_url(fake: &seam_fake::FakeSeam, body: &serde_json::Value) -> String {
    let resp = post(fake, "/customers/create_portal", body).await;
    assert_eq!(
        resp.status(),
        Some(200),
        "{}",
        String::from_utf8_lossy(&resp.bytes)
    );
    resp.json()["customer_portal"]["url"]
        .as_str()
        .expect("customer_portal.url")
        .to_owned()
}

/// A fake whose portal links expire a millisecond after they are made.
pub async fn fake_with_instant_expiry() -> seam_fake::FakeSeam {
    seam_fake::FakeSeam::builder()
        .portal_link_lifetime(Duration::from_millis(1))
        .start()
        .await
        .expect("fake")
}
