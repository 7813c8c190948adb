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
//! Cargo features (all additive):
//!
//! * `default-client` (default): the bundled [`HyperTransport`] (hyper-util's client over
//!   hyper-rustls, with proxy support). Without it nothing of hyper, hyper-util or rustls is
//!   compiled; build clients with [`Seam::with_transport`] over a transport of your own.
//! * `ring` (default) / `aws-lc-rs`: the rustls crypto provider of the bundled transport; with both,
//!   `aws-lc-rs` is used (a process-wide default provider, if installed, wins over either).
//! * `webpki-roots` (default) / `native-roots`: its trust roots (Mozilla's compiled in, the system's).
//! * `reqwest`: [`ReqwestTransport`], to send through a `reqwest::Client` you already have.
//! * `blocking`: `blocking::Seam`, the same calls without an async runtime of your own
//!   (`from_env`, `new` and `SeamBuilder::build_blocking` need `default-client` too).
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
mod held;
pub mod mode;
mod runtime;
#[cfg(feature = "default-client")]
mod tls;
pub mod transport;

pub use builder::SeamBuilder;
pub use call::Call;
pub use client::Seam;
pub use customers::Customers;
pub use held::Held;
pub use runtime::TokioRuntime;
#[cfg(feature = "reqwest")]
pub use transport::ReqwestTransport;
pub use transport::DEFAULT_MAX_RESPONSE_BYTES;
#[cfg(feature = "default-client")]
pub use transport::{HyperTransport, HyperTransportBuilder};

pub use seam_core::exec::{CallOptions, CallReport};
pub use seam_core::{
    BoxFuture, Config, ConfigBuilder, CredentialKind, Credentials, Error, ErrorKind, Replay,
    RetryPolicy, Transport, TransportError, TransportErrorKind,
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
