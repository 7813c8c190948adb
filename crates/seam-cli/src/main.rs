//! The `seam` command-line tool: Customer Portal links from the shell, offline with `--fake`.
#![forbid(unsafe_code)]

mod args;
mod completions;
mod customers;
mod dry_run;
mod exit;
mod fake_server;
mod kind_key;
mod origins;
mod output;
mod request;
mod run;
mod sdk_error;
mod target;
mod typed;

use std::process::ExitCode;

use clap::Parser as _;

use crate::args::{Cli, Command};
use crate::exit::CliError;

fn main() -> ExitCode {
    // Usage errors exit with clap's 2, which matches our "usage" code; `--help` and `--version`
    // exit 0. Printing goes through `output`, so a failed write is exit 1 rather than ignored.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return output::report_clap(&error),
    };
    if let Err(error) = args::check_conflicts(&cli) {
        return output::report_clap(&error);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Completions { shell } => completions::print(shell),
        Command::Customers(command) => {
            runtime()?.block_on(customers::dispatch(&cli.global, &command))
        }
        Command::Fake(args) => runtime()?.block_on(fake_server::run(&args)),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::internal(format!("could not start the async runtime: {e}")))
}
