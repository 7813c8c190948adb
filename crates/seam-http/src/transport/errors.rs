//! Turning HTTP client errors into [`TransportError`]s that say whether the request left.

use std::error::Error as StdError;

#[cfg(feature = "default-client")]
use seam_core::TransportError;

/// A failure while connecting (DNS, refused, connect timeout, proxy, TLS handshake, HTTP/2
/// preface): the request never left.
#[cfg(feature = "default-client")]
pub(crate) fn connect(
    authority: &str,
    err: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
) -> TransportError {
    let err = err.into();
    let chain = describe(&*err);
    TransportError::connect(format!("could not connect to {authority}: {chain}")).with_source(err)
}

/// A failure of hyper-util's client: a connect error, a request handed back unsent (it never
/// left), or a failure once the request may have been sent.
#[cfg(feature = "default-client")]
pub(crate) fn client(authority: &str, err: hyper_util::client::legacy::Error) -> TransportError {
    if err.is_connect() {
        return connect(authority, err);
    }
    let chain = describe(&err);
    if hyper_error(&err).is_some_and(|e| e.is_canceled()) {
        TransportError::connect(format!(
            "connection to {authority} closed before the request was sent: {chain}"
        ))
        .with_source(err)
    } else {
        TransportError::io(format!("request to {authority} failed: {chain}")).with_source(err)
    }
}

/// The hyper error somewhere in `err`'s source chain.
#[cfg(feature = "default-client")]
pub(crate) fn hyper_error<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a hyper::Error> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<hyper::Error>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// The error and its causes on one line, innermost last (`a: b: c`), skipping repeated texts.
pub(crate) fn describe(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    #[derive(Debug)]
    struct Outer(Inner);
    #[derive(Debug)]
    struct Inner;
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("outer")
        }
    }
    impl fmt::Display for Inner {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("inner")
        }
    }
    impl StdError for Inner {}
    impl StdError for Outer {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn describe_walks_the_source_chain() {
        assert_eq!(describe(&Outer(Inner)), "outer: inner");
        assert_eq!(describe(&Inner), "inner");
    }
}
