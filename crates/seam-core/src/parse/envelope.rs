//! Reading Seam's error envelope in one streaming pass, within fixed bounds: the validation tree
//! goes straight into a [`Collector`] (no tree, no per-message copy of its path), and `data` is kept
//! only up to [`MAX_DATA_BYTES`].

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::violations::{
    Collector, Origin, ValidationErrors, MAX_DEPTH, MAX_PATH_BYTES, MAX_PER_PATH,
};

/// Largest `data` object kept, in bytes of JSON; a larger one is left out (the body still has it).
pub const MAX_DATA_BYTES: usize = 64 * 1024;

/// Visitor methods taking any number, boolean or null and answering `$value`: the tree is read
/// leniently, and a value of an unexpected kind is skipped.
macro_rules! skip_scalars {
    ($ty:ty, $value:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$ty, E> {
            Ok($value)
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$ty, E> {
            Ok($value)
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$ty, E> {
            Ok($value)
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$ty, E> {
            Ok($value)
        }

        fn visit_unit<E: de::Error>(self) -> Result<$ty, E> {
            Ok($value)
        }
    };
}

/// The parts of `{"error": {"type", "message", "data"?, "validation_errors"?}}` the SDK keeps.
pub(crate) struct Envelope {
    pub(crate) error_type: String,
    pub(crate) message: String,
    pub(crate) data: Option<serde_json::Value>,
    pub(crate) validation: Option<ValidationErrors>,
}

/// Reads `body` as Seam's error envelope; unknown members are skipped, a repeated one is read
/// once (the first). `type` and `message` are required strings.
pub(crate) fn read(body: &[u8]) -> Result<Envelope, serde_json::Error> {
    let mut json = serde_json::Deserializer::from_slice(body);
    let envelope = Top.deserialize(&mut json)?;
    json.end()?;
    Ok(envelope)
}

/// Seed for the whole document.
struct Top;

impl<'de> DeserializeSeed<'de> for Top {
    type Value = Envelope;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Envelope, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with an `error` member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut error = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == "error" && error.is_none() {
                error = Some(map.next_value_seed(Body)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        error.ok_or_else(|| de::Error::missing_field("error"))
    }
}

/// Seed for the `error` object.
struct Body;

impl<'de> DeserializeSeed<'de> for Body {
    type Value = Envelope;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Envelope, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Body {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with `type` and `message`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut error_type = None;
        let mut message = None;
        let mut data = None;
        let mut validation: Option<Collector> = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "type" if error_type.is_none() => error_type = Some(map.next_value::<String>()?),
                "message" if message.is_none() => message = Some(map.next_value::<String>()?),
                "data" if data.is_none() => {
                    // Measured as raw text first: only a small one is built as a value.
                    let raw = map.next_value::<&'de RawValue>()?.get();
                    data = Some(if raw.len() <= MAX_DATA_BYTES {
                        serde_json::from_str(raw).ok()
                    } else {
                        None
                    });
                }
                "validation_errors" if validation.is_none() => {
                    let mut collector = Collector::new(Origin::Server);
                    let mut path = String::new();
                    map.next_value_seed(Node {
                        collector: &mut collector,
                        path: &mut path,
                        depth: 0,
                        cut: false,
                    })?;
                    validation = Some(collector);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Envelope {
            error_type: error_type.ok_or_else(|| de::Error::missing_field("type"))?,
            message: message.ok_or_else(|| de::Error::missing_field("message"))?,
            data: data.flatten(),
            validation: validation.and_then(Collector::finish_nonempty),
        })
    }
}

/// An object key, borrowed from the body when it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(v.into()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(v.to_owned().into()))
    }
}

/// Seed for one node of the validation tree, `{"_errors": [..], "<member or index>": {..}, ..}`,
/// whose path is `path`. Lenient: a node or message of another shape is skipped.
struct Node<'c> {
    collector: &'c mut Collector,
    path: &'c mut String,
    depth: usize,
    /// `path` was cut at [`MAX_PATH_BYTES`] (it ends with `…`): deeper segments add nothing.
    cut: bool,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a validation error tree")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut child_cut = self.cut;
        while let Some(key) = map.next_key_seed(Segment {
            path: self.path,
            frozen: self.cut,
            cut: &mut child_cut,
        })? {
            match key {
                Segment::ERRORS => map.next_value_seed(Messages {
                    collector: self.collector,
                    path: self.path,
                })?,
                restore if self.depth + 1 >= MAX_DEPTH => {
                    self.path.truncate(restore);
                    let n = map.next_value_seed(CountMessages { is_errors: false })?;
                    self.collector.omitted(n);
                }
                restore => {
                    map.next_value_seed(Node {
                        collector: self.collector,
                        path: self.path,
                        depth: self.depth + 1,
                        cut: child_cut,
                    })?;
                    self.path.truncate(restore);
                }
            }
            child_cut = self.cut;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    skip_scalars!((), ());
}

/// Seed for a key of the tree: `_errors` is reported as [`Segment::ERRORS`]; any other key is
/// appended to `path` (`a.b`, `a[3]` for an all-digit key; nothing once `frozen`) and the length to
/// restore afterwards is returned. A path that would pass [`MAX_PATH_BYTES`] is cut, ends with `…`,
/// and `cut` is set.
struct Segment<'c> {
    path: &'c mut String,
    frozen: bool,
    cut: &'c mut bool,
}

impl Segment<'_> {
    const ERRORS: usize = usize::MAX;
}

