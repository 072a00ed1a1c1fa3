//! Many events in one call: read in chunks with the GIL held, each chunk
//! matched with the GIL released. Chunks keep the texts just copied in the
//! processor's cache (one copy of a whole list would not fit in it) and let
//! other Python threads run between chunks.

use crate::errors::event_error;
use crate::text::Text;
use eventpattern::EventError;
use pyo3::prelude::*;

/// Events per chunk: about 100 KB of typical events.
const CHUNK: usize = 64;

/// `judge` applied to every event of the iterable `events`, in order; an
/// event that cannot be read raises `EventError` with its index.
pub fn judge_all<T: Send>(
    py: Python<'_>,
    events: &Bound<'_, PyAny>,
    judge: impl Fn(&str) -> Result<T, EventError> + Sync,
) -> PyResult<Vec<T>> {
    let mut out = Vec::new();
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut events = events.try_iter()?.peekable();
    while events.peek().is_some() {
        chunk.clear();
        for event in events.by_ref().take(CHUNK) {
            chunk.push(Text::from_value(&event?)?);
        }
        let texts = chunk
            .iter()
            .map(Text::as_str)
            .collect::<PyResult<Vec<_>>>()?;
        let first = out.len();
        py.detach(|| {
            for (i, text) in texts.iter().enumerate() {
                out.push(judge(text).map_err(|e| (i, e))?);
            }
            Ok(())
        })
        .map_err(|(i, e): (usize, EventError)| event_error(py, texts[i], &e, Some(first + i)))?;
    }
    Ok(out)
}
