//! Readers against files whose content is known exactly: the Ivium and
//! PalmSens samples in `tests/data/io/` (written for these tests, not real
//! instrument files; see its README) and small texts built here. Expected
//! values are computed independently from the circuit the samples hold.

mod common;

use std::f64::consts::TAU;

use ionpath::io::{read_bytes, read_bytes_with, read_path_with, Format, ReadOptions};
use num_complex::Complex64;

/// R0 + R1/(1 + iωR1C), the circuit the sample files were filled with.
fn r_rc(freq_hz: f64, r0: f64, r1: f64, c: f64) -> Complex64 {
    Complex64::new(r0, 0.0) + Complex64::new(r1, 0.0) / Complex64::new(1.0, TAU * freq_hz * r1 * c)
}

fn sample_freqs() -> Vec<f64> {
    (0..13).map(|k| 10f64.powf(5.0 - 0.5 * k as f64)).collect()
}

fn assert_circuit(s: &ionpath::Spectrum, r1: f64) {
    let freqs = sample_freqs();
    assert_eq!(s.len(), freqs.len(), "{}", s.label);
    for (k, f) in freqs.iter().enumerate() {
        assert!((s.freq_hz[k] - f).abs() <= 1e-9 * f, "freq {k}");
        let want = r_rc(*f, 10.0, r1, 1e-5);
        let got = s.z_ohm[k];
        // Printed to 10 significant digits: agree to well within 1e-8 of |Z|.
        assert!(
            (got - want).norm() <= 1e-8 * want.norm(),
            "point {k}: {got} vs {want}"
        );
        assert!(got.im < 0.0, "capacitive Im must be negative");
    }
}

