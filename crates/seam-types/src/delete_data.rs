//! `DeleteDataRequest`: which customer data to delete (`/customers/delete_data`), as a body or query string.

request_model! {
    /// Lists of keys whose data to delete. Sent as a JSON body (`POST`) or as a query string (`DELETE`,
    /// see [`DeleteDataRequest::query_pairs`]). Lists left unset are not sent.
    ///
    /// A request with no list set (or only empty lists) is valid: the contract allows it and the
    /// server deletes nothing, so `validate()` accepts it. Check [`DeleteDataRequest::is_empty`] if
    /// an empty deletion is a mistake in your program.
    ///
    /// ```
    /// use seam_types::{DeleteDataRequest, Validate};
    ///
    /// let request = DeleteDataRequest::new().with_customer_keys(["customer-1"]);
    /// assert!(!request.is_empty());
    /// assert_eq!(request.query_pairs(), [("customer_keys", "customer-1")]);
    /// assert!(DeleteDataRequest::new().is_empty() && DeleteDataRequest::new().validate().is_ok());
    /// ```
    pub struct DeleteDataRequest {
        optional {
            /// Keys of the access grants to delete.
            access_grant_keys: keys() => with_access_grant_keys,
            /// Keys of the bookings to delete.
            booking_keys: keys() => with_booking_keys,
            /// Keys of the buildings to delete.
            building_keys: keys() => with_building_keys,
            /// Keys of the common areas to delete.
            common_area_keys: keys() => with_common_area_keys,
            /// Keys of the customers to delete (every resource of these customers).
            customer_keys: keys() => with_customer_keys,
            /// Keys of the facilities to delete.
            facility_keys: keys() => with_facility_keys,
            /// Keys of the guests to delete.
            guest_keys: keys() => with_guest_keys,
            /// Keys of the listings to delete.
            listing_keys: keys() => with_listing_keys,
            /// Keys of the properties to delete.
            property_keys: keys() => with_property_keys,
            /// Keys of the property listings to delete.
            property_listing_keys: keys() => with_property_listing_keys,
            /// Keys of the reservations to delete.
            reservation_keys: keys() => with_reservation_keys,
            /// Keys of the residents to delete.
            resident_keys: keys() => with_resident_keys,
            /// Keys of the rooms to delete.
            room_keys: keys() => with_room_keys,
            /// Keys of the spaces to delete.
            space_keys: keys() => with_space_keys,
            /// Keys of the staff members to delete.
            staff_member_keys: keys() => with_staff_member_keys,
            /// Keys of the tenants to delete.
            tenant_keys: keys() => with_tenant_keys,
            /// Keys of the units to delete.
            unit_keys: keys() => with_unit_keys,
            /// Keys of the user identities to delete.
            user_identity_keys: keys() => with_user_identity_keys,
            /// Keys of the users to delete.
            user_keys: keys() => with_user_keys,
        }
    }
}

impl Default for DeleteDataRequest {
    fn default() -> Self {
        Self::new()
    }
}

impl DeleteDataRequest {
    /// The query parameter names in name order (byte order, which for these ASCII names is the
    /// UTF-16 order JavaScript's `URLSearchParams.sort()` uses): the order the official SDKs send.
    pub const QUERY_ORDER: [&'static str; 19] = [
        "access_grant_keys",
        "booking_keys",
        "building_keys",
        "common_area_keys",
        "customer_keys",
        "facility_keys",
        "guest_keys",
        "listing_keys",
        "property_keys",
        "property_listing_keys",
        "reservation_keys",
        "resident_keys",
        "room_keys",
        "space_keys",
        "staff_member_keys",
        "tenant_keys",
        "unit_keys",
        "user_identity_keys",
        "user_keys",
    ];

    /// The query string pairs for `DELETE /customers/delete_data`, in the official SDKs' (name) order:
    /// the name repeated once per key (`building_keys=a&building_keys=b`), a set but empty list as a
    /// single pair with an empty value (`building_keys=`), unset lists left out. Not percent-encoded;
    /// seam-core adds the `_strict=true` pair when it builds the request.
    pub fn query_pairs(&self) -> Vec<(&'static str, &str)> {
        let mut pairs = Vec::new();
        for (name, list) in Self::QUERY_ORDER.iter().zip(self.lists()) {
            match list {
                None => {}
                Some([]) => pairs.push((*name, "")),
                Some(keys) => pairs.extend(keys.iter().map(|k| (*name, k.as_str()))),
            }
        }
        pairs
    }

    /// `true` when no key at all is listed (every list unset or empty): the request deletes nothing.
    pub fn is_empty(&self) -> bool {
        self.lists()
            .iter()
            .all(|list| list.is_none_or(<[String]>::is_empty))
    }

    /// Every listed key with its query parameter name, in [`Self::QUERY_ORDER`].
    pub fn keys(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        Self::QUERY_ORDER
            .into_iter()
            .zip(self.lists())
            .flat_map(|(name, list)| {
                list.unwrap_or_default()
                    .iter()
                    .map(move |k| (name, k.as_str()))
            })
    }

    /// The 19 lists, in [`Self::QUERY_ORDER`].
    fn lists(&self) -> [Option<&[String]>; 19] {
        [
            self.access_grant_keys.as_deref(),
            self.booking_keys.as_deref(),
            self.building_keys.as_deref(),
            self.common_area_keys.as_deref(),
            self.customer_keys.as_deref(),
            self.facility_keys.as_deref(),
            self.guest_keys.as_deref(),
            self.listing_keys.as_deref(),
            self.property_keys.as_deref(),
            self.property_listing_keys.as_deref(),
            self.reservation_keys.as_deref(),
            self.resident_keys.as_deref(),
            self.room_keys.as_deref(),
            self.space_keys.as_deref(),
            self.staff_member_keys.as_deref(),
            self.tenant_keys.as_deref(),
            self.unit_keys.as_deref(),
            self.user_identity_keys.as_deref(),
            self.user_keys.as_deref(),
        ]
    }
}
