//! `Validate` for the four requests: create_portal, push_data, delete_data and create_deep_link.

use super::{is_identifier, Check, Checker, Path};
use crate::{
    CreateDeepLinkRequest, CreatePortalRequest, CustomerData, CustomerResourcesFilter,
    DeleteDataRequest, FilterOperation, Locale, NavigationMode, Validate, ValidationError,
};

impl Validate for CreatePortalRequest {
    fn validate(&self) -> Result<(), ValidationError> {
        let mut c = Checker::default();
        let root = Path::Root;
        if let Some(data) = &self.customer_data {
            data.check(&root.field("customer_data"), &mut c);
        }
        self.customer_resources_filters
            .check(&root.field("customer_resources_filters"), &mut c);
        if let Some(locale) = &self.locale {
            c.known(
                &root.field("locale"),
                locale.as_str(),
                locale.is_known(),
                Locale::KNOWN,
            );
        }
        if let Some(mode) = &self.navigation_mode {
            c.known(
                &root.field("navigation_mode"),
                mode.as_str(),
                mode.is_known(),
                NavigationMode::KNOWN,
            );
        }
        c.finish()
    }
}

impl Check for CustomerResourcesFilter {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        if !is_identifier(&self.field) {
            c.report(
                &path.field("field"),
                format!(
                    "must start with a letter or _ and contain only ASCII letters, digits and _ \
                     (pattern ^[a-zA-Z_]\\w*$), found {:?}",
                    self.field
                ),
            );
        }
        c.known(
            &path.field("operation"),
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
        self.check(&Path::Root, &mut c);
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
