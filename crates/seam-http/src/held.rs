//! [`Held`]: the request a [`Call`](crate::Call) holds, borrowed or boxed, so the call stays small.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

/// The request inside a [`Call`](crate::Call): the caller's borrow, or the caller's value moved to
/// the heap.
///
/// Every endpoint method takes `impl Into<Cow<'r, Request>>` and keeps the request as a `Held`.
/// A `Cow` is as large as the request itself (about 900 bytes for a `CreatePortalRequest`) even
/// when it only borrows, and a call's future carries it: it was copied into the future's `Box` on
/// every call. A `Held` is two words whichever way the request came in; an owned request costs one
/// allocation instead.
///
/// It dereferences to the request; a borrowed one is the caller's value, not a copy:
///
/// ```
/// use seam_http::{CreatePortalRequest, CustomerData, Held, Seam};
///
/// let seam = Seam::builder().api_key("seam_test_key_123").build()?;
/// let request = CreatePortalRequest::new().with_customer_data(CustomerData::new("acme"));
/// let call = seam.customers().create_portal(&request);
/// assert!(matches!(call.operation().0, Held::Borrowed(held) if std::ptr::eq(held, &request)));
/// let owned = seam.customers().create_portal(request.clone());
/// assert!(matches!(owned.operation().0, Held::Owned(_)));
/// assert_eq!(*owned.operation().0, request);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum Held<'r, T> {
    /// Borrowed from the caller, who keeps the request.
    Borrowed(&'r T),
    /// Moved into the call, dropped with it.
    Owned(Box<T>),
}

impl<'r, T: Clone> From<Cow<'r, T>> for Held<'r, T> {
    fn from(request: Cow<'r, T>) -> Self {
        match request {
            Cow::Borrowed(request) => Self::Borrowed(request),
            Cow::Owned(request) => Self::Owned(Box::new(request)),
        }
    }
}

impl<T> Deref for Held<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self {
            Self::Borrowed(request) => request,
            Self::Owned(request) => request,
        }
    }
}

impl<T> Borrow<T> for Held<'_, T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T> AsRef<T> for Held<'_, T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: Clone> Clone for Held<'_, T> {
    fn clone(&self) -> Self {
        match self {
            Self::Borrowed(request) => Self::Borrowed(request),
            Self::Owned(request) => Self::Owned(request.clone()),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Held<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PartialEq> PartialEq for Held<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use seam_types::{CreatePortalRequest, CustomerData};

    use super::Held;

    #[test]
    fn a_held_request_is_two_words_and_reads_as_the_request_either_way() {
        assert_eq!(
            std::mem::size_of::<Held<'_, CreatePortalRequest>>(),
            2 * std::mem::size_of::<usize>()
        );
        let request = CreatePortalRequest::new().with_customer_data(CustomerData::new("acme"));
        let borrowed = Held::from(Cow::Borrowed(&request));
        assert!(matches!(borrowed, Held::Borrowed(r) if std::ptr::eq(r, &request)));
        let owned = Held::from(Cow::<CreatePortalRequest>::Owned(request.clone()));
        assert!(matches!(owned, Held::Owned(_)));
        assert_eq!(*borrowed, request);
        assert_eq!(owned, borrowed);
        assert_eq!(format!("{owned:?}"), format!("{request:?}"));
    }
}
