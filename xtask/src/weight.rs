//! `cargo xtask weight [PACKAGE]`: what a user pays for one crate alone (default `seamapi-types`):
//! the packages on its normal dependency tree, and a cold debug build of it in a target folder of
//! its own (`target/xtask-weight`, emptied first), with the time cargo reports.

use std::time::Instant;

use crate::{cargo, workspace_root};

pub(crate) fn run_cmd(args: &[String]) -> Result<(), String> {
    let package = match args {
        [] => "seamapi-types",
        [one] => one.as_str(),
        _ => return Err("usage: cargo xtask weight [PACKAGE]".into()),
    };
    let tree = crate::deps::normal_tree(package)?;
    let packages = unique_packages(&tree);
    eprintln!(
        "xtask: {package}: {} packages on the normal tree (itself included):",
        packages.len()
    );
    eprintln!("xtask:   {}", packages.join(", "));

    let target = workspace_root().join("target").join("xtask-weight");
    if target.exists() {
        std::fs::remove_dir_all(&target)
            .map_err(|e| format!("cannot empty {}: {e}", target.display()))?;
    }
    let started = Instant::now();
    let status = cargo()
        .args([
            "build",
            "--quiet",
            "--locked",
            "-p",
            package,
            "--target-dir",
        ])
        .arg(&target)
        .status()
        .map_err(|e| format!("could not run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build -p {package} failed ({status})"));
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    eprintln!(
        "xtask: {package}: cold debug build {:.1} s on {jobs} CPU(s) (other load on the machine counts too)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `name vX` once each, in first-seen order, from `cargo tree --prefix none --format {p}` output.
fn unique_packages(tree: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for line in tree.lines() {
        let mut words = line.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        let id = format!("{name} {version}");
        if !seen.contains(&id) {
            seen.push(id);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_packages_count_once() {
        let tree = "seamapi-types v0.1.0 (/w)\nserde v1.0.1\nserde_core v1.0.1\nserde v1.0.1 (*)\n\nurl v2.5.4\n";
        assert_eq!(
            unique_packages(tree),
            [
                "seamapi-types v0.1.0",
                "serde v1.0.1",
                "serde_core v1.0.1",
                "url v2.5.4"
            ]
        );
    }
}
