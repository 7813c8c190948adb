//! libFuzzer entry for `seam_fuzz_targets::cli_body` (see that module for the input format and checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| seam_fuzz_targets::cli_body::run(data));
