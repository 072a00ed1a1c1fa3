//! Fuzz target `format`: the property is `eventpattern_properties::format`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eventpattern_properties::format(data));
