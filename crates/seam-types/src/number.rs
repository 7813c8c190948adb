//! JSON numbers that go back on the wire exactly as they were written: [`Number`] (the contract's
//! `number`) and [`Integer`] (its `integer`, read the way the server's JavaScript reads it).
//!
//! A number read from JSON keeps its source text when that text differs from how its value would be
//! written (`30.0`, `3e1`, `1.0000000000000001`, `22.332927413441766` where a shorter form exists),
//! and writes that text back; otherwise it is stored as its value alone. The value is the nearest
//! double to the text, as JavaScript's `JSON.parse` computes it (correctly rounded), so what the
//! server reads is the same whether it receives the text or the value.

use std::fmt;

use serde::de::{self, Unexpected};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// The largest integer the server's JavaScript numbers hold exactly: 2^53 − 1
/// (`Number.MAX_SAFE_INTEGER`). Integers beyond ±this are refused.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A JSON number of the contract's `number` type (latitude, longitude).
///
/// Built from an `f64`, it is written in the shortest form that reads back as the same double.
/// Read from JSON, it is written back exactly as it was read.
///
/// ```
/// use seam_types::Number;
///
/// let n: Number = serde_json::from_str("22.3329274134417660").unwrap();
/// assert_eq!(n.value(), 22.332927413441766);
/// assert_eq!(serde_json::to_string(&n).unwrap(), "22.3329274134417660");
/// assert_eq!(serde_json::to_string(&Number::from(-9.1393)).unwrap(), "-9.1393");
/// ```
#[derive(Clone)]
pub struct Number {
    value: f64,
    /// The source text, kept only when it differs from how `value` is written.
    raw: Option<Box<RawValue>>,
}

/// A JSON number of the contract's `integer` type (a space's `duration_minutes`).
///
/// The server reads a JSON number as a JavaScript double and accepts it as an integer when that
/// double is one (`Number.isInteger`): `30`, `30.0`, `3e1` and `0.3e2` are all the integer 30.
/// `Integer` accepts the same spellings and writes back the text the caller wrote (so the server
/// reads exactly what it would have read without the SDK); built from a Rust integer, it is written
/// in plain decimal. Values beyond ±(2^53 − 1) ([`MAX_SAFE_INTEGER`]) are refused when read, and
/// reported by `validate()` when built, since the server cannot hold them exactly.
///
/// ```
/// use seam_types::Integer;
///
/// for text in ["30", "30.0", "3e1", "0.3E2"] {
///     let n: Integer = serde_json::from_str(text).unwrap();
///     assert_eq!(n.value(), 30);
///     assert_eq!(serde_json::to_string(&n).unwrap(), text);
/// }
/// assert!(serde_json::from_str::<Integer>("30.5").is_err());
/// assert!(serde_json::from_str::<Integer>("9007199254740992").is_err());
/// assert_eq!(serde_json::to_string(&Integer::from(90)).unwrap(), "90");
/// ```
#[derive(Clone)]
pub struct Integer {
    value: i64,
    /// The source text, kept only when it differs from the plain decimal form of `value`.
    raw: Option<Box<RawValue>>,
}

impl Number {
    /// The value, as the server reads it.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The text it was read from, when that differs from how [`value`](Self::value) is written.
    pub fn source_text(&self) -> Option<&str> {
        self.raw.as_deref().map(RawValue::get)
    }
}

impl Integer {
    /// The value, as the server reads it.
    pub fn value(&self) -> i64 {
        self.value
    }

    /// The text it was read from, when that differs from the plain decimal form of the value
    /// (`30.0`, `3e1`).
    pub fn source_text(&self) -> Option<&str> {
        self.raw.as_deref().map(RawValue::get)
    }

    /// Whether the value is within ±(2^53 − 1), the integers the server holds exactly.
    pub fn is_safe(&self) -> bool {
        self.value.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs()
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Self { value, raw: None }
    }
}

impl From<Number> for f64 {
    fn from(n: Number) -> Self {
        n.value
    }
}

macro_rules! integer_from {
    ($($t:ty),*) => {
        $(
            impl From<$t> for Integer {
                fn from(value: $t) -> Self {
                    Self { value: i64::from(value), raw: None }
                }
            }
        )*
    };
}

integer_from!(i8, i16, i32, i64, u8, u16, u32);

