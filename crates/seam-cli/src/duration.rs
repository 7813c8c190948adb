//! Humane durations for `--timeout`: `30s`, `500ms`, `2m`, `1.5s` (a bare number means seconds).

use std::time::Duration;

/// Parses `<number><unit>` where unit is `ms`, `s` or `m`; a bare number is seconds.
/// Zero, negative and non-finite values are rejected.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let text = raw.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() {
        return Err(format!(
            "`{raw}` is not a duration; use a number with a unit, e.g. 30s, 500ms or 2m"
        ));
    }
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{raw}` is not a duration; use e.g. 30s, 500ms or 2m"))?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" => value * 60.0,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{raw}`; use ms, s or m (e.g. 30s, 500ms, 2m)"
            ))
        }
    };
    if !seconds.is_finite() || seconds <= 0.0 {
        return Err(format!("`{raw}` must be greater than zero"));
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("`{raw}` is too long"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
    }

    #[test]
    fn rejects_nonsense_with_a_reason() {
        for bad in ["", "s", "0s", "10h", "abc", "1..2s", "-5s"] {
            let err = parse_duration(bad).expect_err(bad);
            assert!(!err.is_empty(), "{bad}");
        }
        assert!(parse_duration("10h")
            .unwrap_err()
            .contains("unknown unit `h`"));
    }
}
