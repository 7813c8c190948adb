//! `seam completions <shell>`: the completion script for bash, zsh, fish, elvish or PowerShell.

use clap::CommandFactory;

use crate::args::Cli;
use crate::exit::CliError;

/// Writes the completion script for `shell` to stdout. The script is generated in memory first:
/// clap_complete panics when its writer fails, and a full disk must be exit 1, not a panic.
pub fn print(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "seam", &mut script);
    crate::output::stdout_with(|out| out.write_all(&script))
}
