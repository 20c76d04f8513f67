//! Gamry Framework `.DTA` files (EXPLAIN format): metadata lines, then
//! tables introduced by `NAME<TAB>TABLE`, each with a header line, a units
//! line and tab-indented rows. Impedance is in the `ZCURVE` table (`Freq`
//! in Hz, `Zreal`, `Zimag` in Ω, Zimag negative for capacitive behaviour).
//! An aborted run simply ends the table early and may be followed by other
//! sections (`EXPERIMENTABORTED`, `FRACURVE`); the table ends at the first
//! row that is not numeric.

use super::columns::{match_header, HeaderMatch};
use super::table::{parse_num, read_table, Delim, Table};
use super::text::{last_line, Ctx};
use super::{Parsed, ReadOptions};
use crate::error::Result;

fn is_zcurve(line: &str) -> bool {
    let mut cells = line.split('\t').map(str::trim);
    cells.next() == Some("ZCURVE") && cells.next() == Some("TABLE")
}

/// Reads every `ZCURVE` table of a Gamry file.
pub(crate) fn read(ctx: Ctx<'_>, lines: &[&str], opts: &ReadOptions) -> Result<Parsed> {
    let mut spectra = Vec::new();
    let mut index = 0;
    while let Some(offset) = lines
        .get(index..)
        .and_then(|rest| rest.iter().position(|l| is_zcurve(l)))
    {
        let header_index = index + offset + 1;
        let Some(header) = lines.get(header_index) else {
            return Err(ctx.at(header_index, "the ZCURVE table has no header line"));
        };
        let mut cols = match match_header(Delim::Tab.cells(header))
            .map_err(|m| ctx.at(header_index + 1, m))?
        {
            HeaderMatch::Complete(cols) => cols,
            HeaderMatch::Partial { missing } => {
                return Err(ctx.at(
                    header_index + 1,
                    format!("the ZCURVE header has no {missing}"),
                ))
            }
            HeaderMatch::Nothing => {
                return Err(ctx.at(
                    header_index + 1,
                    "the ZCURVE header names no frequency or impedance columns",
                ))
            }
        };
        opts.im_column.apply(&mut cols);
        // The line after the header gives units (`#  s  Hz  ohm …`).
        let mut start = header_index + 1;
        let units_row = lines.get(start).is_some_and(|l| {
            Delim::Tab
                .cells(l)
                .nth(cols.freq.index)
                .is_some_and(|c| parse_num(c, true).is_none())
        });
        if units_row {
            start += 1;
        }
        let table = Table {
            cols: &cols,
            delim: Delim::Tab,
            skip_zero_freq: false,
            stop_at_text: true,
            max_rows: None,
            restart_at_first_freq: false,
        };
        index = read_table(ctx, lines, start, &table, ctx.source, &mut spectra)?.next;
    }
    if spectra.is_empty() {
        return Err(ctx.at(
            last_line(lines),
            "no ZCURVE table: this Gamry file holds no impedance spectrum",
        ));
    }
    Ok(Parsed {
        spectra,
        im_sign_assumed: false,
    })
}
