//! `Features`: which parts of the portal are shown and how they behave.

use serde::{Deserialize, Serialize};

/// The `features` object of a portal request. Every part is optional; the server fills in its own
/// defaults for anything left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Features {
    /// Access and climate automation settings.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::some"
    )]
    pub configure: Option<ConfigureFeature>,
    /// Connecting device accounts.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::some"
    )]
    pub connect: Option<ConnectFeature>,
    /// Managing devices, reservations and staff.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::some"
    )]
    pub manage: Option<ManageFeature>,
    /// The older name of the device part of `manage`.
    #[deprecated(note = "the API deprecates `features.manage_devices`; use `features.manage`")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::some"
    )]
    pub manage_devices: Option<ManageDevicesFeature>,
    /// Organizing resources.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::some"
    )]
    pub organize: Option<OrganizeFeature>,
}

#[allow(deprecated)]
impl Features {
    /// A `Features` with every part unset.
    pub fn new() -> Self {
        Self {
            configure: None,
            connect: None,
            manage: None,
            manage_devices: None,
            organize: None,
        }
    }

    /// Sets `configure`.
    #[must_use]
    pub fn with_configure(mut self, value: ConfigureFeature) -> Self {
        self.configure = Some(value);
        self
    }

    /// Sets `connect`.
    #[must_use]
    pub fn with_connect(mut self, value: ConnectFeature) -> Self {
        self.connect = Some(value);
        self
    }

    /// Sets `manage`.
    #[must_use]
    pub fn with_manage(mut self, value: ManageFeature) -> Self {
        self.manage = Some(value);
        self
    }

    /// Sets the deprecated `manage_devices`.
    #[deprecated(note = "the API deprecates `features.manage_devices`; use `with_manage`")]
    #[must_use]
    pub fn with_manage_devices(mut self, value: ManageDevicesFeature) -> Self {
        self.manage_devices = Some(value);
        self
    }

    /// Sets `organize`.
    #[must_use]
    pub fn with_organize(mut self, value: OrganizeFeature) -> Self {
        self.organize = Some(value);
        self
    }
}

impl Default for Features {
    fn default() -> Self {
        Self::new()
    }
}

request_model! {
    /// The `features.configure` options.
    pub struct ConfigureFeature {
        optional {
            /// Let visitors customize access automation rules.
            allow_access_automation_rule_customization: value(bool) => with_allow_access_automation_rule_customization,
            /// Let visitors customize climate automation rules.
            allow_climate_automation_rule_customization: value(bool) => with_allow_climate_automation_rule_customization,
            /// Let visitors customize instant keys.
            allow_instant_key_customization: value(bool) => with_allow_instant_key_customization,
            /// Hide this part of the portal.
            exclude: value(bool) => with_exclude,
        }
    }
}

request_model! {
    /// The `features.connect` options.
    pub struct ConnectFeature {
        optional {
            /// Only these device providers are offered (provider keys).
            accepted_providers: keys() => with_accepted_providers,
            /// Hide this part of the portal.
            exclude: value(bool) => with_exclude,
            /// These device providers are not offered (provider keys).
            excluded_providers: keys() => with_excluded_providers,
        }
    }
}

request_model! {
    /// The `features.manage` options.
    pub struct ManageFeature {
        optional {
            /// Texts of the confirmation shown before a device action.
            device_management_confirmation: value(DeviceManagementConfirmation) => with_device_management_confirmation,
            /// Which event types visitors can see.
            events: value(ManageEvents) => with_events,
            /// Hide this part of the portal.
            exclude: value(bool) => with_exclude,
            /// Hide reservation management.
            exclude_reservation_management: value(bool) => with_exclude_reservation_management,
            /// Hide technical details of reservations.
            exclude_reservation_technical_details: value(bool) => with_exclude_reservation_technical_details,
            /// Hide staff management.
            exclude_staff_management: value(bool) => with_exclude_staff_management,
        }
    }
}

request_model! {
    /// The `features.manage.device_management_confirmation` texts.
    pub struct DeviceManagementConfirmation {
        optional {
            /// Main text.
            body: text() => with_body,
            /// Label of the cancel button.
            cancel_button_label: text() => with_cancel_button_label,
            /// Label of the confirm button.
            confirm_button_label: text() => with_confirm_button_label,
            /// Heading.
            title: text() => with_title,
        }
    }
}

request_model! {
    /// The `features.manage.events` options (event type names).
    pub struct ManageEvents {
        optional {
            /// Event types visitors may choose from.
            allowed_events: keys() => with_allowed_events,
            /// Event types selected at first.
            default_events: keys() => with_default_events,
        }
    }
}

request_model! {
    /// The deprecated `features.manage_devices` options.
    pub struct ManageDevicesFeature {
        optional {
            /// Hide this part of the portal.
            exclude: value(bool) => with_exclude,
        }
    }
}

request_model! {
    /// The `features.organize` options.
    pub struct OrganizeFeature {
        optional {
            /// Hide this part of the portal.
            exclude: value(bool) => with_exclude,
        }
    }
}
