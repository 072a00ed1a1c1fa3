//! The engine's errors as the package's Python exceptions (defined in
//! `eventpattern/_errors.py`), their details taken from the engine's
//! reports (`eventpattern::report`), the shape the CLI's `--json` and the
//! npm package print: AWS's wording, line and column in characters (Python
//! string indices, counted from 1), the pattern path, a plain sentence, fixes.

use eventpattern::report::{ErrorReport, EventErrorReport};
use eventpattern::splitter::SplitError;
use eventpattern::{Encoding, EventError, PatternError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;
use pythonize::pythonize;

/// `eventpattern.PatternError` for `e`, raised on the pattern `text`; `rule`
/// names the rule of a `RuleSet` it belongs to.
pub fn pattern_error(py: Python<'_>, text: &str, e: &PatternError, rule: Option<&str>) -> PyErr {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let class = CLASS.import(py, "eventpattern._errors", "PatternError")?;
        let report = ErrorReport::new(text, e, Encoding::Chars);
        let kwargs = pythonize(py, &report)?.cast_into::<PyDict>()?;
        kwargs.del_item("message")?;
        kwargs.set_item("rule", rule)?;
        Ok(PyErr::from_value(
            class.call((report.message,), Some(&kwargs))?,
        ))
    };
    build().unwrap_or_else(|err| err)
}

/// `eventpattern.EventError` for `e`, raised on the event `text`; `index`
/// is its position in a batch.
pub fn event_error(py: Python<'_>, text: &str, e: &EventError, index: Option<usize>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let report = EventErrorReport::new(text, e, Encoding::Chars);
        let kwargs = pythonize(py, &report)?.cast_into::<PyDict>()?;
        kwargs.del_item("reason")?;
        kwargs.del_item("in")?;
        kwargs.set_item("index", index)?;
        raise_event_error(py, &report.reason, &kwargs)
    };
    build().unwrap_or_else(|err| err)
}

/// `eventpattern.EventError` for input a file of events cannot use: its
/// line is known, its column is not.
pub fn split_error(py: Python<'_>, e: &SplitError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("line", e.line)?;
        kwargs.set_item("column", None::<u32>)?;
        raise_event_error(py, &e.message, &kwargs)
    };
    build().unwrap_or_else(|err| err)
}

fn raise_event_error(py: Python<'_>, message: &str, kwargs: &Bound<'_, PyDict>) -> PyResult<PyErr> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let class = CLASS.import(py, "eventpattern._errors", "EventError")?;
    Ok(PyErr::from_value(class.call((message,), Some(kwargs))?))
}
