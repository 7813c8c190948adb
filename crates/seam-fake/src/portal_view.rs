//! What a portal link shows, worked out once: the create_portal options with Seam's defaults
//! applied, and the customer's resources with the landing target, the deep link, the resource
//! filters and the feature exclusions applied. The HTML page and the JSON twin both render this.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::collections::COLLECTIONS;
use crate::store::CustomerData;

/// The portal's languages (the contract's `locale` values); the first is the default.
pub(crate) const LOCALES: &[&str] = &[
    "en-US", "pt-PT", "fr-FR", "it-IT", "es-ES", "de-DE", "nl-NL", "el-GR", "pl-PL", "ru-RU",
];

/// The collections whose resources carry `custom_metadata` in the contract, so the only ones that
/// `customer_resources_filters` can select from; the others are listed unfiltered.
pub(crate) const FILTERABLE: &[&str] = &["property_listings", "reservations"];

/// The stays: the collections `features.manage.exclude_reservation_management` hides.
const STAYS: &[&str] = &["reservations", "bookings", "access_grants"];

/// One portal link as the customer would get it.
#[derive(Debug, Serialize)]
pub(crate) struct PortalView {
    /// The customer the link is for.
    pub(crate) customer_key: String,
    /// The portal language (also the page's `lang`).
    pub(crate) locale: String,
    /// Whether the customer may switch language (`!exclude_locale_picker`).
    pub(crate) locale_picker: bool,
    /// Whether the customer may only look.
    pub(crate) read_only: bool,
    /// `full` (navigation shown) or `restricted` (navigation hidden).
    pub(crate) navigation_mode: String,
    /// Whether the portal is meant to run inside another site's frame.
    pub(crate) is_embedded: bool,
    /// The look applied, when one was named.
    pub(crate) customization_profile_id: Option<String>,
    /// When the link stops working.
    pub(crate) expires_at: String,
    /// The five features in a fixed order, each on or excluded, with its options.
    pub(crate) features: Vec<FeatureView>,
    /// The resource the portal opens on (`landing_page.manage`), if set.
    pub(crate) landing_page: Option<TargetView>,
    /// The resource a deep link opens (`deep_link`), if set; it wins over the landing page.
    pub(crate) deep_link: Option<TargetView>,
    /// The filters as given.
    pub(crate) customer_resources_filters: Vec<Value>,
    /// Every collection that holds resources, in the contract's order.
    pub(crate) collections: Vec<CollectionView>,
}

/// One feature: enabled or excluded, and its options with their effective values.
#[derive(Debug, Serialize)]
pub(crate) struct FeatureView {
    /// `connect`, `manage`, `organize`, `configure` or `manage_devices`.
    pub(crate) name: &'static str,
    /// False when `features.<name>.exclude` is true.
    pub(crate) enabled: bool,
    /// True for `manage_devices`, which `manage` replaces.
    pub(crate) deprecated: bool,
    /// Each option of the feature, defaults applied (`null` for a list or text not given).
    pub(crate) options: Vec<OptionView>,
}

/// One feature option.
#[derive(Debug, Serialize)]
pub(crate) struct OptionView {
    /// The option's field name in `features.<feature>`.
    pub(crate) name: &'static str,
    /// Its value, or the default when not given.
    pub(crate) value: Value,
    /// Whether the request gave it.
    pub(crate) given: bool,
}

/// A resource the portal is asked to open on.
#[derive(Debug, Serialize)]
pub(crate) struct TargetView {
    /// The key field named (`space_key`, ...) or, for a deep link, `resource_type`'s field.
    pub(crate) field: String,
    /// The key (or device id).
    pub(crate) key: String,
    /// The collection holding it, when it is one the fake stores.
    pub(crate) collection: Option<&'static str>,
    /// Whether the customer's stored data has it.
    pub(crate) found: bool,
}

/// One collection of the customer's resources.
#[derive(Debug, Serialize)]
pub(crate) struct CollectionView {
    /// The collection name (`spaces`, ...).
    pub(crate) name: &'static str,
    /// The option that hides it from the customer (`features.manage.exclude`, ...), if any.
    pub(crate) hidden_by: Option<String>,
    /// Whether `customer_resources_filters` select among its resources.
    pub(crate) filtered: bool,
    /// Its resources in stored order.
    pub(crate) resources: Vec<ResourceView>,
}

