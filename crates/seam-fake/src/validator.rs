//! A small validator for the JSON-schema subset the contract uses, reporting issues as zod would.

use serde_json::Value;

use crate::zod::{type_name, Issue, Seg};

/// The most issues reported for one body: past it, validation stops looking (so a body with
/// hundreds of thousands of invalid fields is answered at once, with a bounded response).
pub const MAX_ISSUES: usize = 1000;

/// Validates a raw JSON body against the contract's schema for `method path`.
///
/// Returns the issues zod would report (empty when the body is valid), the first
/// [`MAX_ISSUES`] of them in document order, or `None` when the contract has no body schema for
/// that operation. Unknown fields are ignored.
pub fn validate_operation_body(method: &str, path: &str, body: &Value) -> Option<Vec<Issue>> {
    let schema = crate::schema::body_schema(method, path)?;
    Some(validate(schema, body))
}

/// All issues of `value` against `schema`.
pub(crate) fn validate(schema: &Value, value: &Value) -> Vec<Issue> {
    let mut out = Vec::new();
    check(schema, value, &mut Vec::new(), &mut out);
    let mut out = dedupe(out);
    out.truncate(MAX_ISSUES);
    out
}

/// Drops repeated issues, keeping the first of each in order, in linear time.
fn dedupe(issues: Vec<Issue>) -> Vec<Issue> {
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(issues.len());
        issues.iter().map(|i| seen.insert(i)).collect()
    };
    issues
        .into_iter()
        .zip(keep)
        .filter_map(|(i, k)| k.then_some(i))
        .collect()
}

fn check(schema: &Value, value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Issue>) {
    if value.is_null() && schema.get("nullable").and_then(Value::as_bool) == Some(true) {
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for sub in all {
            check(sub, value, path, out);
        }
    }
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        match schema
            .get("discriminator")
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
        {
            Some(tag) => discriminated(tag, branches, value, path, out),
            None => one_of(branches, value, path, out),
        }
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => object(schema, value, path, out),
        Some("array") => array(schema, value, path, out),
        Some("string") => string(schema, value, path, out),
        Some("boolean") if !value.is_boolean() => out.push(type_issue(path, "boolean", value)),
        Some("integer") => integer(schema, value, path, out),
        Some("number") => match value.as_f64() {
            Some(n) => minimum(schema, n, path, out),
            None => out.push(type_issue(path, "number", value)),
        },
        _ => {}
    }
}

/// zod's union: the first valid branch wins; else the first branch with only failed checks
/// ("dirty") is reported; else every branch's issues are (that is what `format()` shows).
fn one_of(branches: &[Value], value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Issue>) {
    let mut results = Vec::with_capacity(branches.len());
    for b in branches {
        let mut issues = Vec::new();
        check(b, value, path, &mut issues);
        if issues.is_empty() {
            return;
        }
        results.push(issues);
    }
    if let Some(dirty) = results.iter().find(|r| r.iter().all(|i| !i.fatal)) {
        out.extend(dirty.iter().cloned());
        return;
    }
    if results.is_empty() {
        out.push(Issue::new(path, "Invalid input", true));
        return;
    }
    out.extend(results.into_iter().flatten());
}

