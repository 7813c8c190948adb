//! Wire behaviour: the seed response round-trips as text, requests read from JSON report unknown
//! fields and type errors by path, unknown enum values survive, null vs absent is kept.

mod common;

use seam_types::json;
use seam_types::*;

/// The response example of the seed page (`create_portal.md`), exactly as published.
const SEED_PORTAL: &str = r#"{
  "created_at": "2025-06-16T16:54:17.946594Z",
  "customer_key": "My Company",
  "expires_at": "2025-06-17T16:54:17.946594Z",
  "url": "https://se.am/1234",
  "workspace_id": "67c58f1f-f148-4415-a63c-dc6c145c6b91"
}"#;

#[test]
fn seed_response_round_trips_as_text() {
    let portal: CustomerPortal = json::from_str(SEED_PORTAL).expect("seed example parses");
    assert_eq!(portal.customer_key, "My Company");
    assert_eq!(portal.url.as_str(), "https://se.am/1234");
    assert_eq!(
        portal.created_at.as_offset_date_time().microsecond(),
        946_594
    );
    assert_eq!(portal, common::portal());
    assert_eq!(serde_json::to_string_pretty(&portal).unwrap(), SEED_PORTAL);
}

#[test]
fn create_portal_response_reads_both_keys_and_ignores_unknown_fields() {
    let body = format!(
        r#"{{"customer_portal": {SEED_PORTAL}, "magic_link": {SEED_PORTAL}, "ok": true, "new_field": 1}}"#
    );
    let resp: CreatePortalResponse = json::from_str(&body).expect("parses");
    assert_eq!(resp, common::full_create_portal_response());
    let without_legacy = format!(r#"{{"customer_portal": {SEED_PORTAL}, "ok": true}}"#);
    let resp: CreatePortalResponse = json::from_str(&without_legacy).expect("parses");
    #[allow(deprecated)]
    let legacy = &resp.magic_link;
    assert!(legacy.is_none());
    assert!(!serde_json::to_string(&resp).unwrap().contains("magic_link"));
}

#[test]
fn unknown_request_field_is_named_with_its_path() {
    let err = json::from_str::<CreatePortalRequest>(
        r#"{"customer_data": {"customer_key": "c", "buildings": [{"building_key": "b", "nmae": "x"}]}}"#,
    )
    .unwrap_err();
    assert!(err.message().contains("unknown field `nmae`"), "{err}");
    assert_eq!(err.path(), "customer_data.buildings[0].nmae");
    assert!(err
        .to_string()
        .starts_with("customer_data.buildings[0].nmae: unknown field `nmae`"));
}

#[test]
fn top_level_unknown_field_and_dev_flag_are_rejected() {
    let err = json::from_str::<CreatePortalRequest>(r#"{"_dev": true}"#).unwrap_err();
    assert!(err.message().contains("unknown field `_dev`"), "{err}");
    let err = json::from_str::<DeleteDataRequest>(r#"{"staff_keys": []}"#).unwrap_err();
    assert!(
        err.message().contains("unknown field `staff_keys`"),
        "{err}"
    );
}

#[test]
fn type_errors_report_the_path() {
    let cases = [
        (r#"{"is_embedded": "yes"}"#, "is_embedded", "invalid type"),
        (
            r#"{"customer_data": {"customer_key": "c", "spaces": [{"name": "n", "space_key": "s", "duration_minutes": "90"}]}}"#,
            "customer_data.spaces[0].duration_minutes",
            "invalid type",
        ),
        (
            r#"{"customer_data": {"customer_key": "c", "reservations": [{"reservation_key": "r", "starts_at": "tomorrow"}]}}"#,
            "customer_data.reservations[0].starts_at",
            "RFC 3339",
        ),
        (
            r#"{"customization_profile_id": "nope"}"#,
            "customization_profile_id",
            "UUID",
        ),
        (
            r#"{"customer_resources_filters": [{"field": "a", "operation": "=", "value": 3}]}"#,
            "customer_resources_filters[0].value",
            "a string or a boolean",
        ),
        (
            r#"{"customer_data": {"buildings": []}}"#,
            "customer_data",
            "missing field `customer_key`",
        ),
        (r#"{"locale": null}"#, "locale", "invalid type: null"),
        (
            r#"{"landing_page": {"manage": {"room_key": "r", "unit_key": "u"}}}"#,
            "landing_page.manage",
            "",
        ),
    ];
    for (body, path, words) in cases {
        let err = json::from_str::<CreatePortalRequest>(body).expect_err(body);
        assert_eq!(err.path(), path, "{body}: {err}");
        assert!(err.message().contains(words), "{body}: {err}");
    }
}

#[test]
fn deep_link_requires_its_kinds_fields() {
    let ok: CreatePortalRequest =
        json::from_str(r#"{"deep_link": {"resource_type": "device", "resource_id": "d-1"}}"#)
            .unwrap();
    assert_eq!(ok.deep_link, Some(DeepLink::device("d-1")));
    for bad in [
        r#"{"deep_link": {"resource_type": "device", "resource_key": "d-1"}}"#,
        r#"{"deep_link": {"resource_type": "lock", "resource_key": "d-1"}}"#,
        r#"{"deep_link": {"resource_key": "d-1"}}"#,
    ] {
        let err = json::from_str::<CreatePortalRequest>(bad).expect_err(bad);
        assert!(err.path().starts_with("deep_link"), "{bad}: {err}");
    }
}

#[test]
fn unknown_enum_values_round_trip() {
    let body = r#"{"locale":"ja-JP","navigation_mode":"kiosk"}"#;
    let req: CreatePortalRequest = json::from_str(body).unwrap();
    assert_eq!(req.locale, Some(Locale::Unknown("ja-JP".into())));
    assert_eq!(
        req.navigation_mode,
        Some(NavigationMode::Unknown("kiosk".into()))
    );
    assert_eq!(serde_json::to_string(&req).unwrap(), body);
    let known: CreatePortalRequest = json::from_str(r#"{"locale":"de-DE"}"#).unwrap();
    assert_eq!(known.locale, Some(Locale::DeDe));
}

#[test]
fn nullable_fields_keep_absent_null_and_value_apart() {
    let body = r#"{"address":null,"time_zone":"Europe/Lisbon"}"#;
    let data: SpaceCustomerData = json::from_str(body).unwrap();
    assert_eq!(data.address, Some(Nullable::Null));
    assert_eq!(
        data.time_zone,
        Some(Nullable::Value("Europe/Lisbon".into()))
    );
    assert_eq!(data.default_checkin_time, None);
    assert_eq!(serde_json::to_string(&data).unwrap(), body);

    let body =
        r#"{"property_listing_key":"p","name":"n","custom_metadata":{"a":null,"b":false,"c":"x"}}"#;
    let listing: PropertyListing = json::from_str(body).unwrap();
    assert_eq!(serde_json::to_string(&listing).unwrap(), body);
}

#[test]
fn requests_round_trip_through_json() {
    let full = common::full_create_portal();
    let text = serde_json::to_string(&full).unwrap();
    assert_eq!(json::from_str::<CreatePortalRequest>(&text).unwrap(), full);
    let delete = common::full_delete_data();
    let text = serde_json::to_string(&delete).unwrap();
    assert_eq!(json::from_str::<DeleteDataRequest>(&text).unwrap(), delete);
}

#[test]
fn query_pairs_follow_the_sdk_order() {
    let req = DeleteDataRequest::new()
        .with_staff_member_keys(["sm-1"])
        .with_customer_keys(["c-2", "c-1"])
        .with_unit_keys(Vec::<String>::new())
        .with_building_keys(["b"]);
    // Name order, as the official SDKs' `URLSearchParams.sort()` leaves it; keys keep their order.
    assert_eq!(
        req.query_pairs(),
        vec![
            ("building_keys", "b"),
            ("customer_keys", "c-2"),
            ("customer_keys", "c-1"),
            ("staff_member_keys", "sm-1"),
            ("unit_keys", ""),
        ]
    );
    let mut sorted = DeleteDataRequest::QUERY_ORDER;
    sorted.sort_unstable();
    assert_eq!(sorted, DeleteDataRequest::QUERY_ORDER);
    assert!(DeleteDataRequest::new().query_pairs().is_empty());
}

#[test]
fn error_envelope_flattens_validation_errors() {
    let body = r#"{"error": {"type": "invalid_input", "message": "Invalid input",
        "validation_errors": {"_errors": [], "customer_data": {"_errors": [], "buildings": {"_errors": [],
        "3": {"_errors": [], "building_key": {"_errors": ["String must contain at least 1 character(s)"]}}}}}},
        "ok": false}"#;
    let env: ApiErrorEnvelope = json::from_str(body).unwrap();
    let tree = env.error.validation_errors.expect("tree");
    assert_eq!(
        tree.flatten(),
        vec![(
            "customer_data.buildings[3].building_key".to_owned(),
            "String must contain at least 1 character(s)".to_owned()
        )]
    );
}

#[test]
fn json_error_for_syntax_and_trailing_data() {
    let err = json::from_str::<OkResponse>("{\"ok\": tru").unwrap_err();
    assert!(!err.message().is_empty());
    let err = json::from_str::<OkResponse>("{\"ok\": true} x").unwrap_err();
    assert!(err.message().contains("trailing"), "{err}");
}

/// serde's derived struct impls read a JSON array as the fields in order; the API refuses an array
/// wherever an object belongs, and so does every request model, at the array's path.
#[test]
fn arrays_are_refused_where_an_object_belongs() {
    let space = |customer_data: &str| {
        format!(
            r#"{{"customer_data": {{"customer_key": "c", "spaces": [{{"space_key": "s", "name": "n", "customer_data": {customer_data}}}]}}}}"#
        )
    };
    let mut cases = Vec::new();
    for array in ["[]", r#"["x"]"#] {
        cases.extend([
            (array.to_owned(), "."),
            (format!(r#"{{"customer_data": {array}}}"#), "customer_data"),
            (format!(r#"{{"features": {array}}}"#), "features"),
            (
                format!(r#"{{"features": {{"connect": {array}}}}}"#),
                "features.connect",
            ),
            (
                format!(r#"{{"features": {{"manage": {{"events": {array}}}}}}}"#),
                "features.manage.events",
            ),
            (space(array), "customer_data.spaces[0].customer_data"),
            (
                format!(r#"{{"customer_data": {{"customer_key": "c", "buildings": [{array}]}}}}"#),
                "customer_data.buildings[0]",
            ),
            (
                format!(r#"{{"customer_resources_filters": [{array}]}}"#),
                "customer_resources_filters[0]",
            ),
        ]);
    }
    cases.push((r#"{"customer_data": ["acme"]}"#.to_owned(), "customer_data"));
    for (body, path) in &cases {
        let err = json::from_str::<CreatePortalRequest>(body).expect_err(body);
        assert_eq!(err.path(), *path, "{body}: {err}");
        assert!(
            err.message()
                .starts_with("invalid type: sequence, expected a JSON object"),
            "{body}: {err}"
        );
    }
    for (body, path) in [
        (r#"["c"]"#, "."),
        (
            r#"{"customer_key": "c", "spaces": [{"space_key": "s", "name": "n", "geolocation": [1, 2]}]}"#,
            "spaces[0].geolocation",
        ),
    ] {
        let err = json::from_str::<PushDataRequest>(body).expect_err(body);
        assert_eq!(err.path(), path, "{body}: {err}");
        assert!(
            err.message().contains("expected a JSON object"),
            "{body}: {err}"
        );
    }
    for body in ["[]", r#"[["k"]]"#] {
        let err = json::from_str::<DeleteDataRequest>(body).expect_err(body);
        assert!(
            err.message().contains("expected a JSON object"),
            "{body}: {err}"
        );
    }
    // `deep_link` is an internally tagged enum, which serde would read from `["device", "d-1"]`.
    for body in [
        r#"{"deep_link": ["device", "d-1"]}"#,
        r#"{"deep_link": []}"#,
    ] {
        let err = json::from_str::<CreatePortalRequest>(body).expect_err(body);
        assert_eq!(err.path(), "deep_link", "{body}: {err}");
        assert!(
            err.message().contains("expected a JSON object"),
            "{body}: {err}"
        );
    }
    let err = json::from_str::<CreateDeepLinkRequest>(r#"["c", "r"]"#).unwrap_err();
    assert!(err.message().contains("expected a JSON object"), "{err}");
    // Other non-objects keep being refused, now with the same wording.
    let err = json::from_str::<CreatePortalRequest>(r#"{"features": "all"}"#).unwrap_err();
    assert_eq!(err.path(), "features");
    assert!(err.message().contains("expected a JSON object"), "{err}");
}

/// Objects are still read as before: nested paths, unknown fields and missing fields.
#[test]
fn objects_keep_their_paths_and_messages() {
    let body = r#"{"features": {"connect": {"exclude": false, "nope": 1}}}"#;
    let err = json::from_str::<CreatePortalRequest>(body).unwrap_err();
    assert_eq!(err.path(), "features.connect.nope");
    assert!(
        err.message()
            .contains("unknown field `nope`, expected one of"),
        "{err}"
    );
    let err =
        json::from_str::<CreatePortalRequest>(r#"{"features": {"connnect": {}}}"#).unwrap_err();
    assert_eq!(err.path(), "features.connnect");
    assert!(err.message().contains("unknown field `connnect`"), "{err}");
    let body = r#"{"customer_data": {"customer_key": "c", "spaces": [{"space_key": "s", "name": "n", "customer_data": {"time_zone": 3}}]}}"#;
    let err = json::from_str::<CreatePortalRequest>(body).unwrap_err();
    assert_eq!(
        err.path(),
        "customer_data.spaces[0].customer_data.time_zone"
    );
    let err = json::from_str::<CreatePortalRequest>(r#"{"customer_data": {}}"#).unwrap_err();
    assert_eq!(err.path(), "customer_data");
    assert!(
        err.message().contains("missing field `customer_key`"),
        "{err}"
    );
    let ok: CreatePortalRequest = json::from_str(
        r#"{"features": {"connect": {"exclude": true}, "manage_devices": {"exclude": false}}, "customer_data": {"customer_key": "c", "spaces": [{"space_key": "s", "name": "n", "customer_data": {"address": null}}]}}"#,
    )
    .unwrap();
    let features = ok.features.unwrap();
    assert_eq!(
        features.connect,
        Some(ConnectFeature::new().with_exclude(true))
    );
    let space = &ok.customer_data.unwrap().spaces.unwrap()[0];
    assert_eq!(
        space.customer_data.as_ref().unwrap().address,
        Some(Nullable::Null)
    );
}

/// `customization_profile_id` is read only in the hyphenated 8-4-4-4-12 form (either case), as the
/// API's `format: uuid` demands; the uuid crate's other spellings are refused with the path. An
/// accepted id is written back exactly as it was read (no case folding).
#[test]
fn customization_profile_id_must_be_hyphenated() {
    let want: uuid::Uuid = "6ba7b810-9dad-11d1-80b4-00c04fd430c8".parse().unwrap();
    for text in [
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "6BA7B810-9DAD-11D1-80B4-00C04FD430C8",
    ] {
        let body = format!(r#"{{"customization_profile_id": "{text}"}}"#);
        let req: CreatePortalRequest = json::from_str(&body).unwrap();
        let id = req.customization_profile_id.as_ref().expect("set");
        assert_eq!(id.uuid(), want, "{body}");
        assert_eq!(id.as_str(), text, "{body}");
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            format!(r#"{{"customization_profile_id":"{text}"}}"#)
        );
    }
    for text in [
        "6ba7b8109dad11d180b400c04fd430c8",
        "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
        "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "6ba7b810-9dad-11d1-80b4-00c04fd430c",
        "6ba7b810-9dad-11d1-80b4-00c04fd430cg",
        "6ba7b810-9dad11d1-80b4-00c04fd430c8-",
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8 ",
        "",
    ] {
        let body = format!(r#"{{"customization_profile_id": "{text}"}}"#);
        let err = json::from_str::<CreatePortalRequest>(&body).expect_err(&body);
        assert_eq!(err.path(), "customization_profile_id", "{body}: {err}");
        assert!(
            err.message().contains("hyphenated 8-4-4-4-12"),
            "{body}: {err}"
        );
    }
    let err =
        json::from_str::<CreatePortalRequest>(r#"{"customization_profile_id": 7}"#).unwrap_err();
    assert_eq!(err.path(), "customization_profile_id");
    assert!(err.message().starts_with("invalid type: integer"), "{err}");
    // The setter still takes any `Uuid`, and writing uses the hyphenated form.
    let req = CreatePortalRequest::new().with_customization_profile_id(want);
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        serde_json::json!({"customization_profile_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"})
    );
}

/// Every all-optional object of the contract may be `{}`; each is read, validated and written
/// back as `{}` (`landing_page` included: its `manage` is optional).
#[test]
fn empty_objects_round_trip() {
    for body in [
        r#"{"landing_page":{}}"#,
        r#"{"features":{}}"#,
        r#"{"features":{"configure":{},"connect":{},"manage":{"device_management_confirmation":{},"events":{}},"manage_devices":{},"organize":{}}}"#,
        r#"{"customer_data":{"customer_key":"c","spaces":[{"customer_data":{},"name":"n","space_key":"s"}],"reservations":[{"custom_metadata":{},"reservation_key":"r"}]}}"#,
    ] {
        let req: CreatePortalRequest =
            json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert!(req.validate().is_ok(), "{body}");
        let back = serde_json::to_value(&req).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }
    let err =
        json::from_str::<CreatePortalRequest>(r#"{"landing_page":{"manage":{}}}"#).unwrap_err();
    assert_eq!(err.path(), "landing_page.manage", "{err}");
}