impl From<Integer> for i64 {
    fn from(n: Integer) -> Self {
        n.value
    }
}

/// Equal when the values are equal and both are written the same way.
impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.source_text() == other.source_text()
    }
}

/// Equal when the values are equal and both are written the same way.
impl PartialEq for Integer {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.source_text() == other.source_text()
    }
}

impl Eq for Integer {}

/// `Number(38.7)`, or with the text it was read from: `Number(38.7 as "38.7000")`.
impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source_text() {
            Some(text) => write!(f, "Number({:?} as {text:?})", self.value),
            None => write!(f, "Number({:?})", self.value),
        }
    }
}

/// `Integer(30)`, or with the text it was read from: `Integer(30 as "3e1")`.
impl fmt::Debug for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source_text() {
            Some(text) => write!(f, "Integer({} as {text:?})", self.value),
            None => write!(f, "Integer({})", self.value),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source_text() {
            Some(text) => f.write_str(text),
            None => write!(f, "{}", self.value),
        }
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source_text() {
            Some(text) => f.write_str(text),
            None => write!(f, "{}", self.value),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.raw {
            Some(raw) => raw.serialize(serializer),
            None => serializer.serialize_f64(self.value),
        }
    }
}

impl Serialize for Integer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.raw {
            Some(raw) => raw.serialize(serializer),
            None => serializer.serialize_i64(self.value),
        }
    }
}

/// The source text of one JSON value, refused with serde's usual "invalid type" message unless it
/// is a number; returns the text and the double it denotes.
fn read_number<'de, D: Deserializer<'de>>(
    deserializer: D,
    expected: &'static str,
) -> Result<(Box<RawValue>, f64), D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    let text = raw.get();
    let unexpected = match text.as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => None,
        Some(b'"') => Some(match serde_json::from_str::<String>(text) {
            Ok(s) => return Err(de::Error::invalid_type(Unexpected::Str(&s), &expected)),
            Err(_) => Unexpected::Other("a string"),
        }),
        Some(b't') => Some(Unexpected::Bool(true)),
        Some(b'f') => Some(Unexpected::Bool(false)),
        Some(b'n') => Some(Unexpected::Unit),
        Some(b'[') => Some(Unexpected::Seq),
        Some(b'{') => Some(Unexpected::Map),
        _ => Some(Unexpected::Other("a value")),
    };
    if let Some(unexpected) = unexpected {
        return Err(de::Error::invalid_type(unexpected, &expected));
    }
    // JSON's number grammar is a subset of what `f64::from_str` reads, and both round correctly,
    // as JavaScript's `JSON.parse` does.
    let value: f64 = text
        .parse()
        .map_err(|_| de::Error::invalid_value(Unexpected::Other(text), &expected))?;
    if !value.is_finite() {
        return Err(de::Error::custom(format_args!(
            "{text} is too large for a JSON number the server can read (it would be infinite)"
        )));
    }
    Ok((raw, value))
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (raw, value) = read_number(deserializer, "a number")?;
        Ok(Self {
            value,
            raw: (!written_as(raw.get(), value)).then_some(raw),
        })
    }
}

impl<'de> Deserialize<'de> for Integer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (raw, double) = read_number(deserializer, "an integer")?;
        let text = raw.get();
        if double.fract() != 0.0 {
            return Err(de::Error::invalid_value(
                Unexpected::Other(&format!("the number {text}")),
                &"an integer",
            ));
        }
        // 2^53 − 1 is exactly representable, so this comparison is exact.
        if double.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(de::Error::custom(format_args!(
                "{text} is outside ±(2^53 − 1) = ±{MAX_SAFE_INTEGER}, the integers the server can hold exactly"
            )));
        }
        let value = double as i64;
        Ok(Self {
            value,
            raw: (!written_as(text, value)).then_some(raw),
        })
    }
}

/// Whether serde_json writes `value` as exactly `text` (for a double: the shortest form that reads
/// back as it, with `.0` on integral values; for an integer: plain decimal). Written into a stack
/// buffer: both forms are at most 24 bytes.
fn written_as<T: Serialize>(text: &str, value: T) -> bool {
    let mut buffer = [0u8; 32];
    let mut rest = &mut buffer[..];
    if serde_json::to_writer(&mut rest, &value).is_err() {
        return false;
    }
    let written = 32 - rest.len();
    buffer[..written] == *text.as_bytes()
}
