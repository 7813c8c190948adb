//! The baseline: a bare `hyper_util` legacy client over plain HTTP that replays the SDK's exact
//! request (method, URL, headers including authorization, body bytes) and parses into `serde_json::Value`.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// A raw client plus the request it sends; cheap to share between tasks behind an `Arc`.
pub struct RawClient {
    client: Client<HttpConnector, Full<Bytes>>,
    template: http::Request<Bytes>,
}

impl RawClient {
    /// A client that sends copies of `template` (which must carry an absolute `http://` URI).
    /// Like the SDK's transport it pools connections and sets `TCP_NODELAY`.
    pub fn new(template: http::Request<Bytes>) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Self { client, template }
    }

    /// Sends one request, reads the whole body and parses it into a JSON value.
    pub async fn call(&self) -> Result<serde_json::Value, String> {
        let mut request = http::Request::new(Full::new(self.template.body().clone()));
        *request.method_mut() = self.template.method().clone();
        *request.uri_mut() = self.template.uri().clone();
        *request.headers_mut() = self.template.headers().clone();
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| format!("raw request failed: {e}"))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| format!("raw body failed: {e}"))?
            .to_bytes();
        if !parts.status.is_success() {
            return Err(format!("raw request answered {}", parts.status));
        }
        let value: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| format!("raw parse failed: {e}"))?;
        if value.get("customer_portal").is_none() {
            return Err("raw response has no customer_portal".into());
        }
        Ok(value)
    }
}
