//! The HTML rendering of a portal link's view: settings, features, and the customer's resources
//! with the landing target and the filters applied. No scripts; every piece of text is escaped.

use std::fmt::Write as _;

use serde_json::Value;

use crate::portal_i18n::{labels, Labels};
use crate::portal_view::{CollectionView, FeatureView, PortalView, ResourceView};

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

/// The page's style: light, system fonts, text at 7:1 contrast or better (muted text too), tags
/// that say what they mean in words as well as colour.
const STYLE: &str = "\
:root{color-scheme:light;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
line-height:1.45;color:#1b1f24;background:#eef1f5}\
body{margin:0}\
.wrap{max-width:56rem;margin:0 auto;padding:1.25rem 1rem 2rem}\
body.embedded .wrap{max-width:none;padding:.75rem}\
header.top{background:#14213d;color:#fff}\
header.top .wrap{padding-top:1rem;padding-bottom:1rem}\
.brand{margin:0;font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:#dbe4f3}\
h1{margin:.1rem 0 .5rem;font-size:1.6rem}\
h2{font-size:1.15rem;margin:0 0 .75rem}h3{font-size:1rem;margin:0}\
.badges{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}\
.badges li{background:#fff;color:#14213d;border-radius:99px;padding:.1rem .6rem;font-size:.8rem;font-weight:600}\
nav{background:#fff;border-bottom:1px solid #d5dbe3}\
nav ul{list-style:none;display:flex;gap:1.25rem;margin:0 auto;max-width:56rem;padding:.6rem 1rem}\
nav a{color:#1d4ed8;font-weight:600;text-decoration:none}nav a:hover,nav a:focus{text-decoration:underline}\
section.card{background:#fff;border:1px solid #d5dbe3;border-radius:.6rem;padding:1rem 1.1rem;margin:0 0 1rem}\
dl{margin:0}dt{font-size:.8rem;color:#374151;font-weight:600}dd{margin:0 0 .4rem}\
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem 1rem}\
.features{list-style:none;margin:0;padding:0;display:grid;\
grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:.75rem}\
.feature{border:1px solid #d5dbe3;border-left:4px solid #15803d;border-radius:.5rem;padding:.7rem .8rem}\
.feature.off{background:#f7f7f8;border-style:dashed;border-left:4px solid #b91c1c}\
.feature header{display:flex;justify-content:space-between;align-items:center;gap:.5rem;margin-bottom:.4rem}\
.options div{display:flex;justify-content:space-between;gap:.75rem;border-top:1px solid #eceff3;padding:.2rem 0}\
.options dt{font-weight:400;min-width:0;overflow-wrap:anywhere}.options dd{margin:0;text-align:right;font-size:.85rem}\
.given dt code{font-weight:700}\
.tag{display:inline-block;border-radius:.3rem;padding:0 .45rem;font-size:.78rem;font-weight:700;\
white-space:nowrap}\
.tag.on{background:#dcfce7;color:#14532d}.tag.off{background:#fee2e2;color:#7f1d1d}\
.tag.opens{background:#1d4ed8;color:#fff}.tag.out{background:#e5e7eb;color:#1f2937}\
.tag.hide{background:#fef3c7;color:#713f12}\
.collection{margin-top:.9rem}.collection h3{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}\
.resources{list-style:none;margin:.4rem 0 0;padding:0}\
.resource{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .6rem;padding:.4rem .6rem;\
border:1px solid #e3e7ed;border-radius:.4rem;margin:.3rem 0}\
.resource.opens{border:2px solid #1d4ed8;background:#eff4ff}\
.resource.out{background:#f3f4f6;color:#374151}.resource.out .name{text-decoration:line-through}\
.resource .name{font-weight:600}.when,.meta{font-size:.85rem;color:#374151}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em;background:#eef1f5;\
color:#1b1f24;padding:0 .25em;border-radius:.25em}\
.filters{margin:0 0 .5rem;padding-left:1.1rem}\
footer{font-size:.85rem;color:#374151}footer p{margin:.25rem 0}";

fn head(lang: &str, title: &str, body_class: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body class=\"{body_class}\">\n"
    )
}

/// A collection's heading: `property_listings` becomes `Property listings`.
fn heading(collection: &str) -> String {
    let spaced = collection.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// The page of one portal link, in the portal's language.
pub(crate) fn render(view: &PortalView) -> String {
    let l = labels(&view.locale);
    let key = escape(&view.customer_key);
    let class = if view.is_embedded {
        "embedded"
    } else {
        "standalone"
    };
    let mut page = head(
        &escape(&view.locale),
        &format!("{} · {key}", l.portal),
        class,
    );
    header(&mut page, view, l);
    if view.navigation_mode != "restricted" {
        let _ = writeln!(
            page,
            "<nav aria-label=\"{}\"><ul><li><a href=\"#settings\">{}</a></li>\
             <li><a href=\"#features\">{}</a></li><li><a href=\"#resources\">{}</a></li>\
             </ul></nav>",
            l.sections, l.settings, l.features, l.resources
        );
    }
    page.push_str("<main class=\"wrap\">\n");
    settings(&mut page, view, l);
    features(&mut page, &view.features, l);
    resources(&mut page, view, l);
    page.push_str("</main>\n");
    let _ = write!(
        page,
        "<footer class=\"wrap\" lang=\"en\"><p>Served by seam-fake, a local stand-in for Seam's \
         hosted portal: it shows how this link's options apply to what is stored for \
         <code>{key}</code>. The same view as JSON: request this URL with \
         <code>accept: application/json</code>.</p></footer>\n</body>\n</html>\n"
    );
    page
}

fn header(page: &mut String, view: &PortalView, l: &Labels) {
    let _ = write!(
        page,
        "<header class=\"top\"><div class=\"wrap\"><p class=\"brand\">{}</p>\n\
         <h1>{}</h1>\n<ul class=\"badges\" aria-label=\"{}\"><li>{}</li>",
        l.portal,
        escape(&view.customer_key),
        l.settings,
        escape(&view.locale)
    );
    if view.read_only {
        let _ = write!(page, "<li>{}</li>", l.read_only);
    }
    if view.navigation_mode == "restricted" {
        let _ = write!(page, "<li>{}</li>", l.nav_restricted);
    }
    if view.is_embedded {
        let _ = write!(page, "<li>{}</li>", l.embedded);
    }
    page.push_str("</ul></div></header>\n");
}

fn settings(page: &mut String, view: &PortalView, l: &Labels) {
    let shown = |b: bool| if b { l.shown } else { l.hidden };
    let rows = [
        (
            l.language,
            format!("<code>{}</code>", escape(&view.locale)),
            "locale",
        ),
        (
            l.locale_picker,
            shown(view.locale_picker).to_owned(),
            "locale-picker",
        ),
        (
            l.access,
            if view.read_only {
                l.read_only
            } else {
                l.editable
            }
            .to_owned(),
            "access",
        ),
        (
            l.navigation,
            if view.navigation_mode == "restricted" {
                l.nav_restricted
            } else {
                l.nav_full
            }
            .to_owned(),
            "navigation",
        ),
        (
            l.embedding,
            if view.is_embedded {
                l.embedded
            } else {
                l.standalone
            }
            .to_owned(),
            "embedding",
        ),
        (l.opens_on, opens_on(view, l), "opens-on"),
    ];
    let _ = write!(
        page,
        "<section class=\"card\" aria-labelledby=\"settings\">\n<h2 id=\"settings\">{}</h2>\n\
         <dl class=\"grid\">",
        l.settings
    );
    for (term, value, id) in rows {
        let _ = write!(
            page,
            "<div data-setting=\"{id}\"><dt>{term}</dt><dd>{value}</dd></div>"
        );
    }
    if let Some(profile) = &view.customization_profile_id {
        let _ = write!(
            page,
            "<div data-setting=\"customization-profile\"><dt><code>customization_profile_id</code>\
             </dt><dd><code>{}</code></dd></div>",
            escape(profile)
        );
    }
    let _ = write!(
        page,
        "<div data-setting=\"expires\"><dt>{}</dt><dd>{}</dd></div></dl>\n</section>\n",
        l.expires,
        time_element(&view.expires_at)
    );
}

/// `deep_link` (or `landing_page`): the key field, the key, and whether the customer has it.
fn opens_on(view: &PortalView, l: &Labels) -> String {
    let Some(target) = view.opens_on() else {
        return l.none.to_owned();
    };
    let source = if view.deep_link.is_some() {
        "deep_link"
    } else {
        "landing_page"
    };
    let mut out = format!(
        "<code>{}</code> <code>{}</code> <span class=\"meta\">(<code>{source}</code>)</span>",
        escape(&target.field),
        escape(&target.key)
    );
    if !target.found {
        let _ = write!(out, " <span class=\"tag off\">{}</span>", l.missing);
    }
    out
}

fn features(page: &mut String, features: &[FeatureView], l: &Labels) {
    let _ = write!(
        page,
        "<section class=\"card\" aria-labelledby=\"features\">\n<h2 id=\"features\">{}</h2>\n\
         <ul class=\"features\">\n",
        l.features
    );
    for f in features {
        let (class, state) = if f.enabled {
            ("on", l.enabled)
        } else {
            ("off", l.excluded)
        };
        let deprecated = if f.deprecated {
            " <span class=\"meta\" lang=\"en\">(deprecated: use manage)</span>"
        } else {
            ""
        };
        let _ = write!(
            page,
            "<li class=\"feature {class}\" data-feature=\"{}\" aria-labelledby=\"feature-{}\">\
             <header><h3 id=\"feature-{}\">{}{deprecated}</h3>\
             <span class=\"tag {class}\">{state}</span></header>\n<dl class=\"options\">",
            f.name,
            f.name,
            f.name,
            l.feature(f.name)
        );
        for o in f.options.iter().filter(|o| o.name != "exclude") {
            let given = if o.given { " class=\"given\"" } else { "" };
            let _ = write!(
                page,
                "<div{given} data-option=\"{}\"><dt><code>{}</code></dt><dd>{}</dd></div>",
                o.name,
                o.name,
                value(&o.value, l)
            );
        }
        page.push_str("</dl></li>\n");
    }
    page.push_str("</ul>\n</section>\n");
}

/// An option's value in words: yes/no, text, a list of codes, or the fields of an object.
fn value(v: &Value, l: &Labels) -> String {
    match v {
        Value::Null => l.none.to_owned(),
        Value::Bool(true) => l.yes.to_owned(),
        Value::Bool(false) => l.no.to_owned(),
        Value::String(s) => escape(s),
        Value::Array(items) if items.is_empty() => l.none.to_owned(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => format!("<code>{}</code>", escape(s)),
                other => value(other, l),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("<code>{}</code>: {}", escape(k), value(v, l)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Number(n) => n.to_string(),
    }
}

fn resources(page: &mut String, view: &PortalView, l: &Labels) {
    let _ = write!(
        page,
        "<section class=\"card\" aria-labelledby=\"resources\">\n\
         <h2 id=\"resources\">{}</h2>\n",
        l.resources
    );
    let _ = writeln!(page, "<h3 id=\"filters\">{}</h3>", l.filters);
    if view.customer_resources_filters.is_empty() {
        let _ = writeln!(page, "<p>{}</p>", l.none);
    } else {
        page.push_str("<ul class=\"filters\" aria-labelledby=\"filters\">");
        for f in &view.customer_resources_filters {
            let text = |k: &str| f.get(k).map(|v| escape(&v.to_string())).unwrap_or_default();
            let field = escape(f.get("field").and_then(Value::as_str).unwrap_or(""));
            let _ = write!(
                page,
                "<li><code>custom_metadata.{field}</code> {} <code>{}</code></li>",
                escape(f.get("operation").and_then(Value::as_str).unwrap_or("")),
                text("value")
            );
        }
        page.push_str("</ul>\n");
    }
    if view.collections.is_empty() {
        page.push_str(
            "<p lang=\"en\">Nothing is stored for this customer yet: push data with \
             <code>POST /customers/push_data</code>, or pass <code>customer_data</code> to \
             <code>create_portal</code>.</p>\n",
        );
    }
    for c in &view.collections {
        collection(page, c, l);
    }
    page.push_str("</section>\n");
}

fn collection(page: &mut String, c: &CollectionView, l: &Labels) {
    let id = escape(c.name);
    let _ = write!(
        page,
        "<section class=\"collection\" aria-labelledby=\"c-{id}\" data-collection=\"{id}\">\n\
         <h3 id=\"c-{id}\"><span lang=\"en\">{}</span> ({})",
        escape(&heading(c.name)),
        c.resources.len()
    );
    if let Some(option) = &c.hidden_by {
        let _ = write!(
            page,
            " <span class=\"tag hide\">{}: <code>{}</code></span>",
            l.hidden,
            escape(option)
        );
    }
    page.push_str("</h3>\n<ul class=\"resources\">\n");
    for r in &c.resources {
        resource(page, r, l);
    }
    page.push_str("</ul>\n</section>\n");
}

fn resource(page: &mut String, r: &ResourceView, l: &Labels) {
    let key = escape(&r.key);
    let mut class = String::from("resource");
    if r.opens_here {
        class.push_str(" opens");
    }
    if !r.matches_filters {
        class.push_str(" out");
    }
    let current = if r.opens_here {
        " aria-current=\"location\""
    } else {
        ""
    };
    let _ = write!(page, "<li class=\"{class}\" data-key=\"{key}\"{current}>");
    if let Some(name) = &r.name {
        let _ = write!(page, "<span class=\"name\">{}</span> ", escape(name));
    }
    let _ = write!(page, "<code>{key}</code>");
    when(page, r);
    if let Some(Value::Object(meta)) = &r.custom_metadata {
        let pairs: Vec<String> = meta
            .iter()
            .map(|(k, v)| format!("{}={}", escape(k), escape(&v.to_string())))
            .collect();
        let _ = write!(
            page,
            " <span class=\"meta\"><code>{}</code></span>",
            pairs.join(" ")
        );
    }
    if r.opens_here {
        let _ = write!(page, " <span class=\"tag opens\">{}</span>", l.opens_here);
    }
    if !r.matches_filters {
        let _ = write!(page, " <span class=\"tag out\">{}</span>", l.filtered_out);
    }
    page.push_str("</li>\n");
}

/// An RFC 3339 time in a `<time>` element, shown as `2026-03-02 15:00 UTC` (the attribute
/// keeps the exact value); anything else is shown as given.
fn time_element(raw: &str) -> String {
    let exact = escape(raw);
    let b = raw.as_bytes();
    let shaped = b.len() >= 16 && b.get(10) == Some(&b'T') && b.get(13) == Some(&b':');
    let zone = if raw.ends_with('Z') || raw.ends_with('z') {
        Some("UTC")
    } else {
        raw.get(raw.len().saturating_sub(6)..)
            .filter(|z| z.starts_with(['+', '-']) && z.as_bytes().get(3) == Some(&b':'))
    };
    match (shaped, zone) {
        (true, Some(zone)) => format!(
            "<time datetime=\"{exact}\">{} {} {}</time>",
            escape(&raw[..10]),
            escape(&raw[11..16]),
            escape(zone)
        ),
        _ => format!("<time datetime=\"{exact}\">{exact}</time>"),
    }
}

/// A stay's dates, when it has them.
fn when(page: &mut String, r: &ResourceView) {
    let t = |s: &String| time_element(s);
    let text = match (&r.starts_at, &r.ends_at) {
        (Some(s), Some(e)) => format!("{} – {}", t(s), t(e)),
        (Some(s), None) => format!("{} –", t(s)),
        (None, Some(e)) => format!("– {}", t(e)),
        (None, None) => return,
    };
    let _ = write!(page, " <span class=\"when\">{text}</span>");
}

/// The page for a link past its `expires_at` (served with a 410), in the link's language.
pub(crate) fn expired(locale: &str, embedded: bool, expires_at: &str) -> String {
    let l = labels(locale);
    let at = escape(expires_at);
    let class = if embedded { "embedded" } else { "standalone" };
    let mut page = head(&escape(locale), l.expired, class);
    let _ = write!(
        page,
        "<header class=\"top\"><div class=\"wrap\"><p class=\"brand\">{}</p>\
         <h1>{}</h1></div></header>\n<main class=\"wrap\">\n<section class=\"card\">\
         <p>{}</p>\n<p lang=\"en\">This portal link expired at \
         {at}. Ask for a new one with <code>POST /customers/create_portal</code>.</p>\n\
         </section>\n</main>\n</body>\n</html>\n",
        l.portal,
        l.expired,
        time_element(expires_at)
    );
    page
}

/// The page for an unknown link.
pub(crate) fn not_found() -> String {
    let mut page = head("en", "Portal link not found", "standalone");
    page.push_str(
        "<main class=\"wrap\">\n<h1>Portal link not found</h1>\n<p>This link is unknown to this \
         seam-fake (or it has forgotten it). Ask for a new one with \
         <code>POST /customers/create_portal</code>.</p>\n</main>\n</body>\n</html>\n",
    );
    page
}

/// The target's description for tests and the JSON twin alike (`space_key=room-101`).
#[cfg(test)]
fn target_text(t: &crate::portal_view::TargetView) -> String {
    format!("{}={}", t.field, t.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CustomerData;
    use serde_json::json;

    fn view(config: Value, data: Value) -> PortalView {
        let data: CustomerData = serde_json::from_value(data).expect("data");
        PortalView::build("acme", &config, Some(&data), "2026-01-08T00:00:00Z".into())
    }

    #[test]
    fn times_read_at_a_glance_and_keep_their_exact_value() {
        assert_eq!(
            time_element("2026-03-02T15:00:00.123456Z"),
            "<time datetime=\"2026-03-02T15:00:00.123456Z\">2026-03-02 15:00 UTC</time>"
        );
        assert_eq!(
            time_element("2026-03-02T15:00:00+02:00"),
            "<time datetime=\"2026-03-02T15:00:00+02:00\">2026-03-02 15:00 +02:00</time>"
        );
        assert_eq!(
            time_element("soon<"),
            "<time datetime=\"soon&lt;\">soon&lt;</time>"
        );
    }

    #[test]
    fn escapes_user_text() {
        let mut v = view(
            json!({"customer_resources_filters": [{"field": "a", "operation": "=", "value": "<b>"}]}),
            json!({"buildings": [{"building_key": "b\"1", "name": "<script>alert('x')</script>&"}],
                   "reservations": [{"reservation_key": "r", "custom_metadata": {"<i>": "</li>"}}]}),
        );
        v.customer_key = "<c>".into();
        let page = render(&v);
        assert!(!page.contains("<script") && !page.contains("<c>") && !page.contains("<b>"));
        assert!(!page.contains("<i>") && !page.contains("\"</li>"));
        assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
        assert!(page.contains("data-key=\"b&quot;1\""));
        assert!(page.contains("&lt;c&gt;"));
    }

    #[test]
    fn speaks_the_locale_and_marks_landing_filters_and_hidden_collections() {
        let page = render(&view(
            json!({"locale": "fr-FR", "landing_page": {"manage": {"space_key": "s1"}},
                   "read_only": true, "navigation_mode": "restricted",
                   "features": {"manage": {"exclude_reservation_management": true}},
                   "customer_resources_filters": [{"field": "vip", "operation": "=", "value": true}]}),
            json!({"spaces": [{"space_key": "s1", "name": "Loft"}],
                   "reservations": [{"reservation_key": "r1", "custom_metadata": {"vip": false},
                       "starts_at": "2026-01-01T15:00:00Z", "ends_at": "2026-01-03T11:00:00Z"}]}),
        ));
        assert!(page.contains("<html lang=\"fr-FR\">"));
        assert!(page.contains("<h2 id=\"settings\">Paramètres</h2>"));
        assert!(page
            .contains("<li class=\"resource opens\" data-key=\"s1\" aria-current=\"location\">"));
        assert!(page.contains("<span class=\"tag opens\">S'ouvre ici</span>"));
        assert!(page.contains("<li class=\"resource out\" data-key=\"r1\">"));
        assert!(page.contains("<span class=\"tag out\">Exclu par les filtres</span>"));
        assert!(page.contains("exclude_reservation_management</code></span>"));
        assert!(
            page.contains("<time datetime=\"2026-01-03T11:00:00Z\">2026-01-03 11:00 UTC</time>")
        );
        assert!(
            !page.contains("<nav"),
            "restricted navigation hides the nav"
        );
        assert!(page.contains("<li>Lecture seule</li>"));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn an_empty_customer_gets_a_hint_and_the_other_pages_say_what_happened() {
        let page = render(&view(json!({}), json!({})));
        assert!(page.contains("Nothing is stored for this customer yet"));
        assert!(page.contains("<nav aria-label=\"Portal sections\">"));
        assert!(not_found().contains("<h1>Portal link not found</h1>"));
        let gone = expired("de-DE", false, "2026-01-01T00:00:00Z");
        assert!(gone.contains("<html lang=\"de-DE\">"));
        assert!(gone.contains("<h1>Dieser Portal-Link ist abgelaufen</h1>"));
        let v = view(
            json!({"landing_page": {"manage": {"unit_key": "u9"}}}),
            json!({}),
        );
        assert_eq!(target_text(v.opens_on().unwrap()), "unit_key=u9");
        assert!(render(&v).contains("not among this customer's resources"));
    }
}
