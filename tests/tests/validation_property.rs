//! Property test: seam-types and seam-fake agree on which request bodies are valid, and on where
//! an invalid one is wrong.
//!
//! Bodies are generated from the contract itself (`spec/customers.structure.json`): every field the
//! schema allows, with values meeting its constraints. Then at most one mutation breaks one
//! constraint at one place (an empty key, a bad time or date-time, a non-positive or fractional
//! duration, a value of the wrong type, `null` where the contract does not allow it, an over-long
//! metadata value, a bad filter field, an unknown enum value, a missing required field, ...).
//!
//! * Unmutated, both must accept the body.
//! * Mutated, both must refuse it, both must name the mutated path, and neither may name a path
//!   outside it (inside a `oneOf` the fake reports every branch, as zod's `format()` does, so there
//!   the whole union is the allowed scope).
//!
//! seam-types is asked through `json::from_slice` + `Validate::validate`, the fake through
//! `seam_fake::validate_operation_body` (the function its HTTP handler calls). Unknown fields are
//! never generated: seam-types refuses them on purpose, while the API and the fake ignore them.
//! The case count honours `PROPTEST_CASES`.

#[path = "support/types_paths.rs"]
mod types_paths;

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use serde_json::{json, Map, Value};
use types_paths::{types_paths, CREATE, PUSH};

/// The contract's identifier pattern (filter fields).
const IDENT: &str = "^[a-zA-Z_]\\w*$";
/// The contract's 24-hour time pattern (check-in and check-out times).
const TIME: &str = "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$";

/// Properties seam-types deliberately does not model (it would refuse them as unknown fields).
const NOT_MODELLED: &[&str] = &["_dev"];

fn structure() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(|| {
        serde_json::from_str(include_str!("../spec/customers.structure.json"))
            .expect("the contract copy is JSON")
    })
}

fn body_schema(path: &str) -> &'static Value {
    structure()["operations"]
        .as_array()
        .and_then(|ops| {
            ops.iter()
                .find(|op| op["method"] == "POST" && op["path"] == path)
        })
        .map(|op| &op["body"])
        .expect("the contract has this operation")
}

// ---------------------------------------------------------------------------------------------
// Generation of valid values from a schema.
// ---------------------------------------------------------------------------------------------

fn valid(schema: &'static Value) -> BoxedStrategy<Value> {
    let inner = valid_non_null(schema);
    if schema["nullable"] == true {
        prop_oneof![4 => inner, 1 => Just(Value::Null)].boxed()
    } else {
        inner
    }
}

