//! Endpoint checks and URL assembly: base URL + operation path + query, never plain HTTP by accident.

use std::net::IpAddr;

use http::uri::{Authority, PathAndQuery, Scheme};
use url::{Host, Url};

use crate::error::Error;

/// Parses and checks an endpoint: `http`/`https` only, no user info, query or fragment, and plain
/// `http` only on a loopback host unless `allow_insecure_http`.
///
/// No message quotes user info, a query string or a fragment (any of which may hold a secret).
pub(crate) fn parse(endpoint: &str, allow_insecure_http: bool) -> Result<Url, Error> {
    let url = Url::parse(endpoint.trim()).map_err(|e| {
        Error::config(format!(
            "endpoint {:?} is not a valid URL ({e}); expected something like https://connect.getseam.com",
            quotable(endpoint)
        ))
    })?;
    // Checked first, so that no later message quotes a URL holding a password.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "the endpoint must not contain a user name or password; credentials go in Credentials",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "endpoint {:?} must not have a query string or fragment (left out of this message)",
            quotable(url.as_str())
        )));
    }
    match url.scheme() {
        "https" => {}
        "http" => {
            if !allow_insecure_http && !is_loopback(&url) {
                return Err(Error::config(format!(
                    "endpoint {:?} uses plain http on a non-loopback host, so the credentials would cross \
                     the network unencrypted; use https, or allow_insecure_http(true) if the network is trusted",
                    quotable(url.as_str())
                )));
            }
        }
        other => {
            return Err(Error::config(format!(
            "endpoint scheme `{}` is not supported; use https:// (or http:// for a local server)",
            quotable(other)
        )))
        }
    }
    if url.host().is_none() {
        return Err(Error::config(format!(
            "endpoint {:?} has no host",
            quotable(url.as_str())
        )));
    }
    Ok(url)
}

/// Longest endpoint text quoted in a configuration error, in characters.
const QUOTED_CHARS: usize = 200;

/// `endpoint` as it may be quoted in an error message: user info (`user:password@`), the query
/// string and the fragment replaced by `[redacted]`, cut to [`QUOTED_CHARS`] characters.
fn quotable(endpoint: &str) -> String {
    let (head, tail) = match endpoint.find(['?', '#']) {
        Some(at) => (&endpoint[..at], "[redacted]"),
        None => (endpoint, ""),
    };
    let mut text = match head.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://[redacted]@{}", &rest[at + 1..]),
                None => head.to_owned(),
            }
        }
        None if head.contains('@') => "[redacted]".to_owned(),
        None => head.to_owned(),
    };
    if !tail.is_empty() {
        text.push_str(&endpoint[head.len()..=head.len()]);
        text.push_str(tail);
    }
    if text.chars().count() > QUOTED_CHARS {
        text = text.chars().take(QUOTED_CHARS - 1).collect();
        text.push('…');
    }
    text
}

/// Which URLs a response may hand back to the caller (the magic link, a deep link): decided once
/// per [`crate::Config`] from its endpoint.
///
/// `https` with a host and no user info always passes. Plain `http` passes only where the endpoint
/// itself may be plain http: to a loopback host when the endpoint is on loopback, or to any host
/// after [`crate::ConfigBuilder::allow_insecure_http`]. Every other scheme (`javascript:`, `data:`,
/// `file:`, `ftp:`, ...) is refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ReturnedUrls {
    http_to_loopback: bool,
    http_anywhere: bool,
}

impl ReturnedUrls {
    /// The rule for a client of `endpoint`.
    pub(crate) fn for_endpoint(endpoint: &Url, allow_insecure_http: bool) -> Self {
        Self {
            http_to_loopback: allow_insecure_http || is_loopback(endpoint),
            http_anywhere: allow_insecure_http,
        }
    }

