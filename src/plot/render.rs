//! Figure → SVG text: frame, grid, ticks, labels, data, legend, notes.

use std::fmt::Write;

use super::draw::{self, point_px};
use super::figure::Figure;
use super::heatmap::ANCHORS;
use super::layout::{self, text_width, Layout, COLORBAR_PX, LABEL_FONT_PX, TICK_LEN_PX};
use super::png::push_base64;
use super::svg::{attr_px, line, push_escaped, sanitize_id, text, ColorMode};

const FONT: &str = "system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";

/// A figure's SVG in layers: the opening `<svg …>` tag (`role="img"`),
/// then one element per layer: its `<title>` and `<desc>` (the figure's
/// name and summary, for assistive technology), then each a `<g>` (frame:
/// background, title, grid and the clip path; data; axes; colour bar;
/// marked points; legend and notes). The page
/// replaces only the layers that changed; [`SvgLayers::to_svg`] joins them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SvgLayers {
    pub head: String,
    pub layers: Vec<String>,
}

impl SvgLayers {
    /// The whole `<svg>` element; empty for the default (no figure).
    pub fn to_svg(&self) -> String {
        if self.head.is_empty() {
            return String::new();
        }
        let mut out = String::with_capacity(
            self.head.len() + self.layers.iter().map(String::len).sum::<usize>() + 6,
        );
        out.push_str(&self.head);
        self.layers.iter().for_each(|l| out.push_str(l));
        out.push_str("</svg>");
        out
    }
}

impl Figure {
    /// The figure as a standalone `<svg>` element (also valid as a file).
    /// Never fails: points that cannot be drawn are skipped and counted in
    /// a note on the figure.
    pub fn to_svg(&self) -> String {
        self.to_svg_layers().to_svg()
    }

    /// The figure as [`SvgLayers`].
    pub fn to_svg_layers(&self) -> SvgLayers {
        let l = layout::layout(self);
        let points: usize = self.series.iter().map(|s| s.len()).sum();
        let id = sanitize_id(&self.id);
        let mut head = String::new();
        header(&mut head, self, &l);
        let layer = |capacity: usize, draw: &dyn Fn(&mut String)| {
            let mut out = String::with_capacity(capacity);
            out.push_str("<g>");
            draw(&mut out);
            out.push_str("</g>");
            out
        };
        let frame = layer(1024, &|out| {
            if self.colors == ColorMode::Inline {
                out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
            }
            title(out, &l);
            grid(out, &l);
            let _ = write!(out, "<defs><clipPath id=\"{id}-clip\"><rect");
            let p = l.plot;
            attr_px(out, "x", p.left);
            attr_px(out, "y", p.top);
            attr_px(out, "width", p.right - p.left);
            attr_px(out, "height", p.bottom - p.top);
            out.push_str("/></clipPath></defs>");
        });
        let mut data = String::with_capacity(1024 + 48 * points);
        let _ = write!(data, "<g clip-path=\"url(#{id}-clip)\">");
        heatmap_image(&mut data, self, &l);
        self::data(&mut data, self, &l);
        data.push_str("</g>");
        let mut axes = String::with_capacity(2048);
        self::axes(&mut axes, self, &l);
        let colorbar = layer(512, &|out| self::colorbar(out, self, &l, &id));
        let marks = layer(256, &|out| self::marks(out, self, &l));
        let legend = layer(512, &|out| {
            super::legend::legend(out, self, &l);
            note(out, self, &l);
        });
        let mut name = String::from("<title>");
        push_escaped(&mut name, &self.name());
        name.push_str("</title>");
        let mut desc = String::from("<desc>");
        push_escaped(&mut desc, &self.summary());
        desc.push_str("</desc>");
        SvgLayers {
            head,
            layers: vec![name, desc, frame, data, axes, colorbar, marks, legend],
        }
    }
}

fn header(out: &mut String, fig: &Figure, l: &Layout) {
    let (w, h) = (l.width, l.height);
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ip-plot\" role=\"img\"");
    attr_px(out, "width", w);
    attr_px(out, "height", h);
    out.push_str(" viewBox=\"0 0 ");
    super::svg::push_px(out, w);
    out.push(' ');
    super::svg::push_px(out, h);
    let _ = write!(out, "\" font-family=\"{FONT}\" font-size=\"11\"");
    if fig.colors == ColorMode::Inline {
        out.push_str(" color=\"#222222\"");
    }
    out.push('>');
}

