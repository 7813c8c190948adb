//! The dependency-boundary check: the pure crates must not pull in an HTTP stack or a runtime.

use crate::cargo_stdout;

/// (package, dependencies it must never have on its normal edge).
const RULES: &[(&str, &[&str])] = &[
    (
        "seamapi-types",
        &["http", "hyper", "tokio", "hyper-util", "rustls"],
    ),
    ("seamapi-core", &["hyper", "tokio", "hyper-util", "rustls"]),
];

pub(crate) fn check() -> Result<(), String> {
    for (krate, forbidden) in RULES {
        let tree = normal_tree(krate)?;
        for line in tree.lines() {
            let name = line.split_whitespace().next().unwrap_or("");
            if forbidden.contains(&name) {
                return Err(format!(
                    "`cargo tree -p {krate} -e normal` contains `{name}`, which this crate must not depend on"
                ));
            }
        }
        eprintln!("xtask: {krate} depends on none of {}", forbidden.join(", "));
    }
    Ok(())
}

/// `cargo tree -p PACKAGE -e normal`, one `name vX` per line: what a user of PACKAGE compiles.
pub(crate) fn normal_tree(package: &str) -> Result<String, String> {
    cargo_stdout(&[
        "tree", "-p", package, "-e", "normal", "--prefix", "none", "--format", "{p}",
    ])
}
