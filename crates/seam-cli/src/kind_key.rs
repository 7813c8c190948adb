//! `KIND=KEY` arguments: `--landing-page` (which resource the portal opens on) and `--deep-link`.

use serde_json::{json, Value};

/// Resource kinds a `--landing-page` may name; each becomes `{"<kind>_key": KEY}` under
/// `landing_page.manage`.
pub const LANDING_KINDS: &[&str] = &[
    "space",
    "property",
    "room",
    "common_area",
    "unit",
    "facility",
    "building",
    "listing",
    "property_listing",
    "site",
    "reservation",
    "booking",
    "access_grant",
];

/// Resource kinds a `--deep-link` may name, with the JSON field that carries the key.
pub const DEEP_LINK_KINDS: &[(&str, &str)] = &[
    ("reservation", "resource_key"),
    ("space", "resource_key"),
    ("device", "resource_id"),
];

/// A parsed `KIND=KEY`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindKey {
    /// The resource kind, one of the allowed list.
    pub kind: String,
    /// The caller's key (or id) for that resource; never empty.
    pub key: String,
}

fn split(raw: &str, allowed: &[&str]) -> Result<KindKey, String> {
    let Some((kind, key)) = raw.split_once('=') else {
        return Err(format!(
            "expected KIND=KEY (e.g. space=lobby), got `{raw}`; KIND is one of: {}",
            allowed.join(", ")
        ));
    };
    let kind = kind.trim();
    if !allowed.contains(&kind) {
        return Err(format!(
            "unknown kind `{kind}`; expected one of: {}",
            allowed.join(", ")
        ));
    }
    if key.is_empty() {
        return Err(format!("the key after `{kind}=` must not be empty"));
    }
    Ok(KindKey {
        kind: kind.to_owned(),
        key: key.to_owned(),
    })
}

/// clap value parser for `--landing-page`.
pub fn parse_landing(raw: &str) -> Result<KindKey, String> {
    split(raw, LANDING_KINDS)
}

/// clap value parser for `--deep-link`.
pub fn parse_deep_link(raw: &str) -> Result<KindKey, String> {
    let kinds: Vec<&str> = DEEP_LINK_KINDS.iter().map(|(k, _)| *k).collect();
    split(raw, &kinds)
}

impl KindKey {
    /// The `landing_page` object: `{"manage": {"<kind>_key": KEY}}`.
    pub fn landing_page_json(&self) -> Value {
        let mut manage = serde_json::Map::new();
        manage.insert(
            format!("{}_key", self.kind),
            Value::String(self.key.clone()),
        );
        json!({ "manage": manage })
    }

    /// The `deep_link` object: `{"resource_type": KIND, "resource_key"|"resource_id": KEY}`.
    pub fn deep_link_json(&self) -> Value {
        let field = DEEP_LINK_KINDS
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map_or("resource_key", |(_, f)| *f);
        let mut link = serde_json::Map::new();
        link.insert("resource_type".into(), Value::String(self.kind.clone()));
        link.insert(field.into(), Value::String(self.key.clone()));
        Value::Object(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_landing_kind_maps_to_its_key_field() {
        assert_eq!(LANDING_KINDS.len(), 13);
        for kind in LANDING_KINDS {
            let parsed = parse_landing(&format!("{kind}=k=1")).unwrap();
            assert_eq!(parsed.key, "k=1", "only the first `=` splits");
            let field = format!("{kind}_key");
            assert_eq!(parsed.landing_page_json()["manage"][&field], "k=1");
        }
    }

    #[test]
    fn bad_landing_values_say_what_is_allowed() {
        assert!(parse_landing("lobby").unwrap_err().contains("KIND=KEY"));
        assert!(parse_landing("garage=1")
            .unwrap_err()
            .contains("unknown kind `garage`"));
        assert!(parse_landing("space=")
            .unwrap_err()
            .contains("must not be empty"));
    }

    #[test]
    fn deep_links_use_id_for_devices() {
        let device = parse_deep_link("device=d1").unwrap().deep_link_json();
        assert_eq!(
            device,
            json!({"resource_type": "device", "resource_id": "d1"})
        );
        let space = parse_deep_link("space=s1").unwrap().deep_link_json();
        assert_eq!(
            space,
            json!({"resource_type": "space", "resource_key": "s1"})
        );
        assert!(parse_deep_link("unit=u").is_err());
    }
}
