//! The HTML page a portal link serves: the customer's stored resources, all text escaped.

use std::fmt::Write as _;

use serde_json::Value;

use crate::collections::COLLECTIONS;
use crate::store::CustomerData;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's style: system fonts, readable width, enough contrast, light and dark.
const STYLE: &str = "\
:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}\
body{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}\
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .25rem}\
.note{margin:0 0 1rem;font-size:.9rem}ul{padding-left:1.25rem;margin:0}li{margin:.15rem 0}\
code{font-size:.85em;padding:0 .25em;border:1px solid;border-radius:.25em;opacity:.85}\
.when{font-size:.9rem}";

/// A collection's heading: `property_listings` becomes `Property listings`.
fn heading(collection: &str) -> String {
    let spaced = collection.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

fn head(title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    )
}

/// The page for one customer: a heading per collection that holds resources, each resource by
/// name with its key (and its dates, for stays). Every piece of user text is escaped.
pub(crate) fn render(customer_key: &str, data: Option<&CustomerData>, expires_at: &str) -> String {
    let key = escape(customer_key);
    let expires = escape(expires_at);
    let mut page = head(&format!("Customer portal for {key}"));
    let _ = write!(
        page,
        "<h1>Customer portal for <code>{key}</code></h1>\n\
         <p class=\"note\">Served by seam-fake, a local stand-in for Seam's hosted portal: \
         it lists what is stored for this customer. The link expires \
         <time datetime=\"{expires}\">{expires}</time>.</p>\n"
    );
    let mut any = false;
    for (collection, key_field) in COLLECTIONS {
        let Some(items) = data
            .and_then(|d| d.get(*collection))
            .filter(|i| !i.is_empty())
        else {
            continue;
        };
        any = true;
        let id = escape(collection);
        let _ = write!(
            page,
            "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{} ({})</h2>\n<ul>\n",
            escape(&heading(collection)),
            items.len()
        );
        for item in items {
            item_line(&mut page, item, key_field);
        }
        page.push_str("</ul>\n</section>\n");
    }
    if !any {
        page.push_str(
            "<p>Nothing is stored for this customer yet: push data with \
             <code>POST /customers/push_data</code>, or pass <code>customer_data</code> to \
             <code>create_portal</code>.</p>\n",
        );
    }
    page.push_str("</main>\n</body>\n</html>\n");
    page
}

/// One resource: its name (or its key when it has none), its key, and for stays their dates.
fn item_line(page: &mut String, item: &Value, key_field: &str) {
    let rkey = escape(item.get(key_field).and_then(Value::as_str).unwrap_or(""));
    let name = item
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty());
    let _ = write!(page, "<li data-key=\"{rkey}\">");
    match name {
        Some(n) => {
            let _ = write!(page, "{} <code>{rkey}</code>", escape(n));
        }
        None => {
            let _ = write!(page, "<code>{rkey}</code>");
        }
    }
    let time = |field: &str| item.get(field).and_then(Value::as_str).map(escape);
    match (time("starts_at"), time("ends_at")) {
        (Some(s), Some(e)) => {
            let _ = write!(
                page,
                " <span class=\"when\"><time datetime=\"{s}\">{s}</time> to \
                 <time datetime=\"{e}\">{e}</time></span>"
            );
        }
        (Some(s), None) => {
            let _ = write!(
                page,
                " <span class=\"when\">from <time datetime=\"{s}\">{s}</time></span>"
            );
        }
        (None, Some(e)) => {
            let _ = write!(
                page,
                " <span class=\"when\">until <time datetime=\"{e}\">{e}</time></span>"
            );
        }
        (None, None) => {}
    }
    page.push_str("</li>\n");
}

/// The page for an unknown or expired link.
pub(crate) fn not_found() -> String {
    let mut page = head("Portal link not found");
    page.push_str(
        "<h1>Portal link not found</h1>\n<p>This link is unknown to this seam-fake, or it has \
         expired. Ask for a new one with <code>POST /customers/create_portal</code>.</p>\n\
         </main>\n</body>\n</html>\n",
    );
    page
}

/// The page for a link past its `expires_at` (served with a 410).
pub(crate) fn expired(expires_at: &str) -> String {
    let at = escape(expires_at);
    let mut page = head("Portal link expired");
    let _ = write!(
        page,
        "<h1>Portal link expired</h1>\n<p>This link expired at \
         <time datetime=\"{at}\">{at}</time>. Ask for a new one with \
         <code>POST /customers/create_portal</code>.</p>\n</main>\n</body>\n</html>\n"
    );
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_user_text() {
        let mut data = CustomerData::new();
        data.insert(
            "buildings".into(),
            vec![
                serde_json::json!({"building_key": "b\"1", "name": "<script>alert('x')</script>&"}),
            ],
        );
        let page = render("<c>", Some(&data), "soon");
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<c>"));
        assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
        assert!(page.contains("data-key=\"b&quot;1\""));
        assert!(page.contains("&lt;c&gt;"));
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_each_non_empty_collection_with_a_count_names_keys_and_dates() {
        let mut data = CustomerData::new();
        data.insert(
            "property_listings".into(),
            vec![json!({"property_listing_key": "pl1", "name": "Loft"})],
        );
        data.insert("spaces".into(), Vec::new());
        data.insert(
            "reservations".into(),
            vec![json!({"reservation_key": "r1",
                "starts_at": "2026-01-01T15:00:00Z", "ends_at": "2026-01-03T11:00:00Z"})],
        );
        let page = render("acme", Some(&data), "2026-01-08T00:00:00Z");
        assert!(page.contains("<h2 id=\"property_listings\">Property listings (1)</h2>"));
        assert!(page.contains("<li data-key=\"pl1\">Loft <code>pl1</code></li>"));
        // A resource without a name shows its key, and a stay its dates.
        assert!(page.contains("<li data-key=\"r1\"><code>r1</code> <span class=\"when\">"));
        assert!(page.contains("<time datetime=\"2026-01-03T11:00:00Z\">"));
        assert!(!page.contains("Spaces"), "empty collections are left out");
        assert!(page.contains("<html lang=\"en\">") && page.contains("name=\"viewport\""));
        assert!(page.contains("<main>") && page.contains("aria-labelledby=\"reservations\""));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn an_empty_customer_gets_a_hint() {
        let page = render("acme", None, "soon");
        assert!(page.contains("Nothing is stored for this customer yet"));
        assert!(not_found().contains("<h1>Portal link not found</h1>"));
    }
}
