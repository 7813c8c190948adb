//! Safe to leave running: the control plane is the owner's only, counters and logs carry no
//! tokens, state is capped, links expire, and DELETE queries are read as Seam's strict parser does.

mod common;

use std::time::Duration;

use common::{exchange, exchange_as_is, post, request, Raw};
use seam_fake::{FakeSeam, Fault};
use serde_json::json;

const CREATE: &str = "/customers/create_portal";
const PUSH: &str = "/customers/push_data";
const DELETE: &str = "/customers/delete_data";
const LIMIT: Duration = Duration::from_secs(5);

/// What a refused control request sends, and the status it gets.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, u16);

/// A control request with exactly these headers (and `connection: close`); no `host` is added.
async fn control(fake: &FakeSeam, method: &str, path: &str, headers: &[(&str, &str)]) -> Raw {
    let body = if method == "POST" {
        json!({"route": CREATE, "next": 1, "fault": {"kind": "respond", "status": 418}}).to_string()
    } else {
        String::new()
    };
    exchange_as_is(
        fake.addr(),
        &request(method, path, headers, body.as_bytes()),
        LIMIT,
    )
    .await
}

#[tokio::test]
async fn control_routes_answer_only_their_owner() {
    let fake = FakeSeam::start().await.unwrap();
    let host = fake.addr().to_string();
    let localhost = format!("localhost:{}", fake.addr().port());
    let token = format!("Bearer {}", fake.control_token());
    let api_key = format!("Bearer {}", fake.api_key());
    let own_origin = format!("http://{host}");

    let refused: [Case; 8] = [
        ("no token", vec![("host", &host)], 401),
        (
            "the API key",
            vec![("host", &host), ("authorization", &api_key)],
            401,
        ),
        (
            "a wrong token",
            vec![("host", &host), ("authorization", "Bearer seam_ctl_fake_x")],
            401,
        ),
        (
            "a foreign Host",
            vec![("host", "rebind.invalid:80"), ("authorization", &token)],
            403,
        ),
        ("no Host", vec![("authorization", &token)], 403),
        (
            "a foreign Origin",
            vec![
                ("host", &host),
                ("authorization", &token),
                ("origin", "http://evil.invalid"),
            ],
            403,
        ),
        (
            "Origin null",
            vec![
                ("host", &host),
                ("authorization", &token),
                ("origin", "null"),
            ],
            403,
        ),
        (
            "a cross-site fetch",
            vec![
                ("host", &host),
                ("authorization", &token),
                ("sec-fetch-site", "cross-site"),
            ],
            403,
        ),
    ];
    for (what, headers, status) in &refused {
        for (method, path) in [("POST", "/_fake/faults"), ("GET", "/_fake/counters")] {
            let r = control(&fake, method, path, headers).await;
            assert_eq!(r.status(), Some(*status), "{what} {method} {path}");
            assert_eq!(r.json()["ok"], false, "{what}");
            let text = String::from_utf8_lossy(&r.bytes);
            assert!(
                !text.contains(fake.control_token()),
                "{what} leaks the token"
            );
            assert!(!text.contains("\"requests\""), "{what} got the counters");
        }
    }
    // Nothing was armed by any of them.
    assert_eq!(fake.faults().armed(), 0);
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));

    // The owner: the token, the fake's own Host (address or localhost), its own Origin.
    let owner = [
        vec![("host", host.as_str()), ("authorization", token.as_str())],
        vec![
            ("host", &localhost),
            ("authorization", &token),
            ("origin", &own_origin),
        ],
    ];
    for headers in &owner {
        let r = control(&fake, "POST", "/_fake/faults", headers).await;
        assert_eq!(
            r.status(),
            Some(200),
            "{}",
            String::from_utf8_lossy(&r.bytes)
        );
        let r = control(&fake, "GET", "/_fake/counters", headers).await;
        assert_eq!(r.status(), Some(200));
        assert!(r.json()["requests"][CREATE].as_u64().unwrap() >= 1);
    }
    assert_eq!(fake.faults().armed(), 2);
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(418));
    // The library needs no token.
    fake.faults().clear();
    fake.faults().next(CREATE, 1, Fault::status(503));
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(503));
    // And the API routes need no control token (what the official SDKs send).
    assert_eq!(post(&fake, CREATE, &json!({})).await.status(), Some(200));
}

