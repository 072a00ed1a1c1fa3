//! HTTP/1.1 over hyper: the accept loop (a connection limit, graceful
//! shutdown), and one request turned into a [`protocol::answer`] with the
//! body capped and the header and body reads timed.

use crate::protocol::{self, Outcome, Reply, CONTENT_TYPE};
use crate::running::{Config, RequestLog};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE as CONTENT_TYPE_HEADER};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{oneshot, Semaphore};

/// Connections the kernel queues while all are busy.
const BACKLOG: u32 = 1024;

/// A listening socket with a listen queue long enough for bursts of clients.
/// Must be called inside the runtime that will serve it.
pub(crate) fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Accepts and serves connections until `stop` fires (or `termination`
/// does); then stops accepting and waits up to the grace period for
/// requests in flight.
pub(crate) async fn serve(
    listener: TcpListener,
    config: Arc<Config>,
    mut stop: oneshot::Receiver<()>,
    termination: Option<Termination>,
) {
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    let signal = terminated(termination);
    tokio::pin!(signal);
    loop {
        // Wait for a free slot first: beyond the limit, clients wait in the listen queue.
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = &mut stop => break,
            _ = &mut signal => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: back off, keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
            _ = &mut signal => break,
        };
        let _ = stream.set_nodelay(true);
        let config = config.clone();
        let service = service_fn(move |req| respond(req, config.clone(), peer));
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(config.shutdown_grace) => {}
    }
}

/// SIGINT and SIGTERM, listened for from the moment this is made (so a
/// signal sent as soon as the endpoint reports ready is not missed).
pub(crate) struct Termination {
    #[cfg(unix)]
    signals: (tokio::signal::unix::Signal, tokio::signal::unix::Signal),
}

impl Termination {
    /// Starts listening; must be called inside the runtime.
    pub(crate) fn listen() -> io::Result<Termination> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Termination {
                signals: (
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                ),
            })
        }
        #[cfg(not(unix))]
        Ok(Termination {})
    }

    /// Resolves when one of the signals arrives.
    async fn arrived(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.signals.0.recv() => {}
            _ = self.signals.1.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Resolves when `termination` does; never without one.
async fn terminated(termination: Option<Termination>) {
    match termination {
        Some(mut t) => t.arrived().await,
        None => std::future::pending().await,
    }
}

/// One request: read the body within its limits, answer, log.
async fn respond(
    req: Request<Incoming>,
    config: Arc<Config>,
    peer: SocketAddr,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let method = req.method().clone();
    let target = req
        .headers()
        .get("x-amz-target")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let cap = config.max_body_bytes;
    let mut body_bytes = 0;
    let reply = if method != Method::POST {
        Reply::error(400, "UnknownOperationException", None)
    } else if declared.is_some_and(|n| n > cap as u64) {
        too_large(cap)
    } else {
        let read = Limited::new(req.into_body(), cap).collect();
        match tokio::time::timeout(config.body_timeout, read).await {
            Err(_) => Reply::error(
                408,
                "RequestTimeoutException",
                Some("The request body was not received in time."),
            ),
            Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => too_large(cap),
            Ok(Err(_)) => Reply::error(400, "SerializationException", None),
            Ok(Ok(collected)) => {
                let body = collected.to_bytes();
                body_bytes = body.len();
                protocol::answer(target.as_deref(), &body)
            }
        }
    };
    if let Some(log) = &config.logger {
        log(&RequestLog {
            peer,
            method: method.to_string(),
            target: target.clone(),
            status: reply.status,
            outcome: reply.outcome.to_string(),
            body_bytes,
            elapsed: started.elapsed(),
        });
    }
    Ok(response(reply))
}

fn too_large(cap: usize) -> Reply {
    Reply::error(
        413,
        "RequestEntityTooLargeException",
        Some(&format!("The request body is larger than {cap} bytes.")),
    )
}

/// The HTTP response for `reply`, with AWS's headers (an error's type also
/// in `x-amzn-ErrorType`, which some SDKs read first). After a 408 or 413
/// the rest of the body is unread, so the connection is closed.
fn response(reply: Reply) -> Response<Full<Bytes>> {
    static REQUESTS: AtomicU64 = AtomicU64::new(0);
    let n = REQUESTS.fetch_add(1, Ordering::Relaxed);
    let id = format!("00000000-0000-4000-8000-{:012x}", n & 0xffff_ffff_ffff);
    let close = matches!(reply.status, 408 | 413);
    let outcome = reply.outcome;
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE_HEADER, HeaderValue::from_static(CONTENT_TYPE));
    if let Ok(v) = HeaderValue::from_str(&id) {
        headers.insert("x-amzn-requestid", v);
    }
    if let Outcome::Error(kind) = outcome {
        headers.insert("x-amzn-errortype", HeaderValue::from_static(kind));
    }
    if close {
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response
}
