//! Reading a response body into memory without ever holding more than a fixed number of bytes.

use bytes::{Bytes, BytesMut};
use http::HeaderMap;
use seam_core::TransportError;

/// Rejects a response up front when its `Content-Length` already says it is larger than `limit`.
pub(crate) fn check_declared_length(
    headers: &HeaderMap,
    limit: usize,
) -> Result<(), TransportError> {
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(len) if len > limit as u64 => Err(TransportError::body_too_large(limit)),
        _ => Ok(()),
    }
}

/// A response body being read into memory, refused as soon as it would grow past its limit.
pub(crate) struct Limited {
    limit: usize,
    total: usize,
    // Most responses arrive in one frame: keep it as is, copy only when a second one arrives.
    first: Option<Bytes>,
    joined: Option<BytesMut>,
}

impl Limited {
    /// An empty body that may grow to `limit` bytes.
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            total: 0,
            first: None,
            joined: None,
        }
    }

    /// Adds the next chunk, or fails with `body_too_large` if it would take the total past the
    /// limit (nothing of it is kept then). `expected` is a hint for the final size.
    pub(crate) fn push(&mut self, data: Bytes, expected: u64) -> Result<(), TransportError> {
        if data.len() > self.limit - self.total {
            return Err(TransportError::body_too_large(self.limit));
        }
        self.total += data.len();
        match (&mut self.joined, self.first.take()) {
            (Some(buf), _) => buf.extend_from_slice(&data),
            (None, None) => self.first = Some(data),
            (None, Some(prev)) => {
                let hint = usize::try_from(expected).unwrap_or(0).min(self.limit);
                let mut buf = BytesMut::with_capacity((prev.len() + data.len()).max(hint));
                buf.extend_from_slice(&prev);
                buf.extend_from_slice(&data);
                self.joined = Some(buf);
            }
        }
        Ok(())
    }

    /// The whole body.
    pub(crate) fn finish(self) -> Bytes {
        match self.joined {
            Some(buf) => buf.freeze(),
            None => self.first.unwrap_or_default(),
        }
    }
}

/// Reads `body` frame by frame until its end, failing with `body_too_large` as soon as the next data
/// frame would take the total past `limit`. Trailers are ignored.
///
/// The buffer never grows past `limit`; on failure the body is dropped unread, which closes the
/// connection instead of returning it to the pool.
#[cfg(feature = "default-client")]
pub(crate) async fn collect_limited<B>(body: B, limit: usize) -> Result<Bytes, TransportError>
where
    B: hyper::body::Body<Data = Bytes> + Unpin,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    use http_body_util::BodyExt as _;

    if body.size_hint().lower() > limit as u64 {
        return Err(TransportError::body_too_large(limit));
    }
    let mut body = body;
    let mut collected = Limited::new(limit);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| {
            TransportError::io(format!("reading the response body failed: {err}")).with_source(err)
        })?;
        if let Ok(data) = frame.into_data() {
            collected.push(data, body.size_hint().lower())?;
        }
    }
    Ok(collected.finish())
}

#[cfg(all(test, feature = "default-client"))]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use hyper::body::{Body, Frame, SizeHint};

    /// A body that yields the given chunks, counting how many were pulled.
    struct Chunks {
        left: VecDeque<Bytes>,
        pulled: usize,
        hint: Option<u64>,
    }

    impl Chunks {
        fn new(parts: &[&'static [u8]]) -> Self {
            Self {
                left: parts.iter().map(|p| Bytes::from_static(p)).collect(),
                pulled: 0,
                hint: None,
            }
        }
    }

    impl Body for Chunks {
        type Data = Bytes;
        type Error = std::io::Error;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
            let next = self.left.pop_front();
            if next.is_some() {
                self.pulled += 1;
            }
            Poll::Ready(next.map(|b| Ok(Frame::data(b))))
        }

        fn size_hint(&self) -> SizeHint {
            self.hint.map(SizeHint::with_exact).unwrap_or_default()
        }
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn joins_frames_up_to_the_limit() {
        let body = Chunks::new(&[b"ab", b"cd", b"ef"]);
        let got = block_on(collect_limited(body, 6)).expect("fits exactly");
        assert_eq!(&got[..], b"abcdef");
    }

    #[test]
    fn single_frame_and_empty_bodies() {
        assert_eq!(
            &block_on(collect_limited(Chunks::new(&[b"xyz"]), 3)).unwrap()[..],
            b"xyz"
        );
        assert!(block_on(collect_limited(Chunks::new(&[]), 0))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn stops_at_the_frame_that_crosses_the_limit() {
        let mut body = Chunks::new(&[b"abc", b"def", b"ghi", b"jkl"]);
        let err = block_on(collect_limited(&mut body, 5)).expect_err("too large");
        assert_eq!(err.kind(), seam_core::TransportErrorKind::BodyTooLarge);
        assert_eq!(body.pulled, 2, "must not read past the crossing frame");
    }

    #[test]
    fn exact_size_hint_over_the_limit_is_refused_before_reading() {
        let mut body = Chunks::new(&[b"abcdef"]);
        body.hint = Some(6);
        let err = block_on(collect_limited(&mut body, 5)).expect_err("declared too large");
        assert_eq!(err.kind(), seam_core::TransportErrorKind::BodyTooLarge);
        assert_eq!(body.pulled, 0);
    }

    #[test]
    fn content_length_header_checked_up_front() {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::CONTENT_LENGTH, "1048577".parse().unwrap());
        assert!(check_declared_length(&headers, 1 << 20).is_err());
        headers.insert(http::header::CONTENT_LENGTH, "1048576".parse().unwrap());
        assert!(check_declared_length(&headers, 1 << 20).is_ok());
        assert!(check_declared_length(&HeaderMap::new(), 0).is_ok());
    }
}
