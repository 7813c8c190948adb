//! `cargo xtask fuzz [--seconds N] [--target T]`: runs the cargo-fuzz targets in `fuzz/` with seeds
//! written fresh from the repository's snapshots, one target after another, and sums each run up
//! (executions, crashes, the crash file to turn into a regression test).
//!
//! Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); not part of
//! `cargo xtask test`, which instead checks the wiring (every target of `seam-fuzz-targets` has its
//! `fuzz/` entry and the other way round) while the workspace build keeps the bodies compiling.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{cargo, workspace_root};

/// Seconds per target when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 60;
/// libFuzzer limits: inputs up to 16 KiB, no single allocation over 256 MiB, 1 GiB resident at
/// most, 10 s per input. A small input that makes the code allocate or spin without bound is a crash.
const LIBFUZZER_FLAGS: &[&str] = &[
    "-max_len=16384",
    "-malloc_limit_mb=256",
    "-rss_limit_mb=1024",
    "-timeout=10",
    "-print_final_stats=1",
];

pub(crate) fn run_cmd(args: &[String]) -> Result<(), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut only: Option<String> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().ok_or("--seconds needs a number")?;
                seconds = value.parse().map_err(|_| {
                    format!("--seconds: `{value}` is not a whole number of seconds")
                })?;
            }
            "--target" => only = Some(args.next().ok_or("--target needs a target name")?.clone()),
            other => {
                return Err(format!(
                    "unknown flag `{other}` for `cargo xtask fuzz` (--seconds N, --target T)"
                ))
            }
        }
    }
    let root = workspace_root();
    let targets = wiring(&root)?;
    let chosen: Vec<&String> = match &only {
        Some(t) if targets.contains(t) => vec![t],
        Some(t) => {
            return Err(format!(
                "no fuzz target `{t}` (there are: {})",
                targets.join(", ")
            ))
        }
        None => targets.iter().collect(),
    };
    require_cargo_fuzz()?;

    let corpus = root.join("fuzz").join("corpus");
    let mut seeds = cargo();
    seeds
        .args([
            "run",
            "--quiet",
            "-p",
            "seam-fuzz-targets",
            "--bin",
            "fuzz-seeds",
            "--",
        ])
        .arg(&corpus);
    crate::run(seeds)?;

    let mut summary = Vec::new();
    for target in chosen {
        summary.push(fuzz_one(&root, target, seconds)?);
    }
    eprintln!("xtask: fuzz summary ({seconds} s per target):");
    for line in &summary {
        eprintln!("xtask:   {line}");
    }
    if summary.iter().any(|l| l.contains("CRASH")) {
        return Err(
            "a fuzz target crashed: replay the file with `cargo +nightly fuzz run TARGET FILE` \
                    (in fuzz/), fix the bug, and make the input a regression test"
                .into(),
        );
    }
    Ok(())
}

/// `cargo +nightly fuzz` through rustup's proxy, without the variables `cargo run` gave xtask.
fn nightly_fuzz() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(workspace_root());
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if (name.starts_with("CARGO") && name != "CARGO_HOME")
            || name == "RUSTUP_TOOLCHAIN"
            || name == "RUSTC"
        {
            cmd.env_remove(name);
        }
    }
    cmd.args(["+nightly", "fuzz"]);
    cmd
}

fn require_cargo_fuzz() -> Result<(), String> {
    let found = nightly_fuzz()
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        Ok(())
    } else {
        Err("`cargo +nightly fuzz` does not run here. Fuzzing needs the nightly toolchain and cargo-fuzz:\n  \
             rustup toolchain install nightly\n  \
             cargo install cargo-fuzz\nthen run `cargo xtask fuzz` again."
            .into())
    }
}

/// Runs one target for `seconds`, streaming libFuzzer's output, and returns its summary line.
fn fuzz_one(root: &Path, target: &str, seconds: u64) -> Result<String, String> {
    let mut cmd = nightly_fuzz();
    // No sanitizer: the code under test forbids `unsafe`; panics, aborts and the limits above are
    // what the targets look for, and without ASan each second runs several times more inputs.
    // Debug assertions on, so an integer overflow is a crash too.
    cmd.args(["run", "--sanitizer", "none", "--debug-assertions", target])
        .arg(root.join("fuzz").join("corpus").join(target))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .args(LIBFUZZER_FLAGS)
        .stderr(Stdio::piped());
    eprintln!("xtask: fuzzing {target} for {seconds} s");
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    let mut stats = FinalStats::default();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            stats.read(&line);
        }
    }
    let status = child.wait().map_err(|e| format!("cargo fuzz: {e}"))?;
    Ok(stats.summary(target, status.success()))
}

/// What libFuzzer's last lines say about a run.
#[derive(Debug, Default, PartialEq)]
struct FinalStats {
    executions: Option<u64>,
    artifact: Option<String>,
}

impl FinalStats {
    fn read(&mut self, line: &str) {
        if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
            self.executions = n.trim().parse().ok();
        }
        if let Some(at) = line.find("Test unit written to ") {
            self.artifact = Some(line[at + "Test unit written to ".len()..].trim().to_owned());
        }
    }

    fn summary(&self, target: &str, success: bool) -> String {
        let runs = self
            .executions
            .map_or("? executions".to_owned(), |n| format!("{n} executions"));
        match (&self.artifact, success) {
            (None, true) => format!("{target}: {runs}, 0 crashes"),
            (Some(file), _) => format!("{target}: {runs}, CRASH, input saved to {file}"),
            (None, false) => {
                format!("{target}: {runs}, CRASH or build failure (see the output above)")
            }
        }
    }
}

