//! Client-side validation: the [`Validate`] trait and the error listing every violation by JSON path.

use std::fmt;

/// One broken constraint: where it is (a JSON path such as `customer_data.buildings[3].building_key`)
/// and what is wrong, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Violation {
    /// JSON path of the offending value, dot-separated with `[i]` for array items.
    pub path: String,
    /// What is wrong, e.g. `must not be empty`.
    pub message: String,
}

impl Violation {
    /// A violation at `path` with `message`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every violation found in one request; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Wraps a list of violations; `None` when the list is empty (nothing is wrong).
    pub fn from_violations(violations: Vec<Violation>) -> Option<Self> {
        if violations.is_empty() {
            None
        } else {
            Some(Self { violations })
        }
    }

    /// The violations, in the order the request's fields were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Consumes the error, returning its violations.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(
            f,
            "invalid request: {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for v in &self.violations {
            write!(f, "\n  - {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A request that can check itself against every constraint the API states, before anything is sent.
///
/// Every violation is reported at once, each at its JSON path. Validating a valid request allocates
/// nothing, however large it is; paths are rendered only for the violations found.
///
/// ```
/// use seam_types::{Building, CustomerData, Space, Validate};
///
/// let data = CustomerData::new("customer-1")
///     .push_building(Building::new("b-1", "Main"))
///     .push_building(Building::new("", "No key"))
///     .push_space(Space::new("s-1", "Room").with_duration_minutes(0));
/// let err = data.validate().unwrap_err();
/// let paths: Vec<&str> = err.violations().iter().map(|v| v.path.as_str()).collect();
/// assert_eq!(paths, ["buildings[1].building_key", "spaces[0].duration_minutes"]);
/// ```
pub trait Validate {
    /// `Ok(())` when the value meets every constraint; otherwise all violations at once, each with its path.
    /// Never panics.
    fn validate(&self) -> Result<(), ValidationError>;
}
