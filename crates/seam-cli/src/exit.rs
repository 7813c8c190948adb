//! Exit codes and the one error type every command returns: a headline plus detail lines for stderr.

use std::fmt;
use std::process::ExitCode;

use seam_cli::terminal;

/// What the exit codes mean; shown at the end of `seam --help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  internal failure of the tool itself (e.g. the embedded fake could not start)
  2  usage error or invalid input; nothing was sent
  3  the API answered with an error (type, message and request id are printed)
  4  network failure, timeout, or a response that could not be understood";

/// Why a command failed, which decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The tool itself failed (exit 1).
    Internal,
    /// Bad flags, bad body, invalid request or missing credentials; nothing sent (exit 2).
    Usage,
    /// The server answered with an error envelope (exit 3).
    Api,
    /// Transport failure, timeout or an unreadable response (exit 4).
    Network,
}

impl Failure {
    /// The process exit code for this failure.
    pub fn code(self) -> u8 {
        match self {
            Failure::Internal => 1,
            Failure::Usage => 2,
            Failure::Api => 3,
            Failure::Network => 4,
        }
    }
}

/// A failed command: one headline saying what failed, then detail lines (violations, API error fields).
#[derive(Debug)]
pub struct CliError {
    /// Decides the exit code.
    pub failure: Failure,
    /// One line: what failed.
    pub headline: String,
    /// Further lines, printed indented under the headline.
    pub details: Vec<String>,
}

impl CliError {
    /// An error of `failure` with `headline` and no details.
    pub fn new(failure: Failure, headline: impl Into<String>) -> Self {
        Self {
            failure,
            headline: headline.into(),
            details: Vec::new(),
        }
    }

    /// A usage / invalid-input error (exit 2).
    pub fn usage(headline: impl Into<String>) -> Self {
        Self::new(Failure::Usage, headline)
    }

    /// An internal error (exit 1).
    pub fn internal(headline: impl Into<String>) -> Self {
        Self::new(Failure::Internal, headline)
    }

    /// Appends one detail line.
    #[must_use]
    pub fn detail(mut self, line: impl Into<String>) -> Self {
        self.details.push(line.into());
        self
    }

    /// Writes the error to stderr and returns the exit code (1 if stderr cannot be written).
    pub fn report(&self) -> ExitCode {
        crate::output::report(self)
    }
}

/// The most detail lines printed (about a screenful); the rest are counted.
pub const MAX_DETAIL_LINES: usize = 40;

/// The longest line printed; a longer one is cut with a marker.
const MAX_LINE_BYTES: usize = 4 * terminal::MAX_VALUE_BYTES;

/// One line for the terminal: cut, and with every control character escaped.
fn safe_line(line: &str) -> std::borrow::Cow<'_, str> {
    match terminal::cut(line, MAX_LINE_BYTES) {
        std::borrow::Cow::Borrowed(line) => terminal::escape(line),
        std::borrow::Cow::Owned(cut) => terminal::escape(&cut).into_owned().into(),
    }
}

impl fmt::Display for CliError {
    /// `error: <headline>` and the details indented below it, at most [`MAX_DETAIL_LINES`] of
    /// them; every line is cut and escaped, so server text cannot drive the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut headline = self.headline.lines();
        write!(f, "error: {}", safe_line(headline.next().unwrap_or("")))?;
        // Multi-line details (e.g. a nested error) stay indented, one line each.
        let mut lines = headline.chain(self.details.iter().flat_map(|d| d.lines()));
        for line in lines.by_ref().take(MAX_DETAIL_LINES) {
            write!(f, "\n  {}", safe_line(line))?;
        }
        let rest = lines.count();
        if rest > 0 {
            write!(f, "\n  ... and {rest} more lines")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_help_text() {
        for failure in [
            Failure::Internal,
            Failure::Usage,
            Failure::Api,
            Failure::Network,
        ] {
            let line = format!("  {}  ", failure.code());
            assert!(EXIT_CODES_HELP.contains(&line), "{failure:?}");
        }
        assert_eq!(Failure::Usage.code(), 2);
        assert_eq!(Failure::Api.code(), 3);
        assert_eq!(Failure::Network.code(), 4);
    }

    #[test]
    fn display_puts_details_under_the_headline() {
        let err = CliError::usage("invalid request")
            .detail("a.b: must not be empty")
            .detail("x\ny");
        assert_eq!(
            err.to_string(),
            "error: invalid request\n  a.b: must not be empty\n  x\n  y"
        );
    }

    #[test]
    fn display_escapes_controls_and_stays_bounded() {
        let mut err = CliError::usage("bad \u{1b}[2J body").detail("msg\u{7}: \u{9b}31m");
        for i in 0..1000 {
            err = err.detail(format!("line {i}"));
        }
        err = err.detail("x".repeat(100_000));
        let text = err.to_string();
        assert!(
            !text.chars().any(|c| c != '\n' && terminal::is_unsafe(c)),
            "{text}"
        );
        assert!(text.starts_with("error: bad \\x1b[2J body\n  msg\\x07: \\u{9b}31m\n"));
        assert!(text.ends_with("\n  ... and 962 more lines"), "{text}");
        assert!(text.len() < 2_000, "{}", text.len());
    }
}
