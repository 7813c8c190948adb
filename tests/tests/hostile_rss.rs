//! Peak memory of reading a hostile ~1 MB `invalid_input` answer: deep chains of long keys, tens of
//! thousands of messages, a subtree below the depth cap and a long message, served by seam-fake over
//! loopback. The SDK runs in a child process (this binary re-executed), which reports its peak RSS
//! (`VmHWM` in `/proc/self/status`) before and after the call; the parent checks that the growth stays
//! under 64 MB and that the error is bounded and still useful.
//!
//! A plain `main` (`harness = false`): the parent role always runs and always asserts.

use std::process::Command;
use std::time::Duration;

use seam_core::violations::MAX_VIOLATIONS;
use seam_fake::{FakeSeam, Fault};
use seam_http::{CreatePortalRequest, CustomerData, DeleteDataRequest, RetryPolicy, Seam};
use serde_json::{json, Map, Value};

const CHILD_ENDPOINT: &str = "SEAM_RSS_CHILD_ENDPOINT";
const CHILD_KEY: &str = "SEAM_RSS_CHILD_KEY";
const LIMIT_KB: u64 = 64 * 1024;

fn main() {
    match (std::env::var(CHILD_ENDPOINT), std::env::var(CHILD_KEY)) {
        (Ok(endpoint), Ok(key)) => child(&endpoint, &key),
        _ => parent(),
    }
}

/// The hostile body and how many messages it holds in all.
fn hostile_body() -> (String, u64) {
    let mut messages = 0u64;
    let leaf = |n: usize, text: &str, count: &mut u64| {
        *count += n as u64;
        json!({ "_errors": vec![text; n] })
    };
    // A chain 20 deep of 10 KB keys, 60,000 messages at its end: eager paths would copy 200 KB each.
    let mut chain = leaf(60_000, "m", &mut messages);
    for depth in 0..20 {
        let mut node = Map::new();
        node.insert(format!("{depth}{}", "k".repeat(10_000)), chain);
        chain = Value::Object(node);
    }
    // A chain 90 deep (below the depth cap) with messages at its end: counted, not kept.
    let mut deep = leaf(1_000, "deep", &mut messages);
    for depth in 0..90 {
        let mut node = Map::new();
        node.insert(format!("d{depth}"), deep);
        deep = Value::Object(node);
    }
    // Wide: 5,000 siblings with three messages each.
    let mut wide = Map::new();
    for i in 0..5_000 {
        wide.insert(i.to_string(), leaf(3, "Required", &mut messages));
    }
    let mut tree = Map::new();
    tree.insert("_errors".into(), json!(["whole request"]));
    messages += 1;
    tree.insert(
        "customer_data".into(),
        json!({"_errors": [], "customer_key": {"_errors": ["Required"]}}),
    );
    messages += 1;
    tree.insert("a".into(), chain);
    tree.insert("b".into(), deep);
    tree.insert("spaces".into(), Value::Object(wide));
    let body = json!({"ok": false, "error": {"type": "invalid_input",
        "message": "x".repeat(300_000), "validation_errors": tree}});
    (body.to_string(), messages)
}

fn parent() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let (body, messages) = hostile_body();
    assert!(
        (900_000..1_400_000).contains(&body.len()),
        "about 1 MB: {}",
        body.len()
    );
    let fake = runtime.block_on(FakeSeam::start()).expect("fake");
    fake.faults().always(
        "/customers/create_portal",
        Fault::respond(400, &[("content-type", "application/json")], &body),
    );
    let output = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD_ENDPOINT, fake.base_url())
        .env(CHILD_KEY, fake.api_key())
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed ({}): {stdout} {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let field = |name: &str| -> u64 {
        stdout
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
            .unwrap_or_else(|| panic!("child reported no {name}: {stdout}"))
    };
    let growth = field("after_kb").saturating_sub(field("before_kb"));
    println!(
        "hostile invalid_input of {} bytes: peak RSS growth {growth} kB (limit {LIMIT_KB} kB); {stdout}",
        body.len()
    );
    assert!(growth < LIMIT_KB, "peak RSS grew by {growth} kB");
    assert_eq!(field("kept"), MAX_VIOLATIONS as u64);
    assert_eq!(field("total"), messages, "every message counted");
    assert!(field("display_bytes") < 8 * 1024, "{stdout}");
    assert!(field("max_path_bytes") <= 512, "{stdout}");
    assert_eq!(field("customer_key"), 1, "a real parameter is still found");
    assert_eq!(field("requests"), 1, "nothing retried");
    runtime.block_on(fake.shutdown());
}

fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

fn child(endpoint: &str, key: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let seam = Seam::builder()
        .api_key(key)
        .endpoint(endpoint)
        .timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    runtime.block_on(async {
        // Warm up the connection pool and the runtime on a normal call first.
        let warm = seam
            .customers()
            .delete_data(DeleteDataRequest::new().with_customer_keys(["warm"]))
            .await;
        assert!(warm.is_ok(), "warm-up call");
        let before = vm_hwm_kb();
        let request = CreatePortalRequest::new().with_customer_data(CustomerData::new("cust"));
        let (result, report) = seam
            .customers()
            .create_portal(request)
            .send_with_report()
            .await;
        let err = result.expect_err("the hostile answer is an error");
        let shown = err.to_string();
        let debug = format!("{err:?}");
        let after = vm_hwm_kb();
        let v = err.validation_errors().expect("violations");
        let kept = v.len() + v.request_wide().len();
        let max_path = v.iter().map(|v| v.path.len()).max().unwrap_or(0);
        println!(
            "before_kb={before} after_kb={after} kept={kept} total={} omitted={} display_bytes={} \
             debug_bytes={} max_path_bytes={max_path} customer_key={} requests={}",
            v.total_count(),
            v.omitted_count(),
            shown.len(),
            debug.len(),
            v.for_parameter("customer_data.customer_key").count(),
            report.attempts,
        );
    });
}
