//! The API operations: create_portal, push_data, delete_data and create_deep_link.

use std::collections::{BTreeMap, HashSet};

use http::{Response, StatusCode};
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use crate::body::FakeBody;
use crate::clock::{random_uuid, rfc3339_micros, token};
use crate::envelope;
use crate::service::State;
use crate::store::{Full, PortalLink, PreparedPush};

/// `POST /customers/create_portal`: stores inline customer data and hands out a portal link.
pub(crate) fn create_portal(state: &State, body: Value, base: &str) -> Response<FakeBody> {
    // The link keeps the call's options (the body without its customer_data) for its page.
    let (data, config) = match body {
        Value::Object(mut map) => match map.remove("customer_data") {
            Some(Value::Object(data)) => (PreparedPush::from_object(data), Value::Object(map)),
            _ => (None, Value::Object(map)),
        },
        _ => (None, json!({})),
    };
    let stored = match data {
        Some(push) => {
            let key = push.customer_key().to_owned();
            state.store.push(push).map(|()| key)
        }
        None => {
            let key = format!("customer_{}", token(12));
            state.store.touch(&key).map(|()| key)
        }
    };
    let customer_key = match stored {
        Ok(k) => k,
        Err(full) => return full_error(full),
    };
    let (url, created, expires) = match new_link(state, &customer_key, base, "", config) {
        Ok(link) => link,
        Err(full) => return full_error(full),
    };
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
    config: Value,
) -> Result<(String, OffsetDateTime, OffsetDateTime), Full> {
    let created = OffsetDateTime::now_utc();
    let expires_at = created + state.link_lifetime;
    let tok = token(32);
    state.store.add_portal(
        tok.clone(),
        PortalLink {
            customer_key: customer_key.to_owned(),
            expires_at,
            config: std::sync::Arc::new(config),
        },
    )?;
    Ok((format!("{base}/portal/{tok}{suffix}"), created, expires_at))
}

/// The envelope for a store at one of its caps: 413, nothing stored.
fn full_error(full: Full) -> Response<FakeBody> {
    let (kind, message) = match full {
        Full::Resources(cap) => (
            "fake_store_full",
            format!(
                "seam-fake stores at most {cap} resources (customer records included); \
                 delete data with /customers/delete_data, or start it with a larger \
                 max_stored_resources (--max-resources)."
            ),
        ),
        Full::Bytes(cap) => (
            "fake_store_full",
            format!(
                "seam-fake stores at most {cap} bytes of resources (as JSON text); delete data \
                 with /customers/delete_data, or start it with a larger max_stored_bytes \
                 (--max-stored-bytes)."
            ),
        ),
        Full::Links(cap) => (
            "fake_portal_links_full",
            format!(
                "seam-fake remembers at most {cap} portal links and none has expired yet; \
                 start it with a larger max_portal_links (--max-portal-links) or a shorter \
                 link lifetime."
            ),
        ),
    };
    envelope::error(StatusCode::PAYLOAD_TOO_LARGE, kind, &message)
}

/// `POST /customers/push_data`: upserts the customer's resources.
pub(crate) fn push_data(state: &State, body: Value) -> Response<FakeBody> {
    if let Value::Object(data) = body {
        if let Some(push) = PreparedPush::from_object(data) {
            if let Err(full) = state.store.push(push) {
                return full_error(full);
            }
        }
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

/// `DELETE /customers/delete_data`: the key lists come from the query string, read as Seam's
/// parser reads it (strict with `_strict=true`, relaxed without; see [`crate::delete_query`]).
pub(crate) fn delete_data_query(state: &State, query: &str) -> Response<FakeBody> {
    match crate::delete_query::parse(query) {
        Ok(lists) => {
            delete(state, &lists);
            ok()
        }
        Err(e) => {
            let mut tree = serde_json::Map::new();
            tree.insert("_errors".into(), json!([]));
            tree.insert(e.param.clone(), json!({"_errors": [e.message.clone()]}));
            envelope::invalid_input(
                &format!("Invalid input: {}", e.message),
                Value::Object(tree),
            )
        }
    }
}

/// Deletes whole customers and resources by key. The key sets are built before any lock is
/// taken; the store then makes one pass over what it holds per collection.
fn delete(state: &State, lists: &BTreeMap<String, Vec<String>>) {
    for (param, keys) in lists {
        if param == "customer_keys" {
            state.store.delete_customers(keys);
        } else if let Some((collection, _)) = crate::collections::by_delete_param(param) {
            let set: HashSet<&str> = keys.iter().map(String::as_str).collect();
            state.store.delete_resources(collection, &set);
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
    if !state.store.has_customer(customer_key) {
        return envelope::error(
            StatusCode::NOT_FOUND,
            "customer_not_found",
            "No data has been pushed for that customer.",
        );
    }
    let suffix: String = form_urlencoded::Serializer::new(String::from("?"))
        .append_pair("reservation_key", reservation_key)
        .finish();
    let config = json!({
        "deep_link": {"resource_type": "reservation", "resource_key": reservation_key}
    });
    let (url, _, expires) = match new_link(state, customer_key, base, &suffix, config) {
        Ok(link) => link,
        Err(full) => return full_error(full),
    };
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

/// `GET /portal/<token>`: the link's page or its JSON twin, a 410 once the link has expired, or
/// a 404 for a token the fake does not know (or no longer remembers); see [`crate::portal_route`].
pub(crate) fn portal_page(
    state: &State,
    token: &str,
    headers: &http::HeaderMap,
) -> Response<FakeBody> {
    let Some(link) = state.store.portal(token) else {
        return crate::portal_route::not_found(headers);
    };
    crate::portal_route::respond(&link, &state.store, headers)
}

fn ok() -> Response<FakeBody> {
    envelope::json(
        StatusCode::OK,
        &Value::Object(Map::from_iter([("ok".into(), Value::Bool(true))])),
    )
}
