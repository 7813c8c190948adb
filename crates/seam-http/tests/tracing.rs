//! Captured tracing output of real calls: one `seam.call` span with the request id, never the API key.
// The bundled transport's suite: nothing to run without it.
#![cfg(feature = "default-client")]

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use seam_http::{CreatePortalRequest, CustomerData, Seam};
use serde_json::json;
use support::{json, TestServer};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;

const KEY: &str = "seam_testkey_tracing_0123456789";

/// A `MakeWriter` appending everything into one shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn a_call_is_one_span_with_request_id_and_no_secret() {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(buffer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let ok = TestServer::always(json(
        200,
        json!({"ok": true, "customer_portal": {
            "url": "https://portal.example/magic/abc", "customer_key": "customer_1",
            "workspace_id": "00000000-0000-0000-0000-000000000001",
            "created_at": "2025-01-01T00:00:00Z", "expires_at": "2025-01-02T00:00:00Z"}}),
    ))
    .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .endpoint(ok.url())
        .build()
        .unwrap();
    let request = CreatePortalRequest::new().with_customer_data(CustomerData::new("customer_1"));
    seam.customers()
        .create_portal(request.clone())
        .await
        .unwrap();

    let denied = TestServer::always(json(
        401,
        json!({"error": {"type": "unauthorized", "message": "no"}}),
    ))
    .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .endpoint(denied.url())
        .build()
        .unwrap();
    assert!(seam
        .customers()
        .create_portal(request)
        .await
        .unwrap_err()
        .is_unauthorized());

    let text = buffer.text();
    assert!(text.contains("seam.call"), "{text}");
    assert!(
        text.contains("operation=\"customers.create_portal\""),
        "{text}"
    );
    assert!(text.contains("request_id=\"req_test_0001\""), "{text}");
    assert!(text.contains("attempts=1"), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(text.contains("status=401"), "{text}");
    assert!(text.contains("elapsed_ms="), "{text}");
    assert!(
        text.contains("call succeeded") && text.contains("call failed"),
        "{text}"
    );
    assert_eq!(
        text.matches("close time.busy").count(),
        2,
        "one span per call: {text}"
    );
    assert!(
        !text.contains(KEY),
        "the API key leaked into the logs:\n{text}"
    );
    assert!(!text.contains("Bearer"), "{text}");
}
