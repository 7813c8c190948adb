//! Through a real HTTP proxy: Debian's `tinyproxy`, started per test on a free loopback port with a
//! config file of its own. Plain `http` is forwarded, `https` is tunnelled with CONNECT (TLS stays
//! end to end), `NO_PROXY` and loopback destinations bypass it, Basic proxy credentials work, and
//! those credentials appear in no output (errors, `Debug`, logs).
// The bundled transport's suite: nothing to run without it.
#![cfg(feature = "default-client")]

mod support;
#[path = "support/tls.rs"]
mod tls_support;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use seam_http::{
    CreatePortalRequest, HyperTransport, HyperTransportBuilder, Seam, Transport as _,
    TransportErrorKind,
};
use support::{json, TestServer};
use tls_support::{trusting_test_ca, AlpnServer, PORTAL};

const USER: &str = "seamproxyuser";
const PASSWORD: &str = "pr0xy-pa55word-never-shown";

/// A tinyproxy process of this test, killed (by its pid) and cleaned up on drop.
struct Tinyproxy {
    port: u16,
    dir: PathBuf,
    child: Child,
}

impl Tinyproxy {
    /// Starts tinyproxy on 127.0.0.1, requiring `USER`/`PASSWORD` when `auth` is set. Fails the
    /// test (never skips it) when tinyproxy is missing: `.ci/run` installs it.
    fn start(auth: bool) -> Self {
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let dir =
                std::env::temp_dir().join(format!("seam-tinyproxy-{}-{port}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let mut config = format!(
                "Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 50\nLogLevel Connect\n\
                 LogFile \"{log}\"\nPidFile \"{pid}\"\nAllow 127.0.0.1\n",
                log = dir.join("tinyproxy.log").display(),
                pid = dir.join("tinyproxy.pid").display(),
            );
            if auth {
                config.push_str(&format!("BasicAuth {USER} {PASSWORD}\n"));
            }
            let config_path = dir.join("tinyproxy.conf");
            std::fs::File::create(&config_path)
                .and_then(|mut f| f.write_all(config.as_bytes()))
                .unwrap();
            let child = Command::new("tinyproxy")
                .arg("-d")
                .arg("-c")
                .arg(&config_path)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("cannot run tinyproxy ({e}); install it with `apt-get install tinyproxy` (.ci/run does)")
                });
            let mut proxy = Self { port, dir, child };
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(5) {
                match answers_as_tinyproxy(port) {
                    Some(true) => return proxy,
                    // Another test's server took the port between our probe bind and tinyproxy's.
                    Some(false) => {
                        last_error = format!("port {port} was answered by something else");
                        break;
                    }
                    None => {}
                }
                if let Ok(Some(status)) = proxy.child.try_wait() {
                    last_error = format!("tinyproxy exited with {status}");
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            drop(proxy);
        }
        panic!("tinyproxy did not start: {last_error}");
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn url_with(&self, password: &str) -> String {
        format!("http://{USER}:{password}@127.0.0.1:{}", self.port)
    }

    /// tinyproxy's log so far (request lines of every connection it served).
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("tinyproxy.log")).unwrap_or_default()
    }
}

/// Whether what listens on `port` is tinyproxy: it answers a request for itself with an error
/// that names it in `Server`. `None` while nothing accepts connections there yet.
fn answers_as_tinyproxy(port: u16) -> Option<bool> {
    use std::io::Read as _;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    stream.write_all(b"GET / HTTP/1.0\r\n\r\n").ok()?;
    let mut head = Vec::new();
    let _ = stream.take(4096).read_to_end(&mut head);
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    Some(head.contains("\r\nserver: tinyproxy"))
}

impl Drop for Tinyproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn via(builder: HyperTransportBuilder) -> HyperTransport {
    builder.proxy_loopback(true).build().unwrap()
}

fn post(url: &str) -> http::Request<Bytes> {
    http::Request::post(format!("{url}/customers/create_portal"))
        .header("authorization", "Bearer seam_testkey_proxy_0123456789")
        .body(Bytes::from_static(b"{}"))
        .unwrap()
}

/// Whether the request reached `server` through tinyproxy (it adds `Via: 1.1 tinyproxy`).
fn proxied(server: &TestServer, n: usize) -> bool {
    server.requests()[n]
        .headers
        .get("via")
        .is_some_and(|v| v.to_str().unwrap_or("").contains("tinyproxy"))
}

