//! Bytes → text → numbered lines, and the error helper every reader uses.
//!
//! Instrument software writes UTF-8 (with or without a byte-order mark),
//! UTF-16 (PalmSens, some Windows tools) or a Windows code page (EC-Lab,
//! Gamry: `µ`, `°`, `²` as single bytes). Text that is not valid UTF-8 is
//! read as Latin-1, which maps every byte to a character, so the numeric
//! content is never lost. Binary files (such as an EC-Lab `.mpr`) are
//! refused by their NUL bytes.

use std::borrow::Cow;

use crate::error::Error;

/// Names the file in every error a reader returns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub source: &'a str,
}

impl Ctx<'_> {
    /// An [`Error::Read`] at 1-based `line`.
    pub fn at(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Read {
            source: self.source.to_string(),
            line: Some(line),
            message: message.into(),
        }
    }
}

/// Decodes `bytes` to text, or says why it is not a text export.
pub(crate) fn decode<'b>(ctx: Ctx<'_>, bytes: &'b [u8]) -> crate::Result<Cow<'b, str>> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ctx.at(1, "the file is empty"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(ctx, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(ctx, rest, u16::from_be_bytes);
    }
    if let Some(pos) = bytes
        .contains(&0)
        .then(|| bytes.iter().position(|&b| b == 0))
        .flatten()
    {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        let what = if bytes.starts_with(b"BIO-LOGIC MODULAR FILE") {
            "this is a binary EC-Lab .mpr file: export it from EC-Lab as text (.mpt)"
        } else {
            "this is a binary file, not a text export (it contains NUL bytes)"
        };
        return Err(ctx.at(line, what));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    })
}

fn decode_utf16<'b>(
    ctx: Ctx<'_>,
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
) -> crate::Result<Cow<'b, str>> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for ch in char::decode_utf16(units) {
        match ch {
            Ok('\0') | Err(_) => {
                let line = 1 + text.matches('\n').count();
                return Err(ctx.at(line, "invalid UTF-16 text (binary data?)"));
            }
            Ok(c) => text.push(c),
        }
    }
    if text.trim().is_empty() {
        return Err(ctx.at(1, "the file is empty"));
    }
    Ok(Cow::Owned(text))
}

/// The lines of `text`, line ends removed; line `k` (1-based) is at index `k − 1`.
///
/// Lines end at `\n` (any `\r` before it is dropped, so `\r\n` and the
/// `\r\r\n` of some Windows exports count as one line end); a file with no
/// `\n` at all but with `\r` (classic Mac) is split at `\r`.
pub(crate) fn split_lines(text: &str) -> Vec<&str> {
    let sep = if !text.contains('\n') && text.contains('\r') {
        '\r'
    } else {
        '\n'
    };
    text.split(sep)
        .map(|line| line.trim_end_matches('\r'))
        .collect()
}

/// The number (1-based) of the last line that is not blank; 1 if none.
pub(crate) fn last_line(lines: &[&str]) -> usize {
    lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests;
