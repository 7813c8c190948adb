//! The portal page in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run`
//! installs when missing) loads pages from the fake over loopback. `--dump-dom` reads what the
//! page shows; the DevTools protocol reads the frame tree of a page that frames portals from
//! another loopback origin. Without Chromium these tests fail, saying how to install it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use seam_fake::FakeSeam;
use serde_json::{json, Value};

/// How long one browser run may take on a busy two-core machine.
const BROWSER_PATIENCE: Duration = Duration::from_secs(90);

/// The Chromium binary: `$CHROMIUM`, else `chromium` on `PATH`. Missing is a failure.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("chromium"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "chromium is not installed, and the browser tests need it: run `bash .ci/run` \
             (it installs it), or `apt-get update && apt-get install -y chromium`"
        )
    })
}

/// A fresh profile directory, removed when dropped.
struct Profile(PathBuf);

impl Profile {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!(
            "seam-fake-chromium-{}-{}",
            std::process::id(),
            fastrand_name()
        ));
        std::fs::create_dir_all(&dir).expect("profile dir");
        Self(dir)
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A name unique within this process.
fn fastrand_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        NEXT.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    )
}

/// Chromium headless, quiet, sandbox off (we run as root in CI), with its own profile.
fn browser(profile: &Profile) -> Command {
    let mut command = Command::new(chromium());
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
    ]);
    command.arg(format!("--user-data-dir={}", profile.0.display()));
    command.stdin(Stdio::null());
    command
}

/// A child killed and reaped when dropped.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The DOM of `url` after it loaded, as Chromium serialises it.
fn dump_dom(url: &str) -> String {
    let profile = Profile::new();
    let mut command = browser(&profile);
    command
        .args(["--dump-dom", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = Reaped(command.spawn().expect("start chromium"));
    let mut out = child.0.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = out.read_to_string(&mut dom);
        dom
    });
    let deadline = Instant::now() + BROWSER_PATIENCE;
    loop {
        if child.0.try_wait().expect("try_wait").is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "chromium --dump-dom {url} took over {BROWSER_PATIENCE:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = reader.join().expect("reader");
    assert!(dom.contains("<html"), "chromium printed no DOM for {url}");
    dom
}

/// Every `<li ...>` start tag in `dom` with `class="resource..."`, as `(class, data-key)`.
fn resources(dom: &str) -> Vec<(String, String)> {
    dom.split("<li ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            let attr = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                Some(tag[start..start + tag[start..].find('"')?].to_owned())
            };
            let class = attr("class")?;
            class
                .starts_with("resource")
                .then(|| (class, attr("data-key").unwrap_or_default()))
        })
        .collect()
}

