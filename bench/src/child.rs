//! Child processes with a time limit (node, npm and the heap probe): never left running.

use std::process::Child;
use std::time::{Duration, Instant};

/// Waits for `child` up to `limit`, killing it (this child only, by its handle) when the limit
/// passes; `Ok(true)` when it exited successfully.
pub fn wait_bounded(mut child: Child, limit: Duration) -> Result<bool, String> {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status.success()),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "child process timed out after {}s",
                    limit.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for child process: {e}")),
        }
    }
}

/// The first non-empty line of a child's error output, for a one-line note.
pub fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("(no output)")
}
