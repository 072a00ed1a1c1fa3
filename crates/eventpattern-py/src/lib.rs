//! The native module of the `eventpattern` Python package: PyO3 bindings
//! that only convert between Python values and the engine's types (the
//! engine decides everything). Built into the wheel by maturin
//! (`packages/python`); the package's Python half defines the exceptions.

mod batch;
mod cloudtrail;
mod endpoint;
mod errors;
mod pattern;
mod rule_set;
mod text;

use pyo3::prelude::*;

/// `eventpattern._eventpattern`, re-exported by `eventpattern/__init__.py`.
#[pymodule]
fn _eventpattern(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<pattern::Pattern>()?;
    m.add_class::<rule_set::RuleSet>()?;
    m.add_class::<endpoint::Endpoint>()?;
    m.add_function(wrap_pyfunction!(pattern::matches, m)?)?;
    m.add_function(wrap_pyfunction!(pattern::matches_many, m)?)?;
    m.add_function(wrap_pyfunction!(pattern::validate, m)?)?;
    m.add_function(wrap_pyfunction!(pattern::example, m)?)?;
    m.add_function(wrap_pyfunction!(pattern::explain, m)?)?;
    m.add_function(wrap_pyfunction!(pattern::lint, m)?)?;
    m.add_function(wrap_pyfunction!(cloudtrail::wrap_cloudtrail, m)?)?;
    m.add_function(wrap_pyfunction!(cloudtrail::split_events, m)?)?;
    Ok(())
}
