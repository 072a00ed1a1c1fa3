//! Raw deflate through the browser's `CompressionStream` and
//! `DecompressionStream` (`deflate-raw`, the format share links have always
//! used), so the page ships no compression code. Inflating stops at
//! [`crate::share::MAX_STATE_BYTES`]: a decompression bomb is refused, not
//! expanded. (web-sys marks these streams unstable, so they are bound here.)

use crate::share::MAX_STATE_BYTES;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `CompressionStream` / `DecompressionStream`: a `{readable, writable}` pair.
    type TransformPair;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new_compression(format: &str) -> Result<TransformPair, JsValue>;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new_decompression(format: &str) -> Result<TransformPair, JsValue>;
}

const FORMAT: &str = "deflate-raw";

fn stream_of(bytes: &[u8]) -> Result<web_sys::ReadableStream, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    Ok(web_sys::Blob::new_with_u8_array_sequence(&parts)?.stream())
}

/// Reads a stream to its end, refusing more than `limit` bytes.
async fn read_all(stream: web_sys::ReadableStream, limit: usize) -> Result<Vec<u8>, String> {
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| "this browser cannot read streams")?;
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| "the link's data is corrupt")?;
        let done = Reflect::get(&chunk, &"done".into())
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(|_| "the link's data is corrupt")?
            .unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err("the link's data is too large".into());
        }
        let at = out.len();
        out.resize(at + value.length() as usize, 0);
        value.copy_to(&mut out[at..]);
    }
}

async fn transform(pair: TransformPair, bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let input = stream_of(bytes).map_err(|_| "this browser cannot make streams")?;
    let pair: web_sys::ReadableWritablePair = pair.unchecked_into::<Object>().unchecked_into();
    read_all(input.pipe_through(&pair), limit).await
}

/// Deflates `bytes`.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let pair =
        TransformPair::new_compression(FORMAT).map_err(|_| "this browser cannot compress")?;
    transform(pair, bytes, usize::MAX).await
}

/// Inflates `bytes`, refusing more than [`MAX_STATE_BYTES`].
pub async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let pair =
        TransformPair::new_decompression(FORMAT).map_err(|_| "this browser cannot decompress")?;
    transform(pair, bytes, MAX_STATE_BYTES).await
}