fn valid_non_null(schema: &'static Value) -> BoxedStrategy<Value> {
    if let Some(parts) = schema["allOf"].as_array() {
        let parts: Vec<_> = parts.iter().map(valid).collect();
        return parts
            .prop_map(|objs| {
                let mut merged = Map::new();
                for o in objs {
                    if let Value::Object(m) = o {
                        merged.extend(m);
                    }
                }
                Value::Object(merged)
            })
            .boxed();
    }
    if let Some(branches) = schema["oneOf"].as_array() {
        let mut strategies: Vec<BoxedStrategy<Value>> = branches.iter().map(valid).collect();
        if strategies.len() == 1 {
            return strategies.remove(0);
        }
        return proptest::strategy::Union::new(strategies).boxed();
    }
    match schema["type"].as_str() {
        Some("object") => object(schema),
        Some("array") => prop::collection::vec(valid(&schema["items"]), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        Some("string") => string(schema),
        Some("integer") => {
            if schema["minimum"] == 0 && schema["exclusiveMinimum"] == true {
                (1i64..100_000).prop_map(Value::from).boxed()
            } else {
                (-1000i64..1000).prop_map(Value::from).boxed()
            }
        }
        Some("number") => prop_oneof![
            (-180.0f64..180.0).prop_map(Value::from),
            (-90i64..90).prop_map(Value::from),
        ]
        .boxed(),
        Some("boolean") => any::<bool>().prop_map(Value::Bool).boxed(),
        other => panic!("the generator does not know schema type {other:?}"),
    }
}

fn object(schema: &'static Value) -> BoxedStrategy<Value> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
    if let Some(props) = schema["properties"].as_object() {
        for (name, sub) in props {
            if NOT_MODELLED.contains(&name.as_str()) {
                continue;
            }
            let is_required = required.contains(&name.as_str());
            let name = name.clone();
            let pair = valid(sub).prop_map(move |v| (name.clone(), v));
            if is_required {
                fields.push(pair.prop_map(Some).boxed());
            } else {
                fields.push(prop::option::weighted(0.35, pair).boxed());
            }
        }
    }
    let extra = match schema.get("additionalProperties").filter(|a| a.is_object()) {
        Some(sub) => prop::collection::btree_map("[a-z][a-z_]{0,6}", valid(sub), 0..3)
            .prop_map(|m| m.into_iter().collect::<Vec<_>>())
            .boxed(),
        None => Just(Vec::new()).boxed(),
    };
    (fields, extra)
        .prop_map(|(fields, extra)| {
            let mut map: Map<String, Value> = extra.into_iter().collect();
            map.extend(fields.into_iter().flatten());
            Value::Object(map)
        })
        .boxed()
}

fn string(schema: &'static Value) -> BoxedStrategy<Value> {
    if let Some(allowed) = schema["enum"].as_array() {
        return prop::sample::select(allowed.clone()).boxed();
    }
    let s: BoxedStrategy<String> = match (schema["pattern"].as_str(), schema["format"].as_str()) {
        (Some(IDENT), _) => "[a-zA-Z_][a-zA-Z0-9_]{0,10}".boxed(),
        (Some(TIME), _) => (0u32..24, 0u32..60, prop::option::of(0u32..60))
            .prop_map(|(h, m, s)| match s {
                Some(s) => format!("{h:02}:{m:02}:{s:02}"),
                None => format!("{h:02}:{m:02}"),
            })
            .boxed(),
        (Some(other), _) => panic!("the generator does not know pattern {other}"),
        (None, Some("date-time")) => date_time().boxed(),
        (None, Some("uuid")) => any::<u128>()
            .prop_map(|n| {
                let h = format!("{n:032x}");
                format!(
                    "{}-{}-{}-{}-{}",
                    &h[..8],
                    &h[8..12],
                    &h[12..16],
                    &h[16..20],
                    &h[20..]
                )
            })
            .boxed(),
        (None, Some("uri")) => "https://[a-z]{1,10}\\.example/[a-z]{0,8}".boxed(),
        (None, Some(other)) => panic!("the generator does not know format {other}"),
        (None, None) => match schema["maxLength"].as_u64() {
            Some(max) => prop_oneof![
                3 => "\\PC{0,12}".boxed(),
                1 => up_to_utf16(max as usize).boxed(),
            ]
            .boxed(),
            None if schema["minLength"].as_u64().unwrap_or(0) > 0 => "\\PC{1,12}".boxed(),
            None => "\\PC{0,12}".boxed(),
        },
    };
    s.prop_map(Value::String).boxed()
}

/// A string of exactly `max` UTF-16 code units (the limit), some as surrogate pairs.
fn up_to_utf16(max: usize) -> impl Strategy<Value = String> {
    (0..=max / 2).prop_map(move |pairs| {
        let mut s = "😀".repeat(pairs);
        s.push_str(&"é".repeat(max - 2 * pairs));
        s
    })
}

fn date_time() -> impl Strategy<Value = String> {
    (
        2000i32..2100,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        prop::option::of(0u32..1_000_000),
        prop_oneof![
            Just("Z".to_owned()),
            Just("+00:00".to_owned()),
            (-14i32..=14).prop_map(|h| format!(
                "{}{:02}:30",
                if h < 0 { '-' } else { '+' },
                h.abs()
            )),
        ],
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, zone)| {
            let frac = frac.map(|f| format!(".{f:06}")).unwrap_or_default();
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}")
        })
}

