//! Readers for impedance data → [`Spectrum`]s.
//!
//! Entry points: [`read_path`] for a file on disk (CLI) and [`read_bytes`]
//! for bytes already in memory (the page). Both detect the format from the
//! content and return every spectrum the file holds, or an [`Error::Read`]
//! naming the file and the 1-based line at fault. [`read_bytes_with`] lets
//! the caller force a format or say how the imaginary column is signed, and
//! reports whether that sign was guessed.
//!
//! Formats: delimited text (CSV, `;`, tab, spaces; decimal comma; header
//! names in their common spellings and units, or no header), Gamry `.DTA`,
//! BioLogic EC-Lab `.mpt` (one spectrum per loop), Scribner ZPlot/ZView `.z`
//! and the Z60W layout, Metrohm Autolab NOVA text, CH Instruments text,
//! Princeton Parstat `.txt` and VersaStudio `.par`, Solartron PowerSuite
//! text, Ivium `.idf`/`.ids` and PalmSens PSTrace CSV.
//!
//! Every spectrum returned has at least [`MIN_POINTS`] points, finite values,
//! frequencies > 0 Hz with none repeated, Z in Ω with Im(Z) negative for
//! capacitive behaviour. Bad input gives an error, never a panic.

mod biologic;
mod columns;
pub mod csv;
mod delimited;
mod detect;
mod gamry;
mod ivium;
mod princeton;
pub mod quantities;
mod table;
mod text;
mod zplot;

use std::path::Path;
use std::str::FromStr;

pub use csv::to_csv;

use crate::error::{Error, Result};
use crate::spectrum::Spectrum;

/// The fewest points a spectrum may have.
pub const MIN_POINTS: usize = 3;

/// A family of file layouts, each with its own reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text with or without a header (also CH Instruments,
    /// PowerSuite, PalmSens CSV, Autolab NOVA text, ionpath CSV).
    Delimited,
    /// Gamry `.DTA` (ZCURVE table).
    Gamry,
    /// BioLogic EC-Lab `.mpt` text export.
    BioLogic,
    /// Scribner ZPlot/ZView `.z`, ZPlotW/Z60W text.
    ZPlot,
    /// Princeton Applied Research VersaStudio `.par`.
    Princeton,
    /// Princeton Applied Research Parstat text export.
    Parstat,
    /// IviumSoft `.idf`/`.ids`.
    Ivium,
}

impl Format {
    /// Every format, in the order of [`Format::name`]'s list.
    pub const ALL: [Format; 7] = [
        Format::Delimited,
        Format::Gamry,
        Format::BioLogic,
        Format::ZPlot,
        Format::Princeton,
        Format::Parstat,
        Format::Ivium,
    ];

    /// A short lowercase name (`"gamry"`), as accepted by [`Format::from_str`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Delimited => "delimited",
            Format::Gamry => "gamry",
            Format::BioLogic => "biologic",
            Format::ZPlot => "zplot",
            Format::Princeton => "versastudio",
            Format::Parstat => "parstat",
            Format::Ivium => "ivium",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format \"{s}\" (known: {})", names.join(", "))
            })
    }
}

/// What the imaginary-part column of a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImColumn {
    /// As the header says (`-Im(Z)`, `-Z''` → negated); Im(Z) itself when
    /// the header does not say or there is no header.
    #[default]
    #[serde(rename = "header")]
    FromHeader,
    /// Im(Z) (negative for capacitive behaviour), whatever the header says.
    Im,
    /// −Im(Z) (positive for capacitive behaviour), whatever the header says.
    NegIm,
}

impl ImColumn {
    /// Applies the choice to the imaginary (or phase) column's sign.
    fn apply(self, cols: &mut columns::Columns) {
        let col = match &mut cols.z {
            columns::ZCols::Cartesian { im, .. } => im,
            columns::ZCols::Polar { phase, .. } => phase,
        };
        match self {
            ImColumn::FromHeader => {}
            ImColumn::Im => col.scale = col.scale.abs(),
            ImColumn::NegIm => col.scale = -col.scale.abs(),
        }
    }
}

/// Choices a caller may make instead of letting the reader decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Read as this format instead of detecting it.
    pub format: Option<Format>,
    /// How the imaginary column is signed.
    pub im_column: ImColumn,
}

/// What a file held and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The reader used.
    pub format: Format,
    /// Every spectrum in the file, in file order.
    pub spectra: Vec<Spectrum>,
    /// True when nothing in the file said whether the imaginary column is
    /// Im(Z) or −Im(Z) (a table without header) and Im(Z) was assumed:
    /// ask the user and read again with [`ImColumn::NegIm`] if wrong.
    pub im_sign_assumed: bool,
}

/// What a format reader returns.
pub(crate) struct Parsed {
    spectra: Vec<Spectrum>,
    im_sign_assumed: bool,
}

/// The cells of one line of delimited text, split by the readers' rules
/// (tab, semicolon, comma or spaces, detected from the line; cells trimmed
/// and unquoted), and whether `,` is a decimal separator on that line
/// (for [`parse_cell`]). For callers with tables of their own, such as the
/// CLI's scalar fits.
pub fn split_cells(line: &str) -> (Vec<&str>, bool) {
    let delim = delimited::detect_delim(line);
    (delim.cells(line).collect(), delim.decimal_comma())
}

/// One cell as the readers parse it (`1,5` is 1.5 with `decimal_comma`);
/// `None` if it is not a number. `NaN` and `inf` parse, for the caller to name.
pub fn parse_cell(cell: &str, decimal_comma: bool) -> Option<f64> {
    table::parse_num(cell, decimal_comma)
}

/// Reads every spectrum in the file at `path`.
pub fn read_path(path: &Path) -> Result<Vec<Spectrum>> {
    read_path_with(path, &ReadOptions::default()).map(|r| r.spectra)
}

/// Reads every spectrum in the file at `path`, with `options`.
pub fn read_path_with(path: &Path, options: &ReadOptions) -> Result<Reading> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        source: name.clone(),
        line: None,
        message: format!("cannot open: {e}"),
    })?;
    read_bytes_with(&name, &bytes, options)
}

/// Reads every spectrum in `bytes`; `name` labels messages and spectra and
/// its extension helps detection when the content does not decide.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Vec<Spectrum>> {
    read_bytes_with(name, bytes, &ReadOptions::default()).map(|r| r.spectra)
}

/// Reads every spectrum in `bytes`, with `options`.
pub fn read_bytes_with(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Reading> {
    let ctx = text::Ctx { source: name };
    let text = text::decode(ctx, bytes)?;
    let lines = text::split_lines(&text);
    let format = options
        .format
        .unwrap_or_else(|| detect::detect(name, &lines));
    let parsed = match format {
        Format::Delimited => delimited::read(ctx, &lines, options, false)?,
        Format::Parstat => delimited::read(ctx, &lines, options, true)?,
        Format::Gamry => gamry::read(ctx, &lines, options)?,
        Format::BioLogic => biologic::read(ctx, &lines, options)?,
        Format::ZPlot => zplot::read(ctx, &lines, options)?,
        Format::Princeton => princeton::read(ctx, &lines, options)?,
        Format::Ivium => ivium::read(ctx, &lines, options)?,
    };
    Ok(Reading {
        format,
        spectra: parsed.spectra,
        im_sign_assumed: parsed.im_sign_assumed,
    })
}
