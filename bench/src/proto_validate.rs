//! A prototype of validation with lazy JSON paths, to size a proposed change to seam-types'
//! checks: the path of a value is a chain of borrowed segments on the stack and becomes a `String`
//! only when a violation is reported, and timestamps are checked without being parsed again.
//! It covers the collections of the benchmark's push_data (reservations, guests, units,
//! properties, buildings) with the same rules as seam-types, and is checked against it.

use std::fmt;

use seam_types::{CustomMetadata, MetadataValue, Nullable, PushDataRequest, Timestamp, Violation};

/// Longest custom metadata string, in UTF-16 code units.
const METADATA_MAX: usize = 500;

/// A JSON path as a chain of segments, rendered only on demand.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'static str),
    Item(&'a Path<'a>, usize),
    Key(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Item(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
        }
    }
}

/// Violations found so far.
#[derive(Default)]
struct Checker(Vec<Violation>);

impl Checker {
    fn report(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.0.push(Violation::new(path.to_string(), message));
    }

    fn non_empty(&mut self, parent: &Path<'_>, name: &'static str, value: &str) {
        if value.is_empty() {
            self.report(&Path::Field(parent, name), "must not be empty");
        }
    }

    fn non_empty_opt(&mut self, parent: &Path<'_>, name: &'static str, value: Option<&String>) {
        if let Some(v) = value {
            self.non_empty(parent, name, v);
        }
    }

    /// A `Timestamp` is valid by construction unless it was built from an `OffsetDateTime` whose
    /// year RFC 3339 cannot write; no re-parse needed.
    fn timestamp(&mut self, parent: &Path<'_>, name: &'static str, value: Option<&Timestamp>) {
        if let Some(t) = value {
            if !(0..=9999).contains(&t.as_offset_date_time().year()) {
                self.report(&Path::Field(parent, name), "must be an RFC 3339 date-time");
            }
        }
    }

    fn metadata(&mut self, parent: &Path<'_>, metadata: Option<&CustomMetadata>) {
        let here = Path::Field(parent, "custom_metadata");
        for (key, value) in metadata.into_iter().flatten() {
            if let Nullable::Value(MetadataValue::String(s)) = value {
                let len: usize = s.chars().map(char::len_utf16).sum();
                if len > METADATA_MAX {
                    self.report(&Path::Key(&here, key), "too long");
                }
            }
        }
    }
}

/// Calls `check` on every item of an optional list, with the item's path.
fn each<T>(
    c: &mut Checker,
    parent: &Path<'_>,
    name: &'static str,
    items: Option<&Vec<T>>,
    check: impl Fn(&mut Checker, &Path<'_>, &T),
) {
    let list = Path::Field(parent, name);
    for (i, item) in items.into_iter().flatten().enumerate() {
        check(c, &Path::Item(&list, i), item);
    }
}

/// Validates the benchmark's push_data with lazy paths; the violations, in seam-types' order.
pub fn validate(request: &PushDataRequest) -> Vec<Violation> {
    let mut c = Checker::default();
    let root = Path::Root;
    each(
        &mut c,
        &root,
        "buildings",
        request.buildings.as_ref(),
        |c, p, b| c.non_empty(p, "building_key", &b.building_key),
    );
    c.non_empty(&root, "customer_key", &request.customer_key);
    each(
        &mut c,
        &root,
        "guests",
        request.guests.as_ref(),
        |c, p, g| c.non_empty(p, "guest_key", &g.guest_key),
    );
    each(
        &mut c,
        &root,
        "properties",
        request.properties.as_ref(),
        |c, p, it| c.non_empty(p, "property_key", &it.property_key),
    );
    each(
        &mut c,
        &root,
        "reservations",
        request.reservations.as_ref(),
        |c, p, r| {
            c.metadata(p, r.custom_metadata.as_ref());
            c.non_empty(p, "reservation_key", &r.reservation_key);
            c.timestamp(p, "ends_at", r.ends_at.as_ref());
            c.timestamp(p, "starts_at", r.starts_at.as_ref());
        },
    );
    each(&mut c, &root, "units", request.units.as_ref(), |c, p, u| {
        c.non_empty(p, "unit_key", &u.unit_key);
        c.non_empty_opt(p, "parent_site_key", u.parent_site_key.as_ref());
    });
    c.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use seam_types::{Reservation, Unit, Validate};

    #[test]
    fn agrees_with_seam_types_on_valid_and_invalid_requests() {
        let valid = crate::payload::with_reservations(50);
        assert!(validate(&valid).is_empty());
        assert!(valid.validate().is_ok());

        let invalid = crate::payload::with_reservations(3)
            .push_reservation(Reservation::new(""))
            .push_unit(Unit::new("u-x", "Unit X").with_parent_site_key(""));
        let ours: Vec<String> = validate(&invalid).iter().map(|v| v.path.clone()).collect();
        let theirs: Vec<String> = invalid
            .validate()
            .unwrap_err()
            .violations()
            .iter()
            .map(|v| v.path.clone())
            .collect();
        assert_eq!(ours, theirs);
    }
}
