//! The whole benchmark: starts the server, runs every part in turn and fills the table.

use std::sync::Arc;
use std::time::Instant;

use crate::e2e::{self, Settings};
use crate::js::{JsRun, JsSdk};
use crate::load::Limits;
use crate::options::Options;
use crate::raw::RawClient;
use crate::server::Server;
use crate::stats::{median, Paired};
use crate::table::{ratio, thousands, verdict, Table};
use crate::{
    breakdown, cli, fixtures, heap, machine, parse, payload, profile, read, sdk, serialize,
};

/// End to end: the SDK must reach this share of raw hyper's requests/s.
const E2E_TARGET: f64 = 0.9;
/// Payload: the SDK path must reach this share of `to_vec`'s MB/s.
const PAYLOAD_TARGET: f64 = 0.7;
/// Payload: peak extra heap of the SDK path at most this multiple of the payload.
const HEAP_TARGET: f64 = 3.0;

/// Runs everything `options` asks for and returns the rendered table with its notes.
pub fn run(options: &Options) -> Result<String, String> {
    let started = Instant::now();
    let mut table = Table::default();
    let machine = machine::describe();
    if options.only.as_deref() == Some("cli") {
        cli::run(options, &mut table);
        table.note(format!("machine: {machine}"));
        return Ok(table.render());
    }
    let server = Server::start(fixtures::create_portal_response())
        .map_err(|e| format!("cannot start the local server: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the client runtime: {e}"))?;

    if let Some(who) = &options.profile {
        return profile::run(options, who, &server, &runtime);
    }
    let raw_rates = end_to_end(options, &server, &runtime, &mut table)?;
    if options.only.as_deref() == Some("e2e") {
        table.note(format!("machine: {machine}"));
        return Ok(table.render());
    }
    if options.js {
        javascript(options, &server, &raw_rates, &mut table);
    }
    drop(runtime);
    push_data(options, &mut table)?;
    response_parse(options, &mut table)?;
    cli::run(options, &mut table);

    table.note(format!("machine: {machine}"));
    table.note(format!(
        "each figure is the median of {} alternating runs (SDK, baseline, SDK, baseline, ...; {} for the \
         payload, whose runs are short); the ratio is the median of the per-round ratios, so it can differ \
         slightly from the ratio of the two medians",
        options.rounds,
        (options.rounds * 3).max(9)
    ));
    table.note(format!(
        "total {:.0} s; the local server answered {} requests",
        started.elapsed().as_secs_f64(),
        server.served()
    ));
    Ok(table.render())
}

/// Part 1 (and its wire check); returns raw hyper's median requests/s per concurrency for the JS rows.
fn end_to_end(
    options: &Options,
    server: &Server,
    runtime: &tokio::runtime::Runtime,
    table: &mut Table,
) -> Result<Vec<(usize, f64)>, String> {
    let url = server.url();
    let config = sdk::config(&url)?;
    let template = sdk::create_portal_wire(&config)?;
    let settings = Settings {
        rounds: options.rounds,
        limits: Limits {
            requests: options.e2e_requests,
            time: options.e2e_time,
        },
    };
    runtime.block_on(async {
        let seam = Arc::new(sdk::client(&url)?);
        let raw = Arc::new(RawClient::new(template));
        match e2e::wire_difference(server, &seam, &raw).await? {
            None => table.note(
                "end to end: the server received byte-identical requests (line, headers, body) from the SDK and raw hyper",
            ),
            Some(diff) => table.note(format!(
                "end to end: SDK and raw requests differ in: {diff}"
            )),
        }
        let mut raw_rates = Vec::new();
        for &concurrency in &options.concurrency {
            eprintln!("seam-bench: create_portal end to end, {concurrency} task(s) ...");
            let what = format!("create_portal end to end, {concurrency} task(s) (req/s)");
            match e2e::compare(concurrency, settings, seam.clone(), raw.clone()).await {
                Ok(Paired { a, b, ratio: r }) => {
                    table.row(
                        what,
                        thousands(a),
                        format!("raw hyper-util: {}", thousands(b)),
                        ratio(r),
                        format!(">= {E2E_TARGET:.2}x: {}", verdict(r >= E2E_TARGET)),
                    );
                    raw_rates.push((concurrency, b));
                }
                Err(e) => table.failed(what, e),
            }
        }
        Ok::<_, String>(raw_rates)
    })
}

/// Part 4: the official JavaScript SDK against the same server, compared with raw hyper's medians.
fn javascript(options: &Options, server: &Server, raw_rates: &[(usize, f64)], table: &mut Table) {
    eprintln!("seam-bench: @seamapi/http reference (npm install on first use) ...");
    let js = match JsSdk::install() {
        Ok(js) => js,
        Err(why) => {
            table.note(format!("JavaScript SDK reference skipped: {why}"));
            return;
        }
    };
    let body = serde_json::to_string(&sdk::create_portal_request()).unwrap_or_default();
    for &(concurrency, raw) in raw_rates {
        let what = format!(
            "JS @seamapi/http {} end to end, {concurrency} task(s) (req/s)",
            js.version
        );
        let run = JsRun {
            concurrency,
            requests: options.e2e_requests,
            time: options.e2e_time,
            rounds: options.rounds,
        };
        let (connections, served) = (server.connections(), server.served());
        match js.requests_per_second(&server.url(), fixtures::API_KEY, &body, run) {
            Ok(rates) => {
                let rate = median(&rates);
                table.note(format!(
                    "JS at {concurrency} task(s): {} requests over {} new connections",
                    thousands((server.served() - served) as f64),
                    thousands((server.connections() - connections) as f64)
                ));
                table.row(
                    what,
                    format!("(JS) {}", thousands(rate)),
                    format!("raw hyper-util: {}", thousands(raw)),
                    ratio(rate / raw),
                    "reference only",
                );
            }
            Err(e) => table.failed(what, e),
        }
    }
    table.note(format!(
        "JS rows: node {} running @seamapi/http {} (its default axios client and retries) in one process; \
         the ratio is JS over the raw hyper median above",
        node_version(),
        js.version
    ));
}

