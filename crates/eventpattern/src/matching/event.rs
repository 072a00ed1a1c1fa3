//! Event text → its leaf values, the way AWS's matcher sees an event: each
//! string, number, boolean or null at a path of keys joined with `.`, arrays
//! crushed out (every element at the same path) but remembered, so fields
//! from different elements of one array can be kept apart (docs/SEMANTICS.md, "Paths").
//!
//! The fast path reads only what the pattern names: subtrees no pattern path
//! goes into are skipped without being decoded.

use crate::json::{JsonError, Reader, Text, TokenKind};
use crate::number::comparable;
use crate::span::{Encoding, LineCol, LineIndex, Span};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small fast hasher for the short path strings looked up once per key
/// while reading an event (SipHash cost as much as the reading itself).
///
/// ```
/// use std::hash::{BuildHasher, BuildHasherDefault};
/// use eventpattern::event::PathHasher;
///
/// let build = BuildHasherDefault::<PathHasher>::default();
/// assert_eq!(build.hash_one("detail.state"), build.hash_one("detail.state"));
/// ```
#[derive(Default, Clone, Copy)]
pub struct PathHasher(u64);

impl Hasher for PathHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().expect("eight bytes")))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        // Fold the high half into the low bits the table indexes by: a key
        // whose low bits are all equal (an array id shifted up) otherwise
        // lands in one bucket (200,000 nested arrays took 9 s).
        self.0 ^ (self.0 >> 32)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<PathHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<PathHasher>>;
use std::fmt;

/// A leaf value of an event.
///
/// ```
/// use eventpattern::event::{flatten, Value};
///
/// let flat = flatten(r#"{"a": "x", "b": 1.50, "c": true, "d": null}"#, None).unwrap();
/// assert!(matches!(&flat.leaves[0].value, Value::Str(s) if s.as_str() == "x"));
/// assert!(matches!(&flat.leaves[1].value, Value::Num { text, value: Some(v) } if *text == "1.50" && *v == 1.5));
/// assert_eq!(flat.leaves[2].value, Value::Bool(true));
/// assert_eq!(flat.leaves[3].value, Value::Null);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A string, escapes resolved; a lone surrogate is `?` as AWS's engine
    /// compares it, and remembered (see [`Text`]).
    Str(Text<'a>),
    /// A number: its exact text, and its double when exactly representable.
    Num {
        /// As written in the event.
        text: &'a str,
        /// See [`crate::number::comparable`].
        value: Option<f64>,
    },
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Value<'_> {
    /// `string`, `number`, `boolean` or `null`.
    ///
    /// ```
    /// let flat = eventpattern::event::flatten(r#"{"n": 1}"#, None).unwrap();
    /// assert_eq!(flat.leaves[0].value.type_name(), "number");
    /// ```
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Num { .. } => "number",
            Value::Bool(_) => "boolean",
            Value::Null => "null",
        }
    }
}

/// One leaf of the event.
///
/// ```
/// use eventpattern::event::flatten;
///
/// let text = r#"{"a": {"b": [1, 2]}}"#;
/// let flat = flatten(text, None).unwrap();
/// let second = &flat.leaves[1];
/// assert_eq!((second.path.as_str(), &text[second.span.range()]), ("a.b", "2"));
/// assert_eq!(flat.trail(second).len(), 1); // inside one array
/// ```
#[derive(Debug, Clone)]
pub struct EventLeaf<'a> {
    /// Index of the pattern path this leaf is at (selective reading), else `u32::MAX`.
    pub path_id: u32,
    /// The joined path (only when the whole event is read).
    pub path: String,
    /// The value.
    pub value: Value<'a>,
    /// The value's text in the event.
    pub span: Span,
    /// `start..end` into [`FlatEvent::trails`]: the arrays around this leaf.
    pub trail: (u32, u32),
}

/// A path in the event that holds no leaf: an object, or an empty array.
///
/// ```
/// use eventpattern::event::flatten;
///
/// let flat = flatten(r#"{"a": {}, "b": []}"#, None).unwrap();
/// let kinds: Vec<(&str, bool)> = flat.containers.iter().map(|c| (c.path.as_str(), c.is_object)).collect();
/// assert!(kinds.contains(&("a", true)) && kinds.contains(&("b", false)));
/// ```
#[derive(Debug, Clone)]
pub struct EventContainer {
    /// The joined path.
    pub path: String,
    /// Where its value starts (`{` or `[`).
    pub span: Span,
    /// `true` for an object, `false` for an empty array.
    pub is_object: bool,
}

