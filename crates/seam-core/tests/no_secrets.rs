//! No formatting of any error or configuration value reveals the API key.

mod common;

use std::error::Error as _;
use std::time::Duration;

use bytes::Bytes;
use common::{api_key_config, block_on, scripted, FakeRuntime, Step, API_KEY};
use seam_core::exec::{execute, CallOptions};
use seam_core::operation::{CreatePortal, PushData};
use seam_core::{build, parse, Config, Credentials, Error, ErrorKind, RetryPolicy, TransportError};
use seam_types::{CreatePortalRequest, PushDataRequest};

/// Debug, Display and every source in the chain, concatenated.
fn everything(err: &Error) -> String {
    let mut out = format!("{err}\n{err:?}\n{:?}\n", err.body_excerpt());
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(&format!("{s}\n{s:?}\n"));
        source = s.source();
    }
    out
}

fn response(status: u16, body: &'static str) -> http::Response<Bytes> {
    http::Response::builder()
        .status(status)
        .header("seam-request-id", "req_1")
        .body(Bytes::from_static(body.as_bytes()))
        .expect("valid")
}

fn one_of_each_error() -> Vec<Error> {
    let config = api_key_config();
    let runtime = FakeRuntime::new(0.5);
    let mut errors = vec![
        Credentials::api_key(format!("{API_KEY} ")).expect_err("whitespace"),
        Credentials::personal_access_token(API_KEY, "w").expect_err("wrong kind"),
        Config::builder().build().expect_err("no credentials"),
        Config::builder()
            .credentials(Credentials::api_key(API_KEY).expect("key"))
            .endpoint(format!("https://{API_KEY}:{API_KEY}@x.example"))
            .build()
            .expect_err("user info"),
        Config::from_env_with(|n| (n != "SEAM_WORKSPACE_ID").then(|| API_KEY.to_owned())).expect_err("both"),
        build(&config, &PushData(PushDataRequest::new(""))).expect_err("validation"),
        parse::<CreatePortal>(response(401, "")).expect_err("unauthorized"),
        parse::<CreatePortal>(response(400, r#"{"error":{"type":"invalid_input","message":"m","validation_errors":{"x":{"_errors":["bad"]}}}}"#)).expect_err("api"),
        parse::<CreatePortal>(response(502, "<html>gateway</html>")).expect_err("invalid"),
        parse::<CreatePortal>(response(200, r#"{"customer_portal": {"url": 1}}"#)).expect_err("shape"),
    ];
    for step in [
        Step::Fail(|| {
            TransportError::connect("refused").with_source(std::io::Error::other("ECONNREFUSED"))
        }),
        Step::Fail(|| TransportError::timeout("slow")),
        Step::Fail(|| TransportError::body_too_large(1024)),
        Step::Fail(|| TransportError::io("reset")),
        Step::Hang,
        Step::Respond(500, vec![], "echo: Bearer seam_testkey_9f8e7d6c5b4a"),
    ] {
        let (transport, _) = scripted(vec![step]);
        let options = CallOptions::new()
            .max_attempts(1)
            .timeout(Duration::from_secs(1));
        let op = CreatePortal(CreatePortalRequest::new());
        let (result, _) = block_on(execute(&config, &transport, &runtime, &op, &options));
        errors.push(result.expect_err("fails"));
    }
    errors
}

#[test]
fn no_error_shows_the_key() {
    let errors = one_of_each_error();
    let kinds: std::collections::HashSet<ErrorKind> = errors.iter().map(Error::kind).collect();
    assert_eq!(kinds.len(), 7, "every kind but Build is covered: {kinds:?}");
    for err in &errors {
        let text = everything(err);
        assert!(!text.contains(API_KEY), "leak: {text}");
        assert!(!text.contains("9f8e7d6c"), "partial leak: {text}");
    }
}

#[test]
fn no_config_error_quotes_the_key_wherever_it_was_pasted() {
    for endpoint in [
        format!("https://x.example/?key={API_KEY}"),
        format!("https://x.example/#{API_KEY}"),
        format!("https://x.example/{API_KEY}?a"),
        format!("http://x.example/{API_KEY}"),
        format!("ftp://x.example/{API_KEY}"),
        format!("https://x.example:99999/{API_KEY}"),
        format!("https://x.example:99999/{}{API_KEY}", "a".repeat(154)),
    ] {
        let err = Config::builder()
            .credentials(Credentials::api_key(API_KEY).expect("key"))
            .endpoint(endpoint.clone())
            .build()
            .expect_err("refused");
        let text = everything(&err);
        assert!(!text.contains(API_KEY), "{endpoint}: {text}");
        assert!(!text.contains("9f8e7d6c"), "{endpoint}: {text}");
    }
    let err = Config::builder()
        .credentials(Credentials::api_key(API_KEY).expect("key"))
        .header(format!("x-{API_KEY} "), "v")
        .build()
        .expect_err("bad header name");
    assert!(!everything(&err).contains(API_KEY), "{err}");
}

#[test]
fn no_config_value_shows_the_key() {
    let config = Config::builder()
        .credentials(Credentials::api_key(API_KEY).expect("key"))
        .header("x-proxy-auth", API_KEY)
        .retry_policy(RetryPolicy::none())
        .total_deadline(Duration::from_secs(5))
        .build()
        .expect("config");
    let request = build(&config, &CreatePortal(CreatePortalRequest::new())).expect("builds");
    let shown = [
        format!("{config:?}"),
        format!("{config:#?}"),
        format!("{:?}", config.credentials()),
        format!("{:?}", config.to_builder()),
        format!("{:?}", config.headers()),
        format!("{:?}", request.headers()),
        common::render_request(&request),
    ];
    for text in shown {
        assert!(!text.contains(API_KEY), "leak: {text}");
    }
    assert!(format!("{config:?}").contains("[redacted]"));
}
