//! `Features`: which parts of the portal are shown and how they behave.

use serde::{Deserialize, Deserializer, Serialize};

/// The `features` object of a portal request. Every part is optional; the server fills in its own
/// defaults for anything left out.
///
/// Read from JSON only as an object (an array is refused), like every request model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Features {
    /// Access and climate automation settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configure: Option<ConfigureFeature>,
    /// Connecting device accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectFeature>,
    /// Managing devices, reservations and staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage: Option<ManageFeature>,
    /// The older name of the device part of `manage`.
    #[deprecated(note = "the API deprecates `features.manage_devices`; use `features.manage`")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_devices: Option<ManageDevicesFeature>,
    /// Organizing resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organize: Option<OrganizeFeature>,
}

/// The fields of [`Features`] as serde's derive reads them; [`Features`]'s own impl lets only a
/// JSON object through (see `wire::object_only`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeaturesShadow {
    #[serde(default, deserialize_with = "crate::wire::some")]
    configure: Option<ConfigureFeature>,
    #[serde(default, deserialize_with = "crate::wire::some")]
    connect: Option<ConnectFeature>,
    #[serde(default, deserialize_with = "crate::wire::some")]
    manage: Option<ManageFeature>,
    #[serde(default, deserialize_with = "crate::wire::some")]
    manage_devices: Option<ManageDevicesFeature>,
    #[serde(default, deserialize_with = "crate::wire::some")]
    organize: Option<OrganizeFeature>,
}

#[allow(deprecated)]
impl<'de> Deserialize<'de> for Features {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let shadow: FeaturesShadow = crate::wire::object_only(deserializer)?;
        Ok(Self {
            configure: shadow.configure,
            connect: shadow.connect,
            manage: shadow.manage,
            manage_devices: shadow.manage_devices,
            organize: shadow.organize,
        })
    }
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
