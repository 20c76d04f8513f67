//! Scribner ZPlot/ZView `.z` files and the related ZPlotW/Z60W text layout
//! (also written by Metrohm Autolab's Z60W export).
//!
//! `ZPLOT2 ASCII` files carry an indented metadata block, a tab-separated
//! column line (`Freq(Hz)  Ampl  Bias  Time(Sec)  Z'(a)  Z''(b) …`) and
//! `End Comments`, after which the rows follow. The older quoted layout
//! (`"ZPlotW Data File: Version …"`, `"Z60W Data File: …"`) has a quoted,
//! space-aligned column line and comma-separated rows; its columns are
//! fixed by the format: frequency first, Z' fifth, Z'' sixth. Z'' is Im(Z)
//! in both (negative for capacitive behaviour).

use super::columns::{match_header, Col, Columns, HeaderMatch, ZCols};
use super::delimited::detect_delim;
use super::table::{read_table, Table};
use super::text::{last_line, Ctx};
use super::{Parsed, ReadOptions};
use crate::error::Result;

/// The fixed column layout of ZPlot data rows.
fn fixed_columns() -> Columns {
    Columns {
        freq: Col::fixed(0, "Freq(Hz)"),
        z: ZCols::Cartesian {
            re: Col::fixed(4, "Z'(a)"),
            im: Col::fixed(5, "Z''(b)"),
        },
        split: None,
    }
}

/// Reads a ZPlot/ZView or Z60W text file.
pub(crate) fn read(ctx: Ctx<'_>, lines: &[&str], opts: &ReadOptions) -> Result<Parsed> {
    let first_data = |from: usize| {
        lines
            .iter()
            .skip(from)
            .position(|l| !l.trim().is_empty())
            .map(|p| p + from)
    };
    let (header, start) = if let Some(end) = lines.iter().position(|l| l.trim() == "End Comments") {
        let header = lines[..end].iter().rposition(|l| !l.trim().is_empty());
        (header, end + 1)
    } else {
        let Some(header) = lines
            .iter()
            .skip(1)
            .position(|l| l.trim_start().starts_with('"') && l.contains("Z'"))
        else {
            return Err(ctx.at(
                last_line(lines),
                "no column line (\"Freq(Hz) … Z'(a) Z''(b) …\") in this ZPlot file",
            ));
        };
        (None, header + 2)
    };
    let Some(start) = first_data(start) else {
        return Err(ctx.at(
            start.min(last_line(lines)),
            "no data rows after the column line",
        ));
    };
    let delim = detect_delim(lines[start].trim());
    let mut cols = match header.map(|h| match_header(delim.cells(lines[h]))) {
        Some(Ok(HeaderMatch::Complete(cols))) => cols,
        _ => fixed_columns(),
    };
    opts.im_column.apply(&mut cols);
    let table = Table {
        cols: &cols,
        delim,
        skip_zero_freq: false,
        stop_at_text: false,
        max_rows: None,
        restart_at_first_freq: false,
    };
    let mut spectra = Vec::new();
    read_table(ctx, lines, start, &table, ctx.source, &mut spectra)?;
    Ok(Parsed {
        spectra,
        im_sign_assumed: false,
    })
}
