//! The one loader of the shared corpora at the repository root. Every module
//! reads its cases here; the files are compiled in with `include_str!`, so the
//! same cases run natively and in wasm32, where there is no file system.

use serde::Deserialize;
use serde_json::value::RawValue;

/// One corpus file and the number of cases it must hold, so a truncated file
/// fails rather than passes with fewer cases.
pub struct Corpus {
    /// The name failures are reported under.
    pub name: &'static str,
    /// The file's text, one case a line.
    pub text: &'static str,
    /// The fewest cases the file may hold.
    pub at_least: usize,
}

/// Cases recorded from AWS and its documentation.
pub const CONFORMANCE: Corpus = Corpus {
    name: "conformance",
    text: include_str!("../../../../tests/conformance.jsonl"),
    at_least: 745,
};

/// Disagreements a differential run against AWS's engine found, one or more
/// per class.
pub const DIFFERENTIAL: Corpus = Corpus {
    name: "differential",
    text: include_str!("../../../../tests/differential.jsonl"),
    at_least: 42,
};

/// Generated cases around those classes, each answered by AWS's engine
/// (event-ruler 2.0.1).
pub const ENGINE: Corpus = Corpus {
    name: "engine",
    text: include_str!("../../../../tests/engine.jsonl"),
    at_least: 652,
};

/// One case as written in the file; pattern and event keep their exact text
/// (number spellings matter). Either may be a JSON string holding the raw
/// text, for texts that are not JSON or that a JSON library would not keep
/// as written.
#[derive(Deserialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(borrow)]
    pattern: &'a RawValue,
    #[serde(borrow)]
    event: &'a RawValue,
    expected: &'a str,
    #[serde(default)]
    error_reason: Option<String>,
}

/// One case, its pattern and event as the texts fed to the engine.
pub struct Case {
    /// The case's id in its file.
    pub id: String,
    /// The pattern text.
    pub pattern: String,
    /// The event text.
    pub event: String,
    /// `match`, `no-match` or `invalid`.
    pub expected: String,
    /// AWS's reason when the pattern is invalid, if recorded.
    pub error_reason: Option<String>,
}

/// The text of a pattern or event field: a JSON string is raw text, fed unchanged.
fn raw_text(raw: &RawValue) -> String {
    let raw = raw.get();
    if raw.starts_with('"') {
        serde_json::from_str::<String>(raw).expect("a JSON string")
    } else {
        raw.to_string()
    }
}

impl Corpus {
    /// The file's cases in order; blank lines are skipped.
    pub fn cases(&self) -> Vec<Case> {
        self.text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let case: Line = serde_json::from_str(line).expect("corpus line is a case");
                Case {
                    id: case.id.to_string(),
                    pattern: raw_text(case.pattern),
                    event: raw_text(case.event),
                    expected: case.expected.to_string(),
                    error_reason: case.error_reason,
                }
            })
            .collect()
    }
}
