//! Request JSON -> the SDK's typed request, with the JSON path of any unknown field or wrong type.

use serde::de::DeserializeOwned;

use crate::exit::CliError;
use crate::request::Object;

/// Reads `object` (body plus flags) as the typed request `T`.
///
/// On failure the error names the JSON path (e.g. `customer_data.spaces[0].nmae`) so the user can
/// find it in `--body` or in the flag that sets it; nothing is sent.
pub fn to_typed<T: DeserializeOwned>(object: &Object) -> Result<T, CliError> {
    let bytes = serialize(object)?;
    seam_types::json::from_slice(&bytes).map_err(|e| {
        CliError::usage("invalid request: nothing was sent").detail(format!(
            "{}: {}",
            e.path(),
            e.message()
        ))
    })
}

fn serialize(object: &Object) -> Result<Vec<u8>, CliError> {
    serde_json::to_vec(object)
        .map_err(|e| CliError::internal(format!("could not re-encode the request JSON: {e}")))
}
