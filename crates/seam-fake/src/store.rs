//! The in-memory store: customer data per customer key, and the portal links handed out.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::collections::COLLECTIONS;

/// Resources per collection name, in insertion order.
pub(crate) type CustomerData = BTreeMap<String, Vec<Value>>;

/// A portal link handed out by create_portal.
#[derive(Clone)]
pub(crate) struct PortalLink {
    pub(crate) customer_key: String,
    pub(crate) expires_at: OffsetDateTime,
}

/// Everything the fake remembers.
#[derive(Default)]
pub(crate) struct Store {
    customers: BTreeMap<String, CustomerData>,
    portals: HashMap<String, PortalLink>,
}

impl Store {
    /// Upserts the resources of a push_data-shaped object (which names its `customer_key`).
    pub(crate) fn push(&mut self, data: &Map<String, Value>) -> Option<String> {
        let customer_key = data.get("customer_key")?.as_str()?.to_owned();
        let customer = self.customers.entry(customer_key.clone()).or_default();
        for (collection, key_field) in COLLECTIONS {
            let Some(items) = data.get(*collection).and_then(Value::as_array) else {
                continue;
            };
            let stored = customer.entry((*collection).to_owned()).or_default();
            upsert(stored, key_field, items);
        }
        Some(customer_key)
    }

    /// Makes sure a customer exists (create_portal without inline data).
    pub(crate) fn touch(&mut self, customer_key: &str) {
        self.customers.entry(customer_key.to_owned()).or_default();
    }

    /// Removes whole customers.
    pub(crate) fn delete_customers(&mut self, keys: &[String]) {
        for k in keys {
            self.customers.remove(k);
        }
    }

    /// Removes resources with these keys from `collection` in every customer.
    pub(crate) fn delete_resources(&mut self, collection: &str, key_field: &str, keys: &[String]) {
        for customer in self.customers.values_mut() {
            if let Some(items) = customer.get_mut(collection) {
                items.retain(|item| {
                    !item
                        .get(key_field)
                        .and_then(Value::as_str)
                        .is_some_and(|k| keys.iter().any(|d| d == k))
                });
            }
        }
    }

    /// The stored data of one customer.
    pub(crate) fn customer(&self, customer_key: &str) -> Option<&CustomerData> {
        self.customers.get(customer_key)
    }

    /// Remembers a portal token.
    pub(crate) fn add_portal(&mut self, token: String, link: PortalLink) {
        self.portals.insert(token, link);
    }

    /// The portal link for a token.
    pub(crate) fn portal(&self, token: &str) -> Option<&PortalLink> {
        self.portals.get(token)
    }
}

/// Replaces the stored resources whose key matches an incoming one and appends the rest, in
/// linear time (a push of many thousands of resources must not stall the server).
fn upsert(stored: &mut Vec<Value>, key_field: &str, items: &[Value]) {
    let key_of = |v: &Value| v.get(key_field).and_then(Value::as_str).map(str::to_owned);
    let mut index: HashMap<String, usize> = stored
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((key_of(v)?, i)))
        .collect();
    for item in items {
        match key_of(item) {
            Some(k) => match index.get(&k) {
                Some(&i) => stored[i] = item.clone(),
                None => {
                    index.insert(k, stored.len());
                    stored.push(item.clone());
                }
            },
            None => stored.push(item.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn upsert_replaces_by_key_and_keeps_order() {
        let mut stored = vec![json!({"k": "a", "v": 1}), json!({"k": "b", "v": 1})];
        let items = [
            json!({"k": "b", "v": 2}),
            json!({"k": "c", "v": 1}),
            json!({"k": "c", "v": 3}),
        ];
        upsert(&mut stored, "k", &items);
        assert_eq!(
            stored,
            vec![
                json!({"k": "a", "v": 1}),
                json!({"k": "b", "v": 2}),
                json!({"k": "c", "v": 3})
            ]
        );
    }
}
