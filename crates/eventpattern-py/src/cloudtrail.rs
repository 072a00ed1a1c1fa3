//! CloudTrail records in the envelope EventBridge delivers them in, and
//! files of events (CloudTrail logs included) cut into events.

use crate::errors::{event_error, split_error};
use crate::text::Text;
use eventpattern::cloudtrail;
use eventpattern::splitter::{SplitError, Splitter};
use pyo3::prelude::*;

/// The EventBridge event (JSON text) for one CloudTrail record.
#[pyfunction]
pub fn wrap_cloudtrail(record: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = Text::from_value(record)?;
    let text = text.as_str()?;
    cloudtrail::wrap(text).map_err(|e| event_error(record.py(), text, &e, None))
}

/// The events in `data` as the CLI's `filter` reads a file: JSON Lines, a
/// JSON array of events, or CloudTrail log files; with `wrap`, CloudTrail
/// records (of a log, or alone) come wrapped in the EventBridge envelope.
/// Input that is not an event raises `EventError`.
#[pyfunction]
#[pyo3(signature = (data, wrap = true))]
pub fn split_events(py: Python<'_>, data: &Bound<'_, PyAny>, wrap: bool) -> PyResult<Vec<String>> {
    let text = Text::from_value(data)?;
    let bytes = text.as_bytes();
    let events = py.detach(|| {
        Splitter::split_all(bytes)
            .into_iter()
            .map(|item| {
                let item = item?;
                let line = item.line;
                match item.into_event(wrap) {
                    Ok((event, _)) => Ok(event),
                    Err(e) => Err(SplitError {
                        line,
                        message: e.message,
                    }),
                }
            })
            .collect::<Result<Vec<_>, _>>()
    });
    events.map_err(|e| split_error(py, &e))
}
