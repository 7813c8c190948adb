//! Reads a `--body` argument: a file path, or `-` for standard input.

use std::io::Read;
use std::path::Path;

use crate::exit::CliError;

/// The raw bytes of the JSON request named by `--body` (`-` reads stdin to its end).
pub fn read_body(source: &Path) -> Result<Vec<u8>, CliError> {
    if source.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::usage(format!("could not read --body from stdin: {e}")))?;
        Ok(bytes)
    } else {
        std::fs::read(source).map_err(|e| {
            CliError::usage(format!(
                "could not read --body file `{}`: {e}",
                source.display()
            ))
        })
    }
}

/// Parses body bytes as a JSON object (the shape every request has), naming `--body` on failure.
pub fn parse_object(bytes: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, CliError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| CliError::usage(format!("--body is not valid JSON: {e}")))?;
    match value {
        serde_json::Value::Object(map) => Ok(map),
        other => Err(CliError::usage(format!(
            "--body must be a JSON object, found {}",
            kind_of(&other)
        ))),
    }
}

fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_parse_and_other_json_is_refused() {
        assert_eq!(parse_object(br#"{"a":1}"#).unwrap().len(), 1);
        let err = parse_object(b"[1]").unwrap_err();
        assert!(err.to_string().contains("found an array"), "{err}");
        let err = parse_object(b"{").unwrap_err();
        assert!(
            err.to_string().contains("--body is not valid JSON"),
            "{err}"
        );
    }
}
