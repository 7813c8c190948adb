//! The customer resources pushed to Seam: places, people and stays, one struct per collection item.

mod people;
mod places;
mod space;
mod staff;
mod stays;

pub use people::{Guest, Resident, Tenant, User, UserIdentity};
pub use places::{
    Building, CommonArea, Facility, Listing, Property, PropertyListing, Room, Site, Unit,
};
pub use space::{Geolocation, Space, SpaceCustomerData};
pub use staff::StaffMember;
pub use stays::{AccessGrant, Booking, Reservation};