/// One resource.
#[derive(Debug, Serialize)]
pub(crate) struct ResourceView {
    /// Its key.
    pub(crate) key: String,
    /// Its name, when it has a non-blank one.
    pub(crate) name: Option<String>,
    /// Stay dates, when given.
    pub(crate) starts_at: Option<String>,
    /// Stay dates, when given.
    pub(crate) ends_at: Option<String>,
    /// Its `custom_metadata`, when given.
    pub(crate) custom_metadata: Option<Value>,
    /// False when a filter does not match it: the customer does not see it.
    pub(crate) matches_filters: bool,
    /// True for the resource the portal opens on (deep link, else landing page).
    pub(crate) opens_here: bool,
}

/// A feature option and its default (`None`: a list or an object, absent unless given).
type OptionSpec = (&'static str, Option<bool>);

/// `(feature, options)`: every feature option of the contract, in its order.
const FEATURES: &[(&str, &[OptionSpec])] = &[
    (
        "connect",
        &[
            ("exclude", Some(false)),
            ("accepted_providers", None),
            ("excluded_providers", None),
        ],
    ),
    (
        "manage",
        &[
            ("exclude", Some(false)),
            ("exclude_reservation_management", Some(false)),
            ("exclude_reservation_technical_details", Some(false)),
            ("exclude_staff_management", Some(false)),
            ("device_management_confirmation", None),
            ("events", None),
        ],
    ),
    ("organize", &[("exclude", Some(false))]),
    (
        "configure",
        &[
            ("exclude", Some(false)),
            ("allow_access_automation_rule_customization", Some(false)),
            ("allow_climate_automation_rule_customization", Some(false)),
            ("allow_instant_key_customization", Some(false)),
        ],
    ),
    ("manage_devices", &[("exclude", Some(false))]),
];

impl PortalView {
    /// The view of a link: `config` is the create_portal body without `customer_data` (already
    /// validated against the contract), `data` what is stored for the customer now.
    pub(crate) fn build(
        customer_key: &str,
        config: &Value,
        data: Option<&CustomerData>,
        expires_at: String,
    ) -> Self {
        let flag = |name: &str| config.get(name).and_then(Value::as_bool).unwrap_or(false);
        let text = |name: &str| config.get(name).and_then(Value::as_str).map(str::to_owned);
        let features = features(config.get("features"));
        let feature_flag = |feature: &str, option: &str| {
            features
                .iter()
                .find(|f| f.name == feature)
                .and_then(|f| f.options.iter().find(|o| o.name == option))
                .is_some_and(|o| o.value == Value::Bool(true))
        };
        let hidden_by = |collection: &str| -> Option<String> {
            if feature_flag("manage", "exclude") {
                Some("features.manage.exclude".into())
            } else if STAYS.contains(&collection)
                && feature_flag("manage", "exclude_reservation_management")
            {
                Some("features.manage.exclude_reservation_management".into())
            } else if collection == "staff_members"
                && feature_flag("manage", "exclude_staff_management")
            {
                Some("features.manage.exclude_staff_management".into())
            } else {
                None
            }
        };
        let filters: Vec<Value> = config
            .get("customer_resources_filters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let landing_page = config
            .pointer("/landing_page/manage")
            .and_then(Value::as_object)
            .and_then(landing_target)
            .map(|t| t.resolve(data));
        let deep_link = config
            .get("deep_link")
            .and_then(deep_link_target)
            .map(|t| t.resolve(data));
        let opens = deep_link.as_ref().or(landing_page.as_ref());
        let collections = COLLECTIONS
            .iter()
            .filter_map(|(name, key_field)| {
                let items = data?.get(*name).filter(|i| !i.is_empty())?;
                let filtered = FILTERABLE.contains(name) && !filters.is_empty();
                let resources = items
                    .iter()
                    .map(|item| {
                        resource(item, key_field, filtered.then_some(&filters[..]), |key| {
                            opens.is_some_and(|t| t.collection == Some(*name) && t.key == key)
                        })
                    })
                    .collect();
                Some(CollectionView {
                    name,
                    hidden_by: hidden_by(name),
                    filtered,
                    resources,
                })
            })
            .collect();
        let locale = text("locale")
            .filter(|l| LOCALES.contains(&l.as_str()))
            .unwrap_or_else(|| LOCALES[0].to_owned());
        Self {
            customer_key: customer_key.to_owned(),
            locale,
            locale_picker: !flag("exclude_locale_picker"),
            read_only: flag("read_only"),
            navigation_mode: text("navigation_mode").unwrap_or_else(|| "full".into()),
            is_embedded: flag("is_embedded"),
            customization_profile_id: text("customization_profile_id"),
            expires_at,
            features,
            landing_page,
            deep_link,
            customer_resources_filters: filters,
            collections,
        }
    }

    /// The resource the portal opens on: the deep link's, else the landing page's.
    pub(crate) fn opens_on(&self) -> Option<&TargetView> {
        self.deep_link.as_ref().or(self.landing_page.as_ref())
    }
}

/// The features with their options, defaults filled in.
fn features(given: Option<&Value>) -> Vec<FeatureView> {
    FEATURES
        .iter()
        .map(|(name, options)| {
            let block = given.and_then(|f| f.get(*name)).and_then(Value::as_object);
            let options: Vec<OptionView> = options
                .iter()
                .map(|(option, default)| {
                    let value = block.and_then(|b| b.get(*option)).cloned();
                    OptionView {
                        name: option,
                        given: value.is_some(),
                        value: value.unwrap_or_else(|| default.map_or(Value::Null, Value::Bool)),
                    }
                })
                .collect();
            FeatureView {
                name,
                enabled: options[0].value != Value::Bool(true),
                deprecated: *name == "manage_devices",
                options,
            }
        })
        .collect()
}

/// A `landing_page.manage` object: exactly one `<kind>_key` field.
fn landing_target(manage: &Map<String, Value>) -> Option<TargetView> {
    let (field, key) = manage.iter().find(|(k, _)| k.ends_with("_key"))?;
    Some(TargetView {
        field: field.clone(),
        key: key.as_str()?.to_owned(),
        collection: None,
        found: false,
    })
}

/// A `deep_link` object: `resource_type` with `resource_key` (reservation, space) or
/// `resource_id` (device).
fn deep_link_target(link: &Value) -> Option<TargetView> {
    let kind = link.get("resource_type")?.as_str()?;
    let (field, key) = match link.get("resource_key").and_then(Value::as_str) {
        Some(key) => (format!("{kind}_key"), key),
        None => (
            format!("{kind}_id"),
            link.get("resource_id").and_then(Value::as_str)?,
        ),
    };
    Some(TargetView {
        field,
        key: key.to_owned(),
        collection: None,
        found: false,
    })
}

impl TargetView {
    /// Finds the collection the key field belongs to and whether the customer has the resource.
    fn resolve(mut self, data: Option<&CustomerData>) -> Self {
        let found = COLLECTIONS.iter().find(|(_, k)| *k == self.field);
        if let Some((collection, key_field)) = found {
            self.collection = Some(collection);
            self.found = data.and_then(|d| d.get(*collection)).is_some_and(|items| {
                items
                    .iter()
                    .any(|i| i.get(*key_field).and_then(Value::as_str) == Some(&self.key))
            });
        }
        self
    }
}

/// One stored resource as listed; `filters` when they apply to its collection.
fn resource(
    item: &Value,
    key_field: &str,
    filters: Option<&[Value]>,
    opens_here: impl Fn(&str) -> bool,
) -> ResourceView {
    let text = |field: &str| item.get(field).and_then(Value::as_str).map(str::to_owned);
    let key = text(key_field).unwrap_or_default();
    let metadata = item.get("custom_metadata").filter(|m| m.is_object());
    let matches_filters = filters.is_none_or(|fs| fs.iter().all(|f| matches(f, metadata)));
    ResourceView {
        opens_here: opens_here(&key),
        name: text("name").filter(|n| !n.trim().is_empty()),
        starts_at: text("starts_at"),
        ends_at: text("ends_at"),
        custom_metadata: metadata.cloned(),
        matches_filters,
        key,
    }
}

/// Whether `metadata[field] = value` (the only operation the contract has is `=`, on a string or
/// a boolean; a resource without the field does not match).
fn matches(filter: &Value, metadata: Option<&Value>) -> bool {
    let Some(field) = filter.get("field").and_then(Value::as_str) else {
        return false;
    };
    let op = filter.get("operation").and_then(Value::as_str);
    let want = filter.get("value");
    op == Some("=") && want.is_some() && metadata.and_then(|m| m.get(field)) == want
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(v: Value) -> CustomerData {
        serde_json::from_value(v).expect("customer data")
    }

    #[test]
    fn defaults_when_nothing_is_configured() {
        let view = PortalView::build("acme", &json!({}), None, "t".into());
        assert_eq!(view.locale, "en-US");
        assert!(view.locale_picker && !view.read_only && !view.is_embedded);
        assert_eq!(view.navigation_mode, "full");
        assert!(view.features.iter().all(|f| f.enabled));
        assert!(view.landing_page.is_none() && view.collections.is_empty());
        let manage = &view.features[1];
        assert_eq!(manage.name, "manage");
        assert!(manage.options.iter().all(|o| !o.given));
    }

    #[test]
    fn filters_landing_page_and_exclusions_are_applied() {
        let stored = data(json!({
            "spaces": [{"space_key": "s1", "name": "Room 1"}, {"space_key": "s2", "name": "Room 2"}],
            "reservations": [
                {"reservation_key": "r1", "custom_metadata": {"region": "west", "vip": true}},
                {"reservation_key": "r2", "custom_metadata": {"region": "east", "vip": true}},
                {"reservation_key": "r3"}
            ],
            "staff_members": [{"staff_member_key": "m1", "name": "Ann"}]
        }));
        let config = json!({
            "landing_page": {"manage": {"space_key": "s2"}},
            "customer_resources_filters": [
                {"field": "region", "operation": "=", "value": "west"},
                {"field": "vip", "operation": "=", "value": true}
            ],
            "features": {"manage": {"exclude_staff_management": true}, "connect": {"exclude": true}}
        });
        let view = PortalView::build("acme", &config, Some(&stored), "t".into());
        let spaces = &view
            .collections
            .iter()
            .find(|c| c.name == "spaces")
            .unwrap();
        assert!(!spaces.filtered && spaces.resources.iter().all(|r| r.matches_filters));
        let opens: Vec<_> = spaces.resources.iter().map(|r| r.opens_here).collect();
        assert_eq!(opens, [false, true]);
        let target = view.landing_page.as_ref().unwrap();
        assert_eq!((target.collection, target.found), (Some("spaces"), true));
        let res = &view
            .collections
            .iter()
            .find(|c| c.name == "reservations")
            .unwrap();
        let shown: Vec<_> = res.resources.iter().map(|r| r.matches_filters).collect();
        assert_eq!(shown, [true, false, false]);
        let staff = &view
            .collections
            .iter()
            .find(|c| c.name == "staff_members")
            .unwrap();
        assert_eq!(
            staff.hidden_by.as_deref(),
            Some("features.manage.exclude_staff_management")
        );
        assert!(!view.features[0].enabled && view.features[1].enabled);
    }

    #[test]
    fn a_deep_link_wins_and_a_missing_target_is_not_found() {
        let stored = data(json!({"reservations": [{"reservation_key": "r1"}]}));
        let config = json!({
            "landing_page": {"manage": {"space_key": "nowhere"}},
            "deep_link": {"resource_type": "reservation", "resource_key": "r1"}
        });
        let view = PortalView::build("acme", &config, Some(&stored), "t".into());
        assert!(!view.landing_page.as_ref().unwrap().found);
        assert_eq!(view.opens_on().unwrap().key, "r1");
        assert!(view.collections[0].resources[0].opens_here);
        let device = json!({"deep_link": {"resource_type": "device", "resource_id": "d-1"}});
        let view = PortalView::build("acme", &device, None, "t".into());
        let target = view.deep_link.unwrap();
        assert_eq!(
            (target.field.as_str(), target.collection),
            ("device_id", None)
        );
    }

    #[test]
    fn the_filterable_collections_are_those_with_custom_metadata_in_the_contract() {
        let schema = crate::schema::body_schema("POST", "/customers/push_data").expect("schema");
        let text = schema.to_string();
        for (name, _) in COLLECTIONS {
            let items = schema.pointer(&format!("/properties/{name}/items/properties"));
            let has = items.is_some_and(|p| p.get("custom_metadata").is_some());
            assert_eq!(has, FILTERABLE.contains(name), "{name} in {}", &text[..80]);
        }
    }
}
