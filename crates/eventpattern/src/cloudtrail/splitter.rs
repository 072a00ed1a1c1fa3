//! A stream of events cut out of JSON Lines, a JSON array of events, or
//! CloudTrail log files, fed in chunks of bytes (no I/O here: the CLI reads
//! files, the page hands over text), so a file of any size is split in memory
//! proportional to its largest event.
//!
//! The splitter only tracks strings and nesting; the events it returns are
//! read (and syntax-checked) by the matcher. Input it cannot use — a line that
//! is not an object (`42`, `}}`), an array element that is not an object,
//! bytes that are not UTF-8 — is reported with its line and skipped, and the
//! stream goes on: one bad line never hides the events after it.
//!
//! A top-level object is a CloudTrail log by [`crate::cloudtrail`]'s rule: its
//! first member is `"Records"`, an array whose first element is a record
//! ([`cloudtrail::is_record`]). The first element is held until that is
//! known; any other object, `Records` or not, is one event.

use crate::cloudtrail::{self, RECORDS_KEY};

/// One event cut out of the stream, whitespace outside strings removed.
///
/// ```
/// use eventpattern::splitter::Splitter;
///
/// let items = Splitter::split_all(b"{\"a\": 1}\n{\"b\": 2}\n");
/// let second = items[1].as_ref().unwrap();
/// assert_eq!((second.text.as_str(), second.line, second.cloudtrail), (r#"{"b":2}"#, 2, false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Compact JSON text.
    pub text: String,
    /// Line where it starts (one-based).
    pub line: usize,
    /// A CloudTrail record of a log, still to be wrapped ([`cloudtrail::wrap`]).
    pub cloudtrail: bool,
}

impl Item {
    /// The event this item stands for: with `wrap_records`, a CloudTrail
    /// record (of a log, or alone) wrapped in the envelope EventBridge
    /// delivers; anything else as it is. The flag says a lone record (not
    /// from a log) was wrapped, which front ends mention.
    ///
    /// ```
    /// use eventpattern::splitter::Splitter;
    ///
    /// let log = br#"{"Records": [{"eventSource": "s3.amazonaws.com", "eventName": "CreateBucket"}]}"#;
    /// let item = Splitter::split_all(log).remove(0).unwrap();
    /// assert!(item.cloudtrail);
    /// let (event, lone_record) = item.into_event(true).unwrap();
    /// assert!(event.contains("AWS API Call via CloudTrail") && !lone_record);
    /// ```
    pub fn into_event(self, wrap_records: bool) -> Result<(String, bool), crate::EventError> {
        if wrap_records && (self.cloudtrail || cloudtrail::is_record(&self.text)) {
            Ok((cloudtrail::wrap(&self.text)?, !self.cloudtrail))
        } else {
            Ok((self.text, false))
        }
    }
}

/// Input that was skipped, and why.
///
/// ```
/// use eventpattern::splitter::Splitter;
///
/// let items = Splitter::split_all(b"{\"a\": 1}\n42\n");
/// let skipped = items[1].as_ref().unwrap_err();
/// assert_eq!(skipped.line, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// Line where the skipped input starts (one-based).
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

/// What the splitter is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Between top-level values.
    Top,
    /// After unusable text at the top level: ignored up to the line's end.
    SkipLine,
    /// Inside a top-level array: each element is an event.
    Array,
    /// Inside a top-level object: one event (or the start of a log).
    Object,
    /// Inside a log's `"Records": [ … ]`: each element is a record.
    Records,
    /// After the records: the rest of the log object is ignored.
    SkipRest,
}

/// How far a top-level object has shown itself to be a CloudTrail log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LogStart {
    /// Waiting for the first member's name.
    FirstKey,
    /// Inside the first member's name, which starts at this capture offset.
    InKey(usize),
    /// After `"Records"`, waiting for `:`.
    Colon,
    /// After `"Records":`, waiting for `[`.
    Array,
    /// After `"Records": [`, waiting for the first element's `{`.
    FirstElement,
    /// Inside the first element, which starts at this capture offset.
    InFirst(usize),
    /// Not a log.
    No,
}

