//! Shared fixtures for the integration tests: the fullest value of every request and response.
#![allow(dead_code, deprecated)]

use seam_types::*;

/// A timestamp from fixed text.
pub fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("fixture timestamp")
}

/// Custom metadata with a string, a boolean and an explicit null.
pub fn metadata() -> CustomMetadata {
    let mut m = CustomMetadata::new();
    m.insert("color".into(), Nullable::Value(MetadataValue::from("blue")));
    m.insert("vip".into(), Nullable::Value(MetadataValue::from(true)));
    m.insert("cleared".into(), Nullable::Null);
    m
}

fn keys(prefix: &str) -> Vec<String> {
    vec![format!("{prefix}-1"), format!("{prefix}-2")]
}

/// Customer data with every collection holding one item with every field set.
pub fn full_customer_data() -> CustomerData {
    CustomerData::new("customer-1")
        .push_access_grant(
            AccessGrant::new("ag-1")
                .with_building_keys(keys("b"))
                .with_common_area_keys(keys("ca"))
                .with_ends_at(ts("2025-06-20T10:00:00Z"))
                .with_facility_keys(keys("f"))
                .with_guest_key("g-1")
                .with_listing_keys(keys("l"))
                .with_name("Grant")
                .with_preferred_code("1234")
                .with_property_keys(keys("p"))
                .with_resident_key("res-1")
                .with_room_keys(keys("r"))
                .with_space_keys(keys("s"))
                .with_starts_at(ts("2025-06-16T16:54:17.946594Z"))
                .with_tenant_key("t-1")
                .with_unit_keys(keys("u"))
                .with_user_identity_key("ui-1")
                .with_user_key("user-1"),
        )
        .push_booking(
            Booking::new("bk-1")
                .with_building_keys(keys("b"))
                .with_common_area_keys(keys("ca"))
                .with_ends_at(ts("2025-06-20T10:00:00+02:00"))
                .with_facility_keys(keys("f"))
                .with_guest_key("g-1")
                .with_listing_keys(keys("l"))
                .with_name("Booking")
                .with_preferred_code("4321")
                .with_property_keys(keys("p"))
                .with_resident_key("res-1")
                .with_room_keys(keys("r"))
                .with_space_keys(keys("s"))
                .with_starts_at(ts("2025-06-18T10:00:00.5+02:00"))
                .with_tenant_key("t-1")
                .with_unit_keys(keys("u"))
                .with_user_identity_key("ui-1")
                .with_user_key("user-1"),
        )
        .push_building(Building::new("b-1", "Main building"))
        .push_common_area(CommonArea::new("ca-1", "Lobby").with_parent_site_key("site-1"))
        .push_facility(Facility::new("f-1", "Gym"))
        .push_guest(
            Guest::new("g-1", "Ana")
                .with_email_address("ana@example.com")
                .with_phone_number("+351900000000"),
        )
        .push_listing(Listing::new("l-1", "Sea view"))
        .push_property(Property::new("p-1", "Riverside"))
        .push_property_listing(
            PropertyListing::new("pl-1", "Riverside listing").with_custom_metadata(metadata()),
        )
        .push_reservation(
            Reservation::new("rv-1")
                .with_building_keys(keys("b"))
                .with_common_area_keys(keys("ca"))
                .with_custom_metadata(metadata())
                .with_ends_at(ts("2025-06-21T11:00:00Z"))
                .with_facility_keys(keys("f"))
                .with_guest_key("g-1")
                .with_listing_keys(keys("l"))
                .with_name("Stay")
                .with_preferred_code("9876")
                .with_property_keys(keys("p"))
                .with_resident_key("res-1")
                .with_room_keys(keys("r"))
                .with_space_keys(keys("s"))
                .with_starts_at(ts("2025-06-19T15:00:00Z"))
                .with_tenant_key("t-1")
                .with_unit_keys(keys("u"))
                .with_user_identity_key("ui-1")
                .with_user_key("user-1"),
        )
        .push_resident(
            Resident::new("res-1", "Rui")
                .with_email_address("rui@example.com")
                .with_phone_number("+351911111111"),
        )
        .push_room(Room::new("r-1", "Room 101").with_parent_site_key("site-1"))
        .push_site(Site::new("site-1", "Campus"))
        .push_space(
            Space::new("s-1", "Desk 4")
                .with_customer_data(
                    SpaceCustomerData::new()
                        .with_address("Rua 1, Lisboa")
                        .with_default_checkin_time("15:00")
                        .with_default_checkout_time("11:00:00")
                        .with_time_zone(Nullable::Null),
                )
                .with_duration_minutes(90)
                .with_geolocation(Geolocation::new(38.7223, -9.1393))
                .with_parent_site_key("site-1"),
        )
        .push_staff_member(
            StaffMember::new("", "Sara")
                .with_building_keys(keys("b"))
                .with_common_area_keys(keys("ca"))
                .with_email_address("sara@example.com")
                .with_facility_keys(keys("f"))
                .with_listing_keys(keys("l"))
                .with_phone_number("+351922222222")
                .with_property_keys(keys("p"))
                .with_property_listing_keys(keys("pl"))
                .with_room_keys(keys("r"))
                .with_site_keys(keys("site"))
                .with_space_keys(keys("s"))
                .with_unit_keys(keys("u")),
        )
        .push_tenant(
            Tenant::new("t-1", "Teo")
                .with_email_address("teo@example.com")
                .with_phone_number("+351933333333"),
        )
        .push_unit(Unit::new("u-1", "Unit 2B").with_parent_site_key("site-1"))
        .push_user_identity(
            UserIdentity::new("ui-1", "Uma")
                .with_email_address("uma@example.com")
                .with_phone_number("+351944444444"),
        )
        .push_user(
            User::new("user-1", "Ugo")
                .with_email_address("ugo@example.com")
                .with_phone_number("+351955555555"),
        )
}

