//! Turning a [`Fault`] into behaviour: a replacement response, a delay, or a damaged response.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{header, HeaderName, HeaderValue, Response, StatusCode};
use tokio::sync::mpsc;

use crate::body::{BoxError, FakeBody};
use crate::conn_io::ConnCtl;
use crate::faults::Fault;

/// What the service does with a request given its fault (if any).
pub(crate) enum Plan {
    /// Skip handling: answer with this (an `Err` closes the connection without a response).
    Replace(Result<Response<FakeBody>, BoxError>),
    /// Handle normally, after an optional delay, then damage the response if asked.
    Handle {
        delay: Option<Duration>,
        damage: Option<Fault>,
    },
}

/// Decides what to do for `fault`.
pub(crate) fn plan(fault: Option<Fault>, ctl: &ConnCtl) -> Plan {
    let Some(fault) = fault else {
        return Plan::Handle {
            delay: None,
            damage: None,
        };
    };
    let replace = |r| Plan::Replace(Ok(r));
    match fault {
        Fault::Respond {
            status,
            headers,
            body,
        } => replace(respond(status, &headers, Bytes::from(body))),
        Fault::Delay { delay } => Plan::Handle {
            delay: Some(delay),
            damage: None,
        },
        Fault::CloseBeforeHeaders => Plan::Replace(Err("seam-fake: close before headers".into())),
        Fault::ResetBeforeHeaders => {
            ctl.arm_reset();
            replace(Response::new(FakeBody::empty()))
        }
        Fault::Garbage { bytes } => {
            ctl.arm_raw(Bytes::from(bytes));
            replace(Response::new(FakeBody::empty()))
        }
        Fault::Oversized { bytes } => replace(oversized(bytes)),
        Fault::InvalidUtf8 => {
            let body: &[u8] = b"{\"customer_portal\":{\"url\":\"\xff\xfe\xfd\"},\"ok\":true}";
            let mut r = respond(200, &[], Bytes::from_static(body));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            crate::envelope::stamp(r.headers_mut());
            replace(r)
        }
        Fault::Redirect { status, location } => {
            let headers = vec![("location".to_owned(), location)];
            replace(respond(status, &headers, Bytes::new()))
        }
        damage @ (Fault::ResetMidBody
        | Fault::StallMidBody { .. }
        | Fault::TruncatedBody
        | Fault::ContentType { .. }
        | Fault::Trickle { .. }) => Plan::Handle {
            delay: None,
            damage: Some(damage),
        },
    }
}

/// A response with exactly the given status, headers and body; bad names or values are skipped.
fn respond(status: u16, headers: &[(String, String)], body: Bytes) -> Response<FakeBody> {
    let mut r = Response::new(FakeBody::full(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::try_from(k.as_str()),
            HeaderValue::try_from(v.as_str()),
        ) {
            r.headers_mut().append(k, v);
        }
    }
    r
}

/// A valid-looking JSON body of `total` bytes, streamed in 64 KiB chunks (chunked encoding).
fn oversized(total: u64) -> Response<FakeBody> {
    const HEAD: &[u8] = b"{\"ok\":true,\"padding\":\"";
    const TAIL: &[u8] = b"\"}";
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        let pad = total.saturating_sub((HEAD.len() + TAIL.len()) as u64);
        if tx.send(Ok(Bytes::from_static(HEAD))).await.is_err() {
            return;
        }
        let chunk = Bytes::from(vec![b'x'; 64 * 1024]);
        let mut left = pad;
        while left > 0 {
            let n = left.min(chunk.len() as u64);
            let piece = chunk.slice(..usize::try_from(n).unwrap_or(chunk.len()));
            if tx.send(Ok(piece)).await.is_err() {
                return;
            }
            left -= n;
        }
        let _ = tx.send(Ok(Bytes::from_static(TAIL))).await;
    });
    let mut r = Response::new(FakeBody::Stream(rx));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    crate::envelope::stamp(r.headers_mut());
    r
}

/// Applies a response-damaging fault to the real response.
pub(crate) fn damage(
    resp: Response<FakeBody>,
    fault: &Fault,
    ctl: Arc<ConnCtl>,
) -> Response<FakeBody> {
    let (mut parts, body) = resp.into_parts();
    let full = match body {
        FakeBody::Full(b) => b.unwrap_or_default(),
        stream @ FakeBody::Stream(_) => return Response::from_parts(parts, stream),
    };
    let half = full.len() / 2;
    let declared = HeaderValue::from(full.len());
    let (tx, rx) = mpsc::channel::<Result<Bytes, BoxError>>(4);
    match fault.clone() {
        Fault::ContentType { content_type } => {
            if let Ok(v) = HeaderValue::try_from(content_type) {
                parts.headers.insert(header::CONTENT_TYPE, v);
            }
            return Response::from_parts(parts, FakeBody::Full(Some(full)));
        }
        Fault::ResetMidBody => {
            parts.headers.insert(header::CONTENT_LENGTH, declared);
            tokio::spawn(async move {
                if tx.send(Ok(full.slice(..half))).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
                ctl.arm_reset();
                let _ = tx.send(Ok(full.slice(half..))).await;
            });
        }
        Fault::StallMidBody { stall } => {
            parts.headers.insert(header::CONTENT_LENGTH, declared);
            tokio::spawn(async move {
                if tx.send(Ok(full.slice(..half))).await.is_err() {
                    return;
                }
                tokio::select! {
                    () = tokio::time::sleep(stall) => {}
                    () = tx.closed() => return,
                }
                let _ = tx.send(Err("seam-fake: stalled body aborted".into())).await;
            });
        }
        Fault::TruncatedBody => {
            parts.headers.insert(header::CONTENT_LENGTH, declared);
            tokio::spawn(async move {
                let _ = tx.send(Ok(full.slice(..half))).await;
                tokio::time::sleep(Duration::from_millis(10)).await;
                let _ = tx.send(Err("seam-fake: truncated body".into())).await;
            });
        }
        Fault::Trickle { interval } => {
            parts.headers.insert(header::CONTENT_LENGTH, declared);
            tokio::spawn(async move {
                for i in 0..full.len() {
                    if tx.send(Ok(full.slice(i..=i))).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(interval).await;
                }
            });
        }
        _ => return Response::from_parts(parts, FakeBody::Full(Some(full))),
    }
    Response::from_parts(parts, FakeBody::Stream(rx))
}
