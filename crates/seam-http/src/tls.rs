//! TLS setup for the bundled transport: the rustls crypto provider and trust roots chosen by Cargo features.
//!
//! The features are additive, so any combination builds:
//!
//! * **Crypto provider.** A process-wide default installed by the application
//!   (`CryptoProvider::install_default`) wins. Otherwise `aws-lc-rs` when that feature is enabled
//!   (it is never on by default, so enabling it is a deliberate choice, even next to `ring`),
//!   else `ring` (the default). With neither feature and no process default,
//!   [`HyperTransportBuilder::build`](crate::HyperTransportBuilder::build) fails saying so.
//! * **Trust roots.** `native-roots` (the operating system's store) first when enabled, with
//!   `webpki-roots` (Mozilla's, compiled in, the default) as the fallback when both are on and the
//!   system store cannot be read. With neither, `build` fails unless a
//!   [`tls_config`](crate::HyperTransportBuilder::tls_config) is given.

use std::io;
use std::sync::Arc;

#[cfg(any(feature = "webpki-roots", feature = "native-roots"))]
use hyper_rustls::ConfigBuilderExt as _;
use rustls::crypto::CryptoProvider;
use rustls::ClientConfig;

/// The crypto provider to use, by the rule in the module docs.
fn provider() -> io::Result<Arc<CryptoProvider>> {
    if let Some(installed) = CryptoProvider::get_default() {
        return Ok(installed.clone());
    }
    #[cfg(feature = "aws-lc-rs")]
    return Ok(Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    return Ok(Arc::new(rustls::crypto::ring::default_provider()));
    #[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
    return Err(io::Error::other(
        "no rustls crypto provider: enable the seam-http feature `ring` or `aws-lc-rs`, or install a \
         process-wide default with rustls::crypto::CryptoProvider::install_default",
    ));
}

/// Builds the client TLS configuration: rustls' safe default protocol versions, the provider and
/// the roots chosen by the rules in the module docs.
pub(crate) fn client_config() -> io::Result<ClientConfig> {
    let builder = ClientConfig::builder_with_provider(provider()?)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?;
    Ok(with_roots(builder)?.with_no_client_auth())
}

/// Adds the feature-selected trust roots.
fn with_roots(
    builder: rustls::ConfigBuilder<ClientConfig, rustls::WantsVerifier>,
) -> io::Result<rustls::ConfigBuilder<ClientConfig, rustls::client::WantsClientCert>> {
    #[cfg(all(feature = "native-roots", feature = "webpki-roots"))]
    return Ok(match builder.clone().with_native_roots() {
        Ok(native) => native,
        Err(err) => {
            tracing::debug!(error = %err, "native trust roots unavailable; using webpki roots");
            builder.with_webpki_roots()
        }
    });
    #[cfg(all(feature = "native-roots", not(feature = "webpki-roots")))]
    return builder.with_native_roots();
    #[cfg(all(feature = "webpki-roots", not(feature = "native-roots")))]
    return Ok(builder.with_webpki_roots());
    #[cfg(not(any(feature = "webpki-roots", feature = "native-roots")))]
    return {
        let _ = builder;
        Err(io::Error::other(
            "no trust roots for TLS: enable the seam-http feature `webpki-roots` or `native-roots`, \
             or pass your own rustls config with HyperTransportBuilder::tls_config",
        ))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(all(
        any(feature = "ring", feature = "aws-lc-rs"),
        any(feature = "webpki-roots", feature = "native-roots")
    ))]
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

    /// With both provider features on, the choice is aws-lc-rs (unless a process default exists).
    #[cfg(all(feature = "ring", feature = "aws-lc-rs"))]
    #[test]
    fn both_providers_pick_aws_lc_rs() {
        if CryptoProvider::get_default().is_none() {
            let chosen = provider().expect("a provider");
            let aws = rustls::crypto::aws_lc_rs::default_provider();
            assert_eq!(
                format!("{:?}", chosen.cipher_suites),
                format!("{:?}", aws.cipher_suites)
            );
        }
    }
}
