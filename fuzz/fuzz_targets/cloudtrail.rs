//! Fuzz target `cloudtrail`: the property is `eventpattern_properties::cloudtrail_wrap`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eventpattern_properties::cloudtrail_wrap(data));
