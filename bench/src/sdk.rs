//! The SDK under test, named in one place: configuration, the `Seam` client, request building
//! (`seam_core::build`) and response parsing (`seam_core::parse`).

use bytes::Bytes;
use seam_core::operation::{CreatePortal, PushData};
use seam_core::{Config, Credentials};
use seam_types::{CreatePortalRequest, CustomerData, CustomerPortal, PushDataRequest};

use crate::fixtures::{API_KEY, CUSTOMER_KEY};

/// The `create_portal` request every end-to-end call sends.
pub fn create_portal_request() -> CreatePortalRequest {
    CreatePortalRequest::new().with_customer_data(CustomerData::new(CUSTOMER_KEY))
}

/// A seam-core configuration pointed at `endpoint` (plain `http://` loopback is allowed).
pub fn config(endpoint: &str) -> Result<Config, String> {
    Config::builder()
        .credentials(Credentials::api_key(API_KEY).map_err(|e| e.to_string())?)
        .endpoint(endpoint)
        .build()
        .map_err(|e| format!("SDK config: {e}"))
}

/// The exact request the SDK builds for [`create_portal_request`], replayed by the raw client.
pub fn create_portal_wire(config: &Config) -> Result<http::Request<Bytes>, String> {
    seam_core::build(config, &CreatePortal(create_portal_request()))
        .map_err(|e| format!("SDK build: {e}"))
}

/// The SDK's client type.
pub use seam_http::Seam;

/// The SDK's bundled transport on its own (`--profile transport`): what the `Seam` client sends
/// through, without validation, request building, the executor or the typed parse.
pub fn transport() -> Result<seam_http::HyperTransport, String> {
    seam_http::HyperTransport::new().map_err(|e| format!("SDK transport: {e}"))
}

/// Sends a copy of `template` through `transport` as the `Seam` client does (with a way to build
/// it again after a stale pooled connection) and parses the body into a JSON value, as the raw
/// client does.
pub async fn send_through(
    transport: &seam_http::HyperTransport,
    template: &http::Request<Bytes>,
) -> Result<serde_json::Value, String> {
    use seam_http::Transport as _;
    let again = || Some(template.clone());
    let response = transport
        .send_with_replay(template.clone(), seam_core::Replay::new(&again))
        .await
        .map_err(|e| format!("SDK transport send: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("SDK transport: answered {}", response.status()));
    }
    serde_json::from_slice(response.body()).map_err(|e| format!("SDK transport parse: {e}"))
}

/// A `Seam` client with default settings (retries on, default timeouts) pointed at `endpoint`.
pub fn client(endpoint: &str) -> Result<Seam, String> {
    Seam::builder()
        .api_key(API_KEY)
        .endpoint(endpoint)
        .build()
        .map_err(|e| format!("SDK client: {e}"))
}

/// One full SDK call: validate, build, send through the hyper transport, parse the typed portal.
/// The request is passed by reference, as a caller sending one prepared request would (raw hyper
/// replays one prepared request too); the SDK still validates and serializes it on every call.
pub async fn create_portal(
    seam: &Seam,
    request: &CreatePortalRequest,
) -> Result<CustomerPortal, String> {
    seam.customers()
        .create_portal(request)
        .await
        .map_err(|e| format!("SDK create_portal: {e}"))
}

/// Wraps a push_data request as the operation the SDK builds (done once, outside any timing).
pub fn push_data(request: PushDataRequest) -> PushData {
    PushData(request)
}

/// What the SDK does before sending a push_data: `build` (which validates first, then serializes
/// the body and sets URL and headers).
pub fn build_push_data(config: &Config, op: &PushData) -> Result<http::Request<Bytes>, String> {
    seam_core::build(config, op).map_err(|e| format!("SDK build: {e}"))
}

/// The typed create_portal result from a raw response, as the SDK reads it.
pub fn parse_create_portal(response: http::Response<Bytes>) -> Result<CustomerPortal, String> {
    seam_core::parse::<CreatePortal>(response).map_err(|e| format!("SDK parse: {e}"))
}
