//! The seeded credentials the fake accepts, and the check of a request's auth headers.

use http::HeaderMap;

/// The credentials one fake instance accepts.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) api_key: String,
    pub(crate) pat: String,
    pub(crate) workspace_id: uuid::Uuid,
}

impl Credentials {
    /// Fresh random credentials: `seam_fake_<random>`, `seam_at_fake_<random>` and a workspace id.
    pub(crate) fn random() -> Self {
        Self {
            api_key: format!("seam_fake_{}", crate::clock::token(24)),
            pat: format!("seam_at_fake_{}", crate::clock::token(24)),
            workspace_id: crate::clock::random_uuid(),
        }
    }

    /// Whether the headers carry the API key, or the PAT together with the right workspace.
    pub(crate) fn accepts(&self, headers: &HeaderMap) -> bool {
        let Some(token) = bearer(headers) else {
            return false;
        };
        if constant_eq(token.as_bytes(), self.api_key.as_bytes()) {
            return true;
        }
        if constant_eq(token.as_bytes(), self.pat.as_bytes()) {
            let workspace = headers
                .get("seam-workspace")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| uuid::Uuid::parse_str(v.trim()).ok());
            return workspace == Some(self.workspace_id);
        }
        false
    }
}

/// The token of an `authorization: Bearer <token>` header, if there is exactly one such header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let mut values = headers.get_all(http::header::AUTHORIZATION).iter();
    let value = values.next()?.to_str().ok()?;
    if values.next().is_some() {
        return None;
    }
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Compares without an early exit on the first differing byte.
pub(crate) fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
