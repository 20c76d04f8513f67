//! The row engine every reader shares: split a line into cells, parse the
//! needed ones, convert units and signs, check each value, and collect the
//! points into spectra (a new one wherever the split column changes).
//!
//! No allocation per row: cells are slices of the line, numbers with a
//! decimal comma are rewritten in a stack buffer.

use num_complex::Complex64;

use super::columns::{Col, Columns, ZCols};
use super::text::{last_line, Ctx};
use super::MIN_POINTS;
use crate::error::Result;
use crate::spectrum::Spectrum;

/// How cells are separated on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delim {
    Comma,
    Semicolon,
    Tab,
    /// Any run of spaces or tabs.
    Whitespace,
}

impl Delim {
    /// The cells of `line`, trimmed and without surrounding quotes.
    pub fn cells(self, line: &str) -> Cells<'_> {
        let line = line.trim();
        match self {
            Delim::Comma => Cells::Sep(line.split(',')),
            Delim::Semicolon => Cells::Sep(line.split(';')),
            Delim::Tab => Cells::Sep(line.split('\t')),
            Delim::Whitespace => Cells::Ws(line.split_ascii_whitespace()),
        }
    }

    /// Whether `,` is a decimal separator in numbers (it is whenever it is not the cell separator).
    pub fn decimal_comma(self) -> bool {
        self != Delim::Comma
    }
}

/// Iterator over the cells of one line.
pub(crate) enum Cells<'a> {
    Sep(std::str::Split<'a, char>),
    Ws(std::str::SplitAsciiWhitespace<'a>),
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let cell = match self {
            Cells::Sep(split) => split.next()?,
            Cells::Ws(split) => split.next()?,
        };
        Some(unquote(cell))
    }
}

/// `cell` trimmed, without one pair of surrounding double quotes.
pub(crate) fn unquote(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.trim(),
        None => cell,
    }
}

/// Parses one cell; with `decimal_comma`, `1,5` is 1.5. `None` if not a number.
/// Non-finite spellings (`NaN`, `inf`) parse, so the caller can name them.
pub(crate) fn parse_num(cell: &str, decimal_comma: bool) -> Option<f64> {
    if decimal_comma && cell.contains(',') {
        let mut buf = [0u8; 64];
        let bytes = cell.as_bytes();
        let dest = buf.get_mut(..bytes.len())?;
        for (d, &s) in dest.iter_mut().zip(bytes) {
            *d = if s == b',' { b'.' } else { s };
        }
        std::str::from_utf8(dest).ok()?.parse().ok()
    } else {
        cell.parse().ok()
    }
}

/// How to read one table of rows.
pub(crate) struct Table<'c> {
    pub cols: &'c Columns,
    pub delim: Delim,
    /// Rows with frequency 0 are not impedance points (Parstat/VersaStudio
    /// tables mix DC records into the same columns): skip them.
    pub skip_zero_freq: bool,
    /// A row whose frequency cell is not a number ends the table (Gamry,
    /// VersaStudio: another section follows); otherwise it is an error.
    pub stop_at_text: bool,
    /// Stop after this many points (Ivium declares its row count).
    pub max_rows: Option<usize>,
    /// Without a split column, a row repeating the current spectrum's first
    /// frequency starts a new spectrum (EC-Lab loops of the same sweep).
    pub restart_at_first_freq: bool,
}

/// The result of [`read_table`].
pub(crate) struct TableEnd {
    /// Index (0-based) of the first line not consumed.
    pub next: usize,
    /// Points read.
    pub rows: usize,
}

