//! Every property of the customers operations in the structural spec has a Rust field, and vice versa.
//!
//! The spec side walks `spec/customers.structure.json` (properties, array items, allOf/oneOf branches)
//! into a set of paths like `customer_data.buildings[].building_key` with their JSON types. The Rust side
//! serializes the fullest instances of each model and collects the same kind of paths. Both sets must
//! match exactly, and each value's JSON type must be one the spec allows.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

const STRUCTURE: &str = include_str!("spec/customers.structure.json");

/// Spec paths of one schema: path -> allowed JSON kinds; plus paths that are free-form maps.
#[derive(Default)]
struct SpecPaths {
    kinds: BTreeMap<String, BTreeSet<&'static str>>,
    maps: BTreeSet<String>,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn kinds_of(schema: &Value) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => {
            out.insert("string");
        }
        Some("boolean") => {
            out.insert("boolean");
        }
        Some("integer") => {
            out.insert("integer");
        }
        Some("number") => {
            out.insert("number");
            out.insert("integer");
        }
        Some("array") => {
            out.insert("array");
        }
        Some("object") => {
            out.insert("object");
        }
        _ => {}
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for branch in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(kinds_of(branch));
        }
    }
    if schema.get("properties").is_some() {
        out.insert("object");
    }
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        out.insert("null");
    }
    out
}

/// Walks `schema` found at `path`, recording every property below it (not `path` itself).
fn walk(schema: &Value, path: &str, out: &mut SpecPaths) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            if path.is_empty() && name == "_dev" {
                continue; // Seam-staff only; deliberately not modelled.
            }
            let p = join(path, name);
            out.kinds
                .entry(p.clone())
                .or_default()
                .extend(kinds_of(sub));
            walk(sub, &p, out);
        }
    }
    if let Some(items) = schema.get("items") {
        let p = format!("{path}[]");
        out.kinds
            .entry(p.clone())
            .or_default()
            .extend(kinds_of(items));
        walk(items, &p, out);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for branch in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            walk(branch, path, out);
        }
    }
    if schema
        .get("additionalProperties")
        .is_some_and(Value::is_object)
    {
        out.maps.insert(path.to_owned());
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Paths of a serialized Rust value (not descending into free-form maps), with the kinds seen.
fn collect(
    v: &Value,
    path: &str,
    maps: &BTreeSet<String>,
    out: &mut BTreeMap<String, BTreeSet<&'static str>>,
) {
    match v {
        Value::Object(obj) if !maps.contains(path) => {
            for (k, sub) in obj {
                let p = join(path, k);
                out.entry(p.clone()).or_default().insert(json_kind(sub));
                collect(sub, &p, maps, out);
            }
        }
        Value::Array(items) => {
            let p = format!("{path}[]");
            for sub in items {
                out.entry(p.clone()).or_default().insert(json_kind(sub));
                collect(sub, &p, maps, out);
            }
        }
        _ => {}
    }
}

fn operation<'a>(spec: &'a Value, method: &str, path: &str) -> &'a Value {
    spec["operations"]
        .as_array()
        .expect("operations")
        .iter()
        .find(|op| op["method"] == method && op["path"] == path)
        .unwrap_or_else(|| panic!("{method} {path} missing from the structure file"))
}

/// Compares one schema with the serialized instances; returns how many spec properties it checked.
fn compare(label: &str, schema: &Value, instances: &[Value]) -> usize {
    let mut spec = SpecPaths::default();
    walk(schema, "", &mut spec);
    let mut rust = BTreeMap::new();
    for inst in instances {
        collect(inst, "", &spec.maps, &mut rust);
    }
    let spec_paths: BTreeSet<&String> = spec.kinds.keys().collect();
    let rust_paths: BTreeSet<&String> = rust.keys().collect();
    let missing: Vec<_> = spec_paths.difference(&rust_paths).collect();
    let extra: Vec<_> = rust_paths.difference(&spec_paths).collect();
    assert!(
        missing.is_empty(),
        "{label}: spec properties with no Rust field: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "{label}: Rust fields the spec does not have: {extra:?}"
    );
    for (path, seen) in &rust {
        let allowed = &spec.kinds[path];
        for kind in seen {
            assert!(
                allowed.contains(kind),
                "{label}: {path} serialized as {kind}, spec allows {allowed:?}"
            );
        }
    }
    spec.kinds.len()
}

/// A fixture must set every optional field: its Debug output shows no `None`.
fn assert_fullest<T: std::fmt::Debug>(label: &str, value: &T) {
    let debug = format!("{value:?}");
    assert!(
        !debug.contains("None"),
        "{label}: fixture leaves a field unset: {debug}"
    );
}