/// The splitter's state between chunks.
///
/// ```
/// use eventpattern::splitter::Splitter;
///
/// let mut splitter = Splitter::new();
/// let mut out = Vec::new();
/// splitter.feed(b"[{\"a\": 1}, {\"b\"", &mut out);
/// assert_eq!(out.len(), 1);
/// splitter.feed(b": 2}]", &mut out);
/// assert!(splitter.finish().is_none());
/// assert_eq!(out[1].as_ref().unwrap().text, r#"{"b":2}"#);
/// ```
#[derive(Debug)]
pub struct Splitter {
    mode: Mode,
    log: LogStart,
    depth: usize,
    in_str: bool,
    escaped: bool,
    capture: Vec<u8>,
    capturing: bool,
    /// Skipping an array element that is not an object.
    skipping: bool,
    capture_line: usize,
    line: usize,
    /// Elements seen in the current array (for messages).
    element: usize,
    /// Whether any byte was fed (a byte-order mark can only come first).
    started: bool,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

impl Splitter {
    /// A splitter at the start of a stream.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// eventpattern::splitter::Splitter::new().feed(b"{}", &mut out);
    /// assert_eq!(out.len(), 1);
    /// ```
    pub fn new() -> Self {
        Splitter {
            mode: Mode::Top,
            log: LogStart::No,
            depth: 0,
            in_str: false,
            escaped: false,
            capture: Vec::new(),
            capturing: false,
            skipping: false,
            capture_line: 1,
            line: 1,
            element: 0,
            started: false,
        }
    }

    /// Splits the whole of `input` (a convenience for text already in memory).
    ///
    /// ```
    /// use eventpattern::splitter::Splitter;
    ///
    /// assert_eq!(Splitter::split_all(b"[{}, {}, {}]").len(), 3);
    /// ```
    pub fn split_all(input: &[u8]) -> Vec<Result<Item, SplitError>> {
        let mut s = Splitter::new();
        let mut out = Vec::new();
        s.feed(input, &mut out);
        out.extend(s.finish().map(Err));
        out
    }

    /// Feeds the next chunk; the events it completes, and the input it had to
    /// skip, are appended to `out` in stream order.
    ///
    /// ```
    /// use eventpattern::splitter::Splitter;
    ///
    /// let (mut s, mut out) = (Splitter::new(), Vec::new());
    /// for byte in b"{\"a\":\n1}\n{\"b\":2}" {
    ///     s.feed(std::slice::from_ref(byte), &mut out);
    /// }
    /// assert!(s.finish().is_none());
    /// assert_eq!(out.len(), 2);
    /// ```
    pub fn feed(&mut self, mut chunk: &[u8], out: &mut Vec<Result<Item, SplitError>>) {
        if !self.started && !chunk.is_empty() {
            self.started = true;
            if let Some(rest) = chunk.strip_prefix("\u{FEFF}".as_bytes()) {
                out.push(Err(self.error(
                    "the input starts with a byte-order mark (U+FEFF), which JSON text does not allow; it is skipped".into(),
                )));
                chunk = rest;
            }
        }
        for &b in chunk {
            self.byte(b, out);
        }
    }

    /// The end of the stream: an error if it ends inside a value.
    ///
    /// ```
    /// use eventpattern::splitter::Splitter;
    ///
    /// let (mut s, mut out) = (Splitter::new(), Vec::new());
    /// s.feed(b"{\"a\": ", &mut out);
    /// assert!(s.finish().is_some());
    /// ```
    pub fn finish(&mut self) -> Option<SplitError> {
        let unfinished = matches!(
            self.mode,
            Mode::Array | Mode::Object | Mode::Records | Mode::SkipRest
        );
        let line = self.capture_line;
        *self = Splitter::new();
        unfinished.then(|| SplitError {
            line,
            message: "the input ends inside an unfinished value".into(),
        })
    }

    fn start_capture(&mut self, b: u8) {
        self.capture.clear();
        self.capture.push(b);
        self.capturing = true;
        self.capture_line = self.line;
    }