/// The leaves of an event.
///
/// ```
/// use eventpattern::event::{flatten, Selector};
///
/// let only = Selector::new(["detail.state"]);
/// let flat = flatten(r#"{"source": "x", "detail": {"state": "on", "n": 1}}"#, Some(&only)).unwrap();
/// assert_eq!(flat.leaves.len(), 1);
/// assert_eq!(flat.leaves[0].path_id, 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct FlatEvent<'a> {
    /// Leaves in document order.
    pub leaves: Vec<EventLeaf<'a>>,
    /// `(array id, element index)` pairs, sliced by each leaf's `trail`.
    pub trails: Vec<(u32, u32)>,
    /// Objects and empty arrays (when reading selectively: only at selected paths).
    pub containers: Vec<EventContainer>,
}

impl FlatEvent<'_> {
    /// The arrays around a leaf, outermost first.
    ///
    /// ```
    /// let flat = eventpattern::event::flatten(r#"{"a": [[1]]}"#, None).unwrap();
    /// assert_eq!(flat.trail(&flat.leaves[0]).len(), 2);
    /// ```
    pub fn trail(&self, leaf: &EventLeaf<'_>) -> &[(u32, u32)] {
        &self.trails[leaf.trail.0 as usize..leaf.trail.1 as usize]
    }

    /// Whether two leaves could come from one element of every array they share.
    ///
    /// ```
    /// let flat = eventpattern::event::flatten(r#"{"l": [{"a": 1, "b": 2}, {"a": 3}]}"#, None).unwrap();
    /// let (a1, b2, a3) = (&flat.leaves[0], &flat.leaves[1], &flat.leaves[2]);
    /// assert!(flat.compatible(a1, b2));
    /// assert!(!flat.compatible(b2, a3)); // different elements of one array
    /// ```
    pub fn compatible(&self, a: &EventLeaf<'_>, b: &EventLeaf<'_>) -> bool {
        trails_compatible(self.trail(a), self.trail(b))
    }
}

/// Two trails conflict when they pass through the same array at different elements.
///
/// ```
/// use eventpattern::event::trails_compatible;
///
/// assert!(trails_compatible(&[(0, 1)], &[(0, 1), (1, 0)]));
/// assert!(!trails_compatible(&[(0, 1)], &[(0, 2)]));
/// ```
pub fn trails_compatible(a: &[(u32, u32)], b: &[(u32, u32)]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x.0 != y.0 {
            return true;
        }
        if x.1 != y.1 {
            return false;
        }
    }
    true
}

/// Which paths to read: the pattern's leaf paths and every path on the way to one.
///
/// ```
/// use eventpattern::event::Selector;
///
/// let s = Selector::new(["detail.state", "source"]);
/// assert_eq!((s.id("source"), s.len()), (Some(1), 2));
/// assert!(s.on_path("detail") && !s.on_path("region"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Selector {
    leaves: FastMap<String, u32>,
    inner: FastSet<String>,
    /// The dot-separated steps of the selected paths: AWS's engine enters an
    /// event key only if it is one of them, or all of its own steps are.
    steps: FastSet<String>,
    /// Bit `n` set when some selected or inner path has length `n` (63 = longer):
    /// most event keys are rejected by this test without hashing.
    lengths: u64,
}

