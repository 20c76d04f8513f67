//! Fuzzes `ionpath::micro::io::read_volume` (TIFF stacks and raw volumes
//! named with their shape): never a panic; what reads is a consistent
//! volume that survives write → read unchanged.
#![no_main]

use ionpath::micro::io::{read_volume, write_tiff, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.tif", "fuzz_2x3x4.raw"] {
        if let Ok(v) = read_volume(name, data, &ReadOptions::default()) {
            assert_eq!(v.codes.len(), v.shape.iter().product::<usize>());
            assert!(v.codes.iter().all(|&c| (c as usize) < v.labels.len()));
            let again = read_volume("again.tif", &write_tiff(&v).unwrap(), &ReadOptions::default());
            assert_eq!(again.unwrap(), v);
        }
    }
});
