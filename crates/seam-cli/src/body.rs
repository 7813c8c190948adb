//! Reading a `--body`: the bytes of a file or stdin (capped), checked for JSON syntax and duplicate
//! keys, then read straight into the typed request with the JSON path of the first problem.
//!
//! The whole reader is [`read_request`] (bytes to typed request); [`read_source`] fetches the
//! bytes. Neither prints or exits, so both can be fuzzed and tested in-process.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess};

/// How many bytes `--body` (file or stdin) may hold unless `--max-body-bytes` says otherwise: 64 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// Up to this many keys an object's keys are compared by a linear scan; above it, by a hash set.
const LINEAR_KEYS: usize = 16;

/// Why a body could not be read into a request. Every variant says where (the file, the JSON path).
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The source holds more than the cap allows.
    TooLarge {
        /// `from stdin`, or ``file `NAME` ``.
        source: String,
        /// The cap in bytes.
        cap: u64,
    },
    /// The file could not be opened or read.
    Io {
        /// `from stdin`, or ``file `NAME` ``.
        source: String,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// Not JSON at all; the message has serde_json's line and column in the body.
    Syntax(String),
    /// Valid JSON, but not an object (`"an array"`, `"a string"`, ...).
    NotObject(&'static str),
    /// An object names the same key twice; the JSON path of the second occurrence.
    DuplicateKey(String),
    /// The JSON does not fit the request type: the JSON path of the first problem and what is wrong.
    Invalid {
        /// Like `customer_data.spaces[0].name`.
        path: String,
        /// Like `required, but missing` or ``unknown field `nmae`, expected ...``.
        message: String,
    },
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { source, cap } => write!(
                f,
                "--body {source} is larger than the cap of {cap} bytes; raise it with --max-body-bytes"
            ),
            Self::Io { source, error } => write!(f, "could not read --body {source}: {error}"),
            Self::Syntax(message) => write!(f, "--body is not valid JSON: {message}"),
            Self::NotObject(found) => write!(f, "--body must be a JSON object, found {found}"),
            Self::DuplicateKey(path) => write!(f, "--body names a key twice: {path}"),
            Self::Invalid { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for BodyError {}

/// Reads `source` (a file path, or `-` for stdin) to its end, refusing more than `cap` bytes.
///
/// A regular file larger than the cap is refused before any byte is read; stdin, pipes and devices
/// are read up to `cap + 1` bytes at most, so `--body /dev/zero` ends with [`BodyError::TooLarge`].
pub fn read_source(source: &Path, cap: u64) -> Result<Vec<u8>, BodyError> {
    if source.as_os_str() == "-" {
        let name = || "from stdin".to_owned();
        return read_capped(std::io::stdin().lock(), 0, cap, name);
    }
    let name = || format!("file `{}`", source.display());
    let io = |error| BodyError::Io {
        source: name(),
        error,
    };
    let file = std::fs::File::open(source).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_file() && metadata.len() > cap {
        return Err(BodyError::TooLarge {
            source: name(),
            cap,
        });
    }
    let hint = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    read_capped(file, hint, cap, name)
}

fn read_capped(
    reader: impl Read,
    size_hint: u64,
    cap: u64,
    name: impl Fn() -> String,
) -> Result<Vec<u8>, BodyError> {
    let capacity = usize::try_from(size_hint.min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| BodyError::Io {
            source: name(),
            error,
        })?;
    if bytes.len() as u64 > cap {
        return Err(BodyError::TooLarge {
            source: name(),
            cap,
        });
    }
    Ok(bytes)
}

/// Reads body bytes into the typed request `T`: the JSON must be one object, name no key twice at
/// any depth, and fit `T` (unknown fields and wrong types are refused).
///
/// One pass checks syntax and duplicate keys without building anything; a second deserializes
/// straight into `T`. Only when that fails does a third pass (with path tracking) find the JSON path
/// of the problem, so a good body is read at serde's full speed.
///
/// ```
/// use seam_cli::body::{read_request, BodyError};
/// use seam_types::PushDataRequest;
///
/// let ok: PushDataRequest = read_request(br#"{"customer_key": "acme"}"#).unwrap();
/// assert_eq!(ok.customer_key, "acme");
/// let twice = read_request::<PushDataRequest>(br#"{"customer_key": "a", "spaces": [{"space_key": "s", "space_key": "t"}]}"#);
/// assert!(matches!(twice, Err(BodyError::DuplicateKey(path)) if path == "spaces[0].space_key"));
/// ```
pub fn read_request<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, BodyError> {
    check_json_object(bytes)?;
    match serde_json::from_slice::<T>(bytes) {
        Ok(value) => Ok(value),
        Err(fast) => Err(locate(&fast, seam_types::json::from_slice::<T>(bytes))),
    }
}

/// Reads the request `T` named by `--body` (`source`: a file, or `-` for stdin), at most `cap` bytes,
/// with the same checks as [`read_request`].
///
/// A regular file is streamed, never held whole: one pass checks syntax and duplicate keys, a second
/// reads `T` (and only on failure a third finds the JSON path), so at any time memory holds the
/// typed request plus small buffers. Stdin, pipes and devices cannot be read twice, so they are
/// read into memory (capped) and handed to [`read_request`].
pub fn read_request_from<T: DeserializeOwned>(source: &Path, cap: u64) -> Result<T, BodyError> {
    let name = || format!("file `{}`", source.display());
    let regular = source.as_os_str() != "-" && std::fs::metadata(source).is_ok_and(|m| m.is_file());
    if !regular {
        // stdin, a pipe, a device: readable once only, so read (capped) into memory.
        return read_request(&read_source(source, cap)?);
    }
    let open = || {
        let file = std::fs::File::open(source).map_err(|error| BodyError::Io {
            source: name(),
            error,
        })?;
        let metadata = file.metadata().map_err(|error| BodyError::Io {
            source: name(),
            error,
        })?;
        if metadata.is_file() && metadata.len() > cap {
            return Err(BodyError::TooLarge {
                source: name(),
                cap,
            });
        }
        Ok(file)
    };
    let over = std::cell::Cell::new(false);
    let capped =
        |file| std::io::BufReader::with_capacity(READ_BUFFER, Capped::new(file, cap, &over));
    let io_or = |e: serde_json::Error, other: fn(serde_json::Error) -> BodyError| {
        if over.get() {
            BodyError::TooLarge {
                source: name(),
                cap,
            }
        } else if e.is_io() {
            BodyError::Io {
                source: name(),
                error: std::io::Error::other(e.to_string()),
            }
        } else {
            other(e)
        }
    };

    // Pass 1: syntax, one object, no duplicate key.
    let mut state = Walk::default();
    let mut de = serde_json::Deserializer::from_reader(capped(open()?));
    let walked = Node(&mut state)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Some(path) = state.duplicate {
        return Err(BodyError::DuplicateKey(path));
    }
    walked.map_err(|e| io_or(e, |e| BodyError::Syntax(e.to_string())))?;
    match state.top {
        Some("an object") => {}
        Some(found) => return Err(BodyError::NotObject(found)),
        None => return Err(BodyError::Syntax("empty document".to_owned())),
    }

    // Pass 2: straight into T, no path tracking.
    let mut de = serde_json::Deserializer::from_reader(capped(open()?));
    let fast = T::deserialize(&mut de).and_then(|value| de.end().map(|()| value));
    let fast = match fast {
        Ok(value) => return Ok(value),
        Err(e) if over.get() || e.is_io() => {
            return Err(io_or(e, |e| BodyError::Syntax(e.to_string())))
        }
        Err(e) => e,
    };

    // Pass 3, only after a failure: again with path tracking, to say where.
    let mut de = serde_json::Deserializer::from_reader(capped(open()?));
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => Err(invalid(".", &fast.to_string())),
        Err(e) => {
            let path = e.path().to_string();
            Err(invalid(&path, &e.into_inner().to_string()))
        }
    }
}

/// Bytes read from a file at a time while streaming it.
const READ_BUFFER: usize = 64 * 1024;

/// A reader that fails, and says so in `over`, once more than `left` bytes would be read.
struct Capped<'a, R> {
    inner: R,
    left: u64,
    over: &'a std::cell::Cell<bool>,
}

impl<'a, R: Read> Capped<'a, R> {
    fn new(inner: R, cap: u64, over: &'a std::cell::Cell<bool>) -> Self {
        Self {
            inner,
            left: cap,
            over,
        }
    }
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.over.set(true);
                    Err(std::io::Error::other("larger than the --body cap"))
                }
            };
        }
        let room = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..room])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The JSON path of a failed typed read, from the tracking pass (`tracked`); the untracked error
