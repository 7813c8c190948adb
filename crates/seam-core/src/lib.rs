//! The sans-IO core of the Seam customers SDK.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod transport;

pub use transport::{BoxFuture, Transport, TransportError, TransportErrorKind};
