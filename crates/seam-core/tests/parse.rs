//! Reading responses: results, API errors, and every kind of garbage, without ever panicking.

mod common;

use bytes::Bytes;
use common::PORTAL_OK;
use http::StatusCode;
use proptest::prelude::*;
use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, PushData};
use seam_core::{parse, Error, ErrorKind, EXCERPT_CHARS};

fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> http::Response<Bytes> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).expect("valid response")
}

fn portal_err(status: u16, headers: &[(&str, &str)], body: &'static str) -> Error {
    parse::<CreatePortal>(response(status, headers, body)).expect_err("an error")
}

#[test]
fn success_reads_the_response_key() {
    let portal = parse::<CreatePortal>(response(200, &[], PORTAL_OK)).expect("parses");
    assert_eq!(portal.customer_key, "customer-1");
    assert_eq!(
        portal.url.as_str(),
        "https://connect.getseam.com/portal/abc"
    );

    let ok = parse::<PushData>(response(200, &[], r#"{"ok": true, "extra": 1}"#)).expect("ok");
    assert!(ok.ok);
    let ok = parse::<DeleteData>(response(200, &[], r#"{"ok":true}"#)).expect("ok");
    assert!(ok.ok);

    let link = parse::<CreateDeepLink>(response(
        200,
        &[],
        r#"{"ok":true,"deep_link":{"customer_portal_id":"7f1e2d3c-4b5a-4968-8776-655443322110",
            "expires_at":"2025-05-02T10:00:00Z","url":"https://connect.getseam.com/d/1"}}"#,
    ))
    .expect("deep link parses");
    assert_eq!(link.url.as_str(), "https://connect.getseam.com/d/1");
}

#[test]
fn the_legacy_magic_link_key_is_read_only_when_customer_portal_is_missing() {
    let legacy = r#"{"magic_link": {"url": "https://se.am/legacy", "customer_key": "c",
        "expires_at": "2025-06-17T16:54:17.946594Z", "workspace_id": "67c58f1f-f148-4415-a63c-dc6c145c6b91",
        "created_at": "2025-06-16T16:54:17.946594Z"}, "ok": true}"#;
    let portal = parse::<CreatePortal>(response(200, &[], legacy)).expect("legacy key parses");
    assert_eq!(portal.url.as_str(), "https://se.am/legacy");

    let both = r#"{"customer_portal": {"url": "https://se.am/new", "customer_key": "c",
        "expires_at": "2025-06-17T16:54:17Z", "workspace_id": "67c58f1f-f148-4415-a63c-dc6c145c6b91",
        "created_at": "2025-06-16T16:54:17Z"}, "magic_link": {"url": 5}, "ok": true}"#;
    let portal = parse::<CreatePortal>(response(200, &[], both)).expect("current key wins");
    assert_eq!(portal.url.as_str(), "https://se.am/new");
}

#[test]
fn api_error_envelope() {
    let err = portal_err(
        404,
        &[
            ("seam-request-id", "req_42"),
            ("content-type", "application/json"),
        ],
        r#"{"error": {"type": "customer_not_found", "message": "No such customer", "data": {"customer_key": "c9"}}, "ok": false}"#,
    );
    assert_eq!(err.kind(), ErrorKind::Api);
    assert!(err.is_api() && !err.is_retryable() && !err.is_unauthorized());
    assert_eq!(err.api_error_code(), Some("customer_not_found"));
    assert_eq!(err.api_error_message(), Some("No such customer"));
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(err.request_id(), Some("req_42"));
    assert_eq!(err.api_error_data().expect("data")["customer_key"], "c9");
    let text = err.to_string();
    assert!(
        text.contains("customer_not_found") && text.contains("404") && text.contains("req_42"),
        "{text}"
    );
}

#[test]
fn invalid_input_lists_messages_per_parameter() {
    let err = portal_err(
        400,
        &[],
        r#"{"error": {"type": "invalid_input", "message": "Invalid input",
            "validation_errors": {"_errors": [], "customer_data": {"_errors": [],
              "buildings": {"0": {"name": {"_errors": ["Required"]}}}},
              "locale": {"_errors": ["Invalid enum value"]}}}}"#,
    );
    assert!(err.is_validation());
    let problems = err.validation_errors().expect("violations");
    let pairs: Vec<(&str, &str)> = problems
        .iter()
        .map(|v| (v.path.as_str(), v.message.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("customer_data.buildings[0].name", "Required"),
            ("locale", "Invalid enum value"),
        ]
    );
    assert!(problems.request_wide().is_empty());
    assert!(
        err.to_string()
            .contains("customer_data.buildings[0].name: Required"),
        "{err}"
    );
}

