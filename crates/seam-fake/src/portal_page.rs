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

/// The page for one customer.
pub(crate) fn render(customer_key: &str, data: Option<&CustomerData>, expires_at: &str) -> String {
    let mut page = String::new();
    let key = escape(customer_key);
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Customer portal: {key}</title></head>\n<body>\n\
         <h1>Customer portal (seam-fake)</h1>\n<p>Customer <code>{key}</code>; link expires {}.</p>\n",
        escape(expires_at)
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
        let _ = writeln!(page, "<section><h2>{}</h2>\n<ul>", escape(collection));
        for item in items {
            let rkey = item.get(*key_field).and_then(Value::as_str).unwrap_or("");
            let name = item.get("name").and_then(Value::as_str).unwrap_or("");
            let _ = writeln!(
                page,
                "<li data-key=\"{}\"><code>{}</code> {}</li>",
                escape(rkey),
                escape(rkey),
                escape(name)
            );
        }
        page.push_str("</ul></section>\n");
    }
    if !any {
        page.push_str("<p>No resources stored for this customer yet.</p>\n");
    }
    page.push_str("</body></html>\n");
    page
}

/// The page for an unknown or expired link.
pub(crate) fn not_found() -> String {
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
     <body><h1>Portal link not found or expired</h1></body></html>\n"
        .to_owned()
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
        assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
        assert!(page.contains("data-key=\"b&quot;1\""));
        assert!(page.contains("&lt;c&gt;"));
    }
}
