//! The `seam-fake` command: serve a fake Seam API until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use seam_fake::FakeSeamBuilder;

const USAGE: &str = "\
usage: seam-fake [--listen ADDR] [--allow-remote] [--quiet] [LIMITS..]

Serves a fake Seam API (customers namespace) until Ctrl-C. It prints its URL, the API key,
the personal access token, the workspace id and the control token (for /_fake/faults and
/_fake/counters: send `authorization: Bearer <control token>`).

  --listen ADDR            address to listen on (default 127.0.0.1:8787; port 0 picks a free one)
  --allow-remote           allow a non-loopback listen address
  --quiet                  do not log requests to stderr (the log never shows tokens or bodies)
  --control-token TOKEN    accept this control token instead of a random one

Limits (each past its bound: what the client gets):
  --max-connections N      connections served at once (default 512); when all are taken the
                           one idle longest is closed, when all are busy new ones wait
  --head-timeout SECS      time to send a request head, from accept or from the previous
                           response on HTTP/1 keep-alive (default 5); then the connection closes
  --body-timeout SECS      time to send a request body (default 30); then a 408
  --idle-timeout SECS      HTTP/2 connection without a request in flight (default 30); then a
                           GOAWAY and close (HTTP/2 peers are also pinged every 20 s and
                           dropped if they do not answer within 10 s)
  --max-streams N          concurrent streams per HTTP/2 connection (default 32); HTTP/2
                           header blocks are limited to 64 KiB, HTTP/1 heads to about 400 KiB
                           and 100 headers
  --max-body BYTES         request body size (default 33554432 = 32 MiB); then a 413
  --max-resources N        stored resources, a customer counting as one (default 200000);
                           then a 413 fake_store_full and nothing stored
  --max-stored-bytes BYTES stored resources as JSON text (default 67108864 = 64 MiB); then a
                           413 fake_store_full
  --max-portal-links N     portal links remembered (default 10000); expired ones are forgotten
                           first, then a 413 fake_portal_links_full
  --link-lifetime SECS     how long a portal link stays valid (default 604800 = 7 days); then
                           its page answers 410
";

struct Args {
    listen: SocketAddr,
    allow_remote: bool,
    quiet: bool,
    builder: FakeSeamBuilder,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args {
        listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
        allow_remote: false,
        quiet: false,
        builder: FakeSeamBuilder::default(),
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        let b = std::mem::take(&mut out.builder);
        out.builder = match arg.as_str() {
            "--listen" => {
                let v = value("--listen")?;
                out.listen = v
                    .parse()
                    .map_err(|_| format!("--listen: not an address: {v}"))?;
                b
            }
            "--allow-remote" => {
                out.allow_remote = true;
                b
            }
            "--quiet" => {
                out.quiet = true;
                b
            }
            "--control-token" => {
                let v = value("--control-token")?;
                if v.is_empty() || v.contains(char::is_whitespace) {
                    return Err("--control-token: must be non-empty, without spaces".into());
                }
                b.control_token(v)
            }
            "--max-connections" => b.max_connections(count("--max-connections", value(&arg)?)?),
            "--head-timeout" => b.head_read_timeout(secs("--head-timeout", value(&arg)?)?),
            "--body-timeout" => b.body_read_timeout(secs("--body-timeout", value(&arg)?)?),
            "--idle-timeout" => b.idle_timeout(secs("--idle-timeout", value(&arg)?)?),
            "--max-streams" => {
                let n = count("--max-streams", value(&arg)?)?;
                b.max_concurrent_streams(u32::try_from(n).unwrap_or(u32::MAX))
            }
            "--max-body" => b.max_request_body(count("--max-body", value(&arg)?)?),
            "--max-resources" => b.max_stored_resources(count("--max-resources", value(&arg)?)?),
            "--max-stored-bytes" => b.max_stored_bytes(count("--max-stored-bytes", value(&arg)?)?),
            "--max-portal-links" => b.max_portal_links(count("--max-portal-links", value(&arg)?)?),
            "--link-lifetime" => b.portal_link_lifetime(secs("--link-lifetime", value(&arg)?)?),
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument: {other}")),
        };
    }
    Ok(Some(out))
}

fn count(flag: &str, v: String) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("{flag}: not a whole number: {v}"))
}

fn secs(flag: &str, v: String) -> Result<Duration, String> {
    v.parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .filter(|d| !d.is_zero())
        .ok_or(format!("{flag}: not a positive number of seconds: {v}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("seam-fake: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let fake = args
        .builder
        .bind(args.listen)
        .allow_remote(args.allow_remote)
        .log_requests(!args.quiet)
        .start()
        .await;
    let fake = match fake {
        Ok(f) => f,
        Err(e) => {
            eprintln!("seam-fake: cannot listen on {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    println!("seam-fake listening on {}", fake.base_url());
    println!("api key:               {}", fake.api_key());
    println!("personal access token: {}", fake.personal_access_token());
    println!("workspace id:          {}", fake.workspace_id());
    println!("control token:         {}", fake.control_token());
    println!("(Ctrl-C to stop)");
    let _ = tokio::signal::ctrl_c().await;
    fake.shutdown().await;
    ExitCode::SUCCESS
}
