//! Load that used to lock the fake up, over real loopback sockets: idle HTTP/2 connections,
//! slow-header clients, a push with 200k validation issues, a 60k-key delete. The tests take
//! turns (one load at a time on a 2-core machine) and close their connections when done.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use common::{exchange, post, request, Raw};
use http_body_util::Empty;
use hyper_util::rt::{TokioExecutor, TokioIo};
use seam_fake::FakeSeam;
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::task::JoinSet;

const CREATE: &str = "/customers/create_portal";
const PUSH: &str = "/customers/push_data";
const DELETE: &str = "/customers/delete_data";

/// One load test at a time.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Makes sure this process may open `n` more files (sockets), raising the soft limit up to the
/// hard one if needed; fails the test (never skips it) when even the hard limit is too low.
fn room_for_files(n: u64) {
    let (soft, hard) = rlimit::Resource::NOFILE.get().expect("read RLIMIT_NOFILE");
    let want = n + 256;
    if soft < want {
        let got = rlimit::increase_nofile_limit(want).expect("raise RLIMIT_NOFILE");
        assert!(
            got >= want,
            "this test needs {want} open files; the hard limit is {hard} (raise it with ulimit -Hn)"
        );
    }
}

/// A create_portal over a fresh HTTP/1 connection.
async fn create_portal(fake: &FakeSeam) -> Raw {
    post(fake, CREATE, &json!({})).await
}

