//! The internal `POST /customers/reservations/create_deep_link` call: request, response and link.

use serde::{Deserialize, Serialize};
use url::Url;
use uuid::Uuid;

use crate::Timestamp;

request_model! {
    /// Asks for a link that opens a customer's reservation in the portal (an endpoint Seam does not document).
    pub struct CreateDeepLinkRequest {
        required {
            /// Your key for the customer.
            customer_key: String,
            /// Your key for the reservation.
            reservation_key: String,
        }
    }
}

/// A link opening a reservation in a customer portal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomerDeepLink {
    /// The portal the link belongs to.
    pub customer_portal_id: Uuid,
    /// When the link stops working.
    pub expires_at: Timestamp,
    /// The link.
    pub url: Url,
}

impl CustomerDeepLink {
    /// A deep link with all of its fields.
    pub fn new(customer_portal_id: Uuid, expires_at: Timestamp, url: Url) -> Self {
        Self {
            customer_portal_id,
            expires_at,
            url,
        }
    }
}

/// The 200 response of create_deep_link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateDeepLinkResponse {
    /// The link.
    pub deep_link: CustomerDeepLink,
    /// `true` on success.
    pub ok: bool,
}

impl CreateDeepLinkResponse {
    /// A successful response carrying `deep_link`.
    pub fn new(deep_link: CustomerDeepLink) -> Self {
        Self {
            deep_link,
            ok: true,
        }
    }
}
