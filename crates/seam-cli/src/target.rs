//! Where a command is sent and as whom: the embedded fake, or the API named by flags and environment.

use seam_core::{Config, ConfigBuilder, Credentials, RetryPolicy};
use seam_fake::FakeSeam;

use crate::args::GlobalArgs;
use crate::exit::CliError;
use crate::sdk_error::from_sdk;

/// The placeholder API key a dry run uses when no credentials are configured (always shown redacted).
pub const PLACEHOLDER_KEY: &str = "seam_placeholder_for_dry_run";

/// A resolved configuration, plus the embedded fake when `--fake` is on (kept alive while in use).
pub struct Target {
    /// The SDK configuration to build and send with.
    pub config: Config,
    /// The embedded fake server, when `--fake` is given; dropped (stopped) with the target.
    pub _fake: Option<FakeSeam>,
}

/// Resolves `--fake`, credentials (flags over environment), `--endpoint`, `--timeout` and `--retries`.
pub async fn resolve(global: &GlobalArgs) -> Result<Target, CliError> {
    if global.fake {
        let fake = FakeSeam::start().await.map_err(|e| {
            CliError::internal(format!("could not start the embedded fake API: {e}"))
        })?;
        let credentials = Credentials::api_key(fake.api_key()).map_err(|e| from_sdk(&e))?;
        let builder = Config::builder()
            .credentials(credentials)
            .endpoint(fake.base_url().to_string());
        let config = tune(builder, global).build().map_err(|e| from_sdk(&e))?;
        return Ok(Target {
            config,
            _fake: Some(fake),
        });
    }

    let lookup = overlay(global);
    let has_credentials =
        lookup("SEAM_API_KEY").is_some() || lookup("SEAM_PERSONAL_ACCESS_TOKEN").is_some();
    let mut builder = if has_credentials {
        Config::builder()
            .env_with(&lookup)
            .map_err(|e| from_sdk(&e))?
    } else if global.dry_run {
        crate::output::note("note: no credentials configured; the dry run uses a placeholder key")?;
        let mut builder = Config::builder()
            .credentials(Credentials::api_key(PLACEHOLDER_KEY).map_err(|e| from_sdk(&e))?);
        if let Some(endpoint) = lookup("SEAM_ENDPOINT").or_else(|| lookup("SEAM_API_URL")) {
            builder = builder.endpoint(endpoint);
        }
        builder
    } else {
        return Err(missing_credentials(global));
    };
    if let Some(endpoint) = &global.endpoint {
        builder = builder.endpoint(endpoint.clone());
    }
    let config = tune(builder, global).build().map_err(|e| from_sdk(&e))?;
    Ok(Target {
        config,
        _fake: None,
    })
}

/// The environment as the SDK reads it, with `--api-key` and `--workspace-id` taking precedence.
/// An explicit `--api-key` hides a token in the environment so the two do not clash.
fn overlay(global: &GlobalArgs) -> impl Fn(&str) -> Option<String> + '_ {
    move |name: &str| {
        let flag = match name {
            "SEAM_API_KEY" => global.api_key.clone(),
            "SEAM_PERSONAL_ACCESS_TOKEN" if global.api_key.is_some() => return None,
            "SEAM_WORKSPACE_ID" => global.workspace_id.clone(),
            _ => None,
        };
        flag.or_else(|| std::env::var(name).ok())
            .filter(|v| !v.is_empty())
    }
}

/// Applies `--timeout` (per attempt and for the whole call) and `--retries` (retries after the first try).
fn tune(mut builder: ConfigBuilder, global: &GlobalArgs) -> ConfigBuilder {
    if let Some(timeout) = global.timeout {
        builder = builder.timeout(timeout).total_deadline(timeout);
    }
    if let Some(retries) = global.retries {
        builder = builder
            .retry_policy(RetryPolicy::default().with_max_attempts(retries.saturating_add(1)));
    }
    builder
}

fn missing_credentials(global: &GlobalArgs) -> CliError {
    let error = CliError::usage("no credentials: nothing was sent").detail(
        "set SEAM_API_KEY, or SEAM_PERSONAL_ACCESS_TOKEN with SEAM_WORKSPACE_ID \
         (or pass --api-key, which your shell history will keep)",
    );
    let endpoint_given = global.endpoint.is_some()
        || std::env::var_os("SEAM_ENDPOINT").is_some_and(|v| !v.is_empty());
    if endpoint_given {
        error
    } else {
        error.detail(
            "no account? add --fake to run against an embedded fake of the API (no network needed)",
        )
    }
}