    /// `Ok` when `url` may be returned; otherwise why not, in words that never quote user info.
    pub(crate) fn check(self, url: &Url) -> Result<(), String> {
        match url.scheme() {
            "https" => {}
            "http" if self.http_anywhere => {}
            "http" if self.http_to_loopback && is_loopback(url) => {}
            "http" if self.http_to_loopback => {
                return Err(
                    "uses plain http to a host that is not loopback; only https is accepted"
                        .to_owned(),
                )
            }
            "http" => return Err("uses plain http; only https is accepted".to_owned()),
            other => {
                return Err(format!(
                    "has the scheme `{}`; only https is accepted",
                    other.chars().take(32).collect::<String>()
                ))
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("contains a user name or password".to_owned());
        }
        match url.host() {
            None => Err("has no host".to_owned()),
            Some(Host::Domain("")) => Err("has no host".to_owned()),
            Some(_) => Ok(()),
        }
    }
}

/// `true` for exactly `localhost`, 127.0.0.0/8, `::1` and 127.0.0.0/8 written as an IPv4-mapped
/// IPv6 address (`[::ffff:127.0.0.1]`). The host is the one the WHATWG parser found, so
/// `127.0.0.1.evil.com`, `localhost.evil.com` and `http://127.0.0.1@evil.com` (user info, host
/// `evil.com`) are not loopback; other names that may resolve to loopback are not trusted either.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    }
}

/// The full request URI: the endpoint's path (trailing `/` dropped) + `path` + the encoded `query`.
pub(crate) fn request_uri(
    endpoint: &Url,
    path: &str,
    query: &[(&str, &str)],
) -> Result<http::Uri, Error> {
    let mut url = endpoint.clone();
    let base = endpoint.path().trim_end_matches('/');
    url.set_path(&format!("{base}{path}"));
    if !query.is_empty() {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in query {
            serializer.append_pair(key, value);
        }
        url.set_query(Some(&serializer.finish()));
    }
    url.as_str().parse::<http::Uri>().map_err(|e| {
        Error::build(
            format!("the request URL {:?} is not a valid URI", url.as_str()),
            Some(Box::new(e)),
        )
    })
}

/// The parts every request URI of one endpoint starts with, split once per [`crate::Config`], so
/// that building a request does not re-parse the endpoint.
#[derive(Clone, Debug)]
pub(crate) struct Prefix {
    scheme: Scheme,
    authority: Authority,
    /// The endpoint's path without its trailing `/` (empty for `https://host/`).
    path: String,
}

impl Prefix {
    /// Splits `endpoint` (as checked by [`parse`]); `None` when its path holds characters that
    /// [`request_uri`] would treat specially, so that such endpoints keep taking that route.
    pub(crate) fn new(endpoint: &Url) -> Option<Self> {
        let path = endpoint.path().trim_end_matches('/');
        if !path.bytes().all(|b| is_plain(b) || b == b'.' || b == b'%') {
            return None;
        }
        // The same text `request_uri` parses on each call, parsed once.
        let uri: http::Uri = endpoint.as_str().parse().ok()?;
        let parts = uri.into_parts();
        Some(Self {
            scheme: parts.scheme?,
            authority: parts.authority?,
            path: path.to_owned(),
        })
    }

    /// The same URI as [`request_uri`] for an operation `path` made of plain characters (letters,
    /// digits, `-`, `_`, `~`, `/`, starting with `/`), which need no encoding or normalisation;
    /// `None` for any other path. Only the query, if any, is encoded per call.
    pub(crate) fn request_uri(
        &self,
        path: &'static str,
        query: &[(&str, &str)],
    ) -> Option<Result<http::Uri, Error>> {
        if !path.starts_with('/') || path.contains("//") || !path.bytes().all(is_plain) {
            return None;
        }
        let path_and_query = if self.path.is_empty() && query.is_empty() {
            PathAndQuery::from_static(path)
        } else {
            let mut text = format!("{}{path}", self.path);
            if !query.is_empty() {
                text.push('?');
                let start = text.len();
                let mut serializer = form_urlencoded::Serializer::for_suffix(text, start);
                for (key, value) in query {
                    serializer.append_pair(key, value);
                }
                text = serializer.finish();
            }
            match PathAndQuery::try_from(text) {
                Ok(path_and_query) => path_and_query,
                Err(e) => return Some(Err(invalid_uri(Box::new(e)))),
            }
        };
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(self.authority.clone());
        parts.path_and_query = Some(path_and_query);
        Some(http::Uri::from_parts(parts).map_err(|e| invalid_uri(Box::new(e))))
    }
}

