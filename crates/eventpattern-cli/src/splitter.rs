//! `eventpattern filter`: events streamed one at a time from JSON Lines, a JSON
//! array, or CloudTrail log files, so a file of any size runs in memory
//! proportional to its largest event.

use crate::input::{display_name, read_text};
use crate::output::{pattern_error, EXIT_INVALID, EXIT_MATCH, EXIT_NO_MATCH};
use eventpattern::cloudtrail;
use eventpattern::{Pattern, PatternSet};
use std::io::{Read, Write};

/// One event cut out of the stream, whitespace outside strings removed.
pub struct Item {
    /// Compact JSON text.
    pub text: String,
    /// Line where it starts.
    pub line: usize,
    /// A CloudTrail record (still to be wrapped).
    pub cloudtrail: bool,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Mode {
    /// Between top-level values.
    Top,
    /// Inside a top-level array: each element is an event.
    Array,
    /// Inside a top-level object: an event, unless it holds `"Records": [`.
    Object,
    /// Inside `"Records": [ … ]`: each element is a CloudTrail record.
    Records,
    /// After the records: the rest of the log object is ignored.
    SkipRest,
}

/// A byte-level splitter: tracks strings and nesting, nothing more.
pub struct Splitter<R: Read> {
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    mode: Mode,
    depth: usize,
    in_str: bool,
    escaped: bool,
    capture: Vec<u8>,
    capturing: bool,
    capture_line: usize,
    line: usize,
    /// Key tracking at depth 1 of a top-level object.
    key: Vec<u8>,
    last_string_was_records: bool,
    expect_records_array: bool,
    done: bool,
}

impl<R: Read> Splitter<R> {
    pub fn new(reader: R) -> Self {
        Splitter {
            reader,
            buf: vec![0; 1 << 16],
            pos: 0,
            len: 0,
            mode: Mode::Top,
            depth: 0,
            in_str: false,
            escaped: false,
            capture: Vec::new(),
            capturing: false,
            capture_line: 0,
            line: 1,
            key: Vec::new(),
            last_string_was_records: false,
            expect_records_array: false,
            done: false,
        }
    }

    fn start_capture(&mut self, b: u8) {
        self.capture.clear();
        self.capture.push(b);
        self.capturing = true;
        self.capture_line = self.line;
    }

    fn finish(&mut self, cloudtrail: bool) -> Result<Item, String> {
        self.capturing = false;
        let bytes = std::mem::take(&mut self.capture);
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("line {}: the event is not UTF-8 text", self.capture_line))?;
        Ok(Item {
            text,
            line: self.capture_line,
            cloudtrail,
        })
    }

