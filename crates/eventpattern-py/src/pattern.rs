//! `eventpattern.Pattern`: a compiled pattern, and the module functions that
//! take a pattern (text, bytes, a dict or a `Pattern`) and an event.

use crate::batch::judge_all;
use crate::errors::{event_error, pattern_error};
use crate::text::Text;
use eventpattern::example::example_event;
use eventpattern::report::{notes, TraceReport};
use eventpattern::Encoding;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use pythonize::pythonize;

/// A valid, compiled event pattern; compile once, match many events.
#[pyclass(frozen, module = "eventpattern")]
pub struct Pattern {
    text: String,
    compiled: eventpattern::Pattern,
}

impl Pattern {
    /// Compiles `value` (see `Text`), raising `PatternError` if AWS would reject it.
    pub fn compile(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = Text::from_value(value)?;
        let text = text.as_str()?;
        match eventpattern::Pattern::parse(text) {
            Ok(compiled) => Ok(Pattern {
                text: text.to_owned(),
                compiled,
            }),
            Err(e) => Err(pattern_error(value.py(), text, &e, None)),
        }
    }

    /// The engine's pattern.
    pub fn compiled(&self) -> &eventpattern::Pattern {
        &self.compiled
    }

    /// The pattern text it was compiled from.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Runs `f` on `value` compiled, or on it as it is when it is a `Pattern`.
pub fn with_pattern<T>(
    value: &Bound<'_, PyAny>,
    f: impl FnOnce(&Pattern) -> PyResult<T>,
) -> PyResult<T> {
    match value.cast::<Pattern>() {
        Ok(p) => f(p.get()),
        Err(_) => f(&Pattern::compile(value)?),
    }
}

#[pymethods]
impl Pattern {
    #[new]
    fn new(pattern: &Bound<'_, PyAny>) -> PyResult<Self> {
        Pattern::compile(pattern)
    }

    /// Whether the event matches.
    fn matches(&self, event: &Bound<'_, PyAny>) -> PyResult<bool> {
        let text = Text::from_value(event)?;
        let text = text.as_str()?;
        self.compiled
            .matches(text)
            .map_err(|e| event_error(event.py(), text, &e, None))
    }

    /// Whether each event matches, in one call (see `batch`).
    fn matches_many(&self, py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
        judge_all(py, events, |text| self.compiled.matches(text))
    }

    /// Whether the event matches, and why, field by field: the engine's
    /// trace report (the CLI's `--json` trace, the npm package's `explain`),
    /// positions in characters.
    fn explain<'py>(&self, event: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = event.py();
        let text = Text::from_value(event)?;
        let text = text.as_str()?;
        let trace = self
            .compiled
            .explain(text)
            .map_err(|e| event_error(py, text, &e, None))?;
        let report = TraceReport::new(&self.compiled, &self.text, text, &trace, Encoding::Chars);
        Ok(pythonize(py, &report)?)
    }

    /// Notes on likely mistakes AWS accepts (the CLI's `validate --json` notes).
    fn lint<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let found = notes(&self.compiled, &self.text, Encoding::Chars);
        Ok(pythonize(py, &found)?)
    }

    /// An event (JSON text) the pattern matches, or None when none can be built.
    fn example(&self) -> Option<String> {
        example_event(&self.compiled)
    }

    /// The pattern text it was compiled from.
    #[getter(text)]
    fn text_py(&self) -> &str {
        &self.text
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let args = PyTuple::new(slf.py(), [slf.get().text.as_str()])?;
        Ok((slf.get_type().into_any(), args))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let text = PyString::new(slf.py(), &slf.get().text);
        Ok(format!("Pattern({})", text.repr()?))
    }
}

/// Whether `event` matches `pattern`.
#[pyfunction]
pub fn matches(pattern: &Bound<'_, PyAny>, event: &Bound<'_, PyAny>) -> PyResult<bool> {
    with_pattern(pattern, |p| p.matches(event))
}

/// Whether each of `events` matches `pattern`, compiled once.
#[pyfunction]
pub fn matches_many(
    py: Python<'_>,
    pattern: &Bound<'_, PyAny>,
    events: &Bound<'_, PyAny>,
) -> PyResult<Vec<bool>> {
    with_pattern(pattern, |p| p.matches_many(py, events))
}

/// Raises `PatternError` if AWS would reject `pattern`.
#[pyfunction]
pub fn validate(pattern: &Bound<'_, PyAny>) -> PyResult<()> {
    with_pattern(pattern, |_| Ok(()))
}

/// Whether `event` matches `pattern`, and why, field by field (a dict).
#[pyfunction]
pub fn explain<'py>(
    pattern: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    with_pattern(pattern, |p| p.explain(event))
}

/// Notes on likely mistakes in a valid `pattern` (a list of dicts).
#[pyfunction]
pub fn lint<'py>(py: Python<'py>, pattern: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    with_pattern(pattern, |p| p.lint(py))
}

/// An event (JSON text) that `pattern` matches, or None.
#[pyfunction]
pub fn example(pattern: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    with_pattern(pattern, |p| Ok(p.example()))
}