fn title(out: &mut String, l: &Layout) {
    let size = layout::TITLE_FONT_PX;
    for (k, line) in l.title_lines.iter().enumerate() {
        let _ = write!(out, "<text class=\"ip-title\" fill=\"currentColor\" font-size=\"{size}\" font-weight=\"600\"");
        attr_px(out, "x", 8.0);
        attr_px(out, "y", 22.0 + layout::TITLE_LINE_PX * k as f64);
        out.push('>');
        push_escaped(out, line);
        out.push_str("</text>");
    }
}

fn grid(out: &mut String, l: &Layout) {
    let p = l.plot;
    out.push_str("<path class=\"ip-grid\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.12\" d=\"");
    for &v in &l.x_ticks.major {
        if let Some(x) = l.x.to_px(v) {
            line(out, x, p.top, x, p.bottom);
        }
    }
    for &v in &l.y_ticks.major {
        if let Some(y) = l.y.to_px(v) {
            line(out, p.left, y, p.right, y);
        }
    }
    out.push_str("\"/>");
}

fn rotated(out: &mut String, x: f64, y: f64, angle: i32, s: &str) {
    out.push_str("<text class=\"ip-axis-label\" text-anchor=\"middle\" font-size=\"12.5\" transform=\"translate(");
    super::svg::push_px(out, x);
    out.push(',');
    super::svg::push_px(out, y);
    let _ = write!(out, ") rotate({angle})\">");
    push_escaped(out, s);
    out.push_str("</text>");
}

fn axes(out: &mut String, fig: &Figure, l: &Layout) {
    let p = l.plot;
    out.push_str("<g class=\"ip-axis\" fill=\"currentColor\"><path fill=\"none\" stroke=\"currentColor\" d=\"");
    line(out, p.left, p.bottom, p.right, p.bottom);
    line(out, p.left, p.top, p.left, p.bottom);
    if l.y2.is_some() {
        line(out, p.right, p.top, p.right, p.bottom);
    }
    for (ticks, len) in [(&l.x_ticks.major, TICK_LEN_PX), (&l.x_ticks.minor, 3.0)] {
        for x in ticks.iter().filter_map(|&v| l.x.to_px(v)) {
            line(out, x, p.bottom, x, p.bottom + len);
        }
    }
    for (ticks, len) in [(&l.y_ticks.major, TICK_LEN_PX), (&l.y_ticks.minor, 3.0)] {
        for y in ticks.iter().filter_map(|&v| l.y.to_px(v)) {
            line(out, p.left - len, y, p.left, y);
        }
    }
    if let Some(m2) = &l.y2 {
        for (ticks, len) in [(&l.y2_ticks.major, TICK_LEN_PX), (&l.y2_ticks.minor, 3.0)] {
            for y in ticks.iter().filter_map(|&v| m2.to_px(v)) {
                line(out, p.right, y, p.right + len, y);
            }
        }
    }
    out.push_str("\"/>");
    let ty = p.bottom + TICK_LEN_PX + 13.0;
    for (v, s) in l.x_ticks.major.iter().zip(&l.x_ticks.labels) {
        if let Some(x) = l.x.to_px(*v) {
            text(out, x, ty, "middle", "ip-tick", s);
        }
    }
    let mut widest = 0.0_f64;
    for (v, s) in l.y_ticks.major.iter().zip(&l.y_ticks.labels) {
        if let Some(y) = l.y.to_px(*v) {
            text(
                out,
                p.left - TICK_LEN_PX - 3.0,
                y + 4.0,
                "end",
                "ip-tick",
                s,
            );
            widest = widest.max(text_width(s, layout::TICK_FONT_PX));
        }
    }
    let mid_y = (p.top + p.bottom) / 2.0;
    if !fig.x.label.is_empty() {
        let y = p.bottom + 42.0;
        out.push_str("<text class=\"ip-axis-label\" text-anchor=\"middle\" font-size=\"12.5\"");
        attr_px(out, "x", (p.left + p.right) / 2.0);
        attr_px(out, "y", y);
        out.push('>');
        push_escaped(out, &fig.x.label);
        out.push_str("</text>");
    }
    if !fig.y.label.is_empty() {
        let x = (p.left - TICK_LEN_PX - 8.0 - widest - LABEL_FONT_PX * 0.3).max(LABEL_FONT_PX);
        rotated(out, x, mid_y, -90, &fig.y.label);
    }
    if let (Some(m2), Some(a2)) = (&l.y2, &fig.y2) {
        let mut widest2 = 0.0_f64;
        for (v, s) in l.y2_ticks.major.iter().zip(&l.y2_ticks.labels) {
            if let Some(y) = m2.to_px(*v) {
                text(
                    out,
                    p.right + TICK_LEN_PX + 3.0,
                    y + 4.0,
                    "start",
                    "ip-tick",
                    s,
                );
                widest2 = widest2.max(text_width(s, layout::TICK_FONT_PX));
            }
        }
        if !a2.label.is_empty() {
            let x = p.right + TICK_LEN_PX + 8.0 + widest2 + LABEL_FONT_PX * 0.6;
            rotated(out, x, mid_y, 90, &a2.label);
        }
    }
    out.push_str("</g>");
}

