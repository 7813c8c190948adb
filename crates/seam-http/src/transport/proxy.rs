//! Which proxy, if any, a request goes through: `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY`
//! (either case) by default, or one explicit proxy URL, matched by hyper-util's `Matcher`.
//!
//! Loopback destinations (`localhost`, `127.0.0.0/8`, `::1`) never go through a proxy unless
//! [`HyperTransportBuilder::proxy_loopback`](super::HyperTransportBuilder::proxy_loopback) says so.
//! A proxy URL may carry `user:password@`; that becomes a `Proxy-Authorization: Basic` header (on
//! the CONNECT request for `https` destinations, on each request for plain `http` ones) and is
//! never shown: errors, logs and `Debug` output name the proxy by `host:port` only.

use std::fmt;
use std::io;

use http::Uri;
use hyper_util::client::proxy::matcher::{Intercept, Matcher};

/// A stand-in for `std::env::var`.
pub(crate) type Lookup = std::sync::Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Where proxy settings come from.
#[derive(Clone)]
pub(crate) enum ProxySource {
    /// The process environment (the default).
    Env,
    /// A lookup standing in for the environment (tests, or settings kept elsewhere).
    Lookup(Lookup),
    /// This proxy for every destination (environment ignored).
    Url(String),
    /// No proxy at all.
    Off,
}

impl fmt::Debug for ProxySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env => f.write_str("Env"),
            Self::Lookup(_) => f.write_str("Lookup"),
            Self::Url(url) => write!(f, "Url({})", shown(url)),
            Self::Off => f.write_str("Off"),
        }
    }
}

/// The resolved proxy rules of one transport.
pub(crate) struct Proxies {
    matcher: Matcher,
    loopback: bool,
}

impl fmt::Debug for Proxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // hyper-util's `Matcher` debug output shows proxy URIs without credentials.
        f.debug_struct("Proxies")
            .field("matcher", &self.matcher)
            .field("loopback", &self.loopback)
            .finish()
    }
}

/// The environment variables read, in order of precedence for each role (as curl and reqwest).
const ALL: [&str; 2] = ["ALL_PROXY", "all_proxy"];
const HTTPS: [&str; 2] = ["HTTPS_PROXY", "https_proxy"];
const HTTP: [&str; 2] = ["HTTP_PROXY", "http_proxy"];
const NO: [&str; 2] = ["NO_PROXY", "no_proxy"];

impl Proxies {
    /// Resolves `source`; `None` when no proxy applies to anything. A proxy URL that is not
    /// `http://[user:password@]host[:port]` is an error naming where it came from (never its text).
    pub(crate) fn resolve(source: &ProxySource, loopback: bool) -> io::Result<Option<Self>> {
        let builder = match source {
            ProxySource::Off => return Ok(None),
            ProxySource::Url(url) => {
                check(url, "the proxy URL")?;
                Some(Matcher::builder().all(url.clone()))
            }
            ProxySource::Env => from_lookup(&|name| std::env::var(name).ok())?,
            ProxySource::Lookup(lookup) => from_lookup(&**lookup)?,
        };
        let Some(builder) = builder else {
            return Ok(None);
        };
        Ok(Some(Self {
            matcher: builder.build(),
            loopback,
        }))
    }

    /// The proxy for `dst`, if it goes through one.
    pub(crate) fn route(&self, dst: &Uri) -> Option<Intercept> {
        let host = dst.host()?;
        if !self.loopback && is_loopback(host) {
            return None;
        }
        self.matcher.intercept(dst)
    }
}

/// Builds matcher settings from environment-like variables; `None` when no proxy variable is set.
fn from_lookup(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> io::Result<Option<hyper_util::client::proxy::matcher::Builder>> {
    let first = |names: [&'static str; 2]| {
        names.iter().find_map(|name| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (*name, v))
        })
    };
    // Under CGI, `HTTP_PROXY` may come from a request header (httpoxy): ignore proxy variables.
    if lookup("REQUEST_METHOD").is_some() {
        return Ok(None);
    }
    let (all, https, http) = (first(ALL), first(HTTPS), first(HTTP));
    if all.is_none() && https.is_none() && http.is_none() {
        return Ok(None);
    }
    let mut builder = Matcher::builder();
    if let Some((name, url)) = all {
        check(&url, name)?;
        builder = builder.all(url);
    }
    if let Some((name, url)) = https {
        check(&url, name)?;
        builder = builder.https(url);
    }
    if let Some((name, url)) = http {
        check(&url, name)?;
        builder = builder.http(url);
    }
    if let Some((_, no)) = first(NO) {
        builder = builder.no(no);
    }
    Ok(Some(builder))
}

/// Accepts `http://host[:port]` (scheme optional, as curl), with optional `user[:password]@`.
fn check(url: &str, origin: &str) -> io::Result<()> {
    let invalid = |why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{origin} is not a usable proxy: {why} (expected http://[user:password@]host[:port])"),
        )
    };
    let uri: Uri = url.trim().parse().map_err(|_| invalid("not a URL"))?;
    match uri.scheme_str() {
        None | Some("http") => {}
        Some(_) => return Err(invalid("only http:// proxies are supported")),
    }
    match uri.host() {
        Some(host) if !host.is_empty() => Ok(()),
        _ => Err(invalid("no host")),
    }
}

