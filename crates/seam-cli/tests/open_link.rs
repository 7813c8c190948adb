//! A printed portal link opens: `seam fake` serves until Ctrl-C, `--fake` on a terminal keeps its
//! embedded fake serving, and the README's first command, followed as written, leads to a page.
//!
//! Everything runs the real `seam` binary and fetches links over loopback sockets. The terminal is
//! a real pseudo-terminal from util-linux `script` (part of every Debian base system).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a child may take to print what a test waits for (a cold debug binary included).
const PATIENCE: Duration = Duration::from_secs(30);

/// The `seam` binary with no `SEAM*` variables from the developer's shell.
fn seam() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seam"));
    for (key, _) in std::env::vars() {
        if key.starts_with("SEAM") {
            command.env_remove(key);
        }
    }
    command.env("NO_COLOR", "1");
    command
}

/// A child process that is killed (and reaped) when the test ends, pass or fail.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Running {
    fn spawn(mut command: Command) -> Self {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout pipe");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// The first stdout line that satisfies `want`, within [`PATIENCE`].
    fn line_where(&self, what: &str, want: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if want(line.trim()) => return line.trim().to_owned(),
                Ok(line) => seen.push(line),
                Err(_) => panic!("no {what} on stdout within {PATIENCE:?}; saw {seen:#?}"),
            }
        }
    }

    fn still_running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits for the process to end by itself; its exit code.
    fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the process did not stop within {PATIENCE:?}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `command` run on a pseudo-terminal: `script` gives the child a terminal as stdin and stdout
