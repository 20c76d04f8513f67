//! Bad input: every refusal names the file and the line at fault.

use ionpath::io::read_bytes;
use ionpath::Error;

/// Reads `text` as file `name`, expects an error on `line`, returns the message.
fn refused(name: &str, bytes: &[u8], line: usize) -> String {
    let err = read_bytes(name, bytes).expect_err("should be refused");
    let Error::Read {
        source,
        line: got,
        message,
    } = &err
    else {
        panic!("not a read error: {err:?}")
    };
    assert_eq!(source, name);
    assert_eq!(*got, Some(line), "{err}");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{name}, line {line}: ")),
        "{shown}"
    );
    message.clone()
}

#[test]
fn empty_file() {
    assert!(refused("e.csv", b"", 1).contains("empty"));
    assert!(refused("e.csv", b"\n \r\n", 1).contains("empty"));
}

#[test]
fn binary_files() {
    let mpr = b"BIO-LOGIC MODULAR FILE\x1a                         \x00\x00\x00\x01\x02";
    let msg = refused("run.mpr", mpr, 1);
    assert!(msg.contains(".mpr") && msg.contains(".mpt"), "{msg}");
    let msg = refused("x.csv", b"freq,re,im\n1,2,3\n\x00\x01\x02\xff", 3);
    assert!(msg.contains("binary"), "{msg}");
}

#[test]
fn truncated_line() {
    let msg = refused("t.csv", b"freq,re,im\n1,2,3\n2,2,3\n3,2", 4);
    assert!(msg.contains("truncated"), "{msg}");
    let gamry = "EXPLAIN\nZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\n\t#\ts\tHz\tohm\tohm\n\
                 \t0\t1\t100\t1\t-1\n\t1\t2\t50\t1\t-1\n\t2\t3\t25\t1";
    let msg = refused("g.DTA", gamry.as_bytes(), 7);
    assert!(msg.contains("truncated") && msg.contains("Zimag"), "{msg}");
}

#[test]
fn non_numeric_cell() {
    let msg = refused("n.csv", b"freq,Re(Z),Im(Z)\n1,2,3\n2,abc,3\n3,2,3\n", 3);
    assert!(msg.contains("\"abc\"") && msg.contains("Re(Z)"), "{msg}");
}

#[test]
fn nan_and_infinity() {
    let msg = refused("nan.csv", b"freq,re,im\n1,2,3\n2,2,NaN\n3,2,3\n", 3);
    assert!(msg.contains("NaN") && msg.contains("im"), "{msg}");
    let msg = refused("inf.txt", b"1 2 3\n2 2 3\ninf 2 3\n", 3);
    assert!(msg.contains("inf") && msg.contains("finite"), "{msg}");
    // Finite in the file, infinite after unit conversion: still refused.
    let msg = refused("big.csv", b"f (kHz),re,im\n1,2,3\n2,2,3\n1e306,2,3\n", 4);
    assert!(msg.contains("finite"), "{msg}");
}

#[test]
fn zero_and_negative_frequencies() {
    let msg = refused("z.csv", b"freq,re,im\n1,2,3\n0,2,3\n3,2,3\n", 3);
    assert!(msg.contains("> 0"), "{msg}");
    let msg = refused("neg.csv", b"1,2,3\n2,2,3\n3,2,3\n-4,2,3\n", 4);
    assert!(msg.contains("-4"), "{msg}");
}

#[test]
fn duplicate_frequencies() {
    let msg = refused("d.csv", b"freq,re,im\n10,2,3\n20,2,3\n10,4,5\n30,2,3\n", 4);
    assert!(msg.contains("duplicate") && msg.contains("line 2"), "{msg}");
}

#[test]
fn too_few_points() {
    let msg = refused("few.csv", b"freq,re,im\n10,2,3\n20,2,3\n", 3);
    assert!(msg.contains("too few points: 2"), "{msg}");
}

#[test]
fn header_without_data_or_table() {
    let msg = refused("h.csv", b"freq,re,im\n", 1);
    assert!(msg.contains("no data rows"), "{msg}");
    let msg = refused("g.DTA", b"EXPLAIN\nTAG\tCV\n", 2);
    assert!(msg.contains("ZCURVE"), "{msg}");
    let msg = refused("wide.csv", b"1,2,3,4\n2,2,3,4\n3,2,3,4\n", 1);
    assert!(msg.contains("exactly 3"), "{msg}");
    let msg = refused("words.txt", b"hello\nworld\n", 2);
    assert!(msg.contains("no impedance table"), "{msg}");
}

#[test]
fn unknown_unit_and_missing_columns() {
    let msg = refused("u.csv", b"freq/Hz,Z'/Ohm.cm2,Z''/Ohm.cm2\n1,2,3\n", 1);
    assert!(msg.contains("Ohm.cm2"), "{msg}");
    let msg = refused("m.csv", b"Re(Z)/Ohm,-Im(Z)/Ohm\n1,2\n2,3\n", 1);
    assert!(msg.contains("no frequency column"), "{msg}");
    let msg = refused("i.csv", b"freq/Hz,Re(Z)/Ohm\n1,2\n2,3\n", 1);
    assert!(msg.contains("imaginary"), "{msg}");
}

#[test]
fn ivium_row_count_mismatch() {
    let text = "Title=a\nprimary_data\n3\n5\n1 -1 100\n1 -1 10\n1 -1 1\n";
    let msg = refused("a.idf", text.as_bytes(), 7);
    assert!(
        msg.contains("expected 5 rows") && msg.contains("found 3"),
        "{msg}"
    );
}