/// `scheme://host:port` of a proxy URL, without user info, for `Debug` output.
fn shown(url: &str) -> String {
    match url.parse::<Uri>() {
        Ok(uri) => format!(
            "{}://{}{}",
            uri.scheme_str().unwrap_or("http"),
            uri.host().unwrap_or(""),
            uri.port().map(|p| format!(":{p}")).unwrap_or_default()
        ),
        Err(_) => "[unparsable]".to_owned(),
    }
}

/// `localhost` (and its subdomains), `127.0.0.0/8`, `::1` and IPv4-mapped loopback.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if host.eq_ignore_ascii_case("localhost")
        || host
            .rsplit_once('.')
            .is_some_and(|(_, tld)| tld.eq_ignore_ascii_case("localhost"))
    {
        return true;
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(std::net::IpAddr::V6(v6)) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(vars: &'static [(&'static str, &'static str)]) -> ProxySource {
        ProxySource::Lookup(std::sync::Arc::new(move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }))
    }

    fn route(source: &ProxySource, loopback: bool, dst: &str) -> Option<String> {
        let proxies = Proxies::resolve(source, loopback).unwrap()?;
        proxies
            .route(&dst.parse().unwrap())
            .map(|i| i.uri().to_string())
    }

    #[test]
    fn https_and_http_variables_apply_to_their_schemes_in_either_case() {
        let env = lookup(&[
            ("https_proxy", "http://secure.proxy.invalid:3128"),
            ("HTTP_PROXY", "plain.proxy.invalid:8080"),
        ]);
        assert_eq!(
            route(&env, false, "https://connect.seam.invalid/").as_deref(),
            Some("http://secure.proxy.invalid:3128/")
        );
        assert_eq!(
            route(&env, false, "http://connect.seam.invalid/").as_deref(),
            Some("http://plain.proxy.invalid:8080/")
        );
    }

    #[test]
    fn all_proxy_is_the_fallback_and_upper_case_wins() {
        let env = lookup(&[
            ("ALL_PROXY", "http://upper.proxy.invalid:1"),
            ("all_proxy", "http://lower.proxy.invalid:2"),
        ]);
        assert_eq!(
            route(&env, false, "https://a.seam.invalid/").as_deref(),
            Some("http://upper.proxy.invalid:1/")
        );
    }

    #[test]
    fn no_proxy_and_loopback_bypass() {
        let env = lookup(&[
            ("HTTPS_PROXY", "http://p.proxy.invalid:3128"),
            ("no_proxy", "internal.invalid, 10.0.0.0/8"),
        ]);
        assert_eq!(route(&env, false, "https://api.internal.invalid/"), None);
        assert_eq!(route(&env, false, "https://10.1.2.3/"), None);
        assert!(route(&env, false, "https://connect.seam.invalid/").is_some());
        for dst in [
            "https://localhost:1/",
            "https://127.0.0.1/",
            "https://[::1]:8/",
        ] {
            assert_eq!(route(&env, false, dst), None, "{dst}");
            assert!(route(&env, true, dst).is_some(), "{dst}");
        }
    }

    #[test]
    fn unset_off_and_cgi_mean_no_proxy() {
        assert!(Proxies::resolve(&lookup(&[]), false).unwrap().is_none());
        assert!(Proxies::resolve(&ProxySource::Off, false)
            .unwrap()
            .is_none());
        let cgi = lookup(&[
            ("REQUEST_METHOD", "GET"),
            ("HTTP_PROXY", "http://evil.invalid:1"),
        ]);
        assert!(Proxies::resolve(&cgi, false).unwrap().is_none());
    }

    #[test]
    fn unusable_proxy_urls_are_refused_without_echoing_them() {
        let env = lookup(&[("HTTPS_PROXY", "socks5://user:hunter2@p.invalid:1080")]);
        let err = Proxies::resolve(&env, false).unwrap_err();
        assert!(err.to_string().contains("HTTPS_PROXY"), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let err = Proxies::resolve(&ProxySource::Url("http://".into()), false).unwrap_err();
        assert!(err.to_string().contains("proxy URL"), "{err}");
    }

    #[test]
    fn debug_output_hides_proxy_credentials() {
        let source = ProxySource::Url("http://user:hunter2@p.invalid:3128".into());
        assert_eq!(format!("{source:?}"), "Url(http://p.invalid:3128)");
        let proxies = Proxies::resolve(&source, false).unwrap().unwrap();
        assert!(!format!("{proxies:?}").contains("hunter2"));
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST",
            "api.localhost",
            "127.0.0.1",
            "127.9.9.9",
            "[::1]",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["localhost.invalid", "10.0.0.1", "[::2]", "example.invalid"] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
