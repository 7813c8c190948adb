//! Stays and the access they grant: access grants, bookings and reservations (same shape, own key).

use crate::{CustomMetadata, Timestamp};

/// Declares one of the stay-like models (access grant, booking, reservation): the same optional
/// fields under its own key. An extra field, if given, sorts between `common_area_keys` and
/// `ends_at` on the wire (the reservation's `custom_metadata`).
macro_rules! stay_model {
    (
        $(#[$meta:meta])*
        $name:ident, $key:ident
        $(, $(#[doc = $edoc:literal])* $extra:ident : $kind:ident ( $($arg:ty)? ) => $setter:ident )?
    ) => {
        request_model! {
            $(#[$meta])*
            pub struct $name {
                required {
                    /// Your key for it; not empty.
                    $key: String,
                }
                optional {
                    /// Keys of the buildings it opens.
                    building_keys: keys() => with_building_keys,
                    /// Keys of the common areas it opens.
                    common_area_keys: keys() => with_common_area_keys,
                    $( $(#[doc = $edoc])* $extra: $kind($($arg)?) => $setter, )?
                    /// When it ends.
                    ends_at: value(Timestamp) => with_ends_at,
                    /// Keys of the facilities it opens.
                    facility_keys: keys() => with_facility_keys,
                    /// Key of the guest it belongs to.
                    guest_key: text() => with_guest_key,
                    /// Keys of the listings it opens.
                    listing_keys: keys() => with_listing_keys,
                    /// Display name.
                    name: text() => with_name,
                    /// The access code you would like the holder to get.
                    preferred_code: text() => with_preferred_code,
                    /// Keys of the properties it opens.
                    property_keys: keys() => with_property_keys,
                    /// Key of the resident it belongs to.
                    resident_key: text() => with_resident_key,
                    /// Keys of the rooms it opens.
                    room_keys: keys() => with_room_keys,
                    /// Keys of the spaces it opens.
                    space_keys: keys() => with_space_keys,
                    /// When it starts.
                    starts_at: value(Timestamp) => with_starts_at,
                    /// Key of the tenant it belongs to.
                    tenant_key: text() => with_tenant_key,
                    /// Keys of the units it opens.
                    unit_keys: keys() => with_unit_keys,
                    /// Key of the user identity it belongs to.
                    user_identity_key: text() => with_user_identity_key,
                    /// Key of the user it belongs to.
                    user_key: text() => with_user_key,
                }
            }
        }
    };
}

stay_model! {
    /// An access grant (`customer_data.access_grants[]`).
    AccessGrant, access_grant_key
}

stay_model! {
    /// A booking (`customer_data.bookings[]`).
    Booking, booking_key
}

stay_model! {
    /// A reservation (`customer_data.reservations[]`).
    Reservation, reservation_key,
    /// Your own key/value data; string values at most 500 characters.
    custom_metadata: value(CustomMetadata) => with_custom_metadata
}
