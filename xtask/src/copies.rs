//! Checks that files kept in more than one place (so each crate packages on its own) are still copies.
//!
//! * Every `customers.structure.json` in the tree (the crates that read it each hold one) is byte for
//!   byte the master, `spec/customers.structure.json`.
//! * Every Rust example in the repository README appears verbatim in `crates/seam-http/README.md`,
//!   where the doctests compile it.

use std::path::{Path, PathBuf};

use crate::workspace_root;

/// The master copy of the contract's structure, relative to the workspace root.
const SPEC_MASTER: &str = "spec/customers.structure.json";
/// The README whose Rust blocks are doctested (seam-http includes it under `cfg(doctest)`).
const TESTED_README: &str = "crates/seam-http/README.md";

/// Folders never searched for copies (build output, VCS data).
const SKIP_DIRS: &[&str] = &["target", ".git", "corpus", "artifacts"];

pub(crate) fn check() -> Result<(), String> {
    let root = workspace_root();
    let master = read(&root.join(SPEC_MASTER))?;
    let mut copies = Vec::new();
    find_named(&root, "customers.structure.json", &mut copies)?;
    copies.retain(|p| p != &root.join(SPEC_MASTER));
    if copies.is_empty() {
        return Err(format!("no crate-local copy of {SPEC_MASTER} found"));
    }
    for copy in &copies {
        let shown = copy
            .strip_prefix(&root)
            .unwrap_or(copy)
            .display()
            .to_string();
        same_spec(&master, &read(copy)?, &shown)?;
    }
    eprintln!("xtask: {} copies of {SPEC_MASTER} match it", copies.len());

    let readme = read(&root.join("README.md"))?;
    let tested = read(&root.join(TESTED_README))?;
    let blocks = readme_examples_tested(&readme, &tested)?;
    eprintln!("xtask: the README's {blocks} Rust example(s) are doctested via {TESTED_README}");
    Ok(())
}

/// `Ok` when `copy` (shown as `shown`) is byte for byte `master`; else says what to do.
fn same_spec(master: &str, copy: &str, shown: &str) -> Result<(), String> {
    if master == copy {
        return Ok(());
    }
    let line = master
        .lines()
        .zip(copy.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| master.lines().count().min(copy.lines().count()))
        + 1;
    Err(format!(
        "{shown} differs from {SPEC_MASTER} (first at line {line}); the master wins: \
         cp {SPEC_MASTER} {shown}"
    ))
}

/// The ```rust blocks of `readme`, each of which must appear verbatim in `tested`; returns how many.
fn readme_examples_tested(readme: &str, tested: &str) -> Result<usize, String> {
    let blocks = rust_blocks(readme);
    for block in &blocks {
        if !tested.contains(block.as_str()) {
            let first = block.lines().next().unwrap_or("");
            return Err(format!(
                "README.md has a Rust example (starting `{first}`) that is not in {TESTED_README}, \
                 so no doctest compiles it: copy it there"
            ));
        }
    }
    Ok(blocks.len())
}

/// The bodies (without fences) of the fenced blocks whose info string starts with `rust`.
fn rust_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        let fence = line.trim_start().starts_with("```");
        match current.as_mut() {
            Some(body) if fence => {
                blocks.push(std::mem::take(body));
                current = None;
            }
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
            None if fence && line.trim_start()[3..].starts_with("rust") => {
                current = Some(String::new())
            }
            None => {}
        }
    }
    blocks
}

fn find_named(dir: &Path, name: &str, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| format!("cannot stat {}: {e}", path.display()))?;
        let file_name = entry.file_name();
        if file_type.is_dir() {
            if !SKIP_DIRS.iter().any(|s| file_name == *s) {
                find_named(&path, name, found)?;
            }
        } else if file_name == name {
            found.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identical_copy_passes_and_a_changed_one_names_its_first_differing_line() {
        let master = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";
        assert_eq!(same_spec(master, master, "x/copy.json"), Ok(()));
        let err = same_spec(master, "{\n  \"a\": 1,\n  \"b\": 3\n}\n", "x/copy.json").unwrap_err();
        assert!(
            err.contains("x/copy.json differs") && err.contains("line 3"),
            "{err}"
        );
        let err = same_spec(master, "{\n  \"a\": 1,\n", "x/copy.json").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn a_readme_example_missing_from_the_tested_readme_fails() {
        let readme = "# t\n```sh\nls\n```\n```rust,no_run\nfn main() {}\n```\n";
        assert_eq!(rust_blocks(readme), ["fn main() {}\n"]);
        assert_eq!(
            readme_examples_tested(readme, "x\n```rust\nfn main() {}\n```\n"),
            Ok(1)
        );
        let err = readme_examples_tested(readme, "```rust\nfn main() { 1; }\n```\n").unwrap_err();
        assert!(err.contains("`fn main() {}`"), "{err}");
    }
}
