//! Staff members and the places they look after.

request_model! {
    /// A staff member (`customer_data.staff_members[]`). Unlike other keys, `staff_member_key` may be empty.
    pub struct StaffMember {
        required {
            /// Your key for the staff member (no length limit in the contract).
            staff_member_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Keys of the buildings they look after.
            building_keys: keys() => with_building_keys,
            /// Keys of the common areas they look after.
            common_area_keys: keys() => with_common_area_keys,
            /// Email address.
            email_address: text() => with_email_address,
            /// Keys of the facilities they look after.
            facility_keys: keys() => with_facility_keys,
            /// Keys of the listings they look after.
            listing_keys: keys() => with_listing_keys,
            /// Phone number.
            phone_number: text() => with_phone_number,
            /// Keys of the properties they look after.
            property_keys: keys() => with_property_keys,
            /// Keys of the property listings they look after.
            property_listing_keys: keys() => with_property_listing_keys,
            /// Keys of the rooms they look after.
            room_keys: keys() => with_room_keys,
            /// Keys of the sites they look after.
            site_keys: keys() => with_site_keys,
            /// Keys of the spaces they look after.
            space_keys: keys() => with_space_keys,
            /// Keys of the units they look after.
            unit_keys: keys() => with_unit_keys,
        }
    }
}
