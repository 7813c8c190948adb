//! `CreatePortalRequest`: the body of `POST /customers/create_portal`.

use crate::{
    CustomerData, CustomerResourcesFilter, CustomizationProfileId, DeepLink, Features, LandingPage,
    Locale, NavigationMode,
};

request_model! {
    /// Asks for a Customer Portal magic link. Every field is optional; anything left unset is left
    /// out of the JSON and the server applies its own default. (The staff-only `_dev` flag is not modelled.)
    ///
    /// ```
    /// use seam_types::{CreatePortalRequest, CustomerData, Building, Locale, Validate};
    ///
    /// let request = CreatePortalRequest::new()
    ///     .with_customer_data(
    ///         CustomerData::new("customer-1").push_building(Building::new("b-1", "Main building")),
    ///     )
    ///     .with_locale(Locale::FrFr)
    ///     .with_is_embedded(true);
    /// assert!(request.validate().is_ok());
    /// ```
    pub struct CreatePortalRequest {
        optional {
            /// The customer and its resources, sent along with the request.
            customer_data: value(CustomerData) => with_customer_data,
            /// Filters narrowing which of the customer's resources the portal shows.
            customer_resources_filters: list(CustomerResourcesFilter) => with_customer_resources_filters / push_customer_resources_filter,
            /// The customization profile (branding) to apply: a hyphenated UUID, sent as written.
            customization_profile_id: into(CustomizationProfileId) => with_customization_profile_id,
            /// A resource to open directly.
            deep_link: value(DeepLink) => with_deep_link,
            /// Hide the language picker.
            exclude_locale_picker: value(bool) => with_exclude_locale_picker,
            /// Which parts of the portal are shown.
            features: value(Features) => with_features,
            /// Whether the portal is shown inside your own page (iframe).
            is_embedded: value(bool) => with_is_embedded,
            /// The page the portal opens on.
            landing_page: value(LandingPage) => with_landing_page,
            /// Display language.
            locale: value(Locale) => with_locale,
            /// How much navigation the visitor gets.
            navigation_mode: value(NavigationMode) => with_navigation_mode,
            /// Show everything but allow no changes.
            read_only: value(bool) => with_read_only,
        }
    }
}

impl Default for CreatePortalRequest {
    fn default() -> Self {
        Self::new()
    }
}
