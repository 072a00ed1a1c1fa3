//! `eventpattern.testing.Endpoint`: AWS's `TestEventPattern` API served from
//! inside the Python process (the `eventpattern-server` library on threads
//! of its own), so a test suite points boto3 at it without starting a
//! server process. Only converts: the server crate does the serving.

use eventpattern_server::{Config, Running, Server};
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A local `TestEventPattern` endpoint on 127.0.0.1, running until closed.
#[pyclass(frozen, module = "eventpattern.testing")]
pub struct Endpoint {
    /// The bound address (kept after closing, for messages and tests).
    addr: SocketAddr,
    /// The running server; `None` once closed.
    running: Mutex<Option<Running>>,
}

#[pymethods]
impl Endpoint {
    /// Starts serving on 127.0.0.1 at `port` (0: a free port, see `url`).
    /// A port in use raises `OSError`. Loopback only: the endpoint has no
    /// authentication, and a test has no reason to be reachable from elsewhere.
    #[new]
    #[pyo3(signature = (port = 0))]
    fn new(py: Python<'_>, port: u16) -> PyResult<Self> {
        let config = Config {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            ..Config::default()
        };
        let running = py
            .detach(|| Server::bind(config))
            .map_err(|e| PyOSError::new_err(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        Ok(Endpoint {
            addr: running.addr(),
            running: Mutex::new(Some(running)),
        })
    }

    /// The endpoint URL for an SDK, e.g. `http://127.0.0.1:40123`.
    #[getter]
    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The port bound.
    #[getter]
    fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.lock().is_none()
    }

    /// Stops accepting, lets requests in flight finish (up to 5 s) and
    /// returns once the port is released. A second call does nothing.
    fn close(&self, py: Python<'_>) {
        let running = self.lock().take();
        if let Some(running) = running {
            // The server's threads never need the interpreter; others may run.
            py.detach(|| running.shutdown());
        }
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    /// Closes the endpoint; exceptions propagate.
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        let state = if self.closed() { " closed" } else { "" };
        format!("<Endpoint {}{state}>", self.url())
    }
}

impl Endpoint {
    /// The running server's slot. Nothing panics while holding it, and its
    /// state is an `Option` either way, so a poisoned lock is still sound.
    fn lock(&self) -> MutexGuard<'_, Option<Running>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
