//! Spaces: bookable places with optional location, stay length and check-in/out defaults.

use crate::{Integer, Number};

request_model! {
    /// A space (`customer_data.spaces[]`).
    pub struct Space {
        required {
            /// Your key for the space; not empty.
            space_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Address, time zone and default check-in/out times.
            customer_data: value(SpaceCustomerData) => with_customer_data,
            /// Typical stay length in minutes; greater than zero. Read in any spelling the server reads
            /// as an integer (`90`, `90.0`, `9e1`) and sent back as written (see [`Integer`]).
            duration_minutes: into(Integer) => with_duration_minutes,
            /// Where the space is.
            geolocation: value(Geolocation) => with_geolocation,
            /// Key of the site it belongs to; not empty when set.
            parent_site_key: text() => with_parent_site_key,
        }
    }
}

request_model! {
    /// Extra data about a space (`customer_data.spaces[].customer_data`). Every field may be set to an
    /// explicit `null` with [`Nullable::Null`](crate::Nullable::Null).
    pub struct SpaceCustomerData {
        optional {
            /// Street address.
            address: nullable(String) => with_address,
            /// Default check-in time, `HH:MM` or `HH:MM:SS` (24-hour).
            default_checkin_time: nullable(String) => with_default_checkin_time,
            /// Default check-out time, `HH:MM` or `HH:MM:SS` (24-hour).
            default_checkout_time: nullable(String) => with_default_checkout_time,
            /// IANA time zone name, such as `Europe/Lisbon`.
            time_zone: nullable(String) => with_time_zone,
        }
    }
}

impl Default for SpaceCustomerData {
    fn default() -> Self {
        Self::new()
    }
}

request_model! {
    /// A latitude/longitude pair in degrees; both must be finite numbers. Each is sent exactly as it
    /// was read (all 17 significant digits, the same spelling) or, built from an `f64`, in the
    /// shortest form that reads back as the same double (see [`Number`]).
    pub struct Geolocation {
        required {
            /// Latitude in degrees.
            latitude: Number,
            /// Longitude in degrees.
            longitude: Number,
        }
    }
}
