//! Fault plans: what to do instead of (or to) the normal response, per route and per call.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One way to misbehave on a request.
///
/// Faults marked "before handling" replace the request's handling (nothing is stored);
/// the others run the real handler first and then damage its response.
/// In JSON (the control route), a fault is `{"kind": "<snake_case name>", ...fields}`,
/// with durations in milliseconds (`"delay_ms"`, `"stall_ms"`, `"interval_ms"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fault {
    /// Before handling: answer with exactly this status, these headers and this body
    /// (no `seam-request-id` unless given).
    Respond {
        /// The HTTP status code.
        status: u16,
        /// Response headers, in order.
        #[serde(default)]
        headers: Vec<(String, String)>,
        /// The response body.
        #[serde(default)]
        body: String,
    },
    /// Waits this long before handling the request and sending headers.
    Delay {
        /// How long to wait.
        #[serde(rename = "delay_ms", with = "millis")]
        delay: Duration,
    },
    /// Before handling: closes the connection (FIN) without any response.
    CloseBeforeHeaders,
    /// Before handling: resets the connection (RST) without any response.
    ResetBeforeHeaders,
    /// Sends the headers and half of the real body, then resets the connection.
    ResetMidBody,
    /// Sends the headers and half of the real body, stalls this long, then closes.
    StallMidBody {
        /// How long to stall.
        #[serde(rename = "stall_ms", with = "millis")]
        stall: Duration,
    },
    /// Declares the real body's full `content-length`, sends half of it, then closes.
    TruncatedBody,
    /// Before handling: a 200 JSON response of this many bytes, streamed.
    Oversized {
        /// The body size in bytes.
        bytes: u64,
    },
    /// Before handling: a 200 JSON response whose body is not valid UTF-8.
    InvalidUtf8,
    /// Before handling: a redirect to `location`.
    Redirect {
        /// 301, 302, 303, 307 or 308.
        status: u16,
        /// Where to.
        location: String,
    },
    /// The real response with this `content-type` instead of `application/json`.
    ContentType {
        /// The content type to claim.
        content_type: String,
    },
    /// Before handling: writes these bytes (not HTTP) on the socket, then closes.
    Garbage {
        /// The bytes to write.
        bytes: String,
    },
    /// Sends the real response body one byte at a time, this far apart.
    Trickle {
        /// The pause between bytes.
        #[serde(rename = "interval_ms", with = "millis")]
        interval: Duration,
    },
}

impl Fault {
    /// A response with `status`, no headers and an empty body.
    pub fn status(status: u16) -> Self {
        Self::Respond {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    /// A response with `status`, the given headers and body.
    pub fn respond(status: u16, headers: &[(&str, &str)], body: &str) -> Self {
        Self::Respond {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.to_owned(),
        }
    }

    /// A JSON response with `status` and a `seam-request-id`, e.g. a Seam error envelope.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        let id = crate::clock::random_uuid().to_string();
        Self::Respond {
            status,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("seam-request-id".into(), id),
            ],
            body: body.to_string(),
        }
    }

    /// Waits `delay` before answering normally.
    pub fn delay(delay: Duration) -> Self {
        Self::Delay { delay }
    }
}

/// When a rule fires.
#[derive(Clone, Debug)]
enum When {
    /// The next `n` calls.
    Next(usize),
    /// The call with this 1-based number on the route (as [`crate::Counters::requests`] counts).
    Call(u64),
    /// Every call.
    Always,
}

#[derive(Clone, Debug)]
struct Rule {
    route: String,
    when: When,
    fault: Fault,
}

/// The fault plan of one fake; cheap to clone, shared with the server.
///
/// A route is a request path such as `/customers/create_portal`, or `*` for every API route.
/// Rules are tried in the order they were added; the first that applies fires.
#[derive(Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<Vec<Rule>>>,
}

impl Faults {
    /// Applies `fault` to the next `n` calls to `route`.
    pub fn next(&self, route: &str, n: usize, fault: Fault) -> &Self {
        if n > 0 {
            self.push(route, When::Next(n), fault);
        }
        self
    }

    /// Applies `fault` to call number `k` (1-based, counted since the fake started) to `route`.
    pub fn on_call(&self, route: &str, k: u64, fault: Fault) -> &Self {
        self.push(route, When::Call(k), fault);
        self
    }

    /// Applies `fault` to every call to `route` until [`Faults::clear`].
    pub fn always(&self, route: &str, fault: Fault) -> &Self {
        self.push(route, When::Always, fault);
        self
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// How many rules are still armed.
    pub fn armed(&self) -> usize {
        self.lock().len()
    }

    fn push(&self, route: &str, when: When, fault: Fault) {
        self.lock().push(Rule {
            route: route.to_owned(),
            when,
            fault,
        });
    }

    /// The fault for call `call` to `route`, consuming one use of a `Next` rule.
    pub(crate) fn take(&self, route: &str, call: u64) -> Option<Fault> {
        let mut rules = self.lock();
        let idx = rules.iter().position(|r| {
            (r.route == route || r.route == "*")
                && match r.when {
                    When::Next(n) => n > 0,
                    When::Call(k) => k == call,
                    When::Always => true,
                }
        })?;
        let fault = rules[idx].fault.clone();
        match &mut rules[idx].when {
            When::Next(n) if *n > 1 => *n -= 1,
            When::Next(_) | When::Call(_) => {
                rules.remove(idx);
            }
            When::Always => {}
        }
        Some(fault)
    }

    /// Adds a rule from the control route's JSON: `{"route", "fault", and one of "next", "call", "always"}`.
    pub(crate) fn add_from_json(&self, v: &serde_json::Value) -> Result<(), String> {
        let route = v
            .get("route")
            .and_then(serde_json::Value::as_str)
            .ok_or("missing \"route\"")?;
        let fault: Fault = serde_json::from_value(v.get("fault").cloned().unwrap_or_default())
            .map_err(|e| format!("bad \"fault\": {e}"))?;
        if let Some(n) = v.get("next").and_then(serde_json::Value::as_u64) {
            self.next(route, usize::try_from(n).unwrap_or(usize::MAX), fault);
        } else if let Some(k) = v.get("call").and_then(serde_json::Value::as_u64) {
            self.on_call(route, k, fault);
        } else if v.get("always").and_then(serde_json::Value::as_bool) == Some(true) {
            self.always(route, fault);
        } else {
            self.next(route, 1, fault);
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        self.rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Faults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Faults")
            .field("armed", &self.armed())
            .finish()
    }
}

/// Serde for a [`Duration`] as whole milliseconds.
mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}
