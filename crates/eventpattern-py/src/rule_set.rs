//! `eventpattern.RuleSet`: named patterns matched together, one read per event.

use crate::batch::judge_all;
use crate::errors::{event_error, pattern_error};
use crate::pattern::Pattern;
use crate::text::Text;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Named rules (name → pattern) matched together against events.
#[pyclass(frozen, module = "eventpattern")]
pub struct RuleSet {
    rules: eventpattern::RuleSet,
    /// (name, pattern text) in order, to pickle the set.
    texts: Vec<(String, String)>,
}

#[pymethods]
impl RuleSet {
    /// `rules` maps names to patterns (text, bytes, dicts or `Pattern`s);
    /// an invalid one raises `PatternError` naming its rule.
    #[new]
    fn new(rules: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut set = eventpattern::RuleSet::new();
        let mut texts = Vec::new();
        for item in rules.call_method0("items")?.try_iter()? {
            let (name, value): (String, Bound<'_, PyAny>) = item?.extract()?;
            let (pattern, text) = match value.cast::<Pattern>() {
                Ok(p) => (p.get().compiled().clone(), p.get().text().to_owned()),
                Err(_) => {
                    let text = Text::from_value(&value)?;
                    let text = text.as_str()?;
                    let pattern = eventpattern::Pattern::parse(text)
                        .map_err(|e| pattern_error(rules.py(), text, &e, Some(&name)))?;
                    (pattern, text.to_owned())
                }
            };
            // A name given twice keeps its first place, as the engine's set does.
            if set.insert(name.clone(), pattern).is_some() {
                if let Some(entry) = texts.iter_mut().find(|(n, _)| *n == name) {
                    entry.1 = text;
                }
            } else {
                texts.push((name, text));
            }
        }
        Ok(RuleSet { rules: set, texts })
    }

    /// Names of the rules `event` matches, in the rules' order.
    fn matching(&self, event: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let text = Text::from_value(event)?;
        let text = text.as_str()?;
        match self.rules.matching(text) {
            Ok(names) => Ok(names.into_iter().map(str::to_owned).collect()),
            Err(e) => Err(event_error(event.py(), text, &e, None)),
        }
    }

    /// For each event, the names of the rules it matches, in one call (see `batch`).
    fn matching_many(
        &self,
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<Vec<String>>> {
        judge_all(py, events, |text| {
            let names = self.rules.matching(text)?;
            Ok(names.into_iter().map(str::to_owned).collect())
        })
    }

    /// Rule names in order.
    fn names(&self) -> Vec<String> {
        self.rules.names().map(str::to_owned).collect()
    }

    fn __len__(&self) -> usize {
        self.rules.len()
    }

    fn __contains__(&self, name: &str) -> bool {
        self.rules.get(name).is_some()
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let rules = PyDict::new(slf.py());
        for (name, text) in &slf.get().texts {
            rules.set_item(name, text)?;
        }
        let args = PyTuple::new(slf.py(), [rules])?;
        Ok((slf.get_type().into_any(), args))
    }

    fn __repr__(&self) -> String {
        format!("RuleSet(<{} rules>)", self.rules.len())
    }
}