/// `fast` is kept in the unexpected case that the tracking pass succeeds.
fn locate<T>(
    fast: &serde_json::Error,
    tracked: Result<T, seam_types::json::JsonError>,
) -> BodyError {
    match tracked {
        Err(e) => invalid(e.path(), e.message()),
        Ok(_) => invalid(".", &fast.to_string()),
    }
}

/// serde reports a missing field at the object that lacks it (`spaces[0]: missing field `name``);
/// the user looks for the field itself, so name its path: `spaces[0].name: required, but missing`.
fn invalid(path: &str, message: &str) -> BodyError {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split_once('`'))
        .map(|(field, _)| field);
    let (path, message) = match missing {
        Some(field) if path == "." || path.is_empty() => {
            (field.to_owned(), "required, but missing".to_owned())
        }
        Some(field) => (
            format!("{path}.{field}"),
            "required, but missing".to_owned(),
        ),
        None => (path.to_owned(), message.to_owned()),
    };
    BodyError::Invalid { path, message }
}

/// Checks that `bytes` is one JSON object with no key named twice in any object, at any depth.
///
/// Allocates only for the keys of the object being read (borrowed from `bytes` unless escaped), so
/// it costs a fraction of a typed read. serde_json's recursion limit bounds the depth.
pub fn check_json_object(bytes: &[u8]) -> Result<(), BodyError> {
    let mut state = Walk::default();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let walked = Node(&mut state)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Some(path) = state.duplicate {
        return Err(BodyError::DuplicateKey(path));
    }
    walked.map_err(|e| BodyError::Syntax(e.to_string()))?;
    match state.top {
        Some("an object") => Ok(()),
        Some(found) => Err(BodyError::NotObject(found)),
        None => Err(BodyError::Syntax("empty document".to_owned())),
    }
}

