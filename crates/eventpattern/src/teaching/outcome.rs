//! What one pattern field found in the event — the data both the trace
//! (`explain`) and the hints read. It sits below both, so neither imports
//! the other's module for it.

use crate::span::Span;

/// An event value the trace refers to.
///
/// ```
/// use eventpattern::{FieldOutcome, Pattern};
///
/// let event = r#"{"n": 42}"#;
/// let trace = Pattern::parse(r#"{"n": [{"numeric": ["<", 10]}]}"#).unwrap().explain(event).unwrap();
/// let FieldOutcome::NoConditionMet { values } = &trace.fields[0].outcome else { unreachable!() };
/// assert_eq!((values[0].text.as_str(), values[0].type_name), ("42", "number"));
/// assert_eq!(&event[values[0].span.range()], "42");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRef {
    /// Joined path of the value.
    pub path: String,
    /// Its text in the event.
    pub span: Span,
    /// The JSON text (long values shortened).
    pub text: String,
    /// `string`, `number`, `boolean` or `null`.
    pub type_name: &'static str,
}

/// What one field found.
///
/// ```
/// use eventpattern::{FieldOutcome, Pattern};
///
/// let p = Pattern::parse(r#"{"a": ["x"], "b": [{"exists": false}], "c": ["y"]}"#).unwrap();
/// let trace = p.explain(r#"{"a": "x", "c": {"d": 1}}"#).unwrap();
/// assert!(matches!(trace.fields[0].outcome, FieldOutcome::Matched { condition: 0, .. }));
/// assert_eq!(trace.fields[1].outcome, FieldOutcome::AbsentAsRequired);
/// assert!(matches!(trace.fields[2].outcome, FieldOutcome::NotALeaf { is_object: true, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldOutcome {
    /// Condition `condition` (index in the field's list) accepted `value`.
    Matched {
        /// Index of the condition.
        condition: usize,
        /// The value.
        value: ValueRef,
    },
    /// `exists: false` is met: the event has no value here.
    AbsentAsRequired,
    /// No value at this path.
    Missing,
    /// The path holds an object or an empty array, which are not values.
    NotALeaf {
        /// Where the object or array starts.
        span: Span,
        /// `true` for an object.
        is_object: bool,
    },
    /// Values exist; none meets any condition (closest first).
    NoConditionMet {
        /// The values that were tried.
        values: Vec<ValueRef>,
    },
    /// Values meet the conditions, but only in other elements of an array
    /// than the values chosen for `with`.
    ArrayConflict {
        /// A value that would have matched on its own.
        value: ValueRef,
        /// The field it conflicts with.
        with: String,
    },
}
