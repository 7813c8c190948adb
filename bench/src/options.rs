//! Command-line options of `cargo xtask bench [ARGS..]`.

use std::time::Duration;

/// What to run and for how long.
#[derive(Clone, Debug)]
pub struct Options {
    /// Alternating rounds per comparison (each figure is the median over them). 9 by default: with
    /// 5, the end-to-end ratio at 64 and 256 tasks moved by 3 points from one run to the next on
    /// a 2-vCPU VM (BENCHMARKS.md, 2026-12-04).
    pub rounds: usize,
    /// Wall-clock limit of one end-to-end run.
    pub e2e_time: Duration,
    /// Request cap of one end-to-end run.
    pub e2e_requests: u64,
    /// Target size of the push_data body in bytes.
    pub payload_bytes: usize,
    /// Measured time per parse round.
    pub parse_time: Duration,
    /// Run the JavaScript SDK reference rows when node and npm exist.
    pub js: bool,
    /// Measure peak heap in the child process.
    pub heap: bool,
    /// Concurrencies of the end-to-end runs.
    pub concurrency: Vec<usize>,
    /// Profiling aid: run only one end-to-end client (`sdk` or `raw`), no table.
    pub profile: Option<String>,
    /// Concurrency of the `--profile` run.
    pub profile_tasks: usize,
    /// Sizes in bytes of the push_data body files the CLI rows dry-run.
    pub cli_bytes: Vec<usize>,
    /// Run only this part (`cli` or `e2e`), not the whole table.
    pub only: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            rounds: 9,
            e2e_time: Duration::from_millis(1_000),
            e2e_requests: 1_000_000,
            payload_bytes: 10_000_000,
            parse_time: Duration::from_millis(300),
            js: true,
            heap: true,
            concurrency: vec![1, 64, 256],
            profile: None,
            profile_tasks: 1,
            cli_bytes: vec![10_000_000, 100_000_000],
            only: None,
        }
    }
}

/// The usage text.
pub const USAGE: &str =
    "cargo xtask bench [--quick] [--rounds N] [--seconds S] [--payload-mb M] [--no-js] [--no-heap] [--only cli|e2e]

  --quick         3 rounds of 0.5 s end-to-end runs (a smoke run, under a minute)
  --rounds N      alternating rounds per comparison (default 9)
  --seconds S     wall-clock limit of each end-to-end run (default 1.0)
  --payload-mb M  push_data body size in MB of 10^6 bytes (default 10)
  --no-js         skip the @seamapi/http reference rows
  --no-heap       skip the peak-heap probe (a separate release build)
  --requests N    request cap of each end-to-end run (default 1000000)
  --profile WHO   only run `sdk`, `transport` (the SDK's transport alone) or `raw` end to end, for a profiler
  --tasks N       concurrency of the --profile run (default 1)
  --only cli      only the CLI rows (seam --dry-run of push_data body files vs python3)
  --only e2e      only the end-to-end rows (SDK vs raw hyper-util; no JS, payload, parse or CLI rows)
  --concurrency L end-to-end concurrencies, comma-separated (default 1,64,256)
  --cli-mb A,B    body file sizes of the CLI rows in MB (default 10,100)";

impl Options {
    /// Parses `args` (without the program name); `Err` carries a message for the user.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--quick" => {
                    options.rounds = 3;
                    options.e2e_time = Duration::from_millis(500);
                    options.parse_time = Duration::from_millis(100);
                }
                "--rounds" => {
                    options.rounds = number(&value("--rounds")?)?.clamp(1.0, 50.0) as usize;
                }
                "--seconds" => {
                    let seconds = number(&value("--seconds")?)?.clamp(0.05, 30.0);
                    options.e2e_time = Duration::from_secs_f64(seconds);
                }
                "--payload-mb" => {
                    let mb = number(&value("--payload-mb")?)?.clamp(0.01, 500.0);
                    options.payload_bytes = (mb * 1e6) as usize;
                }
                "--requests" => {
                    options.e2e_requests = number(&value("--requests")?)? as u64;
                }
                "--profile" => {
                    let who = value("--profile")?;
                    if !["sdk", "transport", "raw"].contains(&who.as_str()) {
                        return Err(format!(
                            "--profile takes `sdk`, `transport` or `raw`, not `{who}`"
                        ));
                    }
                    options.profile = Some(who);
                }
                "--tasks" => {
                    options.profile_tasks = number(&value("--tasks")?)?.clamp(1.0, 1024.0) as usize;
                }
                "--only" => {
                    let part = value("--only")?;
                    if part != "cli" && part != "e2e" {
                        return Err(format!("--only takes `cli` or `e2e`, not `{part}`"));
                    }
                    options.only = Some(part);
                }
                "--cli-mb" => {
                    options.cli_bytes = value("--cli-mb")?
                        .split(',')
                        .map(|mb| {
                            number(mb.trim()).map(|mb| (mb.clamp(0.01, 1000.0) * 1e6) as usize)
                        })
                        .collect::<Result<_, _>>()?;
                }
                "--concurrency" => {
                    options.concurrency = value("--concurrency")?
                        .split(',')
                        .map(|n| number(n.trim()).map(|n| n.clamp(1.0, 4096.0) as usize))
                        .collect::<Result<_, _>>()?;
                }
                "--no-js" => options.js = false,
                "--no-heap" => options.heap = false,
                "--help" | "-h" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

/// A positive number.
fn number(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)
        .ok_or_else(|| format!("`{text}` is not a positive number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn quick_and_overrides() {
        let o = parse(&["--quick", "--rounds", "7", "--no-js"]).unwrap();
        assert_eq!(o.rounds, 7);
        assert_eq!(o.e2e_time, Duration::from_millis(500));
        assert!(!o.js);
        assert_eq!(
            parse(&["--payload-mb", "2"]).unwrap().payload_bytes,
            2_000_000
        );
        let e2e = parse(&["--only", "e2e", "--concurrency", "1, 8"]).unwrap();
        assert_eq!(e2e.only.as_deref(), Some("e2e"));
        assert_eq!(e2e.concurrency, [1, 8]);
        assert!(parse(&["--concurrency", "1,x"]).is_err());
        let cli = parse(&["--only", "cli", "--cli-mb", "1,2.5"]).unwrap();
        assert_eq!(cli.only.as_deref(), Some("cli"));
        assert_eq!(cli.cli_bytes, [1_000_000, 2_500_000]);
    }

    #[test]
    fn bad_arguments_are_refused() {
        assert!(parse(&["--rounds"]).is_err());
        assert!(parse(&["--rounds", "-1"]).is_err());
        assert!(parse(&["--frobnicate"]).is_err());
        assert!(parse(&["--only", "everything"]).is_err());
        assert!(parse(&["--cli-mb", "10,x"]).is_err());
        assert!(parse(&["--profile", "js"]).is_err());
    }

    #[test]
    fn profile_names_one_client() {
        assert_eq!(parse(&[]).unwrap().rounds, 9);
        for who in ["sdk", "transport", "raw"] {
            let o = parse(&["--profile", who, "--tasks", "256"]).unwrap();
            assert_eq!(o.profile.as_deref(), Some(who));
            assert_eq!(o.profile_tasks, 256);
        }
    }
}
