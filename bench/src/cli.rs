//! The CLI rows: `seam --dry-run customers push-data --body FILE` on push_data body files of about
//! 10 MB and 100 MB, wall time and peak RSS of the whole process, against python3's `json.load` +
//! `json.dumps` of the same file (the reference, when python3 is installed).
//!
//! Each run is a fresh process measured by a fresh `seam-bench --rusage` wrapper (see
//! [`rusage_main`]), which reads the child's wall time and `ru_maxrss` from `getrusage`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::child::{first_line, wait_bounded};
use crate::heap::is_set_by_cargo_run;
use crate::options::Options;
use crate::payload;
use crate::stats::median;
use crate::table::{ratio, verdict, Table};

/// Target: the CLI's wall time at most this multiple of Python's.
const WALL_TARGET: f64 = 1.0;
/// Target: the CLI's peak RSS at most this multiple of the body file's size.
const RSS_TARGET: f64 = 5.0;

/// `--max-body-bytes` for the runs: above the 64 MiB default, so the 100 MB file is read.
const MAX_BODY: &str = "1000000000";

/// What python3 runs: read the file as JSON, write it back as JSON (to /dev/null).
const PYTHON: &str = "import json, sys\nwith open(sys.argv[1]) as f:\n    data = json.load(f)\nsys.stdout.write(json.dumps(data))\n";

/// One measured process.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Wall time in seconds.
    pub wall: f64,
    /// Peak resident set size in bytes.
    pub rss: u64,
}

impl Sample {
    /// The one line the wrapper prints and the parent reads.
    pub fn to_line(&self) -> String {
        format!("rusage wall={} rss={}", self.wall, self.rss)
    }

    /// Reads [`Sample::to_line`]'s output.
    pub fn from_line(line: &str) -> Option<Self> {
        let rest = line.strip_prefix("rusage wall=")?;
        let (wall, rss) = rest.split_once(" rss=")?;
        Some(Self {
            wall: wall.parse().ok()?,
            rss: rss.trim().parse().ok()?,
        })
    }
}

/// `seam-bench --rusage CMD ARGS..`: runs CMD with stdout and stderr to /dev/null and prints its
/// [`Sample`]. This process has no other children, so `RUSAGE_CHILDREN` is CMD's own peak.
pub fn rusage_main(command: &[String]) -> Result<Sample, String> {
    let (program, args) = command
        .split_first()
        .ok_or("--rusage needs a command to run")?;
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let wall = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("{program} failed: {status}"));
    }
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .map_err(|e| format!("getrusage: {e}"))?;
    // Linux reports ru_maxrss in KiB.
    let rss = u64::try_from(usage.max_rss()).unwrap_or(0) * 1024;
    Ok(Sample { wall, rss })
}

/// Runs `command` under a fresh `--rusage` wrapper (this executable), within `limit`.
fn measure(command: &[&str], limit: Duration) -> Result<Sample, String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find seam-bench itself: {e}"))?;
    let out = std::env::temp_dir().join(format!("seam-bench-rusage-{}.out", std::process::id()));
    let child = Command::new(me)
        .arg("--rusage")
        .args(command)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).map_err(|e| e.to_string())?)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the rusage wrapper: {e}"))?;
    let ok = wait_bounded(child, limit)?;
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    if !ok {
        return Err(format!("`{}` failed", command.join(" ")));
    }
    text.lines()
        .find_map(Sample::from_line)
        .ok_or_else(|| "the rusage wrapper printed no figures".to_owned())
}

/// Builds the release `seam` binary (a no-op when fresh) and returns its path.
fn build_seam() -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_set_by_cargo_run) {
            command.env_remove(&name);
        }
    }
    let errors = std::env::temp_dir().join(format!("seam-bench-cli-{}.err", std::process::id()));
    let child = command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "seamapi-cli",
            "--bin",
            "seam",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&errors).map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| format!("cannot start cargo to build seam: {e}"))?;
    let ok = wait_bounded(child, Duration::from_secs(900));
    let err = std::fs::read_to_string(&errors).unwrap_or_default();
    let _ = std::fs::remove_file(&errors);
    if !ok? {
        return Err(format!("building seam failed: {}", first_line(&err)));
    }
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let seam = me.with_file_name("seam");
    if seam.exists() {
        Ok(seam)
    } else {
        Err(format!("no seam binary at {}", seam.display()))
    }
}

/// Whether `python3` runs here.
fn python3() -> bool {
    Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A push_data body file of about `bytes`, removed on drop.
struct BodyFile {
    path: PathBuf,
    len: u64,
}

impl BodyFile {
    fn write(bytes: usize) -> Result<Self, String> {
        let body = serde_json::to_vec(&payload::portfolio(bytes)).map_err(|e| e.to_string())?;
        let path = std::env::temp_dir().join(format!(
            "seam-bench-cli-{}-{bytes}.json",
            std::process::id()
        ));
        std::fs::write(&path, &body)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Self {
            path,
            len: body.len() as u64,
        })
    }

    fn path(&self) -> &str {
        self.path.to_str().unwrap_or_default()
    }
}