/// The heatmap's place in the plot area: a PNG image in a standalone file;
/// on the page (themed colours) an empty `<canvas>` of one pixel per cell
/// (`canvas.ip-heatmap`) that the page fills from [`super::Heatmap::rgba`],
/// so that an update puts pixels instead of fetching and decoding an image.
fn heatmap_image(out: &mut String, fig: &Figure, l: &Layout) {
    let Some(h) = &fig.heatmap else { return };
    let g = &h.grid;
    let (Some(x0), Some(x1), Some(y0), Some(y1)) = (
        l.x.to_px(g.x_min),
        l.x.to_px(g.x_max),
        l.y.to_px(g.y_min),
        l.y.to_px(g.y_max),
    ) else {
        return;
    };
    let place = |out: &mut String| {
        attr_px(out, "x", x0.min(x1));
        attr_px(out, "y", y0.min(y1));
        attr_px(out, "width", (x1 - x0).abs());
        attr_px(out, "height", (y1 - y0).abs());
    };
    if fig.colors == ColorMode::Themed {
        out.push_str("<foreignObject");
        place(out);
        let _ = write!(
            out,
            "><canvas xmlns=\"http://www.w3.org/1999/xhtml\" class=\"ip-heatmap\" width=\"{}\" height=\"{}\" \
             style=\"display:block;width:100%;height:100%;image-rendering:pixelated\"></canvas></foreignObject>",
            g.nx, g.ny
        );
        return;
    }
    let Some(png) = h.png() else { return };
    out.push_str("<image class=\"ip-heatmap\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\"");
    place(out);
    out.push_str(" href=\"data:image/png;base64,");
    push_base64(out, &png);
    out.push_str("\"/>");
}

fn data(out: &mut String, fig: &Figure, l: &Layout) {
    let c = fig.colors;
    for b in &fig.bands {
        out.push_str("<path class=\"ip-band\" fill-opacity=\"0.18\" stroke=\"none\"");
        c.paint(out, "fill", b.color);
        out.push_str(" d=\"");
        draw::band(out, l, b);
        out.push_str("\"/>");
    }
    for r in &fig.ref_lines {
        out.push_str("<path class=\"ip-ref\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\" stroke-dasharray=\"2 3\" d=\"");
        let at = draw::ref_line_at(l, r);
        if let Some(((x1, y1, x2, y2), _)) = at {
            line(out, x1, y1, x2, y2);
        }
        out.push_str("\"/>");
        if let Some((_, (x, y, anchor))) = at.filter(|_| !r.label.is_empty()) {
            out.push_str("<g fill=\"currentColor\">");
            text(out, x, y, anchor, "ip-ref-label", &r.label);
            out.push_str("</g>");
        }
    }
    for s in &fig.series {
        let y = l.y_for(s.axis);
        let pts = |k| point_px(&l.x, y, &s.x, &s.y, k);
        let (line_style, marker) = s.style.parts();
        if s.y_err.is_some() {
            out.push_str("<path class=\"ip-errorbar\" fill=\"none\" stroke-width=\"1\"");
            c.paint(out, "stroke", s.color);
            out.push_str(" d=\"");
            draw::error_bars(out, l, s);
            out.push_str("\"/>");
        }
        if let Some(dashed) = line_style {
            draw::open_line_path(out, c, dashed, s.color);
            draw::polyline(out, &l.plot, (0..s.len()).map(pts));
            out.push_str("\"/>");
        }
        if let Some(m) = marker {
            draw::open_marker_path(out, c, m, s.color);
            draw::markers(out, &l.plot, m, (0..s.len()).map(pts));
            out.push_str("\"/>");
        }
    }
}

