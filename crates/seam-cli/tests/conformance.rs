//! Conformance: request bodies generated from the contract go out exactly as written.
//!
//! Bodies are drawn from the structural copy of the contract (`spec/customers.structure.json`) for
//! each request type: every optional member (the first body has all of them, the second none, the
//! rest a random half), every `oneOf` branch and every `enum` value, `{}` wherever an object has no
//! required member, nullable values as `null`, floats with 17 significant digits and other
//! spellings (`1.5E-3`, `38.7000`), integers spelled `30`, `30.0`, `3e1`, `0.3E2`, upper-case UUIDs,
//! strings with escapes and non-ASCII text. Every choice the generator makes between alternatives
//! is a *site* whose alternatives are taken in turn; bodies are drawn until there are
//! `PROPTEST_CASES` of them (64 when unset) **and** every alternative of every site has been taken,
//! so even a small count covers every generator branch. Each body goes
//!
//! 1. through seam-types: read (`json::from_str`) → `validate()` → `serde_json::to_vec`, and must
//!    come back JSON-equal to the input, every number spelled as in the input;
//! 2. through the CLI's own reader (`seam_cli::body::read_request`), the operation's `validate()`,
//!    `seam_core::build` and the CLI's dry-run pretty printer, in process: the printed body (or
//!    for delete_data, the strict query's key lists) must equal the input;
//! 3. through the SDK to seam-fake over loopback, which must accept it (the SDK itself may stop
//!    only a delete_data body with an empty key: a strict query cannot carry one).
//!
//! The `seam --dry-run` binary itself (one process per body, the slow part) takes the first
//! `CONFORMANCE_CLI_CASES` bodies of each command (when unset, one body in 8, at least 6; the first
//! has every member, the second none), alternately on stdin (`--body -`, read whole) and from a file
//! (`--body <file>`, streamed): what it prints must equal the input and what step 2 printed for the
//! same body, and it may refuse only what step 2 refused (or, delete_data, a body naming no list).
//!
//! The draws are deterministic: the seed is printed with every failure and `CONFORMANCE_SEED=<n>`
//! replays it. The counts of identical, changed and refused bodies per request type and step are
//! printed (`--nocapture` shows them).

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, Operation, PushData};
use seam_types::{CreateDeepLinkRequest, CreatePortalRequest, DeleteDataRequest, PushDataRequest};
use serde_json::value::RawValue;
use serde_json::Value;

use common::{seam, TEST_KEY};

/// The default seed (any fixed value; `CONFORMANCE_SEED` overrides it).
const DEFAULT_SEED: u64 = 0x5EA3_0012_2026_1201;
/// Bodies per request type when `PROPTEST_CASES` is unset (what `cargo xtask test` sets, too).
const DEFAULT_CASES: usize = 64;
/// Bodies per CLI command through the spawned binary when `CONFORMANCE_CLI_CASES` is unset: one
/// in `CLI_SHARE`, at least `MIN_CLI_CASES`.
const CLI_SHARE: usize = 8;
const MIN_CLI_CASES: usize = 6;
/// Drawing stops here even if some alternative was never taken (then the test fails).
const MAX_BODIES: usize = 20_000;

fn structure() -> Value {
    serde_json::from_str(include_str!("spec/customers.structure.json"))
        .expect("the contract copy is JSON")
}

fn body_schema<'a>(spec: &'a Value, path: &str) -> &'a Value {
    spec["operations"]
        .as_array()
        .and_then(|ops| {
            ops.iter()
                .find(|op| op["method"] == "POST" && op["path"] == path)
        })
        .map(|op| &op["body"])
        .expect("the contract has this operation")
}

// ---------------------------------------------------------------------------------------------
// JSON text, compared by value with every number's spelling.
// ---------------------------------------------------------------------------------------------

/// A JSON value whose numbers keep their text (`30.0` and `30` differ; key order does not matter).
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(BTreeMap<String, Json>),
}

fn tree(text: &str) -> Result<Json, String> {
    let text = text.trim();
    let fail = |e: serde_json::Error| format!("{e} in {text}");
    Ok(match text.as_bytes().first() {
        Some(b'{') => {
            let members: BTreeMap<String, Box<RawValue>> =
                serde_json::from_str(text).map_err(fail)?;
            let mut out = BTreeMap::new();
            for (k, v) in members {
                out.insert(k, tree(v.get())?);
            }
            Json::Obj(out)
        }
        Some(b'[') => {
            let items: Vec<Box<RawValue>> = serde_json::from_str(text).map_err(fail)?;
            Json::Arr(
                items
                    .iter()
                    .map(|v| tree(v.get()))
                    .collect::<Result<_, _>>()?,
            )
        }
        Some(b'"') => Json::Str(serde_json::from_str(text).map_err(fail)?),
        Some(b't' | b'f') => Json::Bool(serde_json::from_str(text).map_err(fail)?),
        Some(b'n') => Json::Null,
        _ => {
            serde_json::from_str::<Box<RawValue>>(text).map_err(fail)?;
            Json::Num(text.to_owned())
        }
    })
}

