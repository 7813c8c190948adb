//! Reading JSON with the path of the first problem (`customer_data.buildings[3].name: ...`).

use std::fmt;

use serde::de::DeserializeOwned;

/// JSON that could not be read into the expected type: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    path: String,
    message: String,
}

impl JsonError {
    /// JSON path of the problem, like `customer_data.buildings[3].name`; `.` for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, e.g. ``unknown field `nmae`, expected ...`` or `invalid type: ...`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for JsonError {}

fn convert(err: serde_path_to_error::Error<serde_json::Error>) -> JsonError {
    let path = err.path().to_string();
    JsonError {
        path,
        message: err.into_inner().to_string(),
    }
}

/// Reads `T` from JSON bytes, reporting the path of the first problem.
///
/// ```
/// use seam_types::CreatePortalRequest;
///
/// let err = seam_types::json::from_str::<CreatePortalRequest>(
///     r#"{"customer_data": {"customer_key": "c", "buildings": [{"building_key": "b", "nmae": "x"}]}}"#,
/// )
/// .unwrap_err();
/// assert_eq!(err.path(), "customer_data.buildings[0].nmae");
/// assert!(err.message().contains("unknown field `nmae`"));
/// ```
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(convert)?;
    de.end().map_err(|e| JsonError {
        path: ".".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// Reads `T` from a JSON string, reporting the path of the first problem.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    from_slice(text.as_bytes())
}
