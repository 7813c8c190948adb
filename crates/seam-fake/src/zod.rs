//! Validation issues and their rendering as zod's `format()` tree, the shape Seam returns.

use serde_json::{Map, Value};

/// One step of a JSON path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// One problem found in a request body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Issue {
    path: Vec<Seg>,
    message: String,
    /// Whether zod would abort the value here (a type error) rather than mark it dirty
    /// (a failed check such as a length or pattern); it decides which union branch is reported.
    pub(crate) fatal: bool,
}

impl Issue {
    pub(crate) fn new(path: &[Seg], message: impl Into<String>, fatal: bool) -> Self {
        Self {
            path: path.to_vec(),
            message: message.into(),
            fatal,
        }
    }

    /// The parameter path, dotted, with indexes in brackets: `customer_data.buildings[3].name`.
    /// The root is the empty string.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// zod's message for the issue, e.g. `String must contain at least 1 character(s)`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Renders issues as zod's `format()` tree: `{"_errors": [], "a": {"_errors": ["..."]}}`.
pub(crate) fn format_tree(issues: &[Issue]) -> Value {
    let mut root = node();
    for issue in issues {
        let mut cur = &mut root;
        for seg in &issue.path {
            let key = match seg {
                Seg::Key(k) => k.clone(),
                Seg::Index(i) => i.to_string(),
            };
            let Value::Object(map) = cur else { break };
            cur = map.entry(key).or_insert_with(node);
        }
        if let Some(Value::Array(errs)) = cur.get_mut("_errors") {
            errs.push(Value::String(issue.message.clone()));
        }
    }
    root
}

fn node() -> Value {
    let mut m = Map::new();
    m.insert("_errors".into(), Value::Array(Vec::new()));
    Value::Object(m)
}

/// The one-line `message` of the envelope: the first issue, with its path.
pub(crate) fn summary(issues: &[Issue]) -> String {
    match issues.first() {
        None => "Invalid input".to_owned(),
        Some(i) if i.path.is_empty() => format!("Invalid input: {}", i.message),
        Some(i) => format!("Invalid input: {}: {}", i.path(), i.message),
    }
}

/// zod's name for the type of a JSON value (`received ...`).
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
