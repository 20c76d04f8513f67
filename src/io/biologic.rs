//! BioLogic EC-Lab text exports (`.mpt`): `EC-Lab ASCII FILE`, then
//! `Nb header lines : N`; line N holds the tab-separated column names
//! (`freq/Hz`, `Re(Z)/Ohm`, `-Im(Z)/Ohm`, …) and the rows follow, with a
//! decimal comma in some locales. Several loops of a PEIS technique in one
//! file are told apart by the `cycle number` column: one spectrum each;
//! without that column, a row that repeats the first frequency of the
//! current spectrum starts the next loop.
//! A file without the header-count line is read as generic delimited text.

use super::columns::{match_header, HeaderMatch};
use super::table::{read_table, Delim, Table};
use super::text::Ctx;
use super::{delimited, Parsed, ReadOptions};
use crate::error::Result;

/// The N of `Nb header lines : N` among the first lines, if there.
fn header_count(lines: &[&str]) -> Option<(usize, usize)> {
    lines.iter().take(10).enumerate().find_map(|(index, line)| {
        let (key, value) = line.split_once(':')?;
        (key.trim().eq_ignore_ascii_case("Nb header lines"))
            .then(|| value.trim().parse().ok().map(|n| (index, n)))?
    })
}

/// Reads every loop of an EC-Lab `.mpt` file.
pub(crate) fn read(ctx: Ctx<'_>, lines: &[&str], opts: &ReadOptions) -> Result<Parsed> {
    let Some((count_index, n)) = header_count(lines) else {
        return delimited::read(ctx, lines, opts, false);
    };
    let header = match n.checked_sub(1).and_then(|i| lines.get(i)) {
        Some(line) if n > count_index + 1 => line,
        _ => {
            return Err(ctx.at(
                count_index + 1,
                format!(
                    "the file says it has {n} header lines, but has {} lines",
                    lines.len()
                ),
            ))
        }
    };
    let mut cols = match match_header(Delim::Tab.cells(header)).map_err(|m| ctx.at(n, m))? {
        HeaderMatch::Complete(cols) => cols,
        HeaderMatch::Partial { missing } => {
            return Err(ctx.at(n, format!("the header has no {missing}")))
        }
        HeaderMatch::Nothing => return Err(ctx.at(
            n,
            "the column header (the last of the \"Nb header lines\") names no impedance columns",
        )),
    };
    opts.im_column.apply(&mut cols);
    let table = Table {
        cols: &cols,
        delim: Delim::Tab,
        skip_zero_freq: false,
        stop_at_text: false,
        max_rows: None,
        restart_at_first_freq: true,
    };
    let mut spectra = Vec::new();
    read_table(ctx, lines, n, &table, ctx.source, &mut spectra)?;
    if cols.split.is_none() && spectra.len() > 1 {
        for (k, spectrum) in spectra.iter_mut().enumerate() {
            spectrum.label = format!("{} #{}", ctx.source, k + 1);
        }
    }
    Ok(Parsed {
        spectra,
        im_sign_assumed: false,
    })
}
