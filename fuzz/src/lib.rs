//! What every fuzz target checks: reading arbitrary bytes never panics, and
//! whatever is accepted satisfies the spectrum invariants of `ionpath::io`.

use ionpath::io::{read_bytes_with, Format, ReadOptions, MIN_POINTS};

/// Reads `data` (as `format`, or detected when `None`) and checks the result.
pub fn check(data: &[u8], format: Option<Format>) {
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    match read_bytes_with("fuzz.txt", data, &options) {
        Ok(reading) => {
            assert!(!reading.spectra.is_empty());
            for s in &reading.spectra {
                assert!(s.len() >= MIN_POINTS);
                assert_eq!(s.freq_hz.len(), s.z_ohm.len());
                assert!(s.freq_hz.iter().all(|f| f.is_finite() && *f > 0.0));
                assert!(s.z_ohm.iter().all(|z| z.re.is_finite() && z.im.is_finite()));
                let mut f = s.freq_hz.clone();
                f.sort_by(f64::total_cmp);
                assert!(
                    f.windows(2).all(|w| w[0] < w[1]),
                    "duplicate frequency accepted"
                );
            }
        }
        Err(ionpath::Error::Read { line, .. }) => assert!(line.is_some_and(|l| l >= 1)),
        Err(other) => panic!("not a read error: {other:?}"),
    }
}
