//! `cargo xtask bench`: the SDK measured against raw hyper and plain serde_json, printed as one table.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use seam_bench::options::Options;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--rusage") {
        return match seam_bench::cli::rusage_main(&args[1..]) {
            Ok(sample) => {
                println!("{}", sample.to_line());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("seam-bench --rusage: {message}");
                ExitCode::FAILURE
            }
        };
    }
    let options = match Options::parse(args) {
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
