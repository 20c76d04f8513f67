//! Every real instrument export in the shared fixtures, read in place and
//! compared with what an independent reader (impedance.py 1.7.1) extracted
//! (`expected/FILE.csv`), to 1e-9 relative.

mod common;

use ionpath::io::{read_bytes_with, read_path, read_path_with, Format, ImColumn, ReadOptions};
use ionpath::Error;

/// (freq_hz, z_re_ohm, z_im_ohm) rows of an expected CSV.
fn expected(file: &str) -> Vec<[f64; 3]> {
    let path = common::fixture(&format!("impedance.py/expected/{file}.csv"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("freq_hz,z_re_ohm,z_im_ohm"));
    lines
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|c| c.parse().unwrap()).collect();
            [v[0], v[1], v[2]]
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn check(file: &str, format: Format) {
    check_with(file, format, false);
}

fn check_with(file: &str, format: Format, headerless: bool) {
    let path = common::fixture(&format!("impedance.py/{file}"));
    let reading =
        read_path_with(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(reading.format, format, "{file}");
    assert_eq!(reading.im_sign_assumed, headerless, "{file}");
    assert_eq!(reading.spectra.len(), 1, "{file}");
    let s = &reading.spectra[0];
    let want = expected(file);
    assert_eq!(s.len(), want.len(), "{file}: point count");
    for (k, w) in want.iter().enumerate() {
        let got = [s.freq_hz[k], s.z_ohm[k].re, s.z_ohm[k].im];
        for c in 0..3 {
            assert!(
                close(got[c], w[c]),
                "{file} point {k} column {c}: got {} want {}",
                got[c],
                w[c]
            );
        }
    }
}

#[test]
fn plain_csv() {
    // No header: Im(Z) assumed (and flagged), as impedance.py also reads it.
    check_with("exampleData.csv", Format::Delimited, true);
}

#[test]
fn autolab_z60w() {
    check("exampleDataAutolab.txt", Format::ZPlot);
}

#[test]
fn biologic_mpt() {
    check("exampleDataBioLogic.mpt", Format::BioLogic);
}

#[test]
fn ch_instruments() {
    check("exampleDataCHInstruments.txt", Format::Delimited);
}

#[test]
fn gamry_dta() {
    check("exampleDataGamry.DTA", Format::Gamry);
}

#[test]
fn gamry_aborted_run() {
    check("exampleDataGamryABORT.DTA", Format::Gamry);
}

#[test]
fn parstat() {
    check("exampleDataParstat.txt", Format::Parstat);
}

#[test]
fn powersuite() {
    check("exampleDataPowersuite.txt", Format::Delimited);
}

#[test]
fn versastudio_par() {
    check("exampleDataVersaStudio.par", Format::Princeton);
}

#[test]
fn zplot_z() {
    check("exampleDataZPlot.z", Format::ZPlot);
    check("Circuit1_EIS_1.z", Format::ZPlot);
}

#[test]
fn zplot_without_comments() {
    check("exampleDataZPlot_noComments.z", Format::ZPlot);
}

#[test]
fn biologic_without_frequency_column_is_refused_clearly() {
    let path = common::fixture("impedance.py/exampleDataBioLogic_MissingFreq.mpt");
    let err = read_path(&path).unwrap_err();
    let Error::Read {
        source,
        line,
        message,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!(source.ends_with("exampleDataBioLogic_MissingFreq.mpt"));
    // "Nb header lines : 61": line 61 is the column header.
    assert_eq!(*line, Some(61));
    assert!(message.contains("no frequency column"), "{message}");
    eprintln!("{err}");
}

/// pyDRTtools files: no header, `f, Z', Z''` with Z'' = Im(Z) as written
/// (positive = inductive at high frequency). Read as Im(Z), flagged as an
/// assumption; the values are compared with the file's own text.
#[test]
fn pydrttools_headerless_files() {
    for file in ["LIB_data.txt", "LIB_data_2.txt", "data_1.csv"] {
        let path = common::fixture(&format!("pyDRTtools/{file}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let rows: Vec<Vec<f64>> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                l.split([',', ' ', '\t'])
                    .filter(|c| !c.is_empty())
                    .map(|c| c.parse().unwrap())
                    .collect()
            })
            .collect();
        let reading = read_path_with(&path, &ReadOptions::default()).unwrap();
        assert!(reading.im_sign_assumed, "{file}");
        let s = &reading.spectra[0];
        assert_eq!(s.len(), rows.len(), "{file}");
        for (k, row) in rows.iter().enumerate() {
            assert_eq!(
                [s.freq_hz[k], s.z_ohm[k].re, s.z_ohm[k].im],
                [row[0], row[1], row[2]],
                "{file} row {k}"
            );
        }
        // Inductive at the highest frequency, capacitive at the lowest.
        assert!(
            s.z_ohm[0].im > 0.0 && s.z_ohm[s.len() - 1].im < 0.0,
            "{file}"
        );
        // The user may say the column is −Im(Z): every Im flips.
        let bytes = std::fs::read(&path).unwrap();
        let opts = ReadOptions {
            im_column: ImColumn::NegIm,
            ..ReadOptions::default()
        };
        let flipped = read_bytes_with(file, &bytes, &opts).unwrap();
        assert!(!flipped.im_sign_assumed);
        for (a, b) in flipped.spectra[0].z_ohm.iter().zip(&s.z_ohm) {
            assert_eq!((a.re, a.im), (b.re, -b.im));
        }
    }
}
