//! `cargo xtask package`: every publishable crate packages and builds from its own tarball.
//!
//! 1. For each crate, `cargo package --list` must name only files inside the crate (no `..`, no
//!    `include_str!`/`include_bytes!` reaching out of it or to a file left out of the tarball), no
//!    test keys or fixtures, and both license files.
//! 2. `cargo package` of all of them at once, with verification: each tarball is unpacked and built
//!    alone, the unpublished sibling crates served from a temporary local registry, so no dependency
//!    can resolve to an unrelated crates.io crate of the same name.
//! 3. A table of tarball sizes and file counts, and the order to publish in.

use std::path::{Component, Path, PathBuf};

use crate::metadata::{self, Package};
use crate::{cargo, cargo_stdout, run, stale, workspace_root};

/// The files every tarball must carry (`license = "MIT OR Apache-2.0"`).
const REQUIRED: &[&str] = &["LICENSE-MIT", "LICENSE-APACHE", "README.md"];
/// Extensions of key and certificate files, which only tests use and no tarball needs.
const KEY_EXTENSIONS: &[&str] = &["key", "pem", "p8", "p12", "pfx", "jks", "der", "crt"];
/// Written by cargo into the tarball; not files of the crate folder.
const GENERATED: &[&str] = &[
    ".cargo_vcs_info.json",
    "Cargo.toml",
    "Cargo.toml.orig",
    "Cargo.lock",
];

pub(crate) fn run_cmd(args: &[String]) -> Result<(), String> {
    let verify = !args.iter().any(|a| a == "--no-verify");
    if let Some(unknown) = args.iter().find(|a| a.as_str() != "--no-verify") {
        return Err(format!(
            "unknown flag `{unknown}` for `cargo xtask package` (only --no-verify)"
        ));
    }
    check(verify)
}

pub(crate) fn check(verify: bool) -> Result<(), String> {
    let all = metadata::packages()?;
    let crates: Vec<&Package> = all
        .iter()
        .filter(|p| !p.external && p.publishable)
        .collect();
    let order = publish_order(&crates)?;
    let mut problems = Vec::new();
    let mut counts = Vec::new();
    for krate in &order {
        let files = list(&krate.name)?;
        counts.push(files.len());
        let read = |rel: &str| std::fs::read(krate.dir.join(rel)).ok();
        problems.extend(
            check_listing(&files, &read)
                .into_iter()
                .chain(check_declared(&krate.declared_files))
                .map(|p| format!("{}: {p}", krate.name)),
        );
    }
    if !problems.is_empty() {
        return Err(format!("packaging problems:\n  {}", problems.join("\n  ")));
    }
    eprintln!("xtask: the file lists of {} crates are clean", order.len());
    if verify {
        let ours: Vec<String> = order
            .iter()
            .map(|p| format!("{}-{}", p.name, p.version))
            .collect();
        stale::clear(&target_dir(), &ours)?;
        let registry = target_dir().join("package").join("tmp-registry");
        if registry.exists() {
            std::fs::remove_dir_all(&registry)
                .map_err(|e| format!("cannot remove {}: {e}", registry.display()))?;
        }
        let mut cmd = cargo();
        cmd.args(["package", "--allow-dirty", "--locked", "--quiet"]);
        // One-shot builds of the unpacked tarballs: incremental state would only cost time and disk.
        cmd.env("CARGO_INCREMENTAL", "0");
        for krate in &order {
            cmd.args(["-p", &krate.name]);
        }
        run(cmd)?;
    }
    let dir = target_dir().join("package");
    eprintln!("xtask: publish in this order (each after the ones before it are on crates.io):");
    for (krate, count) in order.iter().zip(&counts) {
        let tarball = dir.join(format!("{}-{}.crate", krate.name, krate.version));
        let size = match std::fs::metadata(&tarball) {
            Ok(meta) if verify => format!("{:.1} KiB", meta.len() as f64 / 1024.0),
            _ => "not built".to_owned(),
        };
        eprintln!("xtask:   {:<16} {count:>3} files  {size}", krate.name);
    }
    Ok(())
}

