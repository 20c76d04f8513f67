use super::*;

fn cols(header: &str) -> Columns {
    match match_header(header.split('\t')) {
        Ok(HeaderMatch::Complete(c)) => c,
        other => panic!("{header:?}: {other:?}"),
    }
}

fn cartesian(c: &Columns) -> (&Col, &Col) {
    match &c.z {
        ZCols::Cartesian { re, im } => (re, im),
        ZCols::Polar { .. } => panic!("polar"),
    }
}

#[test]
fn common_spellings_and_signs() {
    let c = cols("freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\tRe(Y)/Ohm-1\tcycle number");
    let (re, im) = cartesian(&c);
    assert_eq!(
        (c.freq.index, re.index, im.index, c.split),
        (0, 1, 2, Some(5))
    );
    assert_eq!((c.freq.scale, re.scale, im.scale), (1.0, 1.0, -1.0));
    let c = cols("Pt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz");
    assert_eq!(
        (c.freq.index, cartesian(&c).0.index, cartesian(&c).1.index),
        (2, 3, 4)
    );
    let c = cols("Frequency (kHz)\tZ' [kOhm]\tZ'' (mOhm)");
    assert_eq!(
        (c.freq.scale, cartesian(&c).0.scale, cartesian(&c).1.scale),
        (1e3, 1e3, 1e-3)
    );
    let c = cols("spectrum\tfreq_hz\tz_re_ohm\tz_im_ohm");
    assert_eq!(
        (c.split, c.freq.index, cartesian(&c).1.scale),
        (Some(0), 1, 1.0)
    );
    assert_eq!(cols("Freq (mHz)\tZ'\tZ''").freq.scale, 1e-3);
    assert_eq!(cols("Freq (MHz)\tZ'\tZ''").freq.scale, 1e6);
    assert_eq!(
        cartesian(&cols("f\tZ' (\u{2126})\tZ'' (M\u{3a9})")).1.scale,
        1e6
    );
}

#[test]
fn polar_and_partial_headers() {
    let c = cols("Frequency\t|Z| (Ohm)\t-Phase (°)");
    match c.z {
        ZCols::Polar { modulus, phase } => {
            assert_eq!(modulus.index, 1);
            assert!((phase.scale + std::f64::consts::PI / 180.0).abs() < 1e-15);
        }
        ZCols::Cartesian { .. } => panic!("cartesian"),
    }
    let m = match_header("Re(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm".split('\t')).unwrap();
    assert!(matches!(m, HeaderMatch::Partial { missing } if missing.starts_with("frequency")));
    assert_eq!(
        match_header("Pt\tT\tVf\tVm".split('\t')).unwrap(),
        HeaderMatch::Nothing
    );
    let err = match_header("freq/Hz\tZ'/Ohm.cm2\tZ''/Ohm".split('\t')).unwrap_err();
    assert!(err.contains("Ohm.cm2"), "{err}");
}
