//! The fake's schema validator: zod's messages, at zod's paths, for each constraint kind the contract uses.

use seam_fake::validate_operation_body;
use serde_json::{json, Value};

fn issues(body: Value) -> Vec<(String, String)> {
    validate_operation_body("POST", "/customers/create_portal", &body)
        .expect("create_portal has a body schema")
        .into_iter()
        .map(|i| (i.path(), i.message().to_owned()))
        .collect()
}

fn one(path: &str, message: &str) -> Vec<(String, String)> {
    vec![(path.to_owned(), message.to_owned())]
}

#[test]
fn each_constraint_kind_gets_zods_message() {
    let space = |extra: Value| {
        let mut s = json!({"space_key": "s", "name": "n"});
        s.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"customer_data": {"customer_key": "c", "spaces": [s]}})
    };
    let at = "customer_data.spaces[0]";
    let cases = [
        (
            json!({"customer_data": {}}),
            one("customer_data.customer_key", "Required"),
        ),
        (
            json!({"is_embedded": 1}),
            one("is_embedded", "Expected boolean, received number"),
        ),
        (
            json!({"customer_data": []}),
            one("customer_data", "Expected object, received array"),
        ),
        (
            json!({"navigation_mode": "partial"}),
            one(
                "navigation_mode",
                "Invalid enum value. Expected 'full' | 'restricted', received 'partial'",
            ),
        ),
        (
            space(json!({"duration_minutes": 0})),
            one(
                &format!("{at}.duration_minutes"),
                "Number must be greater than 0",
            ),
        ),
        (
            space(json!({"duration_minutes": 2.5})),
            one(
                &format!("{at}.duration_minutes"),
                "Expected integer, received float",
            ),
        ),
        (
            space(json!({"duration_minutes": "5"})),
            one(
                &format!("{at}.duration_minutes"),
                "Expected number, received string",
            ),
        ),
        (
            space(json!({"customer_data": {"default_checkin_time": "7:00"}})),
            one(
                &format!("{at}.customer_data.default_checkin_time"),
                "Invalid",
            ),
        ),
        (
            space(json!({"customer_data": {"time_zone": null, "address": null}})),
            vec![],
        ),
        (
            space(json!({"parent_site_key": ""})),
            one(
                &format!("{at}.parent_site_key"),
                "String must contain at least 1 character(s)",
            ),
        ),
        (
            json!({"customization_profile_id": "123"}),
            one("customization_profile_id", "Invalid uuid"),
        ),
        (
            json!({"customer_data": {"customer_key": "c", "bookings": [{"booking_key": "b", "ends_at": "2026-13-01T00:00:00Z"}]}}),
            one("customer_data.bookings[0].ends_at", "Invalid datetime"),
        ),
        (json!({"unknown": {"fields": "are ignored"}}), vec![]),
    ];
    for (body, want) in cases {
        assert_eq!(issues(body.clone()), want, "body {body}");
    }
}

#[test]
fn unions_report_like_zod() {
    let meta = |v: Value| {
        json!({"customer_data": {"customer_key": "c",
        "reservations": [{"reservation_key": "r", "custom_metadata": {"k": v}}]}})
    };
    let at = "customer_data.reservations[0].custom_metadata.k";
    // A failed check in one branch (dirty) wins over a type mismatch in the other.
    assert_eq!(
        issues(meta(json!("é".repeat(501)))),
        one(at, "String must contain at most 500 character(s)")
    );
    // Length counts UTF-16 units: 250 emoji are 500 units.
    assert_eq!(issues(meta(json!("😀".repeat(250)))), vec![]);
    assert_eq!(issues(meta(json!("😀".repeat(251)))).len(), 1);
    // No branch close: every branch's complaint, at the union's path.
    assert_eq!(
        issues(meta(json!(5))),
        vec![
            (at.to_owned(), "Expected string, received number".to_owned()),
            (
                at.to_owned(),
                "Expected boolean, received number".to_owned()
            )
        ]
    );
    assert_eq!(issues(meta(Value::Null)), vec![]);
    assert_eq!(
        issues(
            json!({"customer_resources_filters": [{"field": "f", "operation": "=", "value": false}]})
        ),
        vec![]
    );
}

#[test]
fn every_issue_is_listed_not_just_the_first() {
    let body = json!({"locale": 1, "read_only": "x", "customer_data": {"customer_key": "",
        "units": [{"unit_key": "", "name": 3}]}});
    let paths: Vec<String> = issues(body).into_iter().map(|(p, _)| p).collect();
    for want in [
        "locale",
        "read_only",
        "customer_data.customer_key",
        "customer_data.units[0].unit_key",
        "customer_data.units[0].name",
    ] {
        assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
    }
}
