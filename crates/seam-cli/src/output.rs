//! Printing results on stdout: the portal URL alone by default, or the typed response as JSON.

use std::io::Write;

use serde::Serialize;

use crate::args::OutputFormat;
use crate::exit::CliError;

/// Writes `text` plus a newline to stdout. A reader that went away (`seam ... | head -1`) is not
/// an error; any other write failure (full disk) is an internal error.
pub fn print_line(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::internal(format!(
            "could not write to stdout: {e}"
        ))),
    }
}

/// `value` as pretty JSON on stdout.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::internal(format!("could not encode the response as JSON: {e}")))?;
    print_line(&text)
}

/// Prints a created portal: its URL (text) or the whole portal (json).
pub fn print_portal(
    portal: &seam_types::CustomerPortal,
    format: OutputFormat,
) -> Result<(), CliError> {
    match format {
        OutputFormat::Text => print_line(portal.url.as_str()),
        OutputFormat::Json => print_json(portal),
    }
}

/// Prints the `{"ok": ...}` of push/delete: nothing in text mode, the JSON otherwise.
pub fn print_ok<T: Serialize>(response: &T, format: OutputFormat) -> Result<(), CliError> {
    match format {
        OutputFormat::Text => Ok(()),
        OutputFormat::Json => print_json(response),
    }
}
