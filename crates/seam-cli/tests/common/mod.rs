//! Shared helpers for the CLI tests: run the `seam` binary with a clean environment and check that
//! no secret ever reaches its output.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Keys used by the tests; none may ever appear in stdout or stderr.
pub const TEST_KEY: &str = "seam_testkey_Sup3rS3cret_0001";
pub const WRONG_KEY: &str = "seam_wrongkey_N0tV4lid_0002";

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A `seam` invocation under construction.
pub struct Seam {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    secrets: Vec<String>,
    stdout_file: Option<&'static str>,
    stderr_file: Option<&'static str>,
}

/// Starts building a run of `seam` with `args`.
pub fn seam<I, S>(args: I) -> Seam
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    Seam {
        args: args.into_iter().map(Into::into).collect(),
        env: Vec::new(),
        stdin: None,
        secrets: vec![TEST_KEY.to_owned(), WRONG_KEY.to_owned()],
        stdout_file: None,
        stderr_file: None,
    }
}

impl Seam {
    /// Appends more arguments.
    pub fn arg_list(mut self, more: &[&str]) -> Self {
        self.args.extend(more.iter().map(|s| (*s).to_owned()));
        self
    }

    /// Sets an environment variable for the child.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Feeds `bytes` on stdin.
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// Sends stdout to the file at `path` (e.g. `/dev/full`) instead of capturing it.
    pub fn stdout_to(mut self, path: &'static str) -> Self {
        self.stdout_file = Some(path);
        self
    }

    /// Sends stderr to the file at `path` (e.g. `/dev/full`) instead of capturing it.
    pub fn stderr_to(mut self, path: &'static str) -> Self {
        self.stderr_file = Some(path);
        self
    }

    /// Another secret that must not appear in the output.
    pub fn secret(mut self, secret: &str) -> Self {
        self.secrets.push(secret.to_owned());
        self
    }

    /// Runs the binary to completion; asserts that no secret leaked into stdout or stderr.
    pub fn run(self) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_seam"));
        command.args(&self.args);
        // A clean slate: no credentials or endpoint from the developer's shell.
        for (key, _) in std::env::vars() {
            if key.starts_with("SEAM") {
                command.env_remove(key);
            }
        }
        command.env("NO_COLOR", "1");
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(sink(self.stdout_file))
            .stderr(sink(self.stderr_file));
        let mut child = command.spawn().expect("spawn seam");
        if let Some(bytes) = &self.stdin {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            pipe.write_all(bytes).expect("write stdin");
        }
        let output = child.wait_with_output().expect("wait for seam");
        let run = Run {
            code: output.status.code().expect("exit code (not a signal)"),
            stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
        };
        for secret in &self.secrets {
            assert!(
                !run.stdout.contains(secret.as_str()) && !run.stderr.contains(secret.as_str()),
                "a secret leaked into the output of {:?}:\n{run:?}",
                self.args
            );
        }
        run
    }
}

/// A pipe to capture, or the named file opened for writing.
fn sink(file: Option<&str>) -> Stdio {
    match file {
        None => Stdio::piped(),
        Some(path) => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .unwrap_or_else(|e| panic!("open {path}: {e}"))
            .into(),
    }
}

/// A loopback port with nothing listening on it (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    port
}
