//! Constraint checks of the customer resources and of `CustomerData`.

use super::{is_time_of_day, utf16_len, Check, Checker, Path};
use crate::resources::{
    AccessGrant, Booking, Building, CommonArea, Facility, Geolocation, Guest, Listing, Property,
    PropertyListing, Reservation, Resident, Room, Site, Space, SpaceCustomerData, StaffMember,
    Tenant, Unit, User, UserIdentity,
};
use crate::{CustomMetadata, CustomerData, MetadataValue, Nullable, Timestamp, MAX_SAFE_INTEGER};

/// Longest custom metadata string, in UTF-16 code units.
const METADATA_MAX: usize = 500;

/// Resources whose only constraint is a non-empty key: `(type, key field)`.
macro_rules! key_only {
    ($( $ty:ident . $key:ident ),* $(,)?) => {
        $(
            impl Check for $ty {
                fn check(&self, path: &Path<'_>, c: &mut Checker) {
                    c.non_empty(path, stringify!($key), &self.$key);
                }
            }
        )*
    };
}

key_only!(
    Building.building_key,
    Facility.facility_key,
    Listing.listing_key,
    Property.property_key,
    Site.site_key,
    Guest.guest_key,
    Resident.resident_key,
    Tenant.tenant_key,
    User.user_key,
    UserIdentity.user_identity_key,
);

/// Places with a non-empty key and an optional non-empty `parent_site_key`.
macro_rules! key_and_parent {
    ($( $ty:ident . $key:ident ),* $(,)?) => {
        $(
            impl Check for $ty {
                fn check(&self, path: &Path<'_>, c: &mut Checker) {
                    c.non_empty(path, stringify!($key), &self.$key);
                    c.non_empty_opt(path, "parent_site_key", self.parent_site_key.as_ref());
                }
            }
        )*
    };
}

key_and_parent!(CommonArea.common_area_key, Room.room_key, Unit.unit_key);

/// Stays: a non-empty key and well-formed start/end timestamps.
macro_rules! stay {
    ($( $ty:ident . $key:ident ),* $(,)?) => {
        $(
            impl Check for $ty {
                fn check(&self, path: &Path<'_>, c: &mut Checker) {
                    check_stay(path, stringify!($key), &self.$key, self.starts_at.as_ref(), self.ends_at.as_ref(), c);
                }
            }
        )*
    };
}

stay!(AccessGrant.access_grant_key, Booking.booking_key);

fn check_stay(
    path: &Path<'_>,
    key_name: &'static str,
    key: &str,
    starts_at: Option<&Timestamp>,
    ends_at: Option<&Timestamp>,
    c: &mut Checker,
) {
    c.non_empty(path, key_name, key);
    c.timestamp_opt(path, "ends_at", ends_at);
    c.timestamp_opt(path, "starts_at", starts_at);
}

impl Check for Reservation {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        check_metadata(
            &path.field("custom_metadata"),
            self.custom_metadata.as_ref(),
            c,
        );
        check_stay(
            path,
            "reservation_key",
            &self.reservation_key,
            self.starts_at.as_ref(),
            self.ends_at.as_ref(),
            c,
        );
    }
}

impl Check for PropertyListing {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        check_metadata(
            &path.field("custom_metadata"),
            self.custom_metadata.as_ref(),
            c,
        );
        c.non_empty(path, "property_listing_key", &self.property_listing_key);
    }
}

fn check_metadata(path: &Path<'_>, metadata: Option<&CustomMetadata>, c: &mut Checker) {
    for (key, value) in metadata.into_iter().flatten() {
        if let Nullable::Value(MetadataValue::String(s)) = value {
            let len = utf16_len(s);
            if len > METADATA_MAX {
                c.report(
                    &path.key(key),
                    format!("must be at most {METADATA_MAX} characters (UTF-16 code units), found {len}"),
                );
            }
        }
    }
}

impl Check for StaffMember {
    fn check(&self, _path: &Path<'_>, _c: &mut Checker) {
        // The contract puts no constraint on any staff member field (its key may be empty).
    }
}

impl Check for Space {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        if let Some(data) = &self.customer_data {
            data.check(&path.field("customer_data"), c);
        }
        if let Some(minutes) = &self.duration_minutes {
            if minutes.value() <= 0 {
                c.report(
                    &path.field("duration_minutes"),
                    format!("must be greater than 0, found {minutes}"),
                );
            } else if !minutes.is_safe() {
                c.report(
                    &path.field("duration_minutes"),
                    format!(
                        "must be at most 2^53 − 1 = {MAX_SAFE_INTEGER}, the largest integer the \
                         server holds exactly, found {minutes}"
                    ),
                );
            }
        }
        if let Some(geo) = &self.geolocation {
            geo.check(&path.field("geolocation"), c);
        }
        c.non_empty_opt(path, "parent_site_key", self.parent_site_key.as_ref());
        c.non_empty(path, "space_key", &self.space_key);
    }
}

impl Check for SpaceCustomerData {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        for (name, value) in [
            ("default_checkin_time", &self.default_checkin_time),
            ("default_checkout_time", &self.default_checkout_time),
        ] {
            if let Some(Nullable::Value(t)) = value {
                if !is_time_of_day(t) {
                    c.report(
                        &path.field(name),
                        format!("must be a 24-hour time HH:MM or HH:MM:SS, found {t:?}"),
                    );
                }
            }
        }
    }
}

impl Check for Geolocation {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        for (name, v) in [
            ("latitude", self.latitude.value()),
            ("longitude", self.longitude.value()),
        ] {
            if !v.is_finite() {
                c.report(
                    &path.field(name),
                    format!("must be a finite number, found {v}"),
                );
            }
        }
    }
}

impl Check for CustomerData {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        self.access_grants.check(&path.field("access_grants"), c);
        self.bookings.check(&path.field("bookings"), c);
        self.buildings.check(&path.field("buildings"), c);
        self.common_areas.check(&path.field("common_areas"), c);
        c.non_empty(path, "customer_key", &self.customer_key);
        self.facilities.check(&path.field("facilities"), c);
        self.guests.check(&path.field("guests"), c);
        self.listings.check(&path.field("listings"), c);
        self.properties.check(&path.field("properties"), c);
        self.property_listings
            .check(&path.field("property_listings"), c);
        self.reservations.check(&path.field("reservations"), c);
        self.residents.check(&path.field("residents"), c);
        self.rooms.check(&path.field("rooms"), c);
        self.sites.check(&path.field("sites"), c);
        self.spaces.check(&path.field("spaces"), c);
        self.staff_members.check(&path.field("staff_members"), c);
        self.tenants.check(&path.field("tenants"), c);
        self.units.check(&path.field("units"), c);
        self.user_identities
            .check(&path.field("user_identities"), c);
        self.users.check(&path.field("users"), c);
    }
}
