//! `DeepLink`: the resource a portal opens straight onto, tagged by `resource_type`.

use serde::{Deserialize, Deserializer, Serialize};

/// A resource to open directly. On the wire: `{"resource_type": "reservation", "resource_key": ".."}`,
/// `{"resource_type": "space", "resource_key": ".."}` or `{"resource_type": "device", "resource_id": ".."}`.
/// Read from JSON only as an object (serde's internally tagged enums would also take
/// `["device", ".."]`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "resource_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeepLink {
    /// A reservation, by your key.
    Reservation {
        /// Your key for the reservation.
        resource_key: String,
    },
    /// A space, by your key.
    Space {
        /// Your key for the space.
        resource_key: String,
    },
    /// A device, by its Seam id.
    Device {
        /// The device's id.
        resource_id: String,
    },
}

/// The variants of [`DeepLink`] as serde's derive reads them; [`DeepLink`]'s own impl lets only a
/// JSON object through (see `wire::object_only`).
#[derive(Deserialize)]
#[serde(tag = "resource_type", rename_all = "snake_case", deny_unknown_fields)]
enum DeepLinkShadow {
    Reservation { resource_key: String },
    Space { resource_key: String },
    Device { resource_id: String },
}

impl<'de> Deserialize<'de> for DeepLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match crate::wire::object_only(deserializer)? {
            DeepLinkShadow::Reservation { resource_key } => Self::Reservation { resource_key },
            DeepLinkShadow::Space { resource_key } => Self::Space { resource_key },
            DeepLinkShadow::Device { resource_id } => Self::Device { resource_id },
        })
    }
}

impl DeepLink {
    /// The wire values of `resource_type`, in the contract's order.
    pub const RESOURCE_TYPES: [&'static str; 3] = ["reservation", "space", "device"];

    /// A link to the reservation with this key.
    pub fn reservation(resource_key: impl Into<String>) -> Self {
        Self::Reservation {
            resource_key: resource_key.into(),
        }
    }

    /// A link to the space with this key.
    pub fn space(resource_key: impl Into<String>) -> Self {
        Self::Space {
            resource_key: resource_key.into(),
        }
    }

    /// A link to the device with this id.
    pub fn device(resource_id: impl Into<String>) -> Self {
        Self::Device {
            resource_id: resource_id.into(),
        }
    }
}
