use super::*;

#[test]
fn content_beats_extension() {
    assert_eq!(detect("a.csv", &["EXPLAIN", "TAG\tEISPOT"]), Format::Gamry);
    assert_eq!(
        detect("a.txt", &["", "EC-Lab ASCII FILE"]),
        Format::BioLogic
    );
    assert_eq!(detect("a.dta", &["1,2,3"]), Format::Gamry);
    assert_eq!(
        detect("a.txt", &["\"Z60W Data File: Version 1.1\""]),
        Format::ZPlot
    );
    assert_eq!(
        detect("a.txt", &["[Main]", "Title=x", "primary_data", "3"]),
        Format::Ivium
    );
    assert_eq!(detect("x", &["f,re,im"]), Format::Delimited);
}
