//! Turning hyper-util client errors into [`TransportError`]s that say whether the request left.

use std::error::Error as StdError;

use seam_core::TransportError;

/// A failure while connecting (DNS, refused, connect timeout, TLS handshake, HTTP/2 preface):
/// the request never left.
pub(crate) fn connect(
    authority: &str,
    err: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
) -> TransportError {
    let err = err.into();
    let chain = describe(&*err);
    TransportError::connect(format!("could not connect to {authority}: {chain}")).with_source(err)
}

/// A failure after a connection was obtained. When hyper hands the request back unsent it is
/// reported as a connect error (it never left); otherwise the server may have seen it.
pub(crate) fn send(authority: &str, err: hyper::Error, sent: bool) -> TransportError {
    let chain = describe(&err);
    if sent {
        TransportError::io(format!("request to {authority} failed: {chain}")).with_source(err)
    } else {
        TransportError::connect(format!(
            "connection to {authority} closed before the request was sent: {chain}"
        ))
        .with_source(err)
    }
}

/// The error and its causes on one line, innermost last (`a: b: c`), skipping repeated texts.
fn describe(err: &(dyn StdError + 'static)) -> String {
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
