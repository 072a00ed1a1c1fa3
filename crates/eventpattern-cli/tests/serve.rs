//! `eventpattern serve`: refuses addresses other machines can reach unless
//! told, prints the endpoint URL, answers, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_eventpattern"))
}

/// Starts `eventpattern serve ARGS` and reads the URL it prints first.
fn serve(args: &[&str]) -> (Child, String) {
    let mut child = bin()
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    (child, url)
}

#[test]
fn a_non_loopback_address_needs_the_flag() {
    for addr in ["0.0.0.0", "::", "192.0.2.1"] {
        let out = bin().args(["serve", "--bind", addr]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{addr}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("not a loopback address") && err.contains("--allow-remote"),
            "{err}"
        );
    }
}

#[test]
fn with_the_flag_it_warns() {
    let (mut child, url) = serve(&["--bind", "0.0.0.0", "--port", "0", "--allow-remote"]);
    assert!(url.starts_with("http://0.0.0.0:"), "{url}");
    stop(&mut child);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.starts_with("warning: listening on 0.0.0.0:"), "{err}");
}

#[test]
fn serves_until_sigterm_with_one_log_line_per_request() {
    let (mut child, url) = serve(&["--port", "0", "--verbose"]);
    let addr = url.trim().trim_start_matches("http://").to_string();
    let body = r#"{"EventPattern": "{\"source\": [\"a\"]}", "Event": "{\"id\":\"1\",\"account\":\"1\",\"source\":\"a\",\"time\":\"t\",\"region\":\"r\",\"detail-type\":\"d\"}"}"#;
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with(r#"{"Result":true}"#),
        "{answer}"
    );
    let status = stop(&mut child);
    assert!(status.success(), "{status:?}");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[1].contains("POST AWSEvents.TestEventPattern 200 Result=true"),
        "{err}"
    );
    assert_eq!(lines[2], "stopped");
}

/// SIGTERM (Unix), then the exit status.
fn stop(child: &mut std::process::Child) -> std::process::ExitStatus {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
    }
    #[cfg(not(unix))]
    {
        let _ = child.kill();
    }
    child.wait().unwrap()
}
