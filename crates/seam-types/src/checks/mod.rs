//! Validation of every request against the constraints the API states (implementations of `Validate`).

mod patterns;
mod requests;
mod resources;

pub(crate) use patterns::{is_identifier, is_time_of_day, utf16_len};

use crate::Violation;

/// Collects violations while walking a request; `path` arguments are JSON paths of the value checked.
#[derive(Default)]
pub(crate) struct Checker {
    violations: Vec<Violation>,
}

impl Checker {
    /// Records a violation.
    pub(crate) fn report(&mut self, path: String, message: impl Into<String>) {
        self.violations.push(Violation::new(path, message));
    }

    /// The violations found, in the order the fields were checked.
    pub(crate) fn finish(self) -> Result<(), crate::ValidationError> {
        match crate::ValidationError::from_violations(self.violations) {
            None => Ok(()),
            Some(err) => Err(err),
        }
    }

    /// `minLength: 1`.
    pub(crate) fn non_empty(&mut self, path: String, value: &str) {
        if value.is_empty() {
            self.report(path, "must not be empty");
        }
    }

    /// `minLength: 1` on an optional value.
    pub(crate) fn non_empty_opt(&mut self, path: String, value: Option<&String>) {
        if let Some(v) = value {
            self.non_empty(path, v);
        }
    }

    /// `format: date-time` on a timestamp built from an `OffsetDateTime` the RFC cannot write.
    pub(crate) fn timestamp_opt(&mut self, path: String, value: Option<&crate::Timestamp>) {
        if let Some(t) = value {
            if crate::Timestamp::parse(t.as_str()).is_err() {
                self.report(
                    path,
                    format!("must be an RFC 3339 date-time, found {:?}", t.as_str()),
                );
            }
        }
    }

    /// An enum value the contract does not list.
    pub(crate) fn known<T>(&mut self, path: String, raw: &str, is_known: bool, known: &[T])
    where
        T: AsRef<str>,
    {
        if !is_known {
            let list: Vec<&str> = known.iter().map(AsRef::as_ref).collect();
            self.report(
                path,
                format!("unknown value {raw:?}; expected one of {}", list.join(", ")),
            );
        }
    }
}

/// The JSON path of member `name` of the value at `path` (no leading dot at the root).
pub(crate) fn field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The JSON path of item `index` of the array at `path`.
pub(crate) fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// A value with constraints, checked at a given JSON path.
pub(crate) trait Check {
    /// Reports every broken constraint of `self`, found at `path`.
    fn check(&self, path: &str, c: &mut Checker);
}

impl<T: Check> Check for Option<Vec<T>> {
    fn check(&self, path: &str, c: &mut Checker) {
        if let Some(items) = self {
            for (i, it) in items.iter().enumerate() {
                it.check(&item(path, i), c);
            }
        }
    }
}
