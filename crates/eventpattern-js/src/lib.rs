//! The npm package's WebAssembly binding. It only converts: texts in, the
//! engine's [`eventpattern::report`] types out through `serde-wasm-bindgen`
//! (positions in UTF-16, JavaScript's string indices). The package's
//! JavaScript (packages/npm/src/api.js) turns objects into text and error
//! objects into `PatternError`/`EventError` instances.
//!
//! Texts arrive as UTF-8 bytes (`TextEncoder` in the API): wasm-bindgen's
//! own string passing copies them a character at a time in JavaScript,
//! which cost 12 µs of a 1.5 KB event's 16 µs; `TextEncoder` and a byte
//! copy take about 1 µs.
//!
//! Errors are thrown as plain objects: an [`ErrorReport`] (invalid pattern)
//! or an [`EventErrorReport`] (`in: "event"`).

mod cache;

/// The README's Rust example ("Use it from your code"), run as a doctest
/// here, in a crate that is not published (the engine's package has the
/// README elsewhere); its JavaScript example is run by scripts/test-npm.sh.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeExamples;

use cache::compiled;
use eventpattern::report::{notes, ErrorReport, EventErrorReport, TraceReport};
use eventpattern::{cloudtrail, EventError, Pattern, PatternError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Positions in the reports: JavaScript strings are indexed in UTF-16.
const ENCODING: eventpattern::Encoding = eventpattern::Encoding::Utf16;

/// A Rust value as a plain JavaScript value (objects, not `Map`s).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

/// Text from `TextEncoder`, which always writes UTF-8.
fn text(bytes: &[u8]) -> Result<&str, JsValue> {
    std::str::from_utf8(bytes).map_err(|e| JsValue::from_str(&format!("not UTF-8: {e}")))
}

fn pattern_error(text: &str, e: &PatternError) -> JsValue {
    to_js(&ErrorReport::new(text, e, ENCODING))
}

fn event_error(text: &str, e: &EventError) -> JsValue {
    to_js(&EventErrorReport::new(text, e, ENCODING))
}

/// Whether `event` matches `pattern` (both JSON text).
#[wasm_bindgen]
pub fn matches(pattern: &[u8], event: &[u8]) -> Result<bool, JsValue> {
    let (pattern, event) = (text(pattern)?, text(event)?);
    compiled(pattern, |p| {
        let p = p.as_ref().map_err(|e| pattern_error(pattern, e))?;
        p.matches(event).map_err(|e| event_error(event, &e))
    })
}

/// The trace: the verdict and, field by field, why ([`TraceReport`]).
#[wasm_bindgen]
pub fn explain(pattern: &[u8], event: &[u8]) -> Result<JsValue, JsValue> {
    let (pattern, event) = (text(pattern)?, text(event)?);
    compiled(pattern, |p| {
        let p = p.as_ref().map_err(|e| pattern_error(pattern, e))?;
        let trace = p.explain(event).map_err(|e| event_error(event, &e))?;
        Ok(to_js(&TraceReport::new(
            p, pattern, event, &trace, ENCODING,
        )))
    })
}

/// `null` for a valid pattern, else its [`ErrorReport`].
#[wasm_bindgen]
pub fn validate(pattern: &[u8]) -> Result<JsValue, JsValue> {
    let pattern = text(pattern)?;
    Ok(compiled(pattern, |p| match p {
        Ok(_) => JsValue::NULL,
        Err(e) => pattern_error(pattern, e),
    }))
}

/// Notes on likely mistakes in a valid pattern ([`eventpattern::report::NoteReport`]s).
#[wasm_bindgen]
pub fn lint(pattern: &[u8]) -> Result<JsValue, JsValue> {
    let pattern = text(pattern)?;
    compiled(pattern, |p| {
        let p = p.as_ref().map_err(|e| pattern_error(pattern, e))?;
        Ok(to_js(&notes(p, pattern, ENCODING)))
    })
}

/// A CloudTrail record (or the first record of a log file) wrapped in the
/// envelope EventBridge delivers; other text is returned unchanged.
#[wasm_bindgen(js_name = wrapCloudTrail)]
pub fn wrap_cloudtrail(record: &[u8]) -> Result<String, JsValue> {
    let record = text(record)?;
    match cloudtrail::to_event(record) {
        Ok(Some(event)) => Ok(event),
        Ok(None) => Ok(record.to_string()),
        Err(e) => Err(event_error(record, &e)),
    }
}

/// An event the pattern matches (envelope included), as formatted JSON
/// text, or `None` when no simple one is found.
#[wasm_bindgen]
pub fn example(pattern: &[u8]) -> Result<Option<String>, JsValue> {
    let pattern = text(pattern)?;
    compiled(pattern, |p| {
        let p = p.as_ref().map_err(|e| pattern_error(pattern, e))?;
        Ok(eventpattern::example::example_event(p)
            .map(|event| eventpattern::json::format(&event).unwrap_or(event)))
    })
}

/// Named patterns matched together ([`eventpattern::RuleSet`]).
#[wasm_bindgen(js_name = RuleSetCore)]
pub struct RuleSet {
    rules: eventpattern::RuleSet,
}

#[wasm_bindgen(js_class = RuleSetCore)]
impl RuleSet {
    /// The set of `names[i]` → `patterns[i]`; the first invalid pattern is
    /// thrown as its [`ErrorReport`] with the rule's name as `rule`.
    #[wasm_bindgen(constructor)]
    pub fn new(names: Vec<String>, patterns: Vec<String>) -> Result<RuleSet, JsValue> {
        let mut rules = eventpattern::RuleSet::new();
        for (name, text) in names.into_iter().zip(patterns) {
            match Pattern::parse(&text) {
                Ok(p) => {
                    rules.insert(name, p);
                }
                Err(e) => {
                    #[derive(Serialize)]
                    struct InRule {
                        rule: String,
                        #[serde(flatten)]
                        error: ErrorReport,
                    }
                    let error = ErrorReport::new(&text, &e, ENCODING);
                    return Err(to_js(&InRule { rule: name, error }));
                }
            }
        }
        Ok(RuleSet { rules })
    }

    /// Names of the rules `event` matches, in the order they were given.
    pub fn matching(&self, event: &[u8]) -> Result<Vec<String>, JsValue> {
        let event = text(event)?;
        let names = self
            .rules
            .matching(event)
            .map_err(|e| event_error(event, &e))?;
        Ok(names.into_iter().map(str::to_string).collect())
    }

    /// How many rules the set holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.rules.len()
    }
}
