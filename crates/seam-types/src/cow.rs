//! Conversions that let a call take a request by value or by reference, and the one-line portal
//! request for a customer.
//!
//! Every request type converts into `Cow<'_, Request>` from an owned value (`Cow::Owned`, moved, not
//! copied) and from a reference (`Cow::Borrowed`), so an SDK method taking
//! `impl Into<Cow<'a, PushDataRequest>>` accepts both `request` and `&request`:
//!
//! ```
//! use std::borrow::Cow;
//! use seam_types::PushDataRequest;
//!
//! fn size_of_keys<'a>(request: impl Into<Cow<'a, PushDataRequest>>) -> usize {
//!     request.into().customer_key.len()
//! }
//! let request = PushDataRequest::new("customer_1");
//! assert_eq!(size_of_keys(&request), 10); // borrowed: `request` stays usable
//! assert_eq!(size_of_keys(request), 10); // moved
//! ```

use std::borrow::Cow;

use crate::{CreateDeepLinkRequest, CreatePortalRequest, CustomerData, DeleteDataRequest};

/// `From<Request>` and `From<&Request>` for `Cow<'_, Request>`.
macro_rules! into_cow {
    ($($request:ty),* $(,)?) => {$(
        impl<'a> From<$request> for Cow<'a, $request> {
            fn from(request: $request) -> Self {
                Cow::Owned(request)
            }
        }

        impl<'a> From<&'a $request> for Cow<'a, $request> {
            fn from(request: &'a $request) -> Self {
                Cow::Borrowed(request)
            }
        }
    )*};
}

// `CustomerData` is also `PushDataRequest`.
into_cow!(
    CreatePortalRequest,
    CustomerData,
    DeleteDataRequest,
    CreateDeepLinkRequest
);

/// A portal request for this customer and its resources, everything else left to the server.
///
/// ```
/// use seam_types::{CreatePortalRequest, CustomerData};
///
/// let request = CreatePortalRequest::from(CustomerData::new("acme"));
/// assert_eq!(request, CreatePortalRequest::new().with_customer_data(CustomerData::new("acme")));
/// ```
impl From<CustomerData> for CreatePortalRequest {
    fn from(customer_data: CustomerData) -> Self {
        Self::new().with_customer_data(customer_data)
    }
}