#[tokio::test]
async fn counters_and_logs_carry_no_portal_token_or_key() {
    let fake = FakeSeam::start().await.unwrap();
    let r = post(
        &fake,
        CREATE,
        &json!({"customer_data": {"customer_key": "acme"}}),
    )
    .await;
    let url = r.json()["customer_portal"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = url.strip_prefix(&fake.base_url()).unwrap().to_owned();
    let token = path.strip_prefix("/portal/").unwrap().to_owned();
    let page = exchange(fake.addr(), &request("GET", &path, &[], b""), LIMIT).await;
    assert_eq!(page.status(), Some(200));
    // A path that merely carries a token or the API key elsewhere, encoded or not.
    for odd in [
        format!("/%70ortal/{token}"),
        format!("/x/{}", fake.api_key()),
        format!("/x/{}", fake.api_key().replace('_', "%5F")),
    ] {
        let r = exchange(fake.addr(), &request("GET", &odd, &[], b""), LIMIT).await;
        assert_eq!(r.status(), Some(404));
    }
    assert_eq!(fake.counters().requests("/portal/:token"), 1);
    assert_eq!(fake.counters().requests("(redacted path)"), 3);
    let ctl = format!("Bearer {}", fake.control_token());
    let r = exchange(
        fake.addr(),
        &request("GET", "/_fake/counters", &[("authorization", &ctl)], b""),
        LIMIT,
    )
    .await;
    let text = String::from_utf8_lossy(&r.bytes).into_owned();
    assert_eq!(r.json()["requests"]["/portal/:token"], 1, "{text}");
    for secret in [token.as_str(), fake.api_key(), fake.control_token()] {
        assert!(!text.contains(secret), "counters leak {secret}: {text}");
        assert!(!format!("{:?}", fake.counters()).contains(secret));
        assert!(!format!("{fake:?}").contains(secret));
    }
}

#[tokio::test]
async fn the_binary_log_carries_no_token() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_seam-fake"))
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..5 {
        let mut l = String::new();
        out.read_line(&mut l).unwrap();
        lines.push(l.trim().to_owned());
    }
    let value = |i: usize| lines[i].split_whitespace().last().unwrap().to_owned();
    let addr: std::net::SocketAddr = value(0).strip_prefix("http://").unwrap().parse().unwrap();
    let (key, control_token) = (value(1), value(4));
    assert!(control_token.starts_with("seam_ctl_fake_"), "{lines:?}");
    let auth = format!("Bearer {key}");
    let body = br#"{"customer_data":{"customer_key":"acme"}}"#;
    let r = exchange(
        addr,
        &request("POST", CREATE, &[("authorization", &auth)], body),
        LIMIT,
    )
    .await;
    let url = r.json()["customer_portal"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = url.split_once(&addr.to_string()).unwrap().1.to_owned();
    let token = path.strip_prefix("/portal/").unwrap().to_owned();
    assert_eq!(
        exchange(addr, &request("GET", &path, &[], b""), LIMIT)
            .await
            .status(),
        Some(200)
    );
    let ctl = format!("Bearer {control_token}");
    let r = exchange(
        addr,
        &request("GET", "/_fake/counters", &[("authorization", &ctl)], b""),
        LIMIT,
    )
    .await;
    assert_eq!(r.status(), Some(200));
    let _ = child.kill();
    let mut log = String::new();
    let _ = std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log);
    let _ = child.wait();
    assert!(log.contains("GET /portal/:token -> 200"), "{log}");
    assert!(log.contains("GET /_fake/counters -> 200"), "{log}");
    for secret in [&token, &key, &control_token] {
        assert!(
            !log.contains(secret.as_str()),
            "the log leaks {secret}: {log}"
        );
    }
    assert!(!log.contains("acme"), "the log shows a body: {log}");
}

#[tokio::test]
async fn stored_resources_are_capped_and_refused_past_the_cap() {
    let fake = FakeSeam::builder()
        .max_stored_resources(5)
        .start()
        .await
        .unwrap();
    let guests = |keys: &[&str]| {
        let g: Vec<_> = keys
            .iter()
            .map(|k| json!({"guest_key": k, "name": "n"}))
            .collect();
        json!({"customer_key": "c", "guests": g})
    };
    // The customer record and four guests fill it.
    assert_eq!(
        post(&fake, PUSH, &guests(&["a", "b", "c", "d"]))
            .await
            .status(),
        Some(200)
    );
    let r = post(&fake, PUSH, &guests(&["e"])).await;
    assert_eq!(r.status(), Some(413));
    assert_eq!(r.json()["error"]["type"], "fake_store_full");
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("5 resources"));
    // Nothing of a refused push is stored; updates of stored keys still fit.
    assert_eq!(
        fake.customer_data("c").unwrap()["guests"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        post(&fake, PUSH, &guests(&["a", "b"])).await.status(),
        Some(200)
    );
    let r = post(&fake, CREATE, &json!({})).await;
    assert_eq!(r.status(), Some(413), "a new customer is a resource too");
    // Deleting makes room again.
    assert_eq!(
        post(&fake, DELETE, &json!({"guest_keys": ["a", "b"]}))
            .await
            .status(),
        Some(200)
    );
    assert_eq!(
        post(&fake, PUSH, &guests(&["e", "f"])).await.status(),
        Some(200)
    );

    let bytes = FakeSeam::builder()
        .max_stored_bytes(2_000)
        .start()
        .await
        .unwrap();
    let big =
        json!({"customer_key": "c", "guests": [{"guest_key": "g", "name": "x".repeat(3_000)}]});
    let r = post(&bytes, PUSH, &big).await;
    assert_eq!(r.status(), Some(413));
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("2000 bytes"));
}

