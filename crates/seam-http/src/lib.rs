//! The batteries-included Seam customers client: a hyper + rustls transport, Tokio timers and the `Seam` facade.
//!
//! ```no_run
//! use seam_http::{CreatePortalRequest, CustomerData, Seam};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), seam_http::Error> {
//!     // SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN + SEAM_WORKSPACE_ID), optional SEAM_ENDPOINT.
//!     let seam = Seam::from_env()?;
//!
//!     let request = CreatePortalRequest::new().with_customer_data(CustomerData::new("customer_1"));
//!     match seam.customers().create_portal(request).send().await {
//!         Ok(portal) => println!("send this link to your customer: {}", portal.url),
//!         Err(e) if e.is_unauthorized() => eprintln!("check SEAM_API_KEY: {e}"),
//!         Err(e) => {
//!             eprintln!("create_portal failed: {e} (request id {:?})", e.request_id());
//!             return Err(e);
//!         }
//!     }
//!     Ok(())
//! }
//! ```
//!
//! * One client, cloned freely: clones share the connection pool ([`Seam`]).
//! * Per-call overrides without a second client: [`Call::timeout`], [`Call::max_attempts`],
//!   [`Call::idempotent`], [`Call::retry_policy`]; then [`Call::send`].
//! * Requests by value or by reference: `push_data(&request)` serializes your value without
//!   copying it and leaves it yours ([`Customers`] says why); `create_portal_for("acme")` is the
//!   one-line portal link.
//! * Your own HTTP stack: [`Seam::with_transport`] takes any [`Transport`], a closure included.
//! * Diagnostics: each call runs in an info-level `seam.call` [`tracing`] span with `operation`,
//!   `attempts`, `status`, `request_id` and `elapsed_ms` (details as debug events); credentials never
//!   appear in logs, errors or `Debug` output.
//!
//! Cargo features: `ring` (default) or `aws-lc-rs` picks the rustls crypto provider (exactly one);
//! `webpki-roots` (default) and/or `native-roots` picks the trust roots (at least one); `blocking`
//! adds `blocking::Seam`, the same calls without an async runtime of your own.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// docs.rs (and `cargo xtask docsrs`) build with `--cfg docsrs`: every feature-gated item gets its badge.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod call;
mod client;
mod customers;
pub mod mode;
mod runtime;
mod tls;
pub mod transport;

pub use builder::SeamBuilder;
pub use call::Call;
pub use client::Seam;
pub use customers::Customers;
pub use runtime::TokioRuntime;
pub use transport::{HyperTransport, HyperTransportBuilder, DEFAULT_MAX_RESPONSE_BYTES};

pub use seam_core::exec::{CallOptions, CallReport};
pub use seam_core::{
    BoxFuture, Config, ConfigBuilder, CredentialKind, Credentials, Error, ErrorKind, RetryPolicy,
    Transport, TransportError, TransportErrorKind,
};
pub use seam_types::{
    CreateDeepLinkRequest, CreatePortalRequest, CustomerData, CustomerDeepLink, CustomerPortal,
    DeleteDataRequest, Locale, OkResponse, PushDataRequest,
};

/// The `bytes` crate, for the `Bytes` bodies a custom [`Transport`] sends and returns.
pub use bytes;
/// The `http` crate, whose `Request`/`Response` types a custom [`Transport`] speaks (same version
/// as the SDK's).
pub use http;

/// The sans-IO core (re-exported `seam-core`): request building, parsing, the executor.
pub use seam_core as core;
/// The request and response models (re-exported `seam-types`).
pub use seam_types as types;

/// This crate's README (its Rust example is also the repository README's), compiled as a doctest so it
/// cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