impl Drop for BodyFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Checks once that the dry run's `body` is the file's JSON, so the timed runs time the real work.
fn check_output(seam: &Path, file: &BodyFile) -> Result<(), String> {
    let output = Command::new(seam)
        .args(["--dry-run", "customers", "push-data", "--body", file.path()])
        .args(["--max-body-bytes", MAX_BODY])
        .env_remove("SEAM_API_KEY")
        .env_remove("SEAM_PERSONAL_ACCESS_TOKEN")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run seam: {e}"))?;
    if !output.status.success() {
        return Err(format!("seam --dry-run failed: {}", output.status));
    }
    let shown: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("dry run output: {e}"))?;
    let sent = std::fs::read(&file.path).map_err(|e| e.to_string())?;
    let sent: serde_json::Value = serde_json::from_slice(&sent).map_err(|e| e.to_string())?;
    if shown["body"] == sent {
        Ok(())
    } else {
        Err("the dry run's body differs from the file".into())
    }
}

/// Adds the CLI rows for each size in `options.cli_bytes`.
pub fn run(options: &Options, table: &mut Table) {
    eprintln!("seam-bench: CLI dry run of push_data body files (building seam in release) ...");
    let seam = match build_seam() {
        Ok(seam) => seam,
        Err(e) => return table.failed("CLI dry run", e),
    };
    let python = python3();
    if !python {
        table.note("CLI rows: python3 not found, so no reference figures");
    }
    let rounds = options.rounds.clamp(1, 5);
    for &bytes in &options.cli_bytes {
        let what = format!(
            "CLI --dry-run push-data --body FILE, {:.0} MB",
            bytes as f64 / 1e6
        );
        eprintln!("seam-bench: {what} ...");
        if let Err(e) = one_size(&seam, python, bytes, rounds, &what, table) {
            table.failed(what, e);
        }
    }
    table.note(format!(
        "CLI rows: each figure is the median of {rounds} runs of a fresh process (the file is in the page cache; \
         stdout and stderr go to /dev/null); peak RSS is the process's ru_maxrss; the Python reference is \
         `json.load` + `json.dumps` (compact, C encoder) of the same file; the seam dry run also checks for \
         duplicate keys, validates, builds the request and pretty-prints its body"
    ));
}

fn one_size(
    seam: &Path,
    python: bool,
    bytes: usize,
    rounds: usize,
    what: &str,
    table: &mut Table,
) -> Result<(), String> {
    let file = BodyFile::write(bytes)?;
    check_output(seam, &file)?;
    let seam_path = seam.to_str().unwrap_or_default();
    let limit = Duration::from_secs(300);
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ours.push(measure(
            &[
                seam_path,
                "--dry-run",
                "customers",
                "push-data",
                "--body",
                file.path(),
                "--max-body-bytes",
                MAX_BODY,
            ],
            limit,
        )?);
        if python {
            theirs.push(measure(&["python3", "-c", PYTHON, file.path()], limit)?);
        }
    }
    let mb = |b: f64| b / 1e6;
    let size = file.len as f64;
    let wall = median(&ours.iter().map(|s| s.wall).collect::<Vec<_>>());
    let rss = median(&ours.iter().map(|s| s.rss as f64).collect::<Vec<_>>());
    let (py_wall, py_rss) = (
        median(&theirs.iter().map(|s| s.wall).collect::<Vec<_>>()),
        median(&theirs.iter().map(|s| s.rss as f64).collect::<Vec<_>>()),
    );
    let baseline = |text: String| if python { text } else { "(no python3)".into() };
    table.row(
        format!("{what} ({:.1} MB file): wall time (s)", mb(size)),
        format!("{wall:.3}"),
        baseline(format!("python3 json.load+dumps: {py_wall:.3}")),
        if python {
            ratio(wall / py_wall)
        } else {
            String::new()
        },
        if python {
            format!(
                "<= {WALL_TARGET:.2}x: {}",
                verdict(wall <= py_wall * WALL_TARGET)
            )
        } else {
            format!("<= {WALL_TARGET:.2}x Python: not measured")
        },
    );
    table.row(
        format!("{what} ({:.1} MB file): peak RSS (x file)", mb(size)),
        format!("{:.2}x ({:.0} MB)", rss / size, mb(rss)),
        baseline(format!(
            "python3: {:.2}x ({:.0} MB)",
            py_rss / size,
            mb(py_rss)
        )),
        if python {
            ratio(rss / py_rss)
        } else {
            String::new()
        },
        format!(
            "<= {RSS_TARGET:.1}x file: {}",
            verdict(rss <= size * RSS_TARGET)
        ),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_round_trip_through_their_line() {
        let sample = Sample {
            wall: 0.125,
            rss: 4096,
        };
        assert_eq!(Sample::from_line(&sample.to_line()), Some(sample));
        assert_eq!(Sample::from_line("rusage wall=x rss=1"), None);
    }

    #[test]
    fn the_wrapper_measures_a_real_child() {
        let sample = rusage_main(&["true".to_owned()]).unwrap();
        assert!(sample.rss > 0 && sample.wall >= 0.0, "{sample:?}");
        assert!(rusage_main(&["false".to_owned()]).is_err());
    }
}