/// Reads rows from `lines[start..]` into spectra labelled from `label`.
pub(crate) fn read_table(
    ctx: Ctx<'_>,
    lines: &[&str],
    start: usize,
    table: &Table<'_>,
    label: &str,
    out: &mut Vec<Spectrum>,
) -> Result<TableEnd> {
    let cols = table.cols;
    let (a, b) = match &cols.z {
        ZCols::Cartesian { re, im } => (re, im),
        ZCols::Polar { modulus, phase } => (modulus, phase),
    };
    let wanted = [
        Some(cols.freq.index),
        Some(a.index),
        Some(b.index),
        cols.split,
    ];
    let needed = wanted.iter().flatten().max().map_or(1, |m| m + 1);
    let decimal_comma = table.delim.decimal_comma();
    let mut builder = Builder::new(label, start + 1);
    let mut current_key: Option<&str> = None;
    let mut rows = 0;
    let mut index = start;
    while index < lines.len() {
        if table.max_rows == Some(rows) {
            break;
        }
        let line_no = index + 1;
        let line = lines[index];
        if line.trim().is_empty() {
            index += 1;
            continue;
        }
        let mut picked: [Option<&str>; 4] = [None; 4];
        let mut count = 0;
        for (i, cell) in table.delim.cells(line).enumerate() {
            for (slot, want) in picked.iter_mut().zip(wanted) {
                if want == Some(i) {
                    *slot = Some(cell);
                }
            }
            count = i + 1;
        }
        let freq_raw = picked[0].and_then(|c| parse_num(c, decimal_comma));
        if freq_raw.is_none() && table.stop_at_text {
            break;
        }
        if count < needed {
            return Err(ctx.at(
                line_no,
                format!(
                    "truncated line: {count} cells, but the table needs {needed} (up to column {})",
                    column_name(cols, needed - 1)
                ),
            ));
        }
        let value = |slot: usize, col: &Col| -> Result<f64> {
            let cell = picked[slot].unwrap_or("");
            let raw = parse_num(cell, decimal_comma).ok_or_else(|| {
                ctx.at(
                    line_no,
                    format!("\"{cell}\" in column {} is not a number", col.name),
                )
            })?;
            let v = raw * col.scale;
            if v.is_finite() {
                Ok(v)
            } else {
                Err(ctx.at(
                    line_no,
                    format!("{cell} in column {} is not a finite number", col.name),
                ))
            }
        };
        let freq_hz = value(0, &cols.freq)?;
        if freq_hz == 0.0 && table.skip_zero_freq {
            index += 1;
            continue;
        }
        if freq_hz <= 0.0 {
            return Err(ctx.at(
                line_no,
                format!(
                    "frequency must be > 0 Hz, found {} (column {})",
                    freq_hz, cols.freq.name
                ),
            ));
        }
        let (x, y) = (value(1, a)?, value(2, b)?);
        let z = match &cols.z {
            ZCols::Cartesian { .. } => Complex64::new(x, y),
            ZCols::Polar { .. } if x < 0.0 => {
                return Err(ctx.at(
                    line_no,
                    format!("|Z| must be >= 0, found {} (column {})", x, a.name),
                ));
            }
            ZCols::Polar { .. } => Complex64::from_polar(x, y),
        };
        let restart = table.restart_at_first_freq
            && cols.split.is_none()
            && builder.freq_hz.first() == Some(&freq_hz);
        if restart {
            let next = Builder::new(label, line_no);
            out.push(std::mem::replace(&mut builder, next).finish(ctx)?);
        }
        if let Some(key) = picked[3] {
            if current_key.is_some_and(|k| k != key) {
                let next = Builder::new(&split_label(label, key, decimal_comma), line_no);
                out.push(std::mem::replace(&mut builder, next).finish(ctx)?);
            } else if current_key.is_none() {
                builder.label = split_label(label, key, decimal_comma);
            }
            current_key = Some(key);
        }
        builder.push(freq_hz, z, line_no);
        rows += 1;
        index += 1;
    }
    if builder.freq_hz.is_empty() && rows == 0 {
        return Err(ctx.at(
            (start + 1).min(last_line(lines)),
            "no data rows where the table should begin",
        ));
    }
    out.push(builder.finish(ctx)?);
    Ok(TableEnd { next: index, rows })
}

fn column_name(cols: &Columns, index: usize) -> String {
    let (a, b) = match &cols.z {
        ZCols::Cartesian { re, im } => (re, im),
        ZCols::Polar { modulus, phase } => (modulus, phase),
    };
    [&cols.freq, a, b]
        .iter()
        .find(|c| c.index == index)
        .map_or_else(|| format!("#{}", index + 1), |c| c.name.clone())
}

/// The label of a spectrum found by a split column: `file #3` for a loop or
/// cycle number, the cell itself for a text label.
fn split_label(base: &str, key: &str, decimal_comma: bool) -> String {
    match parse_num(key, decimal_comma) {
        Some(n) => format!("{base} #{}", n),
        None => key.to_string(),
    }
}

/// Collects one spectrum's points with their line numbers for messages.
struct Builder {
    label: String,
    first_line: usize,
    freq_hz: Vec<f64>,
    z_ohm: Vec<Complex64>,
    lines: Vec<usize>,
}

impl Builder {
    fn new(label: &str, first_line: usize) -> Self {
        Builder {
            label: label.to_string(),
            first_line,
            freq_hz: Vec::new(),
            z_ohm: Vec::new(),
            lines: Vec::new(),
        }
    }

    fn push(&mut self, freq_hz: f64, z: Complex64, line: usize) {
        self.freq_hz.push(freq_hz);
        self.z_ohm.push(z);
        self.lines.push(line);
    }

    /// Checks the spectrum as a whole: enough points, no frequency twice.
    fn finish(self, ctx: Ctx<'_>) -> Result<Spectrum> {
        let n = self.freq_hz.len();
        if n < MIN_POINTS {
            let line = self.lines.last().copied().unwrap_or(self.first_line);
            return Err(ctx.at(
                line,
                format!(
                    "too few points: {n} in spectrum \"{}\" (at least {MIN_POINTS} needed)",
                    self.label
                ),
            ));
        }
        // A sweep is usually monotonic: then no frequency can repeat.
        let f = &self.freq_hz;
        if f.windows(2).all(|w| w[0] < w[1]) || f.windows(2).all(|w| w[0] > w[1]) {
            return Ok(Spectrum {
                label: self.label,
                freq_hz: self.freq_hz,
                z_ohm: self.z_ohm,
            });
        }
        let mut order: Vec<usize> = (0..f.len()).collect();
        order.sort_by(|&i, &j| f[i].total_cmp(&f[j]));
        for pair in order.windows(2) {
            let (i, j) = (pair[0], pair[1]);
            if self.freq_hz[i] == self.freq_hz[j] {
                return Err(ctx.at(
                    self.lines[j],
                    format!(
                        "duplicate frequency {} Hz (also on line {})",
                        self.freq_hz[j], self.lines[i]
                    ),
                ));
            }
        }
        Ok(Spectrum {
            label: self.label,
            freq_hz: self.freq_hz,
            z_ohm: self.z_ohm,
        })
    }
}

#[cfg(test)]
mod tests;
