//! Clears what an earlier `cargo package` verification left behind, so this one is honest.
//!
//! To verify `seamapi-http`, cargo serves its unpublished siblings (`seamapi-core`, ...) from a
//! temporary local registry and unpacks them into `$CARGO_HOME/registry/src/-<hash>/`. Cargo does not
//! unpack a crate again when that folder exists, and the unpacked files carry the tarball's fixed
//! 2006 timestamps, so neither the sources nor the build fingerprints notice a change: a second run
//! in the same checkout verifies against the siblings as they were the first time (measured here:
//! the unpacked `seamapi-core` kept a `Cargo.toml` from before a metadata edit). A fresh clone is not
//! affected unless it sits where an earlier clone was (cargo names the folder by the registry's path),
//! a working copy is. Before verifying, this removes those unpacked siblings and the
//! fingerprints of the builds made from them; finding them through the build's own dep-info files
//! (`target/debug/deps/*.d`) touches only what this checkout built.

use std::path::{Path, PathBuf};

/// What to delete: unpacked sibling crates and fingerprint folders of the builds made from them.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Stale {
    pub sources: Vec<PathBuf>,
    pub fingerprints: Vec<PathBuf>,
}

/// Finds and removes the stale state under `target` for the crates `ours` (`name-version`).
pub(crate) fn clear(target: &Path, ours: &[String]) -> Result<(), String> {
    let deps = target.join("debug").join("deps");
    // Nothing built yet in a fresh clone: no dep-info to read.
    let entries = std::fs::read_dir(&deps).into_iter().flatten();
    let mut stale = Stale::default();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "d") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let sources = unpacked_siblings(&text, ours);
        if sources.is_empty() {
            continue;
        }
        if let Some(hash) = unit_hash(&path) {
            stale.fingerprints.extend(fingerprint_dirs(
                &target.join("debug").join(".fingerprint"),
                hash,
            ));
        }
        stale.sources.extend(sources);
    }
    // A fresh clone at the path of an earlier one has no dep-info yet, but cargo hashes the
    // temporary registry's path, so it would reuse that clone's unpacked siblings: remove every
    // unpacked copy of ours from a local registry (they are unpacked again when needed).
    stale
        .sources
        .extend(local_registry_copies(&cargo_home(), ours));
    stale.sources.sort();
    stale.sources.dedup();
    for dir in stale.sources.iter().chain(&stale.fingerprints) {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        }
    }
    if !stale.sources.is_empty() {
        eprintln!(
            "xtask: cleared {} unpacked sibling crate(s) and {} fingerprint(s) from an earlier verification",
            stale.sources.len(),
            stale.fingerprints.len()
        );
    }
    Ok(())
}

/// `$CARGO_HOME`, else `~/.cargo`.
fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
}

/// Every `<cargo_home>/registry/src/-<hash>/<name-version>` folder for the crates `ours`: unpacked
/// from a local registry (crates.io's folders start with `index.`, a local one's with `-`).
fn local_registry_copies(cargo_home: &Path, ours: &[String]) -> Vec<PathBuf> {
    let Ok(registries) = std::fs::read_dir(cargo_home.join("registry").join("src")) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for krate in ours {
            let dir = registry.path().join(krate);
            if dir.is_dir() {
                found.push(dir);
            }
        }
    }
    found
}

/// The unpacked-sibling folders (`.../registry/src/-<hash>/<name-version>`) a dep-info file names.
fn unpacked_siblings(dep_info: &str, ours: &[String]) -> Vec<PathBuf> {
    const MARK: &str = "/registry/src/";
    let mut found = Vec::new();
    for token in dep_info.split_whitespace() {
        let Some(at) = token.find(MARK) else { continue };
        let rest = &token[at + MARK.len()..];
        let mut parts = rest.split('/');
        let (Some(registry), Some(krate)) = (parts.next(), parts.next()) else {
            continue;
        };
        // A local registry has no host name, so its folder starts with `-` (crates.io's with `index.`).
        if registry.starts_with('-') && ours.iter().any(|o| o == krate) {
            let dir = PathBuf::from(format!("{}{MARK}{registry}/{krate}", &token[..at]));
            if !found.contains(&dir) {
                found.push(dir);
            }
        }
    }
    found
}

