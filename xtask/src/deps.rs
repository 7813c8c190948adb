//! The dependency-boundary check: the pure crates must not pull in an HTTP stack or a runtime, the
//! SDK client must not pull in what only the fake server needs, and without its bundled client it
//! must not pull in an HTTP stack or TLS at all.

use crate::cargo_stdout;

/// (package, dependencies it must never have on its normal edge).
const RULES: &[(&str, &[&str])] = &[
    (
        "seamapi-types",
        &["http", "hyper", "tokio", "hyper-util", "rustls"],
    ),
    ("seamapi-core", &["hyper", "tokio", "hyper-util", "rustls"]),
];

/// The SDK client's crate.
const CLIENT: &str = "seamapi-http";

/// Features of shared dependencies that the SDK client must not enable on its normal edge (the
/// fake server and the CLI need them; SDK users must not compile them).
const CLIENT_FORBIDDEN_FEATURES: &[(&str, &str)] = &[
    ("hyper", "server"),
    ("hyper-util", "server"),
    ("hyper-util", "server-auto"),
    ("tokio", "signal"),
    ("tokio", "macros"),
    ("tokio", "rt-multi-thread"),
];

/// What the SDK client must not depend on with `--no-default-features` (no bundled client).
const CLIENT_WITHOUT_DEFAULT: &[&str] = &[
    "hyper",
    "hyper-util",
    "hyper-rustls",
    "rustls",
    "tokio-rustls",
    "reqwest",
];

/// `cargo tree -p krate -e edges --prefix none` plus `extra`, one entry per line.
fn tree(krate: &str, edges: &str, extra: &[&str]) -> Result<String, String> {
    let mut args = vec!["tree", "-p", krate, "-e", edges, "--prefix", "none"];
    args.extend_from_slice(extra);
    cargo_stdout(&args)
}

/// Fails if any line of a `{p}`-formatted tree names one of `forbidden`.
fn no_packages(tree: &str, forbidden: &[&str], what: &str) -> Result<(), String> {
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        if forbidden.contains(&name) {
            return Err(format!(
                "`{what}` contains `{name}`, which this crate must not depend on"
            ));
        }
    }
    eprintln!("xtask: {what}: none of {}", forbidden.join(", "));
    Ok(())
}

pub(crate) fn check() -> Result<(), String> {
    for (krate, forbidden) in RULES {
        let tree = normal_tree(krate)?;
        no_packages(
            &tree,
            forbidden,
            &format!("cargo tree -p {krate} -e normal"),
        )?;
    }

    // Feature nodes print as `name feature "feat"`.
    let features = tree(CLIENT, "normal,features", &[])?;
    for (dep, feature) in CLIENT_FORBIDDEN_FEATURES {
        let node = format!("{dep} feature \"{feature}\"");
        if features.lines().any(|line| line.starts_with(&node)) {
            return Err(format!(
                "`cargo tree -p {CLIENT} -e normal,features` enables {node}: that is the fake's or \
                 the CLI's, not the SDK's"
            ));
        }
    }
    eprintln!(
        "xtask: {CLIENT} enables none of {}",
        CLIENT_FORBIDDEN_FEATURES
            .iter()
            .map(|(d, f)| format!("{d}/{f}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    let bare = tree(
        CLIENT,
        "normal",
        &["--no-default-features", "--format", "{p}"],
    )?;
    no_packages(
        &bare,
        CLIENT_WITHOUT_DEFAULT,
        &format!("cargo tree -p {CLIENT} -e normal --no-default-features"),
    )?;
    let bare_features = tree(CLIENT, "normal,features", &["--no-default-features"])?;
    if bare_features
        .lines()
        .any(|line| line.starts_with("tokio feature \"net\""))
    {
        return Err(format!(
            "`cargo tree -p {CLIENT} --no-default-features` enables tokio's `net`: only the bundled client needs it"
        ));
    }
    eprintln!("xtask: {CLIENT} --no-default-features: no tokio/net");
    Ok(())
}

/// `cargo tree -p PACKAGE -e normal`, one `name vX` per line: what a user of PACKAGE compiles.
pub(crate) fn normal_tree(package: &str) -> Result<String, String> {
    tree(package, "normal", &["--format", "{p}"])
}
