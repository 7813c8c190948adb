//! SDK errors -> CLI errors: the exit code by category, and the details worth a line each.

use seam_cli::terminal::value;
use seam_core::{Error, ErrorKind, ValidationErrors};

use crate::exit::{CliError, Failure};

/// The most violations listed (about a screenful); the rest are counted in one line.
pub const MAX_VIOLATIONS: usize = 20;

/// Appends one line per `(path, message)`, at most [`MAX_VIOLATIONS`], then `... and N more`
/// (counting the `omitted` ones the SDK did not keep). Paths and messages may come from the
/// server: each is cut and escaped.
fn list_violations<'a>(
    mut out: CliError,
    violations: impl Iterator<Item = (&'a str, &'a str)>,
    omitted: u64,
    prefix: &str,
) -> CliError {
    let mut more = omitted;
    for (i, (path, message)) in violations.enumerate() {
        if i >= MAX_VIOLATIONS {
            more += 1;
            continue;
        }
        out = if path.is_empty() {
            out.detail(format!("{prefix}{}", value(message)))
        } else {
            out.detail(format!("{prefix}{}: {}", value(path), value(message)))
        };
    }
    if more > 0 {
        out = out.detail(format!("... and {more} more"));
    }
    out
}

/// The problems of a validation error as `(path, message)`: request-wide ones (empty path) first.
fn problems(v: &ValidationErrors) -> impl Iterator<Item = (&str, &str)> {
    v.request_wide()
        .iter()
        .map(|m| ("", m.as_str()))
        .chain(v.iter().map(|v| (v.path.as_str(), v.message.as_str())))
}

/// Maps an SDK error to exit code and stderr text: 2 for anything caught before sending,
/// 3 for the API's own error, 4 for transport failures, timeouts and unreadable responses.
pub fn from_sdk(error: &Error) -> CliError {
    match error.kind() {
        ErrorKind::Validation => {
            let out = CliError::usage("invalid request: nothing was sent");
            match error.validation_errors() {
                Some(v) => list_violations(out, problems(v), v.omitted_count(), ""),
                None => out.detail(value(&error.to_string())),
            }
        }
        ErrorKind::Credentials | ErrorKind::Config | ErrorKind::Build => {
            CliError::usage("could not prepare the request: nothing was sent")
                .detail(value(&error.to_string()))
        }
        ErrorKind::Api => api_error(error),
        ErrorKind::Transport | ErrorKind::Timeout | ErrorKind::InvalidResponse => {
            let headline = match error.kind() {
                ErrorKind::Timeout => "the request timed out",
                ErrorKind::InvalidResponse => "the server's response could not be understood",
                _ if error.is_connect() => "could not reach the server (nothing was sent)",
                _ => "the connection to the server failed",
            };
            let mut out =
                CliError::new(Failure::Network, headline).detail(value(&error.to_string()));
            if let Some(id) = error.request_id() {
                out = out.detail(format!("request id: {}", value(id)));
            }
            out
        }
        _ => CliError::internal("the SDK reported an unexpected error")
            .detail(value(&error.to_string())),
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
        out = out.detail(format!("type: {}", value(code)));
    }
    if let Some(message) = error.api_error_message() {
        out = out.detail(format!("message: {}", value(message)));
    }
    if let Some(v) = error.validation_errors() {
        out = list_violations(out, problems(v), v.omitted_count(), "- ");
    }
    if error.is_unauthorized() {
        out = out.detail("hint: check SEAM_API_KEY (or the token and workspace id)");
    }
    out.detail(format!(
        "request id: {}",
        error
            .request_id()
            .map_or_else(|| "(none sent)".to_owned(), value)
    ))
}
