//! `fake_validator`: a raw request body, validated by seam-fake for each customers operation.
//!
//! The input is the body bytes. Like the fake's request handling, bytes that are not JSON stop
//! there (the fake answers `invalid_input` "Invalid JSON"); JSON goes through
//! [`seam_fake::validate_operation_body`] for every operation's method and path. Checked: no panic, and
//! every issue renders its path and has a message.

use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, Operation, PushData};
use serde_json::Value;

/// (method, path) of every operation the fake validates, as seam-core describes them.
pub fn routes() -> [(http::Method, &'static str); 4] {
    [
        (<CreatePortal>::METHOD, <CreatePortal>::PATH),
        (<PushData>::METHOD, <PushData>::PATH),
        (<DeleteData>::METHOD, <DeleteData>::PATH),
        (<CreateDeepLink>::METHOD, <CreateDeepLink>::PATH),
    ]
}

/// The target: validate `data` as the body of every operation.
pub fn run(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    for (method, route) in routes() {
        let Some(issues) = seam_fake::validate_operation_body(method.as_str(), route, &value)
        else {
            continue;
        };
        for issue in &issues {
            let path = issue.path();
            assert!(
                !issue.message().is_empty(),
                "{method} {route}: an issue at `{path}` without a message"
            );
        }
    }
}