impl Selector {
    /// A selector for these joined paths; path `i` gets id `i`.
    ///
    /// ```
    /// let s = eventpattern::event::Selector::new(["a", "a"]);
    /// assert_eq!(s.len(), 1);
    /// ```
    pub fn new<'p>(paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut s = Selector::default();
        for p in paths {
            s.add(p);
        }
        s
    }

    /// Selects one more path (a no-op if it is selected already) and returns
    /// its id. Ids never change, so a rule set can add a rule's paths without
    /// renumbering those of the rules it holds.
    ///
    /// ```
    /// let mut s = eventpattern::event::Selector::new(["a"]);
    /// assert_eq!(s.add("b"), 1);
    /// assert_eq!(s.add("a"), 0);
    /// ```
    pub fn add(&mut self, path: &str) -> u32 {
        if let Some(id) = self.id(path) {
            return id;
        }
        let id = self.leaves.len() as u32;
        self.leaves.insert(path.to_string(), id);
        self.steps.extend(java_split_dots(path).map(str::to_string));
        self.lengths |= length_bit(path.len());
        for (i, _) in path.match_indices('.') {
            self.inner.insert(path[..i].to_string());
            self.lengths |= length_bit(i);
        }
        id
    }

    /// Whether AWS's engine reads an event key at all (docs/SEMANTICS.md,
    /// "Paths"): `""` only when a pattern path has an empty step, and a key
    /// with dots when each of its steps is used.
    ///
    /// ```
    /// let s = eventpattern::event::Selector::new(["a.b"]);
    /// assert!(s.step_used("a") && s.step_used("a.b") && !s.step_used("c"));
    /// ```
    pub fn step_used(&self, key: &str) -> bool {
        // A key without dots is its own only step: one lookup settles it.
        self.steps.contains(key)
            || (key.contains('.') && java_split_dots(key).all(|s| self.steps.contains(s)))
    }

    fn may_hold(&self, path: &str) -> bool {
        self.lengths & length_bit(path.len()) != 0
    }

    /// The id of a leaf path.
    ///
    /// ```
    /// let s = eventpattern::event::Selector::new(["a.b"]);
    /// assert_eq!((s.id("a.b"), s.id("a")), (Some(0), None));
    /// ```
    pub fn id(&self, path: &str) -> Option<u32> {
        self.leaves.get(path).copied()
    }

    /// Whether `path` is a selected path or on the way to one.
    ///
    /// ```
    /// assert!(eventpattern::event::Selector::new(["a.b.c"]).on_path("a.b"));
    /// ```
    pub fn on_path(&self, path: &str) -> bool {
        self.leaves.contains_key(path) || self.inner.contains(path)
    }

    /// Number of distinct paths.
    ///
    /// ```
    /// assert_eq!(eventpattern::event::Selector::new(["a", "b"]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.leaves.len()
    }

    /// No paths at all.
    ///
    /// ```
    /// assert!(eventpattern::event::Selector::new([]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }
}

/// `text` split at dots the way Java's `String.split` does it: trailing empty
/// parts dropped (`"a."` is `["a"]`, `"."` is none), but `""` is `[""]`.
fn java_split_dots(text: &str) -> impl Iterator<Item = &str> {
    let kept = if text.is_empty() {
        text
    } else {
        text.trim_end_matches('.')
    };
    let none = !text.is_empty() && kept.is_empty();
    kept.split('.').filter(move |_| !none)
}

fn length_bit(n: usize) -> u64 {
    1 << n.min(63)
}

/// Why an event could not be read.
///
/// ```
/// use eventpattern::Pattern;
///
/// let p = Pattern::parse(r#"{"a": ["x"]}"#).unwrap();
/// let err = p.matches(r#"{"a": tru}"#).unwrap_err();
/// assert!(err.message.starts_with("Unrecognized token 'tru'"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

