//! Pretty-printing JSON bytes by streaming: tokens are copied from the input as they are (strings
//! and numbers byte for byte), and serde_json's own [`PrettyFormatter`] lays them out, so the output
//! is what `serde_json::to_string_pretty` would print, without building a tree first.
//!
//! Used for the `--dry-run` body: what is shown is exactly the body that would be sent.

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// Whether `bytes` is one well-formed JSON value (checked without building anything).
///
/// JSON text is UTF-8 (RFC 8259), so the bytes are checked as UTF-8 first: serde_json skips the
/// contents of strings it ignores without validating them, which alone would let invalid UTF-8
/// inside a key or a string value through.
pub fn is_json(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .is_ok_and(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok())
}

/// What the innermost open container is, and whether it has had an element yet.
#[derive(Clone, Copy)]
enum Open {
    Object { first: bool },
    Array { first: bool },
}

/// Writes the JSON value `bytes` to `out` through `formatter` (so it can sit inside a document the
/// same formatter is writing). `bytes` must be well-formed JSON (see [`is_json`]); for anything
/// else the output is unspecified but the call still returns without panicking.
pub fn write_pretty<W: Write + ?Sized>(
    out: &mut W,
    formatter: &mut PrettyFormatter<'_>,
    bytes: &[u8],
) -> io::Result<()> {
    let mut stack: Vec<Open> = Vec::new();
    // In an object: true when the next string is a key.
    let mut want_key = false;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            b':' => {
                formatter.end_object_key(out)?;
                formatter.begin_object_value(out)?;
                want_key = false;
                i += 1;
            }
            b'{' | b'[' => {
                begin_value(out, formatter, &mut stack)?;
                if byte == b'{' {
                    formatter.begin_object(out)?;
                    stack.push(Open::Object { first: true });
                    want_key = true;
                } else {
                    formatter.begin_array(out)?;
                    stack.push(Open::Array { first: true });
                }
                i += 1;
            }
            b'}' | b']' => {
                match stack.pop() {
                    Some(Open::Object { .. }) => formatter.end_object(out)?,
                    Some(Open::Array { .. }) => formatter.end_array(out)?,
                    None => {}
                }
                end_value(out, formatter, &stack, &mut want_key)?;
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                if want_key {
                    if let Some(Open::Object { first }) = stack.last_mut() {
                        formatter.begin_object_key(out, *first)?;
                        *first = false;
                    }
                    out.write_all(&bytes[i..end])?;
                } else {
                    begin_value(out, formatter, &mut stack)?;
                    out.write_all(&bytes[i..end])?;
                    end_value(out, formatter, &stack, &mut want_key)?;
                }
                i = end;
            }
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                    .map_or(bytes.len(), |n| i + n);
                begin_value(out, formatter, &mut stack)?;
                out.write_all(&bytes[i..end])?;
                end_value(out, formatter, &stack, &mut want_key)?;
                i = end;
            }
        }
    }
    Ok(())
}

/// The index just past the closing quote of the string starting at `start` (the end of `bytes` if
/// it is not closed).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn begin_value<W: Write + ?Sized>(
    out: &mut W,
    formatter: &mut PrettyFormatter<'_>,
    stack: &mut [Open],
) -> io::Result<()> {
    if let Some(Open::Array { first }) = stack.last_mut() {
        formatter.begin_array_value(out, *first)?;
        *first = false;
    }
    Ok(())
}

fn end_value<W: Write + ?Sized>(
    out: &mut W,
    formatter: &mut PrettyFormatter<'_>,
    stack: &[Open],
    want_key: &mut bool,
) -> io::Result<()> {
    *want_key = matches!(stack.last(), Some(Open::Object { .. }));
    match stack.last() {
        Some(Open::Array { .. }) => formatter.end_array_value(out),
        Some(Open::Object { .. }) => formatter.end_object_value(out),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_inside_a_key_is_not_json() {
        // Found by `cargo xtask fuzz --target cli_body`: bytes 0x8c 0x88 inside an object key.
        let mut body = br#"{"customer_data":{"cus"#.to_vec();
        body.extend_from_slice(&[0x8c, 0x88]);
        body.extend_from_slice(br#"mer_key":"customer-1"}}"#);
        assert!(!is_json(&body));
        assert!(is_json(
            br#"{"customer_data":{"customer_key":"customer-1"}}"#
        ));
    }

    fn pretty(json: &str) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, &mut PrettyFormatter::new(), json.as_bytes()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn matches_serde_json_pretty_byte_for_byte() {
        for json in [
            r#"{"a":1,"b":[true,false,null,{"c":"x,y]}\"z"}],"e":{},"f":[],"g":[[]],"h":{"i":{}}}"#,
            r#"[1,-2.5,"\u001b",{"k":[{"l":[1,2]}]}]"#,
            r#"[{"a":1},"x",{"b":[{"c":2},"d"]},[{"e":[]}],"y"]"#,
            r#""just a string""#,
            "42",
            "{}",
        ] {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            // serde_json's Value sorts keys; these inputs are already sorted.
            assert_eq!(
                pretty(json),
                serde_json::to_string_pretty(&value).unwrap(),
                "{json}"
            );
        }
    }

    #[test]
    fn strings_and_numbers_are_copied_unchanged() {
        let out = pretty(r#"{"n":1.50,"big":123456789012345678901234567890,"s":"\u00e9\n"}"#);
        assert!(out.contains("\"n\": 1.50"), "{out}");
        assert!(out.contains("123456789012345678901234567890"), "{out}");
        assert!(out.contains(r#""s": "\u00e9\n""#), "{out}");
    }

    #[test]
    fn any_bytes_at_all_return_without_panicking() {
        for junk in ["}", "]]]", "\"open", "{\"a\"", "\\", ":::", "[{]}"] {
            let _ = pretty(junk);
            assert!(!is_json(junk.as_bytes()));
        }
    }
}