/// zod's discriminated union: the value must be an object whose `tag` names a branch; only that
/// branch is checked (and reported).
fn discriminated(
    tag: &str,
    branches: &[Value],
    value: &Value,
    path: &mut Vec<Seg>,
    out: &mut Vec<Issue>,
) {
    let Some(map) = value.as_object() else {
        out.push(type_issue(path, "object", value));
        return;
    };
    let tag_of = |b: &Value| -> Vec<String> {
        b.get("properties")
            .and_then(|p| p.get(tag))
            .and_then(|t| t.get("enum"))
            .and_then(Value::as_array)
            .map(|e| {
                e.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let got = map.get(tag).and_then(Value::as_str);
    match branches
        .iter()
        .find(|b| got.is_some_and(|g| tag_of(b).iter().any(|t| t == g)))
    {
        Some(branch) => check(branch, value, path, out),
        None => {
            let expected: Vec<String> = branches
                .iter()
                .flat_map(tag_of)
                .map(|t| format!("'{t}'"))
                .collect();
            path.push(Seg::Key(tag.to_owned()));
            out.push(Issue::new(
                path,
                format!(
                    "Invalid discriminator value. Expected {}",
                    expected.join(" | ")
                ),
                true,
            ));
            path.pop();
        }
    }
}

fn type_issue(path: &[Seg], expected: &str, value: &Value) -> Issue {
    Issue::new(
        path,
        format!("Expected {expected}, received {}", type_name(value)),
        true,
    )
}

fn object(schema: &Value, value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Issue>) {
    let Some(map) = value.as_object() else {
        out.push(type_issue(path, "object", value));
        return;
    };
    let props = schema.get("properties").and_then(Value::as_object);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(props) = props {
        for (name, sub) in props {
            path.push(Seg::Key(name.clone()));
            match map.get(name) {
                Some(v) => check(sub, v, path, out),
                None if required.contains(&name.as_str()) => {
                    out.push(Issue::new(path, "Required", true));
                }
                None => {}
            }
            path.pop();
        }
    }
    if let Some(extra) = schema.get("additionalProperties").filter(|s| s.is_object()) {
        for (name, v) in map {
            if out.len() >= MAX_ISSUES {
                break;
            }
            if props.is_some_and(|p| p.contains_key(name)) {
                continue;
            }
            path.push(Seg::Key(name.clone()));
            check(extra, v, path, out);
            path.pop();
        }
    }
}

fn array(schema: &Value, value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Issue>) {
    let Some(items) = value.as_array() else {
        out.push(type_issue(path, "array", value));
        return;
    };
    if let Some(item_schema) = schema.get("items") {
        for (i, item) in items.iter().enumerate() {
            if out.len() >= MAX_ISSUES {
                break;
            }
            path.push(Seg::Index(i));
            check(item_schema, item, path, out);
            path.pop();
        }
    }
}

fn string(schema: &Value, value: &Value, path: &[Seg], out: &mut Vec<Issue>) {
    let Some(s) = value.as_str() else {
        out.push(type_issue(path, "string", value));
        return;
    };
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.iter().any(|a| a.as_str() == Some(s)) {
            out.push(Issue::new(path, enum_message(allowed, s), true));
            return;
        }
    }
    let len = s.encode_utf16().count() as u64;
    if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
        if len < min {
            let msg = format!("String must contain at least {min} character(s)");
            out.push(Issue::new(path, msg, false));
        }
    }
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
        if len > max {
            let msg = format!("String must contain at most {max} character(s)");
            out.push(Issue::new(path, msg, false));
        }
    }
    if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
        if !crate::validator::patterns::matches(p, s) {
            out.push(Issue::new(path, "Invalid", false));
        }
    }
    let format_msg = match schema.get("format").and_then(Value::as_str) {
        Some("date-time") if !formats::is_date_time(s) => Some("Invalid datetime"),
        Some("uuid") if !formats::is_uuid(s) => Some("Invalid uuid"),
        Some("uri") if !formats::is_uri(s) => Some("Invalid url"),
        _ => None,
    };
    if let Some(msg) = format_msg {
        out.push(Issue::new(path, msg, false));
    }
}

fn enum_message(allowed: &[Value], got: &str) -> String {
    let names: Vec<String> = allowed
        .iter()
        .filter_map(Value::as_str)
        .map(|a| format!("'{a}'"))
        .collect();
    if names.len() == 1 {
        format!(
            "Invalid literal value, expected \"{}\"",
            names[0].trim_matches('\'')
        )
    } else {
        format!(
            "Invalid enum value. Expected {}, received '{got}'",
            names.join(" | ")
        )
    }
}

fn integer(schema: &Value, value: &Value, path: &[Seg], out: &mut Vec<Issue>) {
    let Some(n) = value.as_f64() else {
        out.push(type_issue(path, "number", value));
        return;
    };
    if !(value.is_i64() || value.is_u64() || n.fract() == 0.0) {
        out.push(Issue::new(path, "Expected integer, received float", false));
    }
    minimum(schema, n, path, out);
}

fn minimum(schema: &Value, n: f64, path: &[Seg], out: &mut Vec<Issue>) {
    let Some(min) = schema.get("minimum").and_then(Value::as_f64) else {
        return;
    };
    let exclusive = schema.get("exclusiveMinimum").and_then(Value::as_bool) == Some(true);
    if exclusive && n <= min {
        out.push(Issue::new(
            path,
            format!("Number must be greater than {min}"),
            false,
        ));
    } else if !exclusive && n < min {
        out.push(Issue::new(
            path,
            format!("Number must be greater than or equal to {min}"),
            false,
        ));
    }
}

mod formats;
mod patterns;
