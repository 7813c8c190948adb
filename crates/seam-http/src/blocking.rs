//! A synchronous client (feature `blocking`): the same calls and per-call options as [`crate::Seam`],
//! run to completion on a private Tokio runtime, for scripts, CLIs and synchronous servers.
//!
//! ```no_run
//! use seam_http::blocking::Seam;
//!
//! fn main() -> Result<(), seam_http::Error> {
//!     let seam = Seam::from_env()?; // SEAM_API_KEY, or SEAM_PERSONAL_ACCESS_TOKEN + SEAM_WORKSPACE_ID
//!     let portal = seam.customers().create_portal_for("acme").send()?;
//!     println!("{}", portal.url);
//!     Ok(())
//! }
//! ```
//!
//! # How it runs
//!
//! As `reqwest::blocking` does, each client (and its clones) owns one current-thread Tokio runtime
//! on a thread of its own (`seam-blocking`), which drives the connections and timers. A call runs on
//! the caller's thread, blocked until the answer, so requests passed by reference are not copied
//! and several threads may call one client at once. Dropping the last clone stops the runtime.
//!
//! Calling from inside a Tokio runtime would block one of its worker threads (or, on a
//! current-thread runtime, stall it): there, `send()` returns an [`Error`] with `is_config()`
//! instead, nothing is sent and nothing panics. The check is whether the thread has a Tokio
//! runtime context, so it also refuses inside `tokio::task::spawn_blocking` (such a thread cannot
//! be told apart from a worker without risking the panic); use [`crate::Seam`] in async code.
//! Other executors cannot be detected: there the call simply blocks that thread until it is done
//! (it still completes, since the private runtime drives the I/O).

use std::fmt;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use seam_core::exec::CallReport;
use seam_core::operation::Operation;
use seam_core::{Config, Error, Transport};
use tokio::runtime::Handle;
use tokio::sync::oneshot;

use crate::builder::SeamBuilder;
use crate::call::Call;
use crate::customers::Customers;
use crate::mode::{private, Mode};

/// How long the runtime thread waits for in-flight work (a DNS lookup, say) when the client is dropped.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// A blocking client for the Seam customers API; cheap to clone (clones share the runtime and the
/// connection pool).
///
/// Build it with [`Seam::from_env`], [`Seam::new`], [`Seam::with_transport`] or
/// [`SeamBuilder::build_blocking`] (every builder setting applies).
///
/// ```
/// use std::time::Duration;
/// use seam_http::blocking;
///
/// let seam: blocking::Seam = seam_http::Seam::builder()
///     .api_key("seam_test_key_123")
///     .timeout(Duration::from_secs(10))
///     .build_blocking()?;
/// assert_eq!(seam.config().timeout(), Duration::from_secs(10));
/// # Ok::<(), seam_http::Error>(())
/// ```
#[derive(Clone)]
pub struct Seam {
    client: crate::Seam,
    mode: Blocking,
}

/// The mode of calls made by a [`blocking::Seam`](Seam): `send()` runs the call to completion.
///
/// Opaque; it holds the client's private runtime.
#[derive(Clone)]
pub struct Blocking {
    runtime: Arc<RuntimeThread>,
}

impl Mode for Blocking {}
impl private::Sealed for Blocking {}

impl fmt::Debug for Blocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Blocking").finish_non_exhaustive()
    }
}

/// The private runtime: its handle, and the thread that drives it until told to stop.
struct RuntimeThread {
    handle: Handle,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl RuntimeThread {
    fn start() -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| setup_error("could not create its Tokio runtime", e))?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("seam-blocking".to_owned())
            .spawn(move || {
                // Drives I/O and timers for every caller's `Handle::block_on` until the client is
                // dropped (the sender is dropped then, which also ends this wait).
                runtime.block_on(async {
                    let _ = stopped.await;
                });
                runtime.shutdown_timeout(SHUTDOWN_GRACE);
            })
            .map_err(|e| setup_error("could not start its runtime thread", e))?;
        Ok(Self {
            handle,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for RuntimeThread {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            // Waiting would block an async worker thread: there the thread is left to end alone.
            if Handle::try_current().is_err() && thread.thread().id() != std::thread::current().id()
            {
                let _ = thread.join();
            }
        }
    }
}

fn setup_error(what: &str, err: std::io::Error) -> Error {
    Error::config(format!("the blocking Seam client {what}: {err}"))
}

impl Seam {
    /// A client configured from the environment (as [`crate::Seam::from_env`]) over the default
    /// transport.
    #[cfg(feature = "default-client")]
    pub fn from_env() -> Result<Self, Error> {
        crate::Seam::builder().from_env()?.build_blocking()
    }

