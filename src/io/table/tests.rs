use super::*;

#[test]
fn numbers_with_decimal_commas() {
    assert_eq!(parse_num("1,5", true), Some(1.5));
    assert_eq!(parse_num("1,5", false), None);
    assert_eq!(parse_num("-2.5E+03", false), Some(-2500.0));
    assert!(parse_num("NaN", true).is_some_and(f64::is_nan));
    assert_eq!(parse_num(&"1,".repeat(40), true), None);
}

#[test]
fn cells_are_trimmed_and_unquoted() {
    let cells: Vec<_> = Delim::Comma.cells(" \"a\", b ,c").collect();
    assert_eq!(cells, vec!["a", "b", "c"]);
    let cells: Vec<_> = Delim::Whitespace.cells("1  2\t3 ").collect();
    assert_eq!(cells, vec!["1", "2", "3"]);
}