/// The fuzz targets, checked to be wired both ways: each `("name", module::run)` entry of
/// `fuzz-targets/src/lib.rs` has a `[[bin]]` of that name in `fuzz/Cargo.toml` whose file calls
/// `seam_fuzz_targets::name::run`, and no `[[bin]]` lacks an entry.
pub(crate) fn wiring(root: &Path) -> Result<Vec<String>, String> {
    let read = |rel: &str| {
        std::fs::read_to_string(root.join(rel)).map_err(|e| format!("cannot read {rel}: {e}"))
    };
    let lib = read("fuzz-targets/src/lib.rs")?;
    let manifest = read("fuzz/Cargo.toml")?;
    let bins = bin_targets(&manifest);
    let mut files = Vec::new();
    for (_, path) in &bins {
        files.push(read(&format!("fuzz/{path}"))?);
    }
    check_wiring(&lib_targets(&lib), &bins, &files)
}

fn check_wiring(
    lib: &[String],
    bins: &[(String, String)],
    files: &[String],
) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for name in lib {
        match bins.iter().position(|(bin, _)| bin == name) {
            None => problems.push(format!("fuzz/Cargo.toml has no [[bin]] `{name}`")),
            Some(i) if !files[i].contains(&format!("seam_fuzz_targets::{name}::run")) => problems
                .push(format!(
                    "fuzz/{} does not call seam_fuzz_targets::{name}::run",
                    bins[i].1
                )),
            Some(_) => {}
        }
    }
    for (bin, _) in bins {
        if !lib.contains(bin) {
            problems.push(format!(
                "fuzz/Cargo.toml's [[bin]] `{bin}` is not in seam_fuzz_targets::TARGETS"
            ));
        }
    }
    if lib.is_empty() {
        problems.push("seam_fuzz_targets::TARGETS lists no target".into());
    }
    if problems.is_empty() {
        Ok(lib.to_vec())
    } else {
        Err(format!("fuzz wiring:\n  {}", problems.join("\n  ")))
    }
}

/// Names in `("name", name::run)` entries.
fn lib_targets(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("(\"")?;
            let (name, tail) = rest.split_once('"')?;
            tail.contains(&format!("{name}::run"))
                .then(|| name.to_owned())
        })
        .collect()
}

/// (name, path) of each `[[bin]]` section.
fn bin_targets(manifest: &str) -> Vec<(String, String)> {
    let mut bins = Vec::new();
    let mut in_bin = false;
    let (mut name, mut path) = (None, None);
    let value = |line: &str, key: &str| {
        let rest = line
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?
            .trim();
        Some(rest.trim_matches('"').to_owned())
    };
    for line in manifest.lines().map(str::trim).chain(["[end]"]) {
        if line.starts_with('[') {
            if let (true, Some(n), Some(p)) = (in_bin, name.take(), path.take()) {
                bins.push((n, p));
            }
            in_bin = line == "[[bin]]";
            continue;
        }
        if in_bin {
            name = value(line, "name").or(name);
            path = value(line, "path").or(path);
        }
    }
    bins
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "[package]\nname = \"seam-fuzz\"\n\n[[bin]]\nname = \"a\"\npath = \"fuzz_targets/a.rs\"\n\n[[bin]]\nname = \"b\"\npath = \"fuzz_targets/b.rs\"\n";

    #[test]
    fn targets_wired_both_ways_pass_and_a_missing_or_miswired_one_fails() {
        let lib =
            lib_targets("pub const TARGETS = &[\n    (\"a\", a::run),\n    (\"b\", b::run),\n];\n");
        assert_eq!(lib, ["a", "b"]);
        let bins = bin_targets(MANIFEST);
        assert_eq!(bins[1], ("b".to_owned(), "fuzz_targets/b.rs".to_owned()));
        let files = [
            "seam_fuzz_targets::a::run(d)".to_owned(),
            "seam_fuzz_targets::b::run(d)".to_owned(),
        ];
        assert_eq!(check_wiring(&lib, &bins, &files).unwrap(), ["a", "b"]);

        let err = check_wiring(&lib, &bins[..1], &files[..1]).unwrap_err();
        assert!(err.contains("no [[bin]] `b`"), "{err}");
        let err = check_wiring(&lib[..1], &bins, &files).unwrap_err();
        assert!(err.contains("[[bin]] `b` is not in"), "{err}");
        let swapped = [files[1].clone(), files[0].clone()];
        let err = check_wiring(&lib, &bins, &swapped).unwrap_err();
        assert!(
            err.contains("fuzz_targets/a.rs does not call seam_fuzz_targets::a::run"),
            "{err}"
        );
    }

    #[test]
    fn final_stats_give_executions_and_the_crash_file() {
        let mut stats = FinalStats::default();
        stats.read("#1024 pulse  cov: 10 ft: 12 corp: 3/40b exec/s: 512 rss: 40Mb");
        stats.read("stat::number_of_executed_units: 123456");
        assert_eq!(stats.summary("t", true), "t: 123456 executions, 0 crashes");
        stats.read("artifact_prefix='x/'; Test unit written to fuzz/artifacts/t/crash-abc");
        assert_eq!(
            stats.summary("t", false),
            "t: 123456 executions, CRASH, input saved to fuzz/artifacts/t/crash-abc"
        );
        assert!(FinalStats::default()
            .summary("t", false)
            .contains("CRASH or build failure"));
    }
}
