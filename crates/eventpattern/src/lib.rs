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
//! Layers: [`json`] (spanned reader) → [`pattern`] (tree + validation) →
//! compiled alternatives → [`Pattern::matches`] (fast) and [`Pattern::explain`] (trace).
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
    pub fn explain(&self, event: &str) -> Result<Trace, EventError> {
        explain::explain(self, event)
    }

    /// The pattern tree as written.
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
