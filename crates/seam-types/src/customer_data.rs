//! `CustomerData`: one customer's resources, sent inline with a portal request or on their own by push_data.

use crate::resources::{
    AccessGrant, Booking, Building, CommonArea, Facility, Guest, Listing, Property,
    PropertyListing, Reservation, Resident, Room, Site, Space, StaffMember, Tenant, Unit, User,
    UserIdentity,
};

request_model! {
    /// One customer's resources: its key and up to 19 collections.
    ///
    /// Used as `customer_data` of a portal request and, with the same fields at the top level, as the
    /// push_data request ([`PushDataRequest`]).
    pub struct CustomerData {
        required {
            /// Your key for the customer; not empty.
            customer_key: String,
        }
        optional {
            /// The customer's access grants.
            access_grants: list(AccessGrant) => with_access_grants / push_access_grant,
            /// The customer's bookings.
            bookings: list(Booking) => with_bookings / push_booking,
            /// The customer's buildings.
            buildings: list(Building) => with_buildings / push_building,
            /// The customer's common areas.
            common_areas: list(CommonArea) => with_common_areas / push_common_area,
            /// The customer's facilities.
            facilities: list(Facility) => with_facilities / push_facility,
            /// The customer's guests.
            guests: list(Guest) => with_guests / push_guest,
            /// The customer's listings.
            listings: list(Listing) => with_listings / push_listing,
            /// The customer's properties.
            properties: list(Property) => with_properties / push_property,
            /// The customer's property listings.
            property_listings: list(PropertyListing) => with_property_listings / push_property_listing,
            /// The customer's reservations.
            reservations: list(Reservation) => with_reservations / push_reservation,
            /// The customer's residents.
            residents: list(Resident) => with_residents / push_resident,
            /// The customer's rooms.
            rooms: list(Room) => with_rooms / push_room,
            /// The customer's sites.
            sites: list(Site) => with_sites / push_site,
            /// The customer's spaces.
            spaces: list(Space) => with_spaces / push_space,
            /// The customer's staff members.
            staff_members: list(StaffMember) => with_staff_members / push_staff_member,
            /// The customer's tenants.
            tenants: list(Tenant) => with_tenants / push_tenant,
            /// The customer's units.
            units: list(Unit) => with_units / push_unit,
            /// The customer's user identities.
            user_identities: list(UserIdentity) => with_user_identities / push_user_identity,
            /// The customer's users.
            users: list(User) => with_users / push_user,
        }
    }
}

/// The body of `POST /customers/push_data`: a customer's key and collections at the top level,
/// the same fields as [`CustomerData`]. Its `validate()` reports paths without a `customer_data.` prefix.
pub type PushDataRequest = CustomerData;

/// The names of the 19 collections, in wire order (for tests and tools).
pub const COLLECTION_NAMES: [&str; 19] = [
    "access_grants",
    "bookings",
    "buildings",
    "common_areas",
    "facilities",
    "guests",
    "listings",
    "properties",
    "property_listings",
    "reservations",
    "residents",
    "rooms",
    "sites",
    "spaces",
    "staff_members",
    "tenants",
    "units",
    "user_identities",
    "users",
];