#[test]
fn status_401_is_unauthorized_whatever_the_body() {
    for body in [
        "",
        "<html>nope</html>",
        "{\"error\": 3}",
        r#"{"error":{"type":"unauthorized","message":"Unauthorized"}}"#,
    ] {
        let err = portal_err(401, &[("seam-request-id", "r1")], body);
        assert!(err.is_unauthorized(), "{body}: {err:?}");
        assert_eq!(err.api_error_code(), Some("unauthorized"), "{body}");
        assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(err.request_id(), Some("r1"));
        assert!(
            err.to_string().contains("rejected the credentials"),
            "{err}"
        );
    }
}

#[test]
fn garbage_is_an_invalid_response_with_where_and_what() {
    // (status, content type, body, expected JSON path, text expected in the message)
    let cases: [(u16, &str, &'static str, Option<&str>, &str); 8] = [
        (
            502,
            "text/html",
            "<html><body>Bad gateway</body></html>",
            Some(""),
            "error envelope",
        ),
        (200, "application/json", "", Some(""), "empty body"),
        (
            200,
            "application/json",
            r#"{"ok": true, "customer_por"#,
            Some(""),
            "not valid JSON",
        ),
        (
            200,
            "application/json",
            r#"[1, 2]"#,
            Some(""),
            "got an array",
        ),
        (
            200,
            "application/json",
            r#"{"ok": true}"#,
            Some("customer_portal"),
            "no `customer_portal`",
        ),
        (
            200,
            "application/json",
            r#"{"customer_portal": {"url": 5}}"#,
            Some("customer_portal.url"),
            "expected shape",
        ),
        (500, "application/json", "", None, "body is empty"),
        (302, "text/plain", "moved", None, "redirect"),
    ];
    for (status, content_type, body, path, needle) in cases {
        let err = portal_err(status, &[("content-type", content_type)], body);
        assert!(err.is_invalid_response(), "{status} {body}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.content_type(), Some(content_type));
        assert_eq!(err.json_path(), path, "{body}");
        assert_eq!(
            err.body_excerpt(),
            Some(body),
            "short bodies are kept whole"
        );
        assert!(err.to_string().contains(needle), "{body}: {err}");
    }
}

#[test]
fn retry_after_and_retryable_statuses_survive_parsing() {
    let err = portal_err(
        503,
        &[("retry-after", "7"), ("content-type", "text/html")],
        "<h1>busy</h1>",
    );
    assert!(err.is_invalid_response() && err.is_retryable());
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(7)));
    let err = portal_err(
        429,
        &[],
        r#"{"error":{"type":"rate_limited","message":"slow down"}}"#,
    );
    assert!(err.is_api() && err.is_retryable());
}

#[test]
fn long_bodies_are_cut_to_an_excerpt() {
    let body: &'static str = Box::leak("ü".repeat(5_000).into_boxed_str());
    let err = portal_err(500, &[], body);
    let excerpt = err.body_excerpt().expect("excerpt");
    assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
    assert!(excerpt.ends_with('…'));
    assert!(err.to_string().len() < 1_000);
}

proptest! {
    #[test]
    fn parse_never_panics_and_always_classifies(
        status in 100u16..1000,
        headers in proptest::collection::vec(
            (prop_oneof![Just("content-type"), Just("retry-after"), Just("seam-request-id"), Just("date"), Just("location")],
             proptest::collection::vec(any::<u8>().prop_filter("header byte", |b| *b == b'\t' || (*b >= 0x20 && *b != 0x7f)), 0..40)),
            0..4),
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..600),
            "[ -~]{0,300}".prop_map(String::into_bytes),
            Just(PORTAL_OK.as_bytes().to_vec()),
            Just(br#"{"error":{"type":"x","message":"y"}}"#.to_vec()),
        ],
        cut in 0usize..700,
    ) {
        let body = body[..cut.min(body.len())].to_vec();
        let mut builder = http::Response::builder().status(status);
        for (name, value) in &headers {
            builder = builder.header(*name, http::HeaderValue::from_bytes(value).expect("filtered bytes"));
        }
        let response = builder.body(Bytes::from(body)).expect("valid response");
        match parse::<CreatePortal>(response) {
            Ok(_) => prop_assert!((200..300).contains(&status)),
            Err(err) => {
                prop_assert!(matches!(err.kind(), ErrorKind::Api | ErrorKind::InvalidResponse), "{:?}", err);
                prop_assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
                if status == 401 {
                    prop_assert!(err.is_unauthorized());
                }
                if let Some(excerpt) = err.body_excerpt() {
                    prop_assert!(excerpt.chars().count() <= EXCERPT_CHARS);
                }
                let _ = (err.to_string(), format!("{err:?}"));
            }
        }
    }
}