#[tokio::test]
async fn portal_links_expire_and_are_capped() {
    let fake = FakeSeam::builder()
        .portal_link_lifetime(Duration::from_millis(600))
        .max_portal_links(2)
        .start()
        .await
        .unwrap();
    let path = |r: &Raw| {
        r.json()["customer_portal"]["url"]
            .as_str()
            .unwrap()
            .strip_prefix(&fake.base_url())
            .unwrap()
            .to_owned()
    };
    let first = post(
        &fake,
        CREATE,
        &json!({"customer_data": {"customer_key": "acme"}}),
    )
    .await;
    let expires = first.json()["customer_portal"]["expires_at"].clone();
    let created = first.json()["customer_portal"]["created_at"].clone();
    assert_ne!(expires, created);
    let first = path(&first);
    let second = path(&post(&fake, CREATE, &json!({})).await);
    let addr = fake.addr();
    let page =
        |p: String| async move { exchange(addr, &request("GET", &p, &[], b""), LIMIT).await };
    assert_eq!(page(first.clone()).await.status(), Some(200));
    // Two live links fill the cap: a third is refused.
    let r = post(&fake, CREATE, &json!({})).await;
    assert_eq!(r.status(), Some(413));
    assert_eq!(r.json()["error"]["type"], "fake_portal_links_full");
    tokio::time::sleep(Duration::from_millis(800)).await;
    // Past expires_at the page says so, with a 410.
    let gone = page(first.clone()).await;
    assert_eq!(gone.status(), Some(410));
    let text = String::from_utf8_lossy(&gone.body()).into_owned();
    assert!(text.contains("expired"), "{text}");
    assert!(text.contains(expires.as_str().unwrap()), "{text}");
    assert_eq!(page(second.clone()).await.status(), Some(410));
    // Expired links make room for new ones (the oldest goes first).
    let third = path(&post(&fake, CREATE, &json!({})).await);
    assert_eq!(page(third).await.status(), Some(200));
    assert_eq!(page(first).await.status(), Some(404));
    assert_eq!(page(second).await.status(), Some(410));
}

#[tokio::test]
async fn strict_delete_queries_are_read_as_seams_strict_parser_reads_them() {
    let fake = FakeSeam::start().await.unwrap();
    let auth = format!("Bearer {}", fake.api_key());
    let push = json!({"customer_key": "c", "spaces": [
        {"space_key": "a,b", "name": "comma"}, {"space_key": "a", "name": "A"},
        {"space_key": "b", "name": "B"}, {"space_key": " c", "name": "space"}]});
    assert_eq!(post(&fake, PUSH, &push).await.status(), Some(200));
    let delete = |q: &str| {
        let req = request(
            "DELETE",
            &format!("{DELETE}?{q}"),
            &[("authorization", &auth)],
            b"",
        );
        let addr = fake.addr();
        async move { exchange(addr, &req, LIMIT).await }
    };
    let spaces = || -> Vec<String> {
        fake.customer_data("c").unwrap()["spaces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["space_key"].as_str().unwrap().to_owned())
            .collect()
    };
    for (query, param) in [
        (
            "customer_keys=&customer_keys=c&_strict=true",
            "customer_keys",
        ),
        (
            "customer_keys=&customer_keys=&_strict=true",
            "customer_keys",
        ),
        ("bogus=1&_strict=true", "bogus"),
        ("space_keys[]=a&_strict=true", "space_keys[]"),
        ("space_keys=a&_strict=maybe", "_strict"),
    ] {
        let r = delete(query).await;
        assert_eq!(r.status(), Some(400), "{query}");
        assert_eq!(r.json()["error"]["type"], "invalid_input", "{query}");
        let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(
            message.contains(&format!("'{param}'")),
            "{query}: {message}"
        );
        assert!(
            r.json()["error"]["validation_errors"][param]["_errors"][0].is_string(),
            "{query}"
        );
    }
    assert_eq!(spaces().len(), 4, "a refused query deletes nothing");
    // What the official SDKs send: names in order, commas and spaces kept verbatim.
    let r =
        delete("building_keys=x&customer_keys=&space_keys=a%2Cb&space_keys=+c&_strict=true").await;
    assert_eq!(r.status(), Some(200), "{:?}", r.json());
    assert_eq!(spaces(), vec!["a", "b"]);
    // Without _strict, the relaxed reading: comma lists, unknown parameters ignored.
    let r = delete("space_keys=a,b&bogus=1").await;
    assert_eq!(r.status(), Some(200), "{:?}", r.json());
    assert!(spaces().is_empty());
    let r = delete("space_keys=a,,b").await;
    assert_eq!(r.status(), Some(400));
    assert!(fake.customer_data("c").is_some());
}
