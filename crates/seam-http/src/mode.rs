//! How a [`Call`](crate::Call) runs: awaited on the caller's async runtime ([`Async`]) or, with
//! the `blocking` feature, to completion on a private runtime (`blocking::Blocking`).
//!
//! The mode is a type parameter so that both kinds of client share one [`Call`](crate::Call) type,
//! with the same per-call options, and differ only in `send`.

/// The ways a call can run; implemented by [`Async`] and (feature `blocking`) `blocking::Blocking`.
///
/// Sealed: the SDK adds modes, users pick one by choosing a client.
pub trait Mode: Clone + Send + Sync + private::Sealed {}

/// Calls made by [`crate::Seam`]: `call.send().await` (or `call.await`) on your async runtime.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Async;

impl Mode for Async {}
impl private::Sealed for Async {}

pub(crate) mod private {
    /// Keeps [`super::Mode`] closed to other crates.
    pub trait Sealed {}
}