#[test]
fn one_pass_parse_keeps_paths_and_the_legacy_fallback() {
    const PORTAL: &str = r#"{"url": "https://se.am/new", "customer_key": "c",
        "expires_at": "2025-06-17T16:54:17Z", "workspace_id": "67c58f1f-f148-4415-a63c-dc6c145c6b91",
        "created_at": "2025-06-16T16:54:17Z"}"#;
    // The legacy key first (and unreadable), the current one after: the current one wins.
    let body = format!(
        r#"{{"magic_link": {{"url": 5}}, "noise": [{{"a": [1, {{}}]}}], "customer_portal": {PORTAL}}}"#
    );
    let portal = parse::<CreatePortal>(response(200, &[], body)).expect("current key wins");
    assert_eq!(portal.url.as_str(), "https://se.am/new");

    // Only the legacy key, of the wrong shape: the path names the legacy key.
    let err = portal_err(200, &[], r#"{"ok": true, "magic_link": {"url": 5}}"#);
    assert!(err.is_invalid_response(), "{err:?}");
    assert_eq!(err.json_path(), Some("magic_link.url"));

    // Truncated inside the result: invalid JSON, reported where it broke.
    let err = portal_err(200, &[], r#"{"customer_portal": {"url": "https://se"#);
    assert_eq!(err.json_path(), Some("customer_portal.url"), "{err}");
    assert!(err.to_string().contains("not valid JSON"), "{err}");

    // Trailing bytes after a complete, valid answer are refused.
    let body = format!(r#"{{"customer_portal": {PORTAL}}} x"#);
    let err = parse::<CreatePortal>(response(200, &[], body)).expect_err("trailing data");
    assert!(err.to_string().contains("not valid JSON"), "{err}");

    // Each non-object top level is named.
    for (body, kind) in [
        ("\"x\"", "a string"),
        ("true", "a boolean"),
        ("3.5", "a number"),
        ("null", "null"),
    ] {
        let err = parse::<CreatePortal>(response(200, &[], body)).expect_err(body);
        assert!(
            err.to_string().contains(&format!("got {kind}")),
            "{body}: {err}"
        );
    }

    // Operations whose result is the whole object report paths from the root.
    let err = parse::<PushData>(response(200, &[], r#"{"ok": "yes"}"#)).expect_err("bad ok");
    assert_eq!(err.json_path(), Some("ok"));
}

#[test]
fn returned_links_and_ok_false_are_checked_for_every_operation() {
    let deep_link = |url: &str, ok: &str| {
        format!(
            r#"{{"ok":{ok},"deep_link":{{"customer_portal_id":"7f1e2d3c-4b5a-4968-8776-655443322110",
            "expires_at":"2025-05-02T10:00:00Z","url":"{url}"}}}}"#
        )
    };
    for url in [
        "javascript:alert(1)",
        "http://127.0.0.1/d",
        "https://u:p@se.am/d",
        "file:///x",
    ] {
        let err =
            parse::<CreateDeepLink>(response(200, &[], deep_link(url, "true"))).expect_err(url);
        assert!(err.is_invalid_response(), "{url}");
        assert_eq!(err.json_path(), Some("deep_link.url"), "{url}");
    }
    let err = parse::<CreateDeepLink>(response(200, &[], deep_link("https://se.am/d", "false")))
        .expect_err("ok false");
    assert_eq!(err.json_path(), Some("ok"));
    for body in [
        r#"{"ok": false}"#,
        r#"{"ok": true, "ok": false}"#,
        r#"{"ok": "yes"}"#,
    ] {
        for err in [
            parse::<PushData>(response(200, &[], body)).expect_err(body),
            parse::<DeleteData>(response(204, &[], body)).expect_err(body),
            parse::<CreatePortal>(response(200, &[], body)).expect_err(body),
        ] {
            assert!(err.is_invalid_response(), "{body}: {err}");
            // A repeated `ok` may also fail the typed read first (serde's duplicate-field check).
            let path = err.json_path().unwrap_or("none");
            assert!(
                path == "ok" || body.matches("ok").count() > 1,
                "{body}: {path}"
            );
        }
    }
}

