//! Operation descriptors: for each endpoint, its method, path, body or query, response key and idempotency.

use bytes::Bytes;
use http::Method;
use seam_types::ValidationError;
use serde::de::DeserializeOwned;
use url::Url;

mod customers;

pub use customers::{CreateDeepLink, CreatePortal, DeleteData, PushData};

/// One API operation: a request value plus the static facts needed to send it and read the answer.
///
/// The SDK implements it for every customers endpoint ([`CreatePortal`], [`PushData`], [`DeleteData`],
/// [`CreateDeepLink`]); [`crate::build`], [`crate::parse`] and [`crate::exec::execute`] work on any
/// implementation.
pub trait Operation: Send + Sync {
    /// The typed result of a successful call.
    type Output: DeserializeOwned + Send;

    /// A stable name for logs and traces, such as `customers.create_portal`.
    const NAME: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The path below the endpoint, starting with `/`.
    const PATH: &'static str;
    /// The key of the 2xx JSON object holding the result (`customer_portal`), or `None` when the
    /// whole object is the result (`{"ok": true}`).
    const RESPONSE_KEY: Option<&'static str>;
    /// An older key the server used for the same result, read only when `RESPONSE_KEY` is absent
    /// (`magic_link` for create_portal). Deprecated by Seam; kept so older answers still parse.
    const LEGACY_RESPONSE_KEY: Option<&'static str> = None;
    /// Whether repeating the request has the same effect as sending it once.
    const IDEMPOTENT: bool;

    /// Checks the request client-side; an invalid request is never sent.
    fn validate(&self) -> Result<(), ValidationError>;

    /// The query parameters, in order (a repeated name for each list item).
    fn query_pairs(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }

    /// The JSON body, or `None` for a request without one.
    fn body(&self) -> Result<Option<Bytes>, serde_json::Error>;

    /// Calls `visit` with every URL of `output` that a caller may follow or hand on (a magic link,
    /// a deep link), each with its path inside the result (`url`). [`crate::parse`] refuses a result
    /// whose URL breaks the endpoint's rule (https only, plain http only where the endpoint may be
    /// plain http, no user info, a host). The default visits nothing.
    fn visit_urls(_output: &Self::Output, _visit: &mut dyn FnMut(&'static str, &Url)) {}
}
