//! Everything the CLI writes: results on stdout, notes and errors on stderr.
//!
//! No write here can panic (as `println!` does on a full disk). A reader that went away
//! (`seam ... | head -1`) is not an error: the rest of the output is dropped and the exit code is
//! unchanged. Any other failed write (`>/dev/full`) ends the command with exit 1.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::args::OutputFormat;
use crate::exit::{CliError, Failure};

/// Bytes buffered before a write to stdout (large results such as a dry run stream through it).
const STDOUT_BUFFER: usize = 64 * 1024;

/// Runs `write` against a buffered stdout and flushes it.
pub fn stdout_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let mut out = BufWriter::with_capacity(STDOUT_BUFFER, io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::internal(format!(
            "could not write to stdout: {e}"
        ))),
    }
}

/// Writes `text` plus a newline to stdout.
pub fn print_line(text: &str) -> Result<(), CliError> {
    stdout_with(|out| writeln!(out, "{text}"))
}

/// Writes a note or warning line to stderr; a failed write is an internal error (exit 1).
pub fn note(text: &str) -> Result<(), CliError> {
    match write_stderr(text) {
        Ok(()) => Ok(()),
        Err(e) => Err(CliError::internal(format!(
            "could not write to stderr: {e}"
        ))),
    }
}

/// Writes `text` plus a newline to stderr, in one write; a closed stderr counts as written.
fn write_stderr(text: &str) -> io::Result<()> {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    let mut err = io::stderr().lock();
    match err.write_all(line.as_bytes()).and_then(|()| err.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// Prints `error` on stderr and returns its exit code, or 1 when stderr cannot be written.
pub fn report(error: &CliError) -> ExitCode {
    let code = if write_stderr(&error.to_string()).is_ok() {
        error.failure.code()
    } else {
        Failure::Internal.code()
    };
    ExitCode::from(code)
}

/// Prints a clap error or `--help`/`--version` text where clap sends it, with clap's exit code, or
/// 1 when that write fails (clap itself would ignore the failure and exit 0 or 2).
pub fn report_clap(error: &clap::Error) -> ExitCode {
    let code = match error.print() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Failure::Internal.code(),
        _ => u8::try_from(error.exit_code()).unwrap_or(Failure::Internal.code()),
    };
    ExitCode::from(code)
}

/// `value` as pretty JSON on stdout, with terminal controls escaped (see [`seam_cli::terminal::json_text`]).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::internal(format!("could not encode the response as JSON: {e}")))?;
    print_line(&seam_cli::terminal::json_text(&text))
}

/// Prints a created portal: its URL (text) or the whole portal (json).
pub fn print_portal(
    portal: &seam_types::CustomerPortal,
    format: OutputFormat,
) -> Result<(), CliError> {
    match format {
        OutputFormat::Text => print_line(&seam_cli::terminal::escape(portal.url.as_str())),
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
