//! Terminal safety for text the CLI did not write itself (server messages, error types, request
//! ids, file names): control characters are shown escaped (`\x1b`, `\u{9b}`), never sent to the
//! terminal raw, and long values are cut with a marker saying how much was left out.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The longest value printed whole, in bytes; longer ones are cut to this with a marker.
pub const MAX_VALUE_BYTES: usize = 1_000;

/// Whether `c` could change what a terminal shows beyond printing itself: C0 and C1 controls,
/// DEL, and the Unicode bidirectional and zero-width formatting marks that can reorder or hide text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        )
}

/// `text` with every unsafe character (see [`is_unsafe`], newlines and tabs included) escaped:
/// `\x1b` below U+0080, `\u{9b}` above. Borrowed when there was nothing to escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `max` bytes (at a character boundary) plus a marker naming how many bytes
/// were left out; unchanged when it fits.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!(
        "{}... [cut: {} more bytes]",
        &text[..end],
        text.len() - end
    ))
}

/// One value from outside, ready for a terminal line: cut to [`MAX_VALUE_BYTES`], then escaped.
pub fn value(text: &str) -> String {
    escape(&cut(text, MAX_VALUE_BYTES)).into_owned()
}

/// JSON text with the characters that JSON leaves raw but a terminal would act on (DEL, C1
/// controls, bidirectional marks) written as `\uXXXX` escapes: the same JSON value, safe to show.
///
/// Valid on any JSON text: outside strings JSON has only ASCII punctuation, so every such
/// character sits inside a string, where the escape means the same character.
pub fn json_text(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe_in_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_in_json(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Unsafe characters JSON does not escape itself (it escapes those below U+0020).
fn is_unsafe_in_json(c: char) -> bool {
    (c as u32) >= 0x20 && is_unsafe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_visibly() {
        assert_eq!(
            escape("a\u{1b}]0;pwned\u{7}b\nc\u{9b}d\u{202e}"),
            "a\\x1b]0;pwned\\x07b\\x0ac\\u{9b}d\\u{202e}"
        );
        assert!(matches!(escape("plain ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_values_are_cut_with_a_marker_at_a_char_boundary() {
        let long = "é".repeat(600); // 1200 bytes
        let shown = value(&long);
        assert!(shown.ends_with("... [cut: 200 more bytes]"), "{shown}");
        assert!(shown.len() < MAX_VALUE_BYTES + 40);
        assert_eq!(value("short"), "short");
        // Escaping after cutting: the marker is never split and the output stays bounded.
        let hostile = "\u{1b}".repeat(10_000);
        assert!(value(&hostile).len() <= MAX_VALUE_BYTES * 4 + 40);
    }

    #[test]
    fn json_stays_the_same_value_without_raw_terminal_controls() {
        let json =
            serde_json::to_string(&serde_json::json!({"k": "x\u{9b}31m\u{7f}\u{202e}"})).unwrap();
        let safe = json_text(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["k"], "x\u{9b}31m\u{7f}\u{202e}");
    }
}
