//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use crate::{cargo, copies, deps, fuzz, msrv, package, run, workspace_root};

/// Optional features every check also covers (the reqwest transport and its test suite).
const EXTRA_FEATURES: &str = "seamapi-http/reqwest";

/// Proptest cases per property when `PROPTEST_CASES` is not set: enough to find shallow bugs, cheap on 2 cores.
const DEFAULT_PROPTEST_CASES: &str = "64";

pub(crate) fn run_all(lint: bool) -> Result<(), String> {
    if lint {
        let mut fmt = cargo();
        fmt.args(["fmt", "--all", "--", "--check"]);
        run(fmt)?;
        let mut clippy = cargo();
        clippy.args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--features",
            EXTRA_FEATURES,
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]);
        run(clippy)?;
        // Without the bundled client (a user bringing a transport): the library, its examples and
        // the tests that need no hyper must still build warning-free.
        let mut bare = cargo();
        bare.args([
            "clippy",
            "-p",
            "seamapi-http",
            "--all-targets",
            "--no-default-features",
            "--features",
            "reqwest,blocking",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]);
        run(bare)?;
        // Broken intra-doc links and malformed doc comments fail the run too.
        let mut doc = cargo();
        doc.args([
            "doc",
            "--workspace",
            "--no-deps",
            "--features",
            EXTRA_FEATURES,
            "--quiet",
        ]);
        doc.env("RUSTDOCFLAGS", "-D warnings");
        run(doc)?;
    }
    deps::check()?;
    // The TLS provider features are additive: both at once must still build (aws-lc-rs is then
    // the one used). aws-lc-sys is a C build (needs a C compiler), about a minute cold.
    let mut providers = cargo();
    providers.args([
        "check",
        "-p",
        "seamapi-http",
        "--features",
        "ring,aws-lc-rs",
        "--quiet",
    ]);
    run(providers)?;
    copies::check()?;
    msrv::check()?;
    let targets = fuzz::wiring(&workspace_root())?;
    eprintln!("xtask: fuzz targets wired: {}", targets.join(", "));
    // Each crate built from its own tarball: about a minute warm (the five crates rebuilt once each).
    package::check(true)?;

    let mut test = cargo();
    test.args(["test", "--workspace", "--features", EXTRA_FEATURES]);
    test.args(["--no-fail-fast"]);
    // Snapshots in check mode: a changed or new snapshot fails, nothing is written.
    test.env("INSTA_UPDATE", "no");
    test.env("INSTA_FORCE_PASS", "0");
    if std::env::var_os("PROPTEST_CASES").is_none() {
        test.env("PROPTEST_CASES", DEFAULT_PROPTEST_CASES);
    }
    run(test)
}

pub(crate) fn run_cmd(args: &[String]) -> Result<(), String> {
    let lint = !args.iter().any(|a| a == "--no-lint");
    if let Some(unknown) = args.iter().find(|a| a.as_str() != "--no-lint") {
        return Err(format!("unknown flag `{unknown}` for `cargo xtask test`"));
    }
    run_all(lint)
}