/// `value` written back as compact JSON text (numbers as read).
fn render(value: &Json) -> String {
    let items = |parts: Vec<String>| parts.join(",");
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => b.to_string(),
        Json::Num(text) => text.clone(),
        Json::Str(s) => serde_json::to_string(s).expect("a string serializes"),
        Json::Arr(a) => format!("[{}]", items(a.iter().map(render).collect())),
        Json::Obj(o) => format!(
            "{{{}}}",
            items(
                o.iter()
                    .map(|(k, v)| format!("{}:{}", render(&Json::Str(k.clone())), render(v)))
                    .collect()
            )
        ),
    }
}

/// Where `sent` first differs from `input`, as `at <JSON path>: input …, sent …`.
fn difference(input: &Json, sent: &Json) -> String {
    fn walk(path: &mut String, input: &Json, sent: &Json) -> Option<String> {
        match (input, sent) {
            (Json::Arr(a), Json::Arr(b)) if a.len() == b.len() => {
                a.iter().zip(b).enumerate().find_map(|(i, (x, y))| {
                    let depth = path.len();
                    let _ = write!(path, "[{i}]");
                    let found = walk(path, x, y);
                    path.truncate(depth);
                    found
                })
            }
            (Json::Obj(a), Json::Obj(b)) if a.keys().eq(b.keys()) => {
                a.iter().zip(b.values()).find_map(|((k, x), y)| {
                    let depth = path.len();
                    let _ = write!(path, ".{k}");
                    let found = walk(path, x, y);
                    path.truncate(depth);
                    found
                })
            }
            _ if input == sent => None,
            _ => Some(format!(
                "at {}: input {}, sent {}",
                if path.is_empty() { "the top" } else { path },
                render(input),
                render(sent)
            )),
        }
    }
    walk(&mut String::new(), input, sent).unwrap_or_else(|| "no difference".to_owned())
}

// ---------------------------------------------------------------------------------------------
// Coverage: every choice between alternatives is a site, its alternatives taken in turn.
// ---------------------------------------------------------------------------------------------

/// The sites whose name does not depend on where in the schema they are; each must be fully
/// covered by at least one request type (a generator branch no type reaches is a failure too).
const SITES: &[&str] = &[
    NULL,
    ARRAY_LENGTH,
    COLON,
    COMMA,
    BOOLEAN,
    IDENTIFIER,
    TIME_OF_DAY,
    UUID_CASE,
    FRACTION,
    ZONE,
    AT_MAX_LENGTH,
    EMPTY_TEXT,
    INTEGER_VALUE,
    INTEGER_SPELLING,
    NUMBER_VALUE,
    NUMBER_SPELLING,
];
const NULL: &str = "nullable member: value or null (random bodies)";
const ARRAY_LENGTH: &str = "array length 0..=3 (random bodies)";
const COLON: &str = "member colon: `:` or ` : `";
const COMMA: &str = "member separator: `,` or `, `";
const BOOLEAN: &str = "boolean";
const IDENTIFIER: &str = "identifier: first character `_` or a letter";
const TIME_OF_DAY: &str = "time of day: with or without seconds";
const UUID_CASE: &str = "uuid: lower, upper or mixed case";
const FRACTION: &str = "date-time: no fraction, milliseconds or microseconds";
const ZONE: &str = "date-time: `Z`, `+00:00` or another offset";
const AT_MAX_LENGTH: &str = "text with maxLength: short or at the limit";
const EMPTY_TEXT: &str = "text without minLength: empty one time in 100";
const INTEGER_VALUE: &str = "integer: huge, a power of ten or small";
const INTEGER_SPELLING: &str = "integer spelling (7)";
const NUMBER_VALUE: &str = "number: any double, whole degrees or uniform";
const NUMBER_SPELLING: &str = "number spelling (5)";

#[derive(Default)]
struct Coverage {
    /// Site name -> (alternatives, visits so far).
    sites: BTreeMap<String, (usize, usize)>,
}

impl Coverage {
    /// The alternative to take at `site` this time: each of the `choices` in turn.
    fn next(&mut self, site: &str, choices: usize) -> usize {
        if !self.sites.contains_key(site) {
            self.sites.insert(site.to_owned(), (choices, 0));
        }
        let (n, visits) = self.sites.get_mut(site).expect("inserted above");
        *n = (*n).max(choices);
        let choice = *visits % *n;
        *visits += 1;
        choice
    }

    /// Sites visited but with some alternative never taken, as `site: k of n`.
    fn missing(&self) -> Vec<String> {
        self.sites
            .iter()
            .filter(|(_, (n, visits))| visits < n)
            .map(|(site, (n, visits))| format!("{site}: {visits} of {n}"))
            .collect()
    }

    fn covers(&self, site: &str) -> bool {
        self.sites.get(site).is_some_and(|(n, visits)| visits >= n)
    }
}

// ---------------------------------------------------------------------------------------------
// Generation from the schema, written straight as JSON text.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Every optional member, at least one item per array.
    Full,
    /// No optional member, no array item: `{}` wherever the schema allows it.
    Empty,
    /// Each optional member with probability 1/2.
    Random,
}