#[test]
fn every_spec_property_has_a_rust_field_and_back() {
    let spec: Value = serde_json::from_str(STRUCTURE).expect("structure file is JSON");
    let mut checked = 0;

    // create_portal: one instance per landing page shape and per deep link kind.
    let op = operation(&spec, "POST", "/customers/create_portal");
    let mut bodies = Vec::new();
    for landing in common::all_landing_pages() {
        for link in common::all_deep_links() {
            let req = common::full_create_portal_with(landing.clone(), link);
            assert_fullest("create_portal", &req);
            bodies.push(common::to_value(&req));
        }
    }
    checked += compare("create_portal body", &op["body"], &bodies);
    checked += compare(
        "create_portal response",
        &op["response"],
        &[common::to_value(&common::full_create_portal_response())],
    );

    // push_data.
    let op = operation(&spec, "POST", "/customers/push_data");
    let push: seam_types::PushDataRequest = common::full_customer_data();
    assert_fullest("push_data", &push);
    checked += compare("push_data body", &op["body"], &[common::to_value(&push)]);
    checked += compare(
        "push_data response",
        &op["response"],
        &[common::to_value(&seam_types::OkResponse::new(true))],
    );

    // delete_data, as a body (POST) and as query parameters (DELETE).
    let delete = common::full_delete_data();
    assert_fullest("delete_data", &delete);
    let op = operation(&spec, "POST", "/customers/delete_data");
    checked += compare(
        "delete_data body",
        &op["body"],
        &[common::to_value(&delete)],
    );
    checked += compare(
        "delete_data response",
        &op["response"],
        &[common::to_value(&seam_types::OkResponse::new(true))],
    );
    let op = operation(&spec, "DELETE", "/customers/delete_data");
    let mut params: Vec<&str> = op["query"]
        .as_array()
        .expect("query params")
        .iter()
        .map(|p| p["name"].as_str().expect("param name"))
        .collect();
    // The SDKs send them sorted by name, whatever order the contract lists them in.
    params.sort_unstable();
    assert_eq!(
        params,
        seam_types::DeleteDataRequest::QUERY_ORDER,
        "query params in name order"
    );
    let names_in_pairs: BTreeSet<&str> = delete.query_pairs().iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names_in_pairs,
        params.iter().copied().collect::<BTreeSet<_>>()
    );
    checked += params.len();
    checked += compare(
        "delete_data (DELETE) response",
        &op["response"],
        &[common::to_value(&seam_types::OkResponse::new(true))],
    );

    // create_deep_link.
    let op = operation(&spec, "POST", "/customers/reservations/create_deep_link");
    checked += compare(
        "create_deep_link body",
        &op["body"],
        &[common::to_value(&seam_types::CreateDeepLinkRequest::new(
            "c-1", "rv-1",
        ))],
    );
    checked += compare(
        "create_deep_link response",
        &op["response"],
        &[common::to_value(&common::full_create_deep_link_response())],
    );

    // Every operation of the structure file was looked at.
    assert_eq!(spec["operations"].as_array().map(Vec::len), Some(5));
    println!("spec properties checked: {checked}");
    assert_eq!(
        checked, EXPECTED_PROPERTY_COUNT,
        "the spec changed size; review the models"
    );
}

/// How many (operation, property path) pairs the structure file has; pinned so a spec change is noticed.
const EXPECTED_PROPERTY_COUNT: usize = 534;

#[test]
#[should_panic(expected = "spec properties with no Rust field")]
fn a_spec_property_without_a_rust_field_fails() {
    let schema: Value = serde_json::json!({
        "type": "object",
        "properties": {"ok": {"type": "boolean"}, "brand_new": {"type": "string"}}
    });
    compare(
        "fake",
        &schema,
        &[common::to_value(&seam_types::OkResponse::new(true))],
    );
}

#[test]
#[should_panic(expected = "Rust fields the spec does not have")]
fn a_rust_field_missing_from_the_spec_fails() {
    let schema: Value = serde_json::json!({"type": "object", "properties": {}});
    compare(
        "fake",
        &schema,
        &[common::to_value(&seam_types::OkResponse::new(true))],
    );
}

#[test]
#[should_panic(expected = "serialized as boolean")]
fn a_wrong_json_type_fails() {
    let schema: Value =
        serde_json::json!({"type": "object", "properties": {"ok": {"type": "string"}}});
    compare(
        "fake",
        &schema,
        &[
            serde_json::json!({"ok": "yes"}),
            common::to_value(&seam_types::OkResponse::new(true)),
        ],
    );
}
