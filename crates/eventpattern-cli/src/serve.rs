//! `eventpattern serve`: AWS's TestEventPattern API on a local port (the
//! `eventpattern-server` library), refusing addresses other machines can
//! reach unless asked for explicitly.

use eventpattern_server::{serve_until_signal, Config, Logger, RequestLog};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Serves until SIGINT or SIGTERM; returns the exit code.
pub fn run(bind: IpAddr, port: u16, allow_remote: bool, verbose: bool) -> u8 {
    let addr = SocketAddr::new(bind, port);
    if !bind.is_loopback() {
        if !allow_remote {
            eprintln!(
                "error: refusing to listen on {bind}: it is not a loopback address, so other machines could call the endpoint (it has no authentication). Use --bind 127.0.0.1, or add --allow-remote to do it anyway."
            );
            return 2;
        }
        eprintln!("warning: listening on {addr}, reachable from other machines; the endpoint has no authentication.");
    }
    let logger: Option<Logger> =
        verbose.then(|| Arc::new(|r: &RequestLog| eprintln!("{r}")) as Logger);
    let config = Config {
        addr,
        logger,
        ..Config::default()
    };
    let ready = |bound: SocketAddr| {
        eprintln!("TestEventPattern endpoint on http://{bound} (Ctrl-C to stop)");
        let mut out = std::io::stdout();
        let _ = writeln!(out, "http://{bound}");
        let _ = out.flush();
    };
    match serve_until_signal(config, ready) {
        Ok(()) => {
            eprintln!("stopped");
            0
        }
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            2
        }
    }
}
