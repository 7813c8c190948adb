//! Bounded, terminal-safe rendering of server-provided text inside an error's `Display`.

use std::fmt;

/// Writes `.0` in at most `.1` bytes of output, then `…` if there was more. Control characters and
/// the Unicode bidirectional controls are written escaped (`\x1b`, `\u{202e}`), so that server text
/// cannot move a terminal's cursor, retitle it or reorder what it shows; an escape counts its own
/// length against the budget.
pub(crate) struct Bounded<'a>(pub(crate) &'a str, pub(crate) usize);

impl fmt::Display for Bounded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut left = self.1;
        for c in self.0.chars() {
            let escaped = needs_escape(c).then(|| escape(c));
            let cost = escaped.as_ref().map_or(c.len_utf8(), String::len);
            if cost > left {
                return f.write_str("…");
            }
            left -= cost;
            match escaped {
                Some(text) => f.write_str(&text)?,
                None => fmt::Write::write_char(f, c)?,
            }
        }
        Ok(())
    }
}

fn escape(c: char) -> String {
    let n = u32::from(c);
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else {
        format!("\\u{{{n:x}}}")
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_escapes_and_cuts() {
        assert_eq!(
            Bounded("a\x1b]0;x\x07b", 100).to_string(),
            "a\\x1b]0;x\\x07b"
        );
        assert_eq!(Bounded("ab\u{202e}c", 100).to_string(), "ab\\u{202e}c");
        assert_eq!(Bounded("abcdef", 3).to_string(), "abc…");
        assert_eq!(Bounded("abc", 3).to_string(), "abc");
        assert_eq!(Bounded("ééé", 4).to_string(), "éé…");
        assert_eq!(Bounded("\x1b\x1b", 6).to_string(), "\\x1b…");
    }
}