fn marks(out: &mut String, fig: &Figure, l: &Layout) {
    for m in &fig.marks {
        let Some(((x, y), (tx, ty, anchor))) = draw::mark_at(fig, l, m) else {
            continue;
        };
        // A target symbol (ring and dot) in the text colour: distinct from
        // every series style in both themes.
        out.push_str("<g class=\"ip-mark\"><circle r=\"6.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"");
        attr_px(out, "cx", x);
        attr_px(out, "cy", y);
        out.push_str("/><circle r=\"2.5\" fill=\"currentColor\"");
        attr_px(out, "cx", x);
        attr_px(out, "cy", y);
        out.push_str("/>");
        if !m.label.is_empty() {
            out.push_str("<g fill=\"currentColor\" font-weight=\"600\">");
            text(out, tx, ty, anchor, "ip-mark-label", &m.label);
            out.push_str("</g>");
        }
        out.push_str("</g>");
    }
}

fn colorbar(out: &mut String, fig: &Figure, l: &Layout, id: &str) {
    let (Some(h), Some((left, m, ticks))) = (&fig.heatmap, &l.colorbar) else {
        return;
    };
    let p = l.plot;
    let _ = write!(
        out,
        "<defs><linearGradient id=\"{id}-cbar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
    );
    for (i, [r, g, b]) in ANCHORS.iter().enumerate() {
        let off = i as f64 / (ANCHORS.len() - 1) as f64;
        let _ = write!(
            out,
            "<stop offset=\"{off}\" stop-color=\"#{r:02x}{g:02x}{b:02x}\"/>"
        );
    }
    out.push_str("</linearGradient></defs><g class=\"ip-colorbar\" fill=\"currentColor\">");
    let _ = write!(
        out,
        "<rect stroke=\"currentColor\" stroke-width=\"0.6\" fill=\"url(#{id}-cbar)\""
    );
    attr_px(out, "x", *left);
    attr_px(out, "y", p.top);
    attr_px(out, "width", COLORBAR_PX);
    attr_px(out, "height", p.bottom - p.top);
    out.push_str("/><path fill=\"none\" stroke=\"currentColor\" d=\"");
    let bar_right = left + COLORBAR_PX;
    for y in ticks.major.iter().filter_map(|&v| m.to_px(v)) {
        line(out, bar_right, y, bar_right + TICK_LEN_PX, y);
    }
    out.push_str("\"/>");
    let mut widest = 0.0_f64;
    for (v, s) in ticks.major.iter().zip(&ticks.labels) {
        if let Some(y) = m.to_px(*v) {
            text(
                out,
                bar_right + TICK_LEN_PX + 3.0,
                y + 4.0,
                "start",
                "ip-tick",
                s,
            );
            widest = widest.max(text_width(s, layout::TICK_FONT_PX));
        }
    }
    if !h.label.is_empty() {
        let x = bar_right + TICK_LEN_PX + 8.0 + widest + LABEL_FONT_PX * 0.6;
        rotated(out, x, (p.top + p.bottom) / 2.0, 90, &h.label);
    }
    out.push_str("</g>");
}

fn note(out: &mut String, fig: &Figure, l: &Layout) {
    let hidden: usize = fig.series.iter().map(|s| draw::unplottable(l, s)).sum();
    let empty =
        fig.series.iter().all(|s| s.is_empty()) && fig.heatmap.is_none() && fig.bands.is_empty();
    let msg = if empty {
        "no data".to_string()
    } else if hidden == 1 {
        "1 point not shown (not a finite number, or ≤ 0 on a log axis)".to_string()
    } else if hidden > 1 {
        format!("{hidden} points not shown (not finite numbers, or ≤ 0 on a log axis)")
    } else {
        return;
    };
    out.push_str(
        "<g class=\"ip-note\" fill=\"currentColor\" fill-opacity=\"0.75\" font-style=\"italic\">",
    );
    let p = l.plot;
    if empty {
        text(
            out,
            (p.left + p.right) / 2.0,
            (p.top + p.bottom) / 2.0,
            "middle",
            "ip-note-text",
            &msg,
        );
    } else {
        text(
            out,
            p.left + 6.0,
            p.bottom - 6.0,
            "start",
            "ip-note-text",
            &msg,
        );
    }
    out.push_str("</g>");
}
