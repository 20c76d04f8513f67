//! Low-level SVG text output: escaping, pixel numbers, colours.
//!
//! Everything is appended to one `String`; nothing here allocates per point.

use std::fmt::Write;

/// Largest pixel coordinate written; anything further is clamped so that
/// the output never holds `inf` or `NaN` and stays readable.
pub const PX_LIMIT: f64 = 1e7;

/// Appends `text` with the five XML special characters escaped, dropping
/// control characters that XML 1.0 forbids.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Appends a pixel value rounded to 0.1 px ("12.3", "-4", "0.5").
/// Non-finite values are written as 0 and huge ones clamped to
/// ±[`PX_LIMIT`], so the result is always a valid finite number.
pub fn push_px(out: &mut String, value: f64) {
    let v = if value.is_finite() {
        value.clamp(-PX_LIMIT, PX_LIMIT)
    } else {
        0.0
    };
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let abs = tenths.unsigned_abs();
    let _ = write!(out, "{}", abs / 10);
    if abs % 10 != 0 {
        out.push('.');
        out.push((b'0' + (abs % 10) as u8) as char);
    }
}

/// Appends ` name="value"` for a pixel value.
pub fn attr_px(out: &mut String, name: &str, value: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_px(out, value);
    out.push('"');
}

/// Appends a path segment `M x1 y1 L x2 y2`.
pub fn line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64) {
    out.push('M');
    push_px(out, x1);
    out.push(' ');
    push_px(out, y1);
    out.push('L');
    push_px(out, x2);
    out.push(' ');
    push_px(out, y2);
}

/// Appends a `<text>` element with escaped content.
pub fn text(out: &mut String, x: f64, y: f64, anchor: &str, class: &str, s: &str) {
    let _ = write!(out, "<text class=\"{class}\" text-anchor=\"{anchor}\"");
    attr_px(out, "x", x);
    attr_px(out, "y", y);
    out.push('>');
    push_escaped(out, s);
    out.push_str("</text>");
}

/// Keeps only characters safe in an XML id (letters, digits, `-`, `_`),
/// so ids built from user input cannot break the markup.
pub fn sanitize_id(id: &str) -> String {
    let s: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        format!("ip{s}")
    } else {
        s
    }
}

/// Series colours (Okabe–Ito, readable by people with colour-vision
/// deficiencies); index `k` wraps around.
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];

/// How colours are written into the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    /// For the page: text and axes use `currentColor`, series colours are
    /// the CSS variables `--ip-c0` … `--ip-c6` (falling back to the
    /// palette), the background is transparent, every element has an
    /// `ip-…` class the page's CSS can restyle; a heatmap is an empty
    /// `canvas.ip-heatmap` the page fills with the map's pixels.
    #[default]
    Themed,
    /// For a standalone file: concrete colours, a white background, a
    /// heatmap embedded as a PNG image.
    Inline,
}

impl ColorMode {
    /// Appends a paint declaration (` stroke="…"` or ` style="fill:var(…)"`)
    /// for palette colour `k`, `prop` being `"stroke"` or `"fill"`.
    pub fn paint(self, out: &mut String, prop: &str, k: usize) {
        let idx = k % PALETTE.len();
        let hex = PALETTE[idx];
        match self {
            ColorMode::Inline => {
                let _ = write!(out, " {prop}=\"{hex}\"");
            }
            ColorMode::Themed => {
                let _ = write!(out, " style=\"{prop}:var(--ip-c{idx},{hex})\"");
            }
        }
    }

    /// The paint for backgrounds of boxes (legend).
    pub fn background(self) -> &'static str {
        match self {
            ColorMode::Inline => "#ffffff",
            ColorMode::Themed => "var(--ip-bg,#ffffff)",
        }
    }
}

#[cfg(test)]
mod tests;
