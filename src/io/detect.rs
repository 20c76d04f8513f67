//! Which reader a file needs, decided by its content first and by its file
//! name's extension only when the content has no telltale line.

use super::Format;

/// Lines searched for markers that may sit after a long preamble.
const SCAN_LINES: usize = 2000;

/// The format of a file whose text is split into `lines`.
pub(crate) fn detect(name: &str, lines: &[&str]) -> Format {
    let first = lines
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let head = || lines.iter().take(SCAN_LINES).map(|l| l.trim());
    if first.starts_with("EC-Lab ASCII FILE") || first.starts_with("EC-Lab LOG FILE") {
        return Format::BioLogic;
    }
    if first == "EXPLAIN" {
        return Format::Gamry;
    }
    if first.starts_with("ZPLOT")
        || first.contains("ZPlotW Data File")
        || first.contains("Z60W Data File")
    {
        return Format::ZPlot;
    }
    if first.starts_with("<Application>") || head().any(|l| l.starts_with("Definition=Segment #")) {
        return Format::Princeton;
    }
    if head().any(|l| l == "primary_data") && head().any(|l| l.starts_with("Title=")) {
        return Format::Ivium;
    }
    if first.contains("Frequency (Hz)") && first.contains("Zre (ohms)") {
        return Format::Parstat;
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "mpt" => Format::BioLogic,
        "dta" => Format::Gamry,
        "z" => Format::ZPlot,
        "par" => Format::Princeton,
        "idf" | "ids" => Format::Ivium,
        _ => Format::Delimited,
    }
}

#[cfg(test)]
mod tests;
