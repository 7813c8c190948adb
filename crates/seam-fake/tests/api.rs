//! The fake's normal behaviour over real HTTP: auth, routes, envelopes, storage and portal pages.

mod common;

use std::time::Duration;

use common::{exchange, post, request};
use seam_fake::FakeSeam;
use serde_json::json;

const CREATE: &str = "/customers/create_portal";
const PUSH: &str = "/customers/push_data";
const DELETE: &str = "/customers/delete_data";

fn parse_time(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .expect("an RFC 3339 time")
}

#[tokio::test]
async fn create_portal_returns_a_link_that_serves_the_customer_page() {
    let fake = FakeSeam::start().await.unwrap();
    let r = post(
        &fake,
        CREATE,
        &json!({"customer_data": {"customer_key": "cust_1",
            "buildings": [{"building_key": "b1", "name": "Main <Hall> & \"Co\""}]}}),
    )
    .await;
    assert_eq!(r.status(), Some(200));
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    assert!(r.header("seam-request-id").is_some_and(|id| id.len() == 36));
    let v = r.json();
    assert_eq!(v["ok"], true);
    let portal = &v["customer_portal"];
    assert_eq!(portal, &v["magic_link"]);
    assert_eq!(portal["customer_key"], "cust_1");
    assert_eq!(portal["workspace_id"], fake.workspace_id().to_string());
    let created = parse_time(portal["created_at"].as_str().unwrap());
    let expires = parse_time(portal["expires_at"].as_str().unwrap());
    assert_eq!(expires - created, time::Duration::days(7));
    assert!((time::OffsetDateTime::now_utc() - created).abs() < time::Duration::minutes(1));
    // Microsecond precision, like Seam.
    assert_eq!(portal["created_at"].as_str().unwrap().len(), 27);
    let url = portal["url"].as_str().unwrap();
    let path = url.strip_prefix(&fake.base_url()).expect("url on the fake");
    assert!(path.starts_with("/portal/"));

    let page = exchange(
        fake.addr(),
        &request("GET", path, &[], b""),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(page.status(), Some(200));
    let html = String::from_utf8(page.body()).unwrap();
    assert!(html.contains("cust_1"));
    assert!(
        html.contains("Main &lt;Hall&gt; &amp; &quot;Co&quot;"),
        "escaped name"
    );
    assert!(!html.contains("<Hall>"));
}

#[tokio::test]
async fn create_portal_without_customer_data_generates_a_key_and_links_differ() {
    let fake = FakeSeam::start().await.unwrap();
    let a = post(&fake, CREATE, &json!({})).await.json();
    let b = post(
        &fake,
        CREATE,
        &json!({"locale": "fr-FR", "unknown_field": 1}),
    )
    .await
    .json();
    let ka = a["customer_portal"]["customer_key"].as_str().unwrap();
    assert!(!ka.is_empty());
    assert_ne!(a["customer_portal"]["url"], b["customer_portal"]["url"]);
    assert_eq!(fake.counters().requests(CREATE), 2);
}

#[tokio::test]
async fn push_data_upserts_and_delete_data_removes() {
    let fake = FakeSeam::start().await.unwrap();
    let push = |spaces: serde_json::Value| {
        json!({"customer_key": "c", "spaces": spaces,
        "units": [{"unit_key": "u1", "name": "Unit 1"}]})
    };
    assert_eq!(
        post(
            &fake,
            PUSH,
            &push(json!([{"space_key": "s1", "name": "Old"}]))
        )
        .await
        .status(),
        Some(200)
    );
    let r = post(
        &fake,
        PUSH,
        &push(json!([{"space_key": "s1", "name": "New"}, {"space_key": "s2", "name": "Two"}])),
    )
    .await;
    assert_eq!(r.json(), json!({"ok": true}));
    let data = fake.customer_data("c").unwrap();
    assert_eq!(
        data["spaces"],
        json!([{"space_key": "s1", "name": "New"}, {"space_key": "s2", "name": "Two"}])
    );

    // DELETE with query parameters: repeated keys, and `customer_keys=` as an empty list.
    let auth = format!("Bearer {}", fake.api_key());
    let del = request(
        "DELETE",
        &format!("{DELETE}?customer_keys=&space_keys=s1&unit_keys=u1"),
        &[("authorization", &auth)],
        b"",
    );
    let r = exchange(fake.addr(), &del, Duration::from_secs(5)).await;
    assert_eq!(r.status(), Some(200));
    let data = fake
        .customer_data("c")
        .expect("customer kept: customer_keys was empty");
    assert_eq!(data["spaces"], json!([{"space_key": "s2", "name": "Two"}]));
    assert_eq!(data["units"], json!([]));

    // POST form removes the whole customer.
    let r = post(&fake, DELETE, &json!({"customer_keys": ["c"]})).await;
    assert_eq!(r.status(), Some(200));
    assert!(fake.customer_data("c").is_none());
}

#[tokio::test]
async fn personal_access_token_needs_the_workspace_header() {
    let fake = FakeSeam::start().await.unwrap();
    let pat = format!("Bearer {}", fake.personal_access_token());
    let ws = fake.workspace_id().to_string();
    let other = "00000000-0000-4000-8000-000000000000";
    let cases: [(&[(&str, &str)], u16); 6] = [
        (&[("authorization", &pat), ("seam-workspace", &ws)], 200),
        (&[("authorization", &pat)], 401),
        (&[("authorization", &pat), ("seam-workspace", other)], 401),
        (&[("authorization", "Bearer seam_nope")], 401),
        (&[("authorization", "Basic abc")], 401),
        (&[], 401),
    ];
    for (headers, want) in cases {
        let r = exchange(
            fake.addr(),
            &request("POST", CREATE, headers, b"{}"),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(r.status(), Some(want));
        if want == 401 {
            assert_eq!(r.json()["error"]["type"], "unauthorized");
            assert_eq!(r.json()["ok"], false);
        }
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_get_envelopes_with_request_ids() {
    let fake = FakeSeam::start().await.unwrap();
    let mut ids = Vec::new();
    for (method, path, status, kind) in [
        ("POST", "/customers/nope", 404, "not_found"),
        ("GET", "/", 404, "not_found"),
        ("GET", CREATE, 405, "method_not_allowed"),
        ("PUT", DELETE, 405, "method_not_allowed"),
    ] {
        let r = exchange(
            fake.addr(),
            &request(method, path, &[], b""),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(r.status(), Some(status), "{method} {path}");
        assert_eq!(r.json()["error"]["type"], kind);
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json")
        );
        ids.push(r.header("seam-request-id").unwrap());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "a fresh request id each time");
}

#[tokio::test]
async fn unknown_portal_token_is_a_404_page() {
    let fake = FakeSeam::start().await.unwrap();
    let r = exchange(
        fake.addr(),
        &request("GET", "/portal/%3Cscript%3E", &[], b""),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status(), Some(404));
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(!String::from_utf8_lossy(&r.body()).contains("<script>"));
}

#[tokio::test]
async fn bad_input_never_breaks_the_server() {
    let fake = FakeSeam::start().await.unwrap();
    let auth = format!("Bearer {}", fake.api_key());
    let bodies: [&[u8]; 6] = [
        b"{",
        b"\xff\xfe",
        b"[]",
        b"null",
        b"\"x\"",
        b"{\"customer_data\":[[[[[[]]]]]]}",
    ];
    for body in bodies {
        let r = exchange(
            fake.addr(),
            &request("POST", CREATE, &[("authorization", &auth)], body),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(r.status(), Some(400));
        assert_eq!(r.json()["error"]["type"], "invalid_input");
    }
    let junk: [&[u8]; 3] = [
        b"\x00\x01\x02\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST /customers/create_portal HTTP/1.1\r\ncontent-length: 99999999999999999999\r\n\r\n",
    ];
    for bytes in junk {
        let _ = exchange(fake.addr(), bytes, Duration::from_secs(2)).await;
    }
    // Still serving.
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));
    assert!(fake.counters().connections() >= 10);
}

#[tokio::test]
async fn the_brief_example_tree_is_exact() {
    let fake = FakeSeam::start().await.unwrap();
    let b = |k: &str| json!({"building_key": k, "name": "n"});
    let body = json!({"customer_data": {"customer_key": "c", "buildings": [b("a"), b("b"), b("c"), b("")]}});
    let r = post(&fake, CREATE, &body).await;
    assert_eq!(r.status(), Some(400));
    let v = r.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["type"], "invalid_input");
    assert_eq!(
        v["error"]["validation_errors"],
        json!({"_errors": [], "customer_data": {"_errors": [], "buildings": {"_errors": [], "3": {"_errors": [],
            "building_key": {"_errors": ["String must contain at least 1 character(s)"]}}}}})
    );
    assert!(
        fake.customer_data("c").is_none(),
        "nothing stored from an invalid request"
    );
}

#[tokio::test]
async fn drop_and_shutdown_stop_the_server() {
    let fake = FakeSeam::start().await.unwrap();
    let addr = fake.addr();
    fake.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());

    let fake = FakeSeam::start().await.unwrap();
    let addr = fake.addr();
    drop(fake);
    let mut refused = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(refused);
}

#[tokio::test]
async fn non_loopback_bind_is_refused_unless_allowed() {
    let err = FakeSeam::builder()
        .bind("0.0.0.0:0".parse().unwrap())
        .start()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
}

#[tokio::test]
async fn debug_output_hides_secrets() {
    let fake = FakeSeam::builder()
        .api_key("seam_fake_secret123")
        .start()
        .await
        .unwrap();
    let shown = format!("{fake:?}");
    assert!(!shown.contains("secret123"));
    assert!(!shown.contains(fake.personal_access_token()));
}

#[tokio::test]
async fn serves_on_ipv6_loopback() {
    let fake = FakeSeam::builder()
        .bind("[::1]:0".parse().unwrap())
        .start()
        .await
        .unwrap();
    assert!(fake.base_url().starts_with("http://[::1]:"));
    let r = post(&fake, CREATE, &json!({})).await;
    assert_eq!(r.status(), Some(200));
    let url = r.json()["customer_portal"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(url.starts_with(&format!("{}/portal/", fake.base_url())));
}
