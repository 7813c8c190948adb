//! The sans-IO core of the Seam customers SDK: credentials, configuration, request building,
//! response parsing, the error type, the retry policy and a transport-generic executor.
//!
//! Nothing here performs I/O or depends on an async runtime: bring any HTTP client by implementing
//! [`Transport`] (a closure will do) and a [`exec::Runtime`] for sleeping, then call
//! [`exec::execute`].
//!
//! ```
//! use seam_core::{build, parse, Config, Credentials};
//! use seam_core::operation::CreatePortal;
//! use seam_types::CreatePortalRequest;
//!
//! let config = Config::builder().credentials(Credentials::api_key("seam_test_key_123")?).build()?;
//! let op = CreatePortal(CreatePortalRequest::new());
//! let request = build(&config, &op)?;
//! assert_eq!(request.uri().path(), "/customers/create_portal");
//!
//! // ... send `request` with any HTTP client, then:
//! let response = http::Response::builder()
//!     .status(200)
//!     .body(bytes::Bytes::from_static(br#"{"ok": true, "customer_portal": {
//!         "url": "https://portal.example/x", "customer_key": "c1", "workspace_id": "00000000-0000-0000-0000-000000000001",
//!         "created_at": "2025-01-01T00:00:00Z", "expires_at": "2025-01-02T00:00:00Z"}}"#))
//!     .unwrap();
//! let portal = parse::<CreatePortal>(response)?;
//! assert_eq!(portal.customer_key, "c1");
//! # Ok::<(), seam_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod build;
pub mod config;
pub mod credentials;
mod endpoint;
pub mod error;
pub mod exec;
pub mod operation;
mod parse;
pub mod retry;
mod retry_after;
pub mod transport;
pub mod violations;

pub use build::{build, build_head, SDK_NAME, SDK_VERSION};
pub use config::{Config, ConfigBuilder, DEFAULT_ENDPOINT, DEFAULT_TIMEOUT};
pub use credentials::{CredentialKind, Credentials};
pub use error::{Error, ErrorKind};
pub use parse::{parse, parse_for, EXCERPT_CHARS, MAX_DATA_BYTES};
pub use retry::RetryPolicy;
pub use transport::{BoxFuture, Replay, Transport, TransportError, TransportErrorKind};
pub use violations::ValidationErrors;
