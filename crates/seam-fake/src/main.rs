//! The `seam-fake` command: serve a fake Seam API until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str = "\
usage: seam-fake [--listen ADDR] [--allow-remote] [--quiet]

Serves a fake Seam API (customers namespace) until Ctrl-C.

  --listen ADDR    address to listen on (default 127.0.0.1:8787; port 0 picks a free one)
  --allow-remote   allow a non-loopback listen address
  --quiet          do not log requests to stderr
";

struct Args {
    listen: SocketAddr,
    allow_remote: bool,
    quiet: bool,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args {
        listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
        allow_remote: false,
        quiet: false,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" => {
                let v = args.next().ok_or("--listen needs an address")?;
                out.listen = v.parse().map_err(|_| format!("not an address: {v}"))?;
            }
            "--allow-remote" => out.allow_remote = true,
            "--quiet" => out.quiet = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Some(out))
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
    let fake = seam_fake::FakeSeam::builder()
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
    println!("(Ctrl-C to stop)");
    let _ = tokio::signal::ctrl_c().await;
    fake.shutdown().await;
    ExitCode::SUCCESS
}
