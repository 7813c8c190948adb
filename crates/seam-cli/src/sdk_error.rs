//! SDK errors -> CLI errors: the exit code by category, and the details worth a line each.

use seam_core::{Error, ErrorKind};

use crate::exit::{CliError, Failure};

/// Maps an SDK error to exit code and stderr text: 2 for anything caught before sending,
/// 3 for the API's own error, 4 for transport failures, timeouts and unreadable responses.
pub fn from_sdk(error: &Error) -> CliError {
    match error.kind() {
        ErrorKind::Validation => {
            let mut out = CliError::usage("invalid request: nothing was sent");
            match error.validation_errors() {
                Some(v) => {
                    for violation in v.violations() {
                        out = out.detail(format!("{}: {}", violation.path, violation.message));
                    }
                }
                None => out = out.detail(error.to_string()),
            }
            out
        }
        ErrorKind::Credentials | ErrorKind::Config | ErrorKind::Build => {
            CliError::usage("could not prepare the request: nothing was sent")
                .detail(error.to_string())
        }
        ErrorKind::Api => api_error(error),
        ErrorKind::Transport | ErrorKind::Timeout | ErrorKind::InvalidResponse => {
            let headline = match error.kind() {
                ErrorKind::Timeout => "the request timed out",
                ErrorKind::InvalidResponse => "the server's response could not be understood",
                _ if error.is_connect() => "could not reach the server (nothing was sent)",
                _ => "the connection to the server failed",
            };
            let mut out = CliError::new(Failure::Network, headline).detail(error.to_string());
            if let Some(id) = error.request_id() {
                out = out.detail(format!("request id: {id}"));
            }
            out
        }
        _ => CliError::internal("the SDK reported an unexpected error").detail(error.to_string()),
    }
}

fn api_error(error: &Error) -> CliError {
    let status = error
        .status()
        .map_or_else(|| "unknown".to_owned(), |s| s.as_u16().to_string());
    let mut out = CliError::new(
        Failure::Api,
        format!("the API returned an error (HTTP {status})"),
    );
    if let Some(code) = error.api_error_code() {
        out = out.detail(format!("type: {code}"));
    }
    if let Some(message) = error.api_error_message() {
        out = out.detail(format!("message: {message}"));
    }
    for (path, message) in error.api_validation_errors() {
        out = if path.is_empty() {
            out.detail(format!("- {message}"))
        } else {
            out.detail(format!("- {path}: {message}"))
        };
    }
    if error.is_unauthorized() {
        out = out.detail("hint: check SEAM_API_KEY (or the token and workspace id)");
    }
    out.detail(format!(
        "request id: {}",
        error.request_id().unwrap_or("(none sent)")
    ))
}
