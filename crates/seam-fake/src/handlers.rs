//! The API operations: create_portal, push_data, delete_data and create_deep_link.

use std::collections::BTreeMap;

use http::{Response, StatusCode};
use serde_json::{json, Map, Value};
use time::{Duration, OffsetDateTime};

use crate::body::FakeBody;
use crate::clock::{random_uuid, rfc3339_micros, token};
use crate::envelope;
use crate::service::State;
use crate::store::PortalLink;

/// How long a portal link stays valid (Seam documents seven days).
const LINK_LIFETIME: Duration = Duration::days(7);

/// `POST /customers/create_portal`: stores inline customer data and hands out a portal link.
pub(crate) fn create_portal(state: &State, body: &Value, base: &str) -> Response<FakeBody> {
    let data = body.get("customer_data").and_then(Value::as_object);
    let customer_key = {
        let mut store = state.lock_store();
        match data.and_then(|d| store.push(d)) {
            Some(k) => k,
            None => {
                let k = format!("customer_{}", token(12));
                store.touch(&k);
                k
            }
        }
    };
    let (url, created, expires) = new_link(state, &customer_key, base, "");
    let portal = json!({
        "url": url,
        "customer_key": customer_key,
        "expires_at": rfc3339_micros(expires),
        "workspace_id": state.creds.workspace_id.to_string(),
        "created_at": rfc3339_micros(created),
    });
    envelope::json(
        StatusCode::OK,
        &json!({"customer_portal": portal, "magic_link": portal, "ok": true}),
    )
}

/// Registers a fresh portal token for `customer_key`; returns its URL, creation and expiry.
fn new_link(
    state: &State,
    customer_key: &str,
    base: &str,
    suffix: &str,
) -> (String, OffsetDateTime, OffsetDateTime) {
    let created = OffsetDateTime::now_utc();
    let expires_at = created + LINK_LIFETIME;
    let tok = token(32);
    state.lock_store().add_portal(
        tok.clone(),
        PortalLink {
            customer_key: customer_key.to_owned(),
            expires_at,
        },
    );
    (format!("{base}/portal/{tok}{suffix}"), created, expires_at)
}

/// `POST /customers/push_data`: upserts the customer's resources.
pub(crate) fn push_data(state: &State, body: &Value) -> Response<FakeBody> {
    if let Some(data) = body.as_object() {
        state.lock_store().push(data);
    }
    ok()
}

/// `POST /customers/delete_data`: the key lists come from the JSON body.
pub(crate) fn delete_data_body(state: &State, body: &Value) -> Response<FakeBody> {
    let mut lists = BTreeMap::new();
    if let Some(map) = body.as_object() {
        for (k, v) in map {
            let keys = v
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            lists.insert(k.clone(), keys);
        }
    }
    delete(state, &lists);
    ok()
}

/// Key lists from a query string: repeated keys accumulate, `k[]` is `k`, and `k=` is an empty list.
pub(crate) fn query_lists(query: &str) -> BTreeMap<String, Vec<String>> {
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let name = k.strip_suffix("[]").unwrap_or(&k).to_owned();
        let list = lists.entry(name).or_default();
        if !v.is_empty() {
            list.push(v.into_owned());
        }
    }
    lists
}

/// `DELETE /customers/delete_data`: the key lists come from the query string.
pub(crate) fn delete_data_query(state: &State, query: &str) -> Response<FakeBody> {
    delete(state, &query_lists(query));
    ok()
}

fn delete(state: &State, lists: &BTreeMap<String, Vec<String>>) {
    let mut store = state.lock_store();
    for (param, keys) in lists {
        if param == "customer_keys" {
            store.delete_customers(keys);
        } else if let Some((collection, key_field)) = crate::collections::by_delete_param(param) {
            store.delete_resources(collection, key_field, keys);
        }
    }
}

/// `POST /customers/reservations/create_deep_link`: a portal link that opens on one reservation.
pub(crate) fn create_deep_link(state: &State, body: &Value, base: &str) -> Response<FakeBody> {
    let customer_key = body
        .get("customer_key")
        .and_then(Value::as_str)
        .unwrap_or("");
    let reservation_key = body
        .get("reservation_key")
        .and_then(Value::as_str)
        .unwrap_or("");
    if state.lock_store().customer(customer_key).is_none() {
        return envelope::error(
            StatusCode::NOT_FOUND,
            "customer_not_found",
            "No data has been pushed for that customer.",
        );
    }
    let suffix: String = form_urlencoded::Serializer::new(String::from("?"))
        .append_pair("reservation_key", reservation_key)
        .finish();
    let (url, _, expires) = new_link(state, customer_key, base, &suffix);
    envelope::json(
        StatusCode::OK,
        &json!({
            "deep_link": {
                "url": url,
                "expires_at": rfc3339_micros(expires),
                "customer_portal_id": random_uuid().to_string(),
            },
            "ok": true
        }),
    )
}

/// `GET /portal/<token>`: the customer's page, or a 404 page.
pub(crate) fn portal_page(state: &State, token: &str) -> Response<FakeBody> {
    let store = state.lock_store();
    let link = store
        .portal(token)
        .filter(|l| l.expires_at > OffsetDateTime::now_utc());
    match link {
        Some(link) => {
            let page = crate::portal_page::render(
                &link.customer_key,
                store.customer(&link.customer_key),
                &rfc3339_micros(link.expires_at),
            );
            envelope::html(StatusCode::OK, page)
        }
        None => envelope::html(StatusCode::NOT_FOUND, crate::portal_page::not_found()),
    }
}

fn ok() -> Response<FakeBody> {
    envelope::json(
        StatusCode::OK,
        &Value::Object(Map::from_iter([("ok".into(), Value::Bool(true))])),
    )
}

#[cfg(test)]
mod tests {
    use super::query_lists;

    #[test]
    fn query_lists_repeat_and_empty() {
        let l = query_lists("customer_keys=&space_keys=a&space_keys=b%20c&unit_keys[]=u");
        assert_eq!(l["customer_keys"], Vec::<String>::new());
        assert_eq!(l["space_keys"], vec!["a", "b c"]);
        assert_eq!(l["unit_keys"], vec!["u"]);
    }
}