/// A path byte that `Url::set_path` keeps as it is and that never starts a dot segment.
fn is_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~' | b'/')
}

fn invalid_uri(source: Box<dyn std::error::Error + Send + Sync>) -> Error {
    Error::build("the request URL is not a valid URI", Some(source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_http_is_allowed_and_remote_http_is_not() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1",
            "http://127.3.4.5:1",
            "http://[::1]:9",
        ] {
            assert!(parse(ok, false).is_ok(), "{ok}");
        }
        for ok in [
            "http://[::ffff:127.0.0.1]:8080",
            "http://[::ffff:7f00:2]",
            "http://LOCALHOST:1",
            "http://0x7f.1",
            "http://2130706433",
        ] {
            assert!(parse(ok, false).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "http://localhost.evil.com",
            "http://127.0.0.1.evil.com",
            "http://127.0.0.1.nip.io",
            "http://foo.localhost",
            "http://[::ffff:10.0.0.1]",
            "http://0.0.0.0",
            "http://evil.com\\@127.0.0.1",
            "http://evil.com#@127.0.0.1",
        ] {
            let err = parse(bad, false).unwrap_err();
            assert!(
                err.to_string().contains("plain http") || err.to_string().contains("fragment"),
                "{bad}: {err}"
            );
        }
        assert!(parse("http://10.0.0.1", true).is_ok(), "with opt-in");
    }

    #[test]
    fn user_info_is_refused_and_never_quoted() {
        for input in [
            "http://127.0.0.1@evil.com",
            "http://localhost:80@evil.com",
            "http://user:hunter2@evil.com",
            "https://user:hunter2@x.example",
            "http://user:hunter2@127.0.0.1",
            "https://user:hunter2@x.example:99999",
            "https://user:hunter2@",
        ] {
            for allow in [false, true] {
                let err = parse(input, allow).unwrap_err();
                let text = format!("{err} {err:?}");
                assert!(!text.contains("hunter2"), "{input}: {text}");
                assert!(
                    !text.contains("evil.com") || text.contains("user name"),
                    "{input}: {text}"
                );
            }
        }
        assert!(parse("http://127.0.0.1@evil.com", false)
            .unwrap_err()
            .to_string()
            .contains("user name or password"));
    }

    #[test]
    fn odd_endpoints_are_refused_with_a_reason() {
        let cases = [
            ("ftp://x.example", "scheme `ftp`"),
            ("not a url", "not a valid URL"),
            ("https://user:pw@x.example", "user name or password"),
            ("https://x.example/?a=b", "query string"),
        ];
        for (input, expected) in cases {
            let err = parse(input, false).unwrap_err();
            assert!(err.to_string().contains(expected), "{input}: {err}");
            assert!(!err.to_string().contains("pw@"), "{err}");
        }
    }

    #[test]
    fn base_path_is_kept_and_query_is_encoded() {
        let base = parse("https://proxy.example/seam/", false).unwrap();
        let uri = request_uri(
            &base,
            "/customers/delete_data",
            &[("k", "a b&c"), ("k", "é")],
        )
        .unwrap();
        assert_eq!(
            uri.to_string(),
            "https://proxy.example/seam/customers/delete_data?k=a+b%26c&k=%C3%A9"
        );
        let root = parse("https://connect.getseam.com", false).unwrap();
        let uri = request_uri(&root, "/customers/create_portal", &[]).unwrap();
        assert_eq!(
            uri.to_string(),
            "https://connect.getseam.com/customers/create_portal"
        );
    }

    #[test]
    fn the_precomputed_prefix_gives_the_same_uri_as_the_url_route() {
        let endpoints = [
            "https://connect.getseam.com",
            "https://connect.getseam.com/",
            "https://Connect.GetSeam.com:443/",
            "http://127.0.0.1:8080",
            "http://[::1]:9/",
            "https://proxy.example/seam/",
            "https://proxy.example/seam//v1.2/",
            "https://proxy.example/a%20b/c",
            "https://proxy.example:8443/x/y",
        ];
        let queries: [&[(&str, &str)]; 3] = [&[], &[("k", "a b&c"), ("k", "é")], &[("x", "")]];
        let mut fast = 0;
        for text in endpoints {
            let url = parse(text, false).unwrap();
            let prefix = Prefix::new(&url).unwrap_or_else(|| panic!("{text}: no prefix"));
            for path in ["/customers/create_portal", "/customers/delete_data"] {
                for query in queries {
                    let expected = request_uri(&url, path, query).unwrap();
                    let got = prefix.request_uri(path, query).unwrap().unwrap();
                    assert_eq!(got, expected, "{text} {path} {query:?}");
                    assert_eq!(got.to_string(), expected.to_string());
                    fast += 1;
                }
            }
        }
        assert_eq!(fast, endpoints.len() * 2 * queries.len());
    }

    #[test]
    fn paths_that_need_encoding_take_the_url_route() {
        let url = parse("https://x.example/base/", false).unwrap();
        let prefix = Prefix::new(&url).unwrap();
        for path in [
            "/a b", "/a/../b", "/a/./b", "//a", "a", "/a?b", "/a#b", "/é",
        ] {
            assert!(prefix.request_uri(path, &[]).is_none(), "{path}");
        }
        let odd = parse("https://x.example/a'b(c)/", false).unwrap();
        assert!(Prefix::new(&odd).is_none());
    }

    #[test]
    fn returned_urls_follow_the_endpoint() {
        let remote = ReturnedUrls::for_endpoint(
            &parse("https://connect.getseam.com", false).unwrap(),
            false,
        );
        let local =
            ReturnedUrls::for_endpoint(&parse("http://127.0.0.1:8080", false).unwrap(), false);
        let local_tls =
            ReturnedUrls::for_endpoint(&parse("https://[::1]:8443", false).unwrap(), false);
        let opted_in = ReturnedUrls::for_endpoint(&parse("http://10.0.0.1", true).unwrap(), true);
        assert_eq!(remote, ReturnedUrls::default());
        // (url, remote, local, opted in)
        let table = [
            ("https://se.am/p/1", true, true, true),
            ("HTTPS://SE.AM/p", true, true, true),
            ("http://se.am/p", false, false, true),
            ("http://127.0.0.1:9/p", false, true, true),
            ("http://localhost/p", false, true, true),
            ("http://127.0.0.1.nip.io/p", false, false, true),
            ("javascript:alert(1)", false, false, false),
            ("data:text/html,hi", false, false, false),
            ("file:///etc/passwd", false, false, false),
            ("file://host/etc/passwd", false, false, false),
            ("ftp://se.am/x", false, false, false),
            ("ws://se.am/x", false, false, false),
            ("https://u:p@se.am/", false, false, false),
            ("https://u@se.am/", false, false, false),
            ("https://:p@se.am/", false, false, false),
            ("http://u:p@127.0.0.1/", false, false, false),
        ];
        for (text, r, l, o) in table {
            let url = Url::parse(text).unwrap();
            assert_eq!(remote.check(&url).is_ok(), r, "remote {text}");
            assert_eq!(local.check(&url).is_ok(), l, "local {text}");
            assert_eq!(local_tls.check(&url).is_ok(), l, "local tls {text}");
            assert_eq!(opted_in.check(&url).is_ok(), o, "opted in {text}");
            if let Err(why) = opted_in.check(&url) {
                assert!(!why.contains(":p@") && !why.contains("u:"), "{why}");
            }
        }
    }

    #[test]
    fn no_config_message_quotes_a_query_fragment_or_user_info() {
        for input in [
            "https://x.example/?api_key=hunter2",
            "https://x.example/#hunter2",
            "http://x.example/?token=hunter2",
            "ftp://x.example/?hunter2",
            "https://x.example:99999/?hunter2",
            "https://hunter2:@x.example/",
            "hunter2@x.example",
            "ht!tp://x/?hunter2",
        ] {
            let err = parse(input, false).unwrap_err();
            let text = format!("{err} {err:?}");
            assert!(!text.contains("hunter2"), "{input}: {text}");
        }
        assert_eq!(
            quotable("https://u:p@h/x?q#f"),
            "https://[redacted]@h/x?[redacted]"
        );
        assert_eq!(quotable("https://h/x#f"), "https://h/x#[redacted]");
        let long = format!("https://h/{}", "é".repeat(400));
        assert_eq!(quotable(&long).chars().count(), QUOTED_CHARS);
    }
}
