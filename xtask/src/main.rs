//! Project automation, run as `cargo xtask <command>`.
//!
//! * `test`  — formatting and lint checks, the dependency-boundary, copy, MSRV and package checks, then
//!   every test of the workspace (unit, integration, doc) with insta in check mode and a CI-sized
//!   proptest case count.
//! * `package` — every publishable crate packaged and built from its own tarball (see `package.rs`).
//! * `msrv` — the declared `rust-version` against every locked dependency's.
//! * `weight` — what one crate costs a user alone: dependency count and cold build time.
//! * `fuzz` — the cargo-fuzz targets in `fuzz/` (not part of `test`, which checks their wiring).
//! * `bench` — the release-mode benchmarks (see `BENCHMARKS.md`).
#![forbid(unsafe_code)]

mod copies;
mod deps;
mod fuzz;
mod metadata;
mod msrv;
mod package;
mod stale;
mod test;
mod weight;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test::run_cmd(&args[1..]),
        Some("deps") => deps::check(),
        Some("copies") => copies::check(),
        Some("msrv") => msrv::check(),
        Some("package") => package::run_cmd(&args[1..]),
        Some("weight") => weight::run_cmd(&args[1..]),
        Some("fuzz") => fuzz::run_cmd(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("help") | Some("--help") | Some("-h") | None => {
            print_help();
            Ok(())
        }
        Some(other) => Err(format!(
            "unknown xtask command `{other}` (try `cargo xtask help`)"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_help() {
    println!(
        "cargo xtask <command>\n\n\
         commands:\n  \
         test [--no-lint]   fmt + clippy + rustdoc + deps + copies + msrv + package + every test (insta check mode)\n  \
         deps               only the dependency-boundary check\n  \
         copies             only the check that the spec copies and README example match their masters\n  \
         msrv               only the check that rust-version covers every locked dependency's rust-version\n  \
         package [--no-verify]  every publishable crate packaged and built from its own tarball\n  \
         weight [PACKAGE]   dependency count and cold build time of one crate alone (default seamapi-types)\n  \
         fuzz [--seconds N] [--target T]  cargo-fuzz targets (nightly + cargo-fuzz), seeded from snapshots\n  \
         bench [ARGS..]     release-mode benchmarks (cargo run --release -p seam-bench -- ARGS)\n\n\
         environment:\n  \
         PROPTEST_CASES     proptest cases per property (default 64 here)\n"
    );
}

fn bench(args: &[String]) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args(["run", "--release", "--quiet", "-p", "seam-bench", "--"])
        .args(args);
    run(cmd)
}

/// A `cargo` command using the same cargo binary that runs xtask.
pub(crate) fn cargo() -> std::process::Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = std::process::Command::new(cargo);
    cmd.current_dir(workspace_root());
    // `cargo run` gave xtask its own package variables; a nested cargo must not inherit them, or
    // build scripts that watch them (ring's) see a change and rebuild on every run.
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name,
                "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE" | "OUT_DIR"
            )
        {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// The workspace root (the parent of this crate's folder).
pub(crate) fn workspace_root() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Runs `cargo ARGS` and returns its standard output, or an error with its standard error.
pub(crate) fn cargo_stdout(args: &[&str]) -> Result<String, String> {
    let shown = format!("cargo {}", args.join(" "));
    let output = cargo()
        .args(args)
        .output()
        .map_err(|e| format!("could not run {shown}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{shown} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs a command to completion, turning a non-zero exit into an error that names it.
pub(crate) fn run(mut cmd: std::process::Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: running {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}
