//! The `Seam` client: configuration, a shared transport and the Tokio runtime, cheap to clone.

use std::fmt;
use std::sync::Arc;

#[cfg(feature = "default-client")]
use seam_core::Error;
use seam_core::{Config, Transport};

use crate::builder::SeamBuilder;
use crate::customers::Customers;
use crate::mode::Async;
use crate::runtime::TokioRuntime;
#[cfg(feature = "default-client")]
use crate::transport::HyperTransport;

/// A client for the Seam customers API.
///
/// Build one with [`Seam::from_env`], [`Seam::builder`] or [`Seam::with_transport`], then call the
/// endpoints through [`Seam::customers`]. Cloning is cheap (one reference count); clones share the
/// configuration and the connection pool, so create one client and pass clones around.
///
/// ```no_run
/// # async fn demo() -> Result<(), seam_http::Error> {
/// use seam_http::{CreatePortalRequest, Seam};
///
/// let seam = Seam::from_env()?;
/// let portal = seam.customers().create_portal(CreatePortalRequest::new()).send().await?;
/// println!("{}", portal.url);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Seam {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) transport: Box<dyn Transport>,
    pub(crate) runtime: TokioRuntime,
}

impl Seam {
    /// A client configured from the environment (`SEAM_API_KEY`, or `SEAM_PERSONAL_ACCESS_TOKEN` with
    /// `SEAM_WORKSPACE_ID`; optional `SEAM_ENDPOINT`) over the default [`HyperTransport`].
    #[cfg(feature = "default-client")]
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().from_env()?.build()
    }

    /// Starts configuring a client.
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// A client over the default [`HyperTransport`] with a ready [`Config`].
    #[cfg(feature = "default-client")]
    pub fn new(config: Config) -> Result<Self, Error> {
        let transport = HyperTransport::new().map_err(crate::builder::transport_build_error)?;
        Ok(Self::with_transport(config, transport))
    }

    /// A client that sends every request through `transport` (any [`Transport`], including a
    /// closure `Fn(http::Request<Bytes>) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>>`).
    ///
    /// Timeouts, retries and parsing still happen in the client; the transport only moves bytes.
    ///
    /// ```
    /// use seam_http::bytes::Bytes;
    /// use seam_http::{http, Config, Credentials, DeleteDataRequest, Seam, TransportError};
    ///
    /// // A transport that answers every request itself, as a test double would.
    /// let transport = |request: http::Request<Bytes>| async move {
    ///     assert_eq!(request.uri().path(), "/customers/delete_data");
    ///     Ok::<_, TransportError>(http::Response::new(Bytes::from_static(br#"{"ok":true}"#)))
    /// };
    /// let config = Config::builder()
    ///     .credentials(Credentials::api_key("seam_test_key_123")?)
    ///     .build()?;
    /// let seam = Seam::with_transport(config, transport);
    ///
    /// # let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    /// # runtime.block_on(async {
    /// let request = DeleteDataRequest::new().with_customer_keys(["customer_1"]);
    /// assert!(seam.customers().delete_data(request).send().await?.ok);
    /// # Ok::<(), seam_http::Error>(())
    /// # })?;
    /// # Ok::<(), seam_http::Error>(())
    /// ```
    pub fn with_transport(config: Config, transport: impl Transport) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                transport: Box::new(transport),
                runtime: TokioRuntime::new(),
            }),
        }
    }

    /// The settings this client uses.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The customers endpoints: Customer Portal links, pushing and deleting customer data.
    pub fn customers(&self) -> Customers<'_> {
        Customers::new(self, &Async)
    }
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seam")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}
