//! Fuzz target `share_decode`: the property is `eventpattern_properties::share_decode`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eventpattern_properties::share_decode(data));
