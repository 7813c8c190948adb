//! `cargo xtask bench`: the SDK measured against raw hyper.
#![forbid(unsafe_code)]

fn main() {}
