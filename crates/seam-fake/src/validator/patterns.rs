//! Hand-written matchers for the regular expressions the contract uses (`\w`, `\d` are ASCII).

/// `^[a-zA-Z_]\w*$`: an identifier.
const IDENT: &str = "^[a-zA-Z_]\\w*$";
/// `^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`: a 24-hour `HH:MM` or `HH:MM:SS` time.
const TIME: &str = "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$";

/// Whether `s` matches `pattern`; patterns this matcher does not know are treated as matching.
pub(crate) fn matches(pattern: &str, s: &str) -> bool {
    match pattern {
        IDENT => is_ident(s),
        TIME => is_time(s),
        _ => true,
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    let two = |i: usize, max_first: u8| {
        b[i] <= max_first && b[i].is_ascii_digit() && b[i + 1].is_ascii_digit()
    };
    let hour_ok = |h: &[u8]| {
        h[0].is_ascii_digit()
            && h[1].is_ascii_digit()
            && (h[0] <= b'1' || (h[0] == b'2' && h[1] <= b'3'))
    };
    match b.len() {
        5 => hour_ok(&b[0..2]) && b[2] == b':' && two(3, b'5'),
        8 => hour_ok(&b[0..2]) && b[2] == b':' && two(3, b'5') && b[5] == b':' && two(6, b'5'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        for ok in ["00:00", "23:59", "19:05:59", "09:30"] {
            assert!(matches(TIME, ok), "{ok}");
        }
        for bad in [
            "24:00",
            "9:30",
            "12:60",
            "12:30:60",
            "12-30",
            "ab:cd",
            "12:30:",
            "１２:30",
        ] {
            assert!(!matches(TIME, bad), "{bad}");
        }
    }

    #[test]
    fn idents() {
        for ok in ["a", "_x", "space_key", "A1"] {
            assert!(matches(IDENT, ok), "{ok}");
        }
        for bad in ["", "1a", "a-b", "a b", "é"] {
            assert!(!matches(IDENT, bad), "{bad}");
        }
    }
}
