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
            without_position(e.message())
        ))
    })
}

fn serialize(object: &Object) -> Result<Vec<u8>, CliError> {
    serde_json::to_vec(object)
        .map_err(|e| CliError::internal(format!("could not re-encode the request JSON: {e}")))
}

/// Drops serde_json's ` at line L column C` suffix: the position is in the merged JSON the CLI
/// re-encoded, not in the user's file, so it would mislead; the JSON path says where.
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn type_errors_name_the_path_without_a_misleading_position() {
        let object = json!({"customer_key": "a", "spaces": [{"space_key": "x"}]});
        let err = to_typed::<seam_types::PushDataRequest>(object.as_object().unwrap()).unwrap_err();
        assert_eq!(err.details, ["spaces[0]: missing field `name`"]);
    }
}
