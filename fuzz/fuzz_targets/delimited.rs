//! Fuzzes `ionpath::io::read_bytes_with` forced to the delimited reader.
#![no_main]

#[allow(unused_imports)]
use ionpath::io::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ionpath_fuzz::check(data, Some(Format::Delimited)));