/// Part 2: throughput of the SDK path against `to_vec`, then peak heap in the child process.
fn push_data(options: &Options, table: &mut Table) -> Result<(), String> {
    eprintln!("seam-bench: push_data payload ...");
    let request = payload::portfolio(options.payload_bytes);
    let op = serialize::operation(request);
    let config = sdk::config("http://127.0.0.1:9")?;
    let body = sdk::build_push_data(&config, &op)?.into_body();
    let len = body.len();
    let mb = len as f64 / 1e6;
    let counts = format!(
        "{} reservations, {} guests, {} units, {} spaces with geolocation",
        thousands(op.0.reservations.as_ref().map_or(0, Vec::len) as f64),
        thousands(op.0.guests.as_ref().map_or(0, Vec::len) as f64),
        thousands(op.0.units.as_ref().map_or(0, Vec::len) as f64),
        thousands(op.0.spaces.as_ref().map_or(0, Vec::len) as f64),
    );
    let what = format!("push_data {mb:.1} MB: SDK path (build = validate + serialize) (MB/s)");
    match serialize::compare(&config, &op, len, (options.rounds * 3).max(9)) {
        Ok(t) => {
            table.row(
                what,
                format!("{:.0}", t.paired.a),
                format!("serde_json::to_vec: {:.0}", t.paired.b),
                ratio(t.paired.ratio),
                format!(
                    ">= {PAYLOAD_TARGET:.2}x: {}",
                    verdict(t.paired.ratio >= PAYLOAD_TARGET)
                ),
            );
            table.note(format!(
                "push_data payload: {counts}; medians {:.1} ms SDK path, {:.1} ms to_vec, {:.1} ms validate(); \
                 validation with lazy JSON paths (prototype, bench/src/proto_validate.rs) takes {:.1} ms",
                t.sdk_ms, t.plain_ms, t.validate_ms, t.lazy_validate_ms
            ));
        }
        Err(e) => table.failed(what, e),
    }
    let what = format!("push_data {mb:.1} MB: read into the typed request (MB/s)");
    match read::compare(&body, (options.rounds * 3).max(9)) {
        Ok(t) => table.row(
            what,
            format!("{:.0}", t.paired.a),
            format!("serde_json::Value: {:.0}", t.paired.b),
            ratio(t.paired.ratio),
            format!("(higher is better; no target; {:.1} ms)", t.typed_ms),
        ),
        Err(e) => table.failed(what, e),
    }
    drop((op, body));
    if options.heap {
        eprintln!("seam-bench: push_data peak heap (child process) ...");
        let what = format!("push_data {mb:.1} MB: peak extra heap (x payload)");
        match heap::measure_in_child(options.payload_bytes) {
            Ok(p) => {
                let sdk = p.sdk as f64 / p.payload as f64;
                let plain = p.plain as f64 / p.payload as f64;
                table.row(
                    what,
                    format!("{sdk:.2}x ({:.1} MB)", p.sdk as f64 / 1e6),
                    format!("to_vec: {plain:.2}x ({:.1} MB)", p.plain as f64 / 1e6),
                    ratio(sdk / plain),
                    format!("<= {HEAP_TARGET:.1}x: {}", verdict(sdk <= HEAP_TARGET)),
                );
                table.note(format!(
                    "peak heap: bytes live above the level before the step, counted by peak_alloc in a separate \
                     process (its realloc counts old and new block together, as a copying realloc holds them); \
                     the typed request itself holds {:.1} MB",
                    p.request as f64 / 1e6
                ));
            }
            Err(e) => table.failed(what, e),
        }
    }
    Ok(())
}

/// Part 3: parsing the create_portal response.
fn response_parse(options: &Options, table: &mut Table) -> Result<(), String> {
    eprintln!("seam-bench: create_portal response parse ...");
    let body = fixtures::create_portal_response();
    let what = format!(
        "parse create_portal response, {} bytes (ns/parse)",
        body.len()
    );
    match parse::compare(&body, options.rounds, options.parse_time) {
        Ok(p) => table.row(
            what,
            thousands(p.a),
            format!("serde_json::Value: {}", thousands(p.b)),
            ratio(p.ratio),
            "(lower is better; no target)",
        ),
        Err(e) => table.failed(what, e),
    }
    let config = sdk::config("http://127.0.0.1:9")?;
    let steps = breakdown::measure(&config, &body, options.rounds, options.parse_time / 3);
    table.note(format!(
        "create_portal CPU outside the network, per call: validate {} ns, build (includes validate) {} ns, \
         parse {} ns (prototypes in bench/src/proto_parse.rs: one pass with JSON-path tracking {} ns, \
         without tracking unless that pass fails {} ns)",
        thousands(steps.validate),
        thousands(steps.build),
        thousands(steps.parse),
        thousands(steps.one_pass),
        thousands(steps.untracked)
    ));
    Ok(())
}

/// `v20.20.2`, or `?`.
fn node_version() -> String {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "?".into())
}
