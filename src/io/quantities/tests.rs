use super::*;

#[test]
fn converts_units_to_the_core_and_keeps_row_order() {
    let text =
        "# measured\ncapacity (mAh/cm²);voltage_mv;current_ua_per_cm2\n0;4100;500\n1,5;3900;500\n";
    let cols = read_columns(
        text,
        "a.csv",
        &[Quantity::Capacity, Quantity::Voltage, Quantity::Current],
    )
    .unwrap();
    // 1 mAh = 3.6 C; 3900 mV = 3.9 V; 500 µA/cm² = 5e-4 A/cm².
    assert_eq!(cols[0], vec![0.0, 1.5 * 3.6]);
    assert_eq!(cols[1], vec![4.1, 3.9]);
    assert_eq!(cols[2], vec![5e-4, 5e-4]);
}

#[test]
fn an_optional_column_may_be_missing() {
    let text = "capacity_mah_cm2,voltage_v\n0,4.1\n1,3.9\n";
    let cols = read_columns_with(
        text,
        "b.csv",
        &[Quantity::Capacity, Quantity::Voltage],
        &[Quantity::Current],
    )
    .unwrap();
    assert_eq!(cols.len(), 3);
    assert_eq!(cols[1].as_deref(), Some(&[4.1, 3.9][..]));
    assert!(cols[2].is_none());
    let with = read_columns_with(
        "current_ma_cm2,capacity_mah_cm2,voltage_v\n2,0,4.1\n",
        "c.csv",
        &[Quantity::Capacity, Quantity::Voltage],
        &[Quantity::Current],
    )
    .unwrap();
    assert_eq!(with[2].as_deref(), Some(&[2e-3][..]));
}

#[test]
fn errors_name_the_file_and_the_line() {
    let line_of =
        |text: &str| match read_columns(text, "m.csv", &[Quantity::Capacity, Quantity::Voltage]) {
            Err(Error::Read {
                source,
                line,
                message,
            }) => {
                assert_eq!(source, "m.csv");
                (line, message)
            }
            other => panic!("{other:?}"),
        };
    let (line, message) = line_of("capacity_mah_cm2,voltage_v\n0,4.1\n\n1,abc\n");
    assert_eq!(line, Some(4));
    assert!(
        message.contains("column 2") && message.contains("abc"),
        "{message}"
    );
    let (line, message) = line_of("0,4.1\n1,3.9\n");
    assert_eq!(line, Some(1));
    assert!(message.contains("header"), "{message}");
    let (line, message) = line_of("capacity_mah_cm2,volts\n0,4.1\n");
    assert_eq!(line, Some(1));
    assert!(message.contains("voltage_v"), "{message}");
    let (line, message) = line_of("capacity_mah_cm2,voltage_v\n-1,4.1\n");
    assert_eq!(line, Some(2));
    assert!(message.contains(">= 0"), "{message}");
    let (line, _) = line_of("capacity_mah_cm2,voltage_v\n");
    assert_eq!(line, None);
}
