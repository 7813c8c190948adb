//! Who is calling: the three credential kinds the customers endpoints accept, checked by prefix.

use std::fmt;

use http::HeaderValue;

use crate::error::Error;

/// The kinds of credential Seam issues, recognised by their prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialKind {
    /// An API key (`seam_...`): scoped to one workspace.
    ApiKey,
    /// A personal access token (`seam_at...`): a user's token, used with a workspace id.
    PersonalAccessToken,
    /// A console session token (a JWT, `ey...`): used with a workspace id.
    ConsoleSessionToken,
    /// A client session token (`seam_cst...`): for front-end widgets; cannot call the customers endpoints.
    ClientSessionToken,
    /// A publishable key (`seam_pk...`): for front-end widgets; cannot call the customers endpoints.
    PublishableKey,
    /// None of the above.
    Unknown,
}

impl CredentialKind {
    /// Guesses the kind of `token` from its prefix. Looks only at the prefix, never stores the token.
    pub fn of(token: &str) -> Self {
        // The longer `seam_...` prefixes must be tested before the bare `seam_` of API keys.
        if token.starts_with("seam_cst") {
            Self::ClientSessionToken
        } else if token.starts_with("seam_pk") {
            Self::PublishableKey
        } else if token.starts_with("seam_at") {
            Self::PersonalAccessToken
        } else if token.starts_with("seam_") {
            Self::ApiKey
        } else if token.starts_with("ey") {
            Self::ConsoleSessionToken
        } else {
            Self::Unknown
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::ApiKey => "an API key",
            Self::PersonalAccessToken => "a personal access token",
            Self::ConsoleSessionToken => "a console session token (JWT)",
            Self::ClientSessionToken => "a client session token",
            Self::PublishableKey => "a publishable key",
            Self::Unknown => "an unknown kind of token",
        }
    }

    fn constructor(self) -> Option<&'static str> {
        match self {
            Self::ApiKey => Some("Credentials::api_key(key)"),
            Self::PersonalAccessToken => {
                Some("Credentials::personal_access_token(token, workspace_id)")
            }
            Self::ConsoleSessionToken => {
                Some("Credentials::console_session_token(token, workspace_id)")
            }
            _ => None,
        }
    }
}

/// A secret string whose `Debug` and `Display` print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    ApiKey(Secret),
    PersonalAccessToken { token: Secret, workspace_id: String },
    ConsoleSessionToken { token: Secret, workspace_id: String },
}

impl Repr {
    fn secret(&self) -> &str {
        match self {
            Self::ApiKey(s)
            | Self::PersonalAccessToken { token: s, .. }
            | Self::ConsoleSessionToken { token: s, .. } => &s.0,
        }
    }
}

/// How the SDK authenticates: an API key, or a personal access / console session token with a workspace id.
///
/// The secret never appears in `Debug` output (it prints `[redacted]`), and the `authorization`
/// header built from it is marked sensitive.
///
/// ```
/// use seam_core::Credentials;
///
/// let creds = Credentials::api_key("seam_test_key_123").unwrap();
/// assert_eq!(format!("{creds:?}"), "Credentials::ApiKey([redacted])");
///
/// // A token of the wrong kind is refused with a hint.
/// let err = Credentials::api_key("seam_at_token").unwrap_err();
/// assert!(err.to_string().contains("personal access token"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    repr: Repr,
    /// The `authorization: Bearer ...` value, built and marked sensitive once at construction so
    /// each request only clones it.
    authorization: HeaderValue,
    /// The `seam-workspace` value for tokens, built once at construction.
    workspace: Option<HeaderValue>,
}

impl Credentials {
    /// An API key (starts with `seam_`).
    ///
    /// Fails, saying what the value looks like, for personal access tokens, JWTs, client session
    /// tokens, publishable keys and anything else.
    pub fn api_key(key: impl Into<String>) -> Result<Self, Error> {
        let key = key.into();
        check_token(&key, CredentialKind::ApiKey)?;
        Self::from_repr(Repr::ApiKey(Secret(key)))
    }

