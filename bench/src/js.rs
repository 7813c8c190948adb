//! The optional reference row: the official JavaScript SDK (`@seamapi/http`) running the same
//! `create_portal` load against the same local server, installed with npm into a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::child::{first_line, wait_bounded};

/// The load script node runs; prints one requests/s figure per round on stdout.
const SCRIPT: &str = r#"// seam-bench: create_portal load through @seamapi/http (written by cargo xtask bench).
import { SeamHttp } from '@seamapi/http'

const [endpoint, apiKey, body, concurrency, requests, ms, rounds] = process.argv.slice(2)
const seam = new SeamHttp({ apiKey, endpoint })
const parameters = JSON.parse(body)

async function run (tasks, total, limitMs) {
  let left = total
  let done = 0
  const start = performance.now()
  const deadline = start + limitMs
  async function worker () {
    while (performance.now() < deadline && left-- > 0) {
      const link = await seam.customers.createPortal(parameters)
      if (!link || !link.url) throw new Error('no magic_link in the response')
      done++
    }
  }
  await Promise.all(Array.from({ length: tasks }, worker))
  return done / ((performance.now() - start) / 1000)
}

const tasks = Number(concurrency)
await run(tasks, tasks * 8, 2000)
for (let i = 0; i < Number(rounds); i++) {
  console.log(await run(tasks, Number(requests), Number(ms)))
}
"#;

/// A working installation of the JS SDK, ready to run load rounds.
pub struct JsSdk {
    dir: PathBuf,
    /// The installed `@seamapi/http` version.
    pub version: String,
}

/// One JS load run: how many tasks, and the per-round limits.
#[derive(Clone, Copy, Debug)]
pub struct JsRun {
    /// Concurrent promises sharing one `SeamHttp`.
    pub concurrency: usize,
    /// Request cap per round.
    pub requests: u64,
    /// Time cap per round.
    pub time: Duration,
    /// Rounds (one figure each).
    pub rounds: usize,
}

impl JsSdk {
    /// Finds node and npm and installs `@seamapi/http` (reusing an earlier install in the same
    /// temporary folder); `Err` says why the row is skipped.
    pub fn install() -> Result<Self, String> {
        for tool in ["node", "npm"] {
            let found = Command::new(tool)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if !found {
                return Err(format!("`{tool}` not found"));
            }
        }
        let dir = std::env::temp_dir().join("seam-bench-js");
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let manifest = dir.join("node_modules/@seamapi/http/package.json");
        if !manifest.exists() {
            let log = fs::File::create(dir.join("npm-install.log"))
                .map_err(|e| format!("cannot write the npm log: {e}"))?;
            let child = Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
                .arg(&dir)
                .arg("@seamapi/http")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .map_err(|e| format!("cannot start npm: {e}"))?;
            let ok = wait_bounded(child, Duration::from_secs(180))?;
            if !ok || !manifest.exists() {
                return Err(format!(
                    "`npm install @seamapi/http` failed (see {})",
                    dir.join("npm-install.log").display()
                ));
            }
        }
        let version = fs::read_to_string(&manifest)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|v| v.get("version")?.as_str().map(str::to_owned))
            .unwrap_or_else(|| "?".into());
        fs::write(dir.join("bench.mjs"), SCRIPT)
            .map_err(|e| format!("cannot write the JS load script: {e}"))?;
        Ok(Self { dir, version })
    }

    /// Runs `run` against `endpoint`, posting `body` (the SDK's own request body) with `api_key`;
    /// returns requests/s per round.
    pub fn requests_per_second(
        &self,
        endpoint: &str,
        api_key: &str,
        body: &str,
        run: JsRun,
    ) -> Result<Vec<f64>, String> {
        let out = self.dir.join("bench.out");
        let err = self.dir.join("bench.err");
        let child = Command::new("node")
            .current_dir(&self.dir)
            .arg(self.dir.join("bench.mjs"))
            .args([endpoint, api_key, body])
            .arg(run.concurrency.to_string())
            .arg(run.requests.to_string())
            .arg(run.time.as_millis().to_string())
            .arg(run.rounds.to_string())
            .stdin(Stdio::null())
            .stdout(file(&out)?)
            .stderr(file(&err)?)
            .spawn()
            .map_err(|e| format!("cannot start node: {e}"))?;
        let budget = Duration::from_secs(10) + run.time * (run.rounds as u32 + 1) * 2;
        if !wait_bounded(child, budget)? {
            let detail = fs::read_to_string(&err).unwrap_or_default();
            return Err(format!("node load script failed: {}", first_line(&detail)));
        }
        let text = fs::read_to_string(&out).map_err(|e| format!("cannot read node output: {e}"))?;
        let rates: Vec<f64> = text
            .lines()
            .filter_map(|line| line.trim().parse().ok())
            .collect();
        if rates.is_empty() {
            return Err("node printed no figures".into());
        }
        Ok(rates)
    }
}

/// Creates (truncates) an output file for a child process.
fn file(path: &Path) -> Result<fs::File, String> {
    fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