struct Gen<'c> {
    rng: fastrand::Rng,
    mode: Mode,
    /// The JSON path being written (`.customer_data.spaces[]`), naming the per-node sites.
    path: String,
    coverage: &'c mut Coverage,
}

impl Gen<'_> {
    fn pick(&mut self, site: &str, choices: usize) -> usize {
        self.coverage.next(site, choices)
    }

    fn value(&mut self, schema: &Value, out: &mut String) {
        if schema["nullable"] == true && self.mode == Mode::Random && self.pick(NULL, 5) == 4 {
            out.push_str("null");
            return;
        }
        if let Some(parts) = schema["allOf"].as_array() {
            let mut members = Vec::new();
            for part in parts {
                self.members(part, &mut members);
            }
            self.object(members, out);
            return;
        }
        if let Some(branches) = schema["oneOf"].as_array() {
            let site = format!("oneOf branch at {}", self.path);
            let b = self.pick(&site, branches.len());
            // A branch may be a `oneOf` itself: its site is named by the branch taken here.
            let depth = self.path.len();
            let _ = write!(self.path, "|{b}");
            self.value(&branches[b], out);
            self.path.truncate(depth);
            return;
        }
        match schema["type"].as_str() {
            Some("object") => {
                let mut members = Vec::new();
                self.members(schema, &mut members);
                self.object(members, out);
            }
            Some("array") => {
                let n = match self.mode {
                    Mode::Full => self.rng.usize(1..=2),
                    Mode::Empty => 0,
                    Mode::Random => self.pick(ARRAY_LENGTH, 4),
                };
                out.push('[');
                let depth = self.path.len();
                self.path.push_str("[]");
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    self.value(&schema["items"], out);
                }
                self.path.truncate(depth);
                out.push(']');
            }
            Some("string") => {
                let s = self.string(schema);
                out.push_str(&serde_json::to_string(&s).expect("a string serializes"));
            }
            Some("integer") => {
                let text = self.integer(schema);
                out.push_str(&text);
            }
            Some("number") => {
                let text = self.number();
                out.push_str(&text);
            }
            Some("boolean") => out.push_str(if self.pick(BOOLEAN, 2) == 0 {
                "true"
            } else {
                "false"
            }),
            other => panic!("the generator does not know schema type {other:?}"),
        }
    }

    /// The members of object `schema` this draw includes, each written as `"name":value`.
    fn members(&mut self, schema: &Value, members: &mut Vec<String>) {
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, sub) in schema["properties"].as_object().into_iter().flatten() {
            // `_dev` is staff-only and not modelled by seam-types (refused as an unknown field).
            if sub["x-undocumented"] == true {
                continue;
            }
            let include = required.contains(&name.as_str())
                || match self.mode {
                    Mode::Full => true,
                    Mode::Empty => false,
                    Mode::Random => self.rng.bool(),
                };
            if include {
                members.push(self.member(name, name, sub));
            }
        }
        if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
            let n = match self.mode {
                Mode::Full => 2,
                Mode::Empty => 0,
                Mode::Random => self.rng.usize(0..=3),
            };
            for i in 0..n {
                let name = format!("{}_{i}", self.word());
                members.push(self.member(&name, "*", extra));
            }
        }
    }

    /// `"name":value`; `label` names the member in the path (`*` for any name).
    fn member(&mut self, name: &str, label: &str, schema: &Value) -> String {
        let mut text = serde_json::to_string(name).expect("a name serializes");
        text.push_str(if self.pick(COLON, 4) == 3 { " : " } else { ":" });
        let depth = self.path.len();
        self.path.push('.');
        self.path.push_str(label);
        self.value(schema, &mut text);
        self.path.truncate(depth);
        text
    }

    /// Writes the members in a random order (the order of a JSON object carries no meaning).
    fn object(&mut self, mut members: Vec<String>, out: &mut String) {
        self.rng.shuffle(&mut members);
        out.push('{');
        out.push_str(&members.join(if self.pick(COMMA, 2) == 0 { "," } else { ", " }));
        out.push('}');
    }

    fn word(&mut self) -> String {
        let n = self.rng.usize(1..=8);
        (0..n).map(|_| self.rng.lowercase()).collect()
    }

    fn string(&mut self, schema: &Value) -> String {
        if let Some(allowed) = schema["enum"].as_array() {
            let site = format!("enum value at {}", self.path);
            let i = self.pick(&site, allowed.len());
            return allowed[i].as_str().expect("string enum").to_owned();
        }
        match (schema["pattern"].as_str(), schema["format"].as_str()) {
            (Some(p), _) if p.starts_with("^[a-zA-Z_]") => {
                let first = if self.pick(IDENTIFIER, 2) == 0 {
                    '_'
                } else {
                    self.rng.alphabetic()
                };
                let rest: String = (0..self.rng.usize(0..8))
                    .map(|_| self.rng.alphanumeric())
                    .collect();
                format!("{first}{rest}")
            }
            (Some(_), _) => {
                // The 24-hour time of day pattern.
                let (h, m) = (self.rng.u8(..24), self.rng.u8(..60));
                if self.pick(TIME_OF_DAY, 2) == 0 {
                    format!("{h:02}:{m:02}:{:02}", self.rng.u8(..60))
                } else {
                    format!("{h:02}:{m:02}")
                }
            }
            (None, Some("uuid")) => {
                let hex = format!("{:032x}", self.rng.u128(..));
                let id = format!(
                    "{}-{}-{}-{}-{}",
                    &hex[..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..]
                );
                match self.pick(UUID_CASE, 3) {
                    0 => id,
                    1 => id.to_uppercase(),
                    _ => id
                        .chars()
                        .map(|c| {
                            if self.rng.bool() {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            }
                        })
                        .collect(),
                }
            }
            (None, Some("date-time")) => self.date_time(),
            (None, Some(other)) => panic!("the generator does not know format {other}"),
            (None, None) => {
                let min = schema["minLength"].as_u64().unwrap_or(0) as usize;
                match schema["maxLength"].as_u64() {
                    // At the limit in UTF-16 units, some as surrogate pairs.
                    Some(max) if self.pick(AT_MAX_LENGTH, 4) == 3 => {
                        let pairs = self.rng.usize(..=max as usize / 2);
                        "😀".repeat(pairs) + &"é".repeat(max as usize - 2 * pairs)
                    }
                    _ => self.text(min),
                }
            }
        }
    }

    /// Text of at least `min` characters, mixing ASCII, escapes and non-ASCII.
    fn text(&mut self, min: usize) -> String {
        const PIECES: &[&str] = &[
            "a", "Z", "0", " ", "-", "_", ".", ",", "+", "%", "&", "=", "\"", "\\", "/", "\n",
            "\t", "\u{1}", "é", "ß", "Ω", "中", "😀", "\u{200b}", "key", "ABC",
        ];
        // Empty text (where allowed) one time in a hundred: a DELETE query cannot carry an
        // empty key, so more would leave few delete_data bodies to send.
        let n = if min == 0 && self.pick(EMPTY_TEXT, 100) == 99 {
            0
        } else {
            self.rng.usize(min.max(1)..=min + 10)
        };
        (0..n)
            .map(|_| PIECES[self.rng.usize(..PIECES.len())])
            .collect()
    }

    fn date_time(&mut self) -> String {
        let frac = match self.pick(FRACTION, 3) {
            0 => String::new(),
            1 => format!(".{:03}", self.rng.u16(..1000)),
            _ => format!(".{:06}", self.rng.u32(..1_000_000)),
        };
        let zone = match self.pick(ZONE, 3) {
            0 => "Z".to_owned(),
            1 => "+00:00".to_owned(),
            _ => format!(
                "{}{:02}:{:02}",
                if self.rng.bool() { '+' } else { '-' },
                self.rng.u8(..14),
                [0, 30, 45][self.rng.usize(..3)]
            ),
        };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{frac}{zone}",
            self.rng.u16(2000..2100),
            self.rng.u8(1..=12),
            self.rng.u8(1..=28),
            self.rng.u8(..24),
            self.rng.u8(..60),
            self.rng.u8(..60),
        )
    }

    /// An integer meeting `schema`'s minimum, in one of the spellings JavaScript reads as it.
    fn integer(&mut self, schema: &Value) -> String {
        let floor = match schema["minimum"].as_i64() {
            Some(m) if schema["exclusiveMinimum"] == true => m + 1,
            Some(m) => m,
            None => -1000,
        };
        let value: i64 = match self.pick(INTEGER_VALUE, 3) {
            0 => self.rng.i64(floor.max(1)..=(1 << 53) - 1),
            1 => floor.max(1) * 10i64.pow(self.rng.u32(0..6)),
            _ => self.rng.i64(floor..=floor + 100_000),
        };
        integer_spelling(value, self.pick(INTEGER_SPELLING, 7))
    }

    /// A finite double, in one of several spellings (17 significant digits most often).
    fn number(&mut self) -> String {
        let x: f64 = match self.pick(NUMBER_VALUE, 3) {
            0 => f64::from_bits(self.rng.u64(..)),
            1 => self.rng.i32(-180..=180) as f64,
            _ => (self.rng.f64() * 2.0 - 1.0) * 180.0,
        };
        let x = if x.is_finite() { x } else { 1.5 };
        let sci = format!("{x:.16e}"); // 17 significant digits, like 3.8712345678901234e1
        let short = serde_json::to_string(&x).expect("finite");
        match self.pick(NUMBER_SPELLING, 5) {
            0 => positional(&sci),
            1 => sci,
            2 => sci.replace('e', "E+").replace("E+-", "E-"),
            3 => short,
            _ => trailing_zeros(&short),
        }
    }
}