/// The files `cargo package` would put in `name`'s tarball.
fn list(name: &str) -> Result<Vec<String>, String> {
    let listing = cargo_stdout(&["package", "--list", "--allow-dirty", "--locked", "-p", name])?;
    Ok(listing.lines().map(str::to_owned).collect())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The crates ordered so each comes after the workspace crates it depends on.
fn publish_order<'a>(crates: &[&'a Package]) -> Result<Vec<&'a Package>, String> {
    let mut order: Vec<&Package> = Vec::new();
    let mut left: Vec<&Package> = crates.to_vec();
    while !left.is_empty() {
        let ready = left.iter().position(|p| {
            p.internal_deps
                .iter()
                .all(|d| order.iter().any(|o| &o.name == d) || !crates.iter().any(|c| &c.name == d))
        });
        match ready {
            Some(i) => order.push(left.remove(i)),
            None => {
                let names: Vec<&str> = left.iter().map(|p| p.name.as_str()).collect();
                return Err(format!("dependency cycle among {}", names.join(", ")));
            }
        }
    }
    Ok(order)
}

/// Problems with one tarball's file list; `read` gives a listed file's bytes (None for generated ones).
fn check_listing(files: &[String], read: &dyn Fn(&str) -> Option<Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for required in REQUIRED {
        if !files.iter().any(|f| f == required) {
            problems.push(format!("{required} is not in the tarball"));
        }
    }
    for file in files {
        let path = Path::new(file);
        if normalize(Path::new(""), path).is_none() || path.is_absolute() {
            problems.push(format!("{file} is outside the crate"));
            continue;
        }
        if path.components().any(|c| c.as_os_str() == "fixtures") {
            problems.push(format!("{file} is a test fixture"));
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if KEY_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
            problems.push(format!("{file} is a key or certificate file"));
        }
        if GENERATED.contains(&file.as_str()) {
            continue;
        }
        let Some(bytes) = read(file) else {
            problems.push(format!("{file} is listed but cannot be read"));
            continue;
        };
        if contains(&bytes, b"PRIVATE KEY-----") {
            problems.push(format!("{file} contains a private key"));
        }
        if ext == "rs" {
            let source = String::from_utf8_lossy(&bytes);
            let dir = path.parent().unwrap_or(Path::new(""));
            for included in included_paths(&source) {
                match normalize(dir, Path::new(&included)) {
                    None => problems.push(format!("{file} includes {included}, outside the crate")),
                    Some(target) if !files.iter().any(|f| Path::new(f) == target) => problems.push(
                        format!("{file} includes {included}, which is not in the tarball"),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
    problems
}

/// `readme` / `license-file` must not point outside the crate (cargo would copy the file in silently).
fn check_declared(declared: &[String]) -> Vec<String> {
    declared
        .iter()
        .filter(|f| Path::new(f).is_absolute() || normalize(Path::new(""), Path::new(f)).is_none())
        .map(|f| format!("Cargo.toml names {f}, outside the crate"))
        .collect()
}

/// The string-literal paths of `include_str!`, `include_bytes!` and `#[path = ...]` in `source`.
fn included_paths(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in ["include_str!(", "include_bytes!(", "#[path = "] {
        let mut rest = source;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            let literal = rest.trim_start();
            if let Some(body) = literal.strip_prefix('"') {
                if let Some(end) = body.find('"') {
                    found.push(body[..end].to_owned());
                }
            }
        }
    }
    found
}

/// `base/rel` with `.` and `..` resolved, or None when it climbs above the crate root.
fn normalize(base: &Path, rel: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in base.components().chain(rel.components()) {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(files: &[&str]) -> Vec<String> {
        [
            ".cargo_vcs_info.json",
            "Cargo.toml",
            "Cargo.lock",
            "LICENSE-MIT",
            "LICENSE-APACHE",
            "README.md",
        ]
        .iter()
        .chain(files)
        .map(|f| f.to_string())
        .collect()
    }

    fn plain(_: &str) -> Option<Vec<u8>> {
        Some(b"text".to_vec())
    }

    #[test]
    fn a_clean_listing_passes() {
        let files = listing(&[
            "src/lib.rs",
            "spec/s.json",
            "tests/t.rs",
            "tests/spec/s.json",
        ]);
        let read = |f: &str| match f {
            "src/lib.rs" => Some(b"const S: &str = include_str!(\"../spec/s.json\");".to_vec()),
            "tests/t.rs" => Some(b"const S: &str = include_str!( \"spec/s.json\");".to_vec()),
            _ => Some(b"{}".to_vec()),
        };
        assert_eq!(check_listing(&files, &read), Vec::<String>::new());
    }

    #[test]
    fn a_test_key_fails_by_name_by_folder_and_by_content() {
        let files = listing(&[
            "tests/fixtures/localhost.key",
            "tests/keys/leaf.pem",
            "tests/data.txt",
        ]);
        let read = |f: &str| match f {
            "tests/data.txt" => Some(b"-----BEGIN PRIVATE KEY-----\nMIG...".to_vec()),
            _ => plain(f),
        };
        let problems = check_listing(&files, &read);
        assert!(
            problems.contains(&"tests/fixtures/localhost.key is a test fixture".to_owned()),
            "{problems:?}"
        );
        assert!(problems
            .contains(&"tests/fixtures/localhost.key is a key or certificate file".to_owned()));
        assert!(problems.contains(&"tests/keys/leaf.pem is a key or certificate file".to_owned()));
        assert!(problems.contains(&"tests/data.txt contains a private key".to_owned()));
    }

    #[test]
    fn an_include_outside_the_crate_or_of_an_excluded_file_fails() {
        let files = listing(&["src/schema.rs", "tests/tls.rs", "../spec/s.json"]);
        let read = |f: &str| match f {
            "src/schema.rs" => {
                Some(b"include_str!(\"../../../spec/customers.structure.json\")".to_vec())
            }
            "tests/tls.rs" => Some(b"include_bytes!(\"fixtures/localhost.pem\")".to_vec()),
            _ => plain(f),
        };
        let problems = check_listing(&files, &read);
        assert_eq!(
            problems,
            [
                "src/schema.rs includes ../../../spec/customers.structure.json, outside the crate",
                "tests/tls.rs includes fixtures/localhost.pem, which is not in the tarball",
                "../spec/s.json is outside the crate",
            ]
        );
    }

    #[test]
    fn missing_license_files_and_a_readme_outside_fail() {
        let files = vec!["Cargo.toml".to_owned(), "src/lib.rs".to_owned()];
        let problems = check_listing(&files, &plain);
        assert_eq!(
            problems,
            [
                "LICENSE-MIT is not in the tarball",
                "LICENSE-APACHE is not in the tarball",
                "README.md is not in the tarball"
            ]
        );
        assert_eq!(
            check_declared(&["../../README.md".into()]),
            ["Cargo.toml names ../../README.md, outside the crate"]
        );
        assert_eq!(check_declared(&["README.md".into()]), Vec::<String>::new());
    }

    #[test]
    fn crates_are_published_after_their_workspace_dependencies() {
        let pkg = |name: &str, deps: &[&str]| Package {
            name: name.into(),
            version: "0.1.0".into(),
            rust_version: None,
            external: false,
            publishable: true,
            dir: Default::default(),
            declared_files: vec![],
            internal_deps: deps.iter().map(|d| d.to_string()).collect(),
        };
        let (cli, http, core, types) = (
            pkg("cli", &["http", "tests"]),
            pkg("http", &["core", "types"]),
            pkg("core", &["types"]),
            pkg("types", &[]),
        );
        let order = publish_order(&[&cli, &http, &core, &types]).unwrap();
        let names: Vec<&str> = order.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["types", "core", "http", "cli"]);
        let (a, b) = (pkg("a", &["b"]), pkg("b", &["a"]));
        assert!(publish_order(&[&a, &b]).unwrap_err().contains("cycle"));
    }
}
