//! The in-memory store: customer data per customer key, and the portal links handed out.
//!
//! Every operation is linear in what it touches, and no lock is held across work that grows with
//! a request: callers prepare their input (parse, key, size, de-duplicate) before calling in;
//! the map of customers is locked only to find or insert one customer (or to drop a chunk of
//! them), each customer has its own lock for its upserts and deletes, and portal links have
//! theirs. State is bounded by [`Caps`]: past a cap, the operation is refused with a
//! [`Full`] error and nothing is stored.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::collections::COLLECTIONS;

/// Resources per collection name, in insertion order: a copy of one customer's data.
pub(crate) type CustomerData = BTreeMap<String, Vec<Value>>;

/// A portal link handed out by create_portal.
#[derive(Clone)]
pub(crate) struct PortalLink {
    pub(crate) customer_key: String,
    pub(crate) expires_at: OffsetDateTime,
    /// The options the link was made with: the create_portal body without `customer_data`.
    pub(crate) config: std::sync::Arc<Value>,
}

/// How much the store keeps at most.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Caps {
    /// Stored resources over all customers and collections; a customer record counts as one.
    pub(crate) resources: usize,
    /// Stored bytes, counted as the JSON text of each resource (memory use is a few times more).
    pub(crate) bytes: usize,
    /// Portal links remembered, live or expired; expired ones are dropped first to make room.
    pub(crate) links: usize,
}

impl Default for Caps {
    fn default() -> Self {
        Self {
            resources: 200_000,
            bytes: 64 * 1024 * 1024,
            links: 10_000,
        }
    }
}

/// Why the store refused to grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Full {
    /// The resource count cap.
    Resources(usize),
    /// The stored-bytes cap.
    Bytes(usize),
    /// The portal link cap (and none of the links has expired yet).
    Links(usize),
}

/// One resource ready to store: its key, the value and its size as JSON text.
pub(crate) struct Prepared {
    key: Option<String>,
    value: Arc<Value>,
    size: usize,
}

/// The resources of one push, grouped by collection and de-duplicated by key (the last value of
/// a key wins, at the place where the key first appeared), built before any lock is taken.
pub(crate) struct PreparedPush {
    customer_key: String,
    collections: Vec<(&'static str, Vec<Prepared>)>,
}

impl PreparedPush {
    /// Takes the resources out of a push_data-shaped object (which names its `customer_key`).
    pub(crate) fn from_object(mut data: Map<String, Value>) -> Option<Self> {
        let customer_key = data.get("customer_key")?.as_str()?.to_owned();
        let mut collections = Vec::new();
        for (collection, key_field) in COLLECTIONS {
            let Some(Value::Array(items)) = data.remove(*collection) else {
                continue;
            };
            collections.push((*collection, prepare_items(items, key_field)));
        }
        Some(Self {
            customer_key,
            collections,
        })
    }

