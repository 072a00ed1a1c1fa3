//! JSON text from the Python values the functions accept: `str` and `bytes`
//! are read as they are (number spellings kept), anything else (a `dict`, …)
//! is written by `json.dumps` in key order.

use pyo3::exceptions::PyUnicodeDecodeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};

/// JSON text handed in from Python, held as UTF-8 bytes that Python owns
/// (so a batch can be read with the GIL released).
pub struct Text<'py>(Bound<'py, PyBytes>);

impl<'py> Text<'py> {
    /// Reads `value`: `str`, `bytes` and `bytearray` as text, anything else
    /// serialised compactly by `json.dumps` (keys in their order).
    pub fn from_value(value: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = value.cast::<PyString>() {
            return Ok(Text(s.encode_utf8()?));
        }
        if let Ok(b) = value.cast::<PyBytes>() {
            return Ok(Text(b.clone()));
        }
        if let Ok(b) = value.cast::<PyByteArray>() {
            return Ok(Text(PyBytes::new(value.py(), &b.to_vec())));
        }
        Ok(Text(dumps(value)?))
    }

    /// The bytes, UTF-8 or not.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The text; bytes that are not UTF-8 raise `UnicodeDecodeError`.
    pub fn as_str(&self) -> PyResult<&str> {
        let bytes = self.0.as_bytes();
        std::str::from_utf8(bytes).map_err(|e| {
            match PyUnicodeDecodeError::new_utf8(self.0.py(), bytes, e) {
                Ok(err) => PyErr::from_value(err.into_any()),
                Err(err) => err,
            }
        })
    }
}

/// `json.dumps(value)` as UTF-8: compact, keys in order, no NaN (not JSON).
/// Non-ASCII characters are written as they are; a string holding a lone
/// surrogate (not UTF-8) is written again with `\u` escapes.
fn dumps<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = value.py();
    let dumps = DUMPS.import(py, "json", "dumps")?;
    let call = |ascii: bool| -> PyResult<Bound<'py, PyString>> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("ensure_ascii", ascii)?;
        kwargs.set_item("separators", (",", ":"))?;
        kwargs.set_item("allow_nan", false)?;
        Ok(dumps
            .call((value,), Some(&kwargs))?
            .cast_into::<PyString>()?)
    };
    match call(false)?.encode_utf8() {
        Ok(bytes) => Ok(bytes),
        Err(_) => call(true)?.encode_utf8(),
    }
}
