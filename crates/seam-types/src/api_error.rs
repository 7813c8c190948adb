//! Seam's error envelope (`{"error": {"type", "message", ..}, "ok": false}`) and its validation error tree.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The body of a non-2xx response. Unknown fields are ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiErrorEnvelope {
    /// What went wrong.
    pub error: ApiErrorBody,
    /// `false` when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ok: Option<bool>,
}

impl ApiErrorEnvelope {
    /// An envelope around `error`, with `"ok": false`.
    pub fn new(error: ApiErrorBody) -> Self {
        Self {
            error,
            ok: Some(false),
        }
    }
}

/// The `error` object: a machine-readable type, a message, and optional details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// Error type, such as `invalid_input` (the `type` key on the wire).
    #[serde(rename = "type")]
    pub error_type: String,
    /// Human-readable message.
    pub message: String,
    /// Extra data the server attached, as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// Per-parameter problems, for invalid input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_errors: Option<ValidationErrorTree>,
}

impl ApiErrorBody {
    /// An error of `error_type` with `message` and no details.
    pub fn new(error_type: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            message: message.into(),
            data: None,
            validation_errors: None,
        }
    }

    /// Sets `data`.
    #[must_use]
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// Sets `validation_errors`.
    #[must_use]
    pub fn with_validation_errors(mut self, tree: ValidationErrorTree) -> Self {
        self.validation_errors = Some(tree);
        self
    }
}

/// The server's per-parameter problems, nested like the request:
/// `{"customer_data": {"_errors": [], "buildings": {"3": {"building_key": {"_errors": ["..."]}}}}}`.
///
/// Reading is lenient: entries that are not of this shape are skipped rather than failing the
/// whole error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationErrorTree {
    /// Messages about this node itself (`_errors`).
    pub errors: Vec<String>,
    /// Problems below this node, by member name or array index.
    pub children: BTreeMap<String, ValidationErrorTree>,
}

impl ValidationErrorTree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `message` at `path` (member names; numeric segments are array indices), creating nodes.
    #[must_use]
    pub fn with_error(mut self, path: &[&str], message: impl Into<String>) -> Self {
        let mut node = &mut self;
        for segment in path {
            node = node.children.entry((*segment).to_owned()).or_default();
        }
        node.errors.push(message.into());
        self
    }

    /// Every message with its path, depth first: numeric keys render as `[n]`
    /// (`customer_data.buildings[3].building_key`); messages of the root have the path `""`.
    pub fn flatten(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        self.flatten_into(String::new(), &mut out);
        out
    }

    fn flatten_into(&self, path: String, out: &mut Vec<(String, String)>) {
        for message in &self.errors {
            out.push((path.clone(), message.clone()));
        }
        for (key, child) in &self.children {
            let is_index = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
            let child_path = if is_index {
                format!("{path}[{key}]")
            } else if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            child.flatten_into(child_path, out);
        }
    }

    fn from_value(value: &Map<String, Value>) -> Self {
        let mut tree = Self::new();
        for (key, v) in value {
            if key == "_errors" {
                if let Value::Array(items) = v {
                    tree.errors
                        .extend(items.iter().filter_map(|m| m.as_str().map(str::to_owned)));
                }
            } else if let Value::Object(child) = v {
                tree.children.insert(key.clone(), Self::from_value(child));
            }
        }
        tree
    }

    fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert(
            "_errors".to_owned(),
            Value::Array(self.errors.iter().cloned().map(Value::String).collect()),
        );
        for (key, child) in &self.children {
            map.insert(key.clone(), child.to_value());
        }
        Value::Object(map)
    }
}

impl Serialize for ValidationErrorTree {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ValidationErrorTree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Object(map) => Ok(Self::from_value(&map)),
            _ => Ok(Self::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_zod_shape_with_indices() {
        let json = r#"{"_errors": [], "customer_data": {"_errors": [], "buildings": {"_errors": [],
            "3": {"building_key": {"_errors": ["String must contain at least 1 character(s)"]}}}},
            "locale": {"_errors": ["Invalid enum value"]}}"#;
        let tree: ValidationErrorTree = serde_json::from_str(json).unwrap();
        assert_eq!(
            tree.flatten(),
            vec![
                (
                    "customer_data.buildings[3].building_key".to_owned(),
                    "String must contain at least 1 character(s)".to_owned()
                ),
                ("locale".to_owned(), "Invalid enum value".to_owned()),
            ]
        );
    }

    #[test]
    fn lenient_about_odd_entries() {
        let tree: ValidationErrorTree =
            serde_json::from_str(r#"{"_errors": ["top", 3], "x": "not an object"}"#).unwrap();
        assert_eq!(tree.flatten(), vec![(String::new(), "top".to_owned())]);
    }

    #[test]
    fn envelope_reads_type_key() {
        let env: ApiErrorEnvelope = serde_json::from_str(
            r#"{"error": {"type": "invalid_input", "message": "bad", "request_id": "x"}, "ok": false}"#,
        )
        .unwrap();
        assert_eq!(env.error.error_type, "invalid_input");
        assert_eq!(env.ok, Some(false));
        assert!(env.error.validation_errors.is_none());
    }
}