#[test]
fn the_validation_tree_is_read_within_bounds() {
    use seam_core::violations::{MAX_DEPTH, MAX_PATH_BYTES, MAX_PER_PATH};
    let mut deep = serde_json::json!({"_errors": ["too deep", 5, "also"]});
    for i in 0..MAX_DEPTH + 10 {
        deep = serde_json::json!({ format!("n{i}"): deep });
    }
    let long = "é".repeat(MAX_PATH_BYTES);
    let body = serde_json::json!({"error": {"type": "invalid_input", "message": "m",
    "validation_errors": {
        "_errors": ["whole", {"not": "a string"}, null],
        "deep": deep,
        "flood": {"_errors": vec!["again"; MAX_PER_PATH + 4]},
        long.clone(): {"x": {"_errors": ["long path"]}},
        "odd": "not an object", "odd2": [1, 2], "odd3": {"_errors": "not an array"},
        "items": {"7": {"name": {"_errors": ["Required"]}}}
    }}})
    .to_string();
    let err = parse::<CreatePortal>(response(400, &[], body)).expect_err("api error");
    let v = err.validation_errors().expect("violations");
    assert_eq!(v.request_wide(), ["whole"]);
    assert_eq!(
        v.for_parameter("items[7].name").collect::<Vec<_>>(),
        ["Required"]
    );
    assert_eq!(v.for_parameter("flood").count(), MAX_PER_PATH);
    assert_eq!(
        v.omitted_count(),
        2 + 4,
        "the deep strings and the flood's tail are counted"
    );
    let long_path = v
        .iter()
        .find(|x| x.message == "long path")
        .expect("kept")
        .path
        .clone();
    assert!(
        long_path.len() <= MAX_PATH_BYTES && long_path.ends_with('…'),
        "{long_path}"
    );
    assert!(v.iter().all(|x| !x.path.starts_with("deep")));
}

/// Found by `cargo xtask fuzz` (parse_response, 2026-12-02): a key path just under the cap whose
/// child pushes it over used to panic while restoring the parent's path.
#[test]
fn a_path_cut_under_a_parent_near_the_cap_keeps_the_parent_intact() {
    use seam_core::violations::MAX_PATH_BYTES;
    for parent_len in MAX_PATH_BYTES - 6..=MAX_PATH_BYTES + 1 {
        for filler in ["a", "é"] {
            let parent: String = filler.repeat(parent_len).chars().take(parent_len).collect();
            let body = serde_json::json!({"error": {"type": "invalid_input", "message": "m",
            "validation_errors": {
                parent.clone(): {"bc": {"_errors": ["child"]}, "7": {"_errors": ["item"]}},
                "next": {"_errors": ["sibling"]}
            }}})
            .to_string();
            let err = parse::<CreatePortal>(response(400, &[], body)).expect_err("api error");
            let v = err.validation_errors().expect("violations");
            assert_eq!(
                v.for_parameter("next").collect::<Vec<_>>(),
                ["sibling"],
                "parent of {parent_len} chars of {filler}"
            );
            for message in ["child", "item"] {
                let path = &v.iter().find(|x| x.message == message).expect("kept").path;
                assert!(path.len() <= MAX_PATH_BYTES, "{} bytes", path.len());
                let prefix: String = parent.chars().take(8).collect();
                assert!(path.starts_with(&prefix), "{path}");
            }
        }
    }
}

#[test]
fn the_error_keeps_headers_body_and_a_bounded_display() {
    let huge = "é\u{1b}".repeat(5 * 1024 * 1024);
    let data = serde_json::json!({"big": "d".repeat(seam_core::MAX_DATA_BYTES)});
    let body = serde_json::json!({"error": {"type": "t".repeat(10_000), "message": huge,
        "data": data}, "ok": false})
    .to_string();
    let len = body.len();
    let err = parse::<PushData>(response(500, &[("x-trace", "abc")], body)).expect_err("api");
    assert_eq!(err.body().map(<[u8]>::len), Some(len));
    assert_eq!(err.headers().expect("headers")["x-trace"], "abc");
    assert!(
        err.api_error_data().is_none(),
        "data above the cap is left out"
    );
    assert_eq!(err.api_error_message().map(str::len), Some(huge.len()));
    let shown = err.to_string();
    assert!(shown.len() < 4 * 1024, "{} bytes", shown.len());
    assert!(!shown.contains('\u{1b}'));
    assert!(format!("{err:?}").len() < 8 * 1024);

    let small = parse::<PushData>(response(
        409,
        &[],
        r#"{"error": {"type": "a", "type": "b", "message": "m", "data": {"k": [1]}}}"#,
    ))
    .expect_err("api");
    assert_eq!(
        small.api_error_code(),
        Some("a"),
        "the first of a repeated key"
    );
    assert_eq!(small.api_error_data(), Some(&serde_json::json!({"k": [1]})));
    assert!(small.validation_errors().is_none());
    assert_eq!(small.attempts(), 0, "parse alone makes no attempt");
}
