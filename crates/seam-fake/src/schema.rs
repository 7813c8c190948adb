//! The structural copy of the customers contract, embedded, and lookup of an operation's body schema.

use std::sync::OnceLock;

use serde_json::Value;

/// The contract's structure (operations with inlined body and response schemas).
const STRUCTURE: &str = include_str!("../spec/customers.structure.json");

fn structure() -> &'static Value {
    static PARSED: OnceLock<Value> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(STRUCTURE).unwrap_or(Value::Null))
}

/// The operation object for `method` and `path`, if the contract has one.
pub(crate) fn operation(method: &str, path: &str) -> Option<&'static Value> {
    structure()
        .get("operations")?
        .as_array()?
        .iter()
        .find(|op| {
            op.get("method").and_then(Value::as_str) == Some(method)
                && op.get("path").and_then(Value::as_str) == Some(path)
        })
}

/// The JSON body schema of `method path`.
pub(crate) fn body_schema(method: &str, path: &str) -> Option<&'static Value> {
    operation(method, path)?.get("body")
}
