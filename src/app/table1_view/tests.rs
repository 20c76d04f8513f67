use super::*;
use crate::app::presets::apply;
use crate::app::{In, State};

#[test]
fn every_row_loads_or_says_why() {
    let rows = entries();
    assert_eq!(rows.len(), TABLE1.len());
    for (row, t) in rows.iter().zip(TABLE1.iter()) {
        assert_eq!(row.cells.len(), COLUMNS.len());
        assert_eq!(row.cells[0], t.cell);
        assert_eq!(row.flags.len(), t.flags.len());
        let mut s = State::default();
        match &row.not_loadable {
            None => {
                let notices = apply(&mut s, &row.id).expect("a loadable row loads");
                assert!(notices.iter().any(|n| n.contains(t.citation)), "{}", row.id);
                if let Some((lo, hi)) = t.thickness_um {
                    let l = s.get(In::ThicknessUm);
                    assert!(l >= lo - 1e-9 && l <= hi + 1e-9, "{}: L = {l}", row.id);
                }
            }
            Some(why) => {
                assert!(!why.is_empty());
                assert!(apply(&mut s, &row.id).is_err());
            }
        }
    }
}

#[test]
fn ranges_read_as_printed() {
    // Hand-written expectations, independent of the table's data.
    assert_eq!(range(None, "µm"), "—");
    assert_eq!(range(Some((50.0, 50.0)), "µm"), "50 µm");
    assert_eq!(range(Some((10.0, 20.0)), "mg/cm²"), "10–20 mg/cm²");
}
