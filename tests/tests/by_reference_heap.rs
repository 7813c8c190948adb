//! A 10 MB push_data passed by reference is serialized from the caller's value, never cloned.
//!
//! Peak heap of one call, under a counting global allocator: this file is its own test binary (so
//! its own process, with this single test), and the loopback server that answers reads into one
//! fixed buffer, so the figures are the SDK's. The same call by value is the baseline; a clone
//! made inside the measured step shows that the measurement does see a copy of the request.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use peak_alloc::PeakAlloc;
use seam_http::{PushDataRequest, Seam};
use seam_types::Building;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// Serialized size the request is built to reach, at least.
const TARGET_BODY_BYTES: usize = 10 * 1024 * 1024;

#[test]
fn push_data_by_reference_is_not_cloned() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let seam = Seam::builder()
        .api_key("seam_test_key_heap")
        .endpoint(format!("http://{}", discard_server()))
        .max_attempts(1)
        .build()
        .expect("a client");

    let before = HEAP.current_usage();
    let request = big_request();
    let request_heap = HEAP.current_usage().saturating_sub(before);
    let body_bytes = serde_json::to_vec(&request).expect("serializes").len();
    assert!(body_bytes >= TARGET_BODY_BYTES, "{body_bytes} bytes");

    let customers = seam.customers();
    // Warm up: the connection, the pool and the runtime's own buffers.
    let warm_up = PushDataRequest::new("warm-up");
    runtime
        .block_on(customers.push_data(warm_up).send())
        .expect("warm-up call");

    let (by_reference, result) =
        peak_during(|| runtime.block_on(customers.push_data(&request).send()));
    assert!(result.expect("by reference").ok);
    let copy = request.clone();
    let (by_value, result) = peak_during(|| runtime.block_on(customers.push_data(copy).send()));
    assert!(result.expect("by value").ok);
    let (clone_then_value, result) =
        peak_during(|| runtime.block_on(customers.push_data(request.clone()).send()));
    assert!(result.expect("cloned, then by value").ok);

    eprintln!(
        "push_data of {body_bytes} bytes (typed request {request_heap} bytes of heap): peak extra heap \
         by reference {by_reference}, by value {by_value}, clone + by value {clone_then_value}"
    );
    assert!(
        by_reference < by_value + request_heap / 2,
        "by reference {by_reference} vs by value {by_value}: a copy of the {request_heap}-byte request?"
    );
    assert!(
        clone_then_value > by_value + request_heap / 2,
        "the measurement misses a clone: {clone_then_value} vs {by_value}"
    );
    assert_eq!(
        request.customer_key, "heap",
        "the request is still the caller's"
    );
}

/// A valid push_data whose JSON is at least [`TARGET_BODY_BYTES`]: buildings with distinct keys.
fn big_request() -> PushDataRequest {
    let name = "A building with a name long enough to make the payload heavy";
    let per_item = format!(r#"{{"building_key":"building-0000000","name":"{name}"}},"#).len();
    let items = TARGET_BODY_BYTES / per_item + 1_000;
    PushDataRequest::new("heap").with_buildings(
        (0..items)
            .map(|i| Building::new(format!("building-{i:07}"), name))
            .collect::<Vec<_>>(),
    )
}

/// Runs `step`; returns the highest heap live during it above what was live before, and its result.
fn peak_during<T>(step: impl FnOnce() -> T) -> (usize, T) {
    HEAP.reset_peak_usage();
    let before = HEAP.current_usage();
    let value = step();
    (HEAP.peak_usage().saturating_sub(before), value)
}

/// An HTTP/1.1 server on loopback that reads each request into one fixed buffer, discards it and
/// answers `{"ok":true}`, keeping the connection open.
fn discard_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer_ok(stream));
        }
    });
    addr
}

fn answer_ok(mut stream: TcpStream) -> io::Result<()> {
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let mut filled = 0;
        let head_end = loop {
            if let Some(end) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            if filled == buffer.len() {
                return Err(io::Error::other("request head larger than the buffer"));
            }
            match stream.read(&mut buffer[filled..])? {
                0 => return Ok(()),
                n => filled += n,
            }
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0);
        let mut left = length.saturating_sub(filled - head_end);
        while left > 0 {
            let n = stream.read(&mut buffer[..left.min(64 * 1024)])?;
            if n == 0 {
                return Ok(());
            }
            left -= n;
        }
        stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{\"ok\":true}",
        )?;
    }
}
