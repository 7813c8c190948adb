//! A two-way select without a runtime: the first of a future and a timer to finish wins.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

/// Runs `work` and `timer` together; `Some(output)` if `work` finished first (or both at once),
/// `None` if the timer fired first. The loser is dropped (cancelled).
pub(crate) async fn race<W, T>(work: W, timer: T) -> Option<W::Output>
where
    W: Future,
    T: Future<Output = ()>,
{
    let mut work = pin!(work);
    let mut timer = pin!(timer);
    poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}
