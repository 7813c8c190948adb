//! `LandingPage`: the page a visitor opens first, as `{"manage": {"<kind>_key": "..."}}` or `{}`.

request_model! {
    /// Where the portal opens. On the wire an object whose only member, `manage`, is optional:
    /// `{"manage": {"space_key": "space-1"}}`, or `{}` to leave the choice to the server.
    ///
    /// ```
    /// use seam_types::{LandingPage, ManageLandingPage};
    ///
    /// let page = LandingPage::from(ManageLandingPage::SpaceKey("space-1".into()));
    /// assert_eq!(serde_json::to_string(&page).unwrap(), r#"{"manage":{"space_key":"space-1"}}"#);
    /// let empty: LandingPage = seam_types::json::from_str("{}").unwrap();
    /// assert_eq!(empty, LandingPage::new());
    /// assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    /// ```
    pub struct LandingPage {
        optional {
            /// The resource whose management page opens first.
            manage: value(ManageLandingPage) => with_manage,
        }
    }
}

impl Default for LandingPage {
    fn default() -> Self {
        Self::new()
    }
}

impl From<ManageLandingPage> for LandingPage {
    fn from(page: ManageLandingPage) -> Self {
        Self::new().with_manage(page)
    }
}

/// The resource whose management page opens first: exactly one key. On the wire, e.g.
/// `{"space_key": "space-1"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ManageLandingPage {
    /// `{"space_key": ..}`
    SpaceKey(String),
    /// `{"property_key": ..}`
    PropertyKey(String),
    /// `{"room_key": ..}`
    RoomKey(String),
    /// `{"common_area_key": ..}`
    CommonAreaKey(String),
    /// `{"unit_key": ..}`
    UnitKey(String),
    /// `{"facility_key": ..}`
    FacilityKey(String),
    /// `{"building_key": ..}`
    BuildingKey(String),
    /// `{"listing_key": ..}`
    ListingKey(String),
    /// `{"property_listing_key": ..}`
    PropertyListingKey(String),
    /// `{"site_key": ..}`
    SiteKey(String),
    /// `{"reservation_key": ..}`
    ReservationKey(String),
    /// `{"booking_key": ..}`
    BookingKey(String),
    /// `{"access_grant_key": ..}`
    AccessGrantKey(String),
}

impl ManageLandingPage {
    /// The wire names of the 13 shapes, in the contract's order.
    pub const KEYS: [&'static str; 13] = [
        "space_key",
        "property_key",
        "room_key",
        "common_area_key",
        "unit_key",
        "facility_key",
        "building_key",
        "listing_key",
        "property_listing_key",
        "site_key",
        "reservation_key",
        "booking_key",
        "access_grant_key",
    ];

    /// Builds the shape named by `key` (one of [`Self::KEYS`]); `None` for any other name.
    pub fn from_key(key: &str, value: impl Into<String>) -> Option<Self> {
        let v = value.into();
        Some(match key {
            "space_key" => Self::SpaceKey(v),
            "property_key" => Self::PropertyKey(v),
            "room_key" => Self::RoomKey(v),
            "common_area_key" => Self::CommonAreaKey(v),
            "unit_key" => Self::UnitKey(v),
            "facility_key" => Self::FacilityKey(v),
            "building_key" => Self::BuildingKey(v),
            "listing_key" => Self::ListingKey(v),
            "property_listing_key" => Self::PropertyListingKey(v),
            "site_key" => Self::SiteKey(v),
            "reservation_key" => Self::ReservationKey(v),
            "booking_key" => Self::BookingKey(v),
            "access_grant_key" => Self::AccessGrantKey(v),
            _ => return None,
        })
    }

    /// The wire name of the key (`"space_key"`, ...) and its value.
    pub fn key_and_value(&self) -> (&'static str, &str) {
        match self {
            Self::SpaceKey(v) => ("space_key", v),
            Self::PropertyKey(v) => ("property_key", v),
            Self::RoomKey(v) => ("room_key", v),
            Self::CommonAreaKey(v) => ("common_area_key", v),
            Self::UnitKey(v) => ("unit_key", v),
            Self::FacilityKey(v) => ("facility_key", v),
            Self::BuildingKey(v) => ("building_key", v),
            Self::ListingKey(v) => ("listing_key", v),
            Self::PropertyListingKey(v) => ("property_listing_key", v),
            Self::SiteKey(v) => ("site_key", v),
            Self::ReservationKey(v) => ("reservation_key", v),
            Self::BookingKey(v) => ("booking_key", v),
            Self::AccessGrantKey(v) => ("access_grant_key", v),
        }
    }
}
