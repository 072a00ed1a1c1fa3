//! The engine's errors as the package's Python exceptions (defined in
//! `eventpattern/_errors.py`): AWS's wording, line and column in characters
//! (Python string indices, counted from 1) and the pattern path.

use eventpattern::pattern::PathSegment;
use eventpattern::splitter::SplitError;
use eventpattern::{Encoding, EventError, PatternError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList};

/// `eventpattern.PatternError` for `e`, raised on the pattern `text`; `rule`
/// names the rule of a `RuleSet` it belongs to.
pub fn pattern_error(py: Python<'_>, text: &str, e: &PatternError, rule: Option<&str>) -> PyErr {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let class = CLASS.import(py, "eventpattern._errors", "PatternError")?;
        let at = e.position(text, Encoding::Chars);
        let path = PyList::empty(py);
        for segment in &e.path {
            match segment {
                PathSegment::Key(k) => path.append(k)?,
                PathSegment::Index(i) => path.append(i)?,
            }
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("reason", &e.reason)?;
        kwargs.set_item("kind", e.kind.name())?;
        kwargs.set_item("line", at.line)?;
        kwargs.set_item("column", at.column)?;
        kwargs.set_item("path", path)?;
        kwargs.set_item("rule", rule)?;
        Ok(PyErr::from_value(
            class.call((e.aws_message(),), Some(&kwargs))?,
        ))
    };
    build().unwrap_or_else(|err| err)
}

/// `eventpattern.EventError` for `e`, raised on the event `text`; `index`
/// is its position in a batch.
pub fn event_error(py: Python<'_>, text: &str, e: &EventError, index: Option<usize>) -> PyErr {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let class = CLASS.import(py, "eventpattern._errors", "EventError")?;
        let at = e.position(text, Encoding::Chars);
        let kwargs = PyDict::new(py);
        kwargs.set_item("line", at.line)?;
        kwargs.set_item("column", at.column)?;
        kwargs.set_item("index", index)?;
        Ok(PyErr::from_value(class.call((&e.message,), Some(&kwargs))?))
    };
    build().unwrap_or_else(|err| err)
}

/// `eventpattern.EventError` for input a file of events cannot use: its
/// line is known, its column is not.
pub fn split_error(py: Python<'_>, e: &SplitError) -> PyErr {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let class = CLASS.import(py, "eventpattern._errors", "EventError")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("line", e.line)?;
        kwargs.set_item("column", None::<u32>)?;
        Ok(PyErr::from_value(class.call((&e.message,), Some(&kwargs))?))
    };
    build().unwrap_or_else(|err| err)
}
