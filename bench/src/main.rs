//! `cargo xtask bench`: the SDK measured against raw hyper and plain serde_json, printed as one table.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use seam_bench::options::Options;

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    match seam_bench::run::run(&options) {
        Ok(table) => {
            println!("{table}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("seam-bench: {message}");
            ExitCode::FAILURE
        }
    }
}
