//! Princeton Applied Research VersaStudio `.par` files: XML-like sections;
//! each `<SegmentN>` holds a `Definition=` line naming comma-separated
//! columns (`Frequency(Hz)`, `Z Real`, `Z Imag`, …) and the rows, up to
//! `</SegmentN>`. Segments without impedance columns are skipped; rows with
//! frequency 0 are DC records, not impedance points. Z Imag is Im(Z).
//! (Parstat `.txt` exports are plain tab-separated tables, read by
//! [`super::delimited`] with the same zero-frequency rule.)

use super::columns::{match_header, HeaderMatch};
use super::table::{read_table, Delim, Table};
use super::text::{last_line, Ctx};
use super::{Parsed, ReadOptions};
use crate::error::Result;

/// Reads every impedance segment of a VersaStudio file.
pub(crate) fn read(ctx: Ctx<'_>, lines: &[&str], opts: &ReadOptions) -> Result<Parsed> {
    let mut spectra = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(definition) = line.trim().strip_prefix("Definition=") else {
            continue;
        };
        let mut cols =
            match match_header(Delim::Comma.cells(definition)).map_err(|m| ctx.at(index + 1, m))? {
                HeaderMatch::Complete(cols) => cols,
                _ => continue,
            };
        opts.im_column.apply(&mut cols);
        let table = Table {
            cols: &cols,
            delim: Delim::Comma,
            skip_zero_freq: true,
            stop_at_text: true,
            max_rows: None,
            restart_at_first_freq: false,
        };
        read_table(ctx, lines, index + 1, &table, ctx.source, &mut spectra)?;
    }
    if spectra.is_empty() {
        return Err(ctx.at(
            last_line(lines),
            "no segment with impedance columns (Definition= … Frequency(Hz), Z Real, Z Imag)",
        ));
    }
    if spectra.len() > 1 {
        for (k, spectrum) in spectra.iter_mut().enumerate() {
            spectrum.label = format!("{} #{}", ctx.source, k + 1);
        }
    }
    Ok(Parsed {
        spectra,
        im_sign_assumed: false,
    })
}
