//! Closing connections on which nothing happens.
//!
//! hyper's header timeout ends a request head that trickles in, but nothing in hyper ends a
//! connection that has no request in progress and simply stays silent, or one whose client
//! stops reading the answer. This wrapper around the socket fails a read or write that has
//! waited longer than the idle timeout since the last byte moved, which makes hyper close the
//! connection, except while a request is being answered: a slow answer (a latency fault) is
//! the server's doing, not the client's.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// A socket that times out after `timeout` without progress while no request is in progress.
#[derive(Debug)]
pub(crate) struct IdleTimeout<S> {
    inner: S,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
    answering: Answering,
}

/// Counts the requests of one connection being answered; shared by its socket and service.
#[derive(Debug, Clone, Default)]
pub(crate) struct Answering(Arc<AtomicUsize>);

/// Marks a request as being answered until dropped.
#[derive(Debug)]
pub(crate) struct AnsweringGuard(Arc<AtomicUsize>);

impl Answering {
    pub(crate) fn start(&self) -> AnsweringGuard {
        self.0.fetch_add(1, Ordering::SeqCst);
        AnsweringGuard(Arc::clone(&self.0))
    }

    fn any(&self) -> bool {
        self.0.load(Ordering::SeqCst) > 0
    }
}

impl Drop for AnsweringGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl<S> IdleTimeout<S> {
    pub(crate) fn new(inner: S, timeout: Duration, answering: Answering) -> Self {
        IdleTimeout {
            inner,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
            answering,
        }
    }

    fn progressed(&mut self) {
        self.deadline.as_mut().reset(Instant::now() + self.timeout);
    }

    /// Called when the socket would wait: an error once the connection has been idle too long.
    fn waiting(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        if self.answering.any() {
            // The wait is the server's; count idleness from when the answer is done.
            self.progressed();
            return Poll::Pending;
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("connection idle for {} ms", self.timeout.as_millis()),
            )),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for IdleTimeout<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                this.progressed();
                Poll::Ready(result)
            }
            Poll::Pending => this.waiting(cx).map(Err),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for IdleTimeout<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Ready(result) => {
                this.progressed();
                Poll::Ready(result)
            }
            Poll::Pending => this.waiting(cx).map(Err),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Ready(result) => {
                this.progressed();
                Poll::Ready(result)
            }
            Poll::Pending => this.waiting(cx).map(Err),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