    /// The customer the push is for.
    pub(crate) fn customer_key(&self) -> &str {
        &self.customer_key
    }
}

fn prepare_items(items: Vec<Value>, key_field: &str) -> Vec<Prepared> {
    let mut out: Vec<Prepared> = Vec::with_capacity(items.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    for value in items {
        let key = value
            .get(key_field)
            .and_then(Value::as_str)
            .map(str::to_owned);
        let size = json_size(&value);
        let prepared = Prepared {
            key: key.clone(),
            value: Arc::new(value),
            size,
        };
        match key {
            Some(k) => match seen.get(&k) {
                Some(&i) => out[i] = prepared,
                None => {
                    seen.insert(k, out.len());
                    out.push(prepared);
                }
            },
            None => out.push(prepared),
        }
    }
    out
}

/// The length of a value's JSON text, without building the text.
fn json_size(value: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// One stored resource: its key (if it has one), value and size.
struct Item {
    key: Option<String>,
    value: Arc<Value>,
    size: usize,
}

/// One stored collection: resources in order, and where each key sits.
#[derive(Default)]
struct Collection {
    items: Vec<Item>,
    index: HashMap<String, usize>,
}

/// One customer's resources.
#[derive(Default)]
struct Customer {
    collections: BTreeMap<&'static str, Collection>,
    /// Resources stored (not counting the customer record itself) and their bytes.
    resources: usize,
    bytes: usize,
    /// Deleted from the map of customers: a push that raced the delete starts over.
    removed: bool,
}

type Shared = Arc<Mutex<Customer>>;

/// Everything the fake remembers.
#[derive(Default)]
pub(crate) struct Store {
    caps: Caps,
    customers: Mutex<HashMap<String, Shared>>,
    /// Stored resources and bytes, customer records included (see [`Caps`]).
    used_resources: AtomicUsize,
    used_bytes: AtomicUsize,
    links: Mutex<Links>,
}

/// How many customers a bulk delete removes per hold of the customers lock.
const DELETE_CHUNK: usize = 1024;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Store {
    /// An empty store with these caps.
    pub(crate) fn new(caps: Caps) -> Self {
        Self {
            caps,
            ..Self::default()
        }
    }

    /// Takes `n` resources and `bytes` from the budget, or refuses (and takes nothing).
    fn reserve(&self, n: usize, bytes: usize) -> Result<(), Full> {
        let grow = |used: &AtomicUsize, by: usize, cap: usize| {
            used.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |u| {
                u.checked_add(by).filter(|t| *t <= cap)
            })
            .is_ok()
        };
        if !grow(&self.used_resources, n, self.caps.resources) {
            return Err(Full::Resources(self.caps.resources));
        }
        if !grow(&self.used_bytes, bytes, self.caps.bytes) {
            self.used_resources.fetch_sub(n, Ordering::SeqCst);
            return Err(Full::Bytes(self.caps.bytes));
        }
        Ok(())
    }

    fn release(&self, n: usize, bytes: usize) {
        self.used_resources.fetch_sub(n, Ordering::SeqCst);
        self.used_bytes.fetch_sub(bytes, Ordering::SeqCst);
    }

    /// The customer's record, created (and counted) if missing.
    fn customer_or_insert(&self, customer_key: &str) -> Result<Shared, Full> {
        let mut customers = lock(&self.customers);
        if let Some(c) = customers.get(customer_key) {
            return Ok(Arc::clone(c));
        }
        self.reserve(1, customer_key.len())?;
        let c = Shared::default();
        customers.insert(customer_key.to_owned(), Arc::clone(&c));
        Ok(c)
    }

    /// Upserts a prepared push: resources whose key is stored already are replaced in place,
    /// the others appended. All or nothing: past a cap nothing is stored.
    pub(crate) fn push(&self, push: PreparedPush) -> Result<(), Full> {
        let shared = self.customer_or_insert(&push.customer_key)?;
        let mut customer = lock(&shared);
        if customer.removed {
            drop(customer);
            return self.push(push);
        }
        // First pass: what the push adds, to check the caps before changing anything.
        let (mut added, mut grown, mut shrunk) = (0usize, 0usize, 0usize);
        for (name, items) in &push.collections {
            let stored = customer.collections.get(name);
            for item in items {
                let old = item
                    .key
                    .as_ref()
                    .and_then(|k| stored?.index.get(k))
                    .map(|&i| stored.map_or(0, |s| s.items[i].size));
                match old {
                    Some(old) if old >= item.size => shrunk += old - item.size,
                    Some(old) => grown += item.size - old,
                    None => {
                        added += 1;
                        grown += item.size;
                    }
                }
            }
        }
        self.reserve(added, grown)?;
        self.release(0, shrunk);
        customer.resources += added;
        customer.bytes = customer.bytes + grown - shrunk;
        for (name, items) in push.collections {
            let stored = customer.collections.entry(name).or_default();
            for item in items {
                let at = item.key.as_ref().map(|k| stored.index.get(k).copied());
                let new = Item {
                    key: item.key,
                    value: item.value,
                    size: item.size,
                };
                match at {
                    Some(Some(i)) => stored.items[i] = new,
                    Some(None) => {
                        if let Some(k) = &new.key {
                            stored.index.insert(k.clone(), stored.items.len());
                        }
                        stored.items.push(new);
                    }
                    None => stored.items.push(new),
                }
            }
        }
        Ok(())
    }

    /// Makes sure a customer exists (create_portal without inline data).
    pub(crate) fn touch(&self, customer_key: &str) -> Result<(), Full> {
        self.customer_or_insert(customer_key).map(drop)
    }

    /// Removes whole customers, a chunk of keys per hold of the customers lock.
    pub(crate) fn delete_customers(&self, keys: &[String]) {
        for chunk in keys.chunks(DELETE_CHUNK) {
            let removed: Vec<(usize, Shared)> = {
                let mut customers = lock(&self.customers);
                chunk
                    .iter()
                    .filter_map(|k| Some((k.len(), customers.remove(k)?)))
                    .collect()
            };
            for (key_len, shared) in removed {
                let mut c = lock(&shared);
                c.removed = true;
                self.release(c.resources + 1, c.bytes + key_len);
            }
        }
    }

    /// Removes the resources with these keys from `collection` in every customer: one pass over
    /// each customer's collection, with a hash-set lookup per stored resource.
    pub(crate) fn delete_resources(&self, collection: &str, keys: &HashSet<&str>) {
        if keys.is_empty() {
            return;
        }
        let all: Vec<Shared> = lock(&self.customers).values().cloned().collect();
        for shared in all {
            let mut customer = lock(&shared);
            let Some(stored) = customer.collections.get_mut(collection) else {
                continue;
            };
            let before = stored.items.len();
            let mut freed = 0usize;
            let mut kept = Vec::with_capacity(before);
            for item in std::mem::take(&mut stored.items) {
                if item.key.as_deref().is_some_and(|k| keys.contains(k)) {
                    freed += item.size;
                } else {
                    kept.push(item);
                }
            }
            let removed = before - kept.len();
            if removed == 0 {
                stored.items = kept;
                continue;
            }
            stored.index = kept
                .iter()
                .enumerate()
                .filter_map(|(i, item)| Some((item.key.clone()?, i)))
                .collect();
            stored.items = kept;
            customer.resources -= removed;
            customer.bytes -= freed;
            drop(customer);
            self.release(removed, freed);
        }
    }

    /// A copy of one customer's stored data. Under the locks only shared pointers are taken;
    /// the values are copied after both are released.
    pub(crate) fn customer(&self, customer_key: &str) -> Option<CustomerData> {
        let shared = lock(&self.customers).get(customer_key).cloned()?;
        let snapshot: Vec<(&'static str, Vec<Arc<Value>>)> = lock(&shared)
            .collections
            .iter()
            .map(|(name, c)| {
                (
                    *name,
                    c.items.iter().map(|i| Arc::clone(&i.value)).collect(),
                )
            })
            .collect();
        Some(
            snapshot
                .into_iter()
                .map(|(name, items)| {
                    (
                        name.to_owned(),
                        items.iter().map(|v| (**v).clone()).collect(),
                    )
                })
                .collect(),
        )
    }

    /// Whether data exists for this customer.
    pub(crate) fn has_customer(&self, customer_key: &str) -> bool {
        lock(&self.customers).contains_key(customer_key)
    }

    /// Stored resources (customer records included) and their bytes.
    #[cfg(test)]
    pub(crate) fn usage(&self) -> (usize, usize) {
        (
            self.used_resources.load(Ordering::SeqCst),
            self.used_bytes.load(Ordering::SeqCst),
        )
    }

    /// Remembers a portal token, dropping expired links first when at the cap.
    pub(crate) fn add_portal(&self, token: String, link: PortalLink) -> Result<(), Full> {
        let now = OffsetDateTime::now_utc();
        lock(&self.links).add(token, link, self.caps.links, now)
    }

    /// The portal link for a token, live or expired (while it is remembered).
    pub(crate) fn portal(&self, token: &str) -> Option<PortalLink> {
        lock(&self.links).by_token.get(token).cloned()
    }

    /// Whether `token` is a portal token handed out by this fake (for redaction).
    pub(crate) fn is_portal_token(&self, token: &str) -> bool {
        lock(&self.links).by_token.contains_key(token)
    }
}

/// Portal links by token, and their expiry order.
#[derive(Default)]
struct Links {
    by_token: HashMap<String, PortalLink>,
    by_expiry: BinaryHeap<Reverse<(OffsetDateTime, String)>>,
}

impl Links {
    fn add(
        &mut self,
        token: String,
        link: PortalLink,
        cap: usize,
        now: OffsetDateTime,
    ) -> Result<(), Full> {
        while self.by_token.len() >= cap {
            match self.by_expiry.peek() {
                Some(Reverse((at, _))) if *at <= now => {
                    if let Some(Reverse((_, t))) = self.by_expiry.pop() {
                        self.by_token.remove(&t);
                    }
                }
                _ => return Err(Full::Links(cap)),
            }
        }
        self.by_expiry
            .push(Reverse((link.expires_at, token.clone())));
        self.by_token.insert(token, link);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn push(store: &Store, body: Value) -> Result<(), Full> {
        let Value::Object(map) = body else { panic!() };
        store.push(PreparedPush::from_object(map).unwrap())
    }

    fn keys(store: &Store, customer: &str, collection: &str) -> Vec<Value> {
        store.customer(customer).unwrap()[collection].clone()
    }

    #[test]
    fn upsert_replaces_by_key_and_keeps_order() {
        let store = Store::default();
        let first = json!({"customer_key": "c", "guests": [
            {"guest_key": "a", "v": 1}, {"guest_key": "b", "v": 1}]});
        push(&store, first).unwrap();
        let second = json!({"customer_key": "c", "guests": [
            {"guest_key": "b", "v": 2}, {"guest_key": "c", "v": 1}, {"guest_key": "c", "v": 3}]});
        push(&store, second).unwrap();
        assert_eq!(
            keys(&store, "c", "guests"),
            vec![
                json!({"guest_key": "a", "v": 1}),
                json!({"guest_key": "b", "v": 2}),
                json!({"guest_key": "c", "v": 3})
            ]
        );
        // The customer record plus three guests.
        assert_eq!(store.usage().0, 4);
    }

    #[test]
    fn deletes_free_their_budget() {
        let store = Store::default();
        push(
            &store,
            json!({"customer_key": "c", "guests": [{"guest_key": "a"}, {"guest_key": "b"}]}),
        )
        .unwrap();
        let (n, bytes) = store.usage();
        assert_eq!(n, 3);
        store.delete_resources("guests", &HashSet::from(["a"]));
        assert_eq!(keys(&store, "c", "guests"), vec![json!({"guest_key": "b"})]);
        assert_eq!(store.usage().0, 2);
        assert!(store.usage().1 < bytes);
        // The index was rebuilt: an upsert of "b" replaces rather than appends.
        push(
            &store,
            json!({"customer_key": "c", "guests": [{"guest_key": "b", "x": 1}]}),
        )
        .unwrap();
        assert_eq!(
            keys(&store, "c", "guests"),
            vec![json!({"guest_key": "b", "x": 1})]
        );
        store.delete_customers(&["c".to_owned()]);
        assert_eq!(store.usage(), (0, 0));
    }

    #[test]
    fn caps_refuse_all_or_nothing() {
        let store = Store::new(Caps {
            resources: 3,
            ..Caps::default()
        });
        let three = json!({"customer_key": "c", "guests": [
            {"guest_key": "a"}, {"guest_key": "b"}, {"guest_key": "x"}]});
        assert_eq!(push(&store, three), Err(Full::Resources(3)));
        // The customer record is kept; none of the guests is.
        assert_eq!(store.usage().0, 1);
        assert!(store.customer("c").unwrap().is_empty());
        let two = json!({"customer_key": "c", "guests": [{"guest_key": "a"}, {"guest_key": "b"}]});
        push(&store, two.clone()).unwrap();
        // Replacing what is stored needs no room.
        push(&store, two).unwrap();
        assert_eq!(store.touch("d"), Err(Full::Resources(3)));
    }

    #[test]
    fn expired_links_make_room_first() {
        let mut links = Links::default();
        let now = OffsetDateTime::now_utc();
        let link = |secs: i64| PortalLink {
            customer_key: "c".into(),
            expires_at: now + time::Duration::seconds(secs),
            config: Arc::new(Value::Object(Map::new())),
        };
        links.add("old".into(), link(-1), 2, now).unwrap();
        links.add("live".into(), link(60), 2, now).unwrap();
        links.add("new".into(), link(60), 2, now).unwrap();
        assert!(!links.by_token.contains_key("old"));
        assert_eq!(
            links.add("more".into(), link(60), 2, now),
            Err(Full::Links(2))
        );
        assert_eq!(links.by_token.len(), 2);
    }
}
