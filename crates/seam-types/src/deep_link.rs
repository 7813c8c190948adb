//! `DeepLink`: the resource a portal opens straight onto, tagged by `resource_type`.

use serde::{Deserialize, Serialize};

/// A resource to open directly. On the wire: `{"resource_type": "reservation", "resource_key": ".."}`,
/// `{"resource_type": "space", "resource_key": ".."}` or `{"resource_type": "device", "resource_id": ".."}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "resource_type", rename_all = "snake_case", deny_unknown_fields)]
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