// ---------------------------------------------------------------------------------------------
// Mutations: every way to break one constraint at one node of a generated value.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// One way to make the body invalid.
#[derive(Clone, Debug)]
struct Mutation {
    /// What is done, for failure messages.
    what: &'static str,
    /// The node changed (for a removal, the object the field is removed from).
    at: Vec<Seg>,
    /// `Some(name)`: remove this required field; `None`: replace the node with `with`.
    remove: Option<String>,
    with: Value,
    /// The path both validators must name.
    expect: String,
    /// Paths a report may name: the expected one and below, or the enclosing union and below.
    scope: String,
}

struct Walker {
    out: Vec<Mutation>,
}

/// Where the walk is: the enclosing union (if any), whether `null` is allowed here (a nullable
/// union passes that on to its branches), and whether this node is a union branch's root (whose
/// type the union node already breaks).
#[derive(Clone, Default)]
struct Ctx {
    union: Option<String>,
    nullable: bool,
    branch_root: bool,
}

impl Ctx {
    /// The context of a child node (an object member or an array item).
    fn child(&self) -> Self {
        Self {
            union: self.union.clone(),
            nullable: false,
            branch_root: false,
        }
    }
}

impl Walker {
    fn push(&mut self, what: &'static str, at: &[Seg], with: Value, ctx: &Ctx) {
        if ctx.branch_root {
            return;
        }
        let expect = render(at);
        self.out.push(Mutation {
            what,
            at: at.to_vec(),
            remove: None,
            with,
            scope: ctx.union.clone().unwrap_or_else(|| expect.clone()),
            expect,
        });
    }

