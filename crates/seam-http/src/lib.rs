//! seam-http
#![forbid(unsafe_code)]
#![deny(missing_docs)]
