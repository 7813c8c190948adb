//! Fixed wire data: the create_portal response the server returns and the parse benchmark reads.

use bytes::Bytes;

/// The customer key every benchmark request uses.
pub const CUSTOMER_KEY: &str = "customer-bench-0001";

/// A syntactically valid (never real) API key, the same for the SDK, raw hyper and the JS SDK.
pub const API_KEY: &str = "seam_bench_0123456789abcdefghijklmnopqrstuv";

/// The body of a successful `POST /customers/create_portal`: `customer_portal`, `magic_link` and `ok`.
pub fn create_portal_response() -> Bytes {
    let portal = serde_json::json!({
        "created_at": "2025-06-01T12:00:00.000Z",
        "customer_key": CUSTOMER_KEY,
        "expires_at": "2025-06-08T12:00:00.000Z",
        "url": "https://portal.seam.co/c/2c4d6f8a-1b3c-4e5f-8a9b-0c1d2e3f4a5b?token=bench0123456789abcdef",
        "workspace_id": "9f1e2d3c-4b5a-4697-8877-665544332211",
    });
    let body = serde_json::json!({
        "customer_portal": portal,
        "magic_link": portal,
        "ok": true,
    });
    Bytes::from(serde_json::to_vec(&body).expect("a json! value serializes"))
}
