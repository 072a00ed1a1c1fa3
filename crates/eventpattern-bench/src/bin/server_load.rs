//! Load on `eventpattern serve`: N keep-alive connections, each sending
//! `TestEventPattern` requests back to back for a fixed time, cycling over
//! the conformance cases whose events carry the envelope (verdicts and
//! invalid patterns mixed as in the corpus). Prints requests per second,
//! latency percentiles and the server's memory (Linux: VmRSS/VmHWM of the
//! server process, which it starts itself).
//!
//! `server_load [--server PATH] [--connections N] [--seconds S]`
//! (defaults: target/release/eventpattern, 32, 10).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CORPUS: &str = include_str!("../../../../tests/conformance.jsonl");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let server = opt("--server", "target/release/eventpattern");
    let connections: usize = opt("--connections", "32").parse().expect("--connections N");
    let seconds: u64 = opt("--seconds", "10").parse().expect("--seconds S");

    let bodies = Arc::new(workload());
    let mut child = Command::new(&server)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {server}: {e}"));
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let addr = url.trim().trim_start_matches("http://").to_string();
    let idle = memory(child.id());

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|w| {
            let (addr, bodies) = (addr.clone(), bodies.clone());
            std::thread::spawn(move || run(&addr, &bodies, w, deadline))
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w.join().unwrap();
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let loaded = memory(child.id());
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();

    latencies.sort_unstable();
    let pct =
        |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    println!(
        "workload: the {} conformance cases with the envelope, cycled",
        bodies.len()
    );
    println!("connections: {connections} keep-alive, {seconds} s");
    println!("requests: {} ok, {errors} failed", latencies.len());
    println!(
        "throughput: {:.0} requests/s",
        latencies.len() as f64 / elapsed
    );
    println!(
        "latency: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    println!("server memory: idle RSS {idle}, after load RSS/peak {loaded}");
}

/// One connection's loop: requests until the deadline; latencies and failures.
fn run(addr: &str, bodies: &[String], offset: usize, deadline: Instant) -> (Vec<Duration>, usize) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_nodelay(true).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut i = offset;
    while Instant::now() < deadline {
        let body = &bodies[i % bodies.len()];
        i += 1;
        let request = format!(
            "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let t = Instant::now();
        stream.write_all(request.as_bytes()).expect("write");
        match read_response(&mut reader) {
            Some(status) if status == 200 || status == 400 => latencies.push(t.elapsed()),
            _ => {
                errors += 1;
                stream = TcpStream::connect(addr).expect("reconnect");
                reader = BufReader::new(stream.try_clone().unwrap());
            }
        }
    }
    (latencies, errors)
}

/// Reads one Content-Length framed response; its status.
fn read_response(reader: &mut BufReader<TcpStream>) -> Option<u16> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(status)
}

/// Request bodies for the conformance cases whose events carry the envelope.
fn workload() -> Vec<String> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let pattern = raw_member(line, "pattern")?;
            let event = raw_member(line, "event")?;
            eventpattern_server::has_envelope(&event).then(|| {
                format!(
                    "{{\"EventPattern\":{},\"Event\":{}}}",
                    quote(&pattern),
                    quote(&event)
                )
            })
        })
        .collect()
}

/// The exact text of a case's member: a JSON string is raw text, another
/// value is taken as written (as the engine's test suite reads the corpus).
fn raw_member(line: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\": ");
    let start = line.find(&key)? + key.len();
    let end = value_end(line.as_bytes(), start)?;
    let raw = &line[start..end];
    Some(if raw.starts_with('"') {
        eventpattern::json::decode_string(raw).into_owned()
    } else {
        raw.to_string()
    })
}

/// Where the JSON value starting at `start` ends (strings and nesting aware).
fn value_end(b: &[u8], start: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for (i, &c) in b.iter().enumerate().skip(start) {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

fn quote(s: &str) -> String {
    eventpattern::json::quote(s)
}

/// `VmRSS … / VmHWM …` of a process (Linux); `?` elsewhere.
fn memory(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!("{} / {}", field("VmRSS:"), field("VmHWM:"))
}
