//! The customers endpoints on a client, each returning a [`Call`] to set options on and send.

use std::borrow::Cow;
use std::fmt;

use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, PushData};
use seam_types::{
    CreateDeepLinkRequest, CreatePortalRequest, CustomerData, DeleteDataRequest, PushDataRequest,
};

use crate::call::Call;
use crate::client::Seam;
use crate::held::Held;
use crate::mode::{Async, Mode};

/// The customers namespace of the API; get it from [`Seam::customers`] (or, with the `blocking`
/// feature, from `blocking::Seam::customers`).
///
/// Each method returns a [`Call`]: set per-call overrides if you need any, then `.send()`.
///
/// # Requests by value or by reference
///
/// Every method takes `impl Into<Cow<'r, Request>>`, so both forms work and neither copies the request:
///
/// * `push_data(request)` moves it into the call, which drops it when done; the call is `'static`
///   (it can be spawned).
/// * `push_data(&request)` borrows it: the body is serialized straight from your value and the
///   request stays yours, to log, retry or send again; the call lives as long as the borrow.
///
/// Why `Cow` rather than the alternatives: one method per endpoint keeps the API and its docs in one
/// place (a `&Request` overload would double them); and, unlike pre-serialized bytes, the request
/// is still validated with JSON paths before anything is sent. The `Clone` that `Cow` needs is never
/// called by the SDK. The call keeps the request as a [`Held`]: a pointer either way (an owned
/// request is moved to the heap), so the call and its future stay small.
///
/// ```no_run
/// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
/// use seam_http::PushDataRequest;
/// use seam_http::types::Building;
///
/// let request = PushDataRequest::new("customer_1").push_building(Building::new("hq", "Headquarters"));
/// seam.customers().push_data(&request).send().await?; // borrowed: not cloned, still ours
/// println!("pushed {} building(s)", request.buildings.as_ref().map_or(0, Vec::len));
/// # Ok(())
/// # }
/// ```
pub struct Customers<'a, M = Async> {
    seam: &'a Seam,
    mode: &'a M,
}

impl<'a, M: Mode> Customers<'a, M> {
    pub(crate) fn new(seam: &'a Seam, mode: &'a M) -> Self {
        Self { seam, mode }
    }

    fn call<'r, O: seam_core::operation::Operation + 'r>(&self, op: O) -> Call<'r, O, M> {
        Call::new(self.seam.clone(), op, self.mode.clone())
    }

    /// `POST /customers/create_portal`: a magic link to a hosted Customer Portal.
    ///
    /// Not retried after ambiguous failures by default (each call mints a new link); opt in with
    /// [`Call::idempotent`]. For the common case of a link for one customer, see
    /// [`Customers::create_portal_for`].
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// use std::time::Duration;
    /// use seam_http::{CreatePortalRequest, CustomerData, Locale};
    ///
    /// let request = CreatePortalRequest::from(CustomerData::new("acme")).with_locale(Locale::FrFr);
    /// let portal = seam
    ///     .customers()
    ///     .create_portal(&request)
    ///     .timeout(Duration::from_secs(5))
    ///     .send()
    ///     .await?;
    /// println!("{} (expires {})", portal.url, portal.expires_at);
    /// # Ok(())
    /// # }
    /// ```
    pub fn create_portal<'r>(
        &self,
        request: impl Into<Cow<'r, CreatePortalRequest>>,
    ) -> Call<'r, CreatePortal<Held<'r, CreatePortalRequest>>, M> {
        self.call(CreatePortal(Held::from(request.into())))
    }

    /// `POST /customers/create_portal` for one customer, everything else left to the server's
    /// defaults: `create_portal(CustomerData::new(customer_key))` in one call.
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// let portal = seam.customers().create_portal_for("acme").send().await?;
    /// println!("{}", portal.url);
    /// # Ok(())
    /// # }
    /// ```
    pub fn create_portal_for(
        &self,
        customer_key: impl Into<String>,
    ) -> Call<'static, CreatePortal<Held<'static, CreatePortalRequest>>, M> {
        self.create_portal(CreatePortalRequest::from(CustomerData::new(customer_key)))
    }

    /// `POST /customers/push_data`: sends (creates or updates) a customer's resources.
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// use seam_http::PushDataRequest;
    /// use seam_http::types::Unit;
    ///
    /// let request = PushDataRequest::new("customer_1").push_unit(Unit::new("unit-1", "Unit 1"));
    /// assert!(seam.customers().push_data(request).idempotent(true).send().await?.ok);
    /// # Ok(())
    /// # }
    /// ```
    pub fn push_data<'r>(
        &self,
        request: impl Into<Cow<'r, PushDataRequest>>,
    ) -> Call<'r, PushData<Held<'r, PushDataRequest>>, M> {
        self.call(PushData(Held::from(request.into())))
    }

    /// `DELETE /customers/delete_data`: deletes customers' resources by key.
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// use seam_http::DeleteDataRequest;
    ///
    /// let request = DeleteDataRequest::new().with_customer_keys(["customer_1"]);
    /// assert!(seam.customers().delete_data(&request).send().await?.ok);
    /// # Ok(())
    /// # }
    /// ```
    pub fn delete_data<'r>(
        &self,
        request: impl Into<Cow<'r, DeleteDataRequest>>,
    ) -> Call<'r, DeleteData<Held<'r, DeleteDataRequest>>, M> {
        self.call(DeleteData(Held::from(request.into())))
    }

    /// `POST /customers/reservations/create_deep_link`: a link opening one reservation in the portal
    /// (an endpoint Seam does not document; it may change without notice).
    pub fn create_deep_link<'r>(
        &self,
        request: impl Into<Cow<'r, CreateDeepLinkRequest>>,
    ) -> Call<'r, CreateDeepLink<Held<'r, CreateDeepLinkRequest>>, M> {
        self.call(CreateDeepLink(Held::from(request.into())))
    }
}

// By hand: derives would ask `M: Clone`/`M: Copy`, but only references are copied.
impl<M> Clone for Customers<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Customers<'_, M> {}

impl<M> fmt::Debug for Customers<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Customers")
            .field("seam", self.seam)
            .finish_non_exhaustive()
    }
}
