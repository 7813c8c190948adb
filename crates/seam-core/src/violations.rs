//! What was wrong with a request, by JSON path: from client-side validation or from the API's
//! `invalid_input` answer, kept within fixed bounds however much the server sends.

use std::fmt;

use seam_types::{ValidationError, Violation};

use crate::error::display::Bounded;

/// Most messages kept per error (per-parameter and request-wide together); the rest are counted
/// only (see [`ValidationErrors::omitted_count`]).
pub const MAX_VIOLATIONS: usize = 1000;
/// Most messages kept for one path of the server's tree; the rest there are counted only, so that
/// a flood at one parameter leaves room for the others.
pub const MAX_PER_PATH: usize = 16;
/// Longest JSON path kept, in bytes; a longer one is cut and ends with `…`.
pub const MAX_PATH_BYTES: usize = 512;
/// Longest message kept, in bytes; a longer one is cut and ends with `…`.
pub const MAX_MESSAGE_BYTES: usize = 1024;
/// Deepest level of the server's tree that is read; messages below it are counted only.
pub const MAX_DEPTH: usize = 32;
/// Violations listed by `Display`; the rest are summed up in one line.
const DISPLAY_VIOLATIONS: usize = 10;
/// Longest path or message shown by `Display`, in bytes.
const DISPLAY_BYTES: usize = 160;

/// Where a [`ValidationErrors`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// Client-side validation: the request was never sent.
    Client,
    /// The API's answer (`validation_errors` of an `invalid_input` error).
    Server,
}

/// The problems found in one request: per-parameter violations (each a JSON path such as
/// `customer_data.buildings[3].building_key` and a message) and request-wide messages, apart.
///
/// Bounded whatever the server sends: at most [`MAX_VIOLATIONS`] messages are kept, at most
/// [`MAX_PER_PATH`] per path of the server's tree (the rest are counted in
/// [`ValidationErrors::omitted_count`]), paths and messages are cut at
/// [`MAX_PATH_BYTES`] and [`MAX_MESSAGE_BYTES`], and the server's tree is read to
/// [`MAX_DEPTH`] levels. `Display` lists the first ten and the count of the rest.
///
/// ```
/// use seam_core::operation::CreatePortal;
///
/// let response = http::Response::builder()
///     .status(400)
///     .body(bytes::Bytes::from_static(br#"{"error": {"type": "invalid_input", "message": "bad",
///         "validation_errors": {"_errors": ["Unrecognized key: 'colour'"],
///           "customer_data": {"_errors": [], "customer_key": {"_errors": ["Required"]}}}}}"#))
///     .unwrap();
/// let err = seam_core::parse::<CreatePortal>(response).unwrap_err();
/// let problems = err.validation_errors().expect("invalid_input carries its violations");
/// assert_eq!(problems.for_parameter("customer_data.customer_key").collect::<Vec<_>>(), ["Required"]);
/// assert_eq!(problems.request_wide(), ["Unrecognized key: 'colour'"]);
/// assert_eq!(problems.len(), 1);
/// assert_eq!(problems.omitted_count(), 0);
/// for v in problems.iter() {
///     println!("{}: {}", v.path, v.message);
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
    request_wide: Vec<String>,
    omitted: u64,
    origin: Origin,
}

impl ValidationErrors {
    /// Where these problems were found.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// The kept per-parameter violations, in the order they were found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// An iterator over the kept per-parameter violations (same as [`ValidationErrors::violations`]).
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    /// The messages about the parameter at exactly `path` (`customer_data.customer_key`,
    /// `customer_data.buildings[3].building_key`), among the kept ones.
    pub fn for_parameter<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.violations
            .iter()
            .filter(move |v| v.path == path)
            .map(|v| v.message.as_str())
    }

    /// The messages about the request as a whole (no parameter path), among the kept ones.
    pub fn request_wide(&self) -> &[String] {
        &self.request_wide
    }

    /// How many kept per-parameter violations there are.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// `true` when no per-parameter violation was kept (there may still be request-wide ones).
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// How many messages (of either kind) were received but not kept: past [`MAX_VIOLATIONS`] or
    /// [`MAX_PER_PATH`], or below [`MAX_DEPTH`].
    pub fn omitted_count(&self) -> u64 {
        self.omitted
    }

    /// Every message received: kept and omitted, per-parameter and request-wide.
    pub fn total_count(&self) -> u64 {
        (self.violations.len() + self.request_wide.len()) as u64 + self.omitted
    }

    /// Writes one line per problem (at most `limit`, each bounded), then the count of the rest.
    pub(crate) fn write_lines(&self, f: &mut fmt::Formatter<'_>, limit: usize) -> fmt::Result {
        let mut shown = 0;
        for message in &self.request_wide {
            if shown == limit {
                break;
            }
            write!(f, "\n  - {}", Bounded(message, DISPLAY_BYTES))?;
            shown += 1;
        }
        for v in &self.violations {
            if shown == limit {
                break;
            }
            write!(
                f,
                "\n  - {}: {}",
                Bounded(&v.path, DISPLAY_BYTES),
                Bounded(&v.message, DISPLAY_BYTES)
            )?;
            shown += 1;
        }
        let rest = self.total_count() - shown as u64;
        if rest > 0 {
            write!(f, "\n  ... and {rest} more")?;
        }
        Ok(())
    }

    pub(crate) fn scrub(&mut self, scrub: impl Fn(&str) -> Option<String>) {
        for v in &mut self.violations {
            if let Some(path) = scrub(&v.path) {
                v.path = path;
            }
            if let Some(message) = scrub(&v.message) {
                v.message = message;
            }
        }
        for message in &mut self.request_wide {
            if let Some(clean) = scrub(message) {
                *message = clean;
            }
        }
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.total_count();
        write!(f, "{n} problem{}", if n == 1 { "" } else { "s" })?;
        self.write_lines(f, DISPLAY_VIOLATIONS)
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(e: ValidationError) -> Self {
        let mut collector = Collector::new(Origin::Client);
        for v in e.into_violations() {
            collector.push(&v.path, &v.message);
        }
        collector.finish()
    }
}

