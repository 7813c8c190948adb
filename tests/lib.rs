//! Cross-crate integration tests live in this package's `tests/` folder; this library is empty.
