//! JSON -> the SDK's typed request, with the JSON path of any unknown field or wrong type: the
//! `--body` bytes (read once, straight into the type) and the small JSON patch some flags make.

use std::path::Path;

use seam_cli::body::{read_request, read_request_from, BodyError};
use serde::de::DeserializeOwned;

use crate::exit::CliError;
use crate::request::Object;

/// Reads `--body` (`source`, at most `cap` bytes) into the typed request `T`; a file is streamed,
/// so only the typed value is ever held whole.
pub fn from_body<T: DeserializeOwned>(source: &Path, cap: u64) -> Result<T, CliError> {
    read_request_from(source, cap).map_err(body_error)
}

/// Reads the JSON some flags produced as the typed request `T`. The message keeps no line and
/// column: they would point into JSON the user never wrote, and the path says where.
pub fn from_flags<T: DeserializeOwned>(patch: &Object) -> Result<T, CliError> {
    let bytes = serde_json::to_vec(patch)
        .map_err(|e| CliError::internal(format!("could not encode flag values as JSON: {e}")))?;
    read_request(&bytes).map_err(|e| match e {
        BodyError::Invalid { path, message } => invalid(&path, without_position(&message)),
        other => CliError::internal(format!("flag values made unreadable JSON: {other}")),
    })
}

fn invalid(path: &str, message: &str) -> CliError {
    CliError::usage("invalid request: nothing was sent").detail(format!("{path}: {message}"))
}

/// A body problem as the CLI reports it (exit 2, nothing sent), naming `--body` or the JSON path.
fn body_error(error: BodyError) -> CliError {
    match error {
        BodyError::Invalid { path, message } => invalid(&path, &message),
        BodyError::DuplicateKey(path) => CliError::usage("invalid request: nothing was sent")
            .detail(format!(
                "{path}: this key appears twice in its object in --body (each key may appear once)"
            )),
        other => CliError::usage(other.to_string()),
    }
}

/// Drops serde_json's ` at line L column C` suffix.
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
    fn flag_type_errors_name_the_path_without_a_misleading_position() {
        let object = json!({"customer_key": 5});
        let err =
            from_flags::<seam_types::PushDataRequest>(object.as_object().unwrap()).unwrap_err();
        assert_eq!(
            err.details,
            ["customer_key: invalid type: integer `5`, expected a string"]
        );
    }

    #[test]
    fn duplicate_keys_in_a_body_name_their_path() {
        let err = body_error(BodyError::DuplicateKey("a.b[2].c".into()));
        assert!(err.details[0].starts_with("a.b[2].c: "), "{err}");
        assert_eq!(err.failure, crate::exit::Failure::Usage);
    }
}
