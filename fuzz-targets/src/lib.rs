//! The fuzz targets' bodies, one function per target, each taking the fuzzer's raw bytes.
//!
//! `fuzz/` (a cargo-fuzz crate outside the workspace) wraps each in `fuzz_target!`; here they are
//! ordinary functions, so the workspace's clippy, rustdoc and tests keep them compiling without
//! nightly, and crash inputs can be replayed with `cargo test`. A target fails by panicking: on a
//! panic inside the code under test, or on a broken invariant checked here.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cli_body;
pub mod fake_validator;
pub mod parse_response;
pub mod seeds;

/// A target's body: takes the fuzzer's bytes, panics on a finding.
pub type Target = fn(&[u8]);

/// Every target: its name (as `cargo xtask fuzz --target` and `fuzz/fuzz_targets/` spell it) and body.
pub const TARGETS: &[(&str, Target)] = &[
    ("parse_response", parse_response::run),
    ("fake_validator", fake_validator::run),
    ("cli_body", cli_body::run),
];