impl EventError {
    /// Where the error starts in `text` (the event this error came from).
    ///
    /// ```
    /// use eventpattern::{Encoding, Pattern};
    ///
    /// let event = "{\"a\":\n  tru}";
    /// let err = Pattern::parse(r#"{"a": ["x"]}"#).unwrap().matches(event).unwrap_err();
    /// let at = err.position(event, Encoding::Chars);
    /// assert_eq!((at.line, at.column), (2, 3));
    /// ```
    pub fn position(&self, text: &str, encoding: Encoding) -> LineCol {
        LineIndex::new(text).line_col(self.span.start, encoding)
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EventError {}

impl From<JsonError> for EventError {
    fn from(e: JsonError) -> Self {
        EventError {
            message: e.message,
            span: e.span,
        }
    }
}

/// Refuses an event whose byte offsets do not fit a [`Span`].
pub(crate) fn check_length(len: usize) -> Result<(), EventError> {
    if crate::span::addressable(len) {
        Ok(())
    } else {
        Err(EventError {
            message: format!(
                "The event is {len} bytes long; this engine reads events up to {} bytes (4 GiB)",
                crate::span::MAX_TEXT_LEN
            ),
            span: Span::empty(0),
        })
    }
}

enum Frame {
    Object {
        path_len: usize,
    },
    Array {
        path_len: usize,
        index: u32,
        /// The selector's id for the elements' path, looked up once per
        /// array (a million elements share one path).
        id: Option<Option<u32>>,
    },
}

/// Reads an event. With a selector, only the selected paths are kept (and
/// `path` is left empty); without one, every leaf and container is kept.
///
/// ```
/// use eventpattern::event::flatten;
///
/// assert_eq!(flatten(r#"{"a": [1, {"b": 2}]}"#, None).unwrap().leaves.len(), 2);
/// assert!(flatten("[1]", None).is_err()); // an event is an object
/// ```
pub fn flatten<'a>(
    text: &'a str,
    selector: Option<&Selector>,
) -> Result<FlatEvent<'a>, EventError> {
    check_length(text.len())?;
    let mut r = Reader::new(text, usize::MAX);
    let first = r.next_token()?;
    if first.kind != TokenKind::BeginObject {
        return Err(EventError {
            message: "The event must be a JSON object (AWS: Parameter Event is not valid.)".into(),
            span: if first.kind == TokenKind::End {
                Span::empty(first.span.start as usize)
            } else {
                first.span
            },
        });
    }
    let full = selector.is_none();
    let mut out = FlatEvent {
        // Bounded: a rule set selects hundreds of paths, and an event has few of them.
        leaves: Vec::with_capacity(selector.map_or(64, |s| (s.len() * 2).min(64))),
        ..FlatEvent::default()
    };
    let mut path = String::with_capacity(128);
    let mut frames = Vec::with_capacity(16);
    frames.push(Frame::Object { path_len: 0 });
    let mut trail: Vec<(u32, u32)> = Vec::new();
    let mut next_array = 0u32;
    // The path the next value is at, and whether it is wanted.
    loop {
        let t = r.next_token()?;
        let in_array = matches!(frames.last(), Some(Frame::Array { .. }));
        let value_token = match t.kind {
            TokenKind::End => return Ok(out),
            TokenKind::EndObject | TokenKind::EndArray => {
                let frame = frames.pop().expect("balanced");
                let (path_len, empty_array) = match frame {
                    Frame::Object { path_len } => (path_len, false),
                    Frame::Array {
                        path_len, index, ..
                    } => {
                        trail.pop();
                        (path_len, index == 0)
                    }
                };
                if empty_array && selector.is_none_or(|s| s.id(&path).is_some()) {
                    out.containers.push(EventContainer {
                        path: path.clone(),
                        span: t.span,
                        is_object: false,
                    });
                }
                path.truncate(path_len);
                if frames.is_empty() {
                    return Ok(out);
                }
                continue;
            }
            TokenKind::Key => {
                let key = r.key_content(t);
                let v = r.next_token()?;
                let path_len = path.len();
                if selector.is_some_and(|s| !s.step_used(&key)) {
                    r.skip_value(v)?;
                    continue;
                }
                // Steps are joined with dots, empty ones included (`{"": {"b": …}}` is `.b`).
                if frames.len() > 1 {
                    path.push('.');
                }
                path.push_str(&key);
                let wanted = match selector {
                    None => true,
                    Some(s) if !s.may_hold(&path) => false,
                    Some(s) => match v.kind {
                        TokenKind::BeginObject => {
                            if s.leaves.contains_key(path.as_str()) {
                                // A pattern field that holds an object: remembered for the trace.
                                out.containers.push(EventContainer {
                                    path: path.clone(),
                                    span: v.span,
                                    is_object: true,
                                });
                            }
                            s.inner.contains(path.as_str())
                        }
                        TokenKind::BeginArray => {
                            s.inner.contains(path.as_str()) || s.leaves.contains_key(path.as_str())
                        }
                        // A value: `push_leaf` keeps it only at a selected path.
                        _ => true,
                    },
                };
                if !wanted {
                    r.skip_value(v)?;
                    path.truncate(path_len);
                    continue;
                }
                // The member's value: containers push a frame that restores the path.
                match v.kind {
                    TokenKind::BeginObject | TokenKind::BeginArray => {}
                    _ => {
                        push_leaf(&mut out, &r, v, &path, selector, &trail, None);
                        path.truncate(path_len);
                        continue;
                    }
                }
                (v, path_len)
            }
            _ => {
                // An array element.
                debug_assert!(in_array);
                let mut id_cache = None;
                if let Some(Frame::Array { index, id, .. }) = frames.last_mut() {
                    if let Some(last) = trail.last_mut() {
                        last.1 = *index;
                    }
                    *index += 1;
                    id_cache = Some(id);
                }
                match t.kind {
                    TokenKind::BeginObject | TokenKind::BeginArray => {}
                    _ => {
                        push_leaf(&mut out, &r, t, &path, selector, &trail, id_cache);
                        continue;
                    }
                }
                (t, path.len())
            }
        };
        let (v, path_len) = value_token;
        if v.kind == TokenKind::BeginObject {
            if full && !path.is_empty() {
                out.containers.push(EventContainer {
                    path: path.clone(),
                    span: v.span,
                    is_object: true,
                });
            }
            frames.push(Frame::Object { path_len });
        } else {
            frames.push(Frame::Array {
                path_len,
                index: 0,
                id: None,
            });
            trail.push((next_array, 0));
            next_array += 1;
        }
    }
}