    fn walk(&mut self, schema: &Value, value: &Value, path: &mut Vec<Seg>, ctx: &Ctx) {
        let ctx = &Ctx {
            nullable: ctx.nullable || schema["nullable"] == true,
            ..ctx.clone()
        };
        if value.is_null() {
            return;
        }
        if !ctx.nullable && !path.is_empty() {
            self.push("null where not nullable", path, Value::Null, ctx);
        }
        if let Some(parts) = schema["allOf"].as_array() {
            for p in parts {
                self.walk(p, value, path, ctx);
            }
            return;
        }
        if let Some(branches) = schema["oneOf"].as_array() {
            // Values no branch accepts (every branch here is a string, boolean or object).
            self.push("a number for a union", path, json!(42), ctx);
            self.push("an array for a union", path, json!([1]), ctx);
            let discriminated = schema["discriminator"]["propertyName"].is_string();
            let inner = Ctx {
                // zod reports only the chosen branch of a discriminated union, every branch of
                // a plain one.
                union: if discriminated || ctx.union.is_some() {
                    ctx.union.clone()
                } else {
                    Some(render(path))
                },
                nullable: ctx.nullable,
                branch_root: true,
            };
            if let Some(b) = branch_of(branches, value) {
                self.walk(b, value, path, &inner);
            }
            return;
        }
        match schema["type"].as_str() {
            Some("object") => self.object(schema, value, path, ctx),
            Some("array") => {
                self.push("a string for an array", path, json!("x"), ctx);
                self.push("an object for an array", path, json!({}), ctx);
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.walk(&schema["items"], item, path, &ctx.child());
                        path.pop();
                    }
                }
            }
            Some("string") => self.string(schema, path, ctx),
            Some("integer") => {
                self.push("a string for an integer", path, json!("5"), ctx);
                self.push("a fraction for an integer", path, json!(1.5), ctx);
                if schema["exclusiveMinimum"] == true {
                    self.push("zero for a positive integer", path, json!(0), ctx);
                    self.push("a negative for a positive integer", path, json!(-7), ctx);
                }
            }
            Some("number") => {
                self.push("a string for a number", path, json!("1.5"), ctx);
                self.push("a boolean for a number", path, json!(false), ctx);
            }
            Some("boolean") => {
                self.push("a string for a boolean", path, json!("true"), ctx);
                self.push("a number for a boolean", path, json!(1), ctx);
            }
            _ => {}
        }
    }

    fn object(&mut self, schema: &Value, value: &Value, path: &mut Vec<Seg>, ctx: &Ctx) {
        self.push("a string for an object", path, json!("x"), ctx);
        self.push("an array for an object", path, json!([]), ctx);
        let Some(map) = value.as_object() else { return };
        let props = schema["properties"].as_object();
        for name in schema["required"].as_array().into_iter().flatten() {
            let Some(name) = name.as_str() else { continue };
            if map.contains_key(name) {
                let mut at = path.clone();
                at.push(Seg::Key(name.to_owned()));
                let expect = render(&at);
                self.out.push(Mutation {
                    what: "a required field removed",
                    at: path.clone(),
                    remove: Some(name.to_owned()),
                    with: Value::Null,
                    scope: ctx.union.clone().unwrap_or_else(|| expect.clone()),
                    expect,
                });
            }
        }
        for (name, v) in map {
            let sub = match props.and_then(|p| p.get(name)) {
                Some(s) => s,
                None => &schema["additionalProperties"],
            };
            path.push(Seg::Key(name.clone()));
            self.walk(sub, v, path, &ctx.child());
            path.pop();
        }
    }

    fn string(&mut self, schema: &Value, path: &mut [Seg], ctx: &Ctx) {
        self.push("a number for a string", path, json!(7), ctx);
        self.push("a boolean for a string", path, json!(true), ctx);
        // The checks below break the value's own constraints, so they apply in a branch too.
        let ctx = &Ctx {
            branch_root: false,
            ..ctx.clone()
        };
        if let Some(allowed) = schema["enum"].as_array() {
            let first = allowed[0].as_str().unwrap_or_default();
            self.push("an unknown enum value", path, json!("zz-unknown"), ctx);
            if first.to_uppercase() != first {
                self.push(
                    "an enum value in upper case",
                    path,
                    json!(first.to_uppercase()),
                    ctx,
                );
            }
            self.push("an empty enum value", path, json!(""), ctx);
            return;
        }
        if schema["minLength"].as_u64().unwrap_or(0) > 0 {
            self.push(
                "an empty string where one is required",
                path,
                json!(""),
                ctx,
            );
        }
        if let Some(max) = schema["maxLength"].as_u64() {
            let max = max as usize;
            self.push(
                "one ASCII character over the limit",
                path,
                json!("x".repeat(max + 1)),
                ctx,
            );
            // Few enough chars, too many UTF-16 code units: the server's JavaScript counts units.
            let mut s = "😀".repeat(max / 2);
            s.push('a');
            self.push("over the limit in UTF-16 units", path, json!(s), ctx);
        }
        match schema["pattern"].as_str() {
            Some(IDENT) => {
                for bad in ["1abc", "a-b", "a b", "", "é", "a.b"] {
                    self.push("a filter field outside the pattern", path, json!(bad), ctx);
                }
            }
            Some(TIME) => {
                for bad in [
                    "24:00", "9:30", "12:60", "12:30:60", "12:30:", "noon", "", "12:30 ",
                ] {
                    self.push("a time outside the pattern", path, json!(bad), ctx);
                }
            }
            _ => {}
        }
        match schema["format"].as_str() {
            Some("date-time") => {
                for bad in [
                    "tomorrow",
                    "2026-13-01T00:00:00Z",
                    "2026-02-30T00:00:00Z",
                    "2026-01-01",
                    "2026-01-01T25:00:00Z",
                    "2026-01-01T10:00:00",
                    "2026-01-01 10:00:00Z",
                    "",
                ] {
                    self.push("a bad date-time", path, json!(bad), ctx);
                }
            }
            Some("uuid") => {
                for bad in [
                    "not-a-uuid",
                    "",
                    "6ba7b810-9dad-11d1-80b4-00c04fd430c",
                    "6ba7b810-9dad-11d1-80b4-00c04fd430cg",
                    "6ba7b8109dad11d180b400c04fd430c8",
                    "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
                ] {
                    self.push("a bad uuid", path, json!(bad), ctx);
                }
            }
            _ => {}
        }
    }
}