/// The shortest form `short` with zeros after its last digit (`1.5000`, `1.000e-7`, `2.000e22`):
/// other text, the same double.
fn trailing_zeros(short: &str) -> String {
    let (mantissa, exponent) = match short.split_once('e') {
        Some((m, e)) => (m, format!("e{e}")),
        None => (short, String::new()),
    };
    let point = if mantissa.contains('.') { "" } else { "." };
    format!("{mantissa}{point}000{exponent}")
}

/// `value` spelled as `which` picks: plain, `.0`, `.000`, or with an exponent (`3e1`, `0.3E2`,
/// `300e-1`, `3.0e+1`); all denote exactly `value`.
fn integer_spelling(value: i64, which: usize) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let digits = value.unsigned_abs().to_string();
    let trimmed = digits.trim_end_matches('0');
    let (mantissa, zeros) = if trimmed.is_empty() {
        ("0", 0)
    } else {
        (trimmed, digits.len() - trimmed.len())
    };
    match which {
        0 => format!("{sign}{digits}"),
        1 => format!("{sign}{digits}.0"),
        2 => format!("{sign}{digits}.000"),
        3 => format!("{sign}{mantissa}e{zeros}"),
        4 => format!("{sign}0.{mantissa}E{}", zeros + mantissa.len()),
        5 => format!("{sign}{digits}00e-2"),
        _ => format!(
            "{sign}{}.{}e+{}",
            &mantissa[..1],
            if mantissa.len() > 1 {
                &mantissa[1..]
            } else {
                "0"
            },
            zeros + mantissa.len() - 1
        ),
    }
}

