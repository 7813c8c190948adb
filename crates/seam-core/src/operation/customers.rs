//! The customers endpoints as [`Operation`]s: create_portal, push_data, delete_data, create_deep_link.
//!
//! Each operation wraps its request as any `R: Borrow<Request>`: the request itself (the default),
//! a reference or a `Cow`. `PushData(&request)` serializes the caller's value without copying it.

use std::borrow::Borrow;

use bytes::Bytes;
use http::Method;
use seam_types::{
    CreateDeepLinkRequest, CreatePortalRequest, CustomerDeepLink, CustomerPortal,
    DeleteDataRequest, OkResponse, PushDataRequest, Validate, ValidationError, Violation,
};
use serde::Serialize;
use url::Url;

use super::Operation;

fn json_body<T: Serialize>(value: &T) -> Result<Option<Bytes>, serde_json::Error> {
    json_body_with_capacity(value, 128)
}

/// Serializes straight into one buffer of `capacity` bytes (grown only if the guess was short).
fn json_body_with_capacity<T: Serialize>(
    value: &T,
    capacity: usize,
) -> Result<Option<Bytes>, serde_json::Error> {
    let mut buffer = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut buffer, value)?;
    Ok(Some(Bytes::from(buffer)))
}

/// `POST /customers/create_portal`: a new Customer Portal magic link.
///
/// Not idempotent: every call mints a new link, so ambiguous failures are not retried by default.
///
/// ```
/// use seam_core::operation::{CreatePortal, Operation};
/// use seam_types::CreatePortalRequest;
///
/// let request = CreatePortalRequest::new();
/// let op = CreatePortal(&request); // or CreatePortal(request), moved
/// assert_eq!(<CreatePortal>::PATH, "/customers/create_portal");
/// assert!(op.validate().is_ok());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CreatePortal<R = CreatePortalRequest>(pub R);

impl<R: Borrow<CreatePortalRequest> + Send + Sync> Operation for CreatePortal<R> {
    type Output = CustomerPortal;
    const NAME: &'static str = "customers.create_portal";
    const METHOD: Method = Method::POST;
    const PATH: &'static str = "/customers/create_portal";
    const RESPONSE_KEY: Option<&'static str> = Some("customer_portal");
    const LEGACY_RESPONSE_KEY: Option<&'static str> = Some("magic_link");
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<(), ValidationError> {
        self.0.borrow().validate()
    }

    fn body(&self) -> Result<Option<Bytes>, serde_json::Error> {
        json_body(self.0.borrow())
    }

    fn visit_urls(output: &CustomerPortal, visit: &mut dyn FnMut(&'static str, &Url)) {
        visit("url", &output.url);
    }
}

/// `POST /customers/push_data`: sends (upserts) a customer's data; answers `{"ok": true}`.
///
/// Not marked idempotent: although pushing the same data twice converges, the default stays
/// conservative like every POST; opt in with `retry_non_idempotent` when that is acceptable.
#[derive(Clone, Debug, PartialEq)]
pub struct PushData<R = PushDataRequest>(pub R);

impl<R: Borrow<PushDataRequest> + Send + Sync> Operation for PushData<R> {
    type Output = OkResponse;
    const NAME: &'static str = "customers.push_data";
    const METHOD: Method = Method::POST;
    const PATH: &'static str = "/customers/push_data";
    const RESPONSE_KEY: Option<&'static str> = None;
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<(), ValidationError> {
        self.0.borrow().validate()
    }

    fn body(&self) -> Result<Option<Bytes>, serde_json::Error> {
        json_body(self.0.borrow())
    }
}

/// `DELETE /customers/delete_data`: deletes customer data by key; answers `{"ok": true}`.
///
/// The key lists travel in the query string, one repeated name per item
/// (`customer_keys=a&customer_keys=b`; an empty list as `customer_keys=`), names in sorted order and
/// `_strict=true` last, byte for byte as the official JavaScript SDK writes it (see [`crate::build`]);
/// there is no body.
/// Idempotent: deleting twice leaves the same state, so it is retried after timeouts and 5xx.
///
/// Besides the contract's constraints, validation refuses an empty string in a key list: in the
/// query string `customer_keys=` means an empty list, so an empty key would silently be lost. A
/// request listing no key at all is accepted (it deletes nothing; see
/// [`DeleteDataRequest::is_empty`]).
///
/// ```
/// use seam_core::operation::{DeleteData, Operation};
/// use seam_types::DeleteDataRequest;
///
/// let op = DeleteData(DeleteDataRequest::new().with_customer_keys(["a", "b"]).with_space_keys(Vec::<String>::new()));
/// assert_eq!(op.query_pairs(), [("customer_keys", "a"), ("customer_keys", "b"), ("space_keys", "")]);
/// let err = DeleteData(DeleteDataRequest::new().with_customer_keys(["a", ""])).validate().unwrap_err();
/// assert_eq!(err.violations()[0].path, "customer_keys[1]");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DeleteData<R = DeleteDataRequest>(pub R);

impl<R: Borrow<DeleteDataRequest> + Send + Sync> Operation for DeleteData<R> {
    type Output = OkResponse;
    const NAME: &'static str = "customers.delete_data";
    const METHOD: Method = Method::DELETE;
    const PATH: &'static str = "/customers/delete_data";
    const RESPONSE_KEY: Option<&'static str> = None;
    const IDEMPOTENT: bool = true;

    fn validate(&self) -> Result<(), ValidationError> {
        let request = self.0.borrow();
        let mut violations = match request.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.into_violations(),
        };
        let mut index = 0;
        let mut previous = "";
        for (name, key) in request.keys() {
            if name != previous {
                (previous, index) = (name, 0);
            }
            if key.is_empty() {
                violations.push(Violation::new(
                    format!("{name}[{index}]"),
                    format!(
                        "must not be empty: in the query string `{name}=` reads as an empty list, \
                         so an empty key cannot be sent"
                    ),
                ));
            }
            index += 1;
        }
        ValidationError::from_violations(violations).map_or(Ok(()), Err)
    }

    fn query_pairs(&self) -> Vec<(&'static str, &str)> {
        self.0.borrow().query_pairs()
    }

    fn body(&self) -> Result<Option<Bytes>, serde_json::Error> {
        Ok(None)
    }
}

/// `POST /customers/reservations/create_deep_link`: a link opening one reservation in the portal.
///
/// An endpoint Seam does not document; it may change without notice. Not idempotent.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateDeepLink<R = CreateDeepLinkRequest>(pub R);

impl<R: Borrow<CreateDeepLinkRequest> + Send + Sync> Operation for CreateDeepLink<R> {
    type Output = CustomerDeepLink;
    const NAME: &'static str = "customers.reservations.create_deep_link";
    const METHOD: Method = Method::POST;
    const PATH: &'static str = "/customers/reservations/create_deep_link";
    const RESPONSE_KEY: Option<&'static str> = Some("deep_link");
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<(), ValidationError> {
        self.0.borrow().validate()
    }

    fn body(&self) -> Result<Option<Bytes>, serde_json::Error> {
        json_body(self.0.borrow())
    }

    fn visit_urls(output: &CustomerDeepLink, visit: &mut dyn FnMut(&'static str, &Url)) {
        visit("url", &output.url);
    }
}