#[tokio::test]
async fn http_endpoint_is_forwarded_through_the_proxy() {
    let proxy = Tinyproxy::start(false);
    let server = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let transport = via(HyperTransport::builder().proxy(proxy.url()));
    for _ in 0..2 {
        let response = transport.send(post(&server.url())).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(&response.body()[..], br#"{"ok":true}"#);
    }
    assert!(proxied(&server, 0) && proxied(&server, 1));
    let log = proxy.log();
    assert!(
        log.contains(&format!(
            "POST http://{}/customers/create_portal",
            server.addr
        )),
        "{log}"
    );
}

#[tokio::test]
async fn https_endpoint_is_tunnelled_with_connect() {
    let proxy = Tinyproxy::start(false);
    let server = AlpnServer::start(&[b"h2", b"http/1.1"], 0).await;
    let transport = via(HyperTransport::builder()
        .proxy(proxy.url())
        .tls_config(trusting_test_ca()));
    let response = transport.send(post(&server.url())).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(&response.body()[..], PORTAL.as_bytes());
    // ALPN ran end to end through the tunnel.
    assert_eq!(response.version(), http::Version::HTTP_2);
    let log = proxy.log();
    assert!(
        log.contains(&format!("CONNECT localhost:{}", server.addr.port())),
        "{log}"
    );
}

#[tokio::test]
async fn no_proxy_and_loopback_destinations_bypass_the_proxy() {
    let proxy = Tinyproxy::start(false);
    let server = TestServer::always(json(200, serde_json::json!({}))).await;
    let env = |vars: Vec<(&'static str, String)>| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        }
    };

    // Lower-case `http_proxy` is read; NO_PROXY is honoured.
    let bypass = via(HyperTransport::builder().proxy_env_with(env(vec![
        ("http_proxy", proxy.url()),
        ("NO_PROXY", "localhost, 127.0.0.1".to_owned()),
    ])));
    bypass.send(post(&server.url())).await.unwrap();
    let through =
        via(HyperTransport::builder().proxy_env_with(env(vec![("http_proxy", proxy.url())])));
    through.send(post(&server.url())).await.unwrap();
    // Loopback bypasses an explicit proxy too unless `proxy_loopback(true)`.
    let direct = HyperTransport::builder()
        .proxy(proxy.url())
        .build()
        .unwrap();
    direct.send(post(&server.url())).await.unwrap();

    assert!(!proxied(&server, 0), "NO_PROXY must bypass the proxy");
    assert!(proxied(&server, 1), "http_proxy must be used");
    assert!(!proxied(&server, 2), "loopback must bypass the proxy");
    assert_eq!(proxy.log().matches("POST http://").count(), 1);
}

/// Captures every log line (all levels) written while it is the default subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The process-wide capture, installed once as the global subscriber. Global rather than a
/// thread's default: a callsite first hit by a concurrent test thread could otherwise cache
/// "nobody listens" and drop this test's events; setting the global subscriber rebuilds every
/// callsite's interest. Other tests' lines land here too, and must not show a credential either.
fn captured() -> &'static Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
        captured
    })
}

#[tokio::test]
async fn proxy_credentials_authenticate_and_are_never_shown() {
    let captured = captured();

    let proxy = Tinyproxy::start(true);
    let plain = TestServer::always(json(200, serde_json::json!({"ok": true}))).await;
    let tls = AlpnServer::start(&[b"h2", b"http/1.1"], 0).await;
    let mut shown = String::new();

    // Without credentials the proxy refuses: a 407 for plain http, a connect error for https.
    let anonymous = via(HyperTransport::builder()
        .proxy(proxy.url())
        .tls_config(trusting_test_ca()));
    let get = http::Request::get(format!("{}/", plain.url()))
        .body(Bytes::new())
        .unwrap();
    let refused = anonymous.send(get).await.unwrap();
    assert_eq!(refused.status(), 407);
    let err = anonymous.send(post(&tls.url())).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(err.to_string().contains("proxy"), "{err}");

    // With them, both kinds of endpoint are reached.
    let builder = HyperTransport::builder()
        .proxy(proxy.url_with(PASSWORD))
        .tls_config(trusting_test_ca());
    shown.push_str(&format!("{builder:?}"));
    let transport = via(builder);
    shown.push_str(&format!("{transport:?}"));
    let response = transport.send(post(&plain.url())).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        plain.requests().len(),
        1,
        "the refused request never reached the server"
    );
    assert!(proxied(&plain, 0));
    let response = transport.send(post(&tls.url())).await.unwrap();
    assert_eq!(&response.body()[..], PORTAL.as_bytes());

    // A wrong password, through the Seam client: the error names the proxy, not the password.
    let seam = Seam::builder()
        .api_key("seam_testkey_proxy_0123456789")
        .endpoint(tls.url())
        .max_attempts(1)
        .transport(
            HyperTransport::builder()
                .proxy(proxy.url_with("wrong-pa55word-never-shown"))
                .proxy_loopback(true)
                .tls_config(trusting_test_ca()),
        )
        .build()
        .unwrap();
    shown.push_str(&format!("{seam:?}"));
    let err = seam
        .customers()
        .create_portal(CreatePortalRequest::new())
        .await
        .unwrap_err();
    assert!(err.transport_error().is_some(), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("127.0.0.1:{}", proxy.port)),
        "{err}"
    );
    shown.push_str(&format!("{err} {err:?}"));

    shown.push_str(&String::from_utf8_lossy(&captured.0.lock().unwrap()));
    assert!(shown.contains("sending request"), "the logs were captured");
    for secret in [
        PASSWORD,
        "wrong-pa55word-never-shown",
        // `user:password` in Basic form.
        "c2VhbXByb3h5dXNlcjpwcjB4eS1wYTU1d29yZC1uZXZlci1zaG93bg",
    ] {
        assert!(!shown.contains(secret), "a proxy credential was shown");
    }
}