/// The branch of a `oneOf` a generated value was made from: the first whose type, required
/// fields and enum-constrained fields match.
fn branch_of<'a>(branches: &'a [Value], value: &Value) -> Option<&'a Value> {
    branches.iter().find(|b| {
        if let Some(inner) = b["oneOf"].as_array() {
            return branch_of(inner, value).is_some();
        }
        match (b["type"].as_str(), value) {
            (Some("string"), Value::String(_)) | (Some("boolean"), Value::Bool(_)) => true,
            (Some("object"), Value::Object(map)) => {
                let required_ok = b["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .all(|r| map.contains_key(r));
                let enums_ok =
                    b["properties"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .all(|(k, s)| match (s["enum"].as_array(), map.get(k)) {
                            (Some(allowed), Some(v)) => allowed.contains(v),
                            _ => true,
                        });
                required_ok && enums_ok
            }
            _ => false,
        }
    })
}

fn mutations(route: &str, body: &Value) -> Vec<Mutation> {
    let mut w = Walker { out: Vec::new() };
    w.walk(body_schema(route), body, &mut Vec::new(), &Ctx::default());
    w.out
}

fn apply(body: &Value, m: &Mutation) -> Value {
    let mut out = body.clone();
    let mut node = &mut out;
    for seg in &m.at {
        node = match seg {
            Seg::Key(k) => &mut node[k.as_str()],
            Seg::Index(i) => &mut node[*i],
        };
    }
    match &m.remove {
        Some(name) => {
            if let Some(map) = node.as_object_mut() {
                map.remove(name);
            }
        }
        None => *node = m.with.clone(),
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The two validators.
// ---------------------------------------------------------------------------------------------

/// The paths the fake names for `body` (empty when it accepts it).
fn fake_paths(route: &str, body: &Value) -> Vec<String> {
    seam_fake::validate_operation_body("POST", route, body)
        .expect("the fake validates this route")
        .iter()
        .map(seam_fake::Issue::path)
        .collect()
}

fn within(path: &str, scope: &str) -> bool {
    scope.is_empty()
        || path == scope
        || path
            .strip_prefix(scope)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Where seam-types is known to disagree with the contract (and the fake); reported to its
/// owners. Each entry recognises exactly its own case; [`known_deviations_still_hold`] fails once
/// seam-types is fixed, so the entry gets removed.
fn known_deviation(
    _body: &Value,
    m: Option<&Mutation>,
    types: &[String],
    fake: &[String],
) -> Option<&'static str> {
    let m = m?;
    // Inside `deep_link` (an internally tagged enum, which serde buffers) a type error loses its
    // path: seam-types names `deep_link` (or `deep_link[0]` for an array).
    let in_deep_link =
        |p: &str| p == "deep_link" || p.starts_with("deep_link.") || p.starts_with("deep_link[");
    if in_deep_link(&m.expect)
        && !types.is_empty()
        && types.iter().all(|p| in_deep_link(p))
        && fake == [m.expect.clone()]
    {
        return Some("deep_link path lost");
    }
    None
}

/// Checks one generated body with an optional mutation; `Err` describes the disagreement.
fn check(route: &str, body: &Value, pick: Option<Index>) -> Result<(), String> {
    let candidates = mutations(route, body);
    let chosen = pick
        .filter(|_| !candidates.is_empty())
        .map(|which| which.get(&candidates).clone());
    let body = match &chosen {
        Some(m) => apply(body, m),
        None => body.clone(),
    };
    let bytes = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
    let types = types_paths(route, &bytes);
    let fake = fake_paths(route, &body);
    if known_deviation(&body, chosen.as_ref(), &types, &fake).is_some() {
        return Ok(());
    }
    let show = || {
        format!(
            "route {route}\nmutation {chosen:?}\nseam-types {types:?}\nfake {fake:?}\nbody {}",
            serde_json::to_string(&body).unwrap_or_default()
        )
    };
    match &chosen {
        None if types.is_empty() && fake.is_empty() => Ok(()),
        None => Err(format!("a valid body was refused\n{}", show())),
        Some(m) => {
            let in_union = m.scope != m.expect;
            let contained =
                |paths: &[String]| !paths.is_empty() && paths.iter().all(|p| within(p, &m.scope));
            // Outside unions both must name exactly the mutated path. Inside a plain union zod
            // reports every branch, so any path within the union will do for seam-types, while
            // the fake must still list the mutated one among them.
            let named = |paths: &[String]| paths.contains(&m.expect);
            let types_ok = contained(&types) && (in_union || named(&types));
            let fake_ok = contained(&fake) && named(&fake);
            if types_ok && fake_ok {
                Ok(())
            } else {
                Err(format!("disagreement at {}\n{}", m.expect, show()))
            }
        }
    }
}

fn config() -> Config {
    // `Config::default()` reads PROPTEST_CASES; nothing is persisted next to the sources.
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

/// Most cases carry one mutation, some none.
fn one_mutation() -> impl Strategy<Value = Option<Index>> {
    prop::option::weighted(0.85, any::<Index>())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn create_portal_bodies_are_judged_alike(
        body in valid(body_schema(CREATE)),
        pick in one_mutation(),
    ) {
        if let Err(e) = check(CREATE, &body, pick) {
            return Err(TestCaseError::fail(e));
        }
    }

    #[test]
    fn push_data_bodies_are_judged_alike(
        body in valid(body_schema(PUSH)),
        pick in one_mutation(),
    ) {
        if let Err(e) = check(PUSH, &body, pick) {
            return Err(TestCaseError::fail(e));
        }
    }
}

/// The generator and the mutations cover what they claim: every kind of mutation is offered for
/// a body that has every field, and each one, applied, breaks the body for both validators.
#[test]
fn every_mutation_kind_is_exercised_on_a_full_body() {
    let body = json!({
        "customer_data": {"customer_key": "c",
            "spaces": [{"space_key": "s", "name": "n", "duration_minutes": 30,
                "geolocation": {"latitude": 1.5, "longitude": 2},
                "customer_data": {"default_checkin_time": "15:00", "time_zone": null}}],
            "reservations": [{"reservation_key": "r", "starts_at": "2026-01-01T15:00:00Z",
                "custom_metadata": {"a": "x", "b": true}}]},
        "locale": "fr-FR",
        "customization_profile_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "customer_resources_filters": [{"field": "site_id", "operation": "=", "value": "x"}],
        "deep_link": {"resource_type": "device", "resource_id": "d"},
        "landing_page": {"manage": {"space_key": "s"}},
        "features": {"connect": {"exclude": false}}
    });
    assert_eq!(check(CREATE, &body, None), Ok(()));
    let all = mutations(CREATE, &body);
    let kinds: std::collections::BTreeSet<&str> = all.iter().map(|m| m.what).collect();
    for kind in [
        "a required field removed",
        "an empty string where one is required",
        "a time outside the pattern",
        "a bad date-time",
        "a bad uuid",
        "zero for a positive integer",
        "a fraction for an integer",
        "over the limit in UTF-16 units",
        "a filter field outside the pattern",
        "an unknown enum value",
        "null where not nullable",
        "a number for a union",
    ] {
        assert!(kinds.contains(kind), "no mutation of kind {kind:?}");
    }
    let mut failures = Vec::new();
    for m in &all {
        let mutated = apply(&body, m);
        let bytes = serde_json::to_vec(&mutated).unwrap();
        let types = types_paths(CREATE, &bytes);
        let fake = fake_paths(CREATE, &mutated);
        if known_deviation(&mutated, Some(m), &types, &fake).is_some() {
            continue;
        }
        let in_union = m.scope != m.expect;
        let ok = |paths: &[String], must_name: bool| {
            !paths.is_empty()
                && paths.iter().all(|p| within(p, &m.scope))
                && (!must_name || paths.contains(&m.expect))
        };
        if !(ok(&types, !in_union) && ok(&fake, true)) {
            failures.push(format!(
                "{} at {}: seam-types {types:?}, fake {fake:?}",
                m.what, m.expect
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The deviations [`known_deviation`] tolerates still exist; when one of these fails, seam-types
/// was fixed: delete its entry there and its case here.
#[test]
fn known_deviations_still_hold() {
    let cases = [(
        json!({"deep_link": {"resource_type": "device", "resource_id": 7}}),
        Some(("deep_link.resource_id", json!(7))),
        "deep_link path lost",
    )];
    for (body, mutated, want) in cases {
        let bytes = serde_json::to_vec(&body).unwrap();
        let types = types_paths(CREATE, &bytes);
        let fake = fake_paths(CREATE, &body);
        let m = mutated.map(|(path, with)| Mutation {
            what: "fixture",
            at: Vec::new(),
            remove: None,
            with,
            expect: path.to_owned(),
            scope: path.to_owned(),
        });
        assert_eq!(
            known_deviation(&body, m.as_ref(), &types, &fake),
            Some(want),
            "seam-types {types:?}, fake {fake:?} for {body}: if seam-types now agrees, remove the entry"
        );
    }
}

/// Former deviations, fixed in seam-types and no longer tolerated by [`known_deviation`]: an array
/// where an object belongs, and a `customization_profile_id` in a UUID form other than the
/// hyphenated one. Both validators refuse each body and name the same path.
#[test]
fn fixed_deviations_are_judged_alike() {
    let space = |customer_data: Value| {
        json!({"customer_key": "c",
            "spaces": [{"space_key": "s", "name": "n", "customer_data": customer_data}]})
    };
    let cases = [
        (json!([]), ""),
        (json!({"customer_data": []}), "customer_data"),
        (json!({"customer_data": ["acme"]}), "customer_data"),
        (json!({"features": []}), "features"),
        (json!({"features": {"connect": []}}), "features.connect"),
        (
            json!({"features": {"connect": [false]}}),
            "features.connect",
        ),
        (
            json!({"customer_data": space(json!([]))}),
            "customer_data.spaces[0].customer_data",
        ),
        (
            json!({"customer_resources_filters": [["site_id", "=", "x"]]}),
            "customer_resources_filters[0]",
        ),
        (
            json!({"customization_profile_id": "6ba7b8109dad11d180b400c04fd430c8"}),
            "customization_profile_id",
        ),
        (
            json!({"customization_profile_id": "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"}),
            "customization_profile_id",
        ),
        (
            json!({"customization_profile_id": "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"}),
            "customization_profile_id",
        ),
    ];
    for (body, path) in cases {
        let bytes = serde_json::to_vec(&body).unwrap();
        let types = types_paths(CREATE, &bytes);
        let fake = fake_paths(CREATE, &body);
        assert_eq!(types, [path], "seam-types for {body} (fake {fake:?})");
        assert!(
            fake.iter().any(|p| p == path),
            "fake {fake:?} for {body} (seam-types {types:?})"
        );
    }
    // The same through push_data, whose body is the customer data itself.
    for (body, path) in [
        (json!(["c"]), ""),
        (space(json!(["x"])), "spaces[0].customer_data"),
    ] {
        let bytes = serde_json::to_vec(&body).unwrap();
        assert_eq!(types_paths(PUSH, &bytes), [path], "seam-types for {body}");
        assert!(
            fake_paths(PUSH, &body).iter().any(|p| p == path),
            "fake for {body}"
        );
    }
}