/// The `class` of the `<li>` of each feature, as `(feature, class)`.
fn features(dom: &str) -> Vec<(String, String)> {
    dom.split("<li class=\"feature ")
        .skip(1)
        .filter_map(|rest| {
            let class = rest[..rest.find('"')?].to_owned();
            let at = rest.find("data-feature=\"")? + 14;
            let name = rest[at..at + rest[at..].find('"')?].to_owned();
            Some((name, class))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_exactly_the_landing_page_features_and_filters_asked_for() {
    let fake = FakeSeam::start().await.expect("fake");
    let url = common::portal_url(
        &fake,
        &json!({
            "locale": "de-DE",
            "read_only": true,
            "landing_page": {"manage": {"space_key": "room-2"}},
            "features": {
                "connect": {"exclude": true},
                "organize": {"exclude": true},
                "manage": {"exclude_staff_management": true}
            },
            "customer_resources_filters": [{"field": "region", "operation": "=", "value": "west"}],
            "customer_data": {
                "customer_key": "acme <west>",
                "spaces": [
                    {"space_key": "room-1", "name": "Room 1"},
                    {"space_key": "room-2", "name": "Room 2"}
                ],
                "reservations": [
                    {"reservation_key": "res-west", "custom_metadata": {"region": "west"}},
                    {"reservation_key": "res-east", "custom_metadata": {"region": "east"}},
                    {"reservation_key": "res-none"}
                ],
                "staff_members": [{"staff_member_key": "ann", "name": "Ann"}]
            }
        }),
    )
    .await;
    let dom = tokio::task::spawn_blocking(move || dump_dom(&url))
        .await
        .expect("browser thread");

    assert!(dom.contains("<html lang=\"de-DE\">"), "{dom}");
    assert!(
        dom.contains("<h1>acme &lt;west&gt;</h1>"),
        "escaped key: {dom}"
    );
    assert!(!dom.contains("<script"), "the page has no scripts");
    assert!(dom.contains("<main") && dom.contains("<nav aria-label="));
    assert_eq!(
        features(&dom),
        [
            ("connect".to_owned(), "off".to_owned()),
            ("manage".to_owned(), "on".to_owned()),
            ("organize".to_owned(), "off".to_owned()),
            ("configure".to_owned(), "on".to_owned()),
            ("manage_devices".to_owned(), "on".to_owned()),
        ]
    );
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        resources(&dom),
        owned(&[
            ("resource", "room-1"),
            ("resource opens", "room-2"),
            ("resource", "ann"),
            ("resource", "res-west"),
            ("resource out", "res-east"),
            ("resource out", "res-none"),
        ])
    );
    assert!(dom.contains("<li>Nur lesen</li>"), "read-only badge");
    assert!(dom.contains("exclude_staff_management</code></span>"));
    assert!(dom.contains("<code>custom_metadata.region</code> = <code>\"west\"</code>"));
    fake.shutdown().await;
}

/// Serves `page` as HTML to every request on a loopback port of its own (another origin than
/// the fake's); returns its URL. The thread ends with the process.
fn serve_host_page(page: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind host page");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    url
}

/// A DevTools-protocol session with one page of a headless Chromium.
struct DevTools {
    ws: tungstenite::WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    _browser: Reaped,
    _profile: Profile,
}

impl DevTools {
    fn start() -> Self {
        let profile = Profile::new();
        let mut command = browser(&profile);
        command
            .args([
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start chromium");
        let stderr = child.stderr.take().expect("stderr");
        let browser = Reaped(child);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_owned());
                }
            }
        });
        let ws_url = rx
            .recv_timeout(BROWSER_PATIENCE)
            .expect("chromium printed its DevTools address");
        let authority = ws_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("host:port")
            .to_owned();
        let stream = TcpStream::connect(&authority).expect("connect to DevTools");
        stream
            .set_read_timeout(Some(BROWSER_PATIENCE))
            .expect("timeout");
        let (ws, _) = tungstenite::client(ws_url.as_str(), stream).expect("DevTools handshake");
        let mut tools = Self {
            ws,
            session: String::new(),
            next_id: 0,
            _browser: browser,
            _profile: profile,
        };
        let target = tools.call("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_owned();
        let attached = tools.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        tools.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_owned();
        tools.call("Page.enable", json!({}));
        tools
    }

    fn send(&mut self, method: &str, params: Value) -> u64 {
        self.next_id += 1;
        let mut msg = json!({"id": self.next_id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(tungstenite::Message::text(msg.to_string()))
            .expect("send to DevTools");
        self.next_id
    }

    /// The next message that satisfies `want`, within the browser's patience.
    fn wait(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + BROWSER_PATIENCE;
        while Instant::now() < deadline {
            let msg = self.ws.read().expect("read from DevTools");
            let Ok(text) = msg.to_text() else { continue };
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if want(&value) {
                return value;
            }
        }
        panic!("no {what} from DevTools within {BROWSER_PATIENCE:?}");
    }

    /// Sends a command and returns its result (an error reply fails the test).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params);
        let reply = self.wait(method, |m| m["id"] == id);
        assert!(reply.get("error").is_none(), "{method}: {reply}");
        reply["result"].clone()
    }

    /// Navigates and waits for the load event (which waits for the page's frames).
    fn load(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait("Page.loadEventFired", |m| {
            m["method"] == "Page.loadEventFired"
        });
    }
}

/// The text of the body of the frame whose owner `<iframe>` has `id`, from a DOM read through
/// frames (`pierce`); `None` when the frame holds no document of its own URL.
fn frame_text(root: &Value, id: &str) -> Option<String> {
    fn find<'a>(node: &'a Value, id: &str) -> Option<&'a Value> {
        let attrs = node["attributes"].as_array();
        let is_it = node["nodeName"] == "IFRAME"
            && attrs.is_some_and(|a| a.chunks(2).any(|p| p[0] == "id" && p[1] == id));
        if is_it {
            return Some(node);
        }
        node["children"]
            .as_array()
            .into_iter()
            .flatten()
            .find_map(|c| find(c, id))
    }
    fn text(node: &Value, out: &mut String) {
        if node["nodeType"] == 3 {
            out.push_str(node["nodeValue"].as_str().unwrap_or(""));
        }
        for c in node["children"].as_array().into_iter().flatten() {
            text(c, out);
        }
    }
    let doc = &find(root, id)?["contentDocument"];
    let url = doc["documentURL"].as_str()?;
    if !url.starts_with("http://") {
        return None;
    }
    let mut out = String::new();
    text(doc, &mut out);
    Some(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_embedded_portal_loads_in_a_frame_of_another_origin_and_others_are_refused() {
    let fake = FakeSeam::start().await.expect("fake");
    let data =
        |key: &str| json!({"customer_key": key, "spaces": [{"space_key": "s1", "name": "Lobby"}]});
    let embedded = common::portal_url(
        &fake,
        &json!({"is_embedded": true, "customer_data": data("framed-co")}),
    )
    .await;
    let standalone = common::portal_url(&fake, &json!({"customer_data": data("alone-co")})).await;
    let host = serve_host_page(format!(
        "<!doctype html><html lang=\"en\"><title>host</title><body>\
         <iframe id=\"embedded\" title=\"embedded\" src=\"{embedded}\" width=\"900\" height=\"500\"></iframe>\
         <iframe id=\"standalone\" title=\"standalone\" src=\"{standalone}\" width=\"900\" height=\"500\"></iframe>\
         </body></html>"
    ));
    assert_ne!(
        host.split('/').nth(2),
        embedded.split('/').nth(2),
        "the host page must be another origin"
    );
    let (embedded_text, standalone_text, tree) = tokio::task::spawn_blocking(move || {
        let mut tools = DevTools::start();
        tools.load(&host);
        let doc = tools.call("DOM.getDocument", json!({"depth": -1, "pierce": true}));
        let tree = tools.call("Page.getFrameTree", json!({}));
        (
            frame_text(&doc["root"], "embedded"),
            frame_text(&doc["root"], "standalone"),
            tree,
        )
    })
    .await
    .expect("browser thread");

    let shown =
        embedded_text.unwrap_or_else(|| panic!("the embedded portal did not load: {tree:#}"));
    assert!(
        shown.contains("framed-co") && shown.contains("Lobby"),
        "{shown}"
    );
    assert!(
        standalone_text
            .as_deref()
            .is_none_or(|t| !t.contains("alone-co")),
        "a non-embedded portal rendered inside another site's frame: {standalone_text:?}"
    );
    // The frame tree says why: the refused frame never committed the portal's URL.
    let frames = tree["frameTree"]["childFrames"]
        .as_array()
        .expect("two frames");
    assert_eq!(frames.len(), 2, "{tree:#}");
    let committed = |url: &str| {
        frames
            .iter()
            .any(|f| f["frame"]["url"].as_str() == Some(url))
    };
    assert!(committed(&embedded) && !committed(&standalone), "{tree:#}");
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_link_shows_the_expired_page() {
    let fake = common::fake_with_instant_expiry().await;
    let url = common::portal_url(
        &fake,
        &json!({"locale": "fr-FR", "customer_data": {"customer_key": "zz-late-customer"}}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let raw = common::exchange(
        fake.addr(),
        &common::request("GET", url.trim_start_matches(&fake.base_url()), &[], b""),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(raw.status(), Some(410));
    let dom = tokio::task::spawn_blocking(move || dump_dom(&url))
        .await
        .expect("browser thread");
    assert!(dom.contains("<html lang=\"fr-FR\">"), "{dom}");
    assert!(
        dom.contains("<h1>Ce lien de portail a expiré</h1>"),
        "{dom}"
    );
    assert!(dom.contains("This portal link expired at"), "{dom}");
    assert!(
        !dom.contains("zz-late-customer"),
        "an expired link shows no customer data"
    );
    fake.shutdown().await;
}
