//! The customers endpoints on a [`Seam`] client, each returning an awaitable [`Call`].

use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, PushData};
use seam_types::{CreateDeepLinkRequest, CreatePortalRequest, DeleteDataRequest, PushDataRequest};

use crate::call::Call;
use crate::client::Seam;

/// The customers namespace of the API; get it from [`Seam::customers`].
///
/// Each method returns a [`Call`]: set per-call overrides if you need any, then `.send().await`.
#[derive(Clone, Copy, Debug)]
pub struct Customers<'a> {
    seam: &'a Seam,
}

impl<'a> Customers<'a> {
    pub(crate) fn new(seam: &'a Seam) -> Self {
        Self { seam }
    }

    /// `POST /customers/create_portal`: a magic link to a hosted Customer Portal.
    ///
    /// Not retried after ambiguous failures by default (each call mints a new link); opt in with
    /// [`Call::idempotent`].
    ///
    /// ```no_run
    /// # async fn demo(seam: seam_http::Seam) -> Result<(), seam_http::Error> {
    /// use std::time::Duration;
    /// use seam_http::CreatePortalRequest;
    ///
    /// let portal = seam
    ///     .customers()
    ///     .create_portal(CreatePortalRequest::new())
    ///     .timeout(Duration::from_secs(5))
    ///     .send()
    ///     .await?;
    /// println!("{} (expires {})", portal.url, portal.expires_at);
    /// # Ok(())
    /// # }
    /// ```
    pub fn create_portal(&self, request: CreatePortalRequest) -> Call<CreatePortal> {
        Call::new(self.seam.clone(), CreatePortal(request))
    }

    /// `POST /customers/push_data`: sends (creates or updates) a customer's resources.
    pub fn push_data(&self, request: PushDataRequest) -> Call<PushData> {
        Call::new(self.seam.clone(), PushData(request))
    }

    /// `DELETE /customers/delete_data`: deletes customers' resources by key.
    pub fn delete_data(&self, request: DeleteDataRequest) -> Call<DeleteData> {
        Call::new(self.seam.clone(), DeleteData(request))
    }

    /// `POST /customers/reservations/create_deep_link`: a link opening one reservation in the portal
    /// (an endpoint Seam does not document; it may change without notice).
    pub fn create_deep_link(&self, request: CreateDeepLinkRequest) -> Call<CreateDeepLink> {
        Call::new(self.seam.clone(), CreateDeepLink(request))
    }
}