/// and copies what it prints to our pipe. Killing `script` hangs the terminal up on the child.
fn on_a_terminal(command: &Command) -> Command {
    let quote = |s: &std::ffi::OsStr| format!("'{}'", s.to_string_lossy().replace('\'', r"'\''"));
    let mut line = quote(command.get_program());
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut script = Command::new("script");
    script.args([
        "--quiet",
        "--return",
        "--flush",
        "--command",
        &line,
        "/dev/null",
    ]);
    for (key, value) in command.get_envs() {
        match value {
            Some(v) => script.env(key, v),
            None => script.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        script.current_dir(dir);
    }
    script
}

/// A response read off the wire: status, lower-cased headers, body.
struct Fetched {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Fetched {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET url` over a loopback socket with the given `accept`, the way a browser would ask.
fn fetch(url: &str, accept: &str) -> Fetched {
    let rest = url.strip_prefix("http://").expect("an http:// link");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    assert!(
        authority.starts_with("127.0.0.1:") || authority.starts_with("[::1]:"),
        "the link is not on loopback: {url}"
    );
    let mut stream = TcpStream::connect(authority).expect("connect to the printed link");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nhost: {authority}\r\naccept: {accept}\r\nconnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let text = String::from_utf8(raw).expect("utf-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Fetched {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Asserts that `url` serves the portal page of `customer_key`, as HTML and as its JSON twin.
fn assert_portal_opens(url: &str, customer_key: &str) {
    let page = fetch(url, "text/html,application/xhtml+xml,*/*;q=0.8");
    assert_eq!(page.status, 200, "the link does not open:\n{}", page.body);
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "not a page: {:?}",
        page.headers
    );
    assert!(page.body.contains("<main") && page.body.contains("<h1"));
    assert!(
        page.body.contains(customer_key),
        "the page does not name {customer_key}"
    );
    let twin = fetch(url, "application/json");
    assert_eq!(twin.status, 200, "{}", twin.body);
    let view: serde_json::Value = serde_json::from_str(&twin.body).expect("the JSON twin");
    assert_eq!(view["customer_key"], customer_key, "{view:#}");
}

#[test]
fn seam_fake_serves_links_until_interrupted() {
    let mut command = seam();
    command.args(["fake", "--listen", "127.0.0.1:0", "--quiet"]);
    let mut fake = Running::spawn(command);
    let endpoint = fake.line_where("endpoint export", |l| {
        l.starts_with("export SEAM_ENDPOINT=")
    });
    let key = fake.line_where("key export", |l| l.starts_with("export SEAM_API_KEY="));
    let endpoint = endpoint.trim_start_matches("export SEAM_ENDPOINT=");
    let key = key.trim_start_matches("export SEAM_API_KEY=");
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");

    let created = seam()
        .args(["customers", "create-portal", "--customer-key", "acme"])
        .env("SEAM_ENDPOINT", endpoint)
        .env("SEAM_API_KEY", key)
        .stdin(Stdio::null())
        .output()
        .expect("run create-portal");
    assert!(created.status.success(), "{created:?}");
    let link = String::from_utf8(created.stdout).expect("utf-8");
    let link = link.trim();
    assert!(link.starts_with(&format!("{endpoint}/portal/")), "{link}");
    assert_portal_opens(link, "acme");
    assert!(fake.still_running());

    // Ctrl-C is SIGINT: the fake stops cleanly with exit code 0.
    let pid = fake.child.id().to_string();
    let kill = Command::new("kill").args(["-INT", &pid]).status();
    assert!(kill.expect("run kill").success());
    assert_eq!(fake.wait_exit(), Some(0));
    assert!(
        TcpStream::connect(endpoint.trim_start_matches("http://")).is_err(),
        "still listening after Ctrl-C"
    );
}

#[test]
fn fake_keeps_serving_on_a_terminal_and_returns_at_once_in_a_pipe() {
    let mut command = seam();
    command.args([
        "customers",
        "create-portal",
        "--fake",
        "--customer-key",
        "acme",
    ]);

    // In a pipe (a script), the link is printed and the command is done.
    let started = Instant::now();
    let piped = seam()
        .args([
            "customers",
            "create-portal",
            "--fake",
            "--customer-key",
            "acme",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run piped");
    assert!(piped.status.success(), "{piped:?}");
    assert!(started.elapsed() < PATIENCE);
    let gone = String::from_utf8(piped.stdout).expect("utf-8");
    assert!(gone.trim().starts_with("http://127.0.0.1:"), "{gone}");

    // On a terminal, the same command keeps the link open until it is stopped.
    let mut tty = Running::spawn(on_a_terminal(&command));
    let link = tty.line_where("portal link", |l| l.starts_with("http://"));
    assert_portal_opens(&link, "acme");
    std::thread::sleep(Duration::from_millis(300));
    assert!(tty.still_running(), "the command exited on a terminal");
    assert_portal_opens(&link, "acme");
}

/// The workspace root (where the README is and where its commands run).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|d| d.join("README.md").is_file() && d.join("Cargo.lock").is_file())
        .expect("the workspace root")
        .to_path_buf()
}

/// Splits one shell command line into words (single and double quotes, backslash escapes).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                word.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The README's first command: the first `cargo run` line of its first `sh` block.
fn readme_first_command() -> Vec<String> {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).expect("README.md");
    let block = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md has a ```sh block");
    let line = block
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("cargo run"))
        .expect("the first sh block starts with a cargo run command");
    shell_words(line)
}

#[test]
fn the_readme_first_command_prints_a_link_that_opens() {
    let words = readme_first_command();
    // `cargo run [-q] -p PACKAGE -- ARGS...`: the package must be the one that builds this `seam`.
    let dashes = words
        .iter()
        .position(|w| w == "--")
        .expect("cargo run ... -- ARGS");
    let cargo = &words[..dashes];
    let package = cargo
        .iter()
        .position(|w| w == "-p" || w == "--package")
        .and_then(|i| cargo.get(i + 1))
        .expect("cargo run -p PACKAGE");
    assert_eq!(package, env!("CARGO_PKG_NAME"), "{words:?}");
    let args = &words[dashes + 1..];

    // The customer the page must name: --customer-key, or the one in the --body file.
    let flag = |name: &str| {
        args.iter()
            .position(|w| w == name)
            .and_then(|i| args.get(i + 1))
    };
    let root = workspace_root();
    let customer_key = match (flag("--customer-key"), flag("--body")) {
        (Some(key), _) => key.clone(),
        (None, Some(file)) => {
            let body = std::fs::read_to_string(root.join(file)).expect("the README's --body file");
            let body: serde_json::Value = serde_json::from_str(&body).expect("JSON body");
            body["customer_data"]["customer_key"]
                .as_str()
                .expect("customer_data.customer_key in the body")
                .to_owned()
        }
        (None, None) => panic!("the README's command names no customer: {words:?}"),
    };

    let mut command = seam();
    command.args(args).current_dir(&root);
    let mut tty = Running::spawn(on_a_terminal(&command));
    let link = tty.line_where("portal link", |l| l.starts_with("http://"));
    assert!(tty.still_running(), "the link's server is gone already");
    assert_portal_opens(&link, &customer_key);
}
