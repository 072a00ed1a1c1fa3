//! Fuzz target `example`: the property is `eventpattern_properties::example`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eventpattern_properties::example(data));