#[test]
fn ivium_idf_with_decimal_commas() {
    let r = read_path_with(
        &common::data("io/ivium_sample.idf"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(r.format, Format::Ivium);
    assert_eq!(r.spectra.len(), 1);
    assert_eq!(r.spectra[0].label, "LLZO pellet 25 C");
    assert_circuit(&r.spectra[0], 100.0);
}

#[test]
fn ivium_ids_with_two_sets() {
    let r = read_path_with(
        &common::data("io/ivium_two_sets.ids"),
        &ReadOptions::default(),
    )
    .unwrap();
    let labels: Vec<_> = r.spectra.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["LLZO 25 C", "LLZO 60 C"]);
    assert_circuit(&r.spectra[0], 100.0);
    assert_circuit(&r.spectra[1], 40.0);
}

#[test]
fn palmsens_csv_semicolons_decimal_commas_negated_im() {
    let r = read_path_with(
        &common::data("io/palmsens_sample.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(r.format, Format::Delimited);
    assert!(!r.im_sign_assumed);
    assert_circuit(&r.spectra[0], 100.0);
}

#[test]
fn declared_units_are_converted() {
    // 1 kHz, 2 kOhm, -3 kOhm written in kHz / kOhm / mOhm.
    let text = "Frequency (kHz),Z' [kOhm],Z'' (mOhm)\n1,2,-3000000\n2,2,-1500000\n4,2,-750000\n";
    let s = &read_bytes("u.csv", text.as_bytes()).unwrap()[0];
    assert_eq!(s.freq_hz, vec![1000.0, 2000.0, 4000.0]);
    assert_eq!(s.z_ohm[0], Complex64::new(2000.0, -3000.0));
}

#[test]
fn modulus_and_phase_become_re_and_im() {
    // |Z| = 2 Ω at −60°: Re = 2·cos 60° = 1, Im = −2·sin 60° = −√3.
    let text = "f/Hz\t|Z|/Ohm\tPhase(Z)/deg\n10\t2\t-60\n20\t2\t-60\n30\t2\t-60\n";
    let s = &read_bytes("p.txt", text.as_bytes()).unwrap()[0];
    assert!((s.z_ohm[0].re - 1.0).abs() < 1e-12);
    assert!((s.z_ohm[0].im + 3f64.sqrt()).abs() < 1e-12);
    // "-Phase" holds the negated angle.
    let text = "freq;Z/ohm;-Phase/deg\n10;2;60\n20;2;60\n30;2;60\n";
    let s = &read_bytes("p.csv", text.as_bytes()).unwrap()[0];
    assert!((s.z_ohm[2].im + 3f64.sqrt()).abs() < 1e-12);
}

#[test]
fn header_sign_conventions() {
    let body = "1,5,2\n2,4,3\n3,3,4\n";
    let im = read_bytes("a.csv", format!("freq,Z',Z''\n{body}").as_bytes()).unwrap();
    let neg = read_bytes("b.csv", format!("freq,Z',-Z''\n{body}").as_bytes()).unwrap();
    assert_eq!(im[0].z_ohm[0], Complex64::new(5.0, 2.0));
    assert_eq!(neg[0].z_ohm[0], Complex64::new(5.0, -2.0));
    let forced = ReadOptions {
        im_column: ionpath::io::ImColumn::Im,
        ..ReadOptions::default()
    };
    let r = read_bytes_with("b.csv", format!("freq,Z',-Z''\n{body}").as_bytes(), &forced).unwrap();
    assert_eq!(r.spectra[0].z_ohm[0], Complex64::new(5.0, 2.0));
}

#[test]
fn whitespace_columns_with_decimal_commas_and_preamble() {
    let text = "Sample: LLZO\nOperator: X\n\n1,5 10,0 -2,5\n2,5 9,0 -1,5\n3,5 8,0 -0,5\n";
    let s = &read_bytes("w.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(s.freq_hz, vec![1.5, 2.5, 3.5]);
    assert_eq!(s.z_ohm[1], Complex64::new(9.0, -1.5));
}

/// An EC-Lab file with two PEIS loops (cycle number 1 and 2) → two spectra.
#[test]
fn biologic_loops_become_separate_spectra() {
    let mut text = String::from(
        "EC-Lab ASCII FILE\nNb header lines : 4\n\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\tcycle number\n",
    );
    for cycle in [1, 2] {
        for (f, re, mim) in [(1000.0, 10.0, 1.0), (100.0, 20.0, 5.0), (10.0, 30.0, 9.0)] {
            // decimal commas, as EC-Lab writes in a French locale
            text += &format!(
                "{f}\t{},5\t{}\t{cycle},000000E+000\n",
                re as i64 + cycle,
                mim
            );
        }
    }
    let spectra = read_bytes("loops.mpt", text.as_bytes()).unwrap();
    assert_eq!(spectra.len(), 2);
    assert_eq!(spectra[0].label, "loops.mpt #1");
    assert_eq!(spectra[1].label, "loops.mpt #2");
    assert_eq!(spectra[1].z_ohm[0], Complex64::new(12.5, -1.0));
}

#[test]
fn utf16_and_latin1_text() {
    let text = "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\tCs/\u{b5}F\n1\t2\t3\t4\n2\t2\t3\t4\n3\t2\t3\t4\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let latin1: Vec<u8> = text.chars().map(|c| c as u8).collect();
    for bytes in [utf16, latin1] {
        let s = &read_bytes("enc.txt", &bytes).unwrap()[0];
        assert_eq!(s.z_ohm[2], Complex64::new(2.0, -3.0));
    }
}

/// EC-Lab loops without a cycle column: the sweep restarting at its first
/// frequency starts the next spectrum.
#[test]
fn biologic_loops_without_cycle_column() {
    let mut text =
        String::from("EC-Lab ASCII FILE\nNb header lines : 3\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n");
    for k in 0..3 {
        for f in [1000, 100, 10, 1] {
            text += &format!("{f}\t{}\t1\n", 10 + k);
        }
    }
    let spectra = read_bytes("l.mpt", text.as_bytes()).unwrap();
    assert_eq!(spectra.len(), 3);
    assert_eq!(spectra[2].label, "l.mpt #3");
    assert_eq!(spectra[2].freq_hz, vec![1000.0, 100.0, 10.0, 1.0]);
    assert_eq!(spectra[2].z_ohm[0], Complex64::new(12.0, -1.0));
    // The same rows in a plain table are a duplicate-frequency error.
    let plain = text.replacen("EC-Lab ASCII FILE\nNb header lines : 3\n", "", 1);
    assert!(read_bytes("l.txt", plain.as_bytes())
        .unwrap_err()
        .to_string()
        .contains("duplicate"));
}

/// A table laid out like Metrohm NOVA's ASCII export (an index column, Ω
/// written as a symbol, −Z'' and −Phase); values written here by hand.
#[test]
fn nova_style_columns() {
    let text = "Index\tFrequency (Hz)\tZ' (\u{3a9})\t-Z'' (k\u{3a9})\tZ (\u{3a9})\t-Phase (\u{b0})\tTime (s)\n\
                1\t1000\t10\t0,001\t10,05\t5,7\t0,1\n\
                2\t100\t12\t0,0015\t12,09\t7,1\t0,2\n\
                3\t10\t20\t0,004\t20,4\t11,3\t0,5\n";
    let s = &read_bytes("nova.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(s.freq_hz, vec![1000.0, 100.0, 10.0]);
    // −Z'' = 0.0015 kΩ → Im(Z) = −1.5 Ω.
    assert_eq!(s.z_ohm[1], Complex64::new(12.0, -1.5));
}