/// Opens an HTTP/2 (prior knowledge) connection, sends one request, and keeps the connection
/// open and idle; returns its sender and the task driving it.
async fn idle_h2c(
    addr: SocketAddr,
) -> Option<(
    hyper::client::conn::http2::SendRequest<Empty<Bytes>>,
    tokio::task::JoinHandle<()>,
)> {
    let stream = TcpStream::connect(addr).await.ok()?;
    let (mut send, conn) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
            .await
            .ok()?;
    let task = tokio::spawn(async move {
        let _ = conn.await;
    });
    let req = http::Request::get(format!("http://{addr}/customers/create_portal"))
        .body(Empty::new())
        .ok()?;
    let resp = send.send_request(req).await.ok()?;
    // GET on a POST route: answered (405) without touching the store.
    (resp.status() == 405).then_some((send, task))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_h2c_connections_do_not_lock_out_a_create_portal() {
    let _turn = TURN.lock().await;
    room_for_files(2 * 700);
    let fake = FakeSeam::start().await.unwrap();
    let addr = fake.addr();
    let mut opening = JoinSet::new();
    for _ in 0..600 {
        // On a loaded machine a client may take over a second to send its first request and
        // be closed as idle to make room: it tries once more.
        opening.spawn(async move {
            match idle_h2c(addr).await {
                Some(c) => Some(c),
                None => idle_h2c(addr).await,
            }
        });
    }
    let mut idle = Vec::new();
    while let Some(c) = opening.join_next().await {
        if let Some(c) = c.unwrap() {
            idle.push(c);
        }
    }
    // Each got its answer: past the 512 slots, older idle connections made room.
    assert_eq!(idle.len(), 600);
    let start = Instant::now();
    let r = create_portal(&fake).await;
    let took = start.elapsed();
    assert_eq!(r.status(), Some(200));
    assert!(took < Duration::from_secs(2), "create_portal took {took:?}");
    // The connections that made room were closed by the server (GOAWAY, then EOF).
    let closed = || idle.iter().filter(|(_, t)| t.is_finished()).count();
    let waited = Instant::now();
    while closed() < 89 && waited.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        closed() >= 89,
        "only {} idle connections were closed",
        closed()
    );
    for (_, t) in &idle {
        t.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_h2c_connection_gets_a_goaway_after_the_idle_timeout() {
    let _turn = TURN.lock().await;
    let fake = FakeSeam::builder()
        .idle_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let (send, task) = idle_h2c(fake.addr()).await.expect("h2c request answered");
    let start = Instant::now();
    tokio::time::timeout(Duration::from_secs(3), task)
        .await
        .expect("the server closes an idle HTTP/2 connection")
        .unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(200),
        "{:?}",
        start.elapsed()
    );
    assert!(send.is_closed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_header_connections_lose_their_slot() {
    let _turn = TURN.lock().await;
    room_for_files(2 * 400);
    let head_timeout = Duration::from_millis(1500);
    let fake = FakeSeam::builder()
        .head_read_timeout(head_timeout)
        .max_connections(200)
        .start()
        .await
        .unwrap();
    let addr = fake.addr();
    let mut dribblers = JoinSet::new();
    for _ in 0..300 {
        dribblers.spawn(async move {
            let Ok(mut s) = TcpStream::connect(addr).await else {
                return;
            };
            let head = b"POST /customers/create_portal HTTP/1.1\r\nhost: x\r\nx-slow: ";
            for b in head.iter().chain(std::iter::repeat(&b'a')).take(600) {
                if s.write_all(&[*b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
    }
    // Let them take every slot and start dribbling.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let start = Instant::now();
    let r = create_portal(&fake).await;
    let took = start.elapsed();
    assert_eq!(r.status(), Some(200));
    assert!(
        took < head_timeout + Duration::from_secs(1),
        "create_portal took {took:?}"
    );
    dribblers.abort_all();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_with_200k_issues_is_answered_while_create_portal_is_served() {
    let _turn = TURN.lock().await;
    let fake = FakeSeam::start().await.unwrap();
    let guests: Vec<_> = (0..200_000)
        .map(|_| json!({"guest_key": "", "name": "n"}))
        .collect();
    let body = json!({"customer_key": "big", "guests": guests}).to_string();
    let auth = format!("Bearer {}", fake.api_key());
    let req = request("POST", PUSH, &[("authorization", &auth)], body.as_bytes());
    let addr = fake.addr();
    let start = Instant::now();
    let big = tokio::spawn(async move { exchange(addr, &req, Duration::from_secs(30)).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let small = Instant::now();
    assert_eq!(create_portal(&fake).await.status(), Some(200));
    let small = small.elapsed();
    let big = big.await.unwrap();
    let took = start.elapsed();
    assert_eq!(big.status(), Some(400));
    // The first MAX_ISSUES issues are reported, in order.
    let errors = big.json()["error"]["validation_errors"]["guests"].clone();
    assert_eq!(errors.as_object().unwrap().len(), seam_fake::MAX_ISSUES + 1);
    let last = (seam_fake::MAX_ISSUES - 1).to_string();
    assert_eq!(
        errors[last.as_str()]["guest_key"]["_errors"][0],
        "String must contain at least 1 character(s)"
    );
    assert!(took < Duration::from_secs(5), "the push took {took:?}");
    assert!(
        small < Duration::from_secs(1),
        "create_portal took {small:?}"
    );
    assert!(fake.customer_data("big").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_60k_key_delete_against_80k_resources_is_quick() {
    let _turn = TURN.lock().await;
    let fake = FakeSeam::start().await.unwrap();
    for chunk in 0..4 {
        let guests: Vec<_> = (chunk * 20_000..(chunk + 1) * 20_000)
            .map(|i| json!({"guest_key": format!("g{i}"), "name": "n"}))
            .collect();
        let push = json!({"customer_key": format!("c{}", chunk % 2), "guests": guests});
        assert_eq!(post(&fake, PUSH, &push).await.status(), Some(200));
    }
    let keys: Vec<_> = (0..60_000).map(|i| format!("g{i}")).collect();
    let body = json!({"guest_keys": keys}).to_string();
    let auth = format!("Bearer {}", fake.api_key());
    let req = request("POST", DELETE, &[("authorization", &auth)], body.as_bytes());
    let addr = fake.addr();
    let start = Instant::now();
    let delete = tokio::spawn(async move { exchange(addr, &req, Duration::from_secs(30)).await });
    let small = Instant::now();
    assert_eq!(create_portal(&fake).await.status(), Some(200));
    let small = small.elapsed();
    let r = delete.await.unwrap();
    let took = start.elapsed();
    assert_eq!(r.status(), Some(200));
    assert!(took < Duration::from_secs(1), "the delete took {took:?}");
    assert!(
        small < Duration::from_secs(1),
        "create_portal took {small:?}"
    );
    let left = |c: &str| {
        fake.customer_data(c).unwrap()["guests"]
            .as_array()
            .unwrap()
            .len()
    };
    // c0 held g0..20k and g40k..60k; c1 held g20k..40k and g60k..80k.
    assert_eq!(left("c0"), 0);
    assert_eq!(left("c1"), 20_000);
    assert_eq!(
        fake.customer_data("c1").unwrap()["guests"][0]["guest_key"],
        "g60000"
    );
}