/// Every feature option set.
pub fn full_features() -> Features {
    Features::new()
        .with_configure(
            ConfigureFeature::new()
                .with_allow_access_automation_rule_customization(true)
                .with_allow_climate_automation_rule_customization(false)
                .with_allow_instant_key_customization(true)
                .with_exclude(false),
        )
        .with_connect(
            ConnectFeature::new()
                .with_accepted_providers(["august", "schlage"])
                .with_exclude(false)
                .with_excluded_providers(["nuki"]),
        )
        .with_manage(
            ManageFeature::new()
                .with_device_management_confirmation(
                    DeviceManagementConfirmation::new()
                        .with_body("Really unlock?")
                        .with_cancel_button_label("No")
                        .with_confirm_button_label("Yes")
                        .with_title("Confirm"),
                )
                .with_events(
                    ManageEvents::new()
                        .with_allowed_events(["lock.locked", "lock.unlocked"])
                        .with_default_events(["lock.unlocked"]),
                )
                .with_exclude(false)
                .with_exclude_reservation_management(true)
                .with_exclude_reservation_technical_details(true)
                .with_exclude_staff_management(false),
        )
        .with_manage_devices(ManageDevicesFeature::new().with_exclude(true))
        .with_organize(OrganizeFeature::new().with_exclude(false))
}

/// A create_portal request with every field set, using the given landing page and deep link.
pub fn full_create_portal_with(
    landing: ManageLandingPage,
    deep_link: DeepLink,
) -> CreatePortalRequest {
    CreatePortalRequest::new()
        .with_customer_data(full_customer_data())
        .push_customer_resources_filter(CustomerResourcesFilter::equals("region", "north"))
        .push_customer_resources_filter(CustomerResourcesFilter::equals("_is_vip", true))
        .with_customization_profile_id(
            "4F2C3A1E-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
                .parse::<CustomizationProfileId>()
                .expect("uuid"),
        )
        .with_deep_link(deep_link)
        .with_exclude_locale_picker(true)
        .with_features(full_features())
        .with_is_embedded(true)
        .with_landing_page(LandingPage::from(landing))
        .with_locale(Locale::PtPt)
        .with_navigation_mode(NavigationMode::Restricted)
        .with_read_only(false)
}

/// The fullest create_portal request.
pub fn full_create_portal() -> CreatePortalRequest {
    full_create_portal_with(
        ManageLandingPage::SpaceKey("s-1".into()),
        DeepLink::reservation("rv-1"),
    )
}

/// Every landing page shape, one per key.
pub fn all_landing_pages() -> Vec<ManageLandingPage> {
    ManageLandingPage::KEYS
        .iter()
        .map(|k| ManageLandingPage::from_key(k, format!("{k}-value")).expect("known key"))
        .collect()
}

/// The three deep link kinds.
pub fn all_deep_links() -> Vec<DeepLink> {
    vec![
        DeepLink::reservation("rv-1"),
        DeepLink::space("s-1"),
        DeepLink::device("7d3f1c2b-0000-4000-8000-000000000001"),
    ]
}

/// A delete_data request with every list set.
pub fn full_delete_data() -> DeleteDataRequest {
    DeleteDataRequest::new()
        .with_access_grant_keys(["ag-1"])
        .with_booking_keys(["bk-1"])
        .with_building_keys(["b-1", "b-2"])
        .with_common_area_keys(["ca-1"])
        .with_customer_keys(["customer-1"])
        .with_facility_keys(["f-1"])
        .with_guest_keys(["g-1"])
        .with_listing_keys(["l-1"])
        .with_property_keys(["p-1"])
        .with_property_listing_keys(["pl-1"])
        .with_reservation_keys(["rv-1"])
        .with_resident_keys(["res-1"])
        .with_room_keys(["r-1"])
        .with_space_keys(["s-1"])
        .with_staff_member_keys(["sm-1"])
        .with_tenant_keys(["t-1"])
        .with_unit_keys(["u-1"])
        .with_user_identity_keys(["ui-1"])
        .with_user_keys(["user-1"])
}

/// A portal as the API returns it.
pub fn portal() -> CustomerPortal {
    CustomerPortal::new(
        "https://se.am/1234".parse().expect("url"),
        "My Company",
        ts("2025-06-17T16:54:17.946594Z"),
        "67c58f1f-f148-4415-a63c-dc6c145c6b91"
            .parse()
            .expect("uuid"),
        ts("2025-06-16T16:54:17.946594Z"),
    )
}

/// create_portal's response, with the legacy key too.
pub fn full_create_portal_response() -> CreatePortalResponse {
    CreatePortalResponse::new(portal()).with_legacy_magic_link()
}

/// create_deep_link's response.
pub fn full_create_deep_link_response() -> CreateDeepLinkResponse {
    CreateDeepLinkResponse::new(CustomerDeepLink::new(
        "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
            .parse()
            .expect("uuid"),
        ts("2025-06-17T16:54:17Z"),
        "https://se.am/deep/1".parse().expect("url"),
    ))
}

/// Serializes to a JSON value.
pub fn to_value<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("models always serialize")
}
