//! The reqwest transport over real loopback sockets: the same behavioural suite as the hyper
//! transport (a second instantiation of `support::suite`), over `reqwest::Client`s configured
//! with the suite's settings.

#[macro_use]
mod support;

use std::sync::Arc;

use bytes::Bytes;
use seam_http::{ReqwestTransport, Transport};
use support::suite::{post, Flavor, Settings};
use support::{json, TestServer};

/// The suite's settings as `reqwest::ClientBuilder` calls.
struct Reqwest;

impl Flavor for Reqwest {
    fn transport(settings: Settings) -> Arc<dyn Transport> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if settings.http1_only {
            builder = builder.http1_only();
        }
        if settings.http2_only {
            builder = builder.http2_prior_knowledge();
        }
        if let Some(timeout) = settings.request_timeout {
            builder = builder.timeout(timeout);
        }
        if settings.https_only {
            builder = builder.https_only(true);
        }
        if let Some(timeout) = settings.pool_idle_timeout {
            builder = builder.pool_idle_timeout(timeout);
        }
        if settings.no_pool {
            builder = builder.pool_max_idle_per_host(0);
        }
        let mut transport = ReqwestTransport::from_client(builder.build().unwrap());
        if let Some(bytes) = settings.max_response_bytes {
            transport = transport.max_response_bytes(bytes);
        }
        Arc::new(transport)
    }
}

transport_suite!(Reqwest);

/// A server redirecting every request to another one; both are returned.
async fn redirecting() -> (TestServer, TestServer) {
    let other = TestServer::always(json(200, serde_json::json!({}))).await;
    let server = TestServer::always(
        http::Response::builder()
            .status(307)
            .header("location", format!("{}/elsewhere", other.url()))
            .body(Bytes::new())
            .unwrap(),
    )
    .await;
    (server, other)
}

#[tokio::test]
async fn the_default_client_follows_no_redirects() {
    let (server, other) = redirecting().await;
    let transport = ReqwestTransport::new().unwrap();
    let response = transport.send(post(&server.url(), "{}")).await.unwrap();
    assert_eq!(response.status(), 307);
    assert_eq!(other.connections(), 0);
}

#[tokio::test]
async fn a_client_that_follows_redirects_is_caught() {
    let (server, _other) = redirecting().await;
    // reqwest's default policy follows up to 10 redirects.
    let transport =
        ReqwestTransport::from_client(reqwest::Client::builder().no_proxy().build().unwrap());
    let err = transport.send(post(&server.url(), "{}")).await.unwrap_err();
    assert!(err.to_string().contains("redirect"), "{err}");
}
