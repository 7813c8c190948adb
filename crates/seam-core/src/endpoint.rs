//! Endpoint checks and URL assembly: base URL + operation path + query, never plain HTTP by accident.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::Error;

/// Parses and checks an endpoint: `http`/`https` only, no user info, query or fragment, and plain
/// `http` only on a loopback host unless `allow_insecure_http`.
pub(crate) fn parse(endpoint: &str, allow_insecure_http: bool) -> Result<Url, Error> {
    let url = Url::parse(endpoint.trim()).map_err(|e| {
        Error::config(format!(
            "endpoint {endpoint:?} is not a valid URL ({e}); expected something like https://connect.getseam.com"
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" => {
            if !allow_insecure_http && !is_loopback(&url) {
                return Err(Error::config(format!(
                    "endpoint {:?} uses plain http on a non-loopback host, so the credentials would cross \
                     the network unencrypted; use https, or allow_insecure_http(true) if the network is trusted",
                    url.as_str()
                )));
            }
        }
        other => {
            return Err(Error::config(format!(
                "endpoint scheme `{other}` is not supported; use https:// (or http:// for a local server)"
            )))
        }
    }
    if url.host().is_none() {
        return Err(Error::config(format!("endpoint {endpoint:?} has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Not quoted: the user info may be a secret.
        return Err(Error::config(
            "the endpoint must not contain a user name or password; credentials go in Credentials",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "endpoint {:?} must not have a query string or fragment",
            url.as_str()
        )));
    }
    Ok(url)
}

/// `true` for `localhost`, 127.0.0.0/8 and `::1`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
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
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "http://localhost.evil.com",
        ] {
            let err = parse(bad, false).unwrap_err();
            assert!(err.to_string().contains("plain http"), "{bad}: {err}");
            assert!(parse(bad, true).is_ok(), "{bad} with opt-in");
        }
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
}