/// One step of a JSON path: an object key or an array index.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

#[derive(Default)]
struct Walk<'de> {
    /// The path to the value being read.
    path: Vec<Step<'de>>,
    /// What the document itself is (`an object`, `an array`, ...), set by the first value seen.
    top: Option<&'static str>,
    /// The path of the first duplicate key, once found.
    duplicate: Option<String>,
}

impl Walk<'_> {
    fn saw(&mut self, kind: &'static str) {
        if self.path.is_empty() && self.top.is_none() {
            self.top = Some(kind);
        }
    }

    fn path_to(&self, key: &str) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
        out
    }
}

/// Any JSON value, walked for duplicate keys.
struct Node<'a, 'de>(&'a mut Walk<'de>);

impl<'de> DeserializeSeed<'de> for Node<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Node<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.0.saw("a boolean");
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.0.saw("a number");
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.0.saw("a number");
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.0.saw("a number");
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.0.saw("a string");
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.saw("null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.saw("an array");
        let mut index = 0;
        loop {
            self.0.path.push(Step::Index(index));
            let more = seq.next_element_seed(Node(self.0))?.is_some();
            self.0.path.pop();
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.saw("an object");
        let mut keys = Keys::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if !keys.insert(&key) {
                self.0.duplicate = Some(self.0.path_to(&key));
                return Err(de::Error::custom("duplicate key"));
            }
            self.0.path.push(Step::Key(key));
            map.next_value_seed(Node(self.0))?;
            self.0.path.pop();
        }
        Ok(())
    }
}

/// The keys of one object seen so far.
#[derive(Default)]
struct Keys<'de> {
    few: Vec<Cow<'de, str>>,
    many: HashSet<Cow<'de, str>>,
}

impl<'de> Keys<'de> {
    /// Adds `key`; `false` when it was already there.
    #[allow(clippy::ptr_arg)] // the Cow is cloned in: borrowed keys stay borrowed
    fn insert(&mut self, key: &Cow<'de, str>) -> bool {
        if self.many.is_empty() {
            if self.few.iter().any(|k| k == key) {
                return false;
            }
            self.few.push(key.clone());
            if self.few.len() > LINEAR_KEYS {
                self.many.extend(self.few.drain(..));
            }
            true
        } else {
            self.many.insert(key.clone())
        }
    }
}

