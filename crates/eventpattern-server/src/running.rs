//! Starting and stopping the endpoint: its configuration, the handle of a
//! running endpoint, and the per-request log record.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;

/// The port `eventpattern serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 9170;

/// A callback that receives one [`RequestLog`] per request answered.
pub type Logger = Arc<dyn Fn(&RequestLog) + Send + Sync>;

/// How the endpoint listens and what it tolerates.
#[derive(Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port ([`Running::addr`] tells
    /// which). Default `127.0.0.1:9170`.
    pub addr: SocketAddr,
    /// Largest request body read, in bytes; a larger one is answered 413
    /// without being read. Default 1 MiB, four times EventBridge's 256 KB
    /// event limit.
    pub max_body_bytes: usize,
    /// Time a client has to send its request line and headers; also how long
    /// an idle keep-alive connection is kept (SDKs reconnect). Default 10 s.
    pub header_timeout: Duration,
    /// Time a client has to send the whole body once its headers are in.
    /// Default 10 s.
    pub body_timeout: Duration,
    /// Connections served at once; more wait in the listen queue. Default 4,096.
    pub max_connections: usize,
    /// Threads answering requests. Default 2.
    pub worker_threads: usize,
    /// On shutdown, how long requests in flight may take to finish. Default 5 s.
    pub shutdown_grace: Duration,
    /// Called once per request answered; `None` logs nothing.
    pub logger: Option<Logger>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, DEFAULT_PORT)),
            max_body_bytes: 1 << 20,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            max_connections: 4096,
            worker_threads: 2,
            shutdown_grace: Duration::from_secs(5),
            logger: None,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("max_connections", &self.max_connections)
            .field("worker_threads", &self.worker_threads)
            .field("shutdown_grace", &self.shutdown_grace)
            .field("logger", &self.logger.as_ref().map(|_| "…"))
            .finish()
    }
}

/// One request as answered, for a log line (its `Display` is that line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLog {
    /// The client's address.
    pub peer: SocketAddr,
    /// The HTTP method.
    pub method: String,
    /// The `X-Amz-Target` header, if any.
    pub target: Option<String>,
    /// The HTTP status answered.
    pub status: u16,
    /// `Result=true|false` or the error type answered.
    pub outcome: String,
    /// Body bytes read.
    pub body_bytes: usize,
    /// Time from the request's headers to the answer.
    pub elapsed: Duration,
}

impl std::fmt::Display for RequestLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} {} {} {}B {:.2}ms",
            self.peer,
            self.method,
            self.target.as_deref().unwrap_or("-"),
            self.status,
            self.outcome,
            self.body_bytes,
            self.elapsed.as_secs_f64() * 1000.0
        )
    }
}

/// The entry point: [`Server::bind`].
#[derive(Debug)]
pub struct Server;

impl Server {
    /// Binds `config.addr` and serves on a thread of its own until the
    /// returned handle is shut down or dropped. Binding errors (address in
    /// use, permission) are returned here, before any thread starts.
    pub fn bind(config: Config) -> io::Result<Running> {
        start(config, false)
    }
}

/// A running endpoint. Dropping it stops the endpoint (as [`Running::shutdown`]).
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// The address bound (with the port chosen when port 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL for an SDK or the AWS CLI, e.g. `http://127.0.0.1:9170`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets requests in flight finish (up to
    /// [`Config::shutdown_grace`]) and returns once the endpoint is down.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    /// Blocks until the endpoint stops by itself (after SIGINT or SIGTERM
    /// when started by [`serve_until_signal`]).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    fn stop_and_join(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Binds and serves until SIGINT or SIGTERM (Ctrl-C on other systems), then
/// shuts down gracefully. `ready` is called with the bound address once the
/// endpoint accepts connections.
pub fn serve_until_signal(config: Config, ready: impl FnOnce(SocketAddr)) -> io::Result<()> {
    let running = start(config, true)?;
    ready(running.addr());
    running.wait();
    Ok(())
}

fn start(config: Config, stop_on_signal: bool) -> io::Result<Running> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.worker_threads.max(1))
        .thread_name("eventpattern-server")
        .enable_all()
        .build()?;
    let (listener, termination) = {
        let _inside = runtime.enter();
        let termination = match stop_on_signal {
            true => Some(crate::http::Termination::listen()?),
            false => None,
        };
        (crate::http::listen(config.addr)?, termination)
    };
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel();
    let config = Arc::new(config);
    let thread = std::thread::Builder::new()
        .name("eventpattern-server".into())
        .spawn(move || {
            runtime.block_on(crate::http::serve(listener, config, stopped, termination));
            // Connections still open after the grace period are dropped here.
            runtime.shutdown_timeout(Duration::from_secs(1));
        })?;
    Ok(Running {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A handle can be held by another language's object (a Python test
    /// fixture) and stopped from any thread.
    #[test]
    fn the_handle_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Running>();
        check::<Config>();
    }
}
