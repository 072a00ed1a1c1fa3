//! Amazon EventBridge event patterns: AWS's verdict, AWS's errors with
//! positions, and a per-field explanation of why an event did or did not match.
//!
//! ```
//! use eventpattern::Pattern;
//!
//! let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": ["stopped"]}}"#).unwrap();
//! let event = r#"{"source": "aws.ec2", "detail": {"state": "running"}}"#;
//! assert_eq!(pattern.matches(event).unwrap(), false);
//!
//! let trace = pattern.explain(event).unwrap();
//! assert!(!trace.matched);
//! assert_eq!(trace.fields[1].path, "detail.state");
//!
//! let err = Pattern::parse(r#"{"detail": {"state": [{"prefix": 5}]}}"#).unwrap_err();
//! assert_eq!(err.reason, "prefix match pattern must be a string");
//! ```
//!
//! # What is where
//!
//! * **Matching**: [`Pattern`] (`parse`, `matches`, `explain`), named rules
//!   matched together in one read of each event: [`RuleSet`] (and its
//!   unnamed form [`PatternSet`]).
//! * **Errors**: [`PatternError`] (a kind, AWS's reason, a byte [`Span`],
//!   the [`pattern::PathSegment`] path; line and column on request in an
//!   [`Encoding`]) and [`EventError`]. [`plain`] says each error in one
//!   sentence, [`quickfix`] offers whole fixed patterns.
//! * **Explaining**: the [`Trace`] of [`Pattern::explain`] (one
//!   [`FieldTrace`] per field, with [`hints`] whose suggestions are checked
//!   to work), [`render`] for its words, [`lint`] for likely mistakes in
//!   valid patterns, [`delivery`] for what AWS would not deliver,
//!   [`example`] for an event a pattern matches.
//! * **Results as data**: [`report`] turns traces, errors and notes into
//!   self-contained values (positions in the caller's encoding, kinds as
//!   names); with the `serde` feature they implement `serde::Serialize`.
//!   The CLI's `--json`, the npm package and the Python wheel print these.
//! * **CloudTrail**: [`cloudtrail`] wraps records in the EventBridge
//!   envelope; [`splitter`] cuts JSON Lines, arrays and log files into
//!   events as they stream in.
//! * **Authoring** (the playground's tools, usable by others):
//!   [`outline`], [`compose`], [`export`].
//! * **Layers below**: [`json`] (the spanned reader with Jackson's error
//!   wording), [`pattern`] (the tree), [`compile`], [`event`], [`condition`],
//!   [`operators`], [`number`], [`sort`].
//!
//! # Features
//!
//! * `serde` (off by default): `serde::Serialize` on the [`report`] types
//!   (and the [`delivery::DeliveryNote`], [`quickfix::QuickFix`] and
//!   [`pattern::PathSegment`] values they hold). Keys are `snake_case`, kinds
//!   `kebab-case`; see [`report`] for the shapes. Without it the crate has no
//!   dependencies.
//!
//! # Platform and stability
//!
//! The engine does no I/O, keeps no clocks and never prints; it builds for
//! `wasm32-unknown-unknown` and panics on no input (bounded recursion, limits
//! reported as errors). Versions follow semver with the 0.x rule: a minor
//! release (0.2) may change the API, a patch release (0.1.1) does not. The
//! items named under "Matching", "Errors", "Explaining", "Results as data"
//! and "CloudTrail" are the API the crate means to keep; the layers below
//! are public for the playground, the CLI and the tools in this repository
//! and change more freely. See `CHANGELOG.md`.
#![deny(missing_docs)]
// Platform-neutral: no printing (callers display), no I/O or clocks (clippy.toml).
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]
#![deny(clippy::disallowed_methods, clippy::disallowed_types)]

// The layers, one folder each (ARCHITECTURE.md); their modules are
// re-exported here, so paths stay `eventpattern::explain`, `…::event`, ….
mod authoring;
pub mod cloudtrail;
pub mod json;
mod matching;
pub mod pattern;
pub mod sort;
pub mod span;
mod teaching;
#[cfg(test)]
mod test_templates;

pub use authoring::{compose, export, outline};
pub use cloudtrail::splitter;
pub use matching::{compile, condition, event, number, operators, rule_set, set};
pub(crate) use matching::{element_join, matcher, membership_order};
pub(crate) use teaching::marks;
pub use teaching::{
    delivery, example, excerpt, explain, hints, lint, plain, quickfix, render, report,
};