    /// A personal access token (starts with `seam_at`) acting in the workspace `workspace_id`.
    pub fn personal_access_token(
        token: impl Into<String>,
        workspace_id: impl Into<String>,
    ) -> Result<Self, Error> {
        let token = token.into();
        let workspace_id = workspace_id.into();
        check_token(&token, CredentialKind::PersonalAccessToken)?;
        check_workspace_id(&workspace_id)?;
        Self::from_repr(Repr::PersonalAccessToken {
            token: Secret(token),
            workspace_id,
        })
    }

    /// A console session token (a JWT, starts with `ey`) acting in the workspace `workspace_id`.
    pub fn console_session_token(
        token: impl Into<String>,
        workspace_id: impl Into<String>,
    ) -> Result<Self, Error> {
        let token = token.into();
        let workspace_id = workspace_id.into();
        check_token(&token, CredentialKind::ConsoleSessionToken)?;
        check_workspace_id(&workspace_id)?;
        Self::from_repr(Repr::ConsoleSessionToken {
            token: Secret(token),
            workspace_id,
        })
    }

    /// Wraps a checked `repr`, building its header values once.
    fn from_repr(repr: Repr) -> Result<Self, Error> {
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", repr.secret()))
            .map_err(|_| {
                Error::credentials(
                    "the credential contains characters not allowed in an HTTP header",
                )
            })?;
        authorization.set_sensitive(true);
        let workspace = match &repr {
            Repr::ApiKey(_) => None,
            Repr::PersonalAccessToken { workspace_id, .. }
            | Repr::ConsoleSessionToken { workspace_id, .. } => {
                Some(HeaderValue::from_str(workspace_id).map_err(|_| {
                    Error::credentials("the workspace id is not a valid header value")
                })?)
            }
        };
        Ok(Self {
            repr,
            authorization,
            workspace,
        })
    }

    /// Which kind of credential this is.
    pub fn kind(&self) -> CredentialKind {
        match &self.repr {
            Repr::ApiKey(_) => CredentialKind::ApiKey,
            Repr::PersonalAccessToken { .. } => CredentialKind::PersonalAccessToken,
            Repr::ConsoleSessionToken { .. } => CredentialKind::ConsoleSessionToken,
        }
    }

    /// The workspace the token acts in (`None` for an API key, which belongs to one workspace).
    pub fn workspace_id(&self) -> Option<&str> {
        match &self.repr {
            Repr::ApiKey(_) => None,
            Repr::PersonalAccessToken { workspace_id, .. }
            | Repr::ConsoleSessionToken { workspace_id, .. } => Some(workspace_id),
        }
    }

    fn secret(&self) -> &str {
        self.repr.secret()
    }

    /// `true` when `text` contains this credential's secret; used to scrub diagnostics.
    pub(crate) fn appears_in(&self, text: &str) -> bool {
        text.contains(self.secret())
    }

    /// `true` when `text` contains the secret in any letter case (header names are lower-cased).
    pub(crate) fn appears_in_ignoring_case(&self, text: &str) -> bool {
        text.to_ascii_lowercase()
            .contains(&self.secret().to_ascii_lowercase())
    }

    /// `true` when `bytes` contain the secret.
    pub(crate) fn appears_in_bytes(&self, bytes: &[u8]) -> bool {
        let secret = self.secret().as_bytes();
        bytes.windows(secret.len()).any(|w| w == secret)
    }

    /// `bytes` with every occurrence of the secret replaced by `[redacted]`; `None` when there is none.
    pub(crate) fn scrub_bytes(&self, bytes: &[u8]) -> Option<Vec<u8>> {
        if !self.appears_in_bytes(bytes) {
            return None;
        }
        let secret = self.secret().as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while let Some(at) = rest.windows(secret.len()).position(|w| w == secret) {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(b"[redacted]");
            rest = &rest[at + secret.len()..];
        }
        out.extend_from_slice(rest);
        Some(out)
    }

