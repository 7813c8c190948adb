//! Peak heap of the SDK path, measured in a child process (`seam-bench-heap`) that runs under a
//! counting global allocator, so that the throughput runs in this process stay undisturbed.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::child::{first_line, wait_bounded};

/// Peak heap figures for one payload, in bytes above what was live before each step began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Peaks {
    /// Size of the serialized push_data body.
    pub payload: usize,
    /// Peak extra heap during the SDK path (`seam_core::build`: validate + serialize + request).
    pub sdk: usize,
    /// Peak extra heap during `serde_json::to_vec` of the same value.
    pub plain: usize,
    /// Heap held by the typed request itself (live before either step).
    pub request: usize,
}

impl Peaks {
    /// The one-line form the child prints and the parent reads.
    pub fn to_line(&self) -> String {
        format!(
            "peaks payload={} sdk={} plain={} request={}",
            self.payload, self.sdk, self.plain, self.request
        )
    }

    /// Reads [`Peaks::to_line`]'s output.
    pub fn from_line(line: &str) -> Option<Self> {
        let mut fields = line.strip_prefix("peaks ")?.split(' ');
        let mut next = |name: &str| -> Option<usize> {
            fields
                .next()?
                .strip_prefix(name)?
                .strip_prefix('=')?
                .parse()
                .ok()
        };
        Some(Self {
            payload: next("payload")?,
            sdk: next("sdk")?,
            plain: next("plain")?,
            request: next("request")?,
        })
    }
}

/// Builds (if needed) and runs `seam-bench-heap` for a payload of about `target_bytes`, through the
/// same cargo that runs this benchmark, in release mode; bounded to five minutes (a cold build included).
pub fn measure_in_child(target_bytes: usize) -> Result<Peaks, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::env::temp_dir().join(format!("seam-bench-heap-{}.out", std::process::id()));
    let errors = std::env::temp_dir().join(format!("seam-bench-heap-{}.err", std::process::id()));
    let mut command = Command::new(cargo);
    // `cargo run` gave this process its package's CARGO_MANIFEST_DIR, CARGO_PKG_* ... Some build
    // scripts (ring's) track those variables, so a cargo started with them would rebuild ring and
    // everything above it, and the next plain cargo build would rebuild it back. Start it with the
    // environment of a plain shell instead.
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_set_by_cargo_run) {
            command.env_remove(&name);
        }
    }
    let child = command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "seam-bench",
            "--bin",
            "seam-bench-heap",
            "--",
        ])
        .arg(target_bytes.to_string())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&output).map_err(|e| e.to_string())?)
        .stderr(std::fs::File::create(&errors).map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| format!("cannot start cargo for the heap probe: {e}"))?;
    let ok = wait_bounded(child, Duration::from_secs(300));
    let out = std::fs::read_to_string(&output).unwrap_or_default();
    let err = std::fs::read_to_string(&errors).unwrap_or_default();
    let _ = std::fs::remove_file(&output);
    let _ = std::fs::remove_file(&errors);
    if !ok? {
        return Err(format!("heap probe failed: {}", first_line(&err)));
    }
    out.lines()
        .find_map(Peaks::from_line)
        .ok_or_else(|| "heap probe printed no figures".to_owned())
}

/// Whether `name` is one of the variables cargo sets for the program it runs (rather than one the
/// user set to configure cargo, such as `CARGO_TARGET_DIR` or `CARGO_HOME`).
pub fn is_set_by_cargo_run(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || name.starts_with("CARGO_MANIFEST_")
        || matches!(
            name,
            "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE" | "OUT_DIR"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peaks_round_trip_through_their_line() {
        let peaks = Peaks {
            payload: 10,
            sdk: 20,
            plain: 15,
            request: 30,
        };
        assert_eq!(Peaks::from_line(&peaks.to_line()), Some(peaks));
        assert_eq!(Peaks::from_line("something else"), None);
    }

    #[test]
    fn only_the_variables_of_cargo_run_are_dropped() {
        assert!(is_set_by_cargo_run("CARGO_MANIFEST_DIR"));
        assert!(is_set_by_cargo_run("CARGO_PKG_NAME"));
        assert!(!is_set_by_cargo_run("CARGO_TARGET_DIR"));
        assert!(!is_set_by_cargo_run("CARGO_HOME"));
        assert!(!is_set_by_cargo_run("CARGO"));
    }
}