pub use compile::Rule;
pub use event::{EventError, FlatEvent, Value};
pub use explain::{FieldOutcome, FieldStatus, FieldTrace, Trace};
pub use pattern::{ErrorKind, PatternError};
pub use rule_set::RuleSet;
pub use set::PatternSet;
pub use span::{Encoding, LineCol, LineIndex, Span};

use event::Selector;
use pattern::ParsedPattern;

/// A compiled, valid event pattern.
///
/// ```
/// use eventpattern::Pattern;
///
/// let p = Pattern::parse(r#"{"source": ["aws.s3"]}"#).unwrap();
/// assert!(p.matches(r#"{"source": "aws.s3"}"#).unwrap());
/// ```
#[derive(Debug, Clone)]
pub struct Pattern {
    parsed: ParsedPattern,
    rules: Vec<Rule>,
    selector: Selector,
    /// Per leaf, the selector id of its path.
    leaf_path: Vec<u32>,
}

impl Pattern {
    /// Parses, validates and compiles pattern text, as AWS's `TestEventPattern` would.
    ///
    /// ```
    /// use eventpattern::{ErrorKind, Pattern};
    ///
    /// assert!(Pattern::parse(r#"{"detail": {"size": [{"numeric": [">", 100]}]}}"#).is_ok());
    /// let err = Pattern::parse(r#"{"source": "aws.s3"}"#).unwrap_err();
    /// assert_eq!(err.kind, ErrorKind::FieldNotObjectOrArray);
    /// ```
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let parsed = pattern::parse(text)?;
        let rules = compile::compile(&parsed)?;
        let selector = Selector::new(parsed.leaves.iter().map(|l| l.joined.as_str()));
        let leaf_path = parsed
            .leaves
            .iter()
            .map(|l| selector.id(&l.joined).expect("every leaf path is selected"))
            .collect();
        Ok(Pattern {
            parsed,
            rules,
            selector,
            leaf_path,
        })
    }

    /// Whether the event matches (AWS's `Result`).
    ///
    /// ```
    /// use eventpattern::Pattern;
    ///
    /// let p = Pattern::parse(r#"{"detail": {"size": [{"numeric": [">", 100]}]}}"#).unwrap();
    /// assert!(p.matches(r#"{"detail": {"size": 3e2}}"#).unwrap());
    /// assert!(!p.matches(r#"{"detail": {"size": "300"}}"#).unwrap());
    /// assert!(p.matches("not json").is_err());
    /// ```
    pub fn matches(&self, event: &str) -> Result<bool, EventError> {
        let flat = event::flatten(event, Some(&self.selector))?;
        let by_path = matcher::group_by_path(&flat, self.selector.len());
        Ok(matcher::matches(
            &self.rules,
            &self.parsed.leaves,
            &self.leaf_path,
            &flat,
            &by_path,
        )?)
    }

    /// Whether the event matches, and why, field by field.
    ///
    /// ```
    /// use eventpattern::{FieldStatus, Pattern};
    ///
    /// let p = Pattern::parse(r#"{"source": ["aws.s3"], "detail": {"bucket": ["logs"]}}"#).unwrap();
    /// let trace = p.explain(r#"{"source": "aws.s3", "detail": {}}"#).unwrap();
    /// assert!(!trace.matched);
    /// assert_eq!(trace.fields[1].path, "detail.bucket");
    /// assert_eq!(trace.fields[1].status, FieldStatus::Missing);
    /// ```
    pub fn explain(&self, event: &str) -> Result<Trace, EventError> {
        explain::explain(self, event)
    }

    /// The pattern tree as written.
    ///
    /// ```
    /// use eventpattern::Pattern;
    ///
    /// let p = Pattern::parse(r#"{"a": ["1"], "b": {"c": [2]}}"#).unwrap();
    /// let paths: Vec<&str> = p.tree().leaves.iter().map(|l| l.joined.as_str()).collect();
    /// assert_eq!(paths, ["a", "b.c"]);
    /// ```
    pub fn tree(&self) -> &ParsedPattern {
        &self.parsed
    }

    /// The alternatives `$or` expands to (one when there is no `$or`).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The paths the pattern names, and those on the way to them.
    pub fn selector(&self) -> &Selector {
        &self.selector
    }

    pub(crate) fn leaf_path(&self) -> &[u32] {
        &self.leaf_path
    }
}