    /// Replaces every occurrence of the secret in `text` with `[redacted]`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        text.replace(self.secret(), "[redacted]")
    }

    /// Like [`Credentials::scrub`], and also removes a start of the secret left at the end of a
    /// shortened excerpt (`...seam_te…`).
    pub(crate) fn scrub_excerpt(&self, excerpt: &str) -> String {
        let mut text = self.scrub(excerpt);
        let secret = self.secret();
        let Some(body) = text.strip_suffix('…') else {
            return text;
        };
        // The secret is ASCII (checked at construction), so byte slicing is on char boundaries.
        for len in (4..secret.len()).rev() {
            if body.ends_with(&secret[..len]) {
                text = format!("{}[redacted]…", &body[..body.len() - len]);
                break;
            }
        }
        text
    }

    /// The `authorization: Bearer ...` value, marked sensitive so HTTP stacks keep it out of logs.
    pub(crate) fn authorization(&self) -> &HeaderValue {
        &self.authorization
    }

    /// The `seam-workspace` value (`None` for an API key).
    pub(crate) fn workspace_header(&self) -> Option<&HeaderValue> {
        self.workspace.as_ref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::ApiKey(s) => write!(f, "Credentials::ApiKey({s:?})"),
            Repr::PersonalAccessToken {
                token,
                workspace_id,
            } => f
                .debug_struct("Credentials::PersonalAccessToken")
                .field("token", token)
                .field("workspace_id", workspace_id)
                .finish(),
            Repr::ConsoleSessionToken {
                token,
                workspace_id,
            } => f
                .debug_struct("Credentials::ConsoleSessionToken")
                .field("token", token)
                .field("workspace_id", workspace_id)
                .finish(),
        }
    }
}

/// Checks that `token` is usable as a credential of kind `expected`; the message never quotes the token.
fn check_token(token: &str, expected: CredentialKind) -> Result<(), Error> {
    let what = expected.describe();
    if token.is_empty() {
        return Err(Error::credentials(format!(
            "{what} was expected but the value is empty"
        )));
    }
    if token.trim() != token {
        return Err(Error::credentials(format!(
            "the value given as {what} has leading or trailing whitespace; check how it was copied"
        )));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::credentials(format!(
            "the value given as {what} contains spaces or non-printable characters"
        )));
    }
    let actual = CredentialKind::of(token);
    if actual == expected {
        return Ok(());
    }
    let message = match actual {
        CredentialKind::ClientSessionToken | CredentialKind::PublishableKey => format!(
            "this looks like {}, which is meant for front-end components and cannot call the customers \
             endpoints; use an API key, a personal access token or a console session token",
            actual.describe()
        ),
        CredentialKind::Unknown => format!(
            "this does not look like {what} (expected it to start with `{}`)",
            match expected {
                CredentialKind::PersonalAccessToken => "seam_at",
                CredentialKind::ConsoleSessionToken => "ey",
                _ => "seam_",
            }
        ),
        other => format!(
            "this looks like {}, not {what}; use {}",
            other.describe(),
            other.constructor().unwrap_or("the matching Credentials constructor")
        ),
    };
    Err(Error::credentials(message))
}

fn check_workspace_id(workspace_id: &str) -> Result<(), Error> {
    if workspace_id.trim().is_empty() {
        return Err(Error::credentials(
            "a workspace id is required with a personal access or console session token",
        ));
    }
    if CredentialKind::of(workspace_id) != CredentialKind::Unknown {
        return Err(Error::credentials(
            "the workspace id looks like a key or token; are the token and workspace id arguments swapped?",
        ));
    }
    if HeaderValue::from_str(workspace_id).is_err() || workspace_id.trim() != workspace_id {
        return Err(Error::credentials(
            "the workspace id contains characters not allowed in an HTTP header",
        ));
    }
    Ok(())
}
