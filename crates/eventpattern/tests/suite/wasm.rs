//! The corpora and the deep inputs again, compiled to wasm32 and run by
//! wasm-bindgen-test-runner: the same loader, the same checks.

use crate::conformance::{check, limits};
use crate::corpus::{CONFORMANCE, DIFFERENTIAL, ENGINE};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn conformance_corpus_wasm() {
    check(&CONFORMANCE);
}

#[wasm_bindgen_test]
fn differential_corpus_wasm() {
    check(&DIFFERENTIAL);
}

#[wasm_bindgen_test]
fn engine_corpus_wasm() {
    check(&ENGINE);
}

#[wasm_bindgen_test]
fn deep_and_large_inputs_wasm() {
    limits();
}
