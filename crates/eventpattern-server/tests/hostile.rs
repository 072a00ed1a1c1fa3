//! The endpoint over real TCP connections: verdicts and AWS's errors, and
//! hostile clients (a body that is not JSON, missing members, a 10 MB body,
//! clients that trickle their headers or body, 1,000 requests at once) —
//! each gets a 4xx or a correct answer, and the endpoint keeps answering.

use eventpattern_server::{Config, RequestLog, Running, Server};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const EVENT: &str = r#"{"version":"0","id":"1","detail-type":"Test","source":"aws.ec2","account":"123456789012","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"state":"running"}}"#;

fn start(tune: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Config::default()
    };
    tune(&mut config);
    Server::bind(config).expect("bind a free port")
}

/// A parsed HTTP response.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("JSON body: {:?}", self.body))
    }
}

/// Reads one response from `stream` (Content-Length framed).
fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).expect("read");
        assert!(
            n > 0,
            "connection closed before a response: {:?}",
            String::from_utf8_lossy(&data)
        );
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8(data[..head_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse().unwrap())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut buf).expect("read body");
        assert!(n > 0, "connection closed inside the body");
        body.extend_from_slice(&buf[..n]);
    }
    Answer {
        status,
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s
}

fn request(target: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: {target}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn call(addr: SocketAddr, target: &str, body: &[u8]) -> Answer {
    let mut s = connect(addr);
    s.write_all(&request(target, body)).unwrap();
    read_answer(&mut s)
}

fn test_pattern(addr: SocketAddr, pattern: &str, event: &str) -> Answer {
    let body = serde_json::json!({"EventPattern": pattern, "Event": event}).to_string();
    call(addr, "AWSEvents.TestEventPattern", body.as_bytes())
}

/// The endpoint still answers a plain request correctly.
fn still_answers(addr: SocketAddr) {
    let a = test_pattern(addr, r#"{"source":["aws.ec2"]}"#, EVENT);
    assert_eq!((a.status, a.body.as_str()), (200, r#"{"Result":true}"#));
}

#[test]
fn verdicts_and_aws_errors_over_http() {
    let server = start(|_| {});
    let addr = server.addr();
    let a = test_pattern(addr, r#"{"detail":{"state":["running"]}}"#, EVENT);
    assert_eq!((a.status, a.body.as_str()), (200, r#"{"Result":true}"#));
    assert_eq!(a.header("content-type"), Some("application/x-amz-json-1.1"));
    assert!(a.header("x-amzn-requestid").is_some());
    let a = test_pattern(addr, r#"{"detail":{"state":["stopped"]}}"#, EVENT);
    assert_eq!(a.body, r#"{"Result":false}"#);
    let a = test_pattern(addr, "this is valid json but not a dict", EVENT);
    assert_eq!(a.status, 400);
    assert_eq!(
        a.header("x-amzn-errortype"),
        Some("InvalidEventPatternException")
    );
    assert_eq!(a.json()["__type"], "InvalidEventPatternException");
    assert_eq!(
        a.json()["message"],
        "Event pattern is not valid. Reason: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"this is valid json but not a dict\"; line: 1, column: 5]"
    );
    let a = test_pattern(
        addr,
        r#"{"source":["aws.ec2"]}"#,
        r#"{"testEvent":"value"}"#,
    );
    assert_eq!(
        a.json(),
        serde_json::json!({"__type": "ValidationException", "message": "Parameter Event is not valid."})
    );
    let a = call(addr, "AWSEvents.PutEvents", b"{}");
    assert_eq!(
        (a.status, a.json()["__type"].as_str()),
        (400, Some("UnknownOperationException"))
    );
}

#[test]
fn keep_alive_connections_serve_many_requests() {
    let server = start(|_| {});
    let mut s = connect(server.addr());
    let body = serde_json::json!({"EventPattern": r#"{"source":["aws.ec2"]}"#, "Event": EVENT})
        .to_string();
    for _ in 0..50 {
        s.write_all(&request("AWSEvents.TestEventPattern", body.as_bytes()))
            .unwrap();
        let a = read_answer(&mut s);
        assert_eq!(a.body, r#"{"Result":true}"#);
    }
}

#[test]
fn malformed_requests_get_4xx_and_the_endpoint_keeps_answering() {
    let server = start(|_| {});
    let addr = server.addr();
    for (body, kind) in [
        (&b"this is not json"[..], "SerializationException"),
        (b"[1, 2]", "SerializationException"),
        (
            br#"{"EventPattern": {"source": ["x"]}, "Event": "{}"}"#,
            "SerializationException",
        ),
        (br#"{"Event": "{}"}"#, "ValidationException"),
        (br#"{"EventPattern": "{}"}"#, "ValidationException"),
        (b"", "ValidationException"),
    ] {
        let a = call(addr, "AWSEvents.TestEventPattern", body);
        assert_eq!(a.status, 400, "{body:?}");
        assert_eq!(a.json()["__type"], kind, "{body:?}");
    }
    // Not even HTTP.
    let mut s = connect(addr);
    s.write_all(b"\x16\x03\x01 hello?\r\n\r\n").unwrap();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    let text = String::from_utf8_lossy(&rest);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 400"),
        "{text}"
    );
    // A GET.
    let mut s = connect(addr);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(
        read_answer(&mut s).json()["__type"],
        "UnknownOperationException"
    );
    still_answers(addr);
}

#[test]
fn a_10_mb_body_is_refused_unread() {
    let server = start(|_| {});
    let addr = server.addr();
    let big = vec![b'x'; 10 << 20];
    // Declared length over the cap: answered at once, nothing read.
    let started = Instant::now();
    let mut s = connect(addr);
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nContent-Length: {}\r\n\r\n",
        big.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(&big[..1 << 20]); // the server may stop reading any time
    let a = read_answer(&mut s);
    assert_eq!(a.status, 413);
    assert_eq!(a.json()["__type"], "RequestEntityTooLargeException");
    assert_eq!(a.header("connection"), Some("close"));
    assert!(started.elapsed() < Duration::from_secs(5));
    // Chunked, no length given: cut off at the cap.
    let mut s = connect(addr);
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    let writer = {
        let mut s = s.try_clone().unwrap();
        std::thread::spawn(move || {
            let chunk = format!("{:x}\r\n{}\r\n", 64 << 10, "x".repeat(64 << 10));
            for _ in 0..160 {
                if s.write_all(chunk.as_bytes()).is_err() {
                    break;
                }
            }
        })
    };
    let a = read_answer(&mut s);
    assert_eq!(a.status, 413);
    drop(s);
    let _ = writer.join();
    still_answers(addr);
}

#[test]
fn slow_clients_are_cut_off_and_others_are_served_meanwhile() {
    let server = start(|c| {
        c.header_timeout = Duration::from_millis(800);
        c.body_timeout = Duration::from_millis(800);
    });
    let addr = server.addr();
    // Trickles its headers one byte every 100 ms: closed after the header timeout.
    let trickler = std::thread::spawn(move || {
        let mut s = connect(addr);
        let started = Instant::now();
        for b in
            b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nX-Padding: "
                .iter()
                .chain([b'a'; 200].iter())
        {
            if s.write_all(&[*b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            if started.elapsed() > Duration::from_secs(10) {
                break;
            }
        }
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
        (
            started.elapsed(),
            String::from_utf8_lossy(&rest).into_owned(),
        )
    });
    // Sends its headers, then a body too slowly: 408.
    let slow_body = std::thread::spawn(move || {
        let mut s = connect(addr);
        s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nContent-Length: 100\r\n\r\n{")
            .unwrap();
        read_answer(&mut s)
    });
    // Meanwhile others are answered at once.
    for _ in 0..5 {
        let t = Instant::now();
        still_answers(addr);
        assert!(t.elapsed() < Duration::from_secs(1));
    }
    let (took, said) = trickler.join().unwrap();
    assert!(
        took < Duration::from_secs(5),
        "header trickle cut after {took:?}"
    );
    assert!(
        said.is_empty() || said.starts_with("HTTP/1.1 408"),
        "{said}"
    );
    let a = slow_body.join().unwrap();
    assert_eq!(
        (a.status, a.json()["__type"].as_str()),
        (408, Some("RequestTimeoutException"))
    );
    still_answers(addr);
}

#[test]
fn a_thousand_concurrent_requests() {
    let server = start(|_| {});
    let addr = server.addr();
    let body = Arc::new(
        serde_json::json!({"EventPattern": r#"{"detail":{"state":["running"]}}"#, "Event": EVENT})
            .to_string(),
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let results = rt.block_on(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut tasks = Vec::new();
        for _ in 0..1000 {
            let body = body.clone();
            tasks.push(tokio::spawn(async move {
                let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
                let req = format!(
                    "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.TestEventPattern\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{}",
                    body.len(),
                    body
                );
                s.write_all(req.as_bytes()).await.expect("write");
                let mut out = String::new();
                s.read_to_string(&mut out).await.expect("read");
                out
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    assert_eq!(results.len(), 1000);
    for r in &results {
        assert!(r.starts_with("HTTP/1.1 200"), "{r}");
        assert!(r.ends_with(r#"{"Result":true}"#), "{r}");
    }
    still_answers(addr);
}

#[test]
fn one_log_record_per_request() {
    let seen: Arc<Mutex<Vec<RequestLog>>> = Arc::default();
    let sink = seen.clone();
    let server = start(move |c| {
        c.logger = Some(Arc::new(move |r: &RequestLog| {
            sink.lock().unwrap().push(r.clone())
        }));
    });
    still_answers(server.addr());
    call(server.addr(), "AWSEvents.Nope", b"{}");
    server.shutdown();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        (seen[0].status, seen[0].outcome.as_str()),
        (200, "Result=true")
    );
    assert_eq!(seen[1].outcome, "UnknownOperationException");
    let line = seen[0].to_string();
    assert!(
        line.contains("POST AWSEvents.TestEventPattern 200 Result=true"),
        "{line}"
    );
}

#[test]
fn shutdown_and_drop_release_the_port() {
    let server = start(|_| {});
    let addr = server.addr();
    still_answers(addr);
    let t = Instant::now();
    server.shutdown();
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "shutdown took {:?}",
        t.elapsed()
    );
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening after shutdown"
    );
    // The same port can be bound again; dropping the handle stops it too.
    let again = start(|c| c.addr = addr);
    still_answers(addr);
    drop(again);
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening after drop"
    );
}

#[test]
fn binding_a_busy_port_fails_at_bind() {
    let server = start(|_| {});
    let taken = server.addr();
    let err = Server::bind(Config {
        addr: taken,
        ..Config::default()
    });
    // SO_REUSEADDR does not let two listeners share a port.
    assert!(err.is_err());
}
