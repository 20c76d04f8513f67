use super::*;

#[test]
fn separators_are_recognised() {
    assert_eq!(detect_delim("1,5\t2,5"), Delim::Tab);
    assert_eq!(detect_delim("1,5;2,5;3"), Delim::Semicolon);
    assert_eq!(detect_delim("1.5, 2.5, 3"), Delim::Comma);
    assert_eq!(detect_delim("1,5 2,5 3,0"), Delim::Whitespace);
    assert_eq!(detect_delim("1.5 2.5"), Delim::Whitespace);
}
