//! Hand-written checks of the contract's string patterns and lengths (ASCII `\w`/`\d`, as JavaScript reads them).

/// `^[a-zA-Z_]\w*$` with `\w` = `[A-Za-z0-9_]`.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
        _ => return false,
    }
    bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$` with `\d` = `[0-9]`: `HH:MM` or `HH:MM:SS`, 24-hour.
pub(crate) fn is_time_of_day(s: &str) -> bool {
    let b = s.as_bytes();
    let two = |hi: u8, lo_max: u8, i: usize| -> bool {
        // b[i] in '0'..=hi (first digit), b[i+1] a digit, and the pair not above lo_max when b[i] == hi.
        matches!((b.get(i), b.get(i + 1)), (Some(d1), Some(d2))
            if d1.is_ascii_digit() && d2.is_ascii_digit() && *d1 <= hi && (*d1 < hi || *d2 <= lo_max))
    };
    let minutes_ok = |i: usize| -> bool {
        matches!((b.get(i), b.get(i + 1)), (Some(d1), Some(d2))
            if (b'0'..=b'5').contains(d1) && d2.is_ascii_digit())
    };
    match b.len() {
        5 => two(b'2', b'3', 0) && b[2] == b':' && minutes_ok(3),
        8 => two(b'2', b'3', 0) && b[2] == b':' && minutes_ok(3) && b[5] == b':' && minutes_ok(6),
        _ => false,
    }
}

/// Length in UTF-16 code units, what the server's JavaScript `.length` counts.
pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        for ok in ["a", "_", "A_1", "_9", "field_name", "Z"] {
            assert!(is_identifier(ok), "{ok}");
        }
        for bad in ["", "1a", "a-b", "a b", "é", "aé", "a.b", "$a"] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn times() {
        for ok in [
            "00:00", "09:30", "19:59", "20:00", "23:59", "23:59:59", "00:00:00", "12:05:09",
        ] {
            assert!(is_time_of_day(ok), "{ok}");
        }
        for bad in [
            "",
            "24:00",
            "2:00",
            "12:60",
            "12:5",
            "1200",
            "12:00:60",
            "12:00:",
            "12:00:0",
            "29:00",
            "12-00",
            "12:00 ",
            "١٢:٠٠",
            "a1:00",
            "12:00:00:00",
            "30:00",
        ] {
            assert!(!is_time_of_day(bad), "{bad}");
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_twice() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("é"), 1);
        assert_eq!(utf16_len("😀"), 2);
        assert_eq!(utf16_len(""), 0);
    }
}
