//! Responses of create_portal, push_data and delete_data.

use serde::{Deserialize, Serialize};
use url::Url;
use uuid::Uuid;

use crate::Timestamp;

/// A Customer Portal magic link: the URL to hand to your customer and when it expires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomerPortal {
    /// When the link was created.
    pub created_at: Timestamp,
    /// Your key for the customer the portal is for.
    pub customer_key: String,
    /// When the link stops working.
    pub expires_at: Timestamp,
    /// The magic link.
    pub url: Url,
    /// The Seam workspace the portal belongs to.
    pub workspace_id: Uuid,
}

impl CustomerPortal {
    /// A portal with all five fields.
    pub fn new(
        url: Url,
        customer_key: impl Into<String>,
        expires_at: Timestamp,
        workspace_id: Uuid,
        created_at: Timestamp,
    ) -> Self {
        Self {
            created_at,
            customer_key: customer_key.into(),
            expires_at,
            url,
            workspace_id,
        }
    }
}

/// The 200 response of create_portal. Unknown fields are ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortalResponse {
    /// The new portal.
    pub customer_portal: CustomerPortal,
    /// The same portal under its legacy key, when the server still sends it.
    #[deprecated(note = "legacy key; read `customer_portal`")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magic_link: Option<CustomerPortal>,
    /// `true` on success.
    pub ok: bool,
}

#[allow(deprecated)]
impl CreatePortalResponse {
    /// A successful response carrying `customer_portal` (and no legacy `magic_link`).
    pub fn new(customer_portal: CustomerPortal) -> Self {
        Self {
            customer_portal,
            magic_link: None,
            ok: true,
        }
    }

    /// Also sends the portal under the legacy `magic_link` key, as the current server does.
    #[must_use]
    pub fn with_legacy_magic_link(mut self) -> Self {
        self.magic_link = Some(self.customer_portal.clone());
        self
    }
}

/// The 200 response of push_data and delete_data: `{"ok": true}`. Unknown fields are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OkResponse {
    /// `true` on success.
    pub ok: bool,
}

impl OkResponse {
    /// A response with the given `ok`.
    pub fn new(ok: bool) -> Self {
        Self { ok }
    }
}