impl<'de> DeserializeSeed<'de> for Segment<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Segment<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        if key == "_errors" {
            return Ok(Self::ERRORS);
        }
        let restore = self.path.len();
        if self.frozen {
            return Ok(restore);
        }
        let is_index = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
        if is_index {
            self.path.push('[');
        } else if restore > 0 {
            self.path.push('.');
        }
        // A path that is not cut stays within `keep`, leaving room for the `…` marker: so cutting
        // a segment never reaches back into the parent's path, which the caller restores by
        // length afterwards (found by fuzzing: a parent of 510 bytes, cut back to 509 under its
        // child, could not be restored to 510 in the middle of the marker).
        let keep = MAX_PATH_BYTES - '…'.len_utf8();
        // Never copy more of a key than can be kept.
        let room = (keep + 1).saturating_sub(self.path.len());
        let mut end = key.len().min(room);
        while !key.is_char_boundary(end) {
            end -= 1;
        }
        self.path.push_str(&key[..end]);
        if is_index {
            self.path.push(']');
        }
        if end < key.len() || self.path.len() > keep {
            let mut at = keep;
            while !self.path.is_char_boundary(at) {
                at -= 1;
            }
            debug_assert!(at >= restore, "a cut must not reach into the parent's path");
            self.path.truncate(at);
            self.path.push('…');
            *self.cut = true;
        }
        Ok(restore)
    }
}

/// Seed for an `_errors` array: each string is a message at `path`; other items are skipped.
struct Messages<'c> {
    collector: &'c mut Collector,
    path: &'c str,
}

impl<'de> DeserializeSeed<'de> for Messages<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of messages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // A flood of messages at one path must not crowd out the other parameters.
        let mut kept = 0;
        while let Some(was_kept) = seq.next_element_seed(Message {
            collector: self.collector,
            path: self.path,
            keep: kept < MAX_PER_PATH,
        })? {
            kept += usize::from(was_kept);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    skip_scalars!((), ());
}

/// Seed for one item of `_errors`: a string is kept (`keep`) or counted; `true` when it was a
/// string offered to the collector.
struct Message<'c> {
    collector: &'c mut Collector,
    path: &'c str,
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for Message<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Message<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message")
    }

    fn visit_str<E: de::Error>(self, message: &str) -> Result<bool, E> {
        if self.keep {
            self.collector.push(self.path, message);
        } else {
            self.collector.omitted(1);
        }
        Ok(true)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    skip_scalars!(bool, false);
}

/// Seed counting the messages of a subtree below [`MAX_DEPTH`] without keeping any: strings in
/// `_errors` arrays (`is_errors` for the value of such a key).
struct CountMessages {
    is_errors: bool,
}

impl<'de> DeserializeSeed<'de> for CountMessages {
    type Value = u64;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CountMessages {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a validation error tree")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u64, A::Error> {
        let mut n = 0u64;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let is_errors = key.0 == "_errors";
            n = n.saturating_add(map.next_value_seed(CountMessages { is_errors })?);
        }
        Ok(n)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut n = 0u64;
        while let Some(is_string) = seq.next_element::<IsString>()? {
            if self.is_errors && is_string.0 {
                n = n.saturating_add(1);
            }
        }
        Ok(n)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<u64, E> {
        Ok(0)
    }

    skip_scalars!(u64, 0);
}

/// Whether an array item is a string; anything else is skipped.
struct IsString(bool);

impl<'de> de::Deserialize<'de> for IsString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IsStringVisitor)
    }
}

struct IsStringVisitor;

impl<'de> Visitor<'de> for IsStringVisitor {
    type Value = IsString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<IsString, E> {
        Ok(IsString(true))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<IsString, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(IsString(false))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IsString, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(IsString(false))
    }

    skip_scalars!(IsString, IsString(false));
}
