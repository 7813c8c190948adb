//! TLS setup for the default transport: the rustls crypto provider and trust roots chosen by Cargo features.
//!
//! Exactly one provider feature (`ring`, the default, or `aws-lc-rs`) and at least one roots feature
//! (`webpki-roots`, the default, or `native-roots`) must be enabled; anything else stops the build here
//! with a message saying what to change.

use std::io;
use std::sync::Arc;

use hyper_rustls::ConfigBuilderExt as _;
use rustls::crypto::CryptoProvider;
use rustls::ClientConfig;

#[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
compile_error!(
    "seam-http needs a rustls crypto provider: enable exactly one of the features `ring` (the default) \
     or `aws-lc-rs`."
);

#[cfg(all(feature = "ring", feature = "aws-lc-rs"))]
compile_error!(
    "seam-http: the features `ring` and `aws-lc-rs` are mutually exclusive; to use aws-lc-rs, depend on \
     seam-http with `default-features = false, features = [\"aws-lc-rs\", \"webpki-roots\"]`."
);

#[cfg(not(any(feature = "webpki-roots", feature = "native-roots")))]
compile_error!(
    "seam-http needs trust roots for TLS: enable `webpki-roots` (the default, Mozilla's roots compiled in) \
     and/or `native-roots` (the operating system's store)."
);

/// The crypto provider selected by the enabled feature.
#[cfg_attr(
    any(
        all(feature = "ring", feature = "aws-lc-rs"),
        not(any(feature = "ring", feature = "aws-lc-rs"))
    ),
    allow(unreachable_code)
)]
fn provider() -> Arc<CryptoProvider> {
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    let provider = rustls::crypto::ring::default_provider();
    #[cfg(all(feature = "aws-lc-rs", not(feature = "ring")))]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(any(
        all(feature = "ring", feature = "aws-lc-rs"),
        not(any(feature = "ring", feature = "aws-lc-rs"))
    ))]
    let provider: CryptoProvider = unreachable!("rejected by compile_error! above");
    Arc::new(provider)
}

/// Builds the client TLS configuration: rustls' safe default protocol versions, the feature-selected
/// provider, and the feature-selected roots (native roots first when enabled, Mozilla's as the fallback
/// when both are enabled and the system store cannot be read).
#[cfg_attr(
    not(any(feature = "webpki-roots", feature = "native-roots")),
    allow(unreachable_code)
)]
pub(crate) fn client_config() -> io::Result<ClientConfig> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?;

    #[cfg(all(feature = "native-roots", feature = "webpki-roots"))]
    let builder = match builder.clone().with_native_roots() {
        Ok(native) => native,
        Err(err) => {
            tracing::debug!(error = %err, "native trust roots unavailable; using webpki roots");
            builder.with_webpki_roots()
        }
    };
    #[cfg(all(feature = "native-roots", not(feature = "webpki-roots")))]
    let builder = builder.with_native_roots()?;
    #[cfg(all(feature = "webpki-roots", not(feature = "native-roots")))]
    let builder = builder.with_webpki_roots();
    #[cfg(not(any(feature = "webpki-roots", feature = "native-roots")))]
    let builder: rustls::ConfigBuilder<ClientConfig, rustls::client::WantsClientCert> =
        unreachable!("rejected by compile_error! above {builder:?}");

    Ok(builder.with_no_client_auth())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_config_offers_tls13_with_the_selected_provider() {
        let config = client_config().expect("roots load");
        assert!(!config.crypto_provider().cipher_suites.is_empty());
        assert!(config
            .crypto_provider()
            .cipher_suites
            .iter()
            .any(|s| s.version() == &rustls::version::TLS13));
    }
}