/// Keeps the value `t` at `path` as a leaf (with a selector, only at a
/// selected path). `id_cache` holds the selector's answer for `path` when the
/// caller can reuse it (the elements of one array).
fn push_leaf<'a>(
    out: &mut FlatEvent<'a>,
    r: &Reader<'a>,
    t: crate::json::Token,
    path: &str,
    selector: Option<&Selector>,
    trail: &[(u32, u32)],
    id_cache: Option<&mut Option<Option<u32>>>,
) {
    let (path_id, path) = match selector {
        Some(s) => match match id_cache {
            Some(cache) => *cache.get_or_insert_with(|| s.id(path)),
            None => s.id(path),
        } {
            Some(id) => (id, String::new()),
            None => return,
        },
        None => (u32::MAX, path.to_string()),
    };
    let raw = r.slice(t.span);
    let value = match t.kind {
        TokenKind::String => Value::Str(r.string_text(t)),
        TokenKind::Number => Value::Num {
            text: raw,
            value: comparable(raw),
        },
        TokenKind::True => Value::Bool(true),
        TokenKind::False => Value::Bool(false),
        _ => Value::Null,
    };
    let start = out.trails.len() as u32;
    out.trails.extend_from_slice(trail);
    out.leaves.push(EventLeaf {
        path_id,
        path,
        value,
        span: t.span,
        trail: (start, out.trails.len() as u32),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<(String, String)> {
        let flat = flatten(text, None).unwrap();
        flat.leaves
            .iter()
            .map(|l| (l.path.clone(), text[l.span.range()].to_string()))
            .collect()
    }

    #[test]
    fn flattens_with_dots_and_crushed_arrays() {
        assert_eq!(
            paths(r#"{"a": {"b": [1, {"c": "x"}, [true]]}, "d.e": null, "f": []}"#),
            vec![
                ("a.b".into(), "1".into()),
                ("a.b.c".into(), "\"x\"".into()),
                ("a.b".into(), "true".into()),
                ("d.e".into(), "null".into()),
            ]
        );
    }

    #[test]
    fn selective_reading_skips_unnamed_subtrees() {
        let sel = Selector::new(["detail.state"]);
        let text = r#"{"source": "x", "detail": {"junk": {"deep": [1,2,3]}, "state": "on"}}"#;
        let flat = flatten(text, Some(&sel)).unwrap();
        assert_eq!(flat.leaves.len(), 1);
        assert_eq!(flat.leaves[0].value, Value::Str("on".into()));
    }

    #[test]
    fn array_elements_are_told_apart() {
        let text = r#"{"e": [{"f": "Anna", "l": "Smith"}, {"f": "Peter", "l": "Jones"}]}"#;
        let flat = flatten(text, None).unwrap();
        let anna = &flat.leaves[0];
        let smith = &flat.leaves[1];
        let jones = &flat.leaves[3];
        assert!(flat.compatible(anna, smith));
        assert!(!flat.compatible(anna, jones));
    }

    #[test]
    fn events_past_four_gib_are_refused() {
        assert!(check_length(crate::span::MAX_TEXT_LEN).is_ok());
        let e = check_length(crate::span::MAX_TEXT_LEN + 1).unwrap_err();
        assert!(e.message.contains("4 GiB"), "{}", e.message);
    }

    #[test]
    fn empty_keys_are_steps() {
        assert_eq!(
            paths(r#"{"": {"b": 1}, "a": {"": {"c": 2}}, "x": [{"": 3}]}"#),
            vec![
                (".b".into(), "1".into()),
                ("a..c".into(), "2".into()),
                ("x.".into(), "3".into()),
            ]
        );
        let sel = Selector::new(["a."]);
        assert!(!sel.step_used(""));
        assert!(sel.step_used("a."));
        assert!(Selector::new([""]).step_used(""));
        assert!(Selector::new(["a..b"]).step_used(""));
        assert!(Selector::new(["q"]).step_used("."));
    }

    #[test]
    fn not_an_object_and_deep_nesting() {
        assert!(flatten("[1]", None)
            .unwrap_err()
            .message
            .contains("JSON object"));
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(flatten(&deep, None).unwrap().leaves.len(), 1);
    }
}
