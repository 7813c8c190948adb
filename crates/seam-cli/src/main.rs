//! The `seam` command-line tool: Customer Portal links from the shell, offline with `--fake`.
#![forbid(unsafe_code)]

mod args;
mod body;
mod completions;
mod customers;
mod dry_run;
mod duration;
mod exit;
mod fake_server;
mod kind_key;
mod origins;
mod output;
mod request;
mod sdk_error;
mod send;
mod target;
mod typed;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::exit::CliError;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2, which matches our "usage" code.
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Completions { shell } => completions::print(shell),
        Command::Customers(command) => runtime()?.block_on(customers::run(&cli.global, &command)),
        Command::Fake(args) => runtime()?.block_on(fake_server::run(&args)),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::internal(format!("could not start the async runtime: {e}")))
}
