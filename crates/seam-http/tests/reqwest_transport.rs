//! The reqwest transport over real loopback sockets.

mod support;

use bytes::Bytes;
use seam_http::{ReqwestTransport, Transport as _, TransportErrorKind};
use support::{json, TestServer};

#[tokio::test]
async fn sends_through_reqwest_and_maps_a_refused_connection_to_connect() {
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = ReqwestTransport::new().unwrap();
    let request = http::Request::post(format!("{}/customers/create_portal", server.url()))
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    let response = transport.send(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(&response.body()[..], br#"{"ok":true}"#);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let request = http::Request::get(format!("http://127.0.0.1:{port}/"))
        .body(Bytes::new())
        .unwrap();
    let err = transport.send(request).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
}
