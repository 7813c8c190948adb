//! `seam completions <shell>`: the completion script for bash, zsh, fish, elvish or PowerShell.

use clap::CommandFactory;

use crate::args::Cli;
use crate::exit::CliError;

/// Writes the completion script for `shell` to stdout.
pub fn print(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "seam", &mut out);
    Ok(())
}