    /// The captured bytes (from `from`) as an item.
    fn item(&mut self, from: usize, cloudtrail: bool) -> Result<Item, SplitError> {
        self.capturing = false;
        let bytes = self.capture.split_off(from);
        self.capture.clear();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Item {
                text,
                line: self.capture_line,
                cloudtrail,
            }),
            Err(e) => Err(SplitError {
                line: self.capture_line,
                message: format!(
                    "the event is not UTF-8 text (invalid byte {} of the event)",
                    e.utf8_error().valid_up_to() + 1
                ),
            }),
        }
    }

    fn error(&self, message: String) -> SplitError {
        SplitError {
            line: self.line,
            message,
        }
    }

    /// One byte of the stream.
    fn byte(&mut self, b: u8, out: &mut Vec<Result<Item, SplitError>>) {
        if self.in_str {
            self.string_byte(b, out);
            return;
        }
        if b == b'\n' {
            self.line += 1;
            if self.mode == Mode::SkipLine {
                self.mode = Mode::Top;
            }
            return;
        }
        if matches!(b, b' ' | b'\r' | b'\t') || self.mode == Mode::SkipLine {
            return;
        }
        match self.mode {
            Mode::Top => self.top_byte(b, out),
            Mode::Array | Mode::Records if self.depth == self.element_level() => {
                self.element_byte(b, out)
            }
            _ => self.nested_byte(b, out),
        }
    }

    /// Depth at which array elements are events.
    fn element_level(&self) -> usize {
        if self.mode == Mode::Records {
            2
        } else {
            1
        }
    }

    fn top_byte(&mut self, b: u8, out: &mut Vec<Result<Item, SplitError>>) {
        match b {
            b'[' => {
                self.mode = Mode::Array;
                self.depth = 1;
                self.element = 0;
                self.capture_line = self.line;
            }
            b'{' => {
                self.mode = Mode::Object;
                self.depth = 1;
                self.log = LogStart::FirstKey;
                self.start_capture(b);
            }
            _ => {
                out.push(Err(self.error(format!(
                    "expected an event object, a JSON array of events or a CloudTrail log, found {}; the rest of the line is skipped",
                    shown_byte(b)
                ))));
                self.mode = Mode::SkipLine;
            }
        }
    }

    /// A byte between the elements of an array of events or records.
    fn element_byte(&mut self, b: u8, out: &mut Vec<Result<Item, SplitError>>) {
        match b {
            b',' => self.skipping = false,
            b']' => {
                self.skipping = false;
                self.depth -= 1;
                self.mode = if self.mode == Mode::Array {
                    Mode::Top
                } else {
                    Mode::SkipRest
                };
            }
            _ if self.skipping => self.nested_byte(b, out),
            b'{' => {
                self.element += 1;
                self.start_capture(b);
                self.depth += 1;
            }
            _ => {
                self.element += 1;
                out.push(Err(self.error(format!(
                    "element {} of the array is not an event object (found {}); it is skipped",
                    self.element,
                    shown_byte(b)
                ))));
                self.skipping = true;
                self.nested_byte(b, out);
            }
        }
    }

    /// A byte inside a value: nesting, strings, and the ends of events.
    fn nested_byte(&mut self, b: u8, out: &mut Vec<Result<Item, SplitError>>) {
        if self.capturing {
            self.capture.push(b);
        }
        if self.mode == Mode::Object && self.depth == 1 {
            self.log = match (self.log, b) {
                (LogStart::FirstKey, b'"') => LogStart::InKey(self.capture.len() - 1),
                (LogStart::Colon, b':') => LogStart::Array,
                (LogStart::Array, b'[') => LogStart::FirstElement,
                _ => LogStart::No,
            };
        } else if self.mode == Mode::Object && self.depth == 2 {
            self.log = match (self.log, b) {
                (LogStart::FirstElement, b'{') => LogStart::InFirst(self.capture.len() - 1),
                (LogStart::InFirst(at), _) => LogStart::InFirst(at),
                _ => LogStart::No,
            };
        }
        match b {
            b'"' => self.in_str = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                self.closed(out);
            }
            _ => {}
        }
    }

    /// After a closing bracket: an event may be complete.
    fn closed(&mut self, out: &mut Vec<Result<Item, SplitError>>) {
        match self.mode {
            Mode::Array | Mode::Records if self.depth == self.element_level() && self.capturing => {
                let cloudtrail = self.mode == Mode::Records;
                out.push(self.item(0, cloudtrail));
            }
            Mode::Object if self.depth == 2 => {
                if let LogStart::InFirst(at) = self.log {
                    self.first_element_closed(at, out);
                }
            }
            Mode::Object if self.depth == 0 => {
                self.mode = Mode::Top;
                out.push(self.item(0, false));
            }
            Mode::SkipRest if self.depth == 0 => self.mode = Mode::Top,
            _ => {}
        }
    }

    /// The first element of a top-level `"Records"` array is complete: the
    /// object is a log when it is a record (then it is the first event).
    fn first_element_closed(&mut self, at: usize, out: &mut Vec<Result<Item, SplitError>>) {
        let is_record = std::str::from_utf8(&self.capture[at..]).is_ok_and(cloudtrail::is_record);
        if !is_record {
            self.log = LogStart::No;
            return;
        }
        let item = self.item(at, true);
        out.push(item);
        self.mode = Mode::Records;
        self.element = 1;
    }

    /// A byte inside a string.
    fn string_byte(&mut self, b: u8, out: &mut Vec<Result<Item, SplitError>>) {
        if b == b'\n' {
            // JSON strings cannot hold a raw line break: the value is broken.
            // Drop it and start again on the next line.
            out.push(Err(SplitError {
                line: self.capture_line,
                message: format!(
                    "a string is not closed before the end of line {}; the value is skipped",
                    self.line
                ),
            }));
            let line = self.line + 1;
            *self = Splitter::new();
            self.line = line;
            return;
        }
        if self.capturing {
            self.capture.push(b);
        }
        if self.escaped {
            self.escaped = false;
        } else if b == b'\\' {
            self.escaped = true;
        } else if b == b'"' {
            self.in_str = false;
            if let LogStart::InKey(at) = self.log {
                self.log = if &self.capture[at..] == RECORDS_KEY.as_bytes() {
                    LogStart::Colon
                } else {
                    LogStart::No
                };
            }
        }
    }
}

