//! The portal route over loopback: one view, two renderings (HTML and `accept: application/json`),
//! frame headers that follow `is_embedded`, and 410 once a link has expired.

mod common;

use std::time::Duration;

use seam_fake::FakeSeam;
use serde_json::json;

async fn get(fake: &FakeSeam, url: &str, accept: &str) -> common::Raw {
    let path = url.trim_start_matches(&fake.base_url());
    let req = common::request("GET", path, &[("accept", accept)], b"");
    common::exchange(fake.addr(), &req, Duration::from_secs(5)).await
}

#[tokio::test]
async fn the_json_twin_is_the_view_the_page_renders() {
    let fake = FakeSeam::start().await.expect("fake");
    let url = common::portal_url(&fake, &json!({
            "locale": "it-IT",
            "navigation_mode": "restricted",
            "landing_page": {"manage": {"property_listing_key": "pl-2"}},
            "features": {"configure": {"exclude": true}, "connect": {"accepted_providers": ["august"]}},
            "customer_resources_filters": [{"field": "tier", "operation": "=", "value": "gold"}],
            "customer_data": {
                "customer_key": "acme",
                "property_listings": [
                    {"property_listing_key": "pl-1", "name": "Loft", "custom_metadata": {"tier": "gold"}},
                    {"property_listing_key": "pl-2", "name": "Barn", "custom_metadata": {"tier": "tin"}}
                ]
            }
        }),
    )
    .await;
    let twin = get(&fake, &url, "application/json").await;
    assert_eq!(twin.status(), Some(200));
    assert_eq!(
        twin.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(twin.header("vary").as_deref(), Some("accept"));
    let view = twin.json();
    assert_eq!(view["customer_key"], "acme");
    assert_eq!(view["locale"], "it-IT");
    assert_eq!(view["navigation_mode"], "restricted");
    assert_eq!(view["is_embedded"], false);
    let enabled: Vec<(&str, bool)> = view["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["enabled"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        enabled,
        [
            ("connect", true),
            ("manage", true),
            ("organize", true),
            ("configure", false),
            ("manage_devices", true)
        ]
    );
    assert_eq!(
        view["features"][0]["options"][1]["value"],
        json!(["august"])
    );
    assert_eq!(
        view["landing_page"],
        json!({"field": "property_listing_key", "key": "pl-2", "collection": "property_listings", "found": true})
    );
    let listed = &view["collections"][0]["resources"];
    assert_eq!(listed[0]["matches_filters"], true);
    assert_eq!(listed[1]["matches_filters"], false);
    assert_eq!(listed[1]["opens_here"], true);

    // The HTML page of the same URL renders exactly that view.
    let page = get(&fake, &url, "text/html,*/*;q=0.8").await;
    assert_eq!(page.status(), Some(200));
    let html = String::from_utf8(page.body()).expect("utf-8");
    assert!(html.contains("<html lang=\"it-IT\">"));
    assert!(!html.contains("<nav"), "restricted navigation shows no nav");
    assert!(html.contains("<li class=\"feature off\" data-feature=\"configure\""));
    assert!(html.contains("<li class=\"resource\" data-key=\"pl-1\">"));
    assert!(html
        .contains("<li class=\"resource opens out\" data-key=\"pl-2\" aria-current=\"location\">"));
    assert!(html.contains("<dd><code>august</code></dd>"));
    fake.shutdown().await;
}

#[tokio::test]
async fn framing_headers_follow_is_embedded() {
    let fake = FakeSeam::start().await.expect("fake");
    let data = json!({"customer_key": "acme"});
    let embedded =
        common::portal_url(&fake, &json!({"is_embedded": true, "customer_data": data})).await;
    let standalone =
        common::portal_url(&fake, &json!({"is_embedded": false, "customer_data": data})).await;
    for accept in ["text/html", "application/json"] {
        let e = get(&fake, &embedded, accept).await;
        let csp = e.header("content-security-policy").expect("csp");
        assert!(csp.ends_with("frame-ancestors *"), "{csp}");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert_eq!(e.header("x-frame-options"), None);
        let s = get(&fake, &standalone, accept).await;
        let csp = s.header("content-security-policy").expect("csp");
        assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
        assert_eq!(s.header("x-frame-options").as_deref(), Some("DENY"));
    }
    let unknown = get(
        &fake,
        &format!("{}/portal/nope", fake.base_url()),
        "application/json",
    )
    .await;
    assert_eq!(unknown.status(), Some(404));
    assert_eq!(unknown.json()["error"]["type"], "portal_link_not_found");
    assert_eq!(unknown.header("x-frame-options").as_deref(), Some("DENY"));
    fake.shutdown().await;
}

#[tokio::test]
async fn an_expired_link_answers_410_in_both_renderings() {
    let fake = common::fake_with_instant_expiry().await;
    let url = common::portal_url(
        &fake,
        &json!({"is_embedded": true, "customer_data": {"customer_key": "acme"}}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(10)).await;
    let twin = get(&fake, &url, "application/json").await;
    assert_eq!(twin.status(), Some(410));
    let error = &twin.json()["error"];
    assert_eq!(error["type"], "portal_link_expired");
    assert!(error["data"]["expires_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    let page = get(&fake, &url, "text/html").await;
    assert_eq!(page.status(), Some(410));
    let html = String::from_utf8(page.body()).expect("utf-8");
    assert!(
        html.contains("<h1>This portal link has expired</h1>"),
        "{html}"
    );
    // An embedded link's expiry page still shows inside its frame.
    let csp = page.header("content-security-policy").expect("csp");
    assert!(csp.ends_with("frame-ancestors *"), "{csp}");
    fake.shutdown().await;
}
