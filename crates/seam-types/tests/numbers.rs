//! Numbers on the wire: integers in every spelling the server's JavaScript reads as one, floats with
//! all their digits, both sent back as written; values the server cannot hold are refused with the
//! JSON path.

use seam_types::{json, Geolocation, Integer, Number, PushDataRequest, Space, Validate};

fn space_body(duration: &str) -> String {
    format!(
        r#"{{"customer_key":"c","spaces":[{{"space_key":"s","name":"n","duration_minutes":{duration}}}]}}"#
    )
}

#[test]
fn integer_spellings_are_read_as_javascript_does_and_sent_back_as_written() {
    for (text, value) in [
        ("30", 30),
        ("30.0", 30),
        ("30.000", 30),
        ("3e1", 30),
        ("3E1", 30),
        ("3e+1", 30),
        ("0.3e2", 30),
        ("300e-1", 30),
        ("1e3", 1000),
        // The nearest double is 30, so JavaScript reads an integer.
        ("30.0000000000000001", 30),
        ("9007199254740991", 9_007_199_254_740_991),
    ] {
        let body = space_body(text);
        let req: PushDataRequest = json::from_str(&body).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(req.validate().is_ok(), "{text}");
        let minutes = req.spaces.as_ref().unwrap()[0]
            .duration_minutes
            .clone()
            .unwrap();
        assert_eq!(minutes.value(), value, "{text}");
        assert_eq!(minutes.to_string(), text);
        assert_eq!(serde_json::to_string(&req).unwrap(), body, "{text}");
    }
    // Built from a Rust integer: plain decimal, and equal to the same number read in that form.
    let built = Space::new("s", "n").with_duration_minutes(90);
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r#"{"space_key":"s","name":"n","duration_minutes":90}"#
    );
    let read: Integer = serde_json::from_str("90").unwrap();
    assert_eq!(read, Integer::from(90));
    assert_eq!(read.source_text(), None);
    assert_ne!(
        serde_json::from_str::<Integer>("90.0").unwrap(),
        Integer::from(90)
    );
}

#[test]
fn non_integers_and_unsafe_integers_are_refused_with_the_path() {
    let at = "spaces[0].duration_minutes";
    for (text, needle) in [
        (
            "30.5",
            "invalid value: the number 30.5, expected an integer",
        ),
        ("1e-1", "expected an integer"),
        (
            "9007199254740992",
            "outside ±(2^53 − 1) = ±9007199254740991",
        ),
        ("-9007199254740993", "outside ±(2^53 − 1)"),
        ("1e16", "outside ±(2^53 − 1)"),
        ("1e400", "too large"),
        ("\"90\"", "invalid type: string \"90\", expected an integer"),
        ("true", "invalid type: boolean `true`, expected an integer"),
        ("null", "invalid type: null, expected an integer"),
        ("[1]", "invalid type: sequence, expected an integer"),
        ("{}", "invalid type: map, expected an integer"),
    ] {
        let err = json::from_str::<PushDataRequest>(&space_body(text)).expect_err(text);
        assert_eq!(err.path(), at, "{text}: {err}");
        assert!(err.message().contains(needle), "{text}: {err}");
    }
}

#[test]
fn unsafe_integers_built_in_rust_fail_validation() {
    let req = PushDataRequest::new("c")
        .push_space(Space::new("a", "n").with_duration_minutes(9_007_199_254_740_991_i64))
        .push_space(Space::new("b", "n").with_duration_minutes(9_007_199_254_740_992_i64))
        .push_space(Space::new("c", "n").with_duration_minutes(i64::MIN));
    let err = req.validate().unwrap_err();
    let found: Vec<(&str, &str)> = err
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), v.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "spaces[1].duration_minutes");
    assert!(found[0].1.contains("at most 2^53 − 1"), "{}", found[0].1);
    assert_eq!(found[1].0, "spaces[2].duration_minutes");
    assert!(found[1].1.contains("greater than 0"), "{}", found[1].1);
}

#[test]
fn floats_keep_every_digit_and_their_spelling() {
    for text in [
        "22.332927413441766",
        "22.3329274134417660",
        "2.2332927413441766e1",
        "2.2332927413441766E+1",
        "-9.1393",
        "38.7000",
        "0.1",
        "0.10000000000000001",
        "1e-7",
        "4.9406564584124654e-324",
        "1.7976931348623157e308",
        "-0",
        "-0.0",
        "90",
        "5e-1",
    ] {
        let body = format!(r#"{{"latitude":{text},"longitude":0.5}}"#);
        let geo: Geolocation = json::from_str(&body).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(geo.latitude.value(), text.parse::<f64>().unwrap(), "{text}");
        assert_eq!(serde_json::to_string(&geo).unwrap(), body, "{text}");
    }
    // The case of the issue: serde_json's default float parser loses the last digit of this one.
    let n: Number = serde_json::from_str("22.332927413441766").unwrap();
    assert_eq!(n.value().to_bits(), 22.332927413441766_f64.to_bits());
    assert_eq!(n.source_text(), None, "already the shortest form");
    // Built from an f64: the shortest form that reads back as the same double.
    let built = Geolocation::new(38.7223, -9.139_3);
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r#"{"latitude":38.7223,"longitude":-9.1393}"#
    );
    let err = json::from_str::<Geolocation>(r#"{"latitude":1e999,"longitude":0}"#).unwrap_err();
    assert_eq!(err.path(), "latitude");
    assert!(err.message().contains("too large"), "{err}");
    let err = json::from_str::<Geolocation>(r#"{"latitude":"1","longitude":0}"#).unwrap_err();
    assert_eq!(err.path(), "latitude");
    assert!(err.message().contains("expected a number"), "{err}");
}

/// Through a `serde_json::Value` (which keeps no spelling) the values still arrive intact.
#[test]
fn numbers_read_from_a_value_keep_their_values() {
    let value = serde_json::json!({"latitude": 22.332927413441766, "longitude": 30});
    let geo: Geolocation = serde_json::from_value(value).unwrap();
    assert_eq!(geo.latitude.value(), 22.332927413441766);
    assert_eq!(geo.longitude.value(), 30.0);
    let minutes: Integer = serde_json::from_value(serde_json::json!(30.0)).unwrap();
    assert_eq!(minutes.value(), 30);
}
