//! Request building: (config, operation) -> `http::Request<Bytes>`, after client-side validation.

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, Request};

use crate::config::Config;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::operation::Operation;

/// The `seam-sdk-name` header value sent with every request.
pub const SDK_NAME: &str = "seamapi/rust";
/// This crate's version, sent as `seam-sdk-version`.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The query the official SDKs send for `pairs`: sorted by name (a stable sort comparing UTF-16
/// code units, as JavaScript's `URLSearchParams.sort()` does, so repeated names keep their order),
/// then, unless the query is empty, `_strict=true` appended last (replacing any `_strict` the
/// operation set). Without `_strict`, the API reads a query in a relaxed mode in which
/// `customer_keys=a,b` means two keys; in strict mode it is the one key `a,b`.
fn strict_query<'a>(mut pairs: Vec<(&'static str, &'a str)>) -> Vec<(&'static str, &'a str)> {
    if pairs.is_empty() {
        return pairs;
    }
    pairs.retain(|(name, _)| *name != STRICT.0);
    pairs.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    pairs.push(STRICT);
    pairs
}

/// The pair that asks the API for strict query parsing.
const STRICT: (&str, &str) = ("_strict", "true");

/// Builds the HTTP request for `op`: validates it first (an invalid request is never built), then
/// sets the method, the URL (endpoint path + operation path + query, sorted by name and ending in
/// `_strict=true` when not empty, as the official SDKs send it), the authentication headers
/// (`authorization: Bearer ...`, marked sensitive; `seam-workspace` for tokens), `accept`,
/// `content-type` (when there is a body), `seam-sdk-name`, `seam-sdk-version`, `user-agent`, the
/// configured extra headers (which replace SDK headers of the same name), and the JSON body.
///
/// ```
/// use seam_core::{build, Config, Credentials};
/// use seam_core::operation::CreatePortal;
/// use seam_types::CreatePortalRequest;
///
/// let config = Config::builder().credentials(Credentials::api_key("seam_test_key_123")?).build()?;
/// let request = build(&config, &CreatePortal(CreatePortalRequest::new().with_is_embedded(true)))?;
/// assert_eq!(request.method(), http::Method::POST);
/// assert_eq!(request.uri(), "https://connect.getseam.com/customers/create_portal");
/// assert!(request.headers()["authorization"].is_sensitive());
/// assert_eq!(request.body().as_ref(), br#"{"is_embedded":true}"#);
/// # Ok::<(), seam_core::Error>(())
/// ```
pub fn build<O: Operation + ?Sized>(config: &Config, op: &O) -> Result<Request<Bytes>, Error> {
    let (head, body) = build_parts(config, op)?;
    Ok(Request::from_parts(head, body.unwrap_or_default()))
}

/// [`build`] with the body kept apart, `None` for an operation without one.
pub(crate) fn build_parts<O: Operation + ?Sized>(
    config: &Config,
    op: &O,
) -> Result<(Parts, Option<Bytes>), Error> {
    // The same steps, in the same order, as each call of the executor: validate, body, head.
    op.validate()?;
    let body = body_of(op)?;
    Ok((head_of(config, op, body.is_some())?, body))
}

/// The JSON body of `op` (not validated here), `None` for an operation without one.
pub(crate) fn body_of<O: Operation + ?Sized>(op: &O) -> Result<Option<Bytes>, Error> {
    op.body().map_err(|e| {
        Error::build(
            format!(
                "the {} request body could not be serialized to JSON",
                O::NAME
            ),
            Some(Box::new(e)),
        )
    })
}

/// Method, URI and headers of `op`'s request, for an `op` already validated.
pub(crate) fn head_of<O: Operation + ?Sized>(
    config: &Config,
    op: &O,
    has_body: bool,
) -> Result<Parts, Error> {
    let uri = config.request_uri(O::PATH, &strict_query(op.query_pairs()))?;
    let (mut head, ()) = Request::new(()).into_parts();
    head.method = O::METHOD;
    head.uri = uri;
    head.headers = config.request_headers(has_body).clone();
    Ok(head)
}

/// The head [`build`] gives `op` (method, URL, headers), validated the same way, without
/// serializing the body: `has_body` says whether to declare one (`content-type`). For sending the
/// body by other means (streamed, as the CLI's dry run prints it) or again (a retry).
///
/// ```
/// use seam_core::{build, build_head, Config, Credentials};
/// use seam_core::operation::CreatePortal;
/// use seam_types::CreatePortalRequest;
///
/// let config = Config::builder().credentials(Credentials::api_key("seam_test_key_123")?).build()?;
/// let op = CreatePortal(CreatePortalRequest::new());
/// let head = build_head(&config, &op, true)?;
/// let (full, _body) = build(&config, &op)?.into_parts();
/// assert_eq!((head.method, head.uri, head.headers), (full.method, full.uri, full.headers));
/// # Ok::<(), seam_core::Error>(())
/// ```
pub fn build_head<O: Operation + ?Sized>(
    config: &Config,
    op: &O,
    has_body: bool,
) -> Result<Parts, Error> {
    op.validate()?;
    head_of(config, op, has_body)
}

/// The headers of every request under `credentials` and the extra `configured` headers, with
/// or without a body: authentication (`authorization`, marked sensitive; `seam-workspace` for
/// tokens), `accept`, `content-type` (with a body), `seam-sdk-name`, `seam-sdk-version`,
/// `user-agent`, then the configured headers, which replace SDK headers of the same name.
/// Computed once per [`Config`]; each request clones the map.
pub(crate) fn request_headers(
    credentials: &Credentials,
    configured: &HeaderMap,
    has_body: bool,
) -> HeaderMap {
    let mut headers = HeaderMap::with_capacity(8 + configured.len());
    headers.insert(AUTHORIZATION, credentials.authorization().clone());
    if let Some(workspace) = credentials.workspace_header() {
        headers.insert(HeaderName::from_static("seam-workspace"), workspace.clone());
    }
    headers.insert(ACCEPT, JSON);
    if has_body {
        headers.insert(CONTENT_TYPE, JSON);
    }
    headers.insert(
        HeaderName::from_static("seam-sdk-name"),
        HeaderValue::from_static(SDK_NAME),
    );
    headers.insert(
        HeaderName::from_static("seam-sdk-version"),
        HeaderValue::from_static(SDK_VERSION),
    );
    headers.insert(
        USER_AGENT,
        HeaderValue::from_static(concat!("seam-rs/", env!("CARGO_PKG_VERSION"))),
    );
    for name in configured.keys() {
        headers.remove(name);
    }
    for (name, value) in configured {
        headers.append(name.clone(), value.clone());
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::strict_query;

    #[test]
    fn queries_are_sorted_by_name_and_end_in_strict() {
        assert!(strict_query(Vec::new()).is_empty());
        assert_eq!(
            strict_query(vec![
                ("b", "2"),
                ("a", "1"),
                ("b", "1"),
                ("_strict", "false")
            ]),
            [("a", "1"), ("b", "2"), ("b", "1"), ("_strict", "true")]
        );
        assert_eq!(strict_query(vec![("_strict", "no")]), [("_strict", "true")]);
        // UTF-16 order, not UTF-8: U+FF5E sorts after U+1F600's surrogate pair in UTF-16 only.
        assert_eq!(
            strict_query(vec![("\u{ff5e}", "x"), ("\u{1f600}", "y")]),
            [("\u{1f600}", "y"), ("\u{ff5e}", "x"), ("_strict", "true")]
        );
    }
}