/// `abc123` from `.../deps/seam_core-abc123.d`.
fn unit_hash(dep_file: &Path) -> Option<&str> {
    dep_file
        .file_stem()?
        .to_str()?
        .rsplit_once('-')
        .map(|(_, hash)| hash)
}

fn fingerprint_dirs(fingerprints: &Path, hash: &str) -> Vec<PathBuf> {
    let suffix = format!("-{hash}");
    std::fs::read_dir(fingerprints)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&suffix))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacked_copies_from_local_registries_are_found_and_crates_io_is_left_alone() {
        let home = std::env::temp_dir().join(format!("xtask-stale-home-{}", std::process::id()));
        let src = home.join("registry").join("src");
        for dir in [
            "-abc/seamapi-core-0.1.0",
            "-def/seamapi-core-0.1.0",
            "-def/other-1.0.0",
            "index.crates.io-123/seamapi-core-0.1.0",
        ] {
            std::fs::create_dir_all(src.join(dir)).unwrap();
        }
        let mut found = local_registry_copies(&home, &["seamapi-core-0.1.0".to_owned()]);
        found.sort();
        assert_eq!(
            found,
            [
                src.join("-abc/seamapi-core-0.1.0"),
                src.join("-def/seamapi-core-0.1.0")
            ]
        );
        std::fs::remove_dir_all(&home).unwrap();
    }

    #[test]
    fn only_our_crates_unpacked_from_a_local_registry_are_stale() {
        let ours = vec!["seamapi-core-0.1.0".to_owned()];
        let dep_info = "/w/target/debug/deps/seam_core-5ff6.d: \
            /home/u/.cargo/registry/src/-bb2e/seamapi-core-0.1.0/src/lib.rs \
            /home/u/.cargo/registry/src/-bb2e/seamapi-core-0.1.0/src/build.rs \
            /home/u/.cargo/registry/src/index.crates.io-1949/serde-1.0.0/src/lib.rs \
            /home/u/.cargo/registry/src/-bb2e/other-0.1.0/src/lib.rs\n";
        assert_eq!(
            unpacked_siblings(dep_info, &ours),
            [PathBuf::from(
                "/home/u/.cargo/registry/src/-bb2e/seamapi-core-0.1.0"
            )]
        );
        let workspace_build =
            "/w/target/debug/deps/seam_core-77.d: /w/crates/seam-core/src/lib.rs\n";
        assert!(unpacked_siblings(workspace_build, &ours).is_empty());
        assert_eq!(
            unit_hash(Path::new("/w/target/debug/deps/seam_core-5ff6.d")),
            Some("5ff6")
        );
    }

    #[test]
    fn clearing_removes_the_unpacked_sibling_and_its_fingerprint_but_nothing_else() {
        let root = std::env::temp_dir().join(format!("xtask-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let unpacked = root.join("home/registry/src/-ab12/seamapi-core-0.1.0");
        let target = root.join("target");
        let (deps, prints) = (target.join("debug/deps"), target.join("debug/.fingerprint"));
        for dir in [
            &unpacked,
            &deps,
            &prints.join("seamapi-core-5ff6"),
            &prints.join("seamapi-core-77"),
        ] {
            std::fs::create_dir_all(dir).unwrap();
        }
        let lib = unpacked.join("lib.rs");
        std::fs::write(&lib, "").unwrap();
        std::fs::write(
            deps.join("seam_core-5ff6.d"),
            format!("x: {}\n", lib.display()),
        )
        .unwrap();
        std::fs::write(
            deps.join("seam_core-77.d"),
            "x: /w/crates/seam-core/src/lib.rs\n",
        )
        .unwrap();

        clear(&target, &["seamapi-core-0.1.0".to_owned()]).unwrap();
        assert!(!unpacked.exists() && !prints.join("seamapi-core-5ff6").exists());
        assert!(prints.join("seamapi-core-77").exists());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
