//! Fuzz target `match_explain`: the property is `eventpattern_properties::match_explain`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eventpattern_properties::match_explain(data));
