//! Robustness without nightly: random and mutated input never panics, and
//! whatever a reader accepts satisfies the spectrum invariants. Plus the
//! CSV round trip law.

mod common;

use ionpath::io::{read_bytes, read_bytes_with, to_csv, Format, ReadOptions, MIN_POINTS};
use ionpath::Spectrum;
use num_complex::Complex64;
use proptest::prelude::*;

/// Small valid files of every family, read in place.
const SEEDS: &[&str] = &[
    "impedance.py/exampleDataZPlot_noComments.z",
    "impedance.py/exampleDataPowersuite.txt",
    "impedance.py/exampleDataCHInstruments.txt",
    "impedance.py/exampleDataBioLogic.mpt",
    "impedance.py/exampleDataAutolab.txt",
    "pyDRTtools/data_1.csv",
];

fn seeds() -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = SEEDS
        .iter()
        .map(|f| std::fs::read(common::fixture(f)).unwrap())
        .collect();
    for f in ["io/ivium_sample.idf", "io/palmsens_sample.csv"] {
        all.push(std::fs::read(common::data(f)).unwrap());
    }
    all
}

/// Every read, detected and forced, either fails cleanly or gives valid spectra.
fn read_all_ways(bytes: &[u8]) {
    let mut options: Vec<ReadOptions> = vec![ReadOptions::default()];
    options.extend(Format::ALL.iter().map(|&f| ReadOptions {
        format: Some(f),
        ..ReadOptions::default()
    }));
    for opts in options {
        match read_bytes_with("fuzz.txt", bytes, &opts) {
            Ok(reading) => {
                assert!(!reading.spectra.is_empty());
                for s in &reading.spectra {
                    assert!(s.len() >= MIN_POINTS && s.freq_hz.len() == s.z_ohm.len());
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
            Err(ionpath::Error::Read { source, line, .. }) => {
                assert_eq!(source, "fuzz.txt");
                assert!(line.is_some_and(|l| l >= 1), "error without a line");
            }
            Err(other) => panic!("not a read error: {other:?}"),
        }
    }
}

/// One edit of a file: overwrite, insert or delete bytes, or cut it short.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        b"NaN".to_vec(),
        b"inf".to_vec(),
        b"-".to_vec(),
        b"0".to_vec(),
        b",".to_vec(),
        b";".to_vec(),
        b"\t".to_vec(),
        b"\n".to_vec(),
        b"\r".to_vec(),
        b"\0".to_vec(),
        b"\"".to_vec(),
        b"1e400".to_vec(),
        b"ZCURVE\tTABLE\n".to_vec(),
        b"primary_data\n3\n".to_vec(),
        b"End Comments\n".to_vec(),
        "\u{b5}\u{3a9}".as_bytes().to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), tokens).prop_map(|(i, t)| Edit::Insert(i, t)),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let n = bytes.len().max(1);
    match edit {
        Edit::Set(i, b) => {
            if let Some(x) = bytes.get_mut(i % n) {
                *x = *b;
            }
        }
        Edit::Insert(i, t) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, t.iter().copied());
        }
        Edit::Delete(i, len) => {
            let at = i % n;
            let end = (at + len).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Edit::Truncate(i) => bytes.truncate(i % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        read_all_ways(&bytes);
    }

    #[test]
    fn random_text_tables_never_panic(rows in prop::collection::vec(prop::collection::vec(
        prop::sample::select(vec!["1", "-2.5", "0", "1,5", "NaN", "", "x", "1e308", "Freq", "Z'", "-Im(Z)/Ohm"]), 0..5), 0..12),
        sep in prop::sample::select(vec![",", ";", "\t", " "])) {
        let text: String = rows.iter().map(|r| r.join(sep) + "\n").collect();
        read_all_ways(text.as_bytes());
    }

    #[test]
    fn mutated_real_files_never_panic(which in 0usize..8, edits in prop::collection::vec(edit(), 1..6)) {
        let mut bytes = seeds()[which].clone();
        for e in &edits {
            apply(&mut bytes, e);
        }
        read_all_ways(&bytes);
    }

    /// to_csv then read_bytes gives back exactly the spectra written.
    #[test]
    fn csv_round_trip(spectra in prop::collection::vec(
        (prop::collection::btree_set(1u32..1_000_000, MIN_POINTS..20),
         prop::collection::vec((-1e6f64..1e6, -1e6f64..1e6), 20)), 1..4)) {
        let spectra: Vec<Spectrum> = spectra.into_iter().enumerate().map(|(k, (freqs, zs))| Spectrum {
            label: format!("cell {k}"),
            freq_hz: freqs.iter().map(|&f| f as f64 * 1e-3).collect(),
            z_ohm: zs.iter().take(freqs.len()).map(|&(re, im)| Complex64::new(re, im)).collect(),
        }).collect();
        let back = read_bytes("round.csv", to_csv(&spectra).as_bytes()).unwrap();
        prop_assert_eq!(back.len(), spectra.len());
        for (b, s) in back.iter().zip(&spectra) {
            prop_assert_eq!(&b.freq_hz, &s.freq_hz);
            prop_assert_eq!(&b.z_ohm, &s.z_ohm);
            if spectra.len() > 1 {
                prop_assert_eq!(&b.label, &s.label);
            }
        }
    }
}
