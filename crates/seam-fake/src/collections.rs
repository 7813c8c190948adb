//! The customer-data collections and the key field that identifies a resource in each.

/// `(collection name, key field)`; the delete parameter for a collection is the key field plus `s`.
pub(crate) const COLLECTIONS: &[(&str, &str)] = &[
    ("sites", "site_key"),
    ("buildings", "building_key"),
    ("properties", "property_key"),
    ("property_listings", "property_listing_key"),
    ("listings", "listing_key"),
    ("spaces", "space_key"),
    ("rooms", "room_key"),
    ("common_areas", "common_area_key"),
    ("units", "unit_key"),
    ("facilities", "facility_key"),
    ("guests", "guest_key"),
    ("tenants", "tenant_key"),
    ("residents", "resident_key"),
    ("users", "user_key"),
    ("user_identities", "user_identity_key"),
    ("staff_members", "staff_member_key"),
    ("reservations", "reservation_key"),
    ("bookings", "booking_key"),
    ("access_grants", "access_grant_key"),
];

/// The collection whose delete parameter (e.g. `space_keys`) is `param`.
pub(crate) fn by_delete_param(param: &str) -> Option<(&'static str, &'static str)> {
    let key = param.strip_suffix('s')?;
    COLLECTIONS.iter().copied().find(|(_, k)| *k == key)
}
