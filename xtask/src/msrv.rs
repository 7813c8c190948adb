//! The MSRV check: the `rust-version` the published crates declare is at least every locked
//! dependency's declared `rust-version` (all platforms, dev-dependencies included: a contributor on
//! the MSRV must be able to run the tests).
//!
//! Our own code is held to the same number by clippy's `incompatible_msrv` lint (it reads
//! `rust-version` and flags standard-library items stabilised later), which `cargo xtask test` runs
//! with `-D warnings`.

use crate::metadata::{self, Package};

pub(crate) fn check() -> Result<(), String> {
    let packages = metadata::packages()?;
    let msrv = declared_msrv(&packages)?;
    let offenders = newer_than(&msrv, &packages)?;
    if !offenders.is_empty() {
        return Err(format!(
            "the workspace declares rust-version {msrv}, but these locked dependencies need a newer Rust:\n  {}\n\
             raise `rust-version` in the root Cargo.toml to the highest of them, or hold the dependency back \
             (`cargo update -p NAME --precise VERSION`; resolver 3 prefers versions that fit)",
            offenders.join("\n  ")
        ));
    }
    let external = packages.iter().filter(|p| p.external).count();
    eprintln!("xtask: rust-version {msrv} covers all {external} locked dependencies");
    Ok(())
}

/// The one `rust-version` every publishable workspace crate declares.
fn declared_msrv(packages: &[Package]) -> Result<String, String> {
    let mut found: Option<&str> = None;
    for p in packages.iter().filter(|p| !p.external && p.publishable) {
        let Some(v) = p.rust_version.as_deref() else {
            return Err(format!(
                "{} declares no rust-version (add `rust-version.workspace = true`)",
                p.name
            ));
        };
        match found {
            Some(seen) if parse(seen)? != parse(v)? => {
                return Err(format!(
                    "the published crates declare different rust-versions ({seen} and {v} for {})",
                    p.name
                ));
            }
            _ => found = Some(v),
        }
    }
    found
        .map(str::to_owned)
        .ok_or_else(|| "no publishable workspace crate found".to_owned())
}

/// `name version (rust-version X)` for each external package needing a newer Rust than `msrv`.
fn newer_than(msrv: &str, packages: &[Package]) -> Result<Vec<String>, String> {
    let ours = parse(msrv)?;
    let mut offenders = Vec::new();
    for p in packages.iter().filter(|p| p.external) {
        if let Some(theirs) = p.rust_version.as_deref() {
            if parse(theirs)? > ours {
                offenders.push(format!("{} {} (rust-version {theirs})", p.name, p.version));
            }
        }
    }
    offenders.sort();
    Ok(offenders)
}

/// `1.88` or `1.88.0` as comparable numbers (a missing patch is 0).
fn parse(version: &str) -> Result<(u64, u64, u64), String> {
    let mut parts = version.split('.').map(str::parse::<u64>);
    let mut next = || {
        parts
            .next()
            .transpose()
            .map_err(|_| format!("`{version}` is not a rust-version"))
    };
    let major = next()?.ok_or_else(|| format!("`{version}` is not a rust-version"))?;
    let minor = next()?.unwrap_or(0);
    let patch = next()?.unwrap_or(0);
    if next()?.is_some() {
        return Err(format!("`{version}` is not a rust-version"));
    }
    Ok((major, minor, patch))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(name: &str, rust_version: Option<&str>, external: bool) -> Package {
        Package {
            name: name.into(),
            version: "1.0.0".into(),
            rust_version: rust_version.map(Into::into),
            external,
            publishable: true,
            dir: Default::default(),
            declared_files: vec![],
            internal_deps: vec![],
        }
    }

    #[test]
    fn a_dependency_newer_than_the_msrv_is_named_and_equal_or_older_ones_pass() {
        let packages = [
            pkg("ours", Some("1.88"), false),
            pkg("old", Some("1.60"), true),
            pkg("same", Some("1.88.0"), true),
            pkg("none", None, true),
            pkg("planted", Some("1.88.1"), true),
        ];
        let msrv = declared_msrv(&packages).unwrap();
        assert_eq!(msrv, "1.88");
        assert_eq!(
            newer_than(&msrv, &packages).unwrap(),
            ["planted 1.0.0 (rust-version 1.88.1)"]
        );
        assert_eq!(newer_than("1.89", &packages).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_crate_without_rust_version_or_with_a_different_one_fails() {
        let err =
            declared_msrv(&[pkg("a", Some("1.89"), false), pkg("b", None, false)]).unwrap_err();
        assert!(err.contains("b declares no rust-version"), "{err}");
        let err = declared_msrv(&[pkg("a", Some("1.89"), false), pkg("b", Some("1.90"), false)])
            .unwrap_err();
        assert!(err.contains("different"), "{err}");
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(parse("1.100").unwrap() > parse("1.99.9").unwrap());
        assert_eq!(parse("1.89").unwrap(), parse("1.89.0").unwrap());
        assert!(parse("1.x").is_err() && parse("1.2.3.4").is_err() && parse("").is_err());
    }
}