    /// Starts configuring a client; finish with [`SeamBuilder::build_blocking`].
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// A client over the default transport with a ready [`Config`].
    #[cfg(feature = "default-client")]
    pub fn new(config: Config) -> Result<Self, Error> {
        Self::start(|| crate::Seam::new(config))
    }

    /// A client that sends every request through `transport` (see [`crate::Seam::with_transport`]);
    /// its futures run on the client's private runtime.
    pub fn with_transport(config: Config, transport: impl Transport) -> Result<Self, Error> {
        Self::start(|| Ok(crate::Seam::with_transport(config, transport)))
    }

    /// Starts the runtime, then makes the async client inside it (a transport may spawn tasks).
    pub(crate) fn start(
        client: impl FnOnce() -> Result<crate::Seam, Error>,
    ) -> Result<Self, Error> {
        let runtime = RuntimeThread::start()?;
        let client = {
            let _inside = runtime.handle.enter();
            client()?
        };
        Ok(Self {
            client,
            mode: Blocking {
                runtime: Arc::new(runtime),
            },
        })
    }

    /// The settings this client uses.
    pub fn config(&self) -> &Config {
        self.client.config()
    }

    /// The customers endpoints; each call ends with `.send()`, which blocks until the answer.
    pub fn customers(&self) -> Customers<'_, Blocking> {
        Customers::new(&self.client, &self.mode)
    }
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::Seam")
            .field("config", self.client.config())
            .finish_non_exhaustive()
    }
}

impl<'r, O: Operation + 'r> Call<'r, O, Blocking> {
    /// Runs the call to completion on the client's runtime and returns its result; blocks the
    /// calling thread meanwhile. Inside an async runtime it returns an error instead (see the
    /// [module docs](self)).
    ///
    /// ```no_run
    /// # fn demo(seam: seam_http::blocking::Seam) -> Result<(), seam_http::Error> {
    /// use std::time::Duration;
    /// use seam_http::PushDataRequest;
    ///
    /// let request = PushDataRequest::new("customer_1");
    /// let ok = seam
    ///     .customers()
    ///     .push_data(&request)
    ///     .timeout(Duration::from_secs(5))
    ///     .idempotent(true)
    ///     .send()?;
    /// assert!(ok.ok);
    /// # Ok(())
    /// # }
    /// ```
    pub fn send(self) -> Result<O::Output, Error> {
        self.send_with_report().0
    }

    /// Like [`send`](Call::send), and also returns the call's [`CallReport`].
    ///
    /// ```no_run
    /// # fn demo(seam: seam_http::blocking::Seam) {
    /// use seam_http::DeleteDataRequest;
    ///
    /// let request = DeleteDataRequest::new().with_customer_keys(["customer_1"]);
    /// let (result, report) = seam.customers().delete_data(request).send_with_report();
    /// println!("{} attempt(s): {result:?}", report.attempts);
    /// # }
    /// ```
    pub fn send_with_report(self) -> (Result<O::Output, Error>, CallReport) {
        if Handle::try_current().is_ok() {
            return (Err(inside_async_runtime::<O>()), CallReport::default());
        }
        let handle = self.mode.runtime.handle.clone();
        handle.block_on(self.run())
    }
}

fn inside_async_runtime<O: Operation>() -> Error {
    Error::config(format!(
        "{}: the blocking Seam client was called inside an async (Tokio) runtime, where blocking \
         would stall it; nothing was sent. Use seam_http::Seam with `.send().await` there",
        O::NAME
    ))
}