/// Gathers messages within the bounds.
pub(crate) struct Collector {
    errors: ValidationErrors,
}

impl Collector {
    pub(crate) fn new(origin: Origin) -> Self {
        Self {
            errors: ValidationErrors {
                violations: Vec::new(),
                request_wide: Vec::new(),
                omitted: 0,
                origin,
            },
        }
    }

    fn kept(&self) -> usize {
        self.errors.violations.len() + self.errors.request_wide.len()
    }

    /// Keeps `message` at `path` (the empty path: request-wide), or counts it once full.
    pub(crate) fn push(&mut self, path: &str, message: &str) {
        if self.kept() >= MAX_VIOLATIONS {
            self.omitted(1);
            return;
        }
        let message = cut(message, MAX_MESSAGE_BYTES);
        if path.is_empty() {
            self.errors.request_wide.push(message);
        } else {
            self.errors
                .violations
                .push(Violation::new(cut(path, MAX_PATH_BYTES), message));
        }
    }

    /// Counts `n` messages that are not kept.
    pub(crate) fn omitted(&mut self, n: u64) {
        self.errors.omitted = self.errors.omitted.saturating_add(n);
    }

    /// The collection, or `None` when nothing was received at all.
    pub(crate) fn finish_nonempty(self) -> Option<ValidationErrors> {
        (self.errors.total_count() > 0).then_some(self.errors)
    }

    pub(crate) fn finish(self) -> ValidationErrors {
        self.errors
    }
}

/// `text` cut to at most `max` bytes (on a char boundary), ending with `…` when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + 3);
    out.push_str(&text[..end]);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_collector_keeps_within_its_bounds_and_counts_the_rest() {
        let mut c = Collector::new(Origin::Server);
        c.push("", "whole request");
        for i in 0..MAX_VIOLATIONS + 5 {
            c.push(&format!("a[{i}]"), "bad");
        }
        c.push(
            &"é".repeat(MAX_PATH_BYTES),
            &"x".repeat(10 * MAX_MESSAGE_BYTES),
        );
        let e = c.finish();
        assert_eq!(e.request_wide(), ["whole request"]);
        assert_eq!(e.len(), MAX_VIOLATIONS - 1);
        assert_eq!(e.omitted_count(), 7);
        assert_eq!(e.total_count(), MAX_VIOLATIONS as u64 + 7);
        assert_eq!(e.for_parameter("a[3]").collect::<Vec<_>>(), ["bad"]);

        let mut c = Collector::new(Origin::Server);
        c.push(
            &"é".repeat(MAX_PATH_BYTES),
            &"x".repeat(10 * MAX_MESSAGE_BYTES),
        );
        let e = c.finish();
        assert!(e.violations()[0].path.len() <= MAX_PATH_BYTES);
        assert!(e.violations()[0].path.ends_with('…'));
        assert!(e.violations()[0].message.len() <= MAX_MESSAGE_BYTES);
    }

    #[test]
    fn display_lists_ten_and_counts_the_rest() {
        let mut c = Collector::new(Origin::Client);
        for i in 0..25 {
            c.push(&format!("spaces[{i}].name"), "must not be empty");
        }
        c.omitted(12_345);
        let text = c.finish().to_string();
        assert!(text.starts_with("12370 problems"), "{text}");
        assert_eq!(text.lines().count(), 1 + DISPLAY_VIOLATIONS + 1, "{text}");
        assert!(text.ends_with("... and 12360 more"), "{text}");
    }
}
