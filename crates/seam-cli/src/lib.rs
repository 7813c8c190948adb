//! The library half of the `seam` command-line tool: the pieces that read untrusted input or
//! shape untrusted output, kept apart from argument parsing and printing so they can be tested and
//! fuzzed in-process.
//!
//! * [`body::read_request`] reads `--body` bytes into a typed request: JSON syntax, one object, no
//!   key named twice at any depth, then the request type, with the JSON path of any problem.
//!   [`body::read_source`] fetches those bytes from a file or stdin under a size cap.
//! * [`pretty::write_pretty`] pretty-prints JSON bytes by streaming (the `--dry-run` body).
//! * [`terminal`] escapes control characters and cuts long values before they reach a terminal.
//!
//! The binary (`seam`, in `main.rs`) is the only supported interface; this library exists for the
//! binary, its tests and its fuzz targets, and follows the binary's version.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod body;
pub mod pretty;
pub mod terminal;