/// `d.ddddde±x` written without an exponent (same digits, so the same double).
fn positional(sci: &str) -> String {
    let (mantissa, exp) = sci.split_once('e').expect("scientific form");
    let exp: i32 = exp.parse().expect("exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let point = 1 + exp; // digits before the decimal point
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!(
            "{sign}{digits}{}",
            "0".repeat(point as usize - digits.len())
        )
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{sign}{int}.{frac}")
    }
}

// ---------------------------------------------------------------------------------------------
// The request types and the steps.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    CreatePortal,
    PushData,
    DeleteData,
    CreateDeepLink,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::CreatePortal,
        Kind::PushData,
        Kind::DeleteData,
        Kind::CreateDeepLink,
    ];

    fn route(self) -> &'static str {
        match self {
            Kind::CreatePortal => "/customers/create_portal",
            Kind::PushData => "/customers/push_data",
            Kind::DeleteData => "/customers/delete_data",
            Kind::CreateDeepLink => "/customers/reservations/create_deep_link",
        }
    }

    /// The `seam customers` subcommand, if the CLI has one.
    fn command(self) -> Option<&'static str> {
        match self {
            Kind::CreatePortal => Some("create-portal"),
            Kind::PushData => Some("push-data"),
            Kind::DeleteData => Some("delete-data"),
            Kind::CreateDeepLink => None,
        }
    }
}

/// A typed request read from a body.
enum Typed {
    CreatePortal(Box<seam_types::CreatePortalRequest>),
    PushData(seam_types::PushDataRequest),
    DeleteData(seam_types::DeleteDataRequest),
    CreateDeepLink(seam_types::CreateDeepLinkRequest),
}

/// Step 1: read, validate, write back. `Ok` holds the typed request and the written bytes.
fn through_types(kind: Kind, body: &str) -> Result<(Typed, Vec<u8>), String> {
    use seam_types::{json, Validate};
    fn run<T: serde::de::DeserializeOwned + Validate + serde::Serialize>(
        body: &str,
    ) -> Result<(T, Vec<u8>), String> {
        let typed: T = json::from_str(body).map_err(|e| format!("read: {e}"))?;
        typed.validate().map_err(|e| format!("validate: {e}"))?;
        let bytes = serde_json::to_vec(&typed).map_err(|e| format!("write: {e}"))?;
        Ok((typed, bytes))
    }
    Ok(match kind {
        Kind::CreatePortal => run(body).map(|(t, b)| (Typed::CreatePortal(Box::new(t)), b))?,
        Kind::PushData => run(body).map(|(t, b)| (Typed::PushData(t), b))?,
        Kind::DeleteData => run(body).map(|(t, b)| (Typed::DeleteData(t), b))?,
        Kind::CreateDeepLink => run(body).map(|(t, b)| (Typed::CreateDeepLink(t), b))?,
    })
}

/// The key lists a delete_data query carries, read the strict way: `name=` alone is an empty
/// list, and `_strict=true` must come last.
fn query_lists(url: &str) -> Result<Json, String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    match pairs.last() {
        Some((k, v)) if k == "_strict" && v == "true" => {}
        None => {}
        _ => return Err(format!("the query does not end in _strict=true: {query}")),
    }
    let mut lists: BTreeMap<String, Vec<Json>> = BTreeMap::new();
    for (k, v) in pairs.iter().filter(|(k, _)| k != "_strict") {
        lists
            .entry(k.clone())
            .or_default()
            .push(Json::Str(v.clone()));
    }
    let names: Vec<&String> = pairs.iter().map(|(k, _)| k).collect();
    if !names.windows(2).all(|w| w[0] <= w[1] || w[1] == "_strict") {
        return Err(format!("query names are not in order: {query}"));
    }
    Ok(Json::Obj(
        lists
            .into_iter()
            .map(|(k, v)| match v.as_slice() {
                [Json::Str(s)] if s.is_empty() => (k, Json::Arr(Vec::new())),
                _ => (k, Json::Arr(v)),
            })
            .collect(),
    ))
}

