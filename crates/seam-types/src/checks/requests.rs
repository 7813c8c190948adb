//! `Validate` for the four requests: create_portal, push_data, delete_data and create_deep_link.

use super::{field, is_identifier, item, Check, Checker};
use crate::{
    CreateDeepLinkRequest, CreatePortalRequest, CustomerData, CustomerResourcesFilter,
    DeleteDataRequest, FilterOperation, Locale, NavigationMode, Validate, ValidationError,
};

impl Validate for CreatePortalRequest {
    fn validate(&self) -> Result<(), ValidationError> {
        let mut c = Checker::default();
        if let Some(data) = &self.customer_data {
            data.check("customer_data", &mut c);
        }
        if let Some(filters) = &self.customer_resources_filters {
            for (i, f) in filters.iter().enumerate() {
                f.check(&item("customer_resources_filters", i), &mut c);
            }
        }
        if let Some(locale) = &self.locale {
            c.known(
                "locale".into(),
                locale.as_str(),
                locale.is_known(),
                Locale::KNOWN,
            );
        }
        if let Some(mode) = &self.navigation_mode {
            c.known(
                "navigation_mode".into(),
                mode.as_str(),
                mode.is_known(),
                NavigationMode::KNOWN,
            );
        }
        c.finish()
    }
}

impl Check for CustomerResourcesFilter {
    fn check(&self, path: &str, c: &mut Checker) {
        if !is_identifier(&self.field) {
            c.report(
                field(path, "field"),
                format!(
                    "must start with a letter or _ and contain only ASCII letters, digits and _ \
                     (pattern ^[a-zA-Z_]\\w*$), found {:?}",
                    self.field
                ),
            );
        }
        c.known(
            field(path, "operation"),
            self.operation.as_str(),
            self.operation.is_known(),
            FilterOperation::KNOWN,
        );
    }
}

/// push_data: the customer's fields are at the top level, so paths have no `customer_data.` prefix.
impl Validate for CustomerData {
    fn validate(&self) -> Result<(), ValidationError> {
        let mut c = Checker::default();
        self.check("", &mut c);
        c.finish()
    }
}

impl Validate for DeleteDataRequest {
    /// The contract puts no constraint on the key lists, so this always succeeds.
    fn validate(&self) -> Result<(), ValidationError> {
        Checker::default().finish()
    }
}

impl Validate for CreateDeepLinkRequest {
    /// The contract puts no constraint on the two keys, so this always succeeds.
    fn validate(&self) -> Result<(), ValidationError> {
        Checker::default().finish()
    }
}
