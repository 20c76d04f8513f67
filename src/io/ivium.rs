//! IviumSoft data files (`.idf`, and `.ids` sets holding several): INI-like
//! `key=value` lines, a `Title=` per data set, then a line `primary_data`,
//! the number of columns (3), the number of rows N, and N rows of
//! `Z'  Z''  f` separated by spaces (a decimal comma in some locales).
//! Z'' is Im(Z) as stored. This layout follows public descriptions of the
//! format; no real Ivium file was available to test against.

use super::columns::{Col, Columns, ZCols};
use super::table::{parse_num, read_table, Delim, Table};
use super::text::{last_line, Ctx};
use super::{Parsed, ReadOptions};
use crate::error::Result;

/// The next non-blank line at or after `from`, as (index, trimmed text).
fn next_line<'a>(lines: &[&'a str], from: usize) -> Option<(usize, &'a str)> {
    lines
        .iter()
        .enumerate()
        .skip(from)
        .map(|(i, l)| (i, l.trim()))
        .find(|(_, l)| !l.is_empty())
}

/// Reads every data set of an Ivium file.
pub(crate) fn read(ctx: Ctx<'_>, lines: &[&str], opts: &ReadOptions) -> Result<Parsed> {
    let mut spectra = Vec::new();
    let mut title = String::new();
    let mut index = 0;
    while let Some((at, line)) = next_line(lines, index) {
        index = at + 1;
        if let Some(value) = line.strip_prefix("Title=") {
            title = value.trim().to_string();
            continue;
        }
        if !line.contains("primary_data") {
            continue;
        }
        let count = |from: usize, what: &str| -> Result<(usize, usize)> {
            let (i, text) = next_line(lines, from)
                .ok_or_else(|| ctx.at(last_line(lines), format!("file ends before the {what}")))?;
            let value = parse_num(text, false)
                .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v < 1e9)
                .ok_or_else(|| {
                    ctx.at(
                        i + 1,
                        format!("expected the {what} (a whole number), found \"{text}\""),
                    )
                })?;
            Ok((i, value as usize))
        };
        let (i, columns) = count(index, "number of columns")?;
        if columns != 3 {
            return Err(ctx.at(
                i + 1,
                format!("expected 3 columns (Z', Z'', f) in primary_data, found {columns}"),
            ));
        }
        let (i, rows) = count(i + 1, "number of rows")?;
        let mut cols = Columns {
            freq: Col::fixed(2, "3 (frequency)"),
            z: ZCols::Cartesian {
                re: Col::fixed(0, "1 (Z')"),
                im: Col::fixed(1, "2 (Z'')"),
            },
            split: None,
        };
        opts.im_column.apply(&mut cols);
        let table = Table {
            cols: &cols,
            delim: Delim::Whitespace,
            skip_zero_freq: false,
            stop_at_text: true,
            max_rows: Some(rows),
            restart_at_first_freq: false,
        };
        let label = if title.is_empty() {
            ctx.source.to_string()
        } else {
            title.clone()
        };
        let end = read_table(ctx, lines, i + 1, &table, &label, &mut spectra)?;
        if end.rows != rows {
            return Err(ctx.at(
                (end.next + 1).min(last_line(lines)),
                format!("expected {rows} rows of data, found {}", end.rows),
            ));
        }
        index = end.next;
    }
    if spectra.is_empty() {
        return Err(ctx.at(
            last_line(lines),
            "no primary_data block: this Ivium file holds no spectrum",
        ));
    }
    Ok(Parsed {
        spectra,
        im_sign_assumed: false,
    })
}
