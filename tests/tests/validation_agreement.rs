//! seam-types and seam-fake agree: every invalid body in one shared table is refused by both,
//! at the same parameter path.
//!
//! seam-types: `json::from_slice` then `validate()`; a JSON type error counts with its path
//! (a serde "missing field `x`" error, reported at the parent object, is read as the path of `x`).
//! seam-fake: HTTP 400 `invalid_input`, its zod tree flattened by seam-types' own `ValidationErrorTree`.
//! The table avoids unknown fields (seam-types rejects them, the API and the fake ignore them).

mod common;
#[path = "support/types_paths.rs"]
mod types_paths;

use seam_fake::FakeSeam;
use seam_types::ValidationErrorTree;
use serde_json::{json, Value};
use types_paths::{types_paths, CREATE, PUSH};

/// `(what, route, body, the parameter both must name)`.
fn table() -> Vec<(&'static str, &'static str, Value, &'static str)> {
    let long = "x".repeat(501);
    let cd = |extra: Value| {
        let mut data = json!({"customer_key": "c"});
        if let (Some(d), Some(e)) = (data.as_object_mut(), extra.as_object()) {
            d.extend(e.clone());
        }
        json!({ "customer_data": data })
    };
    vec![
        (
            "empty building_key",
            CREATE,
            cd(json!({"buildings": [{"building_key": "", "name": "n"}]})),
            "customer_data.buildings[0].building_key",
        ),
        (
            "empty key at index 3",
            CREATE,
            cd(json!({"buildings": [
            {"building_key": "a", "name": "n"}, {"building_key": "b", "name": "n"},
            {"building_key": "c", "name": "n"}, {"building_key": "", "name": "n"}]})),
            "customer_data.buildings[3].building_key",
        ),
        (
            "empty customer_key",
            CREATE,
            json!({"customer_data": {"customer_key": ""}}),
            "customer_data.customer_key",
        ),
        (
            "missing customer_key",
            CREATE,
            json!({"customer_data": {}}),
            "customer_data.customer_key",
        ),
        (
            "missing required name",
            CREATE,
            cd(json!({"buildings": [{"building_key": "b"}]})),
            "customer_data.buildings[0].name",
        ),
        (
            "bad check-in time",
            CREATE,
            cd(json!({"spaces": [{"space_key": "s", "name": "n",
            "customer_data": {"default_checkin_time": "25:00"}}]})),
            "customer_data.spaces[0].customer_data.default_checkin_time",
        ),
        (
            "check-out time with one-digit hour",
            CREATE,
            cd(json!({"spaces": [{"space_key": "s", "name": "n",
            "customer_data": {"default_checkout_time": "9:30"}}]})),
            "customer_data.spaces[0].customer_data.default_checkout_time",
        ),
        (
            "duration_minutes 0",
            CREATE,
            cd(json!({"spaces": [{"space_key": "s", "name": "n", "duration_minutes": 0}]})),
            "customer_data.spaces[0].duration_minutes",
        ),
        (
            "duration_minutes negative",
            CREATE,
            cd(json!({"spaces": [{"space_key": "s", "name": "n", "duration_minutes": -5}]})),
            "customer_data.spaces[0].duration_minutes",
        ),
        (
            "geolocation without latitude",
            CREATE,
            cd(
                json!({"spaces": [{"space_key": "s", "name": "n", "geolocation": {"longitude": 1.5}}]}),
            ),
            "customer_data.spaces[0].geolocation.latitude",
        ),
        (
            "bad filter field",
            CREATE,
            json!({"customer_resources_filters": [{"field": "1bad", "operation": "=", "value": "x"}]}),
            "customer_resources_filters[0].field",
        ),
        (
            "filter field with a dash",
            CREATE,
            json!({"customer_resources_filters": [{"field": "a-b", "operation": "=", "value": true}]}),
            "customer_resources_filters[0].field",
        ),
        (
            "locale of the wrong type",
            CREATE,
            json!({"locale": 5}),
            "locale",
        ),
        (
            "is_embedded not a boolean",
            CREATE,
            json!({"is_embedded": "yes"}),
            "is_embedded",
        ),
        (
            "features.connect.exclude not a boolean",
            CREATE,
            json!({"features": {"connect": {"exclude": "no"}}}),
            "features.connect.exclude",
        ),
        (
            "501-char metadata value",
            CREATE,
            cd(json!({"reservations": [{"reservation_key": "r", "custom_metadata": {"k": long}}]})),
            "customer_data.reservations[0].custom_metadata.k",
        ),
        (
            "customization_profile_id not a uuid",
            CREATE,
            json!({"customization_profile_id": "not-a-uuid"}),
            "customization_profile_id",
        ),
        (
            "starts_at not a date-time",
            CREATE,
            cd(json!({"reservations": [{"reservation_key": "r", "starts_at": "tomorrow"}]})),
            "customer_data.reservations[0].starts_at",
        ),
        (
            "buildings not an array",
            CREATE,
            cd(json!({"buildings": {"building_key": "b"}})),
            "customer_data.buildings",
        ),
        (
            "customer_data not an object",
            CREATE,
            json!({"customer_data": "c"}),
            "customer_data",
        ),
        (
            "unknown locale value",
            CREATE,
            json!({"locale": "xx"}),
            "locale",
        ),
        (
            "unknown navigation_mode",
            CREATE,
            json!({"navigation_mode": "partial"}),
            "navigation_mode",
        ),
        (
            "filter operation other than =",
            CREATE,
            json!({"customer_resources_filters": [{"field": "a", "operation": "!=", "value": "x"}]}),
            "customer_resources_filters[0].operation",
        ),
        (
            "device deep link without resource_id",
            CREATE,
            json!({"deep_link": {"resource_type": "device"}}),
            "deep_link.resource_id",
        ),
        (
            "metadata value of the wrong type",
            CREATE,
            cd(json!({"reservations": [{"reservation_key": "r", "custom_metadata": {"k": 5}}]})),
            "customer_data.reservations[0].custom_metadata.k",
        ),
        (
            "fractional duration_minutes",
            CREATE,
            cd(json!({"spaces": [{"space_key": "s", "name": "n", "duration_minutes": 1.5}]})),
            "customer_data.spaces[0].duration_minutes",
        ),
        (
            "push: missing customer_key",
            PUSH,
            json!({"buildings": []}),
            "customer_key",
        ),
        (
            "push: empty parent_site_key",
            PUSH,
            json!({"customer_key": "c", "rooms": [{"room_key": "r", "name": "n", "parent_site_key": ""}]}),
            "rooms[0].parent_site_key",
        ),
        (
            "push: empty guest_key",
            PUSH,
            json!({"customer_key": "c", "guests": [{"guest_key": "", "name": "g"}]}),
            "guests[0].guest_key",
        ),
        (
            "push: name of the wrong type",
            PUSH,
            json!({"customer_key": "c", "units": [{"unit_key": "u", "name": 7}]}),
            "units[0].name",
        ),
    ]
}