/// An object key: borrowed from the input unless it has escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> de::Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seam_types::{CreatePortalRequest, PushDataRequest};

    fn duplicate(json: &str) -> Option<String> {
        match check_json_object(json.as_bytes()) {
            Err(BodyError::DuplicateKey(path)) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn duplicate_keys_are_found_at_any_depth_with_their_path() {
        assert_eq!(duplicate(r#"{"a":1,"a":2}"#).as_deref(), Some("a"));
        assert_eq!(
            duplicate(r#"{"x":[{"k":1},{"k":1,"j":2,"k":3}]}"#).as_deref(),
            Some("x[1].k")
        );
        // An escaped spelling of the same key is the same key.
        assert_eq!(
            duplicate(r#"{"o":{"m":{"ab":1,"a\u0062":2}}}"#).as_deref(),
            Some("o.m.ab")
        );
        // Many keys: the hash-set path.
        let mut many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        many.push("\"k7\":0".into());
        let json = format!("{{\"big\":{{{}}}}}", many.join(","));
        assert_eq!(duplicate(&json).as_deref(), Some("big.k7"));
        // The same key in sibling objects is fine.
        assert!(check_json_object(br#"{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}"#).is_ok());
    }

    #[test]
    fn only_a_json_object_is_a_body() {
        assert!(matches!(
            check_json_object(b"[1]"),
            Err(BodyError::NotObject("an array"))
        ));
        assert!(matches!(
            check_json_object(b" \"s\" "),
            Err(BodyError::NotObject("a string"))
        ));
        for bad in ["", "{", "{nope", "{} {}", "{\"a\":1,}"] {
            let err = check_json_object(bad.as_bytes()).unwrap_err();
            assert!(
                err.to_string().starts_with("--body is not valid JSON"),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
        let err = check_json_object(deep.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("recursion limit"), "{err}");
    }

    #[test]
    fn type_errors_name_the_path() {
        let err = read_request::<PushDataRequest>(
            br#"{"customer_key":"a","spaces":[{"space_key":"x"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "spaces[0].name: required, but missing");
        let err = read_request::<PushDataRequest>(br#"{"spaces": []}"#).unwrap_err();
        assert_eq!(err.to_string(), "customer_key: required, but missing");
        let err = read_request::<CreatePortalRequest>(br#"{"is_embedded": "yes"}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("is_embedded: invalid type: string"),
            "{err}"
        );
    }

    #[test]
    fn a_file_streams_through_the_same_checks() {
        let dir = std::env::temp_dir();
        let write = |name: &str, text: &str| {
            let path = dir.join(format!("seam-cli-body-{}-{name}", std::process::id()));
            std::fs::write(&path, text).unwrap();
            path
        };
        let ok = write(
            "ok.json",
            r#"{"customer_key": "a", "spaces": [{"space_key": "s", "name": "S"}]}"#,
        );
        let request: PushDataRequest = read_request_from(&ok, 1_000).unwrap();
        assert_eq!(request.customer_key, "a");
        let cases = [
            (
                "dup.json",
                r#"{"customer_key": "a", "customer_key": "b"}"#,
                "names a key twice: customer_key",
            ),
            (
                "bad.json",
                r#"{"customer_key": "a", "spaces": [{"space_key": "s"}]}"#,
                "spaces[0].name: required, but missing",
            ),
            ("syntax.json", r#"{"customer_key": "#, "not valid JSON"),
            ("array.json", "[]", "found an array"),
        ];
        for (name, text, expected) in cases {
            let path = write(name, text);
            let err = read_request_from::<PushDataRequest>(&path, 1_000).unwrap_err();
            assert!(err.to_string().contains(expected), "{name}: {err}");
            let _ = std::fs::remove_file(path);
        }
        let err = read_request_from::<PushDataRequest>(&ok, 10).unwrap_err();
        assert!(matches!(err, BodyError::TooLarge { .. }), "{err}");
        let err = read_request_from::<PushDataRequest>(Path::new("/dev/zero"), 1_000).unwrap_err();
        assert!(matches!(err, BodyError::TooLarge { .. }), "{err}");
        let _ = std::fs::remove_file(ok);
    }

    #[test]
    fn the_cap_holds_for_streams() {
        let err = read_capped(&[b'x'; 11][..], 0, 10, || "stdin".into()).unwrap_err();
        assert!(matches!(err, BodyError::TooLarge { cap: 10, .. }), "{err}");
        assert!(err.to_string().contains("--max-body-bytes"));
        assert_eq!(
            read_capped(&[b'x'; 10][..], 0, 10, || "stdin".into())
                .unwrap()
                .len(),
            10
        );
    }
}
