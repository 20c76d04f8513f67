//! Delimited text: CSV, semicolon- or tab-separated, whitespace columns,
//! with decimal commas, with or without a header line, after any preamble.
//! This also reads the text exports that are plain tables behind a few lines
//! of metadata: CH Instruments, Solartron PowerSuite, PalmSens PSTrace CSV,
//! Metrohm Autolab NOVA ASCII, Princeton Parstat `.txt` and ionpath's own
//! `convert` output.
//!
//! Columns are found by their header names ([`super::columns`]). A file with
//! no header must have exactly three numeric columns: frequency in Hz,
//! Re(Z) in Ω, Im(Z) in Ω — read as Im(Z), not −Im(Z), unless the caller
//! says otherwise; [`super::Reading::im_sign_assumed`] reports this guess.

use super::columns::{match_header, Col, Columns, HeaderMatch, ZCols};
use super::table::{parse_num, read_table, Delim, Table};
use super::text::{last_line, Ctx};
use super::{Parsed, ReadOptions};
use crate::error::Result;

/// The separator a line most likely uses.
pub(crate) fn detect_delim(line: &str) -> Delim {
    if line.contains('\t') {
        Delim::Tab
    } else if line.contains(';') {
        Delim::Semicolon
    } else if line.contains(',') {
        let mut tokens = line.split_ascii_whitespace().peekable();
        let spaced_decimal_commas = tokens.peek().is_some()
            && line.split_ascii_whitespace().count() >= 2
            && tokens.all(|t| parse_num(t, true).is_some());
        if spaced_decimal_commas {
            Delim::Whitespace
        } else {
            Delim::Comma
        }
    } else {
        Delim::Whitespace
    }
}

/// Whether every cell of `line` (at least two) is a number.
fn all_numeric(line: &str, delim: Delim) -> bool {
    let mut n = 0;
    for cell in delim.cells(line) {
        if parse_num(cell, delim.decimal_comma()).is_none() {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// The text of a possible header line, without a leading comment mark.
fn header_text(line: &str) -> &str {
    line.trim().trim_start_matches(['#', '%']).trim()
}

/// Reads a delimited table from `lines`; `skip_zero_freq` for Parstat tables.
pub(crate) fn read(
    ctx: Ctx<'_>,
    lines: &[&str],
    opts: &ReadOptions,
    skip_zero_freq: bool,
) -> Result<Parsed> {
    let mut header: Option<usize> = None;
    let mut partial: Option<(usize, &'static str)> = None;
    for (index, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let delim = detect_delim(line);
        if let Some(header_index) = header {
            let cols = columns_for(ctx, header_index, lines[header_index], delim)?;
            let freq_cell = delim.cells(line).nth(cols.freq.index);
            if freq_cell
                .and_then(|c| parse_num(c, delim.decimal_comma()))
                .is_some()
                || all_numeric(line, delim)
            {
                return read_from(ctx, lines, index, cols, delim, opts, skip_zero_freq, false);
            }
        }
        if header.is_none() && all_numeric(line, delim) {
            if let Some((at, missing)) = partial {
                return Err(ctx.at(at + 1, format!("the header has no {missing}")));
            }
            let n = delim.cells(line).count();
            if n != 3 {
                return Err(ctx.at(
                    index + 1,
                    format!(
                        "no header line names the columns and there are {n} of them: \
                         without a header, exactly 3 are expected (frequency/Hz, Re(Z)/Ohm, Im(Z)/Ohm)"
                    ),
                ));
            }
            let cols = Columns {
                freq: Col::fixed(0, "1 (frequency)"),
                z: ZCols::Cartesian {
                    re: Col::fixed(1, "2 (Re Z)"),
                    im: Col::fixed(2, "3 (Im Z)"),
                },
                split: None,
            };
            return read_from(ctx, lines, index, cols, delim, opts, skip_zero_freq, true);
        }
        let text = header_text(line);
        match match_header(detect_delim(text).cells(text)).map_err(|m| ctx.at(index + 1, m))? {
            HeaderMatch::Complete(_) => header = Some(index),
            HeaderMatch::Partial { missing } if header.is_none() => {
                partial = Some((index, missing))
            }
            _ => {}
        }
    }
    match (header, partial) {
        (Some(at), _) => Err(ctx.at(at + 1, "a header line but no data rows after it")),
        (None, Some((at, missing))) => Err(ctx.at(at + 1, format!("the header has no {missing}"))),
        (None, None) => Err(ctx.at(
            last_line(lines),
            "no impedance table found: expected a header naming frequency and impedance columns \
             (e.g. freq/Hz, Re(Z)/Ohm, -Im(Z)/Ohm), or three numeric columns",
        )),
    }
}

/// The header at `index` split with the data's separator.
fn columns_for(ctx: Ctx<'_>, index: usize, line: &str, delim: Delim) -> Result<Columns> {
    let text = header_text(line);
    match match_header(delim.cells(text)).map_err(|m| ctx.at(index + 1, m))? {
        HeaderMatch::Complete(cols) => Ok(cols),
        _ => {
            let own = detect_delim(text);
            match match_header(own.cells(text)).map_err(|m| ctx.at(index + 1, m))? {
                HeaderMatch::Complete(cols) => Ok(cols),
                _ => Err(ctx.at(
                    index + 1,
                    "the header and the data rows use different separators",
                )),
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn read_from(
    ctx: Ctx<'_>,
    lines: &[&str],
    start: usize,
    mut cols: Columns,
    delim: Delim,
    opts: &ReadOptions,
    skip_zero_freq: bool,
    headerless: bool,
) -> Result<Parsed> {
    opts.im_column.apply(&mut cols);
    let table = Table {
        cols: &cols,
        delim,
        skip_zero_freq,
        stop_at_text: false,
        max_rows: None,
        restart_at_first_freq: false,
    };
    let mut spectra = Vec::new();
    read_table(ctx, lines, start, &table, ctx.source, &mut spectra)?;
    Ok(Parsed {
        spectra,
        im_sign_assumed: headerless && opts.im_column == super::ImColumn::FromHeader,
    })
}

#[cfg(test)]
mod tests;