/// A byte for a message: the character when printable ASCII, else its code.
fn shown_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02X}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, cloudtrail) per event; `!line` per skipped input.
    fn split(input: &[u8]) -> Vec<String> {
        Splitter::split_all(input)
            .into_iter()
            .map(|r| match r {
                Ok(i) if i.cloudtrail => format!("ct:{}", i.text),
                Ok(i) => i.text,
                Err(e) => format!("!{}", e.line),
            })
            .collect()
    }

    #[test]
    fn json_lines_array_and_cloudtrail() {
        assert_eq!(
            split(b"{\"a\": 1}\n{\"b\": \"x y\"}\n"),
            ["{\"a\":1}", "{\"b\":\"x y\"}"]
        );
        assert_eq!(
            split(b"[ {\"a\": [1, 2]} , {\"b\":{}} ]"),
            ["{\"a\":[1,2]}", "{\"b\":{}}"]
        );
        let rec = r#"{"eventSource":"s3.amazonaws.com","eventName":"]}"}"#;
        assert_eq!(
            split(format!("{{\"Records\": [ {rec}, {{\"x\": 1}} ], \"more\": 1}}").as_bytes()),
            [format!("ct:{rec}"), "ct:{\"x\":1}".into()]
        );
    }

    #[test]
    fn bad_lines_are_skipped_and_reported() {
        let input = b"{\"a\":1}\n}}\n42\n\xff\xfe\n{\"b\":2}\n";
        assert_eq!(split(input), ["{\"a\":1}", "!2", "!3", "!4", "{\"b\":2}"]);
        assert_eq!(
            split(b"[1, {\"a\":1}, [2, {}], {\"b\":2}]"),
            ["!1", "{\"a\":1}", "!1", "{\"b\":2}"]
        );
        assert_eq!(split(b"{\"a\": \"x\n{\"b\":2}"), ["!1", "{\"b\":2}"]);
        assert_eq!(split(b"{\"a\": [1"), ["!1"]);
        assert_eq!(split(b"\xEF\xBB\xBF{\"a\":1}"), ["!1", "{\"a\":1}"]);
    }

    #[test]
    fn records_that_are_not_cloudtrail_make_an_ordinary_event() {
        let event = r#"{"Records":[{"s3":{"bucket":"b"}}],"source":"x"}"#;
        assert_eq!(split(event.as_bytes()), [event]);
        let later =
            r#"{"source":"x","Records":[{"eventSource":"s3.amazonaws.com","eventName":"A"}]}"#;
        assert_eq!(split(later.as_bytes()), [later]);
        assert_eq!(cloudtrail::shape(event), cloudtrail::Shape::Other);
        assert_eq!(cloudtrail::shape(later), cloudtrail::Shape::Other);
    }

    #[test]
    fn chunks_may_cut_anywhere() {
        let input =
            br#"{"Records":[{"eventSource":"a.amazonaws.com","eventName":"B"},{"eventSource":"c"}]}
[{"x":"\"]"}]
{"y":1}"#;
        let whole = split(input);
        for size in 1..8 {
            let mut s = Splitter::new();
            let mut out = Vec::new();
            for chunk in input.chunks(size) {
                s.feed(chunk, &mut out);
            }
            out.extend(s.finish().map(Err));
            let parts: Vec<String> = out
                .into_iter()
                .map(|r| match r {
                    Ok(i) if i.cloudtrail => format!("ct:{}", i.text),
                    Ok(i) => i.text,
                    Err(e) => format!("!{}", e.line),
                })
                .collect();
            assert_eq!(parts, whole);
        }
        assert_eq!(whole.len(), 4);
    }
}
