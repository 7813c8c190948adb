//! What seam-types says about a raw request body, as a list of JSON paths, for the agreement tests.

use seam_types::{CreatePortalRequest, PushDataRequest, Validate};

/// The create_portal route.
pub const CREATE: &str = "/customers/create_portal";
/// The push_data route.
pub const PUSH: &str = "/customers/push_data";

/// The paths seam-types names for `body` sent to `route` (empty when it accepts it). A serde
/// "missing field `x`" error, which serde reports at the parent object, is read as the path of `x`.
pub fn types_paths(route: &str, body: &[u8]) -> Vec<String> {
    let parsed = match route {
        CREATE => seam_types::json::from_slice::<CreatePortalRequest>(body).map(|r| r.validate()),
        _ => seam_types::json::from_slice::<PushDataRequest>(body).map(|r| r.validate()),
    };
    match parsed {
        Err(e) => {
            let mut path = e.path().trim_start_matches('.').to_owned();
            if let Some(field) = e
                .message()
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
            {
                path = if path.is_empty() {
                    field.to_owned()
                } else {
                    format!("{path}.{field}")
                };
            }
            vec![path]
        }
        Ok(Err(v)) => v.violations().iter().map(|v| v.path.clone()).collect(),
        Ok(Ok(())) => Vec::new(),
    }
}
