//! The dependency-boundary check: the pure crates must not pull in an HTTP stack or a runtime.

use crate::cargo;

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
        let output = cargo()
            .args([
                "tree", "-p", krate, "-e", "normal", "--prefix", "none", "--format", "{p}",
            ])
            .output()
            .map_err(|e| format!("could not run cargo tree: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo tree -p {krate} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let tree = String::from_utf8_lossy(&output.stdout);
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
