//! Taking the credential's secret out of everything an error holds that came from the server (or
//! from a configuration value), so that no accessor, `Debug` or `Display` can show it.

use http::{HeaderMap, HeaderValue};
use serde_json::Value;

use super::{Error, Inner, Received};
use crate::credentials::Credentials;
use crate::parse::excerpt;

impl Error {
    /// Removes every trace of the credential's secret (say, echoed back by a proxy) from the
    /// server-provided parts of this error: error type, message, `data`, validation paths and
    /// messages, request id, content type, JSON path, excerpt, headers and body.
    pub(crate) fn scrub(mut self, credentials: &Credentials) -> Self {
        let clean = |text: &mut String| {
            if credentials.appears_in(text) {
                *text = credentials.scrub(text);
            }
        };
        let clean_opt = |text: &mut Option<String>| {
            if let Some(text) = text {
                clean(text);
            }
        };
        match &mut self.repr.inner {
            Inner::Api(e) => {
                clean(&mut e.error_type);
                clean(&mut e.message);
                clean_opt(&mut e.request_id);
                if let Some(data) = &mut e.data {
                    scrub_value(data, credentials);
                }
                if let Some(v) = &mut e.validation {
                    v.scrub(|t| credentials.appears_in(t).then(|| credentials.scrub(t)));
                }
                scrub_received(&mut e.received, credentials);
            }
            Inner::InvalidResponse(e) => {
                clean(&mut e.message);
                clean_opt(&mut e.content_type);
                clean_opt(&mut e.request_id);
                clean_opt(&mut e.path);
                if scrub_received(&mut e.received, credentials) {
                    // Cut again from the clean body, so that no piece of the secret is left at the cut.
                    e.excerpt = excerpt(&e.received.body);
                }
                e.excerpt = credentials.scrub_excerpt(&e.excerpt);
                if e.source
                    .as_ref()
                    .is_some_and(|s| credentials.appears_in(&s.to_string()))
                {
                    e.source = None;
                }
            }
            Inner::Validation(v) => {
                v.scrub(|t| credentials.appears_in(t).then(|| credentials.scrub(t)));
            }
            _ => {}
        }
        self
    }

    /// Removes the credential's secret from a credentials or configuration message (an endpoint or
    /// header name that holds it by mistake).
    pub(crate) fn scrub_config(mut self, credentials: &Credentials) -> Self {
        if let Inner::Credentials(m) | Inner::Config(m) = &mut self.repr.inner {
            *m = credentials.scrub(m);
        }
        self
    }
}

/// Scrubs the headers and body; `true` when the body changed.
fn scrub_received(received: &mut Received, credentials: &Credentials) -> bool {
    let tainted = received.headers.iter().any(|(name, value)| {
        credentials.appears_in_ignoring_case(name.as_str())
            || credentials.appears_in_bytes(value.as_bytes())
    });
    if tainted {
        let mut clean = HeaderMap::with_capacity(received.headers.len());
        for (name, value) in &received.headers {
            if credentials.appears_in_ignoring_case(name.as_str()) {
                continue;
            }
            if credentials.appears_in_bytes(value.as_bytes()) {
                let mut redacted = HeaderValue::from_static("[redacted]");
                redacted.set_sensitive(true);
                clean.append(name.clone(), redacted);
            } else {
                clean.append(name.clone(), value.clone());
            }
        }
        received.headers = clean;
    }
    match credentials.scrub_bytes(&received.body) {
        Some(body) => {
            received.body = body.into();
            true
        }
        None => false,
    }
}

/// Scrubs every string and key of a JSON value.
fn scrub_value(value: &mut Value, credentials: &Credentials) {
    match value {
        Value::String(s) if credentials.appears_in(s) => *s = credentials.scrub(s),
        Value::Array(items) => items.iter_mut().for_each(|v| scrub_value(v, credentials)),
        Value::Object(map) => {
            if map.keys().any(|k| credentials.appears_in(k)) {
                let old = std::mem::take(map);
                for (k, v) in old {
                    map.insert(credentials.scrub(&k), v);
                }
            }
            map.values_mut().for_each(|v| scrub_value(v, credentials));
        }
        _ => {}
    }
}
