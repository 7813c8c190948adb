//! Typed, validated models of the Seam API customers namespace.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod validate;

pub use validate::{Validate, ValidationError, Violation};
