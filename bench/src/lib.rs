//! `seam-bench`: the pieces of `cargo xtask bench` (see `BENCHMARKS.md` at the repository root).
//!
//! The binary `seam-bench` prints the table; the binary `seam-bench-heap` measures peak heap in its
//! own process, under a counting allocator that would otherwise slow the throughput runs.
#![forbid(unsafe_code)]

pub mod breakdown;
pub mod child;
pub mod cli;
pub mod e2e;
pub mod fixtures;
pub mod heap;
pub mod js;
pub mod load;
pub mod machine;
pub mod options;
pub mod parse;
pub mod payload;
pub mod profile;
pub mod proto_parse;
pub mod proto_validate;
pub mod raw;
pub mod read;
pub mod run;
pub mod sdk;
pub mod serialize;
pub mod server;
pub mod stats;
pub mod table;
pub mod timing;
