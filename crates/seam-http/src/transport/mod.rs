//! The bundled transports: [`HyperTransport`] (hyper-util's client over hyper-rustls, feature
//! `default-client`) and [`ReqwestTransport`] (over a `reqwest::Client`, feature `reqwest`).
//!
//! Both read the whole response into memory under a size cap, never follow redirects, and report
//! whether a failure happened before the request left ([`TransportErrorKind::Connect`], always safe
//! to retry) or after it may have reached the server.
//!
//! [`TransportErrorKind::Connect`]: seam_core::TransportErrorKind::Connect

#[cfg(any(feature = "default-client", feature = "reqwest"))]
mod body;
#[cfg(any(feature = "default-client", feature = "reqwest"))]
mod errors;

#[cfg(feature = "default-client")]
mod builder;
#[cfg(feature = "default-client")]
mod clients;
#[cfg(feature = "default-client")]
mod connect;
#[cfg(any(feature = "default-client", feature = "reqwest"))]
mod gate;
#[cfg(feature = "default-client")]
mod hyper_client;
#[cfg(feature = "default-client")]
mod proxy;
#[cfg(feature = "reqwest")]
mod reqwest;

#[cfg(feature = "default-client")]
pub use self::builder::HyperTransportBuilder;
#[cfg(feature = "default-client")]
pub use self::hyper_client::HyperTransport;
#[cfg(feature = "reqwest")]
pub use self::reqwest::ReqwestTransport;

/// The default size cap for one response body: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

#[cfg(any(feature = "default-client", feature = "reqwest"))]
/// `host[:port]` of an authority that may start with `user:password@`.
fn without_userinfo(authority: &str) -> &str {
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host_port)| host_port)
}
