//! `validate()` examples: each constraint of the contract reported at its JSON path, all at once.

mod common;

use seam_types::*;

fn paths(result: Result<(), ValidationError>) -> Vec<String> {
    match result {
        Ok(()) => Vec::new(),
        Err(e) => e.violations().iter().map(|v| v.path.clone()).collect(),
    }
}

#[test]
fn fixtures_are_valid() {
    assert_eq!(
        paths(common::full_create_portal().validate()),
        Vec::<String>::new()
    );
    assert_eq!(
        paths(common::full_customer_data().validate()),
        Vec::<String>::new()
    );
    assert_eq!(
        paths(common::full_delete_data().validate()),
        Vec::<String>::new()
    );
    assert_eq!(
        paths(CreateDeepLinkRequest::new("", "").validate()),
        Vec::<String>::new()
    );
    assert_eq!(
        paths(CreatePortalRequest::new().validate()),
        Vec::<String>::new()
    );
}

fn broken_customer_data() -> CustomerData {
    let mut long = "a".repeat(499);
    long.push('😀'); // 501 UTF-16 code units, 500 chars
    let mut meta = CustomMetadata::new();
    meta.insert(
        "ok".into(),
        Nullable::Value(MetadataValue::from("a".repeat(500))),
    );
    meta.insert(
        "too_long".into(),
        Nullable::Value(MetadataValue::from(long)),
    );
    CustomerData::new("")
        .push_access_grant(AccessGrant::new(""))
        .push_booking(Booking::new(""))
        .push_building(Building::new("b-0", "fine"))
        .push_building(Building::new("", "no key"))
        .push_common_area(CommonArea::new("ca", "n").with_parent_site_key(""))
        .push_facility(Facility::new("", "n"))
        .push_guest(Guest::new("", "n"))
        .push_listing(Listing::new("", "n"))
        .push_property(Property::new("", "n"))
        .push_property_listing(PropertyListing::new("", "n"))
        .push_reservation(Reservation::new("r").with_custom_metadata(meta))
        .push_resident(Resident::new("", "n"))
        .push_room(Room::new("", "n").with_parent_site_key(""))
        .push_site(Site::new("", "n"))
        .push_space(
            Space::new("", "n")
                .with_customer_data(
                    SpaceCustomerData::new()
                        .with_default_checkin_time("24:00")
                        .with_default_checkout_time(Nullable::Null),
                )
                .with_duration_minutes(0)
                .with_geolocation(Geolocation::new(f64::NAN, f64::INFINITY))
                .with_parent_site_key(""),
        )
        .push_staff_member(StaffMember::new("", "n"))
        .push_tenant(Tenant::new("", "n"))
        .push_unit(Unit::new("", "n").with_parent_site_key(""))
        .push_user_identity(UserIdentity::new("", "n"))
        .push_user(User::new("", "n"))
}

const BROKEN_PATHS: &[&str] = &[
    "access_grants[0].access_grant_key",
    "bookings[0].booking_key",
    "buildings[1].building_key",
    "common_areas[0].parent_site_key",
    "customer_key",
    "facilities[0].facility_key",
    "guests[0].guest_key",
    "listings[0].listing_key",
    "properties[0].property_key",
    "property_listings[0].property_listing_key",
    "reservations[0].custom_metadata.too_long",
    "residents[0].resident_key",
    "rooms[0].parent_site_key",
    "rooms[0].room_key",
    "sites[0].site_key",
    "spaces[0].customer_data.default_checkin_time",
    "spaces[0].duration_minutes",
    "spaces[0].geolocation.latitude",
    "spaces[0].geolocation.longitude",
    "spaces[0].parent_site_key",
    "spaces[0].space_key",
    "tenants[0].tenant_key",
    "units[0].parent_site_key",
    "units[0].unit_key",
    "user_identities[0].user_identity_key",
    "users[0].user_key",
];

#[test]
fn push_data_reports_every_violation_without_prefix() {
    let mut got = paths(broken_customer_data().validate());
    got.sort();
    let mut want: Vec<String> = BROKEN_PATHS.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn create_portal_prefixes_customer_data_and_checks_its_own_fields() {
    let req = CreatePortalRequest::new()
        .with_customer_data(broken_customer_data())
        .push_customer_resources_filter(CustomerResourcesFilter::equals("ok_field", "x"))
        .push_customer_resources_filter(CustomerResourcesFilter::equals("9lives", true))
        .push_customer_resources_filter(CustomerResourcesFilter::new(
            "f",
            FilterOperation::from("!="),
            "x",
        ))
        .with_locale(Locale::from("ja-JP"))
        .with_navigation_mode(NavigationMode::from("kiosk"));
    let mut got = paths(req.validate());
    got.sort();
    let mut want: Vec<String> = BROKEN_PATHS
        .iter()
        .map(|s| format!("customer_data.{s}"))
        .chain(
            [
                "customer_resources_filters[1].field",
                "customer_resources_filters[2].operation",
                "locale",
                "navigation_mode",
            ]
            .map(String::from),
        )
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn messages_say_what_is_wrong() {
    let err = CustomerData::new("")
        .push_space(Space::new("s", "n").with_duration_minutes(-5))
        .validate()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("customer_key: must not be empty"), "{text}");
    assert!(
        text.contains("spaces[0].duration_minutes: must be greater than 0, found -5"),
        "{text}"
    );
    assert!(text.starts_with("invalid request: 2 problems"), "{text}");
}

#[test]
fn metadata_limit_counts_utf16_units() {
    let check = |value: String| {
        let mut meta = CustomMetadata::new();
        meta.insert("k".into(), Nullable::Value(MetadataValue::String(value)));
        CustomerData::new("c")
            .push_property_listing(PropertyListing::new("p", "n").with_custom_metadata(meta))
            .validate()
    };
    assert!(check("é".repeat(500)).is_ok(), "500 BMP chars fit");
    assert!(
        check("😀".repeat(250)).is_ok(),
        "250 astral chars are 500 units"
    );
    let err = check("😀".repeat(251)).unwrap_err();
    assert_eq!(
        err.violations()[0].path,
        "property_listings[0].custom_metadata.k"
    );
    assert!(err.violations()[0].message.contains("found 502"));
}

#[test]
fn timestamps_from_unwritable_instants_are_reported() {
    let far = time::OffsetDateTime::UNIX_EPOCH
        .replace_year(-1)
        .expect("year -1 exists");
    let req =
        CustomerData::new("c").push_booking(Booking::new("b").with_starts_at(Timestamp::from(far)));
    assert_eq!(
        paths(req.validate()),
        vec!["bookings[0].starts_at".to_owned()]
    );
}