/// What a dry run shows of a request, compared with the input: the body, or for delete_data the
/// strict query's key lists.
fn shown(kind: Kind, url: &str, body: Option<Json>) -> Result<Json, String> {
    if kind == Kind::DeleteData {
        query_lists(url)
    } else {
        body.ok_or_else(|| "no body".to_owned())
    }
}

/// Step 2: the CLI's reader, the operation's checks, the SDK's request builder and the CLI's
/// pretty printer, in process (what `seam --dry-run` runs, without a process per body).
fn through_cli_library(kind: Kind, body: &str, config: &seam_core::Config) -> Result<Json, String> {
    fn build<T: serde::de::DeserializeOwned, O: Operation>(
        body: &str,
        config: &seam_core::Config,
        op: impl FnOnce(T) -> O,
    ) -> Result<(String, Vec<u8>), String> {
        let request: T =
            seam_cli::body::read_request(body.as_bytes()).map_err(|e| format!("read: {e}"))?;
        let op = op(request);
        op.validate().map_err(|e| format!("validate: {e}"))?;
        let built = seam_core::build(config, &op).map_err(|e| format!("build: {e}"))?;
        Ok((built.uri().to_string(), built.body().to_vec()))
    }
    let (url, bytes) = match kind {
        Kind::CreatePortal => build(body, config, CreatePortal::<CreatePortalRequest>)?,
        Kind::PushData => build(body, config, PushData::<PushDataRequest>)?,
        Kind::DeleteData => build(body, config, DeleteData::<DeleteDataRequest>)?,
        Kind::CreateDeepLink => build(body, config, CreateDeepLink::<CreateDeepLinkRequest>)?,
    };
    let printed = if bytes.is_empty() {
        None
    } else {
        let mut out = Vec::new();
        let mut formatter = serde_json::ser::PrettyFormatter::new();
        seam_cli::pretty::write_pretty(&mut out, &mut formatter, &bytes)
            .map_err(|e| format!("pretty-print: {e}"))?;
        Some(tree(std::str::from_utf8(&out).map_err(|e| e.to_string())?)?)
    };
    shown(kind, &url, printed)
}

/// How the binary gets a body.
#[derive(Clone, Copy)]
enum Source {
    /// `--body -`: read whole from stdin.
    Stdin,
    /// `--body <file>`: a regular file, streamed.
    File,
}

/// The binary: `seam --dry-run customers <command> --body -` (or `--body <file>`).
fn through_cli(kind: Kind, i: usize, body: &str, source: Source) -> Result<Json, String> {
    let command = kind.command().expect("the CLI has this command");
    let run = match source {
        Source::Stdin => {
            seam(["--dry-run", "customers", command, "--body", "-"]).stdin(body.as_bytes().to_vec())
        }
        Source::File => {
            let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("conformance-{command}-{i}.json"));
            std::fs::write(&file, body).expect("the body file is written");
            let file_arg = file.to_str().expect("a UTF-8 temporary path").to_owned();
            seam([
                "--dry-run",
                "customers",
                command,
                "--body",
                file_arg.as_str(),
            ])
        }
    }
    .env("SEAM_API_KEY", TEST_KEY)
    .run();
    if run.code != 0 {
        return Err(format!("exit {}: {}", run.code, run.stderr.trim()));
    }
    let mut printed = match tree(&run.stdout)? {
        Json::Obj(o) => o,
        other => return Err(format!("not an object: {other:?}")),
    };
    let url = match printed.get("url") {
        Some(Json::Str(url)) => url.clone(),
        other => return Err(format!("no url: {other:?}")),
    };
    let body = printed.remove("body").filter(|b| *b != Json::Null);
    shown(kind, &url, body)
}

/// What a refusal in step 3 starts with when the SDK refused the request itself.
const NOT_SENT: &str = "not sent: ";

/// A step 3 error as text, [`NOT_SENT`] first when client-side validation stopped it.
fn why(e: seam_core::Error) -> String {
    if e.kind() == seam_core::ErrorKind::Validation {
        format!("{NOT_SENT}{e}")
    } else {
        e.to_string()
    }
}

/// Step 3: the SDK sends the typed request to the fake over loopback; `Ok` when it is accepted,
/// an error starting with [`NOT_SENT`] when the SDK refused it before sending.
async fn through_fake(seam: &seam_http::Seam, typed: Typed) -> Result<(), String> {
    let customers = seam.customers();
    let result = match typed {
        Typed::CreatePortal(r) => customers.create_portal(*r).send().await.map(drop),
        Typed::PushData(r) => customers.push_data(r).send().await.map(drop),
        Typed::DeleteData(r) => customers.delete_data(r).send().await.map(drop),
        Typed::CreateDeepLink(r) => {
            // The fake links only to a customer it knows: push the customer first (push_data
            // needs a non-empty key; for an empty one the fake answers 404 customer_not_found
            // after accepting the body, which is what is checked here).
            if r.customer_key.is_empty() {
                return match customers.create_deep_link(r).send().await {
                    Err(e) if e.to_string().contains("customer_not_found") => Ok(()),
                    other => other.map(drop).map_err(why),
                };
            }
            let customer = seam_types::PushDataRequest::new(r.customer_key.clone());
            customers
                .push_data(customer)
                .send()
                .await
                .map_err(|e| format!("push_data before the link: {}", why(e)))?;
            customers.create_deep_link(r).send().await.map(drop)
        }
    };
    result.map_err(why)
}

