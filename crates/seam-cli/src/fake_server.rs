//! `seam fake`: run the fake Seam API in the foreground until Ctrl-C, so its links stay open.
//!
//! This is the long-lived twin of `--fake` (which starts an embedded fake for one call): it
//! prints where the fake listens and the credentials it accepts, plus the two `export` lines that
//! point this tool or the SDK at it, then serves until Ctrl-C (or the end of the process).

use std::net::SocketAddr;

use clap::Args;
use seam_fake::FakeSeam;

use crate::exit::CliError;
use crate::output::print_line;

/// Flags of `seam fake`.
#[derive(Debug, Args)]
pub struct FakeArgs {
    /// Loopback address to listen on; port 0 picks a free one.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// Do not log one line per request to stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// Examples for `seam fake --help`.
pub const FAKE_EXAMPLES: &str = "\
Examples:
  seam fake                                  # serve on 127.0.0.1:8787 until Ctrl-C
  seam fake --listen 127.0.0.1:0 --quiet     # a free port, no request log
Then, in another terminal, with the two export lines it printed:
  seam customers create-portal --customer-key acme";

/// Starts the fake, prints its address and credentials, and serves until Ctrl-C.
pub async fn run(args: &FakeArgs) -> Result<(), CliError> {
    let fake = FakeSeam::builder()
        .bind(args.listen)
        .log_requests(!args.quiet)
        .start()
        .await
        .map_err(|e| {
            CliError::internal(format!(
                "could not start the fake API on {}: {e}",
                args.listen
            ))
        })?;
    print_line(&banner(&fake))?;
    let stopped = tokio::signal::ctrl_c().await;
    fake.shutdown().await;
    stopped.map_err(|e| CliError::internal(format!("could not wait for Ctrl-C: {e}")))
}

/// What `seam fake` prints on start: the address, the credentials, and how to use them.
fn banner(fake: &FakeSeam) -> String {
    let url = fake.base_url();
    format!(
        "seam fake API listening on {url} (Ctrl-C stops it)\n\
         api key:               {key}\n\
         personal access token: {pat}\n\
         workspace id:          {ws}\n\
         Point the seam tool or the SDK at it (in another terminal):\n\
         export SEAM_ENDPOINT={url}\n\
         export SEAM_API_KEY={key}",
        key = fake.api_key(),
        pat = fake.personal_access_token(),
        ws = fake.workspace_id(),
    )
}

/// After `--fake` printed a portal link: when stdout is a terminal (a person reading it), keeps
/// the embedded fake serving so the link opens, until Ctrl-C. In a pipe or a script it returns
/// at once, so `--fake` never blocks a caller that only wants the link.
pub async fn linger_if_interactive(fake: Option<&FakeSeam>) -> Result<(), CliError> {
    use std::io::IsTerminal as _;
    let Some(fake) = fake else { return Ok(()) };
    if !std::io::stdout().is_terminal() {
        return Ok(());
    }
    crate::output::note(&format!(
        "The embedded fake at {} keeps serving this link: open it in a browser. Ctrl-C stops it.",
        fake.base_url()
    ))?;
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| CliError::internal(format!("could not wait for Ctrl-C: {e}")))
}
