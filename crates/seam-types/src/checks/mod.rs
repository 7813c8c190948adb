//! Validation of every request against the constraints the API states (implementations of `Validate`).
//!
//! Paths are built lazily: a [`Path`] is a chain of borrowed segments on the stack, rendered to a
//! `String` only when a violation is reported, so validating a large valid request allocates nothing.

mod patterns;
mod requests;
mod resources;

use std::fmt;

pub(crate) use patterns::{is_identifier, is_time_of_day, utf16_len};

use crate::Violation;

/// The JSON path of a value being checked, as a chain of segments; rendered only on demand
/// (`customer_data.buildings[3].building_key`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    /// The request itself (renders as nothing).
    Root,
    /// Member `name` of the object at the parent path.
    Field(&'a Path<'a>, &'static str),
    /// Item `index` of the array at the parent path.
    Item(&'a Path<'a>, usize),
    /// Map entry `key` (user-chosen, such as a custom metadata key) of the object at the parent path.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of member `name` of this value.
    pub(crate) fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of item `index` of this array.
    pub(crate) fn item(&'a self, index: usize) -> Path<'a> {
        Path::Item(self, index)
    }

    /// The path of entry `key` of this map.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Item(parent, index) => write!(f, "{parent}[{index}]"),
            // A map key that reads as a member name keeps the dotted form; any other key
            // (with dots, brackets, spaces, ...) is quoted so the path stays unambiguous.
            Path::Key(Path::Root, key) if is_identifier(key) => f.write_str(key),
            Path::Key(parent, key) if is_identifier(key) => write!(f, "{parent}.{key}"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// Collects violations while walking a request.
#[derive(Default)]
pub(crate) struct Checker {
    violations: Vec<Violation>,
}

impl Checker {
    /// Records a violation at `path` (the only place a path is rendered).
    pub(crate) fn report(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.violations
            .push(Violation::new(path.to_string(), message));
    }

    /// The violations found, in the order the fields were checked.
    pub(crate) fn finish(self) -> Result<(), crate::ValidationError> {
        match crate::ValidationError::from_violations(self.violations) {
            None => Ok(()),
            Some(err) => Err(err),
        }
    }

    /// `minLength: 1` on member `name` of the object at `parent`.
    pub(crate) fn non_empty(&mut self, parent: &Path<'_>, name: &'static str, value: &str) {
        if value.is_empty() {
            self.report(&parent.field(name), "must not be empty");
        }
    }

    /// `minLength: 1` on an optional member.
    pub(crate) fn non_empty_opt(
        &mut self,
        parent: &Path<'_>,
        name: &'static str,
        value: Option<&String>,
    ) {
        if let Some(v) = value {
            self.non_empty(parent, name, v);
        }
    }

    /// `format: date-time` on an optional member. A [`crate::Timestamp`] is valid RFC 3339 by
    /// construction, except one built from an `OffsetDateTime` whose year RFC 3339 cannot write;
    /// that is checked without parsing the text again.
    pub(crate) fn timestamp_opt(
        &mut self,
        parent: &Path<'_>,
        name: &'static str,
        value: Option<&crate::Timestamp>,
    ) {
        if let Some(t) = value {
            if !t.is_rfc3339() {
                self.report(
                    &parent.field(name),
                    format!("must be an RFC 3339 date-time, found {:?}", t.as_str()),
                );
            }
        }
    }

    /// An enum value the contract does not list.
    pub(crate) fn known<T>(&mut self, path: &Path<'_>, raw: &str, is_known: bool, known: &[T])
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

/// A value with constraints, checked at a given JSON path.
pub(crate) trait Check {
    /// Reports every broken constraint of `self`, found at `path`.
    fn check(&self, path: &Path<'_>, c: &mut Checker);
}

impl<T: Check> Check for Option<Vec<T>> {
    fn check(&self, path: &Path<'_>, c: &mut Checker) {
        if let Some(items) = self {
            for (i, it) in items.iter().enumerate() {
                it.check(&path.item(i), c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn paths_render_like_json_paths() {
        let root = Path::Root;
        let data = root.field("customer_data");
        let list = data.field("buildings");
        let item = list.item(3);
        assert_eq!(
            item.field("building_key").to_string(),
            "customer_data.buildings[3].building_key"
        );
        assert_eq!(root.field("locale").to_string(), "locale");
        assert_eq!(root.item(0).to_string(), "[0]");
        let meta = item.field("custom_metadata");
        assert_eq!(
            meta.key("note").to_string(),
            "customer_data.buildings[3].custom_metadata.note"
        );
        assert_eq!(
            meta.key("a.b").to_string(),
            "customer_data.buildings[3].custom_metadata[\"a.b\"]"
        );
        assert_eq!(root.key("x y").to_string(), "[\"x y\"]");
    }
}
