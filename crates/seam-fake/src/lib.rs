//! A local fake of the Seam API customers namespace, served over real HTTP on loopback.
//!
//! `seam-fake` speaks the same wire protocol as Seam for `/customers/*`: bearer auth with a
//! seeded API key (or a personal access token plus `seam-workspace`), schema validation of the raw
//! JSON with Seam's `invalid_input` envelope, an in-memory store of pushed customer data, and
//! HTML portal pages. On top of that it injects faults (error statuses, delays, stalls, resets,
//! truncated or oversized bodies, redirects, ...) per route and per call, and counts requests and
//! connections so tests can assert on them.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! use seam_fake::{Fault, FakeSeam};
//!
//! let fake = FakeSeam::start().await?;
//! // The next call to create_portal gets a 503 with an empty body; later calls are served normally.
//! fake.faults().next("/customers/create_portal", 1, Fault::status(503));
//! assert!(fake.base_url().starts_with("http://127.0.0.1:"));
//! assert_eq!(fake.counters().requests("/customers/create_portal"), 0);
//! fake.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Control routes
//!
//! Clients on loopback can drive the same fault plan over HTTP with the control token
//! ([`FakeSeam::control_token`], printed by the binary at start) as
//! `authorization: Bearer <token>`; requests with a `Host` other than the fake's own address,
//! or a foreign `Origin` (a web page), are refused. The API routes never need the token.
//!
//! * `POST /_fake/faults` with `{"route": "/customers/create_portal", "next": 2, "fault": {...}}`
//!   (or `"call": k`, or `"always": true`); a fault is `{"kind": "respond", "status": 429,
//!   "headers": [["retry-after", "1"]], "body": ""}`, `{"kind": "delay", "delay_ms": 500}`,
//!   `{"kind": "reset_mid_body"}`, ... (see [`Fault`]);
//! * `DELETE /_fake/faults` clears every rule;
//! * `GET /_fake/counters` returns `{"connections": n, "requests": {"<path>": n}, "ok": true}`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod body;
mod clock;
mod collections;
mod conn_io;
mod control;
mod counters;
mod delete_query;
mod envelope;
mod fault_apply;
mod faults;
mod handle;
mod handlers;
mod portal_i18n;
mod portal_page;
mod portal_route;
mod portal_view;
mod schema;
mod server;
mod service;
mod store;
mod validator;
mod zod;

pub use counters::Counters;
pub use faults::{Fault, Faults};
pub use handle::{FakeSeam, FakeSeamBuilder};
pub use validator::{validate_operation_body, MAX_ISSUES};
pub use zod::Issue;

/// The routes the fake serves, as `(method, path)` pairs (the portal page and control routes aside).
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/customers/create_portal"),
    ("POST", "/customers/push_data"),
    ("DELETE", "/customers/delete_data"),
    ("POST", "/customers/delete_data"),
    ("POST", "/customers/reservations/create_deep_link"),
];
