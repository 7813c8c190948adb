//! Seed inputs for each target: the request bodies pinned by the repository's insta snapshots, and
//! for `parse_response` a small set of answers shaped like the API's (successes, error envelopes,
//! `invalid_input` trees, rate limits, proxies' HTML), some wrapping those bodies.

use std::path::Path;

/// One seed: its file name (stable, so rewriting the corpus replaces it) and bytes.
pub type Seed = (String, Vec<u8>);

/// The seeds of `target`, reading snapshots below `root` (the workspace root).
pub fn seeds(target: &str, root: &Path) -> Vec<Seed> {
    let bodies = snapshot_bodies(root);
    match target {
        "parse_response" => responses(&bodies),
        _ => bodies
            .into_iter()
            .map(|(name, body)| (name, body.into_bytes()))
            .collect(),
    }
}

/// The JSON request bodies found in `crates/*/tests/snapshots/*.snap`, by snapshot name.
pub fn snapshot_bodies(root: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let Ok(crates) = std::fs::read_dir(root.join("crates")) else {
        return found;
    };
    let mut files: Vec<_> = crates
        .flatten()
        .filter_map(|c| std::fs::read_dir(c.path().join("tests").join("snapshots")).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "snap"))
        .collect();
    files.sort();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("snap");
        if let Some(body) = body_of(&text) {
            found.push((format!("snap-{stem}"), body));
        }
    }
    found
}

/// The JSON object a snapshot pins: the whole content, its `body` member (a rendered request),
/// or the part after the first empty line (an HTTP-style rendering).
fn body_of(snapshot: &str) -> Option<String> {
    // insta's header: `---`, metadata lines, `---`.
    let content = snapshot.strip_prefix("---\n")?;
    let content = &content[content.find("\n---\n")? + 5..];
    let candidates = [
        Some(content),
        content.split_once("\n\n").map(|(_, rest)| rest),
    ];
    for candidate in candidates.into_iter().flatten() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(candidate) else {
            continue;
        };
        let value = match value.get("body") {
            Some(body) if body.is_object() => body.clone(),
            _ => value,
        };
        if value.is_object() {
            return serde_json::to_string(&value).ok();
        }
    }
    None
}

fn responses(bodies: &[(String, String)]) -> Vec<Seed> {
    const JSON: &str = "content-type: application/json; charset=utf-8\nseam-request-id: req_1\n";
    let portal = r#"{"url": "https://connect.getseam.com/portal/abc", "customer_key": "c1", "workspace_id": "00000000-0000-0000-0000-000000000001", "created_at": "2025-01-01T00:00:00.000Z", "expires_at": "2025-01-02T00:00:00Z"}"#;
    let link = r#"{"url": "https://connect.getseam.com/link/abc", "customer_key": "c1", "workspace_id": "00000000-0000-0000-0000-000000000001", "created_at": "2025-01-01T00:00:00Z", "expires_at": "2025-01-02T00:00:00Z"}"#;
    let fixed = [
        ("ok", format!("200\n{JSON}\n{{\"ok\": true}}")),
        ("portal", format!("200\n{JSON}\n{{\"ok\": true, \"customer_portal\": {portal}}}")),
        ("magic-link", format!("200\n{JSON}\n{{\"ok\": true, \"magic_link\": {portal}}}")),
        ("deep-link", format!("200\n{JSON}\n{{\"ok\": true, \"customer_deep_link\": {link}}}")),
        ("ok-false", format!("200\n{JSON}\n{{\"ok\": false}}")),
        (
            "invalid-input",
            format!(
                "400\n{JSON}\n{{\"error\": {{\"type\": \"invalid_input\", \"message\": \"Invalid input\", \
                 \"validation_errors\": {{\"_errors\": [], \"customer_data\": {{\"_errors\": [], \"buildings\": \
                 {{\"_errors\": [], \"0\": {{\"_errors\": [\"Required\"]}}}}}}}}}}, \"ok\": false}}"
            ),
        ),
        (
            "unauthorized",
            format!("401\n{JSON}\n{{\"error\": {{\"type\": \"unauthorized\", \"message\": \"Unauthorized\"}}}}"),
        ),
        (
            "rate-limited",
            format!(
                "429\n{JSON}retry-after: 3\n\n{{\"error\": {{\"type\": \"rate_limited\", \"message\": \"slow down\", \
                 \"data\": {{\"limit\": 10}}}}}}"
            ),
        ),
        ("retry-after-date", "503\nretry-after: Wed, 21 Oct 2015 07:28:00 GMT\n\n".to_owned()),
        ("proxy-html", "502\ncontent-type: text/html\n\n<html><body>Bad gateway</body></html>".to_owned()),
        ("empty-2xx", "204\n\n".to_owned()),
    ];
    let mut seeds: Vec<Seed> = fixed
        .into_iter()
        .map(|(name, text)| (format!("response-{name}"), text.into_bytes()))
        .collect();
    // Each snapshot body as the `data` of an error and as a success member: real shapes and keys.
    for (name, body) in bodies {
        seeds.push((
            format!("response-error-{name}"),
            format!("400\n{JSON}\n{{\"error\": {{\"type\": \"x\", \"message\": \"m\", \"data\": {body}}}}}").into_bytes(),
        ));
        seeds.push((
            format!("response-ok-{name}"),
            format!("200\n{JSON}\n{{\"ok\": true, \"customer_portal\": {body}}}").into_bytes(),
        ));
    }
    seeds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_come_from_each_snapshot_shape() {
        let plain = "---\nsource: a.rs\nexpression: x\n---\n{\n  \"a\": 1\n}\n";
        assert_eq!(body_of(plain).as_deref(), Some(r#"{"a":1}"#));
        let rendered = "---\nsource: a.rs\n---\n{\"body\": {\"b\": [1]}, \"method\": \"POST\"}\n";
        assert_eq!(body_of(rendered).as_deref(), Some(r#"{"b":[1]}"#));
        let http = "---\nsource: a.rs\n---\nPOST https://x.invalid/y\naccept: application/json\n\n{\"c\": true}\n";
        assert_eq!(body_of(http).as_deref(), Some(r#"{"c":true}"#));
        assert_eq!(body_of("---\nsource: a.rs\n---\n[1, 2]\n"), None);
    }

    #[test]
    fn the_repository_snapshots_seed_every_target_and_the_seeds_pass_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let bodies = snapshot_bodies(root);
        assert!(
            bodies.len() >= 20,
            "only {} snapshot bodies found",
            bodies.len()
        );
        for (target, run) in crate::TARGETS {
            let seeds = seeds(target, root);
            assert!(
                seeds.len() >= bodies.len(),
                "{target}: {} seeds",
                seeds.len()
            );
            for (_, seed) in &seeds {
                run(seed);
            }
        }
    }
}