#[tokio::test]
async fn seam_types_and_the_fake_refuse_the_same_bodies_at_the_same_parameter() {
    let fake = FakeSeam::start().await.unwrap();
    let mut disagreements = Vec::new();
    let rows = table();
    assert!(rows.len() >= 20);
    for (what, route, body, want) in &rows {
        let bytes = serde_json::to_vec(body).unwrap();
        let (status, reply) = common::raw_post(fake.addr(), route, fake.api_key(), &bytes).await;
        let fake_paths: Vec<String> = match serde_json::from_value::<ValidationErrorTree>(
            reply["error"]["validation_errors"].clone(),
        ) {
            Ok(tree) => tree.flatten().into_iter().map(|(p, _)| p).collect(),
            Err(_) => Vec::new(),
        };
        let types = types_paths(route, &bytes);
        let fake_ok = status == 400
            && reply["error"]["type"] == "invalid_input"
            && fake_paths.iter().any(|p| p == want);
        let types_ok = types.iter().any(|p| p == want);
        if !(fake_ok && types_ok) {
            disagreements.push(format!(
                "{what}: want {want}; fake {status} {fake_paths:?}; seam-types {types:?}"
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "disagreements:\n{}",
        disagreements.join("\n")
    );
    assert_eq!(
        fake.counters().requests(CREATE) + fake.counters().requests(PUSH),
        rows.len() as u64
    );
}

#[tokio::test]
async fn both_accept_a_valid_body() {
    let fake = FakeSeam::start().await.unwrap();
    let body = json!({"customer_data": {"customer_key": "c",
        "spaces": [{"space_key": "s", "name": "n", "duration_minutes": 30,
            "customer_data": {"default_checkin_time": "15:00", "default_checkout_time": "11:00:00"}}],
        "reservations": [{"reservation_key": "r", "starts_at": "2026-01-01T15:00:00Z",
            "custom_metadata": {"a": "x", "b": true, "c": null}}]},
        "locale": "fr-FR", "customer_resources_filters": [{"field": "site_id", "operation": "=", "value": "x"}]});
    let bytes = serde_json::to_vec(&body).unwrap();
    let (status, _) = common::raw_post(fake.addr(), CREATE, fake.api_key(), &bytes).await;
    assert_eq!(status, 200);
    assert_eq!(types_paths(CREATE, &bytes), Vec::<String>::new());
}
