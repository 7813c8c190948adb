//! Places without extra data: buildings, common areas, facilities, listings, properties, rooms, sites, units.

use crate::CustomMetadata;

request_model! {
    /// A building (`customer_data.buildings[]`).
    pub struct Building {
        required {
            /// Your key for the building; not empty.
            building_key: String,
            /// Display name.
            name: String,
        }
    }
}

request_model! {
    /// A shared common area (`customer_data.common_areas[]`).
    pub struct CommonArea {
        required {
            /// Your key for the common area; not empty.
            common_area_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Key of the site it belongs to; not empty when set.
            parent_site_key: text() => with_parent_site_key,
        }
    }
}

request_model! {
    /// A gym or similar facility (`customer_data.facilities[]`).
    pub struct Facility {
        required {
            /// Your key for the facility; not empty.
            facility_key: String,
            /// Display name.
            name: String,
        }
    }
}

request_model! {
    /// A rental listing (`customer_data.listings[]`).
    pub struct Listing {
        required {
            /// Your key for the listing; not empty.
            listing_key: String,
            /// Display name.
            name: String,
        }
    }
}

request_model! {
    /// A property (`customer_data.properties[]`).
    pub struct Property {
        required {
            /// Your key for the property; not empty.
            property_key: String,
            /// Display name.
            name: String,
        }
    }
}

request_model! {
    /// A property listing (`customer_data.property_listings[]`).
    pub struct PropertyListing {
        required {
            /// Your key for the property listing; not empty.
            property_listing_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Your own key/value data; string values at most 500 characters.
            custom_metadata: value(CustomMetadata) => with_custom_metadata,
        }
    }
}

request_model! {
    /// A room (`customer_data.rooms[]`).
    pub struct Room {
        required {
            /// Your key for the room; not empty.
            room_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Key of the site it belongs to; not empty when set.
            parent_site_key: text() => with_parent_site_key,
        }
    }
}

request_model! {
    /// A site (`customer_data.sites[]`).
    pub struct Site {
        required {
            /// Your key for the site; not empty.
            site_key: String,
            /// Display name.
            name: String,
        }
    }
}

request_model! {
    /// A unit (`customer_data.units[]`).
    pub struct Unit {
        required {
            /// Your key for the unit; not empty.
            unit_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Key of the site it belongs to; not empty when set.
            parent_site_key: text() => with_parent_site_key,
        }
    }
}
