//! `cargo metadata`, read once per check: the workspace's crates and every locked package.

use std::path::PathBuf;

use serde_json::Value;

use crate::cargo_stdout;

/// One package as `cargo metadata` describes it (only what the checks read).
#[derive(Debug, Clone)]
pub(crate) struct Package {
    pub name: String,
    pub version: String,
    /// The declared `rust-version`, if any.
    pub rust_version: Option<String>,
    /// Whether it comes from a registry or git (not a path in this workspace).
    pub external: bool,
    /// `false` when `publish = false`.
    pub publishable: bool,
    /// The folder holding its `Cargo.toml`.
    pub dir: PathBuf,
    /// `readme` and `license-file` as written in the manifest (relative to `dir`).
    pub declared_files: Vec<String>,
    /// Names of the workspace packages it depends on (any kind of dependency).
    pub internal_deps: Vec<String>,
}

/// Every package of the lock file (all platforms), workspace members included.
pub(crate) fn packages() -> Result<Vec<Package>, String> {
    let stdout = cargo_stdout(&["metadata", "--format-version", "1", "--locked"])?;
    let doc: Value = serde_json::from_str(&stdout)
        .map_err(|e| format!("cargo metadata printed something that is not JSON: {e}"))?;
    parse(&doc)
}

fn parse(doc: &Value) -> Result<Vec<Package>, String> {
    let list = doc
        .get("packages")
        .and_then(Value::as_array)
        .ok_or("cargo metadata: no `packages` array")?;
    let local: Vec<&str> = list
        .iter()
        .filter(|p| p.get("source").is_none_or(Value::is_null))
        .filter_map(|p| p.get("name").and_then(Value::as_str))
        .collect();
    let text = |p: &Value, key: &str| p.get(key).and_then(Value::as_str).map(str::to_owned);
    list.iter()
        .map(|p| {
            let name = text(p, "name").ok_or("cargo metadata: a package without a name")?;
            let manifest = text(p, "manifest_path").unwrap_or_default();
            let dir = PathBuf::from(manifest)
                .parent()
                .map(PathBuf::from)
                .unwrap_or_default();
            let internal_deps = p
                .get("dependencies")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|d| d.get("source").is_none_or(Value::is_null))
                .filter_map(|d| d.get("name").and_then(Value::as_str))
                .filter(|n| local.contains(n) && *n != name)
                .map(str::to_owned)
                .collect();
            Ok(Package {
                version: text(p, "version").unwrap_or_default(),
                rust_version: text(p, "rust_version"),
                external: !p.get("source").is_none_or(Value::is_null),
                // `publish` is null when unrestricted and `[]` for `publish = false`.
                publishable: p
                    .get("publish")
                    .and_then(Value::as_array)
                    .is_none_or(|registries| !registries.is_empty()),
                dir,
                declared_files: ["readme", "license_file"]
                    .iter()
                    .filter_map(|key| text(p, key))
                    .collect(),
                internal_deps,
                name,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_source_publish_rust_version_and_internal_dependencies() {
        let doc = serde_json::json!({"packages": [
            {"name": "a", "version": "0.1.0", "source": null, "publish": null, "rust_version": "1.89",
             "manifest_path": "/w/crates/a/Cargo.toml", "readme": "README.md",
             "dependencies": [{"name": "b", "source": null}, {"name": "serde", "source": "registry+x"}]},
            {"name": "b", "version": "0.1.0", "source": null, "publish": [], "manifest_path": "/w/b/Cargo.toml",
             "dependencies": []},
            {"name": "serde", "version": "1.0.0", "source": "registry+x", "rust_version": "1.61",
             "manifest_path": "/r/serde/Cargo.toml", "dependencies": []}
        ]});
        let packages = parse(&doc).unwrap();
        let a = &packages[0];
        assert!(a.publishable && !a.external);
        assert_eq!(a.internal_deps, ["b"]);
        assert_eq!(a.declared_files, ["README.md"]);
        assert_eq!(a.dir, PathBuf::from("/w/crates/a"));
        assert!(!packages[1].publishable);
        assert!(packages[2].external);
        assert_eq!(packages[2].rust_version.as_deref(), Some("1.61"));
    }
}