    /// Feeds one byte; returns an event when one is complete.
    fn byte(&mut self, b: u8) -> Option<Result<Item, String>> {
        if b == b'\n' {
            self.line += 1;
        }
        if self.in_str {
            if self.capturing {
                self.capture.push(b);
            }
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_str = false;
                if self.mode == Mode::Object && self.depth == 1 {
                    self.last_string_was_records = self.key == b"Records";
                }
            } else if self.mode == Mode::Object && self.depth == 1 && self.key.len() < 16 {
                self.key.push(b);
            }
            return None;
        }
        if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            return None;
        }
        if self.mode == Mode::Top {
            return match b {
                b'[' => {
                    self.mode = Mode::Array;
                    self.depth = 1;
                    None
                }
                b'{' => {
                    self.mode = Mode::Object;
                    self.depth = 1;
                    self.key.clear();
                    self.last_string_was_records = false;
                    self.expect_records_array = false;
                    self.start_capture(b);
                    None
                }
                _ => Some(Err(format!(
                    "line {}: expected an event object, a JSON array of events or a CloudTrail log, found `{}`",
                    self.line, b as char
                ))),
            };
        }
        // Records mode starts when `"Records"` `:` `[` is seen at depth 1.
        if self.mode == Mode::Object && self.depth == 1 {
            if self.expect_records_array {
                self.expect_records_array = false;
                if b == b'[' {
                    self.mode = Mode::Records;
                    self.capturing = false;
                    self.depth = 2;
                    return None;
                }
            } else if b == b':' && self.last_string_was_records {
                self.expect_records_array = true;
            }
            self.last_string_was_records = false;
            if b == b'"' {
                self.key.clear();
            }
        }
        // The level whose elements are events.
        let element_depth = match self.mode {
            Mode::Array => Some(1),
            Mode::Records => Some(2),
            _ => None,
        };
        if let Some(level) = element_depth {
            if self.depth == level && !self.capturing {
                match b {
                    b',' => return None,
                    b']' => {
                        self.depth -= 1;
                        self.mode = if self.mode == Mode::Array {
                            Mode::Top
                        } else {
                            Mode::SkipRest
                        };
                        return None;
                    }
                    b'{' => {
                        self.start_capture(b);
                        self.depth += 1;
                        return None;
                    }
                    _ => {
                        return Some(Err(format!(
                            "line {}: an array element is not an event object (found `{}`)",
                            self.line, b as char
                        )))
                    }
                }
            }
        }
        if self.capturing {
            self.capture.push(b);
        }
        match b {
            b'"' => self.in_str = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => {
                if self.depth == 0 {
                    return Some(Err(format!(
                        "line {}: unbalanced `{}`",
                        self.line, b as char
                    )));
                }
                self.depth -= 1;
                if let Some(level) = element_depth {
                    if self.depth == level && self.capturing {
                        return Some(self.finish(self.mode == Mode::Records));
                    }
                }
                if self.depth == 0 {
                    let mode = self.mode;
                    self.mode = Mode::Top;
                    if mode == Mode::Object {
                        return Some(self.finish(false));
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// The next event, `None` at the end of the input.
    pub fn next_item(&mut self) -> Option<Result<Item, String>> {
        if self.done {
            return None;
        }
        loop {
            while self.pos < self.len {
                let b = self.buf[self.pos];
                self.pos += 1;
                if let Some(item) = self.byte(b) {
                    return Some(item);
                }
            }
            match self.reader.read(&mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    if self.depth > 0 || self.in_str {
                        return Some(Err(format!(
                            "the input ends inside an unfinished value (started at line {})",
                            self.capture_line.max(1)
                        )));
                    }
                    return None;
                }
                Ok(n) => {
                    self.pos = 0;
                    self.len = n;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(format!("read error: {e}")));
                }
            }
        }
    }
}

/// `eventpattern filter`: events that match any of the patterns.
pub fn filter(pattern_files: &[String], files: &[String]) -> u8 {
    let mut patterns = Vec::new();
    for pattern_file in pattern_files {
        let text = match read_text(pattern_file) {
            Ok(t) => t,
            Err(m) => {
                eprintln!("error: {m}");
                return EXIT_INVALID;
            }
        };
        match Pattern::parse(&text) {
            Ok(p) => patterns.push(p),
            Err(e) => return pattern_error(pattern_file, &text, &e, false),
        }
    }
    let set = PatternSet::new(patterns);
    let stdin = ["-".to_string()];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut total, mut matched, mut errors) = (0usize, 0usize, 0usize);
    for name in files {
        let reader: Box<dyn Read> = if name == "-" {
            Box::new(std::io::stdin())
        } else {
            match std::fs::File::open(name) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    eprintln!("error: cannot read {name}: {e}");
                    errors += 1;
                    continue;
                }
            }
        };
        let mut split = Splitter::new(reader);
        while let Some(item) = split.next_item() {
            let item = match item {
                Ok(i) => i,
                Err(m) => {
                    eprintln!("error: {}: {m}", display_name(name));
                    errors += 1;
                    break;
                }
            };
            let event = if item.cloudtrail {
                match cloudtrail::wrap(&item.text) {
                    Ok(e) => e,
                    Err(e) => {
                        eprintln!("error: {}:{}: {}", display_name(name), item.line, e.message);
                        errors += 1;
                        continue;
                    }
                }
            } else {
                item.text
            };
            total += 1;
            match set.matching(&event).map(|m| !m.is_empty()) {
                Ok(true) => {
                    matched += 1;
                    if writeln!(out, "{event}").is_err() {
                        return EXIT_INVALID;
                    }
                }
                Ok(false) => {}
                Err(e) => {
                    eprintln!("error: {}:{}: {}", display_name(name), item.line, e.message);
                    errors += 1;
                }
            }
        }
    }
    let _ = out.flush();
    eprintln!("{matched} of {total} events matched");
    if errors > 0 {
        eprintln!("{errors} error(s)");
        EXIT_INVALID
    } else if matched > 0 {
        EXIT_MATCH
    } else {
        EXIT_NO_MATCH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str) -> Vec<(String, bool)> {
        let mut s = Splitter::new(input.as_bytes());
        let mut out = Vec::new();
        while let Some(i) = s.next_item() {
            let i = i.unwrap();
            out.push((i.text, i.cloudtrail));
        }
        out
    }

    #[test]
    fn json_lines_array_and_cloudtrail() {
        assert_eq!(
            items("{\"a\": 1}\n{\"b\": \"x y\"}\n"),
            vec![
                ("{\"a\":1}".into(), false),
                ("{\"b\":\"x y\"}".into(), false)
            ]
        );
        assert_eq!(
            items("[ {\"a\": [1, 2]} , {\"b\":{}} ]"),
            vec![
                ("{\"a\":[1,2]}".into(), false),
                ("{\"b\":{}}".into(), false)
            ]
        );
        assert_eq!(
            items("{\"Records\": [ {\"eventName\": \"]}\"}, {\"x\": 1} ]}"),
            vec![
                ("{\"eventName\":\"]}\"}".into(), true),
                ("{\"x\":1}".into(), true)
            ]
        );
    }

    #[test]
    fn errors_are_reported() {
        let mut s = Splitter::new("{\"a\": [1".as_bytes());
        assert!(s.next_item().unwrap().is_err());
        let mut s = Splitter::new("[1]".as_bytes());
        assert!(s.next_item().unwrap().is_err());
    }
}