/// Why a conformant body may be refused on its way out, by design; anything else is a failure.
/// Only delete_data, and not by seam-types: an empty key cannot travel in a strict query (`name=`
/// is the empty list), and the CLI refuses a request that deletes nothing.
fn expected_refusal(kind: Kind, reason: &str) -> bool {
    kind == Kind::DeleteData
        && (reason.contains("reads as an empty list") || reason.contains("nothing to delete"))
}

#[derive(Default)]
struct Counts {
    identical: usize,
    changed: usize,
    refused: usize,
}

impl Counts {
    fn show(&self) -> String {
        format!(
            "{} identical, {} changed, {} refused",
            self.identical, self.changed, self.refused
        )
    }
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        Err(_) => default,
    }
}

/// The bodies of one request type, deterministic in `seed`: at least `at_least`, and until every
/// alternative of every site was taken. The coverage comes back with them.
fn bodies(spec: &Value, kind: Kind, seed: u64, at_least: usize) -> (Vec<String>, Coverage) {
    let schema = body_schema(spec, kind.route());
    let mut coverage = Coverage::default();
    let mut rng =
        fastrand::Rng::with_seed(seed ^ (kind as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut out = Vec::new();
    while out.len() < at_least.max(2) || (!coverage.missing().is_empty() && out.len() < MAX_BODIES)
    {
        let mode = match out.len() {
            0 => Mode::Full,
            1 => Mode::Empty,
            _ => Mode::Random,
        };
        let mut g = Gen {
            rng: rng.fork(),
            mode,
            path: String::new(),
            coverage: &mut coverage,
        };
        let mut body = String::new();
        g.value(schema, &mut body);
        out.push(body);
    }
    (out, coverage)
}

/// Step 3 for every typed request, 16 calls at a time.
fn send_all(
    runtime: &tokio::runtime::Runtime,
    client: &seam_http::Seam,
    typed: Vec<(usize, Typed)>,
) -> Vec<(usize, Result<(), String>)> {
    runtime.block_on(async {
        let mut out = Vec::new();
        let mut typed = typed.into_iter();
        loop {
            let mut set = tokio::task::JoinSet::new();
            for (i, request) in typed.by_ref().take(16) {
                let client = client.clone();
                set.spawn(async move { (i, through_fake(&client, request).await) });
            }
            if set.is_empty() {
                break out;
            }
            while let Some(joined) = set.join_next().await {
                out.push(joined.expect("a fake call"));
            }
        }
    })
}

/// The binary on bodies `0..n`, two processes at a time, the even ones on stdin and the odd ones
/// from a file.
fn spawn_all(kind: Kind, bodies: &[String], n: usize) -> Vec<(usize, Result<Json, String>)> {
    let n = n.min(bodies.len());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|w| {
                scope.spawn(move || {
                    (w..n)
                        .step_by(2)
                        .map(|i| {
                            let source = if i % 2 == 0 {
                                Source::Stdin
                            } else {
                                Source::File
                            };
                            (i, through_cli(kind, i, &bodies[i], source))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a CLI worker"))
            .collect()
    })
}

#[test]
fn generated_bodies_go_out_exactly_as_written() {
    let spec = structure();
    let seed = env_number("CONFORMANCE_SEED", DEFAULT_SEED);
    let cases = env_number("PROPTEST_CASES", DEFAULT_CASES);
    let cli_cases = env_number(
        "CONFORMANCE_CLI_CASES",
        (cases / CLI_SHARE).max(MIN_CLI_CASES),
    );
    let replay = format!(
        "replay: CONFORMANCE_SEED={seed} PROPTEST_CASES={cases} CONFORMANCE_CLI_CASES={cli_cases}"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let fake = runtime
        .block_on(seam_fake::FakeSeam::start())
        .expect("the fake starts on loopback");
    let client = seam_http::Seam::builder()
        .api_key(fake.api_key())
        .endpoint(fake.base_url())
        .build()
        .expect("a client for the fake");
    // What `seam --dry-run` builds with: the key from the environment, the default endpoint.
    let config = seam_core::Config::builder()
        .credentials(seam_core::Credentials::api_key(TEST_KEY).expect("a test key"))
        .build()
        .expect("a dry-run configuration");

    let mut failures = Vec::new();
    let mut report = String::new();
    let mut all_sites: Vec<String> = Vec::new();
    for kind in Kind::ALL {
        let (bodies, coverage) = bodies(&spec, kind, seed, cases);
        for missing in coverage.missing() {
            failures.push(format!(
                "{kind:?}: no alternative drawn at {missing} in {MAX_BODIES} bodies ({replay})"
            ));
        }
        all_sites.extend(
            SITES
                .iter()
                .filter(|site| coverage.covers(site))
                .map(|site| (*site).to_owned()),
        );
        let fail = |i: usize, step: &str, what: String| {
            format!(
                "{kind:?} body {i} ({step}; {replay}): {what}\n  body: {}",
                bodies[i]
            )
        };
        let inputs: Vec<Json> = bodies
            .iter()
            .map(|b| tree(b).expect("the generator writes JSON"))
            .collect();

        // Step 1, and the typed requests for step 3.
        let mut types = Counts::default();
        let mut typed = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            match through_types(kind, body) {
                Ok((request, bytes)) => {
                    let back = tree(std::str::from_utf8(&bytes).expect("UTF-8")).expect("JSON");
                    if back == inputs[i] {
                        types.identical += 1;
                    } else {
                        types.changed += 1;
                        failures.push(fail(i, "seam-types", difference(&inputs[i], &back)));
                    }
                    typed.push((i, request));
                }
                Err(e) => {
                    types.refused += 1;
                    failures.push(fail(i, "seam-types", e));
                }
            }
        }

        // Step 2 in process, every body; then the binary on the first few.
        let mut library = Counts::default();
        let mut binary = Counts::default();
        if kind.command().is_some() {
            let mut printed = Vec::new();
            for (i, body) in bodies.iter().enumerate() {
                let outcome = through_cli_library(kind, body, &config);
                match &outcome {
                    Ok(shown) if *shown == inputs[i] => library.identical += 1,
                    Ok(shown) => {
                        library.changed += 1;
                        failures.push(fail(
                            i,
                            "CLI reader + SDK build",
                            difference(&inputs[i], shown),
                        ));
                    }
                    Err(e) => {
                        library.refused += 1;
                        if !expected_refusal(kind, e) {
                            failures.push(fail(i, "CLI reader + SDK build", e.clone()));
                        }
                    }
                }
                printed.push(outcome);
            }
            for (i, outcome) in spawn_all(kind, &bodies, cli_cases) {
                match outcome {
                    Ok(shown) => {
                        if shown == inputs[i] {
                            binary.identical += 1;
                        } else {
                            binary.changed += 1;
                            failures.push(fail(
                                i,
                                "seam --dry-run",
                                difference(&inputs[i], &shown),
                            ));
                        }
                        match &printed[i] {
                            Ok(step2) if *step2 == shown => {}
                            Ok(step2) => failures.push(fail(
                                i,
                                "seam --dry-run",
                                format!("differs from step 2 {}", difference(step2, &shown)),
                            )),
                            Err(e) => failures.push(fail(
                                i,
                                "seam --dry-run",
                                format!("accepted what step 2 refused ({e})"),
                            )),
                        }
                    }
                    Err(e) => {
                        binary.refused += 1;
                        // The CLI alone refuses a delete naming no list (step 2 builds it).
                        let cli_only = kind == Kind::DeleteData && e.contains("nothing to delete");
                        if !expected_refusal(kind, &e) {
                            failures.push(fail(i, "seam --dry-run", e));
                        } else if printed[i].is_ok() && !cli_only {
                            failures.push(fail(
                                i,
                                "seam --dry-run",
                                format!("refused ({e}) what step 2 accepted"),
                            ));
                        }
                    }
                }
            }
        }

        // Step 3.
        let (mut accepted, mut refused, mut not_sent) = (0, 0, 0);
        for (i, outcome) in send_all(&runtime, &client, typed) {
            match outcome {
                Ok(()) => accepted += 1,
                Err(e) => {
                    if e.starts_with(NOT_SENT) {
                        not_sent += 1;
                    } else {
                        refused += 1;
                    }
                    if !expected_refusal(kind, &e) {
                        failures.push(fail(i, "fake", e));
                    }
                }
            }
        }
        let cli = if kind.command().is_some() {
            format!(
                "CLI reader + SDK build: {}\n  seam --dry-run ({} bodies): {}",
                library.show(),
                cli_cases.min(bodies.len()),
                binary.show()
            )
        } else {
            "CLI: no command\n  seam --dry-run: no command".to_owned()
        };
        let _ = writeln!(
            report,
            "{kind:?} ({} bodies, {} sites covered)\n  seam-types: {}\n  {cli}\n  fake: {accepted} accepted, {refused} refused; {not_sent} not sent (refused by the SDK)",
            bodies.len(),
            coverage.sites.len(),
            types.show(),
        );
    }
    for site in SITES {
        if !all_sites.iter().any(|s| s == site) {
            failures.push(format!(
                "no request type took every alternative at: {site} ({replay})"
            ));
        }
    }
    println!("conformance, seed {seed}, at least {cases} bodies per type:\n{report}");
    runtime.block_on(fake.shutdown());
    assert!(
        failures.is_empty(),
        "{} failures (first 5 below; {replay}):\n{}\n{report}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
