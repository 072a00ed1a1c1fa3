//! Fuzz target `parse`: the property is `eventpattern_properties::parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eventpattern_properties::parse(data));
