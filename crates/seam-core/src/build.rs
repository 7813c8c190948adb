//! Request building: (config, operation) -> `http::Request<Bytes>`, after client-side validation.

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderName, HeaderValue, Request};

use crate::config::Config;
use crate::error::Error;
use crate::operation::Operation;

/// The `seam-sdk-name` header value sent with every request.
pub const SDK_NAME: &str = "seamapi/rust";
/// This crate's version, sent as `seam-sdk-version`.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// Builds the HTTP request for `op`: validates it first (an invalid request is never built), then
/// sets the method, the URL (endpoint path + operation path + query), the authentication headers
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
    op.validate()?;
    let uri = config.request_uri(O::PATH, &op.query_pairs())?;
    let body = op.body().map_err(|e| {
        Error::build(
            format!(
                "the {} request body could not be serialized to JSON",
                O::NAME
            ),
            Some(Box::new(e)),
        )
    })?;

    let mut request = Request::new(body.clone().unwrap_or_default());
    *request.method_mut() = O::METHOD;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    let credentials = config.credentials();
    headers.insert(AUTHORIZATION, credentials.authorization().clone());
    if let Some(workspace) = credentials.workspace_header() {
        headers.insert(HeaderName::from_static("seam-workspace"), workspace.clone());
    }
    headers.insert(ACCEPT, JSON);
    if body.is_some() {
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
    for name in config.headers().keys() {
        headers.remove(name);
    }
    for (name, value) in config.headers() {
        headers.append(name.clone(), value.clone());
    }
    Ok(request)
}
