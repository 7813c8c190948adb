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
        let (path, message) = locate(e.path(), without_position(e.message()));
        CliError::usage("invalid request: nothing was sent").detail(format!("{path}: {message}"))
    })
}

/// serde reports a missing field at the object that lacks it (`spaces[0]: missing field `name``);
/// the user looks for the field itself, so name its path: `spaces[0].name: required, but missing`.
fn locate(path: &str, message: &str) -> (String, String) {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'));
    match missing {
        Some(field) if path == "." || path.is_empty() => {
            (field.to_owned(), "required, but missing".to_owned())
        }
        Some(field) => (
            format!("{path}.{field}"),
            "required, but missing".to_owned(),
        ),
        None => (path.to_owned(), message.to_owned()),
    }
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
        assert_eq!(err.details, ["spaces[0].name: required, but missing"]);
        let object = json!({"spaces": []});
        let err = to_typed::<seam_types::PushDataRequest>(object.as_object().unwrap()).unwrap_err();
        assert_eq!(err.details, ["customer_key: required, but missing"]);
        let object = json!({"customer_key": 5});
        let err = to_typed::<seam_types::PushDataRequest>(object.as_object().unwrap()).unwrap_err();
        assert_eq!(
            err.details,
            ["customer_key: invalid type: integer `5`, expected a string"]
        );
    }
}
