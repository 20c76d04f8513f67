//! `ionpath convert`: prints what was read as CSV, or one line naming the
//! file and line at fault with a non-zero exit.

mod common;

use common::ionpath;

#[test]
fn one_file_prints_three_columns_matching_the_independent_reader() {
    let gamry = common::fixture("impedance.py/exampleDataGamry.DTA");
    let out = ionpath("convert", &[gamry.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let expected = std::fs::read_to_string(common::fixture(
        "impedance.py/expected/exampleDataGamry.DTA.csv",
    ))
    .unwrap();
    let (mut got, mut want) = (printed.lines(), expected.lines());
    assert_eq!(got.next(), Some("freq_hz,z_re_ohm,z_im_ohm"));
    want.next();
    let mut rows = 0;
    for (g, w) in got.by_ref().zip(want.by_ref()) {
        let g: Vec<f64> = g.split(',').map(|c| c.parse().unwrap()).collect();
        let w: Vec<f64> = w.split(',').map(|c| c.parse().unwrap()).collect();
        for (a, b) in g.iter().zip(&w) {
            assert!((a - b).abs() <= 1e-9 * b.abs(), "{a} vs {b}");
        }
        rows += 1;
    }
    assert_eq!((rows, got.next(), want.next()), (72, None, None));
}

#[test]
fn several_files_get_a_spectrum_column_that_reads_back() {
    let a = common::fixture("impedance.py/exampleDataCHInstruments.txt");
    let b = common::data("io/ivium_two_sets.ids");
    let out = ionpath("convert", &[a.as_os_str(), b.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("spectrum,freq_hz,z_re_ohm,z_im_ohm\n"));
    assert_eq!(text.lines().count(), 1 + 73 + 13 + 13);
    // The printed CSV is itself readable, and gives back exactly what was read.
    let back = ionpath::io::read_bytes("out.csv", text.as_bytes()).unwrap();
    let mut direct = ionpath::io::read_path(&a).unwrap();
    direct.extend(ionpath::io::read_path(&b).unwrap());
    assert_eq!(back, direct);
}

#[test]
fn a_bad_file_gives_one_line_and_a_failure_exit() {
    let missing = common::fixture("impedance.py/exampleDataBioLogic_MissingFreq.mpt");
    let out = ionpath("convert", &[missing.as_os_str()]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("exampleDataBioLogic_MissingFreq.mpt, line 61:") && err.contains("frequency"),
        "{err}"
    );
    let out = ionpath("convert", &["no/such/file.csv"]);
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no/such/file.csv"));
}

#[test]
fn the_sign_of_a_headerless_file_can_be_chosen() {
    let file = common::fixture("pyDRTtools/data_1.csv");
    let plain = String::from_utf8(ionpath("convert", &[file.as_os_str()]).stdout).unwrap();
    let neg = ionpath(
        "convert",
        &[file.as_os_str(), "--im-column".as_ref(), "neg-im".as_ref()],
    );
    let neg = String::from_utf8(neg.stdout).unwrap();
    let last = |t: &str| {
        t.lines()
            .last()
            .unwrap()
            .rsplit(',')
            .next()
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    assert_eq!(last(&plain), -0.021382034);
    assert_eq!(last(&neg), 0.021382034);
}
