//! Typed, validated models of the Seam API customers namespace.
//!
//! Requests (`CreatePortalRequest`, `PushDataRequest`, `DeleteDataRequest`, `CreateDeepLinkRequest`)
//! serialize to exactly the JSON the API expects: unset optional fields are left out, nothing is
//! defaulted. [`Validate::validate`] checks every constraint the API states and lists all problems by
//! JSON path. Responses (`CreatePortalResponse`, `OkResponse`, ...) ignore fields they do not know.
//! No I/O happens here.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod macros;

mod api_error;
mod checks;
mod cow;
mod create_deep_link;
mod create_portal;
mod customer_data;
mod deep_link;
mod delete_data;
mod enums;
mod features;
mod filter;
pub mod json;
mod landing_page;
mod metadata;
mod nullable;
mod number;
mod profile_id;
pub mod resources;
mod responses;
mod timestamp;
pub mod validate;
mod wire;

pub use api_error::{ApiErrorBody, ApiErrorEnvelope, ValidationErrorTree};
pub use create_deep_link::{CreateDeepLinkRequest, CreateDeepLinkResponse, CustomerDeepLink};
pub use create_portal::CreatePortalRequest;
pub use customer_data::{CustomerData, PushDataRequest, COLLECTION_NAMES};
pub use deep_link::DeepLink;
pub use delete_data::DeleteDataRequest;
pub use enums::{FilterOperation, Locale, NavigationMode};
pub use features::{
    ConfigureFeature, ConnectFeature, DeviceManagementConfirmation, Features, ManageDevicesFeature,
    ManageEvents, ManageFeature, OrganizeFeature,
};
pub use filter::{CustomerResourcesFilter, FilterValue};
pub use json::JsonError;
pub use landing_page::{LandingPage, ManageLandingPage};
pub use metadata::{CustomMetadata, MetadataValue};
pub use nullable::Nullable;
pub use number::{Integer, Number, MAX_SAFE_INTEGER};
pub use profile_id::{CustomizationProfileId, InvalidProfileId};
pub use resources::{
    AccessGrant, Booking, Building, CommonArea, Facility, Geolocation, Guest, Listing, Property,
    PropertyListing, Reservation, Resident, Room, Site, Space, SpaceCustomerData, StaffMember,
    Tenant, Unit, User, UserIdentity,
};
pub use responses::{CreatePortalResponse, CustomerPortal, OkResponse};
pub use timestamp::{Timestamp, TimestampError};
pub use validate::{Validate, ValidationError, Violation};
