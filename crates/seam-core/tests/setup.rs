//! Credentials and configuration: kinds recognised by prefix, helpful refusals, environment, endpoints.

mod common;

use std::time::Duration;

use common::{API_KEY, CONSOLE_JWT, PAT, WORKSPACE_ID};
use seam_core::{Config, CredentialKind, Credentials, ErrorKind, RetryPolicy};

#[test]
fn each_constructor_accepts_its_kind() {
    assert_eq!(
        Credentials::api_key(API_KEY).expect("key").kind(),
        CredentialKind::ApiKey
    );
    let pat = Credentials::personal_access_token(PAT, WORKSPACE_ID).expect("pat");
    assert_eq!(
        (pat.kind(), pat.workspace_id()),
        (CredentialKind::PersonalAccessToken, Some(WORKSPACE_ID))
    );
    let jwt = Credentials::console_session_token(CONSOLE_JWT, WORKSPACE_ID).expect("jwt");
    assert_eq!(jwt.kind(), CredentialKind::ConsoleSessionToken);
}

#[test]
fn the_wrong_kind_is_refused_with_a_hint() {
    // (result, words the message must contain)
    let cases = [
        (Credentials::api_key(PAT), "looks like a personal access token, not an API key; use Credentials::personal_access_token"),
        (Credentials::api_key(CONSOLE_JWT), "looks like a console session token (JWT), not an API key; use Credentials::console_session_token"),
        (Credentials::personal_access_token(API_KEY, WORKSPACE_ID), "looks like an API key, not a personal access token; use Credentials::api_key"),
        (Credentials::console_session_token(PAT, WORKSPACE_ID), "looks like a personal access token"),
        (Credentials::api_key("seam_cst1_client_session"), "client session token"),
        (Credentials::api_key("seam_pk1_publishable"), "publishable key"),
        (Credentials::personal_access_token("seam_cst1x", WORKSPACE_ID), "cannot call the customers endpoints"),
        (Credentials::api_key("sk_live_123"), "expected it to start with `seam_`"),
        (Credentials::api_key(""), "empty"),
        (Credentials::api_key(" seam_abc"), "whitespace"),
        (Credentials::api_key("seam_a b"), "spaces"),
        (Credentials::personal_access_token(PAT, ""), "workspace id is required"),
        (Credentials::personal_access_token(WORKSPACE_ID, PAT), "expected it to start with `seam_at`"),
        (Credentials::personal_access_token(PAT, PAT), "arguments swapped"),
    ];
    for (i, (result, needle)) in cases.into_iter().enumerate() {
        let err = result.expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::Credentials, "case {i}");
        assert!(err.is_config(), "case {i}");
        let text = err.to_string();
        assert!(text.contains(needle), "case {i}: {text}");
        for secret in [PAT, CONSOLE_JWT, API_KEY] {
            assert!(
                !text.contains(secret) && !format!("{err:?}").contains(secret),
                "case {i} leaks"
            );
        }
    }
}

#[test]
fn prefixes_are_checked_longest_first() {
    let cases = [
        ("seam_cst_x", CredentialKind::ClientSessionToken),
        ("seam_pk_x", CredentialKind::PublishableKey),
        ("seam_at_x", CredentialKind::PersonalAccessToken),
        ("seam_x", CredentialKind::ApiKey),
        ("eyJx", CredentialKind::ConsoleSessionToken),
        ("x", CredentialKind::Unknown),
    ];
    for (token, kind) in cases {
        assert_eq!(CredentialKind::of(token), kind, "{token}");
    }
}

#[test]
fn defaults_are_as_documented() {
    let config = common::api_key_config();
    assert_eq!(config.endpoint().as_str(), "https://connect.getseam.com/");
    assert_eq!(config.timeout(), Duration::from_secs(30));
    assert_eq!(config.total_deadline(), None);
    let policy = config.retry_policy();
    assert_eq!(policy, &RetryPolicy::default());
    assert_eq!(
        (
            policy.max_attempts(),
            policy.base_delay(),
            policy.max_delay(),
            policy.max_retry_after()
        ),
        (
            3,
            Duration::from_secs(1),
            Duration::from_secs(20),
            Duration::from_secs(20)
        )
    );
    assert!(!policy.retry_non_idempotent());
}

fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[test]
fn from_env_reads_key_or_token_and_endpoint() {
    let config = Config::from_env_with(env(&[("SEAM_API_KEY", API_KEY)])).expect("key");
    assert_eq!(config.credentials().kind(), CredentialKind::ApiKey);

    let config = Config::from_env_with(env(&[
        ("SEAM_PERSONAL_ACCESS_TOKEN", PAT),
        ("SEAM_WORKSPACE_ID", WORKSPACE_ID),
        ("SEAM_ENDPOINT", "https://new.example"),
        ("SEAM_API_URL", "https://old.example"),
    ]))
    .expect("token");
    assert_eq!(config.credentials().workspace_id(), Some(WORKSPACE_ID));
    assert_eq!(config.endpoint().host_str(), Some("new.example"));

    let config = Config::from_env_with(env(&[
        ("SEAM_API_KEY", API_KEY),
        ("SEAM_API_URL", "https://old.example"),
        ("SEAM_ENDPOINT", ""),
    ]))
    .expect("deprecated fallback");
    assert_eq!(config.endpoint().host_str(), Some("old.example"));
}

#[test]
fn from_env_explains_what_is_missing_or_conflicting() {
    let cases: [(&'static [(&'static str, &'static str)], &str); 5] = [
        (
            &[],
            "set SEAM_API_KEY, or SEAM_PERSONAL_ACCESS_TOKEN and SEAM_WORKSPACE_ID",
        ),
        (&[("SEAM_API_KEY", "")], "no credentials"),
        (
            &[
                ("SEAM_API_KEY", API_KEY),
                ("SEAM_PERSONAL_ACCESS_TOKEN", PAT),
            ],
            "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN",
        ),
        (
            &[("SEAM_PERSONAL_ACCESS_TOKEN", PAT)],
            "SEAM_WORKSPACE_ID is not",
        ),
        (
            &[("SEAM_API_KEY", PAT)],
            "looks like a personal access token",
        ),
    ];
    for (vars, needle) in cases {
        let err = Config::from_env_with(env(vars)).expect_err("refused");
        assert!(err.is_config(), "{err:?}");
        assert!(err.to_string().contains(needle), "{err}");
        assert!(!err.to_string().contains(PAT), "{err}");
    }
}

#[test]
fn builder_checks_everything() {
    let key = || Credentials::api_key(API_KEY).expect("key");
    let cases = [
        (Config::builder().build(), "no credentials"),
        (
            Config::builder()
                .credentials(key())
                .endpoint("http://seam.example")
                .build(),
            "plain http",
        ),
        (
            Config::builder()
                .credentials(key())
                .timeout(Duration::ZERO)
                .build(),
            "timeout must be more than zero",
        ),
        (
            Config::builder()
                .credentials(key())
                .total_deadline(Duration::ZERO)
                .build(),
            "deadline must be more than zero",
        ),
        (
            Config::builder()
                .credentials(key())
                .header("authorization", "Bearer x")
                .build(),
            "set from the credentials",
        ),
        (
            Config::builder()
                .credentials(key())
                .header("seam-workspace", "w")
                .build(),
            "set from the credentials",
        ),
        (
            Config::builder()
                .credentials(key())
                .header("bad header", "v")
                .build(),
            "not a valid HTTP header name",
        ),
        (
            Config::builder()
                .credentials(key())
                .header("x-a", "line\nbreak")
                .build(),
            "not allowed in an HTTP header",
        ),
    ];
    for (result, needle) in cases {
        let err = result.expect_err("refused");
        assert!(err.is_config() && err.to_string().contains(needle), "{err}");
    }
    let local = Config::builder()
        .credentials(key())
        .endpoint("http://localhost:3020")
        .build()
        .expect("loopback");
    assert_eq!(local.endpoint().port(), Some(3020));
    let lan = Config::builder()
        .credentials(key())
        .endpoint("http://10.1.2.3")
        .allow_insecure_http(true)
        .build()
        .expect("explicitly allowed");
    let again = lan
        .to_builder()
        .build()
        .expect("to_builder keeps the opt-in");
    assert_eq!(again.endpoint(), lan.endpoint());
}

#[test]
fn headers_that_frame_the_message_or_carry_credentials_are_refused() {
    let key = || Credentials::api_key(API_KEY).expect("key");
    for name in [
        "host",
        "Content-Length",
        "transfer-encoding",
        "connection",
        "upgrade",
        "te",
    ] {
        let err = Config::builder()
            .credentials(key())
            .header(name, "1")
            .build()
            .expect_err(name);
        assert!(
            err.is_config() && err.to_string().contains("cannot be overridden"),
            "{name}: {err}"
        );
    }
    for name in [
        "seam-client-session-token",
        "seam-publishable-key",
        "AUTHORIZATION",
    ] {
        let err = Config::builder()
            .credentials(key())
            .header(name, "x")
            .build()
            .expect_err(name);
        assert!(
            err.to_string().contains("set from the credentials"),
            "{name}: {err}"
        );
    }
    // Header injection through a value or the workspace id is refused, and the text is not echoed.
    for value in ["a\r\nx-injected: 1", "a\rb", "a\nb", "a\0b"] {
        let err = Config::builder()
            .credentials(key())
            .header("x-proxy-token", value)
            .build()
            .expect_err("control characters");
        assert!(!err.to_string().contains("injected"), "{err}");
        let err = Credentials::personal_access_token(PAT, format!("{WORKSPACE_ID}{value}"))
            .expect_err("control characters in the workspace id");
        assert!(
            err.to_string().contains("not allowed in an HTTP header"),
            "{err}"
        );
    }
    // A plain custom header is fine, and replaces the SDK's header of the same name.
    let config = Config::builder()
        .credentials(key())
        .header("user-agent", "my-app/1.0")
        .build()
        .expect("custom user agent");
    assert_eq!(config.headers()["user-agent"], "my-app/1.0");
}

#[test]
fn environment_errors_name_the_variable() {
    let err = Config::from_env_with(env(&[("SEAM_API_KEY", PAT)])).expect_err("a token");
    assert!(
        err.to_string()
            .contains("SEAM_API_KEY: this looks like a personal access token"),
        "{err}"
    );
    let err = Config::from_env_with(env(&[
        ("SEAM_PERSONAL_ACCESS_TOKEN", API_KEY),
        ("SEAM_WORKSPACE_ID", WORKSPACE_ID),
    ]))
    .expect_err("a key");
    assert!(
        err.to_string()
            .starts_with("unusable credentials: SEAM_PERSONAL_ACCESS_TOKEN"),
        "{err}"
    );
    assert!(!err.to_string().contains(API_KEY), "{err}");
    // A stray SEAM_API_URL never beats SEAM_ENDPOINT, whatever the order of lookups.
    let config = Config::from_env_with(env(&[
        ("SEAM_API_URL", "https://old.example"),
        ("SEAM_ENDPOINT", "https://new.example"),
        ("SEAM_API_KEY", API_KEY),
    ]))
    .expect("both set");
    assert_eq!(config.endpoint().host_str(), Some("new.example"));
    // An endpoint from the environment gets the same plain-http check.
    let err = Config::from_env_with(env(&[
        ("SEAM_API_KEY", API_KEY),
        ("SEAM_ENDPOINT", "http://127.0.0.1.evil.com"),
    ]))
    .expect_err("remote plain http");
    assert!(err.to_string().contains("plain http"), "{err}");
}
